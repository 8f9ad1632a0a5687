package org.energytrace.analytics.savings;

import java.util.Objects;
import org.energytrace.analytics.MethodVersion;

/**
 * Progress against a saving target per unit of product, with the confidence band of the savings
 * fraction: MET when the whole band is at or above the target, NOT_MET when the whole band is below
 * it, INCONCLUSIVE otherwise.
 */
public record TargetProgress(
    ProgrammeTarget target,
    double fraction,
    double fractionLow,
    double fractionHigh,
    double confidence,
    Status status,
    String methodVersion) {

  public enum Status {
    MET,
    NOT_MET,
    INCONCLUSIVE
  }

  public TargetProgress {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(status, "status");
  }

  /**
   * The savings fraction F = savings / adjusted baseline equals the fall in energy per unit of
   * product at the reporting period's output, so it is compared with the target directly.
   */
  public static TargetProgress assess(SavingsResult savings, ProgrammeTarget target) {
    double low = savings.fractionLow();
    double high = savings.fractionHigh();
    Status status =
        low >= target.fraction()
            ? Status.MET
            : high < target.fraction() ? Status.NOT_MET : Status.INCONCLUSIVE;
    return new TargetProgress(
        target,
        savings.savingsFraction(),
        low,
        high,
        savings.uncertainty().confidence(),
        status,
        MethodVersion.CURRENT);
  }
}
