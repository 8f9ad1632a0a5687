package org.energytrace.analytics.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
}
