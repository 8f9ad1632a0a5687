package org.energytrace.analytics.savings;

import java.util.List;
import java.util.Objects;
import org.energytrace.analytics.baseline.Validity;
import org.energytrace.analytics.enpi.Coverage;

/**
 * Avoided energy over a reporting period (IPMVP: adjusted baseline − reporting-period energy).
 *
 * @param m reporting points used (missing periods are not filled; see {@code coverage})
 * @param savingsFraction F = savings / adjusted baseline
 * @param savingsPerUnit savings / total production over the reporting period (NaN without a
 *     production variable)
 * @param validity the baseline model's checks plus the reporting-period checks
 * @param coverage the reporting grid: expected periods and the missing ones, which are excluded
 *     (nothing is estimated for them; CalTRACK 2.0 §3.5.4.1)
 * @param extrapolation the reporting points outside the baseline range and their share
 */
public record SavingsResult(
    int m,
    double actual,
    double adjustedBaseline,
    double savings,
    double savingsFraction,
    double savingsPerUnit,
    Uncertainty uncertainty,
    List<PeriodSavings> periods,
    Validity validity,
    Coverage coverage,
    Extrapolation extrapolation,
    String methodVersion) {

  public SavingsResult {
    periods = List.copyOf(periods);
    Objects.requireNonNull(uncertainty, "uncertainty");
    Objects.requireNonNull(validity, "validity");
    Objects.requireNonNull(coverage, "coverage");
    Objects.requireNonNull(extrapolation, "extrapolation");
    Objects.requireNonNull(methodVersion, "methodVersion");
    if (m != periods.size()) {
      throw new IllegalArgumentException("m = " + m + " but " + periods.size() + " periods");
    }
  }

  /** Lower and upper bound of the savings fraction at the stated confidence. */
  public double fractionLow() {
    return uncertainty.low() / adjustedBaseline;
  }

  public double fractionHigh() {
    return uncertainty.high() / adjustedBaseline;
  }
}
