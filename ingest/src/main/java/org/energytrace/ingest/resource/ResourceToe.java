package org.energytrace.ingest.resource;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.enpi.DailyValue;
import org.energytrace.analytics.resource.FacilityEnergy;
import org.energytrace.analytics.resource.ResourceAmount;
import org.energytrace.analytics.units.ConversionTable;
import org.energytrace.analytics.units.MissingFactor;
import org.energytrace.ingest.enpi.DailyTotals;
import org.energytrace.ingest.resource.PgResources.Declared;
import org.energytrace.ingest.tenant.Scope;

/**
 * A facility's TOE of a year from its declared resources ({@code getResourceToe}): metered ones
 * over their complete days, entered ones by the stock ledger or their usage entries ({@link
 * ResourceIndicators#entered}), energy carriers converted through the conversion table.
 */
public final class ResourceToe {
  private final PgResources store;
  private final ResourceIndicators indicators;
  private final ConversionTable table;

  public ResourceToe(PgResources store, ResourceIndicators indicators, ConversionTable table) {
    this.store = store;
    this.indicators = indicators;
    this.table = table;
  }

  /**
   * The facility's TOE in {@code year}: each resource's quantity over the year (metered: its
   * complete days; stock: the periods whose closing count falls in the year; usage: its entries),
   * energy carriers converted through the bundled table, water and materials excluded, a carrier
   * without a factor for the year reported and left out.
   */
  public Map<String, Object> toe(Scope scope, String enterprise, int year) {
    return toe(scope, enterprise, year, null);
  }

  /**
   * As {@link #toe(Scope, String, int)} on {@code today}: in the year under way, the days from
   * {@code today} on have not happened and are not counted as days without meter data ({@code
   * counted_through}: the last day counted). Null: the whole year.
   */
  public Map<String, Object> toe(Scope scope, String enterprise, int year, LocalDate today) {
    LocalDate from = LocalDate.of(year, 1, 1);
    LocalDate to = LocalDate.of(year, 12, 31);
    boolean underWay = today != null && today.isAfter(from) && !today.isAfter(to);
    List<ResourceAmount> amounts = new ArrayList<>();
    List<Object> quantities = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Declared d : store.list(scope, enterprise)) {
      double total = 0;
      String how;
      List<String> notes = new ArrayList<>();
      try {
        if (d.metered()) {
          List<DailyTotals.Day> days = store.metered(d, from, to);
          long incomplete =
              days.stream()
                  .filter(x -> !x.complete() && (!underWay || x.day().isBefore(today)))
                  .count();
          for (DailyValue v : DailyTotals.complete(days)) {
            total += v.value();
          }
          how = "meter";
          if (incomplete > 0) {
            notes.add(incomplete + " day(s) without complete meter data are not counted");
          }
        } else {
          ResourceIndicators.Entered e = indicators.entered(d, from, to, notes);
          total = e.total();
          how = e.how();
        }
      } catch (AnalyticsException e) {
        problems.add(d.resource().id() + ": " + e.getMessage());
        continue;
      }
      amounts.add(new ResourceAmount(d.resource(), total));
      Map<String, Object> q = new LinkedHashMap<>();
      q.put("resource", d.resource().id());
      q.put("kind", d.json().getString("kind"));
      q.put("quantity", total);
      q.put("unit", d.resource().unit());
      q.put("source", how);
      q.put("notes", notes);
      quantities.add(q);
    }
    FacilityEnergy.ToeTotal t = FacilityEnergy.toe(amounts, year, table);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("year", year);
    if (underWay) {
      m.put("counted_through", today.minusDays(1).toString());
    }
    m.put("toe", t.toe());
    m.put("complete", t.complete() && problems.isEmpty());
    List<Object> lines = new ArrayList<>();
    for (FacilityEnergy.Line l : t.lines()) {
      Map<String, Object> lm = new LinkedHashMap<>();
      lm.put("resource", l.resource());
      lm.put("carrier", l.carrier());
      lm.put("amount", l.amount());
      lm.put("unit", l.unit());
      lm.put("toe", l.toe());
      lm.put("factor", l.factor().factor());
      lm.put("factor_table", l.factor().table());
      lines.add(lm);
    }
    m.put("lines", lines);
    m.put("missing", t.missing().stream().map(MissingFactor::message).toList());
    m.put("excluded", t.excluded());
    m.put("problems", problems);
    m.put("quantities", quantities);
    m.put("method_version", t.methodVersion());
    return m;
  }
}
