package org.energytrace.analytics.report;

import java.util.List;
import org.energytrace.analytics.baseline.BaselineFit;
import org.energytrace.analytics.baseline.DataSet;
import org.energytrace.analytics.baseline.ModelSelector;
import org.energytrace.analytics.savings.AdjustedSavings;
import org.energytrace.analytics.savings.NonRoutineAdjustment;
import org.energytrace.analytics.savings.SavingsCalculator;
import org.energytrace.analytics.savings.SavingsResult;

/** The whole M&amp;V calculation: choose and fit the baseline model, then compute the savings. */
public final class MvAnalysis {

  private MvAnalysis() {}

  /**
   * @param confidence two-sided confidence level in (0, 1), e.g. 0.90
   */
  public static MvReport run(
      DataSet baseline, DataSet reporting, ModelSelector.Request model, double confidence) {
    BaselineFit fit = ModelSelector.select(baseline, model);
    SavingsResult savings = SavingsCalculator.avoidedEnergy(fit, reporting, confidence);
    return new MvReport(fit, savings);
  }

  /**
   * The same with non-routine adjustments: the approved ones are applied and reported apart from
   * the routine savings ({@link MvReport#adjusted()}).
   */
  public static MvReport run(
      DataSet baseline,
      DataSet reporting,
      ModelSelector.Request model,
      double confidence,
      List<NonRoutineAdjustment> adjustments) {
    BaselineFit fit = ModelSelector.select(baseline, model);
    AdjustedSavings adjusted =
        SavingsCalculator.withAdjustments(fit, reporting, adjustments, confidence);
    return new MvReport(fit, adjusted.routine(), adjusted);
  }
}
