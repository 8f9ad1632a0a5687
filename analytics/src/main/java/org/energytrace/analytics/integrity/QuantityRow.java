package org.energytrace.analytics.integrity;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One day's stored quantity of a production (or manually entered) series as sealed: the day, the
 * quantity and its unit.
 */
public record QuantityRow(LocalDate day, double value, String unit) {

  public QuantityRow {
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(unit, "unit");
    DayDigest.requireField(unit, "unit");
  }

  /** The canonical line: {@code yyyy-mm-dd|value_bits|unit\n} (value_bits as in ReadingRow). */
  public String canonical() {
    return day + "|" + DayDigest.bits(value) + "|" + unit + "\n";
  }
}
