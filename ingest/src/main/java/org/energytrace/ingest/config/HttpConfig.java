package org.energytrace.ingest.config;

/** Where the HTTP API, the live feed and the pages listen. Port 0 picks a free port. */
public record HttpConfig(String host, int port) {
  public HttpConfig {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host is required");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535: " + port);
    }
  }

  public HttpConfig withPort(int newPort) {
    return new HttpConfig(host, newPort);
  }
}
