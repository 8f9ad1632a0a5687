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
   * The series with the bucket holding {@code at} (the measure's day) cut in two there: the days
   * before it and the days from it, each its total energy over its total production ({@code
   * actual}) and the baseline model's energy over the same production ({@code baseline}). A month
   * holding the measure mixed the days before and after it in one point, and the page drew the
   * measure at the month's first day. Unchanged when {@code at} starts a bucket or lies outside.
   *
   * @param series {@link #secSeries} points, in order
   * @param days the analytics' daily SEC points ({@code period}, {@code energy}, {@code
   *     production}, {@code baseline_energy})
   */
  static JsonArray splitAt(JsonArray series, List<?> days, LocalDate at) {
    String cut = at.toString();
    for (int i = 0; i < series.size(); i++) {
      String start = series.getJsonObject(i).getString("period");
      String next = i + 1 < series.size() ? series.getJsonObject(i + 1).getString("period") : null;
      if (start.compareTo(cut) < 0 && (next == null || next.compareTo(cut) > 0)) {
        JsonArray out = new JsonArray();
        for (int j = 0; j < series.size(); j++) {
          if (j != i) {
            out.add(series.getJsonObject(j));
            continue;
          }
          out.add(partOf(days, start, cut));
          out.add(partOf(days, cut, next));
        }
        return out;
      }
    }
    return series;
  }

  /** {period, actual, baseline} of the days in [from, to) ({@code to} null: no end). */
  private static JsonObject partOf(List<?> days, String from, String to) {
    double energy = 0;
    double production = 0;
    double model = 0;
    double modelled = 0;
    for (Object o : days) {
      Map<?, ?> p = (Map<?, ?>) o;
      String day = String.valueOf(p.get("period"));
      if (day.compareTo(from) < 0 || (to != null && day.compareTo(to) >= 0)) {
        continue;
      }
      if (p.get("energy") instanceof Number e && p.get("production") instanceof Number q) {
        energy += e.doubleValue();
        production += q.doubleValue();
        if (p.get("baseline_energy") instanceof Number b) {
          model += b.doubleValue();
          modelled += q.doubleValue();
        }
      }
    }
    return new JsonObject()
        .put("period", from)
        .put("actual", production > 0 ? energy / production : null)
        .put("baseline", modelled > 0 ? model / modelled : null);
  }

  /**
   * SEC before and after the measure, each the period's total energy over its total production (as
   * the overview's baseline period average): {@code before} over the baseline period, {@code after}
   * over the days of the saving shown ({@code after_from} to {@code after_to}) with {@code model},
   * the baseline model's energy at those days' output over the same production. The page took the
   * plain mean of the weekly or monthly SECs, and left out the bucket holding the measure (with
   * monthly buckets, all but the last few days after it).
   *
   * @param days the analytics' daily SEC points ({@code period}, {@code energy}, {@code
   *     production}, {@code baseline_energy})
   */
  static JsonObject secSummary(
      List<?> days,
      LocalDate baselineFrom,
      LocalDate baselineTo,
      LocalDate afterFrom,
      LocalDate afterTo) {
    double[] before = new double[2];
    double[] after = new double[2];
    double[] model = new double[2];
    for (Object o : days) {
      Map<?, ?> p = (Map<?, ?>) o;
      LocalDate day = LocalDate.parse(String.valueOf(p.get("period")));
      double e = p.get("energy") instanceof Number n ? n.doubleValue() : 0;
      double q = p.get("production") instanceof Number n ? n.doubleValue() : 0;
      if (!day.isBefore(baselineFrom) && !day.isAfter(baselineTo)) {
        before[0] += e;
        before[1] += q;
      } else if (!day.isBefore(afterFrom) && !day.isAfter(afterTo)) {
        after[0] += e;
        after[1] += q;
        if (p.get("baseline_energy") instanceof Number b) {
          model[0] += b.doubleValue();
          model[1] += q;
        }
      }
    }
    return new JsonObject()
        .put("before", before[1] > 0 ? before[0] / before[1] : null)
        .put("after", after[1] > 0 ? after[0] / after[1] : null)
        .put("model", model[1] > 0 ? model[0] / model[1] : null)
        .put("after_from", afterFrom.toString())
        .put("after_to", afterTo.toString());
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
   * approved_at, verified_at, and the reporting period's own {@code period_status}: {@code
   * verified}, {@code to_be_reverified} — signed off on {@code verified_at}, then its data changed
   * — {@code not_verified}, signed off with that opinion, or {@code not_signed_off}). {@code
   * verified} needs the baseline approved by an auditor, the reporting period signed off {@code
   * verified} or {@code verified_with_reservations} by an assigned auditor (docs/verification.md
   * §1.2), and the saving verifiable by the method's rules; otherwise {@code indicative}. The
   * baseline's status, the sign-off's opinion and the method's verifiability with its failed checks
   * are given beside it.
   *
   * @param verification the savings' {@code verification} (EnpiAnalytics), null without savings
   */
  static JsonObject verification(
      Map<String, Object> baseline, boolean approvedByAuditor, Map<?, ?> verification) {
    JsonObject out = new JsonObject();
    boolean approved = baseline != null && "approved".equals(baseline.get("status"));
    boolean signedOff = verification != null && "verified".equals(verification.get("status"));
    // signed off, then its data changed: no longer verified, but when it was is still said
    boolean reverify =
        verification != null && "to_be_reverified".equals(verification.get("status"));
    boolean verifiable =
        verification != null && Boolean.TRUE.equals(verification.get("verifiable"));
    // signed off with the opinion "not verified": on record as such, not "not signed off"
    boolean notVerified =
        verification != null
            && verification.get("signoff") instanceof Map<?, ?> signoff
            && "not_verified".equals(signoff.get("opinion"));
    String verifiedAt =
        (signedOff || reverify) && verification.get("verified_at") != null
            ? String.valueOf(verification.get("verified_at"))
            : null;
    out.put(
            "status",
            approved && approvedByAuditor && signedOff && verifiable ? "verified" : "indicative")
        .put("baseline_version", baseline == null ? null : baseline.get("version"))
        .put("enpi_version", baseline == null ? null : baseline.get("enpi_version"))
        .put("baseline_status", baseline == null ? null : baseline.get("status"))
        .put("approved_at", approved ? baseline.get("approved_at") : null)
        .put("approved_by_auditor", approved && approvedByAuditor)
        .put("verified_at", verifiedAt)
        .put(
            "period_status",
            signedOff
                ? "verified"
                : reverify ? "to_be_reverified" : notVerified ? "not_verified" : "not_signed_off");
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
