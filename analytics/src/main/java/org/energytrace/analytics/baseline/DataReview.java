package org.energytrace.analytics.baseline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.energytrace.analytics.json.Json;
import org.energytrace.analytics.units.Figures;

/**
 * Baseline energy values CalTRACK 2.0 asks a reviewer to look at; reported, never deciding and
 * never dropped: zero energy (§2.2.1.4 treats it as missing for electricity only, and analytics
 * does not know the carrier; at a plant a zero day is usually a real shutdown), negative energy
 * (§2.3.5: possible net metering) and values above median + 3·IQR (§2.3.6).
 *
 * @param zeroEnergy periods with energy exactly 0
 * @param negativeEnergy periods with energy below 0
 * @param extreme periods above {@code extremeLimit}
 * @param extremeLimit median + 3·(Q3 − Q1), quartiles interpolated linearly (as numpy and pandas)
 */
public record DataReview(int zeroEnergy, int negativeEnergy, int extreme, double extremeLimit) {

  public static DataReview of(double[] energy) {
    if (energy.length == 0) {
      return new DataReview(0, 0, 0, Double.NaN);
    }
    double[] sorted = energy.clone();
    Arrays.sort(sorted);
    double limit = quantile(sorted, 0.5) + 3 * (quantile(sorted, 0.75) - quantile(sorted, 0.25));
    return new DataReview(
        (int) Arrays.stream(energy).filter(v -> v == 0).count(),
        (int) Arrays.stream(energy).filter(v -> v < 0).count(),
        (int) Arrays.stream(energy).filter(v -> v > limit).count(),
        limit);
  }

  /** The q-quantile of sorted values, linear between order statistics. */
  static double quantile(double[] sorted, double q) {
    double h = (sorted.length - 1) * q;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }

  /** "; to review (…): 1 zero-energy periods kept as data, …", or "" when there is nothing. */
  public String note() {
    List<String> notes = new ArrayList<>();
    if (zeroEnergy > 0) {
      notes.add(fmt("%d zero-energy periods kept as data", zeroEnergy));
    }
    if (negativeEnergy > 0) {
      notes.add(fmt("%d negative-energy periods (net metering?)", negativeEnergy));
    }
    if (extreme > 0) {
      notes.add(
          fmt("%d periods above median + 3·IQR = %s", extreme, Figures.significant(extremeLimit)));
    }
    return notes.isEmpty()
        ? ""
        : "; to review (CalTRACK 2.0 §2.2.1.4, §2.3.5, §2.3.6): " + String.join(", ", notes);
  }

  /** {zero_energy, negative_energy, extreme, extreme_limit} for the JSON output. */
  public Map<String, Object> tree() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("zero_energy", zeroEnergy);
    m.put("negative_energy", negativeEnergy);
    m.put("extreme", extreme);
    m.put("extreme_limit", Json.finiteOrNull(extremeLimit));
    return m;
  }

  private static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
