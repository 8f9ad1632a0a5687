package org.energytrace.ingest.model;

import java.time.Instant;
import java.util.Objects;

/** A received message with its validation outcome, ready to be stored or quarantined. */
public record Incoming(String topic, byte[] payload, Instant receivedAt, Validated validated) {
  public Incoming {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(validated, "validated");
  }

  public Incoming withValidated(Validated value) {
    return new Incoming(topic, payload, receivedAt, value);
  }
}
