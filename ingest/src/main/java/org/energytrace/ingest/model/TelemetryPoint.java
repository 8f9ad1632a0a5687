package org.energytrace.ingest.model;

import java.time.Instant;
import java.util.Objects;

/** One reading of a telemetry batch, as it arrived. */
public record TelemetryPoint(
    String meter,
    String channel,
    Instant ts,
    double value,
    String unit,
    Quality quality,
    boolean counter,
    Integer counterBits) {
  public TelemetryPoint {
    Objects.requireNonNull(meter, "meter");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(ts, "ts");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(quality, "quality");
  }

  /** The same reading expressed in another unit, e.g. its canonical one. */
  public TelemetryPoint withValueIn(double newValue, String newUnit) {
    return new TelemetryPoint(meter, channel, ts, newValue, newUnit, quality, counter, counterBits);
  }

  public String kind() {
    return counter ? "counter" : "gauge";
  }
}
