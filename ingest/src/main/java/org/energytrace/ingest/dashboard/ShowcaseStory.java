package org.energytrace.ingest.dashboard;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.energytrace.analytics.enpi.Bucket;
import org.energytrace.ingest.showcase.SiteStory;

/**
 * The parts of the showcase answer that tell the measure's story (issue 20), computed from what
 * {@link DashboardRoutes} read: the SEC series before and after (actual against the baseline model,
 * by week or month), the payback of the measures, and the verification status. Pure: no I/O, no
 * clock.
 */
final class ShowcaseStory {
  /** Up to this many weeks the SEC series is weekly, beyond it monthly. */
  static final int MAX_WEEKS = 26;

  private ShowcaseStory() {}

  /** Weekly when [from, to] spans at most {@link #MAX_WEEKS} weeks, else monthly. */
  static Bucket bucket(LocalDate from, LocalDate to) {
    return ChronoUnit.WEEKS.between(from, to) <= MAX_WEEKS ? Bucket.WEEK : Bucket.MONTH;
  }

  /**
   * {period, actual, baseline} of the analytics' SEC points ({@code sec}, {@code baseline_sec}).
   */
  static JsonArray secSeries(List<?> points) {
    return secPoints(points, "period", "actual", "baseline");
  }

  /**
   * The analytics' SEC points, each's {@code period}, {@code sec} and {@code baseline_sec} under
   * the keys {@code period}, {@code sec} and {@code baseline}.
   */
  static JsonArray secPoints(List<?> points, String period, String sec, String baseline) {
    JsonArray out = new JsonArray();
    for (Object o : points) {
      Map<?, ?> p = (Map<?, ?>) o;
      out.add(
          new JsonObject()
              .put(period, p.get("period"))
              .put(sec, p.get("sec"))
              .put(baseline, p.get("baseline_sec")));
    }
    return out;
  }

  /**
   * Simple payback of the measures: their investment over the money saved per year (the money saved
   * from {@code from} to {@code to}, scaled to 365 days). Null years with a {@code note} when it
   * cannot be said: no investment stated, no money saved, a measure priced in another currency than
   * the savings.
   */
  static JsonObject payback(
      SiteStory story, Double money, String currency, LocalDate from, LocalDate to) {
    double investment = 0;
    boolean any = false;
    for (SiteStory.Measure m : story.measures()) {
      if (m.investment() == null) {
        continue;
      }
      if (!currency.equals(m.currency())) {
        return new JsonObject()
            .put("years", null)
            .put("note", "investment_currency")
            .put("currency", currency);
      }
      investment += m.investment().doubleValue();
      any = true;
    }
    JsonObject out = new JsonObject().put("investment", any ? investment : null);
    out.put("currency", currency);
    long days = from == null || to == null ? 0 : ChronoUnit.DAYS.between(from, to) + 1;
    if (!any) {
      return out.put("years", null).put("note", "no_investment");
    }
    if (money == null || money <= 0 || days <= 0) {
      return out.put("years", null).put("note", "no_money_saved");
    }
    double perYear = money / days * 365;
    return out.put("money_per_year", perYear).put("years", investment / perYear).put("days", days);
  }

  /**
   * The verification status of the saving shown (issue 20's {@code verification}: status,
   * approved_at, verified_at). {@code verified} needs the baseline approved by an auditor, the
   * reporting period signed off {@code verified} or {@code verified_with_reservations} by an
   * assigned auditor (docs/verification.md §1.2), and the saving verifiable by the method's rules;
   * otherwise {@code indicative}. The baseline's status, the sign-off's opinion and the method's
   * verifiability with its failed checks are given beside it.
   *
   * @param verification the savings' {@code verification} (EnpiAnalytics), null without savings
   */
  static JsonObject verification(
      Map<String, Object> baseline, boolean approvedByAuditor, Map<?, ?> verification) {
    JsonObject out = new JsonObject();
    boolean approved = baseline != null && "approved".equals(baseline.get("status"));
    boolean signedOff = verification != null && "verified".equals(verification.get("status"));
    boolean verifiable =
        verification != null && Boolean.TRUE.equals(verification.get("verifiable"));
    String verifiedAt = signedOff ? String.valueOf(verification.get("verified_at")) : null;
    out.put(
            "status",
            approved && approvedByAuditor && signedOff && verifiable ? "verified" : "indicative")
        .put("baseline_version", baseline == null ? null : baseline.get("version"))
        .put("enpi_version", baseline == null ? null : baseline.get("enpi_version"))
        .put("baseline_status", baseline == null ? null : baseline.get("status"))
        .put("approved_at", approved ? baseline.get("approved_at") : null)
        .put("approved_by_auditor", approved && approvedByAuditor)
        .put("verified_at", verifiedAt);
    if (verification != null) {
      Object signoff = verification.get("signoff");
      out.put("opinion", signoff instanceof Map<?, ?> m ? m.get("opinion") : null);
      out.put("verifiability", verifiable ? "verifiable" : "indicative");
      out.put("verifiable", verifiable);
      out.put("label", verification.get("label"));
      out.put("label_vi", verification.get("label_vi"));
      if (verification.get("failed_checks") instanceof List<?> flags) {
        out.put("failed_checks", new JsonArray(List.copyOf(flags)));
      }
    }
    return out;
  }
}
