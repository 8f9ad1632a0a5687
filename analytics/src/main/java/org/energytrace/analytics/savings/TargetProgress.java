package org.energytrace.analytics.savings;

import java.util.Objects;
import org.energytrace.analytics.MethodVersion;

/**
 * Progress against a saving target per unit of product, with the confidence band of the savings
 * fraction: MET when the whole band is at or above the target, NOT_MET when the whole band is below
 * it, INCONCLUSIVE otherwise — and INDICATIVE, whatever the band, when the saving is not verifiable
 * ({@link Verifiability}): a saving from a baseline that fails the validity rules never shows
 * "target met".
 */
public record TargetProgress(
    ProgrammeTarget target,
    double fraction,
    double fractionLow,
    double fractionHigh,
    double confidence,
    Status status,
    String methodVersion,
    Verifiability verifiability) {

  public enum Status {
    MET,
    NOT_MET,
    INCONCLUSIVE,
    /** The saving is "indicative, not verifiable": the band is not judged against the target. */
    INDICATIVE
  }

  public TargetProgress {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(verifiability, "verifiability");
    if (status == Status.MET && !verifiability.verifiable()) {
      throw new IllegalArgumentException("an indicative saving cannot meet a target");
    }
  }

  /**
   * The savings fraction F = savings / adjusted baseline equals the fall in energy per unit of
   * product at the reporting period's output, so it is compared with the target directly.
   */
  public static TargetProgress assess(SavingsResult savings, ProgrammeTarget target) {
    return assess(
        savings.savingsFraction(),
        savings.fractionLow(),
        savings.fractionHigh(),
        savings.uncertainty().confidence(),
        Verifiability.ofSavings(savings),
        target);
  }

  /** The same for a saving with non-routine adjustments: the total's fraction and band. */
  public static TargetProgress assess(AdjustedSavings savings, ProgrammeTarget target) {
    return assess(
        savings.savingsFraction(),
        savings.fractionLow(),
        savings.fractionHigh(),
        savings.uncertainty().confidence(),
        savings.verifiability(),
        target);
  }

  /** The rule on a fraction, its band at {@code confidence} and the saving's verifiability. */
  public static TargetProgress assess(
      double fraction,
      double low,
      double high,
      double confidence,
      Verifiability verifiability,
      ProgrammeTarget target) {
    Status status =
        !verifiability.verifiable()
            ? Status.INDICATIVE
            : low >= target.fraction()
                ? Status.MET
                : high < target.fraction() ? Status.NOT_MET : Status.INCONCLUSIVE;
    return new TargetProgress(
        target, fraction, low, high, confidence, status, MethodVersion.CURRENT, verifiability);
  }
}
