package org.energytrace.gateway.config;

import java.time.Duration;

/**
 * The operations endpoint: {@code /metrics} (Prometheus text format) and {@code /health}. Port 0
 * picks a free port (logged at start-up). {@code /health} answers 503 when the broker has been
 * unreachable for longer than {@code brokerGrace} or the oldest reading waiting for delivery is
 * older than {@code maxBufferAge}.
 */
public record HttpConfig(String bind, int port, Duration brokerGrace, Duration maxBufferAge) {

  public static final Duration DEFAULT_BROKER_GRACE = Duration.ofMinutes(1);
  public static final Duration DEFAULT_MAX_BUFFER_AGE = Duration.ofMinutes(15);

  public HttpConfig(String bind, int port) {
    this(bind, port, DEFAULT_BROKER_GRACE, DEFAULT_MAX_BUFFER_AGE);
  }

  public HttpConfig {
    if (bind == null || bind.isBlank()) {
      throw new IllegalArgumentException("http.listen needs a host");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("http port must be 0..65535, was " + port);
    }
    if (brokerGrace == null || brokerGrace.isNegative()) {
      throw new IllegalArgumentException("http.health.broker_grace must be PT0S or more");
    }
    if (maxBufferAge == null || maxBufferAge.isNegative() || maxBufferAge.isZero()) {
      throw new IllegalArgumentException("http.health.max_buffer_age must be positive");
    }
  }
}
