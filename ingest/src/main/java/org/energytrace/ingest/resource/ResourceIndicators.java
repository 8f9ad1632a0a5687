package org.energytrace.ingest.resource;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.baseline.ModelSelector;
import org.energytrace.analytics.enpi.DailyValue;
import org.energytrace.analytics.resource.Delivery;
import org.energytrace.analytics.resource.FacilityEnergy;
import org.energytrace.analytics.resource.ResourceAmount;
import org.energytrace.analytics.resource.ResourceIndicator;
import org.energytrace.analytics.resource.ResourcePeriod;
import org.energytrace.analytics.resource.ResourceResult;
import org.energytrace.analytics.resource.ResourceSeries;
import org.energytrace.analytics.resource.StockCount;
import org.energytrace.analytics.resource.StockLedger;
import org.energytrace.analytics.resource.StockPeriod;
import org.energytrace.analytics.savings.ProgrammeTarget;
import org.energytrace.analytics.units.ConversionTable;
import org.energytrace.analytics.units.MissingFactor;
import org.energytrace.ingest.enpi.DailyTotals;
import org.energytrace.ingest.resource.PgResources.Declared;
import org.energytrace.ingest.resource.PgResources.Entry;
import org.energytrace.ingest.tenant.Scope;

/**
 * A resource's quantities and indicators from the store (issue 17), through the analytics code: the
 * quantity of a period comes from the resource's meter (daily, {@link PgResources#metered}), from
 * stock counts and deliveries ({@link StockLedger}: used = opening + deliveries − closing between
 * consecutive counts) or from daily use entries; SEC, baseline (ratio, OLS, change-point), savings
 * with uncertainty and progress to 8 %/13 % by {@link ResourceIndicator}; the facility's TOE by
 * {@link FacilityEnergy} (energy carriers only, a missing factor reported). Nothing is filled: a
 * day or period without a quantity or production is a gap, listed.
 */
public final class ResourceIndicators {
  /** The programme's 8 % and 13 % targets (Decision 1419/QĐ-TTg, 2016–2020). */
  static final List<ProgrammeTarget> TARGETS =
      List.of(
          ProgrammeTarget.bundled("cp_2016_2020_low"),
          ProgrammeTarget.bundled("cp_2016_2020_high"));

  /** Readable symbols of the UNECE codes of products (the SEC unit reads m3/t, kg/hl). */
  private static final Map<String, String> PRODUCT_UNITS =
      Map.of(
          "TNE", "t", "KGM", "kg", "HLT", "hl", "LTR", "L", "MTQ", "m3", "H87", "pcs", "MTK", "m2");

  private final PgResources store;
  private final ConversionTable table;

  public ResourceIndicators(PgResources store, ConversionTable table) {
    this.store = store;
    this.table = table;
  }

  /** A resource's periods over [from, to] with production of {@code product}. */
  public record Window(ResourceSeries series, String source, List<String> notes) {}

  static String productUnit(String unece) {
    return PRODUCT_UNITS.getOrDefault(unece, unece);
  }

  public Window window(
      Scope scope, String enterprise, Declared d, String product, LocalDate from, LocalDate to) {
    PgResources.Production p = store.production(scope, enterprise, product, from, to);
    List<DailyValue> production = DailyTotals.complete(p.days());
    String unit = productUnit(p.unit());
    List<String> notes = new ArrayList<>();
    if (d.metered()) {
      List<DailyValue> q = DailyTotals.complete(store.metered(d, from, to));
      return new Window(
          ResourceSeries.fromDaily(d.resource(), unit, q, production, from, to), "meter", notes);
    }
    Ledger ledger = ledger(d, from, to, notes);
    if (ledger != null) {
      return new Window(
          ResourceSeries.fromStock(d.resource(), unit, ledger.periods(), production),
          "stock",
          notes);
    }
    List<DailyValue> q = usage(d, store.entries(d, from, to));
    return new Window(
        ResourceSeries.fromDaily(d.resource(), unit, q, production, from, to), "usage", notes);
  }

  /** Stock-based periods, or null when the resource has no stock count in the window. */
  record Ledger(List<StockPeriod> periods) {}

  /**
   * The ledger of the counts on days [from − 1, to]: the count of the day before {@code from} opens
   * the first period. Deliveries after the last count wait for the count that closes their period
   * (noted, not counted).
   */
  Ledger ledger(Declared d, LocalDate from, LocalDate to, List<String> notes) {
    List<Entry> entries = store.entries(d, from.minusDays(1), to);
    List<StockCount> counts = new ArrayList<>();
    for (Entry e : entries) {
      if (e.type().equals("stock_count")) {
        counts.add(new StockCount(label(e), e.day(), e.quantity(), e.unit()));
      }
    }
    if (counts.isEmpty()) {
      return null;
    }
    LocalDate first = counts.get(0).day();
    LocalDate last = counts.get(counts.size() - 1).day();
    List<Delivery> deliveries = new ArrayList<>();
    for (Entry e : entries) {
      if (e.type().equals("delivery") || e.type().equals("invoice")) {
        if (!e.day().isAfter(first)) {
          notes.add(label(e) + ": before the first count of the window (" + first + "), left out");
        } else if (e.day().isAfter(last)) {
          notes.add(label(e) + ": after the last count (" + last + "), counts when it is closed");
        } else {
          deliveries.add(new Delivery(label(e), e.day(), e.quantity(), e.unit()));
        }
      }
    }
    return new Ledger(StockLedger.usage(d.resource(), counts, deliveries, StockLedger.Cadence.ANY));
  }

  private static String label(Entry e) {
    return e.type() + " " + e.day() + (e.ref().isEmpty() ? "" : " " + e.ref());
  }

  /** Daily use entries summed per day, in the resource's unit. */
  private static List<DailyValue> usage(Declared d, List<Entry> entries) {
    Map<LocalDate, Double> days = new TreeMap<>();
    for (Entry e : entries) {
      if (e.type().equals("usage")) {
        days.merge(e.day(), d.resource().inOwnUnit(e.quantity(), e.unit()), Double::sum);
      }
    }
    List<DailyValue> out = new ArrayList<>();
    days.forEach((day, v) -> out.add(new DailyValue(day, v)));
    return out;
  }

  /** The indicator of one resource per unit of one product. */
  public Map<String, Object> indicator(
      Scope scope,
      String enterprise,
      String code,
      String product,
      LocalDate baselineFrom,
      LocalDate baselineTo,
      LocalDate from,
      LocalDate to,
      ModelSelector.Request model,
      double confidencePercent) {
    Declared d = store.get(scope, enterprise, code);
    Window base = window(scope, enterprise, d, product, baselineFrom, baselineTo);
    Window rep = window(scope, enterprise, d, product, from, to);
    ResourceResult r =
        ResourceIndicator.compute(
            base.series(), rep.series(), model, confidencePercent / 100.0, TARGETS);
    Map<String, Object> m = new LinkedHashMap<>(r.tree());
    m.put("product", product);
    m.put("source", base.source());
    m.put("baseline", window(base, baselineFrom, baselineTo));
    m.put("reporting", window(rep, from, to));
    return m;
  }

  private static Map<String, Object> window(Window w, LocalDate from, LocalDate to) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("from", from.toString());
    m.put("to", to.toString());
    m.put("sec", finite(w.series().sec()));
    List<Object> periods = new ArrayList<>();
    for (ResourcePeriod p : w.series().periods()) {
      Map<String, Object> pm = new LinkedHashMap<>();
      pm.put("from", p.from().toString());
      pm.put("to", p.to().toString());
      pm.put("quantity", p.quantity());
      pm.put("production", p.production());
      pm.put("sec", finite(p.sec()));
      periods.add(pm);
    }
    m.put("periods", periods);
    m.put("gaps", w.series().gaps());
    m.put("notes", w.notes());
    return m;
  }

  /**
   * The facility's TOE in {@code year}: each resource's quantity over the year (metered: its
   * complete days; stock: the periods whose closing count falls in the year; usage: its entries),
   * energy carriers converted through the bundled table, water and materials excluded, a carrier
   * without a factor for the year reported and left out.
   */
  public Map<String, Object> toe(Scope scope, String enterprise, int year) {
    LocalDate from = LocalDate.of(year, 1, 1);
    LocalDate to = LocalDate.of(year, 12, 31);
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
          long incomplete = days.stream().filter(x -> !x.complete()).count();
          for (DailyValue v : DailyTotals.complete(days)) {
            total += v.value();
          }
          how = "meter";
          if (incomplete > 0) {
            notes.add(incomplete + " day(s) without complete meter data are not counted");
          }
        } else {
          Ledger ledger = ledger(d, from, to, notes);
          if (ledger != null) {
            for (StockPeriod p : ledger.periods()) {
              total += p.used();
            }
            how = "stock";
          } else {
            for (DailyValue v : usage(d, store.entries(d, from, to))) {
              total += v.value();
            }
            how = "usage";
          }
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

  private static Object finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
