package org.energytrace.analytics.savings;

import java.util.Arrays;
import org.energytrace.analytics.MethodVersion;
import org.energytrace.analytics.baseline.BaselineFit;
import org.energytrace.analytics.baseline.DataSet;

/**
 * Normalised savings (IPMVP Core Concepts, "normalised savings"): the baseline-period model and a
 * reporting-period model of the same form, both evaluated at one fixed set of conditions.
 */
public record NormalisedSavings(
    double baselineAtNormal,
    double reportingAtNormal,
    double savings,
    double savingsFraction,
    String methodVersion) {

  public static NormalisedSavings of(
      BaselineFit baseline, BaselineFit reportingModel, DataSet normalConditions) {
    double b = Arrays.stream(baseline.model().predict(normalConditions)).sum();
    double r = Arrays.stream(reportingModel.model().predict(normalConditions)).sum();
    return new NormalisedSavings(b, r, b - r, (b - r) / b, MethodVersion.CURRENT);
  }
}
