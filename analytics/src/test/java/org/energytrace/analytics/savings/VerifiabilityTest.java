package org.energytrace.analytics.savings;

import static org.assertj.core.api.Assertions.assertThat;

import org.energytrace.analytics.baseline.BaselineFit;
import org.energytrace.analytics.baseline.BaselineFitter;
import org.energytrace.analytics.fixtures.SyntheticPlant;
import org.junit.jupiter.api.Test;

/** Issue 15, "validity everywhere": one rule, and an unverifiable saving never meets a target. */
class VerifiabilityTest {

  final SyntheticPlant plant = new SyntheticPlant(1000, new double[] {5}, 30, 0.3);
  final ProgrammeTarget eight = ProgrammeTarget.bundled("cp_2016_2020_low");

  SavingsResult saving(int baselineDays, double fraction) {
    SyntheticPlant.Periods d = plant.generate(21, baselineDays, 90, fraction, 1.0);
    BaselineFit fit = BaselineFitter.ols(d.baseline(), plant.variables());
    return SavingsCalculator.avoidedEnergy(fit, d.reporting(), 0.90);
  }

  @Test
  void aThirtyDayBaselineIsIndicativeAndItsClearSavingNeverMeetsTheTarget() {
    // the demo's old 30-day baseline: CalTRACK 2.0 asks for a year of periods
    SavingsResult r = saving(30, 0.25);
    assertThat(r.fractionLow()).isGreaterThan(0.08); // the band alone would say "met"
    Verifiability v = Verifiability.ofSavings(r);
    assertThat(v.verifiable()).isFalse();
    assertThat(v.label()).isEqualTo("indicative, not verifiable");
    assertThat(v.failedFlags()).contains("data_sufficient");
    assertThat(v.reasons()).anyMatch(m -> m.contains("the baseline spans 30 daily periods"));
    TargetProgress p = TargetProgress.assess(r, eight);
    assertThat(p.status()).isEqualTo(TargetProgress.Status.INDICATIVE);
    assertThat(p.verifiability()).isEqualTo(v);
  }

  @Test
  void aFullYearBaselineIsVerifiableAndItsSavingMeetsTheTarget() {
    SavingsResult r = saving(365, 0.25);
    Verifiability v = Verifiability.ofSavings(r);
    assertThat(v.verifiable()).as(v.reasons().toString()).isTrue();
    assertThat(v.failedFlags()).isEmpty();
    assertThat(
            Verifiability.ofBaseline(
                    BaselineFitter.ols(
                        plant.generate(21, 365, 90, 0.25, 1.0).baseline(), plant.variables()))
                .verifiable())
        .isTrue();
    assertThat(TargetProgress.assess(r, eight).status()).isEqualTo(TargetProgress.Status.MET);
  }

  @Test
  void aZeroSavingFromASoundBaselineIsVerifiableAsZero() {
    // the FSU check fails (a zero saving is not told from zero) but the baseline is sound
    SavingsResult r = saving(365, 0.0);
    assertThat(r.validity().passed("fsu_68_at_most_0_5")).isFalse();
    assertThat(Verifiability.ofSavings(r).verifiable()).isTrue();
    assertThat(TargetProgress.assess(r, eight).status()).isEqualTo(TargetProgress.Status.NOT_MET);
  }

  @Test
  void extrapolatingBeyondTheBaselineRangeIsIndicative() {
    // reporting output 60 % higher than anything in the baseline
    SyntheticPlant.Periods d = plant.generate(21, 365, 90, 0.10, 1.6);
    SavingsResult r =
        SavingsCalculator.avoidedEnergy(
            BaselineFitter.ols(d.baseline(), plant.variables()), d.reporting(), 0.90);
    Verifiability v = Verifiability.ofSavings(r);
    assertThat(v.failedFlags()).containsExactly("reporting_within_baseline_range");
    assertThat(TargetProgress.assess(r, eight).status())
        .isEqualTo(TargetProgress.Status.INDICATIVE);
  }
}
