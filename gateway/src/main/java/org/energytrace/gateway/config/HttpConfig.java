package org.energytrace.gateway.config;

/**
 * The operations endpoint: {@code /metrics} (Prometheus text format) and {@code /health}. Port 0
 * picks a free port (logged at start-up).
 */
public record HttpConfig(String bind, int port) {

  public HttpConfig {
    if (bind == null || bind.isBlank()) {
      throw new IllegalArgumentException("http.listen needs a host");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("http port must be 0..65535, was " + port);
    }
  }
}
