package org.energytrace.gateway.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Broker connection. Username and password are optional (anonymous on loopback); they come from the
 * environment through placeholders, never from the YAML in git.
 */
public record MqttConfig(
    URI url,
    Optional<String> username,
    Optional<String> password,
    String clientId,
    Duration keepAlive,
    Duration reconnectMaxBackoff,
    Optional<Tls> tls,
    Version version) {

  public static final Duration DEFAULT_RECONNECT_MAX_BACKOFF = Duration.ofSeconds(30);
  public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(30);

  /**
   * The protocol spoken to the broker: {@code auto} (default) tries MQTT 5 and falls back to 3.1.1
   * when the broker refuses 5; {@code 5} and {@code 3.1.1} speak only that version.
   */
  public enum Version {
    AUTO("auto"),
    V5("5"),
    V3_1_1("3.1.1");

    private final String text;

    Version(String text) {
      this.text = text;
    }

    /** As written in the configuration: {@code 5} or {@code 3.1.1}. */
    public String text() {
      return text;
    }

    public static Optional<Version> parse(String text) {
      for (Version v : values()) {
        if (v.text.equals(text)) {
          return Optional.of(v);
        }
      }
      return Optional.empty();
    }
  }

  /**
   * TLS for {@code ssl://}: the CA certificates (PEM) that sign the broker's certificate and, for
   * brokers that require client certificates, the gateway's key and certificate as PKCS#12.
   */
  public record Tls(
      Path caFile, Optional<Path> clientKeystore, Optional<String> clientKeystorePassword) {
    public Tls {
      Objects.requireNonNull(caFile, "caFile");
      Objects.requireNonNull(clientKeystore, "clientKeystore");
      Objects.requireNonNull(clientKeystorePassword, "clientKeystorePassword");
    }
  }

  /** Anonymous, plain TCP or TLS by the URL, default keep-alive and backoff, MQTT version auto. */
  public static MqttConfig anonymous(URI url, String clientId) {
    return new MqttConfig(
        url,
        Optional.empty(),
        Optional.empty(),
        clientId,
        DEFAULT_KEEP_ALIVE,
        DEFAULT_RECONNECT_MAX_BACKOFF,
        Optional.empty(),
        Version.AUTO);
  }

  public MqttConfig {
    Objects.requireNonNull(url, "url");
    if (!"tcp".equals(url.getScheme()) && !"ssl".equals(url.getScheme())) {
      throw new IllegalArgumentException("mqtt.url must be tcp:// or ssl://, was " + url);
    }
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    if (clientId == null || clientId.isBlank()) {
      throw new IllegalArgumentException("mqtt.client_id must not be blank");
    }
    if (keepAlive == null || keepAlive.isNegative() || keepAlive.isZero()) {
      throw new IllegalArgumentException("mqtt.keep_alive must be positive");
    }
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(version, "version");
    if (tls.isPresent() && !"ssl".equals(url.getScheme())) {
      throw new IllegalArgumentException("mqtt.tls needs an ssl:// url");
    }
    if (reconnectMaxBackoff == null || reconnectMaxBackoff.compareTo(Duration.ofMillis(100)) < 0) {
      throw new IllegalArgumentException("mqtt.reconnect_max_backoff must be at least 100 ms");
    }
  }

  public MqttConfig withTls(Optional<Tls> newTls) {
    return new MqttConfig(
        url, username, password, clientId, keepAlive, reconnectMaxBackoff, newTls, version);
  }

  public MqttConfig withVersion(Version newVersion) {
    return new MqttConfig(
        url, username, password, clientId, keepAlive, reconnectMaxBackoff, tls, newVersion);
  }

  public MqttConfig withReconnectMaxBackoff(Duration newBackoff) {
    return new MqttConfig(url, username, password, clientId, keepAlive, newBackoff, tls, version);
  }
}
