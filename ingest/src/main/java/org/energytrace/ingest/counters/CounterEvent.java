package org.energytrace.ingest.counters;

import java.time.Instant;
import java.util.Objects;

/**
 * Metadata recorded for a counter channel at {@code ts}, applying to readings after {@code ts}.
 *
 * <ul>
 *   <li>{@link Kind#REPLACEMENT}: the meter was exchanged; the old register read {@code closing}
 *       when removed, the new one {@code opening} when installed.
 *   <li>{@link Kind#MULTIPLIER_CHANGE}: a CT (or PT) ratio changed; the register read {@code
 *       closing} (= {@code opening}) at the change.
 * </ul>
 *
 * @param multiplier the factor from register units to energy after the event (the CT ratio times
 *     any scale; 1 when the register counts energy directly)
 */
public record CounterEvent(
    Instant ts, Kind kind, double closing, double opening, double multiplier) {
  public enum Kind {
    REPLACEMENT,
    MULTIPLIER_CHANGE
  }

  public CounterEvent {
    Objects.requireNonNull(ts, "ts");
    Objects.requireNonNull(kind, "kind");
    if (!Double.isFinite(closing) || !Double.isFinite(opening)) {
      throw new IllegalArgumentException("closing and opening must be finite");
    }
    if (!(multiplier > 0) || !Double.isFinite(multiplier)) {
      throw new IllegalArgumentException("multiplier must be positive: " + multiplier);
    }
    if (kind == Kind.MULTIPLIER_CHANGE && closing != opening) {
      throw new IllegalArgumentException("a multiplier change has one register value");
    }
  }

  public static CounterEvent replacement(
      Instant ts, double closing, double opening, double multiplier) {
    return new CounterEvent(ts, Kind.REPLACEMENT, closing, opening, multiplier);
  }

  public static CounterEvent multiplierChange(Instant ts, double register, double multiplier) {
    return new CounterEvent(ts, Kind.MULTIPLIER_CHANGE, register, register, multiplier);
  }
}
