package org.energytrace.analytics.integrity;

import java.util.Locale;
import java.util.Objects;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.AnalyticsException.Code;

/**
 * One stored reading of a channel as sealed: its time in microseconds since the Unix epoch (UTC),
 * its value, its quality (0 good, 1 uncertain, 2 bad) and its unit.
 */
public record ReadingRow(long tsEpochMicros, double value, int quality, String unit) {

  public ReadingRow {
    Objects.requireNonNull(unit, "unit");
    if (quality < 0) {
      throw new AnalyticsException(Code.INVALID_INPUT, "quality must be >= 0: " + quality);
    }
    DayDigest.requireField(unit, "unit");
  }

  /**
   * The canonical line: {@code ts_epoch_micros|value_bits|quality|unit\n}, with {@code value_bits}
   * the 16 lowercase hex digits of the IEEE 754 binary64 encoding ({@link Double#doubleToLongBits},
   * NaNs collapsed to 7ff8000000000000).
   */
  public String canonical() {
    return tsEpochMicros + "|" + DayDigest.bits(value) + "|" + quality + "|" + unit + "\n";
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%d %s q%d %s", tsEpochMicros, value, quality, unit);
  }
}
