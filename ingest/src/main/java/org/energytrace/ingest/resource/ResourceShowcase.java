package org.energytrace.ingest.resource;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.baseline.ModelSelector;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.errors.NotFoundException;
import org.energytrace.ingest.resource.PgResources.Declared;
import org.energytrace.ingest.tenant.Scope;

/**
 * The resources of one published site on the public showcase (issue 17 with issue 20): each
 * resource's specific consumption before and since the measure and its saving, from only what the
 * public may see. A resource with a stored baseline approved by an assigned auditor is measured
 * against it ({@code basis: resource_baseline}); its saving is {@code verifiable} only when that
 * approval was an auditor's, the fit passes every validity check (issue 15) and the baseline
 * period's data are unchanged since. A resource without one is measured against the period of the
 * site's approved EnPI baseline behind the energy saving ({@code basis: enpi_baseline_period}) and
 * is always {@code indicative}: nobody approved a baseline of that resource. Nothing is shown
 * without an approved EnPI baseline; an indicative saving never meets a target. No entry, delivery
 * note or stock figure is given, only the totals and ratios of the periods.
 */
public final class ResourceShowcase {
  private final PgResources store;
  private final ResourceIndicators indicators;
  private final PgResourceBaselines baselines;

  public ResourceShowcase(
      PgResources store, ResourceIndicators indicators, PgResourceBaselines baselines) {
    this.store = store;
    this.indicators = indicators;
    this.baselines = baselines;
  }

  /** The baseline the showcase's saving is from: its period, version and approval. */
  public record Baseline(
      String enpi, int version, LocalDate from, LocalDate to, boolean approvedByAuditor) {}

  /**
   * One entry per resource of {@code site}, in id order, per unit of {@code product} over {@code
   * [from, to]} against {@code baseline}'s period; a resource whose data cannot give an answer
   * carries a {@code note} instead of numbers.
   */
  public JsonArray of(
      String enterprise,
      String site,
      String product,
      Baseline baseline,
      LocalDate from,
      LocalDate to) {
    Scope scope = Scope.of(Set.of(enterprise));
    JsonArray out = new JsonArray();
    for (Declared d : store.list(scope, enterprise)) {
      if (!site.equals(d.site())) {
        continue;
      }
      JsonObject r =
          new JsonObject()
              .put("resource", d.resource().id())
              .put("name", d.resource().name())
              .put("kind", d.json().getString("kind"))
              .put("unit", d.resource().unit())
              .put("source", d.json().getString("source"));
      Optional<PgResourceBaselines.Stored> own =
          baselines.approved(scope, enterprise, d.resource().id());
      if (own.isPresent()) {
        // the resource's own baseline, approved (issue 17 with issue 15's lifecycle)
        PgResourceBaselines.Stored b = own.get();
        LocalDate start = from.isAfter(b.to()) ? from : b.to().plusDays(1);
        r.put(
                "baseline",
                new JsonObject()
                    .put("basis", "resource_baseline")
                    .put("version", b.version())
                    .put("status", b.status().wire())
                    .put("approved_by_auditor", b.approvedByAuditor())
                    .put("approved_at", b.approvedAt())
                    .put("model_form", b.modelForm())
                    .put("from", b.from().toString())
                    .put("to", b.to().toString()))
            .put("product", b.product())
            .put("from", start.toString())
            .put("to", to.toString());
        if (to.isBefore(start)) {
          out.add(
              r.put("note", "no reporting days after the baseline").put("status", "indicative"));
          continue;
        }
        try {
          Map<String, Object> ind = indicators.indicator(scope, enterprise, b, start, to, 90);
          put(r, ind, Boolean.TRUE.equals(ind.get("counts_for_programme")));
        } catch (AnalyticsException | DomainException | NotFoundException e) {
          r.put("note", publicNote(e)).put("status", "indicative");
        }
        out.add(r);
        continue;
      }
      // no approved baseline of its own: the period of the EnPI baseline behind the energy
      // saving, never verifiable (no auditor approved a baseline of this resource)
      r.put(
              "baseline",
              new JsonObject()
                  .put("basis", "enpi_baseline_period")
                  .put("enpi", baseline.enpi())
                  .put("version", baseline.version())
                  .put("status", "approved")
                  .put("approved_by_auditor", baseline.approvedByAuditor())
                  .put("from", baseline.from().toString())
                  .put("to", baseline.to().toString()))
          .put("from", from.toString())
          .put("to", to.toString());
      try {
        Map<String, Object> ind =
            indicators.indicator(
                scope,
                enterprise,
                d.resource().id(),
                product,
                baseline.from(),
                baseline.to(),
                from,
                to,
                ModelSelector.Request.AUTO,
                90);
        put(r, ResourceIndicators.unapproved(ind), false);
      } catch (AnalyticsException | DomainException | NotFoundException e) {
        r.put("note", publicNote(e)).put("status", "indicative");
      }
      out.add(r);
    }
    return out;
  }

  /**
   * Why a resource has no figure, in words the public may read: the analytics' own message names
   * the enterprise's stock counts, deliveries and days ("closing 15000 …"), which the showcase does
   * not show (docs/resources.md).
   */
  static String publicNote(Exception e) {
    return String.valueOf(e.getMessage()).contains("stock")
        ? "the stock counts stored for the period do not give a usage"
        : "the data stored for the period do not give a figure";
  }

  @SuppressWarnings("unchecked")
  static void put(JsonObject r, Map<String, Object> ind, boolean counts) {
    Map<String, Object> v = (Map<String, Object>) ind.get("verifiability");
    boolean verifiable = counts && "verifiable".equals(v.get("status"));
    r.put("sec_unit", ind.get("sec_unit"))
        .put("baseline_sec", ind.get("baseline_sec"))
        .put("reporting_sec", ind.get("reporting_sec"))
        .put("model", ind.get("model"))
        .put("savings", ind.get("savings"))
        .put("savings_fraction", ind.get("savings_fraction"))
        .put("savings_low", ind.get("savings_low"))
        .put("savings_high", ind.get("savings_high"))
        .put("confidence", 90)
        .put("status", verifiable ? "verifiable" : "indicative")
        // the indicator's own: "indicative, resource baseline not approved" when the fit passes
        // but no auditor approved its baseline, "to be re-verified" after a revision
        .put(
            "label",
            verifiable
                ? "verifiable"
                : ind.getOrDefault("label", ResourceIndicators.NOT_VERIFIABLE))
        .put(
            "failed_checks",
            new JsonArray(List.copyOf((List<Object>) v.getOrDefault("failed_checks", List.of()))));
    JsonArray targets = new JsonArray();
    for (Object o : (List<Object>) ind.get("targets")) {
      Map<String, Object> t = (Map<String, Object>) o;
      String status = String.valueOf(t.get("status"));
      // an indicative saving never meets a target, whatever its band says
      targets.add(
          new JsonObject()
              .put("id", t.get("id"))
              .put("target", t.get("target"))
              .put("status", verifiable ? status : "INDICATIVE"));
    }
    r.put("targets", targets);
  }
}
