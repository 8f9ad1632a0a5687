package org.energytrace.ingest.programme;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.energytrace.analytics.report.Facility;
import org.energytrace.analytics.report.ProgrammeCalculator;
import org.energytrace.analytics.report.ProgrammeData;
import org.energytrace.analytics.report.ProgrammeIndicators;
import org.energytrace.analytics.report.ProgrammeInput;
import org.energytrace.analytics.report.ProgrammeScope;
import org.energytrace.analytics.report.ProgrammeTargets;
import org.junit.jupiter.api.Test;

/**
 * The report's indicator table names the saving levels in force: a province that counts savings at
 * 10 % and 15 % read "Saving ≥ 8 %" and "≥ 13 %" beside figures counted at its own levels.
 */
class IndicatorTablesTest {
  static ProgrammeIndicators withLevels(double low, double high) {
    Facility f =
        new Facility(
            "f1", "F1", "1103", "D", null, null, null, null, false, List.of(), List.of(), List.of(),
            List.of());
    ProgrammeTargets set =
        new ProgrammeTargets(
            LocalDate.of(2026, 1, 1),
            Map.of(
                "aware", 0.9,
                "applying", 0.5,
                "saving_low", low,
                "saving_high", high,
                "officers_trained", 1.0),
            "pro",
            "2026-01-01T00:00:00Z",
            "provincial plan");
    return ProgrammeCalculator.indicators(
        new ProgrammeInput(
            "Bình Dương", LocalDate.of(2026, 6, 30), null, 0.9, null, List.of(f), List.of(set)),
        ProgrammeScope.PROVINCE,
        ProgrammeData.bundled());
  }

  static List<String> labels(String lang, ProgrammeIndicators now) {
    IndicatorTables tables = new IndicatorTables(new ReportText(lang));
    tables.levels(now);
    return tables.indicators(now.indicators()).rows().stream().map(r -> r.get(0).text()).toList();
  }

  @Test
  void theSavingRowsNameTheLevelsInForce() {
    ProgrammeIndicators now = withLevels(0.10, 0.15);
    assertThat(labels("en", now))
        .contains(
            "Saving ≥ 10 % (verified)",
            "Saving ≥ 15 % (verified)", "Saving ≥ 10 % (indicative)", "Saving ≥ 15 % (indicative)")
        .noneMatch(l -> l.contains("8 %") || l.contains("13 %"));
    assertThat(labels("vi", now)).contains("Tiết kiệm ≥ 10 % (đã xác minh)");
    assertThat(labels("vi", withLevels(0.08, 0.125))).contains("Tiết kiệm ≥ 12,5 % (ước tính)");
  }
}
