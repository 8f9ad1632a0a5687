package org.energytrace.gateway.poll;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.energytrace.gateway.config.PointTarget;

/**
 * One value read from one point: where it goes, when it was measured (UTC, millisecond precision),
 * the value in the configured unit and its quality. A bad reading carries the last known value (or
 * 0) so that the message stays valid; consumers must not use it.
 */
public record Reading(PointTarget target, Instant ts, double value, Quality quality) {

  public Reading {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(ts, "ts");
    Objects.requireNonNull(quality, "quality");
    ts = ts.truncatedTo(ChronoUnit.MILLIS);
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("value must be finite (JSON has no NaN), was " + value);
    }
  }

  public static Reading good(PointTarget target, Instant ts, double value) {
    return new Reading(target, ts, value, Quality.GOOD);
  }

  public static Reading bad(PointTarget target, Instant ts, double lastKnown) {
    return new Reading(target, ts, Double.isFinite(lastKnown) ? lastKnown : 0, Quality.BAD);
  }

  public Reading withQuality(Quality newQuality) {
    return new Reading(target, ts, value, newQuality);
  }

  public boolean isProduction() {
    return target instanceof PointTarget.ProductionLine;
  }
}
