package org.energytrace.gateway.config;

import java.time.Duration;

/**
 * How readings are batched and sent: at most {@code maxPointsPerMessage} points per message, sent
 * at once when that many wait, otherwise after letting readings gather for {@code maxLinger}; at
 * most {@code maxInFlight} unacknowledged QoS 1 messages (further capped by the broker's receive
 * maximum), at most {@code bufferCapacity} readings waiting in memory. On a clean stop the
 * publisher sends what is still buffered and waits up to {@code stopTimeout} for the broker's
 * acknowledgements before it disconnects.
 */
public record PublishConfig(
    int maxPointsPerMessage,
    int maxInFlight,
    int bufferCapacity,
    Duration maxLinger,
    Duration stopTimeout) {

  public static final int DEFAULT_MAX_POINTS_PER_MESSAGE = 100;
  public static final int DEFAULT_MAX_IN_FLIGHT = 10;
  public static final int DEFAULT_BUFFER_CAPACITY = 100_000;
  public static final Duration DEFAULT_MAX_LINGER = Duration.ofMillis(200);
  public static final Duration MAX_MAX_LINGER = Duration.ofMinutes(1);
  public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration MAX_STOP_TIMEOUT = Duration.ofMinutes(5);

  public PublishConfig(int maxPointsPerMessage, int maxInFlight, int bufferCapacity) {
    this(maxPointsPerMessage, maxInFlight, bufferCapacity, DEFAULT_MAX_LINGER);
  }

  public PublishConfig(
      int maxPointsPerMessage, int maxInFlight, int bufferCapacity, Duration maxLinger) {
    this(maxPointsPerMessage, maxInFlight, bufferCapacity, maxLinger, DEFAULT_STOP_TIMEOUT);
  }

  public PublishConfig {
    if (maxPointsPerMessage < 1 || maxPointsPerMessage > 10_000) {
      throw new IllegalArgumentException("max_points_per_message must be 1..10000");
    }
    if (maxInFlight < 1 || maxInFlight > 65_535) {
      throw new IllegalArgumentException("max_in_flight must be 1..65535");
    }
    if (bufferCapacity < maxPointsPerMessage) {
      throw new IllegalArgumentException("buffer_capacity must be >= max_points_per_message");
    }
    if (maxLinger == null || maxLinger.isNegative() || maxLinger.compareTo(MAX_MAX_LINGER) > 0) {
      throw new IllegalArgumentException("max_linger must be PT0S..PT1M");
    }
    if (stopTimeout == null
        || stopTimeout.isNegative()
        || stopTimeout.compareTo(MAX_STOP_TIMEOUT) > 0) {
      throw new IllegalArgumentException("stop_timeout must be PT0S..PT5M");
    }
  }

  public PublishConfig withStopTimeout(Duration newStopTimeout) {
    return new PublishConfig(
        maxPointsPerMessage, maxInFlight, bufferCapacity, maxLinger, newStopTimeout);
  }

  public static PublishConfig defaults() {
    return new PublishConfig(
        DEFAULT_MAX_POINTS_PER_MESSAGE, DEFAULT_MAX_IN_FLIGHT, DEFAULT_BUFFER_CAPACITY);
  }
}
