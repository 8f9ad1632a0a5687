package org.energytrace.analytics.dossier;

import static org.energytrace.analytics.json.Json.finiteOrNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.energytrace.analytics.MethodVersion;
import org.energytrace.analytics.baseline.DataSet;
import org.energytrace.analytics.baseline.FitStatistics;
import org.energytrace.analytics.baseline.ModelSelector;
import org.energytrace.analytics.json.Json;
import org.energytrace.analytics.report.MvAnalysis;
import org.energytrace.analytics.report.MvReport;
import org.energytrace.analytics.savings.AdjustedSavings;
import org.energytrace.analytics.savings.NonRoutineAdjustment;
import org.energytrace.analytics.savings.ProgrammeTarget;
import org.energytrace.analytics.savings.TargetProgress;
import org.energytrace.analytics.savings.Verifiability;

/**
 * The key figures of a verified-savings report ({@code figures.json}), computed from the dossier's
 * {@code baseline.csv}, {@code reporting.csv} and approved adjustments by the M&amp;V method of
 * this {@link MethodVersion}: the report generator renders them and the offline verifier recomputes
 * and compares them (docs/verification.md, "figures.json").
 */
public final class DossierFigures {

  /** The confidence levels of the savings bands reported (Guideline 14 practice). */
  public static final List<Integer> LEVELS = List.of(68, 90, 95);

  /** The confidence of target progress. */
  public static final int PROGRESS_CONFIDENCE = 90;

  /** The targets judged (Decision 1419/QĐ-TTg, 8 % and 13 % per unit of product). */
  public static final List<String> TARGETS = List.of("cp_2016_2020_low", "cp_2016_2020_high");

  /** Relative tolerance when comparing recomputed with stated figures. */
  public static final double TOLERANCE = 1e-9;

  private DossierFigures() {}

  /** The figures tree (ordered; numbers as doubles, null when undefined). */
  public static Map<String, Object> compute(
      DataSet baseline,
      DataSet reporting,
      ModelSelector.Request model,
      List<NonRoutineAdjustment> adjustments) {
    Map<String, Object> root = new LinkedHashMap<>();
    MvReport at90 = run(baseline, reporting, model, adjustments, PROGRESS_CONFIDENCE);
    AdjustedSavings a = at90.adjusted();
    FitStatistics s = at90.baseline().statistics();
    root.put("method_version", MethodVersion.CURRENT);
    root.put("model", at90.baseline().model().form().label());
    Map<String, Object> fit = new LinkedHashMap<>();
    fit.put("n", s.n());
    fit.put("p", s.p());
    fit.put("r2", finiteOrNull(s.r2()));
    fit.put("cv_rmse", finiteOrNull(s.cvRmse()));
    fit.put("nmbe", finiteOrNull(s.nmbe()));
    root.put("baseline_fit", fit);
    Verifiability v = at90.verifiability();
    root.put("verifiability", v.label());
    root.put("failed_checks", new ArrayList<Object>(v.failedFlags()));
    root.put("reporting_points", at90.reporting().m());
    root.put("actual", finiteOrNull(a.actual()));
    root.put("routine_adjusted_baseline", finiteOrNull(a.routine().adjustedBaseline()));
    root.put("routine_savings", finiteOrNull(a.routine().savings()));
    root.put("non_routine", finiteOrNull(a.nonRoutine()));
    root.put("adjusted_baseline", finiteOrNull(a.adjustedBaseline()));
    root.put("savings", finiteOrNull(a.savings()));
    root.put("savings_fraction", finiteOrNull(a.savingsFraction()));
    Map<String, Object> levels = new LinkedHashMap<>();
    for (int level : LEVELS) {
      AdjustedSavings l =
          level == PROGRESS_CONFIDENCE
              ? a
              : run(baseline, reporting, model, adjustments, level).adjusted();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("fsu", finiteOrNull(l.uncertainty().fsu()));
      m.put("savings_low", finiteOrNull(l.uncertainty().low()));
      m.put("savings_high", finiteOrNull(l.uncertainty().high()));
      levels.put(String.valueOf(level), m);
    }
    root.put("fsu", levels);
    Map<String, Object> progress = new LinkedHashMap<>();
    for (String id : TARGETS) {
      ProgrammeTarget t = ProgrammeTarget.bundled(id);
      TargetProgress p = TargetProgress.assess(a, t);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("target", t.fraction());
      m.put("status", p.status().name());
      m.put("fraction_low", finiteOrNull(p.fractionLow()));
      m.put("fraction_high", finiteOrNull(p.fractionHigh()));
      progress.put(pct(t.fraction()), m);
    }
    root.put("progress", progress);
    return root;
  }

  /**
   * The savings with their adjustments at the progress confidence, as {@link #compute} reads them:
   * each approved adjustment with the energy it booked, each other one with why it was not applied.
   * The report lists them in words; {@code figures.json} holds only their total ({@code
   * non_routine}), so a dossier's figures stay those of this method version.
   */
  public static AdjustedSavings adjusted(
      DataSet baseline,
      DataSet reporting,
      ModelSelector.Request model,
      List<NonRoutineAdjustment> adjustments) {
    return run(baseline, reporting, model, adjustments, PROGRESS_CONFIDENCE).adjusted();
  }

  /** The figures as the bytes of {@code figures.json}. */
  public static String json(Map<String, Object> figures) {
    return Json.write(figures);
  }

  /**
   * The first figure of {@code stated} that differs from {@code recomputed} (or is missing on
   * either side), as {@code path: dossier X, recomputed Y}; null when all agree. Numbers agree
   * within a relative {@link #TOLERANCE}.
   */
  public static String firstDifference(Map<String, Object> stated, Map<String, Object> recomputed) {
    Map<String, Object> a = new LinkedHashMap<>();
    Map<String, Object> b = new LinkedHashMap<>();
    flatten("", recomputed, b);
    flatten("", stated, a);
    for (Map.Entry<String, Object> e : b.entrySet()) {
      if (!a.containsKey(e.getKey())) {
        return e.getKey() + ": missing in the dossier, recomputed " + show(e.getValue());
      }
      Object x = a.get(e.getKey());
      if (!same(x, e.getValue())) {
        return e.getKey() + ": dossier " + show(x) + ", recomputed " + show(e.getValue());
      }
    }
    for (String k : a.keySet()) {
      if (!b.containsKey(k)) {
        return k + ": in the dossier but not a figure of " + MethodVersion.CURRENT;
      }
    }
    return null;
  }

  private static boolean same(Object x, Object y) {
    if (x instanceof Number m && y instanceof Number n) {
      double u = m.doubleValue();
      double v = n.doubleValue();
      return u == v
          || Math.abs(u - v) <= TOLERANCE * Math.max(1.0, Math.max(Math.abs(u), Math.abs(v)));
    }
    return x == null ? y == null : x.equals(y);
  }

  private static void flatten(String prefix, Object v, Map<String, Object> out) {
    if (v instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        flatten(
            prefix.isEmpty() ? String.valueOf(e.getKey()) : prefix + "." + e.getKey(),
            e.getValue(),
            out);
      }
    } else if (v instanceof List<?> l) {
      out.put(prefix, String.join(",", l.stream().map(String::valueOf).toList()));
    } else {
      out.put(prefix, v);
    }
  }

  private static String show(Object v) {
    return v instanceof String s ? "'" + s + "'" : String.valueOf(v);
  }

  private static MvReport run(
      DataSet baseline,
      DataSet reporting,
      ModelSelector.Request model,
      List<NonRoutineAdjustment> adjustments,
      int level) {
    return MvAnalysis.run(baseline, reporting, model, level / 100.0, adjustments);
  }

  private static String pct(double f) {
    double p = 100 * f;
    return p == Math.rint(p) ? String.valueOf((long) p) : String.format(Locale.ROOT, "%.1f", p);
  }
}
