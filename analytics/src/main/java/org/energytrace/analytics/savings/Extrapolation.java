package org.energytrace.analytics.savings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.energytrace.analytics.baseline.BaselineFit;
import org.energytrace.analytics.baseline.DataSet;
import org.energytrace.analytics.baseline.Observation;
import org.energytrace.analytics.baseline.ValidityCheck;
import org.energytrace.analytics.baseline.VariableRange;
import org.energytrace.analytics.json.Json;
import org.energytrace.analytics.units.Figures;

/**
 * How much of a reporting period the baseline model extrapolates: the reporting points with a model
 * variable outside its baseline [min, max] (DOE EnPI), and the part of the adjusted baseline and of
 * the savings computed on them. The check {@code reporting_within_baseline_range} fails only when
 * those points carry more than {@link #MAX_SHARE} of the adjusted baseline: a few hot days beyond
 * the baseline's hottest (6 of 365 in issue 21) are reported, not a reason to discard the whole
 * result.
 *
 * @param points reporting points (m)
 * @param pointsOutside points with at least one model variable outside its baseline range
 * @param adjustedBaseline Σ model prediction over all reporting points
 * @param adjustedBaselineOutside Σ model prediction over the points outside
 * @param savingsOutside Σ (prediction − actual) over the points outside
 * @param outsideByVariable per model variable, how many reporting values lie outside its range
 * @param ranges the baseline range of each model variable, in model order
 */
public record Extrapolation(
    int points,
    int pointsOutside,
    double adjustedBaseline,
    double adjustedBaselineOutside,
    double savingsOutside,
    Map<String, Integer> outsideByVariable,
    List<VariableRange> ranges) {

  /** The largest share of the adjusted baseline that may rest on extrapolated points. */
  public static final double MAX_SHARE = 0.05;

  public static final String FLAG = "reporting_within_baseline_range";

  public Extrapolation {
    outsideByVariable = Map.copyOf(Objects.requireNonNull(outsideByVariable, "outsideByVariable"));
    ranges = List.copyOf(ranges);
  }

  /** Evaluates every reporting point against the baseline ranges of the model's variables. */
  public static Extrapolation of(BaselineFit fit, DataSet reporting, List<PeriodSavings> periods) {
    if (periods.size() != reporting.size()) {
      throw new IllegalArgumentException("one period result per reporting row");
    }
    Map<String, Integer> byVariable = new LinkedHashMap<>();
    int[] index = new int[fit.ranges().size()];
    for (int v = 0; v < index.length; v++) {
      index[v] = reporting.indexOf(fit.ranges().get(v).variable());
      byVariable.put(fit.ranges().get(v).variable(), 0);
    }
    int outside = 0;
    double total = 0;
    double totalOutside = 0;
    double savingsOutside = 0;
    for (int i = 0; i < reporting.size(); i++) {
      Observation row = reporting.rows().get(i);
      PeriodSavings p = periods.get(i);
      total += p.adjustedBaseline();
      boolean out = false;
      for (int v = 0; v < index.length; v++) {
        VariableRange r = fit.ranges().get(v);
        if (!r.contains(row.value(index[v]))) {
          byVariable.merge(r.variable(), 1, Integer::sum);
          out = true;
        }
      }
      if (out) {
        outside++;
        totalOutside += p.adjustedBaseline();
        savingsOutside += p.savings();
      }
    }
    return new Extrapolation(
        reporting.size(), outside, total, totalOutside, savingsOutside, byVariable, fit.ranges());
  }

  public double shareOfPoints() {
    return points == 0 ? 0.0 : (double) pointsOutside / points;
  }

  /** |adjusted baseline on the points outside| / |adjusted baseline|. */
  public double shareOfAdjustedBaseline() {
    if (pointsOutside == 0) {
      return 0.0;
    }
    return adjustedBaseline == 0
        ? Double.POSITIVE_INFINITY
        : Math.abs(adjustedBaselineOutside) / Math.abs(adjustedBaseline);
  }

  public boolean withinTolerance() {
    return shareOfAdjustedBaseline() <= MAX_SHARE;
  }

  /** The validity check, passed when at most 5 % of the adjusted baseline is extrapolated. */
  public ValidityCheck check() {
    if (pointsOutside == 0) {
      return new ValidityCheck(FLAG, true, "every reporting value lies inside the baseline range");
    }
    List<String> variables = new ArrayList<>();
    for (VariableRange r : ranges) {
      int n = outsideByVariable.getOrDefault(r.variable(), 0);
      if (n > 0) {
        variables.add(
            fmt(
                "%s: %d of %d reporting values outside the baseline range [%s, %s]",
                r.variable(),
                n,
                points,
                Figures.significant(r.min()),
                Figures.significant(r.max())));
      }
    }
    String measured =
        fmt(
            "%s; %d of %d reporting points (%.1f %%) are extrapolated and carry %.1f %% of the"
                + " adjusted baseline (%s) and %s of the savings",
            String.join("; ", variables),
            pointsOutside,
            points,
            100 * shareOfPoints(),
            100 * shareOfAdjustedBaseline(),
            Figures.significant(adjustedBaselineOutside),
            Figures.significant(savingsOutside));
    return withinTolerance()
        ? new ValidityCheck(
            FLAG,
            true,
            "extrapolation within tolerance (at most 5 % of the adjusted baseline): " + measured)
        : new ValidityCheck(
            FLAG, false, "extrapolation: " + measured + ", more than 5 % of the adjusted baseline");
  }

  /**
   * {points_outside, share_of_points, adjusted_baseline_outside, share_of_adjusted_baseline, …}.
   */
  public Map<String, Object> tree() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("points_outside", pointsOutside);
    m.put("share_of_points", shareOfPoints());
    m.put("adjusted_baseline_outside", adjustedBaselineOutside);
    double share = shareOfAdjustedBaseline();
    m.put("share_of_adjusted_baseline", Json.finiteOrNull(share));
    m.put("savings_outside", savingsOutside);
    m.put("max_share", MAX_SHARE);
    Map<String, Object> byVariable = new LinkedHashMap<>();
    for (VariableRange r : ranges) {
      byVariable.put(r.variable(), outsideByVariable.getOrDefault(r.variable(), 0));
    }
    m.put("outside_by_variable", byVariable);
    return m;
  }

  private static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
