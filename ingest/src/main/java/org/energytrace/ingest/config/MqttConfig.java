package org.energytrace.ingest.config;

import java.time.Duration;
import java.util.List;

/**
 * The MQTT 5 subscription: a persistent session (clean start off, fixed client id, session expiry)
 * so that messages not yet acknowledged after commit survive a restart of ingest.
 *
 * @param sharedGroup when not empty, topics are subscribed as {@code $share/<group>/<topic>}
 * @param queueCapacity messages handed from Paho's thread to the pipeline; when full, Paho's thread
 *     blocks (backpressure towards the broker)
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
    Duration reconnectDelay) {
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
  }

  /** Topic filters as subscribed, with the shared-subscription prefix when configured. */
  public List<String> subscriptions() {
    return sharedGroup.isEmpty()
        ? topics
        : topics.stream().map(t -> "$share/" + sharedGroup + "/" + t).toList();
  }

  public MqttConfig withUrl(String newUrl) {
    return new MqttConfig(
        newUrl,
        clientId,
        username,
        password,
        topics,
        sharedGroup,
        sessionExpiry,
        queueCapacity,
        reconnectDelay);
  }

  public MqttConfig withClientId(String newClientId) {
    return new MqttConfig(
        url,
        newClientId,
        username,
        password,
        topics,
        sharedGroup,
        sessionExpiry,
        queueCapacity,
        reconnectDelay);
  }

  @Override
  public String toString() {
    return "MqttConfig[url=" + url + ", clientId=" + clientId + ", topics=" + subscriptions() + "]";
  }
}
