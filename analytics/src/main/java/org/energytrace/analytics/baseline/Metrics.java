package org.energytrace.analytics.baseline;

/**
 * Goodness-of-fit statistics under two labelled conventions.
 *
 * <p>{@link #guideline14}: ASHRAE Guideline 14-2014 §4.3.2 / Annex B divisors n − p and residual
 * sign y − ŷ. {@link #eemeter}: the conventions of eemeter 4.x's {@code BaselineMetrics}
 * (eemeter/common/metrics.py, checked against 4.1.1), kept to cross-check a result against eemeter
 * and to label which one a report shows.
 */
public final class Metrics {

  private Metrics() {}

  /** Guideline 14 statistics (these are the ones EnergyTrace reports). */
  public record Guideline14(double cvRmse, double nmbe, double r2, double adjR2) {}

  /**
   * eemeter 4.x conventions: CV(RMSE) over n (and its "adjusted" variant over n − p), NMBE as Σ(y −
   * ŷ) / (n·ȳ) — residual observed − predicted, as eemeter 4.x computes it (eemeter ≤ 3.x used ŷ −
   * y, the opposite sign) —, R² as the squared Pearson correlation of y and ŷ.
   */
  public record Eemeter(double cvRmse, double cvRmseAdjusted, double nmbe, double r2) {}

  public static Guideline14 guideline14(double[] y, double[] yhat, int p) {
    check(y, yhat);
    int n = y.length;
    if (n <= p) {
      throw new IllegalArgumentException("n = " + n + " must exceed p = " + p);
    }
    double mean = mean(y);
    double ssRes = 0;
    double sumRes = 0;
    double ssTot = 0;
    for (int i = 0; i < n; i++) {
      double r = y[i] - yhat[i]; // Guideline 14 sign: observed minus predicted
      ssRes += r * r;
      sumRes += r;
      ssTot += (y[i] - mean) * (y[i] - mean);
    }
    // Guideline 14 Annex B: CV(RMSE) = sqrt(Σ(y−ŷ)²/(n−p))/ȳ; NMBE = Σ(y−ŷ)/((n−p)·ȳ)
    double cvRmse = Math.sqrt(ssRes / (n - p)) / mean;
    double nmbe = sumRes / ((n - p) * mean);
    double r2 = 1.0 - ssRes / ssTot;
    double adjR2 = 1.0 - (1.0 - r2) * (n - 1) / (n - p);
    return new Guideline14(cvRmse, nmbe, r2, adjR2);
  }

  public static Eemeter eemeter(double[] y, double[] yhat, int p) {
    check(y, yhat);
    int n = y.length;
    double meanY = mean(y);
    double meanHat = mean(yhat);
    double ssRes = 0;
    double sumRes = 0;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < n; i++) {
      double r = y[i] - yhat[i];
      ssRes += r * r;
      sumRes += r; // eemeter 4.x sign: observed minus predicted (≤ 3.x: predicted minus observed)
      sxy += (y[i] - meanY) * (yhat[i] - meanHat);
      syy += (y[i] - meanY) * (y[i] - meanY);
      sxx += (yhat[i] - meanHat) * (yhat[i] - meanHat);
    }
    double cvRmse = Math.sqrt(ssRes / n) / meanY;
    double cvRmseAdj = Math.sqrt(ssRes / (n - p)) / meanY;
    double nmbe = sumRes / (n * meanY);
    double r2 = (sxy * sxy) / (sxx * syy);
    return new Eemeter(cvRmse, cvRmseAdj, nmbe, r2);
  }

  /**
   * Lag-1 autocorrelation of residuals, ρ = Σ(eₜ − ē)(eₜ₋₁ − ē) / Σ(eₜ − ē)² (Guideline 14 Annex B,
   * the ρ in n′). Zero for fewer than three points.
   */
  public static double lag1Autocorrelation(double[] residuals) {
    int n = residuals.length;
    if (n < 3) {
      return 0.0;
    }
    double mean = mean(residuals);
    double num = 0;
    double den = 0;
    for (int t = 0; t < n; t++) {
      double d = residuals[t] - mean;
      den += d * d;
      if (t > 0) {
        num += d * (residuals[t - 1] - mean);
      }
    }
    return den == 0 ? 0.0 : num / den;
  }

  /** Effective number of independent points, n′ = n(1 − ρ)/(1 + ρ) (Guideline 14 Annex B). */
  public static double effectiveN(int n, double rho) {
    return n * (1.0 - rho) / (1.0 + rho);
  }

  static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }

  private static void check(double[] y, double[] yhat) {
    if (y.length != yhat.length || y.length == 0) {
      throw new IllegalArgumentException("y and ŷ must be non-empty and of equal length");
    }
  }
}
