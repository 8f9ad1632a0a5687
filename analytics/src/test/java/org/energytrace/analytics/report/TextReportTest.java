package org.energytrace.analytics.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.energytrace.analytics.baseline.ModelSelector;
import org.energytrace.analytics.fixtures.SyntheticPlant;
import org.junit.jupiter.api.Test;

class TextReportTest {

  @Test
  void aLargePlantsFiguresAreWrittenInFullNotInScientificNotation() {
    // 1.2 GWh a day: the CLI's report wrote "actual 1.08130e+08" and "[4.69e+06, 5.12e+06]"
    SyntheticPlant plant = new SyntheticPlant(1_000_000, new double[] {2_000}, 20_000, 0.2);
    SyntheticPlant.Periods d = plant.generate(5, 365, 90, 0.05, 1.0);
    MvReport report = MvAnalysis.run(d.baseline(), d.reporting(), ModelSelector.Request.OLS, 0.90);
    String text = TextReport.render(report);
    String actual =
        text.lines().filter(l -> l.strip().startsWith("actual")).findFirst().orElseThrow();
    assertThat(actual.strip().split("\\s+")[1])
        .as(actual)
        .matches("[0-9]{9}")
        .isEqualTo(Figures6.of(report.reporting().actual()));
    assertThat(text.lines().filter(l -> l.contains("% interval")).findFirst().orElseThrow())
        .matches("  90 % interval     \\[[0-9]+, [0-9]+\\], FSU .*");
    // the energy figures (p-values may keep their exponent: 1.2e-30 is how statistics write them)
    assertThat(
            text.lines()
                .filter(
                    l ->
                        l.matches(
                            "  (actual|adjusted baseline|savings|routine|non-routine|extrapolated|"
                                + "[0-9]+ % interval).*")))
        .hasSizeGreaterThanOrEqualTo(5)
        .noneMatch(l -> l.matches(".*[0-9]e[+-][0-9].*"));
    assertThat(text).containsPattern("NMBE -?0\\.0000,");
  }

  /**
   * The figure as the report should print it, by hand: to six significant digits, but a figure of
   * more whole digits rounded to its whole units only (1.02784e+08 read as 102784000 is a figure
   * nobody measured).
   */
  static final class Figures6 {
    static String of(double v) {
      long digits = (long) Math.floor(Math.log10(Math.abs(v))) + 1;
      if (digits >= 6) {
        return String.valueOf(Math.round(v));
      }
      double scale = Math.pow(10, digits - 6);
      return String.valueOf(Math.round(v / scale) * scale);
    }
  }
}
