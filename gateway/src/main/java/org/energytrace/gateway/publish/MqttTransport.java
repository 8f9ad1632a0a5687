package org.energytrace.gateway.publish;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.energytrace.gateway.config.MqttConfig;

/**
 * One broker connection as the publisher needs it, in MQTT 5 ({@link Mqtt5Transport}) or MQTT 3.1.1
 * ({@link Mqtt3Transport}): connect with a clean session and a retained last will, publish at QoS 1
 * with a callback on PUBACK, disconnect. Reconnecting, the in-flight bound, batching and the buffer
 * stay in {@link MqttPublisher}, the same for both versions.
 */
interface MqttTransport extends AutoCloseable {

  /** The retained message the broker publishes when the connection is lost without DISCONNECT. */
  record Will(String topic, byte[] payload) {}

  /**
   * Connects (clean session, the will retained at QoS 1). Returns the broker's Receive Maximum when
   * it announces one (MQTT 5 §3.2.2.3.3); MQTT 3.1.1 has none.
   */
  OptionalInt connect(Will will) throws TransportException;

  boolean isConnected();

  /**
   * Publishes at QoS 1; {@code done} is told {@code true} on PUBACK, {@code false} when the message
   * will not be acknowledged. A thrown exception means {@code done} is never called.
   */
  void publish(String topic, byte[] payload, boolean retained, Consumer<Boolean> done)
      throws TransportException;

  void disconnect(Duration timeout) throws TransportException;

  @Override
  void close();

  /** The protocol version this transport speaks, as written in the configuration. */
  String version();

  /** The transport to try first for the configured version ({@code auto} starts with MQTT 5). */
  static MqttTransport create(MqttConfig mqtt, int maxInFlight) {
    return switch (mqtt.version()) {
      case V5, AUTO -> new Mqtt5Transport(mqtt);
      case V3_1_1 -> new Mqtt3Transport(mqtt, maxInFlight);
    };
  }

  /** The broker refused or could not be reached; the message names the reason. */
  final class TransportException extends Exception {
    private final boolean protocolRefused;

    TransportException(String message, Throwable cause) {
      this(message, cause, false);
    }

    /**
     * @param protocolRefused the broker answered the CONNECT in a way that says it may not speak
     *     this protocol version (MQTT 5 reason 0x84, or an MQTT 3.1.1 CONNACK, which Paho's MQTT 5
     *     client reports as "Invalid Return code")
     */
    TransportException(String message, Throwable cause, boolean protocolRefused) {
      super(message, cause);
      this.protocolRefused = protocolRefused;
    }

    boolean protocolRefused() {
      return protocolRefused;
    }
  }
}
