package org.energytrace.ingest.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A decoded, schema-valid payload. */
public sealed interface Payload {
  String gateway();

  /** A batch of readings; {@code points} holds only those that passed the semantic checks. */
  record Telemetry(String gateway, long seq, Instant sentAt, List<TelemetryPoint> points)
      implements Payload {
    public Telemetry {
      Objects.requireNonNull(gateway, "gateway");
      points = List.copyOf(points);
    }
  }

  /** The gateway's state; {@code ts} is absent on the last will. */
  record Status(String gateway, String state, Instant ts, String reason, String softwareVersion)
      implements Payload {
    public Status {
      Objects.requireNonNull(gateway, "gateway");
      if (!"online".equals(state) && !"offline".equals(state)) {
        throw new IllegalArgumentException("state must be online or offline: " + state);
      }
    }
  }

  /** Production counts; {@code counts} holds only those that passed the semantic checks. */
  record Production(String gateway, long seq, Instant sentAt, List<ProductionCount> counts)
      implements Payload {
    public Production {
      Objects.requireNonNull(gateway, "gateway");
      counts = List.copyOf(counts);
    }
  }
}
