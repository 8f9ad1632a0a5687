package org.energytrace.analytics.savings;

import java.util.Objects;

/**
 * The answer to "can a saving of {@code targetFraction} be told from zero with this plan?" before
 * the measure (IPMVP M&amp;V plan item 11, expected accuracy), assuming the reporting period
 * scatters like the baseline.
 *
 * @param relativeHalfWidth ΔE_save / E_adj at {@code confidence} (α · t · CV · sqrt((n/n′)(1 +
 *     2/n′)/m))
 * @param fsuAtTarget the FSU a saving of exactly the target would have at {@code confidence}
 * @param distinguishableFromZero the interval of a target-sized saving excludes zero (FSU &lt; 1)
 * @param fsu68AtTarget its FSU at 68 %
 * @param meetsGuideline14 FSU at 68 % ≤ 50 % (Guideline 14: savings exceed twice their standard
 *     error)
 * @param minimumFromZero the smallest fraction told from zero at {@code confidence} (FSU = 1)
 * @param minimumGuideline14 the smallest fraction with FSU ≤ 50 % at 68 %
 * @param answer one sentence for the M&amp;V plan
 */
public record Detectability(
    double targetFraction,
    double confidence,
    int plannedPoints,
    double plannedMonths,
    double relativeHalfWidth,
    double fsuAtTarget,
    boolean distinguishableFromZero,
    double fsu68AtTarget,
    boolean meetsGuideline14,
    double minimumFromZero,
    double minimumGuideline14,
    String answer,
    String methodVersion) {

  public Detectability {
    Objects.requireNonNull(answer, "answer");
    Objects.requireNonNull(methodVersion, "methodVersion");
  }
}
