package org.energytrace.ingest.config;

import java.time.Duration;
import java.util.List;

/**
 * The MQTT 5 subscription: a persistent session (clean start off, fixed client id, session expiry)
 * so that messages not yet acknowledged after commit survive a restart of ingest.
 *
 * @param sharedGroup when not empty, topics are subscribed as {@code $share/<group>/<topic>}
 * @param queueCapacity messages handed from Paho's thread to the pipeline; when full, Paho's thread
 *     blocks (backpressure towards the broker); also the MQTT receive maximum
 * @param reconnectDelay the first pause before connecting again after a failed attempt or a lost
 *     connection; doubled after each failed attempt up to {@code reconnectMaxDelay}
 * @param keepAlive the MQTT keep-alive: ingest pings the broker when nothing was received for this
 *     long, and a connection that has not answered within 1.5 times it is taken as dead
 * @param reconnectMaxDelay the longest pause between two connection attempts
 * @param queueMaxBytes payload bytes in the hand-over queue at most (a single larger message is
 *     still taken when the queue is empty)
 */
public record MqttConfig(
    String url,
    String clientId,
    String username,
    String password,
    List<String> topics,
    String sharedGroup,
    Duration sessionExpiry,
    int queueCapacity,
    Duration reconnectDelay,
    Duration keepAlive,
    Duration reconnectMaxDelay,
    long queueMaxBytes) {
  public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(30);
  public static final Duration DEFAULT_RECONNECT_MAX_DELAY = Duration.ofSeconds(30);
  public static final long DEFAULT_QUEUE_MAX_BYTES = 64L << 20;

  /** With the default keep-alive, longest reconnect pause and queue byte bound. */
  public MqttConfig(
      String url,
      String clientId,
      String username,
      String password,
      List<String> topics,
      String sharedGroup,
      Duration sessionExpiry,
      int queueCapacity,
      Duration reconnectDelay) {
    this(
        url,
        clientId,
        username,
        password,
        topics,
        sharedGroup,
        sessionExpiry,
        queueCapacity,
        reconnectDelay,
        DEFAULT_KEEP_ALIVE,
        reconnectDelay.compareTo(DEFAULT_RECONNECT_MAX_DELAY) > 0
            ? reconnectDelay
            : DEFAULT_RECONNECT_MAX_DELAY,
        DEFAULT_QUEUE_MAX_BYTES);
  }

  public MqttConfig {
    if (url == null || !(url.startsWith("tcp://") || url.startsWith("ssl://"))) {
      throw new IllegalArgumentException("url must start with tcp:// or ssl://: " + url);
    }
    if (clientId == null || clientId.isBlank() || clientId.length() > 128) {
      throw new IllegalArgumentException("client id is required (at most 128 characters)");
    }
    username = username == null || username.isBlank() ? null : username;
    password = password == null || password.isBlank() ? null : password;
    topics = List.copyOf(topics);
    if (topics.isEmpty()) {
      throw new IllegalArgumentException("at least one topic is required");
    }
    sharedGroup = sharedGroup == null ? "" : sharedGroup;
    if (!sharedGroup.isEmpty() && !sharedGroup.matches("[A-Za-z0-9_-]{1,64}")) {
      throw new IllegalArgumentException("shared group must match [A-Za-z0-9_-]{1,64}");
    }
    if (sessionExpiry.isNegative() || sessionExpiry.getSeconds() > 0xFFFFFFFFL) {
      throw new IllegalArgumentException("session expiry out of range: " + sessionExpiry);
    }
    if (queueCapacity < 1) {
      throw new IllegalArgumentException("queue capacity must be positive");
    }
    if (reconnectDelay.isNegative() || reconnectDelay.isZero()) {
      throw new IllegalArgumentException("reconnect delay must be positive");
    }
    if (keepAlive.toMillis() < 1000 || keepAlive.getSeconds() > 65_535) {
      // MQTT 5 §3.1.2.10: a two-byte number of seconds; 0 (no keep-alive) is not offered
      throw new IllegalArgumentException("keep alive must be 1 s to 65535 s: " + keepAlive);
    }
    if (reconnectMaxDelay.compareTo(reconnectDelay) < 0) {
      throw new IllegalArgumentException(
          "reconnect max delay ("
              + reconnectMaxDelay
              + ") must not be shorter than the reconnect delay ("
              + reconnectDelay
              + ")");
    }
    if (queueMaxBytes < 1024) {
      throw new IllegalArgumentException("queue max bytes must be at least 1024");
    }
  }

  /** Topic filters as subscribed, with the shared-subscription prefix when configured. */
  public List<String> subscriptions() {
    return sharedGroup.isEmpty()
        ? topics
        : topics.stream().map(t -> "$share/" + sharedGroup + "/" + t).toList();
  }

  public MqttConfig withUrl(String newUrl) {
    return RecordCopy.with(this, "url", newUrl);
  }

  public MqttConfig withClientId(String newClientId) {
    return RecordCopy.with(this, "clientId", newClientId);
  }

  /** With another keep-alive, first and longest reconnect pause. */
  public MqttConfig withTiming(Duration newKeepAlive, Duration newDelay, Duration newMaxDelay) {
    return RecordCopy.with(
        this,
        "keepAlive",
        newKeepAlive,
        "reconnectDelay",
        newDelay,
        "reconnectMaxDelay",
        newMaxDelay);
  }

  public MqttConfig withQueue(int newCapacity, long newMaxBytes) {
    return RecordCopy.with(this, "queueCapacity", newCapacity, "queueMaxBytes", newMaxBytes);
  }

  @Override
  public String toString() {
    return "MqttConfig[url=" + url + ", clientId=" + clientId + ", topics=" + subscriptions() + "]";
  }
}
