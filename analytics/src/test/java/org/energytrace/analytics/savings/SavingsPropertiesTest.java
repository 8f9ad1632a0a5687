package org.energytrace.analytics.savings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.energytrace.analytics.baseline.BaselineFit;
import org.energytrace.analytics.baseline.BaselineFitter;
import org.energytrace.analytics.baseline.Granularity;
import org.energytrace.analytics.fixtures.SyntheticPlant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties over seeded random cases (each seed reproduces its case). Seeded JUnit parameters are
 * used rather than jqwik, whose engine asks automated agents not to use it.
 */
class SavingsPropertiesTest {

  static LongStream seeds() {
    return LongStream.rangeClosed(1, 60);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void savingsFractionOfANoiseFreePlantEqualsTheInjectedSaving(long seed) {
    // IPMVP avoided energy: with no noise the adjusted baseline is the true model, so
    // F = 1 − (1 − f)·E/E = f exactly, whatever the output growth and the number of products
    Random r = new Random(seed);
    int products = 1 + r.nextInt(3);
    double[] slopes = new double[products];
    for (int i = 0; i < products; i++) {
      slopes[i] = 1 + 9 * r.nextDouble();
    }
    double injected = 0.3 * r.nextDouble();
    double growth = 0.8 + 0.5 * r.nextDouble();
    SyntheticPlant plant = new SyntheticPlant(5000 * r.nextDouble(), slopes, 0.0, 0.0);
    SyntheticPlant.Periods d = plant.generate(seed, 60 + r.nextInt(300), 30, injected, growth);
    BaselineFit fit = BaselineFitter.ols(d.baseline(), plant.variables());
    SavingsResult s = SavingsCalculator.avoidedEnergy(fit, d.reporting(), 0.90);
    assertThat(s.savingsFraction()).isCloseTo(injected, within(1e-9));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void fsuShrinksAsTheReportingPeriodGrows(long seed) {
    // Guideline 14 Annex B: FSU ∝ α(M)·sqrt(1/m); over daily periods up to two years the 1/√m
    // term wins over the slow growth of the Sun–Baltazar α
    Random r = new Random(seed);
    SyntheticPlant plant =
        new SyntheticPlant(1000, new double[] {5}, 20 + 100 * r.nextDouble(), 0.7 * r.nextDouble());
    BaselineFit fit =
        BaselineFitter.ols(plant.generate(seed, 365, 1, 0, 1).baseline(), plant.variables());
    int m1 = 1 + r.nextInt(700);
    int m2 = m1 + 1 + r.nextInt(730 - m1);
    double confidence = List.of(0.68, 0.90, 0.95).get(r.nextInt(3));
    double fsu1 =
        SavingsUncertainty.relativeHalfWidth(
            fit.statistics(), Granularity.DAILY, m1, m1 / 30.4375, confidence);
    double fsu2 =
        SavingsUncertainty.relativeHalfWidth(
            fit.statistics(), Granularity.DAILY, m2, m2 / 30.4375, confidence);
    assertThat(fsu2).as("m %d -> %d", m1, m2).isLessThan(fsu1);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void portfolioFsuIsAtMostTheLargestMemberFsuForEqualSizes(long seed) {
    // sqrt(Σ ΔUᵢ²)/(k·U) ≤ sqrt(k)·max ΔU/(k·U) = max FSU/√k
    Random r = new Random(seed);
    int k = 1 + r.nextInt(20);
    double u = 1 + 1000 * r.nextDouble();
    List<PortfolioMember> members = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      members.add(new PortfolioMember("m" + i, u, 2 * u * r.nextDouble(), 10 * u, 0.9, "TOE"));
    }
    PortfolioSavings p = PortfolioSavings.of(members);
    assertThat(p.fsu()).isLessThanOrEqualTo(p.maxMemberFsu() + 1e-15);
    assertThat(p.fsu()).isLessThanOrEqualTo(p.maxMemberFsu() / Math.sqrt(k) + 1e-12);
  }
}
