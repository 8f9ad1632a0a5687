package org.energytrace.ingest.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
