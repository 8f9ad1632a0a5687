package org.energytrace.ingest.resource;

import static org.energytrace.analytics.json.Json.finiteOrNull;

import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.baseline.BaselineFit;
import org.energytrace.analytics.baseline.ModelSelector;
import org.energytrace.analytics.enpi.DailyValue;
import org.energytrace.analytics.integrity.Sha256;
import org.energytrace.analytics.resource.Delivery;
import org.energytrace.analytics.resource.FacilityEnergy;
import org.energytrace.analytics.resource.ResourceIndicator;
import org.energytrace.analytics.resource.ResourcePeriod;
import org.energytrace.analytics.resource.ResourceResult;
import org.energytrace.analytics.resource.ResourceSeries;
import org.energytrace.analytics.resource.StockCount;
import org.energytrace.analytics.resource.StockLedger;
import org.energytrace.analytics.resource.StockPeriod;
import org.energytrace.analytics.savings.ProgrammeTarget;
import org.energytrace.analytics.savings.Verifiability;
import org.energytrace.analytics.units.ConversionTable;
import org.energytrace.ingest.enpi.DailyTotals;
import org.energytrace.ingest.errors.DomainException;
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
  public record Window(
      ResourceSeries series, String source, List<String> notes, List<Entry> invoices) {
    public Window(ResourceSeries series, String source, List<String> notes) {
      this(series, source, notes, List.of());
    }
  }

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
    List<Entry> entries = store.entries(d, from, to);
    List<Entry> invoices = entries.stream().filter(e -> e.type().equals("invoice")).toList();
    if (ledger != null) {
      return new Window(
          ResourceSeries.fromStock(d.resource(), unit, ledger.periods(), production),
          "stock",
          notes,
          invoices);
    }
    List<DailyValue> q = usage(d, entries);
    return new Window(
        ResourceSeries.fromDaily(d.resource(), unit, q, production, from, to),
        "usage",
        notes,
        invoices);
  }

  /** Stock-based periods, or null when the resource has no stock count in the window. */
  record Ledger(List<StockPeriod> periods) {}

  /**
   * The ledger of the counts on days [from − 1, to]: the count of the day before {@code from} opens
   * the first period. Deliveries after the last count wait for the count that closes their period
   * (noted, not counted).
   */
  Ledger ledger(Declared d, LocalDate from, LocalDate to, List<String> notes) {
    return ledger(d, from, to, notes, null);
  }

  /**
   * {@link #ledger(Declared, LocalDate, LocalDate, List)} that keeps the periods when the entries
   * have problems (a period used below zero, a second count of a day) and adds the problems to
   * {@code problems} instead of refusing: the entries page shows which count is wrong among the
   * periods that are right. {@code problems} null: refused ({@link AnalyticsException}).
   */
  Ledger ledger(
      Declared d, LocalDate from, LocalDate to, List<String> notes, List<String> problems) {
    return ledger(d, from, to, notes, problems, List.of());
  }

  /**
   * {@link #ledger(Declared, LocalDate, LocalDate, List, List)} as it would be with {@code pending}
   * stored too: each replaces a stored entry of its type, day and ref (an upload's preview, which
   * stores nothing).
   */
  Ledger ledger(
      Declared d,
      LocalDate from,
      LocalDate to,
      List<String> notes,
      List<String> problems,
      List<Entry> pending) {
    List<Entry> entries = store.entries(d, from.minusDays(1), to);
    if (!pending.isEmpty()) {
      // an entry's identity, as stored: its type, day and ref
      Map<List<Object>, Entry> byKey = new LinkedHashMap<>();
      entries.forEach(e -> byKey.put(List.of(e.type(), e.day(), e.ref()), e));
      pending.stream()
          .filter(e -> !e.day().isBefore(from.minusDays(1)) && !e.day().isAfter(to))
          .forEach(e -> byKey.put(List.of(e.type(), e.day(), e.ref()), e));
      entries = new ArrayList<>(byKey.values());
      entries.sort(
          Comparator.comparing(Entry::day).thenComparing(Entry::type).thenComparing(Entry::ref));
    }
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
    if (problems == null) {
      return new Ledger(
          StockLedger.usage(d.resource(), counts, deliveries, StockLedger.Cadence.ANY));
    }
    StockLedger.Checked checked =
        StockLedger.checked(d.resource(), counts, deliveries, StockLedger.Cadence.ANY);
    problems.addAll(checked.problems());
    problems.addAll(DoubleCounting.sameNoteOnTwoDays(entries));
    problems.addAll(DoubleCounting.invoicesLikeDeliveries(entries));
    return new Ledger(checked.periods());
  }

  /**
   * An entered resource's quantity over days and how it was found ({@code stock}, {@code usage}).
   */
  record Entered(double total, String how) {}

  /**
   * An entered (not metered) resource's quantity over [from, to]: the stock ledger's periods whose
   * closing count falls there, else its usage entries.
   */
  Entered entered(Declared d, LocalDate from, LocalDate to, List<String> notes) {
    double total = 0;
    // from the last count before the days: the period it opens closes in them (a week of coal
    // across New Year was counted in neither year)
    LocalDate opening = store.lastCountBefore(d, from).map(day -> day.plusDays(1)).orElse(from);
    Ledger ledger = ledger(d, opening, to, notes);
    if (ledger != null) {
      for (StockPeriod p : ledger.periods()) {
        total += p.used();
      }
      return new Entered(total, "stock");
    }
    for (DailyValue v : usage(d, store.entries(d, from, to))) {
      total += v.value();
    }
    return new Entered(total, "usage");
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

  /**
   * A new stored baseline of resource {@code code}: the model fitted on its periods of [from, to]
   * per unit of {@code product} (refused when the data cannot give one), the fit's summary kept as
   * it is now and the SHA-256 of the period's data.
   */
  public PgResourceBaselines.NewVersion baselineFit(
      Scope scope,
      String enterprise,
      String code,
      String product,
      LocalDate from,
      LocalDate to,
      ModelSelector.Request model) {
    Declared d = store.get(scope, enterprise, code);
    Window w = window(scope, enterprise, d, product, from, to);
    BaselineFit fit = ModelSelector.select(w.series().dataSet(), model);
    Verifiability v = Verifiability.ofBaseline(fit);
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("model", fit.model().form().label());
    f.put("sec_unit", w.series().secUnit());
    f.put("baseline_sec", finiteOrNull(w.series().sec()));
    f.put("periods", w.series().periods().size());
    f.put("gaps", w.series().gaps());
    f.put("source", w.source());
    Map<String, Object> coefficients = new LinkedHashMap<>();
    fit.model().coefficients().forEach(c -> coefficients.put(c.name(), finiteOrNull(c.value())));
    f.put("coefficients", coefficients);
    f.put("r2", finiteOrNull(fit.statistics().r2()));
    f.put("cv_rmse", finiteOrNull(fit.statistics().cvRmse()));
    f.put("verifiability", v.tree());
    f.put("notes", w.notes());
    return new PgResourceBaselines.NewVersion(
        product,
        from,
        to,
        model.name().toLowerCase(Locale.ROOT),
        fit.model().form().label(),
        Sha256.hex(w.series().csv()),
        new JsonObject(f),
        fit.methodVersion());
  }

  /**
   * The indicator against a stored baseline: its product, period and model form (auto resolved to
   * the form chosen when it was stored), named with its version, status and whether the baseline
   * period's data still hash to what was stored.
   */
  public Map<String, Object> indicator(
      Scope scope,
      String enterprise,
      PgResourceBaselines.Stored b,
      LocalDate from,
      LocalDate to,
      double confidencePercent) {
    if (!from.isAfter(b.to())) {
      throw DomainException.invalid(
          "from", "the reporting period starts after the baseline's (" + b.to() + ")");
    }
    Map<String, Object> m =
        indicator(
            scope,
            enterprise,
            b.resource(),
            b.product(),
            b.from(),
            b.to(),
            from,
            to,
            requestOf(b.modelForm()),
            confidencePercent);
    Declared d = store.get(scope, enterprise, b.resource());
    Window base = window(scope, enterprise, d, b.product(), b.from(), b.to());
    boolean same = Sha256.hex(base.series().csv()).equals(b.dataHash());
    Map<String, Object> sb = new LinkedHashMap<>();
    sb.put("version", b.version());
    sb.put("status", b.status().wire());
    sb.put("approved_by_role", b.approvedByRole());
    sb.put("approved_at", b.approvedAt());
    sb.put("model_form", b.modelForm());
    sb.put("data_unchanged", same);
    // an entry of its period revised since its approval (issue 15's audited revisions): the
    // approval no longer covers the data; it stays so until a new version is approved
    List<PgResources.EntryRevision> revisions = store.revisionsSinceApproval(d, b.version());
    boolean reverify = !revisions.isEmpty();
    sb.put("to_be_reverified", reverify);
    sb.put("verification_status", reverify ? "to_be_reverified" : b.status().wire());
    sb.put("revisions", revisions.stream().map(r -> r.json().getMap()).toList());
    m.put("stored_baseline", sb);
    // a saving counts for the programme only from a baseline an assigned auditor approved whose
    // data are still those approved (issue 15); otherwise it is indicative and never meets a target
    @SuppressWarnings("unchecked")
    Map<String, Object> v = (Map<String, Object>) m.get("verifiability");
    boolean verifiable = "verifiable".equals(v.get("status"));
    boolean counts = verifiable && b.approvedByAuditor() && same && !reverify;
    m.put("label", counts ? "verifiable" : reverify ? "to be re-verified" : indicative(verifiable));
    m.put("counts_for_programme", counts);
    if (!counts) {
      indicativeTargets(m);
    }
    return m;
  }

  /** The label of a saving whose fit fails a validity rule (its failed checks say which). */
  public static final String NOT_VERIFIABLE = "indicative, not verifiable";

  /**
   * The label of a saving whose fit passes every validity rule while no auditor approved its
   * baseline (for the data it has now): the public page called it "not verifiable" with no failed
   * check.
   */
  static final String NOT_APPROVED = "indicative, resource baseline not approved";

  /** The label of an indicative saving, by whether its fit passes every validity rule. */
  private static String indicative(boolean fitVerifiable) {
    return fitVerifiable ? NOT_APPROVED : NOT_VERIFIABLE;
  }

  /**
   * An indicator against a period no auditor approved as the resource's baseline (the request named
   * product and period, not a stored version): indicative, whatever its fit, and it meets no
   * target. The overview showed "8 % target: met" for such a fit while the showcase called the same
   * saving indicative.
   */
  public static Map<String, Object> unapproved(Map<String, Object> m) {
    @SuppressWarnings("unchecked")
    Map<String, Object> v = (Map<String, Object>) m.get("verifiability");
    m.put("label", indicative("verifiable".equals(v.get("status"))));
    m.put("counts_for_programme", false);
    indicativeTargets(m);
    return m;
  }

  @SuppressWarnings("unchecked")
  private static void indicativeTargets(Map<String, Object> m) {
    for (Map<String, Object> t : (List<Map<String, Object>>) m.get("targets")) {
      t.put("status", "INDICATIVE");
    }
  }

  /** The request that refits a stored model form (auto resolved when stored). */
  static ModelSelector.Request requestOf(String form) {
    if (form.equals("ratio")) {
      return ModelSelector.Request.RATIO;
    }
    if (form.equals("ols")) {
      return ModelSelector.Request.OLS;
    }
    return ModelSelector.Request.CHANGEPOINT;
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
    m.put("baseline_cost_per_unit", ResourceCost.costPerUnit(m.get("baseline")));
    m.put("reporting_cost_per_unit", ResourceCost.costPerUnit(m.get("reporting")));
    return m;
  }

  private static Map<String, Object> window(Window w, LocalDate from, LocalDate to) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("from", from.toString());
    m.put("to", to.toString());
    m.put("sec", finiteOrNull(w.series().sec()));
    List<Object> periods = new ArrayList<>();
    for (ResourcePeriod p : w.series().periods()) {
      Map<String, Object> pm = new LinkedHashMap<>();
      pm.put("from", p.from().toString());
      pm.put("to", p.to().toString());
      pm.put("quantity", p.quantity());
      pm.put("production", p.production());
      pm.put("sec", finiteOrNull(p.sec()));
      periods.add(pm);
    }
    m.put("periods", periods);
    m.put("gaps", w.series().gaps());
    m.put("notes", w.notes());
    m.put("cost", ResourceCost.cost(w));
    return m;
  }
}
