package org.energytrace.analytics.savings;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.AnalyticsException.Code;
import org.energytrace.analytics.MethodVersion;
import org.energytrace.analytics.baseline.BaselineFit;
import org.energytrace.analytics.baseline.DataSet;
import org.energytrace.analytics.baseline.Observation;
import org.energytrace.analytics.savings.AdjustedSavings.NotApplied;
import org.energytrace.analytics.savings.NonRoutineAdjustment.CoefficientSource;
import org.energytrace.analytics.units.Figures;

/**
 * Applies approved non-routine adjustments to a routine savings result (docs/mv-method.md,
 * "Non-routine adjustments"). Each reporting point gets the share of an adjustment that falls in
 * it: w = the part of the point's period inside [from, to] (days; 1 for a daily point inside it).
 *
 * <ul>
 *   <li>FIXED_PER_DAY: value × w (days);
 *   <li>FIXED_PER_PERIOD: value × w / days of [from, to] (a missing day keeps its share out, as a
 *       missing day keeps its energy out of the savings);
 *   <li>PERCENTAGE: value/100 × routine prediction × w / days of the point;
 *   <li>MODEL_TERM: c × x × w / days of the point, c given (FIXED) or fitted (REFITTED) by ordinary
 *       least squares of the routine residuals (actual − prediction) on an intercept and x over the
 *       points inside [from, to]; the intercept takes up the saving, so the saving is not booked to
 *       the new term.
 * </ul>
 *
 * Uncertainty: a stated standard error σ gives the half-width z·σ·(the sum it multiplies), z the
 * two-sided normal quantile at the confidence; without one, a fixed adjustment adds none (a stated
 * fact, not a model estimate). A refitted coefficient gives t(k − 2)·SE(c)·Σx. The total half-width
 * is the routine one and the adjustments' in quadrature (independent errors).
 */
public final class NonRoutineAdjustments {

  private NonRoutineAdjustments() {}

  public static AdjustedSavings apply(
      BaselineFit fit,
      DataSet reporting,
      SavingsResult routine,
      List<NonRoutineAdjustment> adjustments,
      double confidence) {
    Set<String> ids = new HashSet<>();
    for (NonRoutineAdjustment a : adjustments) {
      if (!ids.add(a.id())) {
        throw new AnalyticsException(Code.INVALID_INPUT, "adjustment " + a.id() + " appears twice");
      }
    }
    List<Observation> rows = reporting.rows();
    List<AppliedAdjustment> applied = new ArrayList<>();
    List<NotApplied> notApplied = new ArrayList<>();
    double total = 0;
    double squares = 0;
    for (NonRoutineAdjustment a : adjustments) {
      if (!a.approved()) {
        notApplied.add(
            new NotApplied(
                a,
                "status "
                    + NonRoutineAdjustment.name(a.status())
                    + ": only approved adjustments are applied"));
        continue;
      }
      double[] w = new double[rows.size()];
      double[] rowDays = new double[rows.size()];
      int points = 0;
      LocalDateTime from = a.from().atStartOfDay();
      LocalDateTime to = a.to().plusDays(1).atStartOfDay();
      for (int i = 0; i < rows.size(); i++) {
        LocalDateTime start = rows.get(i).period();
        LocalDateTime end = fit.granularity().next(start);
        rowDays[i] = days(start, end);
        LocalDateTime s = start.isAfter(from) ? start : from;
        LocalDateTime e = end.isBefore(to) ? end : to;
        w[i] = e.isAfter(s) ? days(s, e) : 0;
        if (w[i] > 0) {
          points++;
        }
      }
      if (points == 0) {
        notApplied.add(
            new NotApplied(
                a,
                "no reporting point lies in " + a.from() + ".." + a.to() + ": nothing to adjust"));
        continue;
      }
      AppliedAdjustment result = one(a, reporting, routine, w, rowDays, points, confidence);
      applied.add(result);
      total += result.amount();
      squares += result.halfWidth() * result.halfWidth();
    }
    double adjusted = routine.adjustedBaseline() + total;
    double savings = adjusted - routine.actual();
    Uncertainty ru = routine.uncertainty();
    double half = Math.sqrt(ru.halfWidth() * ru.halfWidth() + squares);
    Uncertainty u =
        new Uncertainty(
            ru.confidence(),
            ru.degreesOfFreedom(),
            ru.t(),
            ru.alpha(),
            ru.reportingMonths(),
            savings == 0 ? Double.NaN : half / Math.abs(savings),
            half,
            savings - half,
            savings + half);
    return new AdjustedSavings(
        routine,
        applied,
        notApplied,
        total,
        adjusted,
        routine.actual(),
        savings,
        savings / adjusted,
        u,
        Verifiability.ofSavings(routine),
        MethodVersion.CURRENT);
  }

  private static AppliedAdjustment one(
      NonRoutineAdjustment a,
      DataSet reporting,
      SavingsResult routine,
      double[] w,
      double[] rowDays,
      int points,
      double confidence) {
    List<Observation> rows = reporting.rows();
    double z =
        new NormalDistribution(null, 0, 1, 1e-12)
            .inverseCumulativeProbability(0.5 + confidence / 2);
    switch (a.kind()) {
      case FIXED_PER_DAY -> {
        return fixed(a, points, sum(w), z);
      }
      case FIXED_PER_PERIOD -> {
        return fixed(a, points, sum(w) / a.days(), z);
      }
      case PERCENTAGE -> {
        double base = 0;
        for (int i = 0; i < rows.size(); i++) {
          base += routine.periods().get(i).adjustedBaseline() * w[i] / rowDays[i];
        }
        return new AppliedAdjustment(
            a,
            points,
            a.value() / 100 * base,
            z * a.stdError() / 100 * Math.abs(base),
            Double.NaN,
            Double.NaN,
            stated(a, z));
      }
      case MODEL_TERM -> {
        if (!reporting.variables().contains(a.variable())) {
          throw new AnalyticsException(
              Code.INVALID_INPUT,
              "adjustment "
                  + a.id()
                  + ": the reporting data has no column '"
                  + a.variable()
                  + "' (it has "
                  + reporting.variables()
                  + ")");
        }
        double[] x = new double[rows.size()];
        int col = reporting.indexOf(a.variable());
        for (int i = 0; i < rows.size(); i++) {
          x[i] = rows.get(i).value(col) * w[i] / rowDays[i];
        }
        double sumX = sum(x);
        if (a.coefficient() == CoefficientSource.FIXED) {
          return new AppliedAdjustment(
              a,
              points,
              a.value() * sumX,
              z * a.stdError() * Math.abs(sumX),
              a.value(),
              a.stdError(),
              stated(a, z));
        }
        return refitted(a, rows, routine, w, x, sumX, points, confidence);
      }
      default -> throw new IllegalStateException(a.kind().toString());
    }
  }

  private static AppliedAdjustment refitted(
      NonRoutineAdjustment a,
      List<Observation> rows,
      SavingsResult routine,
      double[] w,
      double[] x,
      double sumX,
      int points,
      double confidence) {
    if (points < 3) {
      throw new AnalyticsException(
          Code.INSUFFICIENT_DATA,
          "adjustment "
              + a.id()
              + ": a refitted coefficient needs at least 3 reporting points in "
              + a.from()
              + ".."
              + a.to()
              + ", there are "
              + points);
    }
    double mx = 0;
    double my = 0;
    for (int i = 0; i < rows.size(); i++) {
      if (w[i] > 0) {
        mx += x[i];
        my += rows.get(i).energy() - routine.periods().get(i).adjustedBaseline();
      }
    }
    mx /= points;
    my /= points;
    double sxx = 0;
    double sxy = 0;
    for (int i = 0; i < rows.size(); i++) {
      if (w[i] > 0) {
        double y = rows.get(i).energy() - routine.periods().get(i).adjustedBaseline();
        sxx += (x[i] - mx) * (x[i] - mx);
        sxy += (x[i] - mx) * (y - my);
      }
    }
    if (!(sxx > 0)) {
      throw new AnalyticsException(
          Code.SINGULAR_MODEL,
          "adjustment "
              + a.id()
              + ": '"
              + a.variable()
              + "' is constant over the adjustment's points, its coefficient cannot be fitted;"
              + " state a fixed coefficient instead");
    }
    double c = sxy / sxx;
    double intercept = my - c * mx;
    double ss = 0;
    for (int i = 0; i < rows.size(); i++) {
      if (w[i] > 0) {
        double y = rows.get(i).energy() - routine.periods().get(i).adjustedBaseline();
        double e = y - intercept - c * x[i];
        ss += e * e;
      }
    }
    int df = points - 2;
    double se = df > 0 ? Math.sqrt(ss / df / sxx) : Double.NaN;
    double t = SavingsUncertainty.t(confidence, Math.max(df, 1));
    double half = df > 0 ? t * se * Math.abs(sumX) : Double.NaN;
    if (!Double.isFinite(half)) {
      throw new AnalyticsException(
          Code.INSUFFICIENT_DATA,
          "adjustment " + a.id() + ": too few points to estimate the refitted term's uncertainty");
    }
    return new AppliedAdjustment(
        a,
        points,
        c * sumX,
        half,
        c,
        se,
        String.format(
            Locale.ROOT,
            "refitted on %d points: t(df = %d) = %.4f x SE %s x |sum x| %s",
            points,
            df,
            t,
            Figures.significant(se),
            Figures.significant(Math.abs(sumX))));
  }

  /** A fixed amount: the stated value and its stated std error (at {@code z}) times {@code n}. */
  private static AppliedAdjustment fixed(NonRoutineAdjustment a, int points, double n, double z) {
    return new AppliedAdjustment(
        a, points, a.value() * n, z * a.stdError() * n, Double.NaN, Double.NaN, stated(a, z));
  }

  private static String stated(NonRoutineAdjustment a, double z) {
    return a.stdError() == 0
        ? "fixed, no stated uncertainty: adds none"
        : String.format(
            Locale.ROOT,
            "stated std error %s x z %.4f (normal quantile)",
            Figures.significant(a.stdError()),
            z);
  }

  private static double days(LocalDateTime a, LocalDateTime b) {
    return Duration.between(a, b).toMinutes() / (24.0 * 60.0);
  }

  private static double sum(double[] v) {
    double s = 0;
    for (double d : v) {
      s += d;
    }
    return s;
  }
}
