package org.energytrace.analytics.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.fixtures.SyntheticPlant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BaselineFitterTest {

  static DataSet series(String variable, double[] x, double[] y) {
    List<Observation> rows = new ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      rows.add(
          new Observation(
              LocalDate.of(2024, 1, 1).plusDays(i).atStartOfDay(), y[i], List.of(x[i])));
    }
    return new DataSet(List.of(variable), rows);
  }

  @Nested
  class OrdinaryLeastSquares {

    // x = 1..5, y = 3, 5, 6, 9, 10. By hand: x̄ = 3, ȳ = 6.6, Sxx = 10, Sxy = 18,
    // b = Sxy/Sxx = 1.8, a = ȳ − b·x̄ = 1.2, residuals 0, .2, −.6, .6, −.2, SSres = 0.8,
    // s² = 0.8/3, SE(b) = sqrt(s²/Sxx), SE(a) = sqrt(s²(1/n + x̄²/Sxx)), SStot = 33.2.
    // Cross-checked with scipy.stats.linregress (slope 1.8, stderr 0.16329931618554547,
    // intercept_stderr 0.5416025603090648, pvalue 0.0015991373885635483).
    final BaselineFit fit =
        BaselineFitter.ols(
            series("production", new double[] {1, 2, 3, 4, 5}, new double[] {3, 5, 6, 9, 10}),
            List.of("production"));

    @Test
    void estimatesTextbookSlopeAndIntercept() {
      assertThat(fit.coefficient("production").value()).isCloseTo(1.8, within(1e-9));
      assertThat(fit.coefficient("intercept").value()).isCloseTo(1.2, within(1e-9));
    }

    @Test
    void estimatesTextbookStandardErrors() {
      assertThat(fit.coefficient("production").stdError())
          .isCloseTo(Math.sqrt(0.8 / 3 / 10), within(1e-9))
          .isCloseTo(0.1632993162, within(1e-6));
      assertThat(fit.coefficient("intercept").stdError())
          .isCloseTo(Math.sqrt(0.8 / 3 * (0.2 + 0.9)), within(1e-9))
          .isCloseTo(0.5416025603, within(1e-6));
    }

    @Test
    void pValuesMatchTheClosedFormStudentTWithThreeDegreesOfFreedom() {
      // two-tailed p for df = 3: p = 1 − (2/π)(θ + sinθ·cosθ), θ = atan(t/√3)
      double tb = 1.8 / Math.sqrt(0.8 / 3 / 10);
      double ta = 1.2 / Math.sqrt(0.8 / 3 * 1.1);
      assertThat(fit.coefficient("production").pValue())
          .isCloseTo(closedFormP3(tb), within(1e-9))
          .isCloseTo(0.0015991374, within(1e-6));
      assertThat(fit.coefficient("intercept").pValue())
          .isCloseTo(closedFormP3(ta), within(1e-9))
          .isCloseTo(0.1135024749, within(1e-6));
      // one regressor: F = t², same p-value
      assertThat(fit.statistics().fStatistic()).isCloseTo(121.5, within(1e-6));
      assertThat(fit.statistics().fPValue()).isCloseTo(0.0015991374, within(1e-6));
    }

    @Test
    void fitStatisticsFollowGuideline14() {
      FitStatistics s = fit.statistics();
      assertThat(s.n()).isEqualTo(5);
      assertThat(s.p()).isEqualTo(2);
      assertThat(s.r2())
          .isCloseTo(1 - 0.8 / 33.2, within(1e-12))
          .isCloseTo(0.9759036145, within(1e-6));
      assertThat(s.adjR2()).isCloseTo(0.9678714859, within(1e-6));
      assertThat(s.cvRmse()).isCloseTo(Math.sqrt(0.8 / 3) / 6.6, within(1e-12));
      assertThat(s.nmbe()).isCloseTo(0.0, within(1e-12));
      assertThat(s.autocorrelation()).isCloseTo(-0.75, within(1e-9));
      // n′ = n(1 − ρ)/(1 + ρ) = 5·1.75/0.25: a negative ρ gives n′ > n, as the formula says
      assertThat(s.nEffective()).isCloseTo(35.0, within(1e-9));
    }

    @Test
    void flagsTheFiveDayBaselineAsInsufficientData() {
      // CalTRACK 2.0 §2.2: a year of data is needed
      assertThat(fit.validity().passed("data_sufficient")).isFalse();
      assertThat(fit.validity().passed("f_test_p_below_0_10")).isTrue();
      assertThat(fit.validity().failures()).anyMatch(m -> m.contains("a year needs 365"));
    }

    private double closedFormP3(double t) {
      double theta = Math.atan(t / Math.sqrt(3));
      return 1 - (2 / Math.PI) * (theta + Math.sin(theta) * Math.cos(theta));
    }
  }

  @Nested
  class MultiProduct {

    @Test
    void recoversKnownPerProductCoefficients() {
      // E = 500 + 2.0·P_a + 3.5·P_b + 0.8·P_c, AR(1) noise σ = 20, φ = 0.3
      SyntheticPlant plant = new SyntheticPlant(500, new double[] {2.0, 3.5, 0.8}, 20, 0.3);
      BaselineFit fit =
          BaselineFitter.ols(plant.generate(7, 365, 1, 0, 1).baseline(), plant.variables());
      assertThat(fit.model().coefficients()).hasSize(4);
      for (int i = 0; i < 3; i++) {
        Coefficient c = fit.coefficient(plant.variables().get(i));
        assertThat(c.value()).isCloseTo(plant.slopes()[i], within(4 * c.stdError()));
        assertThat(c.pValue()).isLessThan(0.10);
      }
      assertThat(fit.coefficient("intercept").value())
          .isCloseTo(500, within(4 * fit.coefficient("intercept").stdError()));
      assertThat(fit.statistics().autocorrelation()).isCloseTo(0.3, within(0.15));
      assertThat(fit.validity().valid()).as(fit.validity().failures().toString()).isTrue();
    }
  }

  @Nested
  class Errors {

    @Test
    void rejectsFewerPointsThanParameters() {
      DataSet two = series("production", new double[] {1, 2}, new double[] {3, 5});
      assertThatThrownBy(() -> BaselineFitter.ols(two, List.of("production")))
          .isInstanceOf(AnalyticsException.class)
          .hasMessageContaining("2 baseline points for 2 parameters");
    }

    @Test
    void rejectsAConstantVariableAsSingular() {
      DataSet flat = series("production", new double[] {4, 4, 4, 4}, new double[] {3, 5, 6, 9});
      assertThatThrownBy(() -> BaselineFitter.ols(flat, List.of("production")))
          .isInstanceOf(AnalyticsException.class)
          .hasMessageContaining("constant or collinear");
    }
  }
}
