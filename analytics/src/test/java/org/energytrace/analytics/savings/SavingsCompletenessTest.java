package org.energytrace.analytics.savings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.energytrace.analytics.baseline.BaselineFit;
import org.energytrace.analytics.baseline.BaselineFitter;
import org.energytrace.analytics.baseline.DataSet;
import org.energytrace.analytics.baseline.Granularity;
import org.energytrace.analytics.fixtures.SyntheticPlant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SavingsCompletenessTest {

  @Nested
  class Portfolio {

    @Test
    void combinesHalfWidthsInQuadratureOverTheSummedSaving() {
      // Guideline 14 Annex B (portfolio): FSU = sqrt(Σ ΔUᵢ²) / Σ Uᵢ
      PortfolioSavings p =
          PortfolioSavings.of(
              List.of(
                  new PortfolioMember("a", 300, 40, 3000, 0.9, "MWh"),
                  new PortfolioMember("b", 100, 30, 2000, 0.9, "MWh")));
      assertThat(p.savings()).isEqualTo(400);
      assertThat(p.halfWidth()).isCloseTo(50, within(1e-12));
      assertThat(p.fsu()).isCloseTo(50.0 / 400, within(1e-15));
      assertThat(p.savingsFraction()).isCloseTo(400.0 / 5000, within(1e-15));
      assertThat(p.maxMemberFsu()).isCloseTo(0.3, within(1e-15));
      assertThat(p.low()).isCloseTo(350, within(1e-12));
    }

    @Test
    void refusesMembersInDifferentUnitsOrConfidencesUntilConverted() {
      PortfolioMember mwh = new PortfolioMember("a", 300, 40, 3000, 0.9, "MWh");
      PortfolioMember kwh = new PortfolioMember("b", 100_000, 30_000, 2e6, 0.9, "kWh");
      assertThatThrownBy(() -> PortfolioSavings.of(List.of(mwh, kwh)))
          .hasMessageContaining("convert first");
      assertThat(PortfolioSavings.of(List.of(mwh, kwh.scaled(0.001, "MWh"))).savings())
          .isCloseTo(400, within(1e-9));
      assertThatThrownBy(
              () ->
                  PortfolioSavings.of(
                      List.of(mwh, new PortfolioMember("c", 1, 1, 10, 0.68, "MWh"))))
          .hasMessageContaining("confidence");
    }
  }

  @Nested
  class Normalised {

    final SyntheticPlant plant = new SyntheticPlant(1000, new double[] {5}, 60, 0.3);
    final SyntheticPlant.Periods d = plant.generate(17, 365, 365, 0.10, 1.0);
    final BaselineFit base = BaselineFitter.ols(d.baseline(), plant.variables());
    final BaselineFit rep = BaselineFitter.ols(d.reporting(), plant.variables());

    @Test
    void givesAnIntervalForOlsModelsThatContainsTheTrueNormalisedSaving() {
      // IPMVP normalised savings: both models at the baseline period's conditions; the true
      // saving is 10 % of the true model there
      NormalisedSavings n =
          NormalisedSavings.withUncertainty(
              base, d.baseline(), rep, d.reporting(), d.baseline(), 0.95);
      double trueSaving = 0;
      for (double p : d.baseline().column("production")) {
        trueSaving += 0.10 * (1000 + 5 * p);
      }
      assertThat(n.uncertaintyDefined()).isTrue();
      assertThat(n.low()).isLessThan(trueSaving);
      assertThat(n.high()).isGreaterThan(trueSaving);
      assertThat(n.halfWidth()).isBetween(0.001 * trueSaving, 0.2 * trueSaving);
      assertThat(n.savingsFraction()).isCloseTo(0.10, within(0.01));
    }

    @Test
    void flagsTheUncertaintyAsUndefinedWhenItIsNotComputed() {
      NormalisedSavings n = NormalisedSavings.of(base, rep, d.baseline());
      assertThat(n.uncertaintyDefined()).isFalse();
      assertThat(n.halfWidth()).isNaN();
      assertThat(n.uncertaintyNote()).contains("not computed");
    }

    @Test
    void refusesModelsOfDifferentForms() {
      BaselineFit ratio = BaselineFitter.ratio(d.reporting(), "production");
      DataSet normal = d.baseline();
      assertThatThrownBy(
              () ->
                  NormalisedSavings.withUncertainty(
                      base, d.baseline(), ratio, d.reporting(), normal, 0.9))
          .hasMessageContaining("one form");
    }
  }

  @Nested
  class CanAnEightPercentSavingBeToldFromZero {

    final SyntheticPlant plant = new SyntheticPlant(1000, new double[] {5}, 60, 0.5);
    final BaselineFit fit =
        BaselineFitter.ols(plant.generate(5, 365, 1, 0, 1).baseline(), plant.variables());

    @Test
    void answersYesForAYearOfDailyDataOnAQuietPlant() {
      // Decision 1419/QĐ-TTg: 8 % per unit of product; Guideline 14: FSU ≤ 50 % at 68 %
      Detectability a =
          SavingsUncertainty.detectability(
              fit.statistics(), Granularity.DAILY, 365, 365 / 30.4375, 0.08, 0.90);
      assertThat(a.distinguishableFromZero()).isTrue();
      assertThat(a.meetsGuideline14()).isTrue();
      assertThat(a.fsuAtTarget()).isCloseTo(a.relativeHalfWidth() / 0.08, within(1e-12));
      assertThat(a.minimumGuideline14())
          .isCloseTo(
              SavingsUncertainty.minimumDetectable(
                      fit.statistics(), Granularity.DAILY, 365, 365 / 30.4375, 0.68, 0.5)
                  .fraction(),
              within(1e-12));
      assertThat(a.answer()).startsWith("yes: a 8.0 % saving");
    }

    @Test
    void answersNoForAFewDaysOfANoisyPlant() {
      SyntheticPlant noisy = new SyntheticPlant(1000, new double[] {5}, 600, 0.6);
      BaselineFit bad =
          BaselineFitter.ols(noisy.generate(5, 365, 1, 0, 1).baseline(), noisy.variables());
      Detectability a =
          SavingsUncertainty.detectability(
              bad.statistics(), Granularity.DAILY, 3, 3 / 30.4375, 0.08, 0.90);
      assertThat(a.distinguishableFromZero()).isFalse();
      assertThat(a.answer()).startsWith("no:").contains("cannot be told from zero");
    }
  }
}
