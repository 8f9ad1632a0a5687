package org.energytrace.gateway.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * One value read from one point: where it goes, when it was measured (UTC, millisecond precision),
 * the value in the configured unit and its quality. A bad reading carries the last known value (or
 * 0) so that the message stays valid; consumers must not use it.
 *
 * <p>{@code value} is a double. Where the meter's value has more digits than a double keeps (a
 * 64-bit counter above 2^53: 81985529216486895 would become 81985529216486896), {@code exact} holds
 * it, and that is what goes on the wire ({@link #wireValue()}); otherwise {@code exact} is empty.
 */
public record Reading(
    PointTarget target, Instant ts, double value, Quality quality, Optional<BigDecimal> exact) {

  public Reading {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(ts, "ts");
    Objects.requireNonNull(quality, "quality");
    Objects.requireNonNull(exact, "exact");
    ts = ts.truncatedTo(ChronoUnit.MILLIS);
    if (exact.isPresent()) {
      BigDecimal e = exact.get().stripTrailingZeros();
      if (e.scale() < 0) {
        e = e.setScale(0);
      }
      exact = Optional.of(e);
      value = e.doubleValue();
    }
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("value must be finite (JSON has no NaN), was " + value);
    }
  }

  public Reading(PointTarget target, Instant ts, double value, Quality quality) {
    this(target, ts, value, quality, Optional.empty());
  }

  public static Reading good(PointTarget target, Instant ts, double value) {
    return new Reading(target, ts, value, Quality.GOOD);
  }

  /**
   * A reading of a decimal value, kept exactly where a double would change it (and as a double
   * otherwise, so that ordinary values stay ordinary).
   */
  public static Reading of(PointTarget target, Instant ts, BigDecimal value, Quality quality) {
    double d = value.doubleValue();
    boolean doubleKeepsIt = Double.isFinite(d) && BigDecimal.valueOf(d).compareTo(value) == 0;
    return doubleKeepsIt
        ? new Reading(target, ts, d, quality)
        : new Reading(target, ts, d, quality, Optional.of(value));
  }

  public static Reading bad(PointTarget target, Instant ts, double lastKnown) {
    return new Reading(target, ts, Double.isFinite(lastKnown) ? lastKnown : 0, Quality.BAD);
  }

  public Reading withQuality(Quality newQuality) {
    return new Reading(target, ts, value, newQuality, exact);
  }

  /** The value as the wire contract carries it: exact where it has to be, else the double. */
  public Number wireValue() {
    return exact.isPresent() ? exact.get() : (Number) value;
  }

  /** The value as a plain decimal, without an exponent: 81985529216486895, 41.37, 0.0001. */
  public String plainValue() {
    return exact.orElseGet(() -> BigDecimal.valueOf(value)).toPlainString();
  }

  public boolean isProduction() {
    return target instanceof PointTarget.ProductionLine;
  }
}
