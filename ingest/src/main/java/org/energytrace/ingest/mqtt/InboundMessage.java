package org.energytrace.ingest.mqtt;

import java.time.Instant;
import java.util.Objects;

/** A message as received from the broker, not yet acknowledged. */
public record InboundMessage(
    String topic, byte[] payload, Instant receivedAt, int messageId, int qos) {
  public InboundMessage {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(receivedAt, "receivedAt");
    if (qos < 0 || qos > 2) {
      throw new IllegalArgumentException("qos must be 0..2: " + qos);
    }
  }
}
