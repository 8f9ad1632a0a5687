package org.energytrace.analytics.savings;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.AnalyticsException.Code;
import org.energytrace.analytics.MethodVersion;
import org.energytrace.analytics.baseline.BaselineFit;
import org.energytrace.analytics.baseline.DataSet;
import org.energytrace.analytics.baseline.ModelSelector;
import org.energytrace.analytics.baseline.Observation;
import org.energytrace.analytics.baseline.Validity;
import org.energytrace.analytics.baseline.ValidityCheck;
import org.energytrace.analytics.enpi.Coverage;

/** Avoided energy, its uncertainty and the per-period and cumulative savings (IPMVP Option B/C). */
public final class SavingsCalculator {

  /** Guideline 14: savings should exceed twice their standard error, i.e. FSU ≤ 50 % at 68 %. */
  public static final double FSU_LIMIT = 0.5;

  public static final double FSU_LIMIT_CONFIDENCE = 0.68;

  private SavingsCalculator() {}

  /**
   * {@link #avoidedEnergy} plus the approved non-routine adjustments (IPMVP static factors),
   * reported apart from the routine part ({@link NonRoutineAdjustments}).
   */
  public static AdjustedSavings withAdjustments(
      BaselineFit fit,
      DataSet reporting,
      List<NonRoutineAdjustment> adjustments,
      double confidence) {
    SavingsResult routine = avoidedEnergy(fit, reporting, confidence);
    return NonRoutineAdjustments.apply(fit, reporting, routine, adjustments, confidence);
  }

  /**
   * Evaluates the baseline model with the reporting period's conditions (the adjusted baseline) and
   * subtracts the reporting period's energy. Only periods with data count (m); gaps are reported in
   * {@code coverage}, never filled.
   */
  public static SavingsResult avoidedEnergy(BaselineFit fit, DataSet reporting, double confidence) {
    if (reporting.size() == 0) {
      throw new AnalyticsException(Code.INSUFFICIENT_DATA, "the reporting period has no data");
    }
    List<PeriodSavings> periods = new ArrayList<>();
    double actual = 0;
    double adjusted = 0;
    for (Observation row : reporting.rows()) {
      double predicted = fit.model().predict(reporting, row);
      actual += row.energy();
      adjusted += predicted;
      // IPMVP avoided energy: adjusted baseline − reporting-period energy
      periods.add(
          new PeriodSavings(
              row.period(), row.energy(), predicted, predicted - row.energy(), adjusted - actual));
    }
    double savings = adjusted - actual;
    int m = reporting.size();
    double months =
        SavingsUncertainty.reportingMonths(
            fit.granularity(),
            reporting.rows().get(0).period(),
            reporting.rows().get(m - 1).period());
    Uncertainty u =
        SavingsUncertainty.of(
            fit.statistics(), fit.granularity(), m, months, confidence, savings, adjusted);

    List<String> products = ModelSelector.productionVariables(reporting);
    double perUnit = Double.NaN;
    if (!products.isEmpty()) {
      double total = 0;
      for (String p : products) {
        for (double v : reporting.column(p)) {
          total += v;
        }
      }
      perUnit = total > 0 ? savings / total : Double.NaN;
    }

    // DOE EnPI extrapolation, with a stated tolerance (issue 21): share and energy are reported
    Extrapolation extrapolation = Extrapolation.of(fit, reporting, periods);
    Validity validity = fit.validity().with(extrapolation.check());
    double rel68 =
        SavingsUncertainty.relativeHalfWidth(
            fit.statistics(), fit.granularity(), m, months, FSU_LIMIT_CONFIDENCE);
    double fsu68 = savings == 0 ? Double.POSITIVE_INFINITY : rel68 * Math.abs(adjusted / savings);
    validity =
        validity.with(
            new ValidityCheck(
                "fsu_68_at_most_0_5",
                fsu68 <= FSU_LIMIT,
                String.format(
                    Locale.ROOT,
                    "fractional savings uncertainty at 68 %% is %.4g (Guideline 14: at most %.2f)",
                    fsu68,
                    FSU_LIMIT)));
    Coverage coverage = reporting.coverage(fit.granularity());
    return new SavingsResult(
        m,
        actual,
        adjusted,
        savings,
        savings / adjusted,
        perUnit,
        u,
        periods,
        validity,
        coverage,
        extrapolation,
        MethodVersion.CURRENT);
  }
}
