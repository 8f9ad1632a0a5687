package org.energytrace.ingest.mqtt;

import java.time.Instant;
import java.util.Objects;

/**
 * A message as received from the broker, not yet acknowledged.
 *
 * @param connection the connection it arrived on (the subscriber's count of connections): its
 *     acknowledgement belongs to that connection and is not sent on another
 */
public record InboundMessage(
    String topic, byte[] payload, Instant receivedAt, int messageId, int qos, long connection) {

  /** A message of no particular connection (sources without one). */
  public InboundMessage(String topic, byte[] payload, Instant receivedAt, int messageId, int qos) {
    this(topic, payload, receivedAt, messageId, qos, 0);
  }

  public InboundMessage {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(receivedAt, "receivedAt");
    if (qos < 0 || qos > 2) {
      throw new IllegalArgumentException("qos must be 0..2: " + qos);
    }
  }
}
