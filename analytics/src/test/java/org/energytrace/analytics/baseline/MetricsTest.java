package org.energytrace.analytics.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MetricsTest {

  // eemeter's metrics test vector, quoted in reference/measurement-and-verification.md
  static final double[] OBSERVED = {1, 3, 4, 1, 6};
  static final double[] PREDICTED = {2, 3, 3, 2, 4};
  static final int P = 2;

  @Nested
  class EemeterReferenceVector {

    @Test
    void reproducesGuideline14ValuesWithDivisorNMinusPAndSignObservedMinusPredicted() {
      // Guideline 14 Annex B: Σ(y−ŷ)² = 7, Σ(y−ŷ) = 1, ȳ = 3, SStot = 18, n − p = 3
      Metrics.Guideline14 g = Metrics.guideline14(OBSERVED, PREDICTED, P);
      assertThat(g.cvRmse()).isCloseTo(Math.sqrt(7.0 / 3.0) / 3.0, within(1e-12));
      assertThat(g.cvRmse()).isCloseTo(0.5091750772, within(1e-6));
      assertThat(g.nmbe()).isCloseTo(1.0 / 9.0, within(1e-12));
      assertThat(g.nmbe()).isCloseTo(0.1111111111, within(1e-6));
      assertThat(g.r2()).isCloseTo(11.0 / 18.0, within(1e-12));
      assertThat(g.r2()).isCloseTo(0.6111111111, within(1e-6));
    }

    @Test
    void reproducesEemeter4ValuesWithDivisorNSignObservedMinusPredictedAndPearsonR2() {
      // eemeter 4.x BaselineMetrics (eemeter/common/metrics.py, 4.1.1): residual = observed −
      // predicted, nmbe = mean(residual)/mean(observed) = Σ(y−ŷ)/(n·ȳ) = 1/15; cvrmse =
      // sqrt(Σ(y−ŷ)²/n)/ȳ = sqrt(7/5)/3; cvrmse_adj over n − p = sqrt(7/3)/3; r_squared = corr² =
      // 7²/(18·2.8) = 49/50.4
      Metrics.Eemeter e = Metrics.eemeter(OBSERVED, PREDICTED, P);
      assertThat(e.cvRmse()).isCloseTo(Math.sqrt(7.0 / 5.0) / 3.0, within(1e-12));
      assertThat(e.cvRmse()).isCloseTo(0.3944053189, within(1e-6));
      assertThat(e.cvRmseAdjusted()).isCloseTo(0.5091750772, within(1e-6));
      assertThat(e.nmbe()).isCloseTo(1.0 / 15.0, within(1e-12));
      assertThat(e.nmbe()).isCloseTo(0.0666666667, within(1e-6));
      assertThat(e.r2()).isCloseTo(49.0 / 50.4, within(1e-12));
      assertThat(e.r2()).isCloseTo(0.9722222222, within(1e-6));
    }

    @Test
    void bothConventionsCallAnUnderPredictingModelPositiveBiasAndDifferOnlyInTheDivisor() {
      // issue 21: eemeter ≤ 3.x reported −0.067 here, the opposite sign to Guideline 14; 4.x agrees
      // with Guideline 14 in sign, so NMBE(G14)·(n − p) = NMBE(eemeter 4.x)·n = Σ(y − ŷ)/ȳ
      Metrics.Guideline14 g = Metrics.guideline14(OBSERVED, PREDICTED, P);
      Metrics.Eemeter e = Metrics.eemeter(OBSERVED, PREDICTED, P);
      assertThat(g.nmbe()).isPositive();
      assertThat(e.nmbe()).isPositive();
      assertThat(g.nmbe() * (OBSERVED.length - P))
          .isCloseTo(e.nmbe() * OBSERVED.length, within(1e-12));
    }
  }

  @Nested
  class Autocorrelation {

    @Test
    void effectivePointsShrinkWithPositiveLagOneCorrelation() {
      // Guideline 14 Annex B: n′ = n(1 − ρ)/(1 + ρ)
      assertThat(Metrics.effectiveN(365, 0.5)).isCloseTo(365 / 3.0, within(1e-9));
      assertThat(Metrics.effectiveN(100, 0.0)).isEqualTo(100.0);
    }

    @Test
    void lagOneCorrelationOfAnAlternatingSeriesIsNegative() {
      // residuals 0, .2, −.6, .6, −.2: Σeₜeₜ₋₁ = −0.6, Σe² = 0.8 → ρ = −0.75
      assertThat(Metrics.lag1Autocorrelation(new double[] {0, 0.2, -0.6, 0.6, -0.2}))
          .isCloseTo(-0.75, within(1e-12));
    }
  }
}
