package org.energytrace.analytics.resource;

import java.util.ArrayList;
import java.util.List;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.AnalyticsException.Code;
import org.energytrace.analytics.MethodVersion;
import org.energytrace.analytics.baseline.BaselineFit;
import org.energytrace.analytics.baseline.ModelSelector;
import org.energytrace.analytics.savings.ProgrammeTarget;
import org.energytrace.analytics.savings.SavingsCalculator;
import org.energytrace.analytics.savings.SavingsResult;
import org.energytrace.analytics.savings.TargetProgress;
import org.energytrace.analytics.savings.Verifiability;

/**
 * Specific consumption, baseline, savings and target progress of one resource per unit of product
 * (issue 17: m³ water/t, kg malt/hl, kWh/t), by exactly the machinery of energy EnPIs: {@link
 * ModelSelector} (ratio, OLS, change-point), {@link SavingsCalculator} (avoided quantity with the
 * Guideline 14 uncertainty), {@link Verifiability} and {@link TargetProgress}.
 */
public final class ResourceIndicator {

  private ResourceIndicator() {}

  public static ResourceResult compute(
      ResourceSeries baseline,
      ResourceSeries reporting,
      ModelSelector.Request model,
      double confidence,
      List<ProgrammeTarget> targets) {
    if (!baseline.resource().equals(reporting.resource())
        || !baseline.productUnit().equals(reporting.productUnit())) {
      throw new AnalyticsException(
          Code.INVALID_INPUT,
          "baseline and reporting are of different resources or units of product: "
              + baseline.secUnit()
              + " ("
              + baseline.resource().id()
              + ") vs "
              + reporting.secUnit()
              + " ("
              + reporting.resource().id()
              + ")");
    }
    BaselineFit fit = ModelSelector.select(baseline.dataSet(), model);
    SavingsResult savings = SavingsCalculator.avoidedEnergy(fit, reporting.dataSet(), confidence);
    List<TargetProgress> progress = new ArrayList<>();
    for (ProgrammeTarget t : targets) {
      progress.add(TargetProgress.assess(savings, t));
    }
    return new ResourceResult(
        baseline.resource(),
        baseline.secUnit(),
        baseline.sec(),
        reporting.sec(),
        fit,
        savings,
        Verifiability.ofSavings(savings),
        progress,
        MethodVersion.CURRENT);
  }
}
