package org.energytrace.analytics.baseline;

/**
 * Baseline fit statistics in Guideline 14 conventions, plus the eemeter-convention values under
 * their own label.
 *
 * @param n baseline points
 * @param p model parameters (coefficients + balance points)
 * @param meanEnergy ȳ of the baseline
 * @param rmse sqrt(Σ(y − ŷ)²/(n − p))
 * @param fStatistic overall F (regression mean square / residual mean square); NaN when undefined
 * @param fPValue its p-value, F(p − 1, n − p); NaN when undefined
 * @param autocorrelation lag-1 residual autocorrelation ρ
 * @param nEffective n′ = n(1 − ρ)/(1 + ρ)
 */
public record FitStatistics(
    int n,
    int p,
    double meanEnergy,
    double rmse,
    double r2,
    double adjR2,
    double cvRmse,
    double nmbe,
    double fStatistic,
    double fPValue,
    double autocorrelation,
    double nEffective,
    Metrics.Eemeter eemeter) {

  public FitStatistics {
    if (n <= p) {
      throw new IllegalArgumentException("n = " + n + " must exceed p = " + p);
    }
  }
}
