package org.energytrace.analytics.savings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.baseline.BaselineFit;
import org.energytrace.analytics.baseline.BaselineFitter;
import org.energytrace.analytics.baseline.DataSet;
import org.energytrace.analytics.baseline.Observation;
import org.energytrace.analytics.savings.NonRoutineAdjustment.CoefficientSource;
import org.energytrace.analytics.savings.NonRoutineAdjustment.Kind;
import org.energytrace.analytics.savings.NonRoutineAdjustment.Status;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * IPMVP non-routine adjustments on a plant with an exact model E = 200 + 3·P (so every routine
 * prediction is known by hand and the routine model adds no uncertainty) and a reporting period of
 * ten days, 2025-01-01..10, each 10 kWh below the model: routine savings 100 kWh.
 */
class NonRoutineAdjustmentsTest {

  static final LocalDate R0 = LocalDate.of(2025, 1, 1);
  static final double[] P = {50, 60, 70, 80, 90, 100, 110, 120, 130, 140};
  static final double[] X = {0, 0, 2, 4, 1, 5, 3, 0, 0, 0}; // new line output, days 3..7
  static final double Z90 = 1.6448536269514722; // two-sided 90 % normal quantile

  static BaselineFit fit() {
    List<Observation> rows = new ArrayList<>();
    for (int d = 0; d < 40; d++) {
      double p = 40 + (d * 7) % 120;
      rows.add(new Observation(R0.minusDays(40 - d).atStartOfDay(), 200 + 3 * p, List.of(p)));
    }
    return BaselineFitter.ols(new DataSet(List.of("production"), rows), List.of("production"));
  }

  /** actual = model − 10 + extra·x (the new line's energy, which the baseline never had). */
  static DataSet reporting(double extraPerUnit) {
    List<Observation> rows = new ArrayList<>();
    for (int d = 0; d < P.length; d++) {
      double model = 200 + 3 * P[d];
      rows.add(
          new Observation(
              R0.plusDays(d).atStartOfDay(),
              model - 10 + extraPerUnit * X[d],
              List.of(P[d], X[d])));
    }
    return new DataSet(List.of("production", "new_line_t"), rows);
  }

  static NonRoutineAdjustment adj(
      String id, int fromDay, int toDay, Kind kind, double value, double se, Status status) {
    return new NonRoutineAdjustment(
        id,
        R0.plusDays(fromDay - 1),
        R0.plusDays(toDay - 1),
        kind,
        value,
        null,
        null,
        se,
        "test",
        "",
        status,
        "auditor-1");
  }

  static AdjustedSavings run(DataSet reporting, NonRoutineAdjustment... a) {
    return SavingsCalculator.withAdjustments(fit(), reporting, List.of(a), 0.90);
  }

  @Nested
  class Amounts {

    @Test
    void aFixedAmountPerDayIsAddedOverItsDaysAndReportedApart() {
      // +5 kWh/day on days 3..7: 5 days x 5 = 25 kWh; savings 100 + 25
      AdjustedSavings s =
          run(reporting(0), adj("a", 3, 7, Kind.FIXED_PER_DAY, 5, 0, Status.APPROVED));
      assertThat(s.routine().savings()).isCloseTo(100, within(1e-6));
      assertThat(s.applied())
          .singleElement()
          .satisfies(
              x -> {
                assertThat(x.points()).isEqualTo(5);
                assertThat(x.amount()).isCloseTo(25, within(1e-9));
              });
      assertThat(s.nonRoutine()).isCloseTo(25, within(1e-9));
      assertThat(s.savings()).isCloseTo(125, within(1e-6));
      assertThat(s.adjustedBaseline()).isCloseTo(s.routine().adjustedBaseline() + 25, within(1e-9));
      assertThat(s.savingsFraction()).isCloseTo(125 / s.adjustedBaseline(), within(1e-12));
    }

    @Test
    void aFixedAmountPerPeriodCountsOnlyTheDaysWithData() {
      // 60 kWh over Jan 1..30 (30 days) of which the data has Jan 1..10: 60 x 10/30 = 20 kWh
      AdjustedSavings s =
          run(reporting(0), adj("p", 1, 30, Kind.FIXED_PER_PERIOD, 60, 0, Status.APPROVED));
      assertThat(s.nonRoutine()).isCloseTo(20, within(1e-9));
    }

    @Test
    void aPercentageIsOfTheRoutineAdjustedBaselineOfItsDays() {
      // +2 % on days 1..2: predictions 200 + 3·50 = 350 and 200 + 3·60 = 380 → 0.02 x 730 = 14.6
      AdjustedSavings s =
          run(reporting(0), adj("pc", 1, 2, Kind.PERCENTAGE, 2, 0, Status.APPROVED));
      assertThat(s.nonRoutine()).isCloseTo(14.6, within(1e-6));
    }

    @Test
    void aModelTermWithAFixedCoefficientMultipliesItsColumn() {
      // 3 kWh per t of the new line over days 3..7: Σx = 2+4+1+5+3 = 15 → 45 kWh
      NonRoutineAdjustment term =
          new NonRoutineAdjustment(
              "t",
              R0.plusDays(2),
              R0.plusDays(6),
              Kind.MODEL_TERM,
              3,
              "new_line_t",
              CoefficientSource.FIXED,
              0,
              "new line",
              "",
              Status.APPROVED,
              "");
      assertThat(run(reporting(0), term).nonRoutine()).isCloseTo(45, within(1e-9));
    }

    @Test
    void aRefittedTermTakesTheNewLoadOutAndLeavesTheSaving() {
      // the new line uses 4 kWh/t; refitting residual = −10 + c·x over days 3..7 gives c = 4,
      // so the adjustment is 4 x 15 = 60 kWh and the total saving is back to 10 kWh/day = 100
      NonRoutineAdjustment term =
          new NonRoutineAdjustment(
              "r",
              R0.plusDays(2),
              R0.plusDays(6),
              Kind.MODEL_TERM,
              Double.NaN,
              "new_line_t",
              CoefficientSource.REFITTED,
              0,
              "new line",
              "",
              Status.APPROVED,
              "");
      AdjustedSavings s = run(reporting(4), term);
      assertThat(s.routine().savings()).isCloseTo(100 - 60, within(1e-6));
      AppliedAdjustment a = s.applied().get(0);
      assertThat(a.coefficient()).isCloseTo(4, within(1e-9));
      assertThat(a.amount()).isCloseTo(60, within(1e-6));
      assertThat(s.savings()).isCloseTo(100, within(1e-6));
    }
  }

  @Nested
  class Approval {

    @Test
    void onlyApprovedAdjustmentsApplyAndTheOthersSayWhy() {
      AdjustedSavings s =
          run(
              reporting(0),
              adj("yes", 1, 10, Kind.FIXED_PER_DAY, 1, 0, Status.APPROVED),
              adj("no", 1, 10, Kind.FIXED_PER_DAY, 1000, 0, Status.PROPOSED),
              adj("rej", 1, 10, Kind.FIXED_PER_DAY, 1000, 0, Status.REJECTED),
              adj("late", 40, 50, Kind.FIXED_PER_DAY, 1000, 0, Status.APPROVED));
      assertThat(s.nonRoutine()).isCloseTo(10, within(1e-9));
      assertThat(s.notApplied())
          .extracting(n -> n.adjustment().id() + ": " + n.reason())
          .containsExactly(
              "no: status proposed: only approved adjustments are applied",
              "rej: status rejected: only approved adjustments are applied",
              "late: no reporting point lies in 2025-02-09..2025-02-19: nothing to adjust");
    }

    @Test
    void aModelTermOnAColumnTheDataLacksIsAnErrorNamingIt() {
      NonRoutineAdjustment term =
          new NonRoutineAdjustment(
              "t",
              R0,
              R0.plusDays(3),
              Kind.MODEL_TERM,
              3,
              "shifts",
              CoefficientSource.FIXED,
              0,
              "third shift",
              "",
              Status.APPROVED,
              "");
      assertThatThrownBy(() -> run(reporting(0), term))
          .isInstanceOf(AnalyticsException.class)
          .hasMessageContaining("adjustment t: the reporting data has no column 'shifts'");
    }

    @Test
    void anAdjustmentWithoutJustificationIsRefused() {
      assertThatThrownBy(
              () ->
                  new NonRoutineAdjustment(
                      "x",
                      R0,
                      R0,
                      Kind.FIXED_PER_DAY,
                      1,
                      null,
                      null,
                      0,
                      " ",
                      "",
                      Status.APPROVED,
                      ""))
          .hasMessageContaining("adjustment x: needs a justification");
    }
  }

  @Nested
  class Uncertainties {

    @Test
    void aFixedAdjustmentWithoutAStatedUncertaintyAddsNone() {
      AdjustedSavings plain = run(reporting(0));
      AdjustedSavings s =
          run(reporting(0), adj("a", 3, 7, Kind.FIXED_PER_DAY, 5, 0, Status.APPROVED));
      assertThat(s.uncertainty().halfWidth()).isEqualTo(plain.uncertainty().halfWidth());
      assertThat(s.applied().get(0).uncertaintyNote()).contains("adds none");
    }

    @Test
    void aStatedStdErrorAddsInQuadratureWithTheRoutineHalfWidth() {
      // σ = 2 kWh/day over 5 days at 90 %: z·σ·5; the exact model's routine half-width is 0
      AdjustedSavings s =
          run(reporting(0), adj("a", 3, 7, Kind.FIXED_PER_DAY, 5, 2, Status.APPROVED));
      double routine = s.routine().uncertainty().halfWidth();
      double adjustment = Z90 * 2 * 5;
      assertThat(s.applied().get(0).halfWidth()).isCloseTo(adjustment, within(1e-9));
      assertThat(s.uncertainty().halfWidth())
          .isCloseTo(Math.sqrt(routine * routine + adjustment * adjustment), within(1e-9));
      assertThat(s.uncertainty().low())
          .isCloseTo(s.savings() - s.uncertainty().halfWidth(), within(1e-9));
    }
  }

  @Nested
  class JsonFormat {

    @Test
    void readsWhatItWrites() {
      List<NonRoutineAdjustment> list =
          List.of(
              adj("a", 3, 7, Kind.FIXED_PER_DAY, 5, 2, Status.APPROVED),
              new NonRoutineAdjustment(
                  "r",
                  R0,
                  R0.plusDays(9),
                  Kind.MODEL_TERM,
                  Double.NaN,
                  "new_line_t",
                  CoefficientSource.REFITTED,
                  0,
                  "new line",
                  "memo.pdf",
                  Status.PROPOSED,
                  ""));
      assertThat(AdjustmentsJson.read(AdjustmentsJson.write(list))).isEqualTo(list);
    }

    @Test
    void anUnknownKindIsRefusedNamingTheEntryAndField() {
      String json =
          "{\"adjustments\": [{\"id\": \"a\", \"from\": \"2025-01-01\", \"to\": \"2025-01-02\","
              + " \"kind\": \"lump\", \"value\": 1, \"justification\": \"j\", \"status\": \"approved\"}]}";
      assertThatThrownBy(() -> AdjustmentsJson.read(json))
          .hasMessage(
              "adjustments[0], field 'kind': 'lump' is not one of [fixed_per_day, fixed_per_period,"
                  + " percentage, model_term]");
    }
  }
}
