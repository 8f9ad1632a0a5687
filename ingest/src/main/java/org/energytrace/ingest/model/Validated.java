package org.energytrace.ingest.model;

import java.util.List;
import java.util.Objects;

/**
 * Outcome of validating one MQTT message.
 *
 * @param topic parsed topic, or null when the topic itself was refused
 * @param payload decoded payload, or null when the whole message was refused
 * @param refusals why the message (payload null) or individual points (payload present) were
 *     refused; empty when everything was accepted
 */
public record Validated(TopicName topic, Payload payload, List<String> refusals) {
  public Validated {
    refusals = List.copyOf(refusals);
    if (payload == null && refusals.isEmpty()) {
      throw new IllegalArgumentException("a refused message needs a reason");
    }
    if (payload != null) {
      Objects.requireNonNull(topic, "topic");
    }
  }

  public static Validated refused(TopicName topic, String reason) {
    return new Validated(topic, null, List.of(reason));
  }

  public boolean refusedWhole() {
    return payload == null;
  }

  /** Whether something (the message or some of its points) goes to quarantine. */
  public boolean needsQuarantine() {
    return !refusals.isEmpty();
  }

  public String reason() {
    return String.join("; ", refusals);
  }
}
