package org.energytrace.analytics.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.energytrace.analytics.baseline.DataSet;
import org.energytrace.analytics.baseline.Observation;
import org.energytrace.analytics.fixtures.SyntheticPlant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyticsMainTest {

  @TempDir Path dir;
  Path baseline;
  Path reporting;

  record Run(int status, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = AnalyticsMain.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(status, out.toString(), err.toString());
  }

  static String csv(DataSet data) {
    StringBuilder b = new StringBuilder("period,energy");
    data.variables().forEach(v -> b.append(',').append(v));
    b.append('\n');
    for (Observation o : data.rows()) {
      b.append(o.period().toLocalDate()).append(',').append(fmt(o.energy()));
      o.values().forEach(v -> b.append(',').append(fmt(v)));
      b.append('\n');
    }
    return b.toString();
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }

  Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }

  @BeforeEach
  void plant() throws IOException {
    SyntheticPlant plant = new SyntheticPlant(1000, new double[] {5, 2}, 40, 0.3);
    SyntheticPlant.Periods d = plant.generate(42, 365, 90, 0.08, 1.0);
    baseline = write("B.csv", csv(d.baseline()));
    reporting = write("R.csv", csv(d.reporting()));
  }

  Run mv(String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of("mv", "--baseline", baseline.toString(), "--reporting", reporting.toString()));
    args.addAll(List.of(extra));
    return run(args.toArray(String[]::new));
  }

  @Test
  void anOptionValueOutOfItsRangeIsABadCommandLineExitTwo() {
    Run r = mv("--confidence", "150");
    // it ended with 1, the status of bad data (docs/mv-method.md: 2 bad command line)
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("--confidence must be a percentage between 0 and 100");
    assertThat(r.out()).isEmpty();
  }

  @Nested
  class HappyPath {

    @Test
    void jsonOutputHasExactlyTheDocumentedKeys() throws IOException {
      Run r = mv();
      assertThat(r.status()).as(r.err()).isZero();
      JsonNode json = new ObjectMapper().readTree(r.out());
      // docs/mv-method.md, "Output"
      assertThat(keys(json))
          .containsExactly(
              "model",
              "fit",
              "reporting",
              "validity",
              "verifiability",
              "coverage",
              "method_version");
      assertThat(keys(json.get("verifiability")))
          .containsExactly("status", "label", "failed_checks", "reasons");
      assertThat(keys(json.get("model")))
          .containsExactly(
              "form", "choice", "coefficients", "std_errors", "p_values", "balance_points");
      assertThat(keys(json.get("model").get("coefficients")))
          .containsExactly("intercept", "production", "production_b");
      assertThat(keys(json.get("fit")))
          .containsExactly(
              "convention",
              "n",
              "p",
              "r2",
              "adj_r2",
              "cv_rmse",
              "nmbe",
              "f_p_value",
              "autocorrelation",
              "n_effective",
              "eemeter");
      assertThat(keys(json.get("fit").get("eemeter")))
          .containsExactly("convention", "cv_rmse", "cv_rmse_adjusted", "nmbe", "r2");
      assertThat(keys(json.get("reporting")))
          .containsExactly(
              "m",
              "expected",
              "missing",
              "missing_handling",
              "actual",
              "adjusted_baseline",
              "savings",
              "savings_fraction",
              "savings_per_unit",
              "fsu",
              "confidence",
              "alpha",
              "t",
              "savings_low",
              "savings_high",
              "extrapolation");
      assertThat(keys(json.get("reporting").get("extrapolation")))
          .containsExactly(
              "points_outside",
              "share_of_points",
              "adjusted_baseline_outside",
              "share_of_adjusted_baseline",
              "savings_outside",
              "max_share",
              "outside_by_variable");
      assertThat(keys(json.get("validity")))
          .containsExactly(
              "f_test_p_below_0_10",
              "every_variable_p_below_0_20",
              "some_variable_p_below_0_10",
              "r2_at_least_0_5",
              "cv_rmse_below_0_25",
              "data_sufficient",
              "reporting_within_baseline_range",
              "fsu_68_at_most_0_5",
              "valid",
              "messages");
      assertThat(keys(json.get("coverage"))).containsExactly("baseline", "reporting");
      assertThat(keys(json.get("coverage").get("baseline")))
          .containsExactly("first", "last", "expected", "present", "fraction", "missing", "review");
      assertThat(keys(json.get("coverage").get("baseline").get("review")))
          .containsExactly("zero_energy", "negative_energy", "extreme", "extreme_limit");
      assertThat(keys(json.get("coverage").get("reporting")))
          .containsExactly("first", "last", "expected", "present", "fraction", "missing");
      assertThat(json.get("method_version").asText()).isEqualTo("energytrace-mv/1.2");
      assertThat(json.get("reporting").get("m").asInt()).isEqualTo(90);
      assertThat(json.get("reporting").get("confidence").asDouble()).isEqualTo(0.90);
      assertThat(json.get("reporting").get("savings_fraction").asDouble()).isBetween(0.05, 0.11);
      assertThat(json.get("model").get("form").asText()).isEqualTo("ols");
    }

    @Test
    void runningTwiceGivesByteIdenticalOutput() {
      Run first = mv("--format", "json");
      Run second = mv("--format", "json");
      assertThat(first.out()).isNotEmpty().isEqualTo(second.out());
      assertThat(mv("--format", "text").out()).isEqualTo(mv("--format", "text").out());
    }

    @Test
    void textReportNamesTheModelAndTheValidity() {
      Run r = mv("--format", "text", "--confidence", "68", "--model", "ols");
      assertThat(r.status()).isZero();
      assertThat(r.out()).contains("Model: ols").contains("68 % interval").contains("Validity:");
    }
  }

  @Nested
  class TargetsAndCo2 {

    @Test
    void reportsProgressAgainstEightAndThirteenPercentWithTheirSource() throws IOException {
      // Decision 1419/QĐ-TTg: 8–13 % per unit of product; the plant's true saving is 8 %
      Run r = mv("--targets", "8,13");
      assertThat(r.status()).as(r.err()).isZero();
      JsonNode targets = new ObjectMapper().readTree(r.out()).get("targets");
      assertThat(targets).hasSize(2);
      assertThat(targets.get(0).get("target").asDouble()).isEqualTo(0.08);
      assertThat(targets.get(0).get("source").asText()).contains("Decision 1419");
      assertThat(targets.get(1).get("status").asText()).isEqualTo("NOT_MET");
    }

    @Test
    void convertsTheSavingToCo2WithTheGridFactorOfTheGivenYear() throws IOException {
      // grid 2023: 0.6592 tCO2/MWh
      Run r = mv("--carrier", "electricity", "--year", "2023");
      assertThat(r.status()).as(r.err()).isZero();
      JsonNode json = new ObjectMapper().readTree(r.out());
      double savings = json.get("reporting").get("savings").asDouble();
      assertThat(json.get("co2").get("avoided_t").asDouble())
          .isCloseTo(savings / 1000 * 0.6592, org.assertj.core.api.Assertions.within(1e-9));
      assertThat(keys(json)).last().isEqualTo("method_version");
      assertThat(
              mv("--format", "text", "--targets", "8", "--carrier", "electricity", "--year", "2023")
                  .out())
          .contains("Target 8.0 %")
          .contains("CO2 avoided");
    }

    @Test
    void refusesAYearWithoutAGridFactorAndWritesNothing() {
      Run r = mv("--carrier", "electricity", "--year", "2024");
      assertThat(r.status()).isNotZero();
      assertThat(r.out()).isEmpty();
      assertThat(r.err()).contains("no CO2 emission factor for electricity");
    }
  }

  @Nested
  class WeatherInputs {

    @Test
    void changepointWithoutATemperatureColumnFailsAndPointsToDegreeDays() {
      // issue 21: the change-point request used to need a raw temperature column silently
      Run r = mv("--model", "changepoint");
      assertThat(r.status()).isEqualTo(1);
      assertThat(r.out()).isEmpty();
      assertThat(r.err())
          .contains("change-point models need a 'temperature' column")
          .contains("hdd_65f");
    }

    @Test
    void autoWithoutTemperatureSaysNoChangePointModelWasTried() throws IOException {
      JsonNode json = new ObjectMapper().readTree(mv().out());
      assertThat(json.get("model").get("choice").asText())
          .contains("no 'temperature' column, so no change-point model was tried");
    }

    /** Hourly rows: 24 per day except the listed days, which have {@code hours} rows. */
    Path hourly(String name, DataSet days, int sparseDay, int hours) throws IOException {
      StringBuilder b = new StringBuilder("period,energy,production,production_b\n");
      for (int d = 0; d < days.size(); d++) {
        Observation o = days.rows().get(d);
        int n = d == sparseDay ? hours : 24;
        for (int h = 0; h < n; h++) {
          b.append(o.period().plusHours(h))
              .append(',')
              .append(fmt(o.energy() / 24))
              .append(',')
              .append(fmt(o.value(0) / 24))
              .append(',')
              .append(fmt(o.value(1) / 24))
              .append('\n');
        }
      }
      return write(name, b.toString());
    }

    @Test
    void rollupDailySumsHourlyFilesAndListsDroppedAndFilledDays() throws IOException {
      SyntheticPlant plant = new SyntheticPlant(1000, new double[] {5, 2}, 40, 0.3);
      SyntheticPlant.Periods d = plant.generate(42, 365, 30, 0.08, 1.0);
      baseline = hourly("BH.csv", d.baseline(), 100, 11); // day 101: 11 of 24 hours → dropped
      reporting = hourly("RH.csv", d.reporting(), 5, 20); // day 6: 20 of 24 → filled
      Run r = mv("--rollup", "daily", "--model", "ols");
      assertThat(r.status()).as(r.err()).isZero();
      JsonNode json = new ObjectMapper().readTree(r.out());
      assertThat(json.get("fit").get("n").asInt()).isEqualTo(364);
      assertThat(json.get("rollup").get("baseline").get("dropped").toString())
          .isEqualTo("[\"2023-04-11\"]");
      assertThat(json.get("rollup").get("reporting").get("filled").get(0).get("present").asInt())
          .isEqualTo(20);
      assertThat(json.get("reporting").get("m").asInt()).isEqualTo(30);
      // the filled day's energy is its 20 hours scaled to 24: the day's own total again
      assertThat(json.get("coverage").get("baseline").get("missing").toString())
          .isEqualTo("[\"2023-04-11T00:00\"]");
    }

    @Test
    void rollupOfADailyFileIsAnError() {
      Run r = mv("--rollup", "daily");
      assertThat(r.status()).isEqualTo(1);
      assertThat(r.err()).contains("--rollup daily: a daily rollup needs hourly or shorter");
    }
  }

  @Nested
  class VerifiabilityAndAdjustments {

    @Test
    void aThirtyDayBaselineIsShownIndicativeAndItsTargetsNeverMet() throws IOException {
      // issue 15: the demo's 30-day baseline fails data sufficiency (CalTRACK: 365 days)
      SyntheticPlant plant = new SyntheticPlant(1000, new double[] {5, 2}, 40, 0.3);
      SyntheticPlant.Periods d = plant.generate(42, 30, 60, 0.30, 1.0);
      baseline = write("B.csv", csv(d.baseline()));
      reporting = write("R.csv", csv(d.reporting()));
      Run r = mv("--targets", "8", "--model", "ols");
      assertThat(r.status()).as(r.err()).isZero();
      JsonNode json = new ObjectMapper().readTree(r.out());
      assertThat(json.get("verifiability").get("label").asText())
          .isEqualTo("indicative, not verifiable");
      assertThat(json.get("verifiability").get("failed_checks").toString())
          .contains("data_sufficient");
      assertThat(json.get("targets").get(0).get("status").asText()).isEqualTo("INDICATIVE");
      assertThat(mv("--targets", "8", "--model", "ols", "--format", "text").out())
          .contains("Verifiability: indicative, not verifiable (fails data_sufficient")
          .contains("Target 8.0 %")
          .contains("INDICATIVE (indicative, not verifiable)")
          .doesNotContain(": MET");
    }

    @Test
    void appliesApprovedAdjustmentsAndReportsTheRoutineAndNonRoutinePartsApart()
        throws IOException {
      // +100 kWh/day over the whole 90-day reporting period = 9,000 kWh; the proposed one is not
      // applied
      Path adjustments =
          write(
              "adjustments.json",
              """
              {"adjustments": [
                {"id": "new-line", "from": "2024-01-01", "to": "2024-03-31",
                 "kind": "fixed_per_day", "value": 100, "justification": "filling line 2",
                 "status": "approved", "decided_by": "auditor-1"},
                {"id": "mix", "from": "2024-01-01", "to": "2024-03-31",
                 "kind": "percentage", "value": 50, "justification": "product mix",
                 "status": "proposed"}
              ]}
              """);
      Run plain = mv();
      Run r = mv("--adjustments", adjustments.toString(), "--targets", "8");
      assertThat(r.status()).as(r.err()).isZero();
      JsonNode json = new ObjectMapper().readTree(r.out());
      JsonNode nr = json.get("non_routine");
      double routine =
          new ObjectMapper().readTree(plain.out()).get("reporting").get("savings").asDouble();
      assertThat(json.get("reporting").get("savings").asDouble()).isEqualTo(routine);
      assertThat(nr.get("routine_savings").asDouble()).isEqualTo(routine);
      assertThat(nr.get("non_routine_total").asDouble()).isCloseTo(9000, within(1e-9));
      assertThat(nr.get("savings").asDouble()).isCloseTo(routine + 9000, within(1e-6));
      assertThat(nr.get("applied").get(0).get("points").asInt()).isEqualTo(90);
      assertThat(nr.get("not_applied").get(0).get("reason").asText())
          .isEqualTo("status proposed: only approved adjustments are applied");
      // progress is judged on the adjusted total
      assertThat(json.get("targets").get(0).get("savings_fraction").asDouble())
          .isEqualTo(nr.get("savings_fraction").asDouble());
      assertThat(keys(json))
          .containsSubsequence("coverage", "non_routine", "targets", "method_version");
    }

    @Test
    void aBadAdjustmentsFileIsRejectedNamingTheFileEntryAndField() throws IOException {
      Path adjustments =
          write(
              "adjustments.json",
              "{\"adjustments\": [{\"id\": \"a\", \"from\": \"2024-01-01\", \"to\": \"2024-01-02\","
                  + " \"kind\": \"fixed_per_day\", \"justification\": \"j\","
                  + " \"status\": \"approved\"}]}");
      Run r = mv("--adjustments", adjustments.toString());
      assertThat(r.status()).isNotZero();
      assertThat(r.out()).isEmpty();
      assertThat(r.err()).contains("adjustments.json: adjustments[0], field 'value': missing");
    }
  }

  @Nested
  class BadInput {

    void assertRejected(Run r, String... fragments) {
      assertThat(r.status()).isNotZero();
      assertThat(r.out()).isEmpty(); // nothing half-written
      assertThat(r.err()).contains(fragments);
    }

    @Test
    void emptyFileIsRejectedNamingTheFile() throws IOException {
      write("B.csv", "");
      assertRejected(mv(), "B.csv", "empty");
    }

    @Test
    void missingEnergyColumnIsRejectedNamingRowAndColumn() throws IOException {
      write("B.csv", "period,production\n2024-01-01,3\n");
      assertRejected(mv(), "B.csv: row 1, column 'energy': missing column");
    }

    @Test
    void reportingWithoutABaselineVariableIsRejected() throws IOException {
      write("R.csv", "period,energy,production\n2025-01-01,3,4\n");
      assertRejected(mv(), "R.csv: row 1, column 'production_b': missing column");
    }

    @Test
    void nonNumericCellIsRejectedNamingRowAndColumn() throws IOException {
      List<String> lines = new ArrayList<>(Files.readAllLines(baseline));
      lines.set(3, lines.get(3).replaceFirst(",[^,]*$", ",lots"));
      write("B.csv", String.join("\n", lines) + "\n");
      assertRejected(mv(), "B.csv: row 4, column 'production_b': not a number: 'lots'");
    }

    @Test
    void duplicatePeriodIsRejectedNamingBothRows() throws IOException {
      List<String> lines = new ArrayList<>(Files.readAllLines(baseline));
      lines.add(lines.get(5));
      write("B.csv", String.join("\n", lines) + "\n");
      assertRejected(mv(), "B.csv: row 367, column 'period': duplicate period", "first at row 6");
    }

    @Test
    void fewerPointsThanParametersIsRejected() throws IOException {
      write("B.csv", "period,energy,production,production_b\n2024-01-01,3,4,5\n2024-01-02,4,5,7\n");
      assertRejected(mv("--model", "ols"), "B.csv", "2 baseline points for 3 parameters");
    }

    @Test
    void reportingPeriodWithNoDataIsRejected() throws IOException {
      write("R.csv", "period,energy,production,production_b\n");
      assertRejected(mv(), "R.csv", "the reporting period has no data");
    }

    @Test
    void badDateIsRejectedNamingRowAndColumn() throws IOException {
      write("R.csv", "period,energy,production,production_b\n31/01/2025,3,4,5\n");
      assertRejected(mv(), "R.csv: row 2, column 'period': not an ISO date");
    }
  }

  static List<String> keys(JsonNode node) {
    List<String> keys = new ArrayList<>();
    Iterator<String> it = node.fieldNames();
    it.forEachRemaining(keys::add);
    return keys;
  }
}
