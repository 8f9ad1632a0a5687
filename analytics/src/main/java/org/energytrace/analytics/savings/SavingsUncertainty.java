package org.energytrace.analytics.savings;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.apache.commons.math3.distribution.TDistribution;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.AnalyticsException.Code;
import org.energytrace.analytics.baseline.FitStatistics;
import org.energytrace.analytics.baseline.Granularity;

/**
 * Fractional savings uncertainty, ASHRAE Guideline 14-2014 Annex B with the Sun–Baltazar
 * correction:
 *
 * <pre>FSU = α · t · CV(RMSE) · sqrt( (n/n′) · (1 + 2/n′) · (1/m) ) / F</pre>
 *
 * with t two-tailed at the confidence level, df = n − p; m reporting points; F = saving / adjusted
 * baseline. Since F = E_save / E_adj, the half-width ΔE_save = FSU·E_save equals α · t · CV ·
 * sqrt(…) · E_adj, which stays defined when the saving is zero or negative.
 */
public final class SavingsUncertainty {

  /** Days per month used to turn a daily or weekly reporting span into M (365.25 / 12). */
  public static final double DAYS_PER_MONTH = 30.4375;

  private SavingsUncertainty() {}

  /**
   * Sun–Baltazar α: 1.26 for hourly models; daily α = −0.00024·M² + 0.03535·M + 1.00286; monthly
   * (billing) α = −0.00022·M² + 0.03306·M + 0.94054; M = months in the reporting period. Weekly
   * models use the daily polynomial (no weekly calibration exists; see docs/mv-method.md).
   */
  public static double alpha(Granularity granularity, double reportingMonths) {
    double m = reportingMonths;
    return switch (granularity) {
      case HOURLY -> 1.26;
      case DAILY, WEEKLY -> -0.00024 * m * m + 0.03535 * m + 1.00286;
      case MONTHLY -> -0.00022 * m * m + 0.03306 * m + 0.94054;
    };
  }

  /** Two-tailed Student t: P(|T| ≤ t) = confidence with {@code df} degrees of freedom. */
  public static double t(double confidence, int df) {
    if (!(confidence > 0 && confidence < 1)) {
      throw new AnalyticsException(
          Code.INVALID_INPUT, "confidence must be between 0 and 1, got " + confidence);
    }
    return new TDistribution(null, df, 1e-14).inverseCumulativeProbability(0.5 + confidence / 2);
  }

  /**
   * The relative half-width ΔE_save / E_adj = α · t · CV(RMSE) · sqrt((n/n′)(1 + 2/n′)/m); NaN when
   * n′ ≤ 0 (ρ ≥ 1).
   */
  public static double relativeHalfWidth(
      FitStatistics baseline, Granularity granularity, int m, double months, double confidence) {
    double nEff = baseline.nEffective();
    if (!(nEff > 0) || m <= 0) {
      return Double.NaN;
    }
    double n = baseline.n();
    return alpha(granularity, months)
        * t(confidence, baseline.n() - baseline.p())
        * baseline.cvRmse()
        * Math.sqrt((n / nEff) * (1 + 2 / nEff) / m);
  }

  /** The full uncertainty for a saving against an adjusted baseline. */
  public static Uncertainty of(
      FitStatistics baseline,
      Granularity granularity,
      int m,
      double months,
      double confidence,
      double savings,
      double adjustedBaseline) {
    double half =
        relativeHalfWidth(baseline, granularity, m, months, confidence)
            * Math.abs(adjustedBaseline);
    double fsu = savings == 0 ? Double.NaN : half / Math.abs(savings);
    return new Uncertainty(
        confidence,
        baseline.n() - baseline.p(),
        t(confidence, baseline.n() - baseline.p()),
        alpha(granularity, months),
        months,
        fsu,
        half,
        savings - half,
        savings + half);
  }

  /**
   * Minimum detectable saving for a planned measurement: the smallest savings fraction F whose FSU
   * at {@code confidence} does not exceed {@code maxFsu} (Guideline 14: FSU ≤ 50 % at 68 %).
   */
  public static MinimumDetectableSaving minimumDetectable(
      FitStatistics baseline,
      Granularity granularity,
      int plannedPoints,
      double plannedMonths,
      double confidence,
      double maxFsu) {
    if (plannedPoints <= 0 || !(maxFsu > 0)) {
      throw new AnalyticsException(
          Code.INVALID_INPUT,
          String.format(
              Locale.ROOT,
              "planned points must be > 0 and the FSU limit > 0, got %d and %s",
              plannedPoints,
              maxFsu));
    }
    double fraction =
        relativeHalfWidth(baseline, granularity, plannedPoints, plannedMonths, confidence) / maxFsu;
    return new MinimumDetectableSaving(fraction, plannedPoints, plannedMonths, confidence, maxFsu);
  }

  /**
   * Whether a planned reporting period ({@code plannedPoints} periods over {@code plannedMonths})
   * can tell a saving of {@code targetFraction} (e.g. 0.08, Decision 1419/QĐ-TTg) from zero at
   * {@code confidence}, and whether it would meet the Guideline 14 criterion (FSU ≤ 50 % at 68 %).
   */
  public static Detectability detectability(
      FitStatistics baseline,
      Granularity granularity,
      int plannedPoints,
      double plannedMonths,
      double targetFraction,
      double confidence) {
    if (plannedPoints <= 0 || !(targetFraction > 0 && targetFraction < 1)) {
      throw new AnalyticsException(
          Code.INVALID_INPUT,
          String.format(
              Locale.ROOT,
              "planned points must be > 0 and the target in (0, 1), got %d and %s",
              plannedPoints,
              targetFraction));
    }
    double rel = relativeHalfWidth(baseline, granularity, plannedPoints, plannedMonths, confidence);
    double rel68 =
        relativeHalfWidth(
            baseline,
            granularity,
            plannedPoints,
            plannedMonths,
            SavingsCalculator.FSU_LIMIT_CONFIDENCE);
    double fsu = rel / targetFraction;
    double fsu68 = rel68 / targetFraction;
    boolean fromZero = fsu < 1;
    boolean g14 = fsu68 <= SavingsCalculator.FSU_LIMIT;
    String answer =
        Double.isNaN(rel)
            ? "undefined: the baseline residuals have no effective points (autocorrelation >= 1)"
            : String.format(
                Locale.ROOT,
                "%s: a %.1f %% saving over %d periods (%.1f months) has a %.0f %% interval of"
                    + " +/- %.2f %% of the adjusted baseline (FSU %.2f), so it %s be told from zero;"
                    + " Guideline 14 (FSU <= 50 %% at 68 %%) %s (FSU at 68 %% %.2f). Smallest"
                    + " saving told from zero: %.2f %%.",
                fromZero ? "yes" : "no",
                100 * targetFraction,
                plannedPoints,
                plannedMonths,
                100 * confidence,
                100 * rel,
                fsu,
                fromZero ? "can" : "cannot",
                g14 ? "is met" : "is not met",
                fsu68,
                100 * rel);
    return new Detectability(
        targetFraction,
        confidence,
        plannedPoints,
        plannedMonths,
        rel,
        fsu,
        fromZero,
        fsu68,
        g14,
        rel,
        rel68 / SavingsCalculator.FSU_LIMIT,
        answer,
        org.energytrace.analytics.MethodVersion.CURRENT);
  }

  /** The smallest savings fraction a planned reporting period can demonstrate. */
  public record MinimumDetectableSaving(
      double fraction, int plannedPoints, double plannedMonths, double confidence, double maxFsu) {}

  /** M for a reporting span: months spanned, from the first period start to the end of the last. */
  public static double reportingMonths(
      Granularity granularity, LocalDateTime first, LocalDateTime last) {
    if (granularity == Granularity.MONTHLY) {
      return ChronoUnit.MONTHS.between(first, last) + 1;
    }
    LocalDateTime end = granularity.next(last);
    double days = Duration.between(first, end).toMinutes() / (24.0 * 60.0);
    return days / DAYS_PER_MONTH;
  }
}
