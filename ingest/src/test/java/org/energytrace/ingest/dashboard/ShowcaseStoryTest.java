package org.energytrace.ingest.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.energytrace.analytics.enpi.Bucket;
import org.energytrace.ingest.showcase.SiteStory;
import org.energytrace.ingest.showcase.SiteStory.Measure;
import org.energytrace.ingest.showcase.SiteStory.Text;
import org.junit.jupiter.api.Test;

class ShowcaseStoryTest {
  static final LocalDate DAY = LocalDate.of(2026, 11, 4);

  static SiteStory story(Measure... measures) {
    return new SiteStory(null, null, null, List.of(measures));
  }

  static Measure measure(String investment, String currency) {
    return new Measure(
        new Text("x", "x"),
        null,
        DAY,
        investment == null ? null : new BigDecimal(investment),
        currency);
  }

  @Test
  void paybackIsTheInvestmentOverTheMoneySavedPerYear() {
    // 1 070 000 000 VND; 32 000 000 VND saved in 14 days = 834 285 714 VND a year: 1.2825 years
    JsonObject p =
        ShowcaseStory.payback(
            story(measure("450000000", "VND"), measure("620000000", "VND")),
            32_000_000d,
            "VND",
            DAY,
            DAY.plusDays(13));
    assertThat(p.getDouble("investment")).isEqualTo(1_070_000_000d);
    assertThat(p.getDouble("money_per_year")).isCloseTo(834_285_714.29, within(0.01));
    assertThat(p.getDouble("years")).isCloseTo(1.2825, within(0.0001));
  }

  @Test
  void noPaybackIsGuessedWithoutAnInvestmentMoneyOrOneCurrency() {
    assertThat(
            ShowcaseStory.payback(story(measure(null, null)), 1e6, "VND", DAY, DAY)
                .getString("note"))
        .isEqualTo("no_investment");
    assertThat(
            ShowcaseStory.payback(story(measure("5", "VND")), null, "VND", DAY, DAY)
                .getString("note"))
        .isEqualTo("no_money_saved");
    assertThat(
            ShowcaseStory.payback(story(measure("5", "USD")), 1e6, "VND", DAY, DAY)
                .getString("note"))
        .isEqualTo("investment_currency");
  }

  @Test
  void aSavingIsIndicativeUntilAnAuditorApprovedItsBaselineAndSignedOffThePeriod() {
    Map<String, Object> approved =
        Map.of("version", 2, "status", "approved", "approved_at", "2026-11-03T08:00:00Z");
    Map<String, Object> signedOff =
        Map.of(
            "status",
            "verified",
            "verified_at",
            "2026-12-01T09:00:00Z",
            "verifiable",
            true,
            "label",
            "verifiable",
            "signoff",
            Map.of("opinion", "verified"),
            "failed_checks",
            List.of());
    // approved by the enterprise (before auditors approved): never verified
    JsonObject byEnterprise = ShowcaseStory.verification(approved, false, signedOff);
    assertThat(byEnterprise.getString("status")).isEqualTo("indicative");
    assertThat(byEnterprise.getString("approved_at")).isEqualTo("2026-11-03T08:00:00Z");
    assertThat(byEnterprise.getBoolean("approved_by_auditor")).isFalse();
    // approved by an auditor, period not signed off: indicative
    JsonObject notSigned =
        ShowcaseStory.verification(
            approved, true, Map.of("status", "approved", "verifiable", true));
    assertThat(notSigned.getString("status")).isEqualTo("indicative");
    assertThat(notSigned.getValue("verified_at")).isNull();
    // approved by an auditor and the period signed off: verified, with the date
    JsonObject verified = ShowcaseStory.verification(approved, true, signedOff);
    assertThat(verified.getString("status")).isEqualTo("verified");
    assertThat(verified.getString("verified_at")).isEqualTo("2026-12-01T09:00:00Z");
    assertThat(verified.getString("opinion")).isEqualTo("verified");
    // signed off, but the baseline fails the validity rules: honestly indicative
    JsonObject invalid =
        ShowcaseStory.verification(
            approved,
            true,
            Map.of(
                "status", "verified",
                "verified_at", "2026-12-01T09:00:00Z",
                "verifiable", false,
                "label", "indicative, not verifiable",
                "failed_checks", List.of("data_sufficiency")));
    assertThat(invalid.getString("status")).isEqualTo("indicative");
    assertThat(invalid.getString("verifiability")).isEqualTo("indicative");
    assertThat(invalid.getString("label")).isEqualTo("indicative, not verifiable");
    assertThat(invalid.getJsonArray("failed_checks")).containsExactly("data_sufficiency");
    JsonObject draft =
        ShowcaseStory.verification(Map.of("version", 1, "status", "draft"), false, null);
    assertThat(draft.getValue("approved_at")).isNull();
    assertThat(draft.getString("status")).isEqualTo("indicative");
    assertThat(notSigned.getString("period_status")).isEqualTo("not_signed_off");
    assertThat(verified.getString("period_status")).isEqualTo("verified");
    // signed off, then a production figure of the period was revised: indicative again, and the
    // page says when it was verified, before the data changed (verified_at was dropped)
    JsonObject changed =
        ShowcaseStory.verification(
            approved,
            true,
            Map.of(
                "status",
                "to_be_reverified",
                "verified_at",
                "2026-12-01T09:00:00Z",
                "verifiable",
                true,
                "signoff",
                Map.of("opinion", "verified")));
    assertThat(changed.getString("status")).isEqualTo("indicative");
    assertThat(changed.getString("period_status")).isEqualTo("to_be_reverified");
    assertThat(changed.getString("verified_at")).isEqualTo("2026-12-01T09:00:00Z");
    // signed off "not verified": the period is on record with that opinion, not "not signed off"
    JsonObject refused =
        ShowcaseStory.verification(
            approved,
            true,
            Map.of(
                "status",
                "approved",
                "verifiable",
                true,
                "signoff",
                Map.of("opinion", "not_verified")));
    assertThat(refused.getString("status")).isEqualTo("indicative");
    assertThat(refused.getString("opinion")).isEqualTo("not_verified");
    assertThat(refused.getString("period_status")).isEqualTo("not_verified");
    assertThat(refused.getValue("verified_at")).isNull();
  }

  static Map<String, Object> day(String day, double energy, double production, Double model) {
    Map<String, Object> m = new java.util.HashMap<>();
    m.put("period", day);
    m.put("energy", energy);
    m.put("production", production);
    m.put("baseline_energy", model);
    return m;
  }

  @Test
  void secBeforeAndAfterAreTotalEnergyOverTotalProductionOfTheirOwnDays() {
    // the page averaged monthly SECs and left out the month holding the measure: with a measure
    // on the 7th, "after" was the next month's first days alone
    List<Map<String, Object>> days =
        List.of(
            day("2026-11-01", 100, 100, null), // baseline: 1.0 and 1.2 per unit, weighted
            day("2026-11-02", 60, 50, null),
            day("2026-11-03", 999, 1, null), // neither: between the baseline and the saving shown
            day("2026-11-07", 90, 100, 100.0), // after: 0.9 and 0.8 per unit, weighted
            day("2026-11-08", 40, 50, 60.0),
            day("2026-11-09", 500, 100, 500.0)); // after the saving's last day
    JsonObject s =
        ShowcaseStory.secSummary(
            days,
            java.time.LocalDate.parse("2026-11-01"),
            java.time.LocalDate.parse("2026-11-02"),
            java.time.LocalDate.parse("2026-11-07"),
            java.time.LocalDate.parse("2026-11-08"));
    assertThat(s.getDouble("before")).isCloseTo(160.0 / 150, within(1e-12));
    assertThat(s.getDouble("after")).isCloseTo(130.0 / 150, within(1e-12));
    assertThat(s.getDouble("model")).isCloseTo(160.0 / 150, within(1e-12));
    assertThat(s.getString("after_from")).isEqualTo("2026-11-07");
    assertThat(s.getString("after_to")).isEqualTo("2026-11-08");
  }

  @Test
  void theSecSeriesIsWeeklyUpToHalfAYearThenMonthly() {
    assertThat(ShowcaseStory.bucket(DAY, DAY.plusWeeks(26))).isEqualTo(Bucket.WEEK);
    assertThat(ShowcaseStory.bucket(DAY, DAY.plusWeeks(27))).isEqualTo(Bucket.MONTH);
    assertThat(
            ShowcaseStory.secSeries(
                    List.of(Map.of("period", "2026-11-02", "sec", 0.9, "baseline_sec", 1.0)))
                .getJsonObject(0)
                .getMap())
        .containsEntry("period", "2026-11-02")
        .containsEntry("actual", 0.9)
        .containsEntry("baseline", 1.0);
  }

  @Test
  void theMonthHoldingTheMeasureIsTwoPointsBeforeAndFromIt() {
    // a monthly point mixed the days before and after the measure, and the page drew the measure
    // at the month's first day
    JsonArray monthly =
        ShowcaseStory.secSeries(
            List.of(
                Map.of("period", "2026-10-01", "sec", 1.1, "baseline_sec", 1.1),
                Map.of("period", "2026-11-01", "sec", 0.95, "baseline_sec", 1.05),
                Map.of("period", "2026-12-01", "sec", 0.9, "baseline_sec", 1.0)));
    List<Map<String, Object>> days =
        List.of(
            day("2026-10-31", 999, 1, 999.0), // the month before: not in November's parts
            day("2026-11-01", 100, 100, 100.0),
            day("2026-11-02", 120, 100, 110.0), // before: 220 / 200
            day("2026-11-07", 80, 100, 100.0),
            day("2026-11-30", 90, 50, 60.0), // from the 7th: 170 / 150, model 160 / 150
            day("2026-12-01", 1, 1000, 1.0)); // the month after: its own point
    JsonArray split = ShowcaseStory.splitAt(monthly, days, LocalDate.parse("2026-11-07"));
    assertThat(split.stream().map(o -> ((JsonObject) o).getString("period")))
        .containsExactly("2026-10-01", "2026-11-01", "2026-11-07", "2026-12-01");
    assertThat(split.getJsonObject(1).getDouble("actual")).isCloseTo(220.0 / 200, within(1e-12));
    assertThat(split.getJsonObject(1).getDouble("baseline")).isCloseTo(210.0 / 200, within(1e-12));
    assertThat(split.getJsonObject(2).getDouble("actual")).isCloseTo(170.0 / 150, within(1e-12));
    assertThat(split.getJsonObject(2).getDouble("baseline")).isCloseTo(160.0 / 150, within(1e-12));
    assertThat(split.getJsonObject(3).getDouble("actual")).isEqualTo(0.9);
    // a measure on a month's first day, or in the last month, needs no cut or cuts the last one
    assertThat(ShowcaseStory.splitAt(monthly, days, LocalDate.parse("2026-11-01")))
        .isEqualTo(monthly);
    assertThat(
            ShowcaseStory.splitAt(monthly, days, LocalDate.parse("2026-12-05")).stream()
                .map(o -> ((JsonObject) o).getString("period")))
        .containsExactly("2026-10-01", "2026-11-01", "2026-12-01", "2026-12-05");
  }

  @Test
  void theTrendKeepsItsOwnKeysForTheSamePoints() {
    assertThat(
            ShowcaseStory.secPoints(
                    List.of(Map.of("period", "2026-11-02", "sec", 0.9, "baseline_sec", 1.0)),
                    "day",
                    "sec",
                    "baseline_sec")
                .getJsonObject(0)
                .getMap())
        .containsOnly(
            Map.entry("day", "2026-11-02"), Map.entry("sec", 0.9), Map.entry("baseline_sec", 1.0));
  }
}
