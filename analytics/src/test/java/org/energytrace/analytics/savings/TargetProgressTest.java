package org.energytrace.analytics.savings;

import static org.assertj.core.api.Assertions.assertThat;

import org.energytrace.analytics.baseline.BaselineFitter;
import org.energytrace.analytics.fixtures.SyntheticPlant;
import org.junit.jupiter.api.Test;

class TargetProgressTest {

  final SyntheticPlant plant = new SyntheticPlant(1000, new double[] {5}, 30, 0.3);

  SavingsResult saving(double fraction) {
    SyntheticPlant.Periods d = plant.generate(21, 365, 365, fraction, 1.0);
    return SavingsCalculator.avoidedEnergy(
        BaselineFitter.ols(d.baseline(), plant.variables()), d.reporting(), 0.90);
  }

  @Test
  void aClearTwentyPercentSavingMeetsBoth2016To2020Targets() {
    // Decision 1419/QĐ-TTg: 8–13 % per unit of product, 2016–2020
    SavingsResult r = saving(0.20);
    assertThat(TargetProgress.assess(r, ProgrammeTarget.bundled("cp_2016_2020_low")).status())
        .isEqualTo(TargetProgress.Status.MET);
    assertThat(TargetProgress.assess(r, ProgrammeTarget.bundled("cp_2016_2020_high")).status())
        .isEqualTo(TargetProgress.Status.MET);
  }

  @Test
  void aTwoPercentSavingMissesTheEightPercentTarget() {
    TargetProgress p =
        TargetProgress.assess(saving(0.02), ProgrammeTarget.bundled("cp_2016_2020_low"));
    assertThat(p.status()).isEqualTo(TargetProgress.Status.NOT_MET);
    assertThat(p.fractionHigh()).isLessThan(0.08);
  }

  @Test
  void aSavingWhoseBandStraddlesTheTargetIsInconclusive() {
    TargetProgress p =
        TargetProgress.assess(saving(0.13), ProgrammeTarget.bundled("cp_2016_2020_high"));
    assertThat(p.fractionLow()).isLessThan(0.13);
    assertThat(p.fractionHigh()).isGreaterThan(0.13);
    assertThat(p.status()).isEqualTo(TargetProgress.Status.INCONCLUSIVE);
  }
}
