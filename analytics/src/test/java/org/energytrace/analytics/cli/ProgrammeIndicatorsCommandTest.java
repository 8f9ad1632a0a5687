package org.energytrace.analytics.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.energytrace.analytics.fixtures.ProgrammeProvince;
import org.energytrace.analytics.report.ProgrammeCalculator;
import org.energytrace.analytics.report.ProgrammeData;
import org.energytrace.analytics.report.ProgrammeInputJson;
import org.energytrace.analytics.report.ProgrammeScope;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code analytics programme} on the facilities format: the calculator's figures, byte for byte.
 */
class ProgrammeIndicatorsCommandTest {

  @TempDir Path dir;
  Path input;

  record Run(int status, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = AnalyticsMain.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(status, out.toString(), err.toString());
  }

  @BeforeEach
  void write() throws IOException {
    input =
        Files.writeString(
            dir.resolve("programme.json"), ProgrammeInputJson.write(ProgrammeProvince.input()));
  }

  @Test
  void printsTheSameJsonAsTheCalculatorTheApiCalls() {
    Run r =
        run(
            "programme",
            "--input",
            input.toString(),
            "--as-of",
            "2026-12-31",
            "--district",
            "Thu Dau Mot");
    assertThat(r.status()).as(r.err()).isZero();
    String expected =
        ProgrammeCalculator.indicators(
                ProgrammeProvince.input().withAsOf(LocalDate.of(2026, 12, 31)),
                new ProgrammeScope("Thu Dau Mot", null, null),
                ProgrammeData.bundled())
            .json();
    assertThat(r.out()).isEqualTo(expected);
  }

  @Test
  void theJsonNamesNumeratorDenominatorAndFacilities() throws IOException {
    Run r = run("programme", "--input", input.toString());
    assertThat(r.status()).as(r.err()).isZero();
    JsonNode aware = new ObjectMapper().readTree(r.out()).get("indicators").get("aware");
    assertThat(aware.get("numerator").asInt()).isEqualTo(5);
    assertThat(aware.get("denominator").asInt()).isEqualTo(7);
    assertThat(aware.get("facilities").toString())
        .isEqualTo("[\"F1\",\"F2\",\"F3\",\"F6\",\"F8\"]");
  }

  @Test
  void textFormatShowsTheFiguresAgainstTargets() {
    Run r = run("programme", "--input", input.toString(), "--format", "text");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("as of 2026-06-30")
        .contains("aware of CP")
        .contains("5 / 7")
        .contains("target 90.0 % (not reached)")
        .contains("Key energy users 2025");
  }

  @Test
  void aBadFieldIsRejectedNamingFileRowAndField() throws IOException {
    Files.writeString(
        input, Files.readString(input).replaceFirst("\"vsic\": \"1103\"", "\"vsic\": \"beer\""));
    Run r = run("programme", "--input", input.toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .contains("programme.json: facilities[0]")
        .contains("VSIC code must be digits");
  }
}
