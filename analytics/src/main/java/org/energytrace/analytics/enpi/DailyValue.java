package org.energytrace.analytics.enpi;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.AnalyticsException.Code;

/** A daily total (energy or production). A day without a value is simply absent. */
public record DailyValue(LocalDate day, double value) {

  public DailyValue {
    Objects.requireNonNull(day, "day");
    if (!Double.isFinite(value) || value < 0) {
      throw new IllegalArgumentException("daily value must be finite and >= 0 on " + day);
    }
  }

  /** The values by day; a day given twice is refused, naming {@code what} the values are of. */
  public static Map<LocalDate, Double> byDay(List<DailyValue> values, String what) {
    Map<LocalDate, Double> map = new HashMap<>();
    for (DailyValue v : values) {
      if (map.put(v.day(), v.value()) != null) {
        throw new AnalyticsException(
            Code.INVALID_INPUT, "duplicate day " + v.day() + " for " + what);
      }
    }
    return map;
  }
}
