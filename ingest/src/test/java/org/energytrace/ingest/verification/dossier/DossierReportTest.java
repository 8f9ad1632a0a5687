package org.energytrace.ingest.verification.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.energytrace.analytics.savings.AppliedAdjustment;
import org.energytrace.analytics.savings.NonRoutineAdjustment;
import org.junit.jupiter.api.Test;

/**
 * The words of the dossier's report lines for what the figures and the store hold as identifiers: a
 * reviewer read "failed [every_variable_p_below_0_20, data_sufficient]" and "Progress to target 8"
 * (no %) in both languages, while the pages say the rules in words.
 */
class DossierReportTest {
  static DossierReport.Facts facts(List<DossierReport.CounterAnomaly> anomalies) {
    return facts(anomalies, List.of());
  }

  static DossierReport.Facts facts(
      List<DossierReport.CounterAnomaly> anomalies, List<DossierReport.Signoff> signoffs) {
    return facts(anomalies, signoffs, List.of());
  }

  static DossierReport.Facts facts(
      List<DossierReport.CounterAnomaly> anomalies,
      List<DossierReport.Signoff> signoffs,
      List<DossierReport.StatedAdjustment> adjustments) {
    return new DossierReport.Facts(
        "e1",
        "x1",
        "Plant SEC",
        "facility plant-1",
        List.of("m1"),
        List.of("p1"),
        1,
        "approved",
        LocalDate.of(2026, 8, 1),
        LocalDate.of(2026, 10, 31),
        LocalDate.of(2026, 11, 1),
        LocalDate.of(2026, 11, 30),
        "kWh",
        "ok",
        "2026-12-01T00:00:00Z",
        "key-1",
        Map.of("m1", List.of()),
        Map.of("m1", anomalies),
        Map.of(),
        adjustments,
        signoffs,
        List.of("aud-1"),
        Map.of("ch-1", "m1/E (kWh)"),
        java.time.ZoneId.of("Asia/Ho_Chi_Minh"));
  }

  static Map<String, Object> figures() {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("model", "ols");
    f.put("method_version", "mv-1");
    f.put("baseline_fit", Map.of("n", 92, "p", 2, "r2", 0.9, "cv_rmse", 0.05, "nmbe", 0.0));
    f.put("failed_checks", List.of("every_variable_p_below_0_20", "data_sufficient"));
    f.put("verifiability", "INDICATIVE");
    for (String k :
        List.of("actual", "adjusted_baseline", "routine_savings", "non_routine", "savings")) {
      f.put(k, 1000.0);
    }
    f.put("savings_fraction", 0.1);
    f.put("fsu", Map.of());
    f.put(
        "progress",
        Map.of("8", Map.of("status", "INDICATIVE", "fraction_low", 0.09, "fraction_high", 0.11)));
    f.put("reporting_points", 30);
    return f;
  }

  static Map<String, String> lines(String lang, List<DossierReport.CounterAnomaly> anomalies) {
    return lines(lang, anomalies, List.of());
  }

  static Map<String, String> lines(
      String lang,
      List<DossierReport.CounterAnomaly> anomalies,
      List<DossierReport.Signoff> signoffs) {
    Map<String, String> out = new LinkedHashMap<>();
    for (DossierReport.Line l :
        DossierReport.of(lang).lines(facts(anomalies, signoffs), figures())) {
      out.put(l.label(), l.text());
    }
    return out;
  }

  @Test
  void theFailedValidityRulesAreSaidInWordsInEachLanguage() {
    assertThat(lines("en", List.of()).get("Validity rules"))
        .endsWith(
            "failed a variable is not significant; not enough baseline data (a year, at most 10 % missing)")
        .doesNotContain("_", "[");
    assertThat(lines("vi", List.of()).values())
        .anyMatch(
            t ->
                t.endsWith(
                    "có biến không có ý nghĩa thống kê; dữ liệu cơ sở chưa đủ (cần một năm, thiếu không quá 10 %)"));
  }

  @Test
  void aSavingWhoseFsuAt68IsAboveHalfIsNotSaidToHavePassedEveryCheck() {
    for (double fsu68 : new double[] {0.3, 0.7}) {
      Map<String, Object> f = figures();
      f.put("failed_checks", List.of());
      f.put("verifiability", "verifiable");
      f.put(
          "fsu", Map.of("68", Map.of("fsu", fsu68, "savings_low", 500.0, "savings_high", 1500.0)));
      Map<String, String> en = new LinkedHashMap<>();
      Map<String, String> vi = new LinkedHashMap<>();
      for (DossierReport.Line l : DossierReport.of("en").lines(facts(List.of(), List.of()), f)) {
        en.put(l.label(), l.text());
      }
      for (DossierReport.Line l : DossierReport.of("vi").lines(facts(List.of(), List.of()), f)) {
        vi.put(l.label(), l.text());
      }
      if (fsu68 > 0.5) {
        assertThat(en.get("Validity rules"))
            .doesNotContain("all passed")
            .contains(
                "checks that decide verifiability passed", "FSU at 68 % confidence above 50 %");
        assertThat(vi.values())
            .anyMatch(t -> t.contains("FSU ở độ tin cậy 68 % trên 50 %"))
            .noneMatch(t -> t.contains("tất cả đạt"));
      } else {
        assertThat(en.get("Validity rules")).endsWith(": all passed");
      }
    }
  }

  @Test
  void inVietnameseTheDemosEnpiNameAndAProductsUnitAreWrittenAsThePagesWriteThem() {
    DossierReport.Facts x = facts(List.of());
    DossierReport.Facts demo =
        new DossierReport.Facts(
            x.enterprise(),
            "plant-sec",
            "Plant energy per unit (electricity + gas)",
            x.boundary(),
            x.meters(),
            x.products(),
            x.baselineVersion(),
            x.baselineStatus(),
            x.baselineFrom(),
            x.baselineTo(),
            x.from(),
            x.to(),
            "MJ",
            x.integrity(),
            x.generatedAt(),
            x.serverKeyId(),
            x.meterEvents(),
            x.counterAnomalies(),
            x.calibrations(),
            x.adjustments(),
            x.signoffs(),
            x.auditors(),
            Map.of("prod-1", "crate-beer (pcs)"),
            x.zone());
    Map<String, String> vi = new LinkedHashMap<>();
    Map<String, String> en = new LinkedHashMap<>();
    DossierReport.of("vi").lines(demo, figures()).forEach(l -> vi.put(l.label(), l.text()));
    DossierReport.of("en").lines(demo, figures()).forEach(l -> en.put(l.label(), l.text()));
    assertThat(vi.values())
        .contains("prod-1 = crate-beer (sp)")
        .noneMatch(t -> t.contains("(pcs)"));
    assertThat(en.values()).contains("prod-1 = crate-beer (pcs)");
    // the name as the service states it, before its ", phiên bản EnPI 1" (the report translated
    // the whole text, version included, and so never found the name)
    assertThat(new ReportLabels("vi").enpiName("Plant energy per unit (electricity + gas)"))
        .isEqualTo("Năng lượng nhà máy trên mỗi sản phẩm (điện + khí đốt)");
    assertThat(new ReportLabels("en").enpiName("Plant energy per unit (electricity + gas)"))
        .isEqualTo("Plant energy per unit (electricity + gas)");
    assertThat(new ReportLabels("vi").enpiName("Điện năng lò hơi")).isEqualTo("Điện năng lò hơi");
  }

  @Test
  void inVietnameseItsDaysAndTimesAreWrittenAsThePagesWriteThem() {
    Map<String, String> vi = lines("vi", List.of());
    assertThat(vi.get("Kỳ báo cáo")).isEqualTo("01/11/2026 .. 30/11/2026");
    assertThat(vi.get("Đường cơ sở")).contains("01/08/2026 .. 31/10/2026");
    assertThat(String.join("\n", vi.values()))
        .doesNotContainPattern("\\b2026-\\d{2}-\\d{2}\\b(?!T)");
    assertThat(lines("en", List.of()).get("Reporting period"))
        .isEqualTo("2026-11-01 .. 2026-11-30");
    List<DossierReport.CounterAnomaly> reset =
        List.of(
            new DossierReport.CounterAnomaly(
                "E", "2026-11-20T10:15", "reset", 3, "kWh", 900, 0.6, false));
    // a time of day as the day and the time apart (it was 2026-11-20T10:15 beside 01/11/2026)
    assertThat(lines("vi", reset).get("Đặt lại bộ đếm và khoảng bất thường trong kỳ m1"))
        .startsWith("20/11/2026 10:15 ");
    assertThat(lines("en", reset).get("Counter resets and implausible intervals in the period m1"))
        .startsWith("2026-11-20 10:15 ");
  }

  @Test
  void aSignoffToBeReverifiedSaysWhatChangedSinceItsDossier() throws Exception {
    DossierReport.Signoff s =
        new DossierReport.Signoff(
            7,
            LocalDate.of(2026, 11, 1),
            LocalDate.of(2026, 11, 30),
            1,
            "verified",
            "aud-1",
            "2026-12-01T03:00:00Z",
            null,
            "ab".repeat(32),
            null,
            true,
            List.of(
                new org.energytrace.ingest.enpi.PeriodRecords.Revision(
                    "p1",
                    LocalDate.of(2026, 11, 20),
                    47_542,
                    41_000,
                    "pallets miscounted",
                    "admin-1",
                    java.time.Instant.parse("2026-12-02T08:00:00.123Z"))),
            List.of(),
            List.of(
                new org.energytrace.ingest.enpi.PeriodRecords.CounterEventChange(
                    "m1",
                    "E",
                    java.time.Instant.parse("2026-11-25T03:00:00Z"),
                    "recorded",
                    "replacement",
                    java.time.Instant.parse("2026-12-02T09:00:00Z")),
                // deleted before V98 recorded kinds: not known
                new org.energytrace.ingest.enpi.PeriodRecords.CounterEventChange(
                    "m1",
                    "E",
                    java.time.Instant.parse("2026-11-26T03:00:00Z"),
                    "deleted",
                    null,
                    java.time.Instant.parse("2026-12-02T09:30:00Z"))),
            List.of(
                new org.energytrace.ingest.enpi.PeriodRecords.AdjustmentApproved(
                    "nra-9",
                    LocalDate.of(2026, 11, 10),
                    LocalDate.of(2026, 11, 30),
                    "aud-2",
                    java.time.Instant.parse("2026-12-03T02:30:00Z"))));
    StringBuilder text = new StringBuilder();
    try (var wb =
        new org.apache.poi.xssf.usermodel.XSSFWorkbook(
            new java.io.ByteArrayInputStream(
                DossierReport.of("en").xlsx(facts(List.of(), List.of(s)), figures())))) {
      wb.getSheetAt(0)
          .forEach(row -> row.forEach(cell -> text.append(cell.toString()).append('\n')));
    }
    assertThat(text.toString())
        .contains(
            "current, to be re-verified (data changed after the dossier it names): production p1"
                + " of 2026-11-20 revised 47,542.0 → 41,000.0 by admin-1 at 2026-12-02 15:00:00 (UTC+07:00)"
                + " (pallets miscounted)")
        // the meter replacement and the adjustment approved since, as the verification page
        // lists them (the report said only "to be re-verified" for these)
        .contains(
            "; a counter event (meter replacement) of m1/E at 2026-11-25"
                + " 10:00:00 (UTC+07:00), recorded 2026-12-02 16:00:00 (UTC+07:00)")
        .contains(
            "; the counter event (meter replacement or multiplier change, kind not recorded) of"
                + " m1/E at 2026-11-26 10:00:00 (UTC+07:00) deleted 2026-12-02 16:30:00"
                + " (UTC+07:00)")
        .contains(
            "; non-routine adjustment nra-9 (2026-11-10 .. 2026-11-30) approved by aud-2 at"
                + " 2026-12-03 09:30:00 (UTC+07:00)");
  }

  @Test
  void eachAdjustmentIsStatedUnderTheFigureWithItsDecisionCommentAndWhatItBooked() {
    NonRoutineAdjustment line =
        new NonRoutineAdjustment(
            "nra-4",
            LocalDate.of(2026, 11, 10),
            LocalDate.of(2026, 11, 30),
            NonRoutineAdjustment.Kind.FIXED_PER_DAY,
            50,
            null,
            null,
            5,
            "a bottling line added",
            "",
            NonRoutineAdjustment.Status.APPROVED,
            "aud-1");
    NonRoutineAdjustment overtime =
        new NonRoutineAdjustment(
            "nra-5",
            LocalDate.of(2026, 11, 1),
            LocalDate.of(2026, 11, 30),
            NonRoutineAdjustment.Kind.PERCENTAGE,
            2,
            null,
            null,
            0,
            "Saturday overtime",
            "",
            NonRoutineAdjustment.Status.REJECTED,
            "aud-1");
    List<DossierReport.StatedAdjustment> stated =
        List.of(
            new DossierReport.StatedAdjustment(
                line,
                "new_line",
                "aud-1",
                "2026-12-01T09:30:00+07:00",
                "seen the line's commissioning",
                new AppliedAdjustment(line, 21, 1050, 12.5, Double.NaN, Double.NaN, "stated")),
            new DossierReport.StatedAdjustment(
                overtime,
                "operating_hours",
                "aud-1",
                "2026-12-01T09:40:00+07:00",
                "the baseline year has Saturday shifts too",
                null));
    DossierReport.Facts f = facts(List.of(), List.of(), stated);
    List<DossierReport.Line> en = DossierReport.of("en").lines(f, figures());
    List<String> labels = en.stream().map(DossierReport.Line::label).toList();
    // under the figure they make up, in their order
    assertThat(labels)
        .containsSubsequence(
            "Non-routine adjustments",
            "Non-routine adjustment nra-4",
            "Non-routine adjustment nra-5",
            "Savings");
    Map<String, String> byLabel = new LinkedHashMap<>();
    en.forEach(l -> byLabel.put(l.label(), l.text()));
    assertThat(byLabel.get("Non-routine adjustment nra-4"))
        .contains("new line, 2026-11-10 .. 2026-11-30: 50.0 kWh a day")
        .contains("approved by aud-1 at 2026-12-01 09:30:00 (UTC+07:00)")
        .contains("“seen the line's commissioning”")
        .contains("booked 1,050.0 kWh over 21 reporting points (± 12.5 kWh")
        .contains("Justification: a bottling line added");
    assertThat(byLabel.get("Non-routine adjustment nra-5"))
        .contains("operating hours, 2026-11-01 .. 2026-11-30: 2.0 % of the routine baseline")
        .contains("rejected by aud-1 at 2026-12-01 09:40:00 (UTC+07:00)")
        .contains("“the baseline year has Saturday shifts too”")
        .contains("not applied")
        .doesNotContain("booked");
    // the booked energy is the spreadsheet's number of the line; a rejected one has none
    assertThat(
            en.stream().filter(l -> l.label().endsWith("nra-4")).findFirst().orElseThrow().value())
        .isEqualTo(1050.0);
    assertThat(
            en.stream().filter(l -> l.label().endsWith("nra-5")).findFirst().orElseThrow().value())
        .isNull();
    Map<String, String> vi = new LinkedHashMap<>();
    DossierReport.of("vi").lines(f, figures()).forEach(l -> vi.put(l.label(), l.text()));
    assertThat(vi.get("Điều chỉnh ngoài thường lệ nra-5"))
        .contains("giờ vận hành, 01/11/2026 .. 30/11/2026: 2,0 % của đường cơ sở thường lệ")
        .contains("bị aud-1 từ chối lúc 01/12/2026 09:40:00 (UTC+07:00)")
        .contains("không áp dụng");
    assertThat(vi.get("Điều chỉnh ngoài thường lệ nra-4")).contains("đã tính 1.050,0 kWh");
    // a period without adjustments: the figure alone (a "none" row repeated its label in vi)
    assertThat(lines("en", List.of()).keySet())
        .noneMatch(l -> l.startsWith("Non-routine adjustment "));
  }

  @Test
  void aReFittedTermSaysTheCoefficientItWasBookedWith() {
    NonRoutineAdjustment term =
        new NonRoutineAdjustment(
            "nra-6",
            LocalDate.of(2026, 11, 10),
            LocalDate.of(2026, 11, 30),
            NonRoutineAdjustment.Kind.MODEL_TERM,
            Double.NaN,
            "cooling_degree_days",
            NonRoutineAdjustment.CoefficientSource.REFITTED,
            0,
            "a chiller added",
            "",
            NonRoutineAdjustment.Status.APPROVED,
            "aud-1");
    DossierReport.Facts f =
        facts(
            List.of(),
            List.of(),
            List.of(
                new DossierReport.StatedAdjustment(
                    term,
                    "capacity",
                    "aud-1",
                    "2026-12-01T09:30:00+07:00",
                    null,
                    new AppliedAdjustment(term, 21, -94.5, 30.2, -4.498, 1.2, "fitted"))));
    Map<String, String> en = new LinkedHashMap<>();
    DossierReport.of("en").lines(f, figures()).forEach(l -> en.put(l.label(), l.text()));
    assertThat(en.get("Non-routine adjustment nra-6"))
        .contains("a term on the reporting column cooling_degree_days")
        .contains("booked -94.5 kWh over 21 reporting points")
        .contains("coefficient -4.498 per unit of cooling_degree_days");
    Map<String, String> vi = new LinkedHashMap<>();
    DossierReport.of("vi").lines(f, figures()).forEach(l -> vi.put(l.label(), l.text()));
    assertThat(vi.get("Điều chỉnh ngoài thường lệ nra-6")).contains("hệ số -4,498");
  }

  @Test
  void theReportSaysWhatEachSeriesIdOfTheCsvFilesIs() {
    // readings.csv named its series ch-1 … ch-20 and nothing said which meter each was
    assertThat(lines("en", List.of()))
        .containsEntry("Series of readings.csv, production.csv and seals.csv", "ch-1 = m1/E (kWh)");
  }

  @Test
  void theModelIsNamedInWordsWithItsCode() {
    // it said "Model: ols (mv-1)"
    assertThat(lines("en", List.of())).containsEntry("Model", "linear regression (OLS), mv-1");
    assertThat(lines("vi", List.of())).containsEntry("Mô hình", "hồi quy tuyến tính (OLS), mv-1");
  }

  @Test
  void theProgressLineNamesItsTargetInPercent() {
    assertThat(lines("en", List.of())).containsKey("Progress to target 8 %");
  }

  @Test
  void aCounterAnomalyIsStatedWithItsRateAgainstTheUsualOne() {
    List<DossierReport.CounterAnomaly> anomalies =
        List.of(
            new DossierReport.CounterAnomaly(
                "E", "2026-11-20T10:15", "reset", 101_520, "kWh", 900, 20_304.0, true),
            new DossierReport.CounterAnomaly(
                "E", "2026-11-21T00:00", "reset", 3, "kWh", 900, 0.6, false),
            new DossierReport.CounterAnomaly(
                "E", "2026-11-21T00:00:07", "difference", 0.25, "kWh", 1, null, null));
    assertThat(
            lines("en", anomalies).get("Counter resets and implausible intervals in the period m1"))
        .isEqualTo(
            "2026-11-20 10:15 reset (booked from zero) (E: 101,520.0 kWh in 15 min, 20,304.0 ×"
                + " the channel's usual highest rate: IMPLAUSIBLE); 2026-11-21 00:00 reset (booked"
                + " from zero) (E: 3.0 kWh in 15 min, 0.6 × the channel's usual highest rate:"
                + " plausible); 2026-11-21 00:00:07 rise (E: 0.25 kWh in 1 s, too few intervals to"
                + " judge its rate)");
    assertThat(lines("vi", anomalies).get("Đặt lại bộ đếm và khoảng bất thường trong kỳ m1"))
        .startsWith(
            "20/11/2026 10:15 đặt lại bộ đếm (tính từ 0) (E: 101.520,0 kWh trong 15 phút, gấp"
                + " 20.304,0 lần mức cao thường gặp của kênh: BẤT THƯỜNG)");
    assertThat(
            lines("en", List.of()).get("Counter resets and implausible intervals in the period m1"))
        .isEqualTo("none");
  }

  @Test
  void aMeterWithMoreAnomaliesThanTheReportStatesSaysSoAndWhereTheRestAre() {
    // the dossier listed the first 1 000 of all the EnPI's meters and said nothing of the rest
    List<DossierReport.CounterAnomaly> many = new java.util.ArrayList<>();
    for (int i = 0; i <= DossierReport.ANOMALIES_STATED; i++) {
      many.add(
          new DossierReport.CounterAnomaly(
              "E", "2026-11-20T10:" + i, "reset", 3, "kWh", 900, 0.6, false));
    }
    String en = lines("en", many).get("Counter resets and implausible intervals in the period m1");
    assertThat(en.split("; ")).hasSize(DossierReport.ANOMALIES_STATED + 1);
    assertThat(en)
        .contains("2026-11-20 10:999 ")
        .doesNotContain("2026-11-20 10:1000 ")
        .endsWith(
            "; more than 1,000 in the period: the rest are listed by the API,"
                + " GET …/counter-anomalies?meter=m1&from&to");
    assertThat(lines("vi", many).get("Đặt lại bộ đếm và khoảng bất thường trong kỳ m1"))
        .endsWith(
            "; hơn 1.000 trong kỳ: phần còn lại xem qua API, GET …/counter-anomalies?meter=m1&from&to");
    assertThat(
            lines("en", many.subList(0, DossierReport.ANOMALIES_STATED))
                .get("Counter resets and implausible intervals in the period m1"))
        .doesNotContain("more than");
  }
}
