package org.energytrace.gateway.simulator;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The knobs of the simulated plant: from {@code measureDate} (start of day in {@code zone}) the
 * energy per unit made drops by {@code savingPercent}; the base load does not change.
 */
public record SimulationParameters(
    LocalDate measureDate, double savingPercent, ZoneId zone, long seed) {

  public SimulationParameters {
    Objects.requireNonNull(measureDate, "measureDate");
    Objects.requireNonNull(zone, "zone");
    if (!(savingPercent >= 0 && savingPercent < 100)) {
      throw new IllegalArgumentException(
          "saving percent must be 0 <= s < 100, was " + savingPercent);
    }
  }

  public static SimulationParameters defaults() {
    return new SimulationParameters(
        LocalDate.of(2026, 12, 1), 10, ZoneId.of("Asia/Ho_Chi_Minh"), 42);
  }
}
