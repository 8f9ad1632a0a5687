package org.energytrace.analytics.enpi;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.AnalyticsException.Code;
import org.energytrace.analytics.MethodVersion;
import org.energytrace.analytics.units.ConversionFactor;

/**
 * Specific energy consumption (ISO 50006 EnPI; the sector norms' definition): energy / units of
 * product, per day, ISO week or month, from aligned daily series. A day counts only when both
 * series have a value; every other day is listed as missing, never filled.
 */
public final class SecCalculator {

  private SecCalculator() {}

  /**
   * @param from first day (inclusive)
   * @param to last day (inclusive)
   * @param meteredUnit the unit of the energy values (e.g. kWh)
   * @param conversion converts metered energy (e.g. kWh → MJ or TOE); null keeps the metered unit
   */
  public static SecSeries compute(
      List<DailyValue> energy,
      List<DailyValue> production,
      Bucket bucket,
      LocalDate from,
      LocalDate to,
      String meteredUnit,
      ConversionFactor conversion) {
    if (to.isBefore(from)) {
      throw new AnalyticsException(Code.INVALID_INPUT, "span ends before it starts");
    }
    if (conversion != null && !conversion.unit().equals(meteredUnit)) {
      throw new AnalyticsException(
          Code.INVALID_INPUT,
          "conversion is from " + conversion.unit() + ", energy is in " + meteredUnit);
    }
    Map<LocalDate, Double> e = index(energy, "energy");
    Map<LocalDate, Double> p = index(production, "production");
    double factor = conversion == null ? 1.0 : conversion.factor();
    List<SecPoint> points = new ArrayList<>();
    List<LocalDateTime> missing = new ArrayList<>();
    int expectedDays = 0;
    for (LocalDate start = bucket.start(from); !start.isAfter(to); start = bucket.next(start)) {
      int expected = 0;
      int present = 0;
      double sumE = 0;
      double sumP = 0;
      for (LocalDate d = start; d.isBefore(bucket.next(start)); d = d.plusDays(1)) {
        if (d.isBefore(from) || d.isAfter(to)) {
          continue;
        }
        expected++;
        if (e.containsKey(d) && p.containsKey(d)) {
          present++;
          sumE += e.get(d) * factor;
          sumP += p.get(d);
        } else {
          missing.add(d.atStartOfDay());
        }
      }
      expectedDays += expected;
      double sec = present > 0 && sumP > 0 ? sumE / sumP : Double.NaN;
      points.add(new SecPoint(start, expected, present, sumE, sumP, sec, present == expected));
    }
    Coverage coverage =
        new Coverage(
            from.atStartOfDay(),
            to.atStartOfDay(),
            expectedDays,
            expectedDays - missing.size(),
            missing);
    return new SecSeries(
        bucket,
        conversion == null ? meteredUnit : conversion.toUnit(),
        points,
        coverage,
        conversion,
        MethodVersion.CURRENT);
  }

  private static Map<LocalDate, Double> index(List<DailyValue> values, String what) {
    Map<LocalDate, Double> map = new HashMap<>();
    for (DailyValue v : values) {
      if (map.put(v.day(), v.value()) != null) {
        throw new AnalyticsException(Code.INVALID_INPUT, "duplicate " + what + " day " + v.day());
      }
    }
    return map;
  }
}
