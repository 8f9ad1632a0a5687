package org.energytrace.analytics.savings;

/**
 * The savings uncertainty of Guideline 14 Annex B with the Sun–Baltazar α (as used by CalTRACK).
 *
 * @param confidence two-sided confidence level, e.g. 0.90
 * @param degreesOfFreedom n − p of the baseline model
 * @param t two-tailed Student t at {@code confidence}
 * @param alpha the Sun–Baltazar factor for the granularity and reporting length
 * @param reportingMonths M, the reporting-period length in months
 * @param fsu fractional savings uncertainty ΔE_save / |E_save| (NaN when the saving is 0)
 * @param halfWidth ΔE_save, half the width of the savings interval
 * @param low savings − ΔE_save
 * @param high savings + ΔE_save
 */
public record Uncertainty(
    double confidence,
    int degreesOfFreedom,
    double t,
    double alpha,
    double reportingMonths,
    double fsu,
    double halfWidth,
    double low,
    double high) {

  public Uncertainty {
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence must be in (0, 1): " + confidence);
    }
  }

  public boolean contains(double saving) {
    return saving >= low && saving <= high;
  }
}
