package org.energytrace.ingest.dashboard;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.ingest.config.DashboardConfig;
import org.energytrace.ingest.enpi.EnpiAnalytics;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.errors.NotFoundException;
import org.energytrace.ingest.tenant.Scope;

/**
 * The showcase's savings (issue 15, 20): from the EnPI's approved baseline only, over the period an
 * auditor verified when there is one, else every day since the measure (indicative).
 */
final class ShowcaseSavings {
  private final EnpiAnalytics analytics;
  private final DashboardConfig config;

  ShowcaseSavings(EnpiAnalytics analytics, DashboardConfig config) {
    this.analytics = analytics;
    this.config = config;
  }

  /**
   * The EnPI's approved baseline (at most one version is approved at a time; the newest if
   * several), null when none is: the public showcase shows no saving from a draft, submitted or
   * returned baseline (issue 15).
   */
  @SuppressWarnings("unchecked")
  Map<String, Object> approvedBaseline(Scope scope, String enterprise, String enpi) {
    Map<String, Object> chosen = null;
    for (Object o : analytics.listBaselines(scope, enterprise, enpi)) {
      Map<String, Object> v = (Map<String, Object>) o;
      if ("approved".equals(v.get("status"))
          && (chosen == null
              || ((Number) v.get("version")).intValue()
                  > ((Number) chosen.get("version")).intValue())) {
        chosen = v;
      }
    }
    return chosen;
  }

  /**
   * Puts the savings since the measure (with approved non-routine adjustments; routine and
   * non-routine apart); returns their {@code verification} (baseline status, sign-off,
   * verifiability), or null.
   */
  @SuppressWarnings("unchecked")
  Map<?, ?> savings(
      JsonObject body,
      Scope scope,
      String enterprise,
      String enpi,
      Map<String, Object> chosen,
      LocalDate yesterday) {
    if (chosen == null) {
      body.put("savings", null).put("savings_note", "no_approved_baseline");
      return null;
    }
    LocalDate baselineTo = LocalDate.parse(String.valueOf(chosen.get("to")));
    LocalDate from = baselineTo.plusDays(1);
    if (yesterday.minusYears(3).isAfter(from)) {
      from = yesterday.minusYears(3);
    }
    // the period an auditor verified, when there is one (issue 20: "the verified saving"); else
    // every day since the measure, indicative
    int version = ((Number) chosen.get("version")).intValue();
    var verified = analytics.verifiedPeriod(scope, enterprise, enpi, version);
    if (verified.isPresent()) {
      from = verified.get().from();
      yesterday = verified.get().to();
    }
    body.put("measure_from", from.toString());
    body.put("baseline_version", chosen.get("version"));
    if (yesterday.isBefore(from)) {
      body.put("savings", null).put("savings_note", "no_reporting_days");
      return null;
    }
    try {
      Map<String, Object> s =
          analytics.savings(
              scope,
              enterprise,
              enpi,
              ((Number) chosen.get("version")).intValue(),
              from,
              yesterday,
              90,
              config.gridFactorYear(),
              config.tariffs());
      // the total with approved adjustments, its band, and the routine part
      Map<String, Object> rep = (Map<String, Object>) s.get("savings_split");
      Map<String, Object> period = (Map<String, Object>) s.get("reporting_period");
      Map<String, Object> co2 = (Map<String, Object>) s.get("co2");
      Map<String, Object> money = (Map<String, Object>) s.get("money");
      Object unit = period.get("energy_unit");
      Double energy = rep.get("savings") instanceof Number n ? n.doubleValue() : null;
      JsonObject out =
          new JsonObject()
              .put("energy", energy)
              .put("energy_low", rep.get("savings_low"))
              .put("energy_high", rep.get("savings_high"))
              .put("confidence", 90)
              .put("unit", unit)
              .put("fraction", rep.get("savings_fraction"))
              .put("routine", rep.get("routine"))
              .put("non_routine", rep.get("non_routine"))
              .put("to", yesterday.toString())
              .put("co2_t", co2 == null ? null : co2.get("avoided_t"))
              .put("co2_note", co2 == null ? null : co2.get("reason"))
              .put("money", money == null ? null : money.get("amount"))
              .put("money_note", money == null ? null : money.get("reason"))
              .put("currency", config.currency());
      if (co2 != null && co2.get("by_carrier") instanceof List<?> parts) {
        out.put("co2_by_carrier", new JsonArray(new ArrayList<>(parts)));
      }
      if (money != null && money.get("by_carrier") instanceof List<?> parts) {
        out.put("money_by_carrier", new JsonArray(new ArrayList<>(parts)));
      }
      // issue 20's names: the band and CO2 as the story shows them
      out.put(
              "band",
              new JsonObject()
                  .put("low", rep.get("savings_low"))
                  .put("high", rep.get("savings_high"))
                  .put("confidence", 90)
                  .put("unit", unit))
          .put("co2", out.getValue("co2_t"));
      body.put("savings", out);
      return (Map<?, ?>) s.get("verification");
    } catch (AnalyticsException | DomainException | NotFoundException ex) {
      body.put("savings", null).put("savings_note", ex.getMessage());
      return null;
    }
  }
}
