package org.energytrace.analytics.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.savings.Verifiability;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Issue 21: change-point slopes must have their physical sign (CalTRACK 2.0 §3.4.3.2: a candidate
 * qualifies only when no parameter estimate is negative).
 */
class WeatherSlopesTest {

  /** A year of daily means: seasonal cosine (coldest mid-January) plus weather noise. */
  static DataSet year(long seed, double mean, double amplitude, double noise, Load load) {
    Random random = new Random(seed);
    List<Observation> rows = new ArrayList<>();
    for (int d = 0; d < 365; d++) {
      double t =
          mean
              - amplitude * Math.cos(2 * Math.PI * (d - 15) / 365.0)
              + noise * random.nextGaussian();
      double e = load.mean().applyAsDouble(t) + load.sigma() * random.nextGaussian();
      rows.add(new Observation(LocalDate.of(2023, 1, 1).plusDays(d).atStartOfDay(), e, List.of(t)));
    }
    return new DataSet(List.of("temperature"), rows);
  }

  record Load(DoubleUnaryOperator mean, double sigma) {}

  /**
   * What `analytics mv` did before issue 21: the 4P balance point minimising SSres over the same
   * grid, whatever the signs of its slopes.
   */
  static BaselineFit unconstrainedFourParameter(DataSet data) {
    BaselineFit best = null;
    for (double t0 : BaselineFitter.grid(data.column("temperature"))) {
      List<Term> terms =
          BaselineFitter.changePointTerms(
              ModelForm.CHANGE_POINT_4P, "temperature", t0, t0, List.of());
      BaselineFit f = BaselineFitter.fit(data, ModelForm.CHANGE_POINT_4P, terms, 1, "old");
      if (best == null || f.statistics().rmse() < best.statistics().rmse()) {
        best = f;
      }
    }
    return best;
  }

  static void assertNoNegativeWeatherSlope(BaselineFit fit) {
    for (Coefficient c : fit.model().coefficients()) {
      if (c.name().endsWith("_slope")) {
        assertThat(c.value()).as(c.name()).isGreaterThanOrEqualTo(0);
      }
    }
  }

  static double predictAt(BaselineFit fit, double temperature) {
    DataSet one =
        new DataSet(
            List.of("temperature"),
            List.of(
                new Observation(LocalDate.of(2024, 7, 1).atStartOfDay(), 0, List.of(temperature))));
    return fit.model().predict(one)[0];
  }

  /**
   * Illinois gas (therms/day against °F): the heating load fades gradually above ~62 °F instead of
   * stopping at a balance point (cold nights on mild days), a smooth hinge 0.1·s·ln(1 + e^((62 −
   * T)/s)), s = 6 °F, plus a 0.5 therm base. Its slope above 62 °F is −0.1·σ((62 − T)/s): −0.05 at
   * 62 °F, −0.021 at 70 °F — the "cooling_slope −0.0240".
   */
  @Nested
  class IllinoisGasWithABentHeatingCurve {

    final DataSet gas =
        year(
            21, 52, 24, 7, new Load(t -> 0.5 + 0.1 * 6 * Math.log1p(Math.exp((62 - t) / 6)), 0.35));

    @Test
    void theOldUnconstrainedFitReadsTheBendAsASignificantNegativeCoolingSlope() {
      // the fixture reproduces the issue: a "cooling" slope < 0 with p < 0.01, and the model
      // predicts negative gas use on a hot day (the issue saw it above ~106 °F)
      BaselineFit old = unconstrainedFourParameter(gas);
      Coefficient cooling = old.coefficient("cooling_slope");
      assertThat(cooling.value()).isNegative();
      assertThat(cooling.pValue()).isLessThan(0.01);
      assertThat(predictAt(old, 130)).isNegative();
    }

    @Test
    void autoChoosesNoNegativeSlopeAndNamesTheRefusedBalancePoint() {
      BaselineFit fit = ModelSelector.select(gas, ModelSelector.Request.AUTO);
      assertNoNegativeWeatherSlope(fit);
      if (fit.model().form().isChangePoint()) {
        assertThat(fit.validity().passed(WeatherSlopes.FLAG)).isTrue();
      }
      double refused =
          unconstrainedFourParameter(gas).model().terms().get(0).balancePoint(); // hand-checkable
      assertThat(fit.choice())
          .contains("changepoint-4p")
          .contains(String.format(java.util.Locale.ROOT, "balance point %.4g", refused))
          .contains("cooling_slope -0.0")
          .contains("energy would fall as it gets warmer");
    }

    @Test
    void theChosenModelNeverPredictsNegativeGasOnAHotDay() {
      BaselineFit fit = ModelSelector.select(gas, ModelSelector.Request.CHANGEPOINT);
      assertNoNegativeWeatherSlope(fit);
      // a heating-only or sign-valid model is flat or rising above its balance point
      assertThat(predictAt(fit, 106)).isPositive();
      assertThat(predictAt(fit, 130)).isGreaterThanOrEqualTo(predictAt(fit, 106));
    }

    @Test
    void everyFourAndFiveParameterFitReturnedHasPhysicalSigns() {
      for (ModelForm form : List.of(ModelForm.CHANGE_POINT_4P, ModelForm.CHANGE_POINT_5P)) {
        ChangePointSearch s = BaselineFitter.searchChangePoint(gas, form, "temperature", List.of());
        s.fit().ifPresent(WeatherSlopesTest::assertNoNegativeWeatherSlope);
        // the best unconstrained candidate was refused, and the note says so
        assertThat(s.note()).contains(form.label()).contains("cooling_slope");
      }
    }
  }

  /**
   * UK gas (kWh/day against °C): 2.336 kWh/°C below 8 °C and 0.336 kWh/°C above, still falling —
   * the "cooling_slope −0.336, p 0.0016".
   */
  @Nested
  class UkGasWithASecondHeatingSlope {

    final DataSet gas =
        year(22, 11, 6, 2.5, new Load(t -> 30 - 0.336 * t + 2.0 * Math.max(0, 8 - t), 0.8));

    @Test
    void theOldUnconstrainedFitFindsTheSecondSlopeAsNegativeCooling() {
      Coefficient cooling = unconstrainedFourParameter(gas).coefficient("cooling_slope");
      assertThat(cooling.value()).isCloseTo(-0.336, within(0.1));
      assertThat(cooling.pValue()).isLessThan(0.01);
    }

    @Test
    void aThreeParameterCoolingModelOfAHeatingLoadIsRejectedWithItsReason() {
      // energy falls with temperature on every day: every cooling balance point gives a slope < 0
      ChangePointSearch s =
          BaselineFitter.searchChangePoint(
              gas, ModelForm.CHANGE_POINT_3P_COOLING, "temperature", List.of());
      assertThat(s.rejected()).isTrue();
      assertThat(s.note())
          .startsWith("changepoint-3p-cooling rejected: no balance point gives physically signed")
          .contains("cooling_slope -0.")
          .contains("CalTRACK 2.0 §3.4.3.2");
    }

    @Test
    void fourAndFiveParameterSearchesRefuseTheNegativeSlopeAtTheKink() {
      // the unconstrained optimum sits at the 8 °C kink with cooling ≈ −0.336; it is refused and
      // only a balance point with a non-negative cooling slope may be returned
      double kink = unconstrainedFourParameter(gas).model().terms().get(0).balancePoint();
      assertThat(kink).isCloseTo(8, within(1.0));
      for (ModelForm form : List.of(ModelForm.CHANGE_POINT_4P, ModelForm.CHANGE_POINT_5P)) {
        ChangePointSearch s = BaselineFitter.searchChangePoint(gas, form, "temperature", List.of());
        s.fit().ifPresent(WeatherSlopesTest::assertNoNegativeWeatherSlope);
        assertThat(s.note()).startsWith(form.label()).contains("cooling_slope -0.3");
      }
    }

    @Test
    void changepointRequestChoosesTheHeatingModelAndListsWhatWasRefused() {
      BaselineFit fit = ModelSelector.select(gas, ModelSelector.Request.CHANGEPOINT);
      assertThat(fit.model().form()).isEqualTo(ModelForm.CHANGE_POINT_3P_HEATING);
      assertThat(fit.coefficient("heating_slope").value()).isPositive();
      assertThat(fit.choice())
          .contains("changepoint-3p-cooling rejected")
          .contains("changepoint-4p: its best fit")
          .contains("changepoint-5p: its best fit");
    }
  }

  /** Gas falling linearly with temperature (0.336 kWh/°C): no balance point has a cooling side. */
  @Nested
  class GasFallingLinearly {

    final DataSet gas = year(25, 11, 6, 2.5, new Load(t -> 20 - 0.336 * t, 0.6));

    @Test
    void fourAndFiveParameterFormsAreRejectedAtEveryBalancePoint() {
      // E = a − 0.336·T is exactly a 4P with heating +0.336 and cooling −0.336 at any T0
      for (ModelForm form : List.of(ModelForm.CHANGE_POINT_4P, ModelForm.CHANGE_POINT_5P)) {
        ChangePointSearch s = BaselineFitter.searchChangePoint(gas, form, "temperature", List.of());
        assertThat(s.rejected()).as(form.label()).isTrue();
        assertThat(s.note()).contains(form.label() + " rejected").contains("cooling_slope -0.3");
      }
    }

    @Test
    void aRequestedFourParameterFitIsRefusedNotReturned() {
      assertThatThrownBy(
              () ->
                  BaselineFitter.changePoint(
                      gas, ModelForm.CHANGE_POINT_4P, "temperature", List.of()))
          .isInstanceOf(AnalyticsException.class)
          .hasMessageContaining("changepoint-4p rejected")
          .hasMessageContaining("a cooling slope must be ≥ 0");
    }
  }

  @Nested
  class PhysicalModelsAreStillFound {

    @Test
    void aHeatingAndCoolingBuildingKeepsItsFourParameterModel() {
      // electricity: 40 kWh base, 3 kWh/°C below and 5 kWh/°C above an 18 °C balance point
      DataSet elec =
          year(
              23,
              15,
              10,
              3,
              new Load(t -> 40 + 3 * Math.max(0, 18 - t) + 5 * Math.max(0, t - 18), 2.0));
      BaselineFit fit = ModelSelector.select(elec, ModelSelector.Request.AUTO);
      assertThat(fit.model().form()).isIn(ModelForm.CHANGE_POINT_4P, ModelForm.CHANGE_POINT_5P);
      assertThat(fit.coefficient("heating_slope").value()).isCloseTo(3, within(0.3));
      assertThat(fit.coefficient("cooling_slope").value()).isCloseTo(5, within(0.5));
      assertThat(fit.validity().passed(WeatherSlopes.FLAG)).isTrue();
      assertThat(fit.choice()).doesNotContain("rejected: no balance point");
    }
  }

  @Nested
  class DegreeDayColumns {

    /** Daily gas E = 12 + 1.5·HDD(65 °F) + production noise; HDD cycles over the year. */
    DataSet degreeDays(String column, double slope) {
      Random random = new Random(24);
      List<Observation> rows = new ArrayList<>();
      for (int d = 0; d < 365; d++) {
        double t = 52 - 24 * Math.cos(2 * Math.PI * (d - 15) / 365.0) + 7 * random.nextGaussian();
        double hdd = Math.max(0, 65 - t);
        double e = 12 + 40 * slope + slope * hdd + 2 * random.nextGaussian();
        rows.add(
            new Observation(LocalDate.of(2023, 1, 1).plusDays(d).atStartOfDay(), e, List.of(hdd)));
      }
      return new DataSet(List.of(column), rows);
    }

    @Test
    void readsTheBalancePointAndUnitFromTheColumnName() {
      assertThat(WeatherSlopes.degreeDays("hdd_65f").orElseThrow().describe())
          .isEqualTo("heating degree days, balance point 65 °F");
      assertThat(WeatherSlopes.degreeDays("cdd_15.5c").orElseThrow().describe())
          .isEqualTo("cooling degree days, balance point 15.5 °C");
      assertThat(WeatherSlopes.degreeDays("hdd").orElseThrow().describe())
          .contains("balance point not stated");
      assertThat(WeatherSlopes.degreeDays("hddx")).isEmpty();
      assertThat(WeatherSlopes.degreeDays("production_hdd")).isEmpty();
    }

    @Test
    void autoWithoutTemperatureFitsDegreeDaysByRegressionAndSaysWhy() {
      BaselineFit fit =
          ModelSelector.select(degreeDays("hdd_65f", 1.5), ModelSelector.Request.AUTO);
      assertThat(fit.model().form()).isEqualTo(ModelForm.OLS);
      assertThat(fit.coefficient("hdd_65f").value()).isCloseTo(1.5, within(0.05));
      assertThat(fit.validity().passed(WeatherSlopes.FLAG)).isTrue();
      assertThat(fit.choice())
          .contains("no 'temperature' column, so no change-point model was tried")
          .contains("hdd_65f (heating degree days, balance point 65 °F)");
    }

    @Test
    void aNegativeHeatingDegreeDaySlopeFailsTheWeatherCheckAndMakesTheBaselineIndicative() {
      // a mislabelled column: gas falls as heating degree days rise
      BaselineFit fit =
          ModelSelector.select(degreeDays("hdd_18c", -0.5), ModelSelector.Request.OLS);
      assertThat(fit.validity().passed(WeatherSlopes.FLAG)).isFalse();
      assertThat(fit.validity().failures())
          .anySatisfy(
              m -> assertThat(m).contains("hdd_18c -0.").contains("a heating slope must be ≥ 0"));
      assertThat(Verifiability.ofBaseline(fit).failedFlags()).contains(WeatherSlopes.FLAG);
    }

    @Test
    void changepointWithoutTemperatureNamesTheDegreeDayAlternative() {
      assertThatThrownBy(
              () ->
                  ModelSelector.select(
                      degreeDays("hdd_65f", 1.5), ModelSelector.Request.CHANGEPOINT))
          .isInstanceOf(AnalyticsException.class)
          .hasMessageContaining("need a 'temperature' column")
          .hasMessageContaining("--model ols or auto");
    }

    @Test
    void productionModelsCarryNoWeatherCheck() {
      // the flag exists only where there is a weather slope to judge
      DataSet plant =
          new org.energytrace.analytics.fixtures.SyntheticPlant(500, new double[] {5}, 15, 0.2)
              .generate(9, 365, 1, 0, 1)
              .baseline();
      BaselineFit fit = ModelSelector.select(plant, ModelSelector.Request.OLS);
      assertThat(fit.validity().flags()).doesNotContainKey(WeatherSlopes.FLAG);
    }
  }
}
