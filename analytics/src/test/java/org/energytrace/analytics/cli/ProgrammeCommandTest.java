package org.energytrace.analytics.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgrammeCommandTest {

  @TempDir Path dir;

  record Run(int status, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = AnalyticsMain.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(status, out.toString(), err.toString());
  }

  static final String RESULTS =
      """
      {
        "province": "Binh Duong",
        "period": "2023",
        "confidence": 0.9,
        "enterprises": [
          {
            "id": "E1", "name": "Brewery", "vsic": "1103", "district": "Thu Dau Mot",
            "industrial_park": "VSIP I", "key_energy_user": true,
            "cp": {"aware": true, "applying": true, "has_cp_unit": true},
            "saving": {
              "from": "2023-01-01", "to": "2023-12-31", "sec_unit": "MJ/hl",
              "baseline_sec": 135, "reporting_sec": 120, "savings_fraction": 0.1,
              "fraction_low": 0.085, "fraction_high": 0.115, "confidence": 0.9,
              "model_valid": true, "method_version": "energytrace-mv/1.2",
              "energy_saved": [{"carrier": "electricity", "unit": "kWh", "amount": 1000000,
                                "half_width": 150000}]
            },
            "annual_consumption": [{"carrier": "electricity", "unit": "kWh", "amount": 10000000}],
            "norm_id": "beer_large"
          },
          {
            "id": "E2", "vsic": "2220", "district": "Di An", "key_energy_user": false,
            "cp": {"aware": true, "applying": false, "has_cp_unit": false}
          }
        ]
      }
      """;

  Path write(String content) throws IOException {
    return Files.writeString(dir.resolve("results.json"), content, StandardCharsets.UTF_8);
  }

  @Nested
  class HappyPath {

    @Test
    void writesTheProvinceReportAsJsonAndText() throws IOException {
      Path input = write(RESULTS);
      Run r = run("programme", "--input", input.toString());
      assertThat(r.status()).as(r.err()).isZero();
      JsonNode json = new ObjectMapper().readTree(r.out());
      assertThat(json.get("indicators").get("applying_cp").get("n").asInt()).isEqualTo(1);
      assertThat(json.get("indicators").get("saving_bands").get("8-13 %").get("n").asInt())
          .isEqualTo(1);
      assertThat(json.get("totals").get("saved_toe").asDouble()).isEqualTo(154.3);
      assertThat(json.get("method_version").asText()).isEqualTo("energytrace-mv/1.2");
      Run text = run("programme", "--input", input.toString(), "--format", "text");
      assertThat(text.out()).contains("Binh Duong, 2023").contains("TOE primary-equivalent");
      assertThat(run("programme", "--input", input.toString()).out()).isEqualTo(r.out());
    }

    @Test
    void takesThePeriodFromTheCommandLineOverTheFile() throws IOException {
      Path input = write(RESULTS);
      Run r = run("programme", "--input", input.toString(), "--period", "2023-H2");
      assertThat(r.status()).as(r.err()).isZero();
      // a whole-year saving is not inside the second half-year: not counted, and said
      assertThat(r.out()).contains("lies outside 2023-H2");
    }
  }

  @Test
  void aBadOptionValueIsABadCommandLineExitTwo() throws IOException {
    Path input = write(RESULTS);
    Run r = run("programme", "--input", input.toString(), "--period", "2026-Q3");
    // it ended with 1, the status of bad data (docs/mv-method.md: 2 bad command line)
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("--period").doesNotContain(input.toString());
    assertThat(r.out()).isEmpty();
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
      Path input = write("");
      assertRejected(run("programme", "--input", input.toString()), "results.json", "empty");
    }

    @Test
    void syntaxErrorNamesLineAndColumn() throws IOException {
      Path input = write("{\n  \"province\": \"x\",\n  \"period\": 2023-\n}");
      assertRejected(run("programme", "--input", input.toString()), "results.json: line 3");
    }

    @Test
    void nonNumericCellNamesTheEnterpriseAndTheField() throws IOException {
      Path input = write(RESULTS.replace("\"baseline_sec\": 135", "\"baseline_sec\": \"lots\""));
      assertRejected(
          run("programme", "--input", input.toString()),
          "row enterprises[0].saving, column 'baseline_sec': not a number");
    }

    @Test
    void missingFieldAndBadPeriodAreNamed() throws IOException {
      Path input = write(RESULTS.replace("\"vsic\": \"2220\", ", ""));
      assertRejected(
          run("programme", "--input", input.toString()), "row enterprises[1], column 'vsic'");
      Path good = write(RESULTS);
      assertRejected(
          run("programme", "--input", good.toString(), "--period", "2023-Q1"), "--period");
    }

    @Test
    void inconsistentBandIsRejected() throws IOException {
      Path input = write(RESULTS.replace("\"fraction_low\": 0.085", "\"fraction_low\": 0.2"));
      assertRejected(
          run("programme", "--input", input.toString()),
          "row enterprises[0]",
          "must lie in its band");
    }
  }
}
