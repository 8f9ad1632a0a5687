package org.energytrace.analytics.savings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.energytrace.analytics.baseline.BaselineFit;
import org.energytrace.analytics.baseline.BaselineFitter;
import org.energytrace.analytics.baseline.Granularity;
import org.energytrace.analytics.fixtures.SyntheticPlant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SavingsCalculatorTest {

  @Nested
  class SunBaltazarAlpha {

    @Test
    void usesTheDailyPolynomialForTwelveReportingMonths() {
      // Guideline 14 Annex B / CalTRACK: α = −0.00024·M² + 0.03535·M + 1.00286
      assertThat(SavingsUncertainty.alpha(Granularity.DAILY, 12))
          .isCloseTo(-0.00024 * 144 + 0.03535 * 12 + 1.00286, within(1e-12))
          .isCloseTo(1.3925, within(1e-9));
    }

    @Test
    void usesTheMonthlyPolynomialAndTheHourlyConstant() {
      // α = −0.00022·M² + 0.03306·M + 0.94054 (monthly); 1.26 (hourly)
      assertThat(SavingsUncertainty.alpha(Granularity.MONTHLY, 12))
          .isCloseTo(1.30558, within(1e-9));
      assertThat(SavingsUncertainty.alpha(Granularity.HOURLY, 7)).isEqualTo(1.26);
    }

    @Test
    void countsAYearOfDailyPeriodsAsTwelveMonths() {
      var first = SyntheticPlant.START.atStartOfDay();
      assertThat(SavingsUncertainty.reportingMonths(Granularity.DAILY, first, first.plusDays(364)))
          .isCloseTo(365 / 30.4375, within(1e-12));
      assertThat(
              SavingsUncertainty.reportingMonths(Granularity.MONTHLY, first, first.plusMonths(11)))
          .isEqualTo(12.0);
    }
  }

  @Nested
  class FractionalSavingsUncertainty {

    @Test
    void followsTheAnnexBFormulaTermByTerm() {
      SyntheticPlant plant = new SyntheticPlant(1000, new double[] {5}, 60, 0.5);
      SyntheticPlant.Periods d = plant.generate(11, 365, 180, 0.10, 1.0);
      BaselineFit fit = BaselineFitter.ols(d.baseline(), plant.variables());
      SavingsResult r = SavingsCalculator.avoidedEnergy(fit, d.reporting(), 0.90);
      var s = fit.statistics();
      double months = 180 / 30.4375;
      double alpha = -0.00024 * months * months + 0.03535 * months + 1.00286;
      double t =
          new org.apache.commons.math3.distribution.TDistribution(s.n() - s.p())
              .inverseCumulativeProbability(0.95);
      double f = r.savings() / r.adjustedBaseline();
      // FSU = α·t·CV(RMSE)·sqrt((n/n′)(1 + 2/n′)(1/m))/F
      double fsu =
          alpha
              * t
              * s.cvRmse()
              * Math.sqrt((s.n() / s.nEffective()) * (1 + 2 / s.nEffective()) / 180)
              / f;
      assertThat(r.uncertainty().fsu()).isCloseTo(fsu, within(1e-9));
      assertThat(r.uncertainty().halfWidth()).isCloseTo(fsu * r.savings(), within(1e-6));
      assertThat(r.savingsFraction()).isCloseTo(f, within(1e-15));
      assertThat(r.m()).isEqualTo(180);
      assertThat(r.periods().get(179).cumulative()).isCloseTo(r.savings(), within(1e-6));
    }
  }

  @Nested
  class SyntheticPlantsWithAKnownSaving {

    // IPMVP Option C on a daily whole-plant meter: E = 1000 + 5·P + AR(1) noise (σ = 60, φ = 0.5),
    // a 365-day baseline, a 365-day reporting period with a true 10 % saving.
    static final int TRIALS = 400;

    @Test
    void ninetyPercentIntervalCoversTheTrueSavingInAboutNinetyPercentOfTrials() {
      SyntheticPlant plant = new SyntheticPlant(1000, new double[] {5}, 60, 0.5);
      int covered = 0;
      double sumError = 0;
      double sumSquaredError = 0;
      for (int seed = 1; seed <= TRIALS; seed++) {
        SyntheticPlant.Periods d = plant.generate(seed, 365, 365, 0.10, 1.0);
        double trueSaving = 0.10 * java.util.Arrays.stream(d.trueReportingBaseline()).sum();
        BaselineFit fit = BaselineFitter.ols(d.baseline(), plant.variables());
        SavingsResult r = SavingsCalculator.avoidedEnergy(fit, d.reporting(), 0.90);
        if (r.uncertainty().contains(trueSaving)) {
          covered++;
        }
        double error = r.savings() - trueSaving;
        sumError += error;
        sumSquaredError += error * error;
      }
      double rate = (double) covered / TRIALS;
      double meanError = sumError / TRIALS;
      double sd = Math.sqrt(sumSquaredError / TRIALS - meanError * meanError);
      System.out.printf(
          java.util.Locale.ROOT,
          "synthetic coverage of the 90 %% interval: %d/%d = %.4f; mean error %.1f (SE %.1f)%n",
          covered,
          TRIALS,
          rate,
          meanError,
          sd / Math.sqrt(TRIALS));
      assertThat(rate).isBetween(0.85, 0.95);
      // unbiased: the mean error lies within three standard errors of zero
      assertThat(Math.abs(meanError)).isLessThan(3 * sd / Math.sqrt(TRIALS));
    }
  }

  @Nested
  class GrowingOutputWithoutEfficiencyChange {

    // a plant with a large base load (E = 3000 + 5·P) whose output rises 30 % and nothing else
    final SyntheticPlant plant = new SyntheticPlant(3000, new double[] {5}, 40, 0.2);
    final SyntheticPlant.Periods d = plant.generate(3, 365, 180, 0.0, 1.3);

    @Test
    void regressionShowsNoSaving() {
      BaselineFit fit = BaselineFitter.ols(d.baseline(), plant.variables());
      SavingsResult r = SavingsCalculator.avoidedEnergy(fit, d.reporting(), 0.90);
      assertThat(Math.abs(r.savingsFraction())).isLessThan(0.01);
      assertThat(r.uncertainty().contains(0.0)).isTrue();
    }

    @Test
    void ratioModelBooksAFakeSavingThatTheValidityFlagsCallOut() {
      BaselineFit fit = BaselineFitter.ratio(d.baseline(), "production");
      SavingsResult r = SavingsCalculator.avoidedEnergy(fit, d.reporting(), 0.90);
      // SEC falls as output rises because the base load is spread over more units
      assertThat(r.savingsFraction()).isGreaterThan(0.10);
      assertThat(r.validity().passed("ratio_intercept_not_significant")).isFalse();
      assertThat(r.validity().valid()).isFalse();
      assertThat(r.validity().failures())
          .anyMatch(m -> m.contains("intercept") && m.contains("significant"));
      // and the production values lie outside the baseline range: extrapolation is flagged too
      assertThat(r.validity().passed("reporting_within_baseline_range")).isFalse();
    }
  }

  @Nested
  class MinimumDetectableSaving {

    @Test
    void isTheSavingsFractionWhoseFsuEqualsTheLimit() {
      SyntheticPlant plant = new SyntheticPlant(1000, new double[] {5}, 60, 0.5);
      BaselineFit fit =
          BaselineFitter.ols(plant.generate(5, 365, 1, 0, 1).baseline(), List.of("production"));
      var mds =
          SavingsUncertainty.minimumDetectable(
              fit.statistics(), Granularity.DAILY, 365, 365 / 30.4375, 0.68, 0.5);
      double rel =
          SavingsUncertainty.relativeHalfWidth(
              fit.statistics(), Granularity.DAILY, 365, 365 / 30.4375, 0.68);
      // FSU(F) = rel / F ≤ 0.5  ⇔  F ≥ rel / 0.5
      assertThat(mds.fraction()).isCloseTo(rel / 0.5, within(1e-12));
      assertThat(mds.fraction()).isBetween(0.001, 0.2);
    }
  }
}
