package org.energytrace.analytics.savings;

import java.util.List;
import java.util.Objects;

/**
 * Savings with non-routine adjustments (IPMVP): adjusted baseline = routine model prediction + Σ
 * approved non-routine adjustments; savings = adjusted baseline − reporting-period energy. The
 * routine part ({@code routine}, the model alone) and the non-routine part are reported apart.
 *
 * @param notApplied adjustments not applied, each with the reason (not approved, outside the
 *     reporting data)
 * @param uncertainty of the total: routine and adjustment half-widths added in quadrature
 */
public record AdjustedSavings(
    SavingsResult routine,
    List<AppliedAdjustment> applied,
    List<NotApplied> notApplied,
    double nonRoutine,
    double adjustedBaseline,
    double actual,
    double savings,
    double savingsFraction,
    Uncertainty uncertainty,
    Verifiability verifiability,
    String methodVersion) {

  /** An adjustment left out, and why. */
  public record NotApplied(NonRoutineAdjustment adjustment, String reason) {}

  public AdjustedSavings {
    Objects.requireNonNull(routine, "routine");
    applied = List.copyOf(applied);
    notApplied = List.copyOf(notApplied);
    Objects.requireNonNull(uncertainty, "uncertainty");
    Objects.requireNonNull(verifiability, "verifiability");
    Objects.requireNonNull(methodVersion, "methodVersion");
  }

  public double fractionLow() {
    return uncertainty.low() / adjustedBaseline;
  }

  public double fractionHigh() {
    return uncertainty.high() / adjustedBaseline;
  }
}
