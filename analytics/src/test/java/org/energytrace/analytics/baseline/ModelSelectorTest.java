package org.energytrace.analytics.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.fixtures.SyntheticPlant;
import org.junit.jupiter.api.Test;

class ModelSelectorTest {

  @Test
  void autoChoosesTheRatioModelWhenThereIsNoBaseLoad() {
    SyntheticPlant plant = new SyntheticPlant(0, new double[] {5}, 15, 0.2);
    BaselineFit fit =
        ModelSelector.select(
            plant.generate(9, 365, 1, 0, 1).baseline(), ModelSelector.Request.AUTO);
    assertThat(fit.model().form()).isEqualTo(ModelForm.RATIO);
    assertThat(fit.choice()).contains("intercept is not significant");
  }

  @Test
  void autoChoosesRegressionWhenTheBaseLoadIsSignificantAndSaysWhy() {
    SyntheticPlant plant = new SyntheticPlant(2000, new double[] {5}, 15, 0.2);
    BaselineFit fit =
        ModelSelector.select(
            plant.generate(9, 365, 1, 0, 1).baseline(), ModelSelector.Request.AUTO);
    assertThat(fit.model().form()).isEqualTo(ModelForm.OLS);
    assertThat(fit.choice())
        .contains("ratio model was rejected")
        .contains("ratio_intercept_not_significant");
  }

  @Test
  void changePointGridSearchFindsTheCoolingBalancePoint() {
    // 3P cooling (ASHRAE RP-1050 inverse model): E = 800 + 40·max(0, T − 24) + 3·P + noise
    Random random = new Random(5);
    List<Observation> rows = new ArrayList<>();
    for (int d = 0; d < 365; d++) {
      double t = 18 + 14 * random.nextDouble();
      double p = 80 + 40 * random.nextDouble();
      double e = 800 + 40 * Math.max(0, t - 24) + 3 * p + 10 * random.nextGaussian();
      rows.add(
          new Observation(LocalDate.of(2023, 1, 1).plusDays(d).atStartOfDay(), e, List.of(t, p)));
    }
    DataSet data = new DataSet(List.of("temperature", "production"), rows);
    BaselineFit auto = ModelSelector.select(data, ModelSelector.Request.AUTO);
    assertThat(auto.model().form().isChangePoint()).isTrue();
    BaselineFit fit =
        BaselineFitter.changePoint(
            data, ModelForm.CHANGE_POINT_3P_COOLING, "temperature", List.of("production"));
    assertThat(fit.model().terms().get(0).balancePoint()).isCloseTo(24, within(0.6));
    assertThat(fit.coefficient("cooling_slope").value()).isCloseTo(40, within(2.0));
    assertThat(fit.statistics().p()).isEqualTo(4); // intercept, 2 slopes, 1 balance point
  }

  /** Two weekly stock counts, as a resource with a short history has: 700 t and 650 t of coal. */
  private static DataSet twoWeeks() {
    return new DataSet(
        List.of("production"),
        List.of(
            new Observation(LocalDate.of(2026, 11, 1).atStartOfDay(), 700, List.of(140.0)),
            new Observation(LocalDate.of(2026, 11, 8).atStartOfDay(), 650, List.of(125.0))));
  }

  @Test
  void autoFallsBackToTheRatioModelWhenTooFewPointsForARegression() {
    // The overview's coal card asked model=auto and answered 422 "ols model: 2 baseline points
    // for 2 parameters" although the ratio model can be fitted: it is answered, with its failures.
    BaselineFit fit = ModelSelector.select(twoWeeks(), ModelSelector.Request.AUTO);
    assertThat(fit.model().form()).isEqualTo(ModelForm.RATIO);
    assertThat(fit.coefficient("production").value()).isCloseTo(1350.0 / 265, within(1e-9));
    assertThat(fit.validity().valid()).isFalse();
    assertThat(fit.choice())
        .contains("the only model that can be fitted")
        .contains("2 baseline points")
        .contains("data_sufficient");
  }

  @Test
  void theRatioModelsFTestSaysWhyItCannotBeComputed() {
    BaselineFit fit = ModelSelector.select(twoWeeks(), ModelSelector.Request.RATIO);
    ValidityCheck fTest =
        fit.validity().checks().stream()
            .filter(c -> c.flag().equals("f_test_p_below_0_10"))
            .findFirst()
            .orElseThrow();
    assertThat(fTest.passed()).isFalse();
    assertThat(fTest.message())
        .startsWith("cannot compute the F-test of the regression E = a + b·P")
        .contains("2 baseline points")
        .doesNotContain("undefined");
    // replaced where it stood: the checks keep their order, the F-test first
    assertThat(fit.validity().checks().get(0)).isSameAs(fTest);
  }

  @Test
  void autoStillRefusesWhenNoModelCanBeFitted() {
    DataSet two =
        new DataSet(
            List.of("production", "temperature"),
            List.of(
                new Observation(
                    LocalDate.of(2026, 11, 1).atStartOfDay(), 700, List.of(140.0, 20.0)),
                new Observation(
                    LocalDate.of(2026, 11, 8).atStartOfDay(), 650, List.of(125.0, 22.0))));
    assertThatThrownBy(() -> ModelSelector.select(two, ModelSelector.Request.AUTO))
        .isInstanceOf(AnalyticsException.class)
        .hasMessageContaining("baseline points");
  }
}
