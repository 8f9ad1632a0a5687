package org.energytrace.ingest.config;

/**
 * Where the HTTP API, the live feed and the pages listen, and how much a request may send. Port 0
 * picks a free port.
 *
 * @param maxBodyBytes the largest JSON request body; a larger one is answered 413
 * @param maxUploadBytes the largest file sent to an upload operation; a larger one is answered 413
 * @param uploadDir where uploaded files are spooled while their request runs (deleted when it ends,
 *     however it ends); empty = a private directory under the system's temporary directory, created
 *     at start and removed at stop
 */
public record HttpConfig(
    String host, int port, int maxBodyBytes, int maxUploadBytes, String uploadDir) {
  public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;
  public static final int DEFAULT_MAX_UPLOAD_BYTES = 1 << 20;

  public HttpConfig {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host is required");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535: " + port);
    }
    if (maxBodyBytes < 1024 || maxUploadBytes < 1024) {
      throw new IllegalArgumentException("body and upload limits must be at least 1024 bytes");
    }
    uploadDir = uploadDir == null ? "" : uploadDir;
  }

  /** With the default limits and a private upload directory. */
  public HttpConfig(String host, int port) {
    this(host, port, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_UPLOAD_BYTES, "");
  }

  public HttpConfig withPort(int newPort) {
    return new HttpConfig(host, newPort, maxBodyBytes, maxUploadBytes, uploadDir);
  }

  public HttpConfig withUploads(int maxBytes, String dir) {
    return new HttpConfig(host, port, maxBodyBytes, maxBytes, dir);
  }
}
