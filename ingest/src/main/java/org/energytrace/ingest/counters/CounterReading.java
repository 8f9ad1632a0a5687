package org.energytrace.ingest.counters;

import java.time.Instant;
import java.util.Objects;

/** One raw reading of a cumulative register (value as published, before the multiplier). */
public record CounterReading(Instant ts, double value) {
  public CounterReading {
    Objects.requireNonNull(ts, "ts");
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("value must be finite: " + value);
    }
  }
}
