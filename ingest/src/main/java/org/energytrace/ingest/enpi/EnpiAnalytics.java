package org.energytrace.ingest.enpi;

import static org.energytrace.ingest.enpi.EnpiTrees.baselineTree;
import static org.energytrace.ingest.enpi.EnpiTrees.baselineView;

import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.AnalyticsException.Code;
import org.energytrace.analytics.MethodVersion;
import org.energytrace.analytics.baseline.BaselineFit;
import org.energytrace.analytics.baseline.DataSet;
import org.energytrace.analytics.baseline.ModelSelector;
import org.energytrace.analytics.baseline.Observation;
import org.energytrace.analytics.domain.EnpiBasis;
import org.energytrace.analytics.domain.EnpiBuilder;
import org.energytrace.analytics.domain.EnpiDefinition;
import org.energytrace.analytics.domain.EnpiSeries;
import org.energytrace.analytics.enpi.Bucket;
import org.energytrace.analytics.enpi.DailyValue;
import org.energytrace.analytics.integrity.Sha256;
import org.energytrace.analytics.units.ConversionTable;
import org.energytrace.ingest.config.DashboardConfig.Tariffs;
import org.energytrace.ingest.enpi.PgBaselines.Baseline;
import org.energytrace.ingest.enpi.PgEnpiStore.EnpiModel;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.tenant.Scope;

/**
 * The analytics REST API's computations over stored data: an EnPI's daily series (energy per meter
 * from interval energy, production per product), SEC, the CLI's CSV export, versioned baseline fits
 * and savings. Every number comes from the pure {@code analytics} core; this class only reads the
 * store and shapes results as ordered maps (JSON). Blocking; call from worker threads.
 */
public final class EnpiAnalytics {
  /** The programme targets reported with every savings result (Decision 1419: 8 % and 13 %). */
  public static final List<Double> TARGETS = List.of(8.0, 13.0);

  /** The confidence levels of the fractional savings uncertainty reported with savings. */
  public static final List<Double> FSU_LEVELS = List.of(68.0, 90.0, 95.0);

  static final ConversionTable TABLE = ConversionTable.bundled();

  private final PgEnpiStore store;
  private final PgEnpiData data;
  private final PgBaselines baselines;
  private final PeriodRecords records;
  private final PgTemperatures temperatures;
  private final Clock clock;
  private final EnpiSavings savings;
  private final SecView secView;

  /** Without verification records: no adjustments, no sign-off. */
  public EnpiAnalytics(PgEnpiStore store, PgEnpiData data, PgBaselines baselines, Clock clock) {
    this(store, data, baselines, PeriodRecords.NONE, clock);
  }

  /**
   * @param records the non-routine adjustments (approved ones are applied) and period sign-offs the
   *     savings report
   */
  public EnpiAnalytics(
      PgEnpiStore store,
      PgEnpiData data,
      PgBaselines baselines,
      PeriodRecords records,
      Clock clock) {
    this(store, data, baselines, records, null, clock);
  }

  /**
   * @param temperatures the sites' daily mean temperatures for weather baselines (null: a baseline
   *     with a weather variable is refused, 409 naming {@code weather})
   */
  public EnpiAnalytics(
      PgEnpiStore store,
      PgEnpiData data,
      PgBaselines baselines,
      PeriodRecords records,
      PgTemperatures temperatures,
      Clock clock) {
    this.store = store;
    this.data = data;
    this.baselines = baselines;
    this.records = records;
    this.temperatures = temperatures;
    this.clock = clock;
    this.savings = new EnpiSavings(records, this);
    this.secView = new SecView(baselines, this);
  }

  /** An EnPI's series with the per-meter and per-product day details behind it. */
  public record Series(
      EnpiModel model,
      EnpiSeries series,
      Map<String, List<DailyTotals.Day>> energy,
      Map<String, PgEnpiData.ProductDays> production) {}

  public Series series(
      Scope scope, String enterprise, String enpi, LocalDate from, LocalDate to, EnpiBasis basis) {
    checkSpan(from, to);
    return series(store.model(scope, enterprise, enpi), from, to, basis);
  }

  /**
   * The series of an EnPI as {@code model} defines it: a frozen version's model gives the data of
   * that version's meters and products (docs/verification.md §1.4).
   */
  public Series series(EnpiModel model, LocalDate from, LocalDate to, EnpiBasis basis) {
    checkSpan(from, to);
    EnpiDefinition d = model.definition();
    if (basis != null && basis != d.basis()) {
      d = new EnpiDefinition(d.id(), d.name(), d.scope(), d.meters(), d.productIds(), basis);
    }
    Map<String, List<DailyTotals.Day>> energy = data.energy(model, from, to);
    Map<String, PgEnpiData.ProductDays> production = data.production(model, from, to);
    Map<String, List<DailyValue>> e = new LinkedHashMap<>();
    energy.forEach((k, v) -> e.put(k, DailyTotals.complete(v)));
    Map<String, List<DailyValue>> p = new LinkedHashMap<>();
    production.forEach((k, v) -> p.put(k, DailyTotals.complete(v.days())));
    EnpiSeries series = EnpiBuilder.build(model.enterprise(), d, e, p, from, to, TABLE);
    return new Series(model, series, energy, production);
  }

  // ---- SEC ----

  public Map<String, Object> sec(Series s, Bucket bucket) {
    return sec(s, bucket, null);
  }

  /**
   * SEC per bucket; with {@code baselineVersion}, each point also carries the baseline model's
   * prediction for that point's own production ({@code baseline_energy}, {@code baseline_sec}): see
   * {@link SecView}.
   */
  public Map<String, Object> sec(Series s, Bucket bucket, Integer baselineVersion) {
    return secView.sec(s, bucket, baselineVersion);
  }

  // ---- CSV (the analytics CLI's input format) ----

  /** Whether the data set has one production column per product (OLS per product). */
  public static boolean perProduct(EnpiSeries series) {
    return series.productionByProduct().size() > 1;
  }

  /**
   * The days with energy and production as the CLI's CSV: {@code period,energy,production} (or one
   * {@code production_<product>} column per product). Numbers are written by {@link
   * Double#toString}, which reads back to the same double: the CLI recomputes from exactly the
   * numbers the API used.
   */
  public static String csv(DataSet data) {
    StringBuilder b = new StringBuilder("period,energy");
    data.variables().forEach(v -> b.append(',').append(v));
    b.append('\n');
    for (Observation o : data.rows()) {
      b.append(o.period().toLocalDate()).append(',').append(Double.toString(o.energy()));
      for (double v : o.values()) {
        b.append(',').append(Double.toString(v));
      }
      b.append('\n');
    }
    return b.toString();
  }

  /** Reads back what {@link #csv} wrote (a stored baseline's data). */
  static DataSet parseCsv(String csv) {
    String[] lines = csv.split("\n");
    String[] header = lines[0].split(",");
    List<String> variables = List.of(header).subList(2, header.length);
    List<Observation> rows = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].isEmpty()) {
        continue;
      }
      String[] cells = lines[i].split(",");
      List<Double> values = new ArrayList<>();
      for (int j = 2; j < cells.length; j++) {
        values.add(Double.parseDouble(cells[j]));
      }
      rows.add(
          new Observation(
              LocalDate.parse(cells[0]).atStartOfDay(), Double.parseDouble(cells[1]), values));
    }
    return new DataSet(variables, rows);
  }

  // ---- baselines ----

  /**
   * Fits a baseline model to the EnPI's data over [from, to] and stores it as a new draft, with a
   * weather variable (null: none): degree days at a stated balance point enter as the column {@code
   * cdd_18c}/{@code hdd_18c}; a fitted balance point puts the daily mean {@code temperature} in the
   * data and fits the change-point forms ({@code model} must be auto or changepoint; the model
   * stored is changepoint), and the chosen form must have the hinge asked for (cooling for CDD,
   * heating for HDD), else 422 naming {@code weather.variable}.
   */
  public Map<String, Object> fitBaseline(
      Scope scope,
      String enterprise,
      String enpi,
      LocalDate from,
      LocalDate to,
      ModelSelector.Request model,
      WeatherVariable weather,
      String by) {
    if (weather != null && weather.fitted()) {
      if (model != ModelSelector.Request.AUTO && model != ModelSelector.Request.CHANGEPOINT) {
        throw DomainException.invalid(
            "model",
            "a fitted balance point is found by the change-point search: model auto or"
                + " changepoint, or state weather.balance_point");
      }
      model = ModelSelector.Request.CHANGEPOINT;
    }
    Series s = series(scope, enterprise, enpi, from, to, null);
    PgTemperatures.Source source = weather == null ? null : temperatureSource(s.model());
    DataSet set = withWeather(s, weather, source);
    if (set.size() == 0) {
      throw new AnalyticsException(
          Code.INSUFFICIENT_DATA,
          "the baseline period "
              + from
              + ".."
              + to
              + " has no day with both energy and production"
              + (weather == null ? "" : " and a mean temperature"));
    }
    String csv = csv(set);
    BaselineFit fit = ModelSelector.select(parseCsv(csv), model);
    if (weather != null && weather.fitted() && !weather.hasHinge(fit.model())) {
      throw new AnalyticsException(
          Code.INVALID_INPUT,
          "weather.variable: "
              + (weather.cooling() ? "cdd" : "hdd")
              + " with a fitted balance point was asked for, but the best change-point form is "
              + fit.model().form().label()
              + " (no "
              + (weather.cooling() ? "cooling" : "heating")
              + " slope): ask for "
              + (weather.cooling() ? "hdd" : "cdd")
              + " or state weather.balance_point");
    }
    Map<String, Object> fitTree = baselineTree(fit);
    String json = new JsonObject(fitTree).encode();
    int version =
        baselines.add(
            s.model().enterpriseId(),
            s.model().enpiId(),
            from,
            to,
            model.name().toLowerCase(Locale.ROOT),
            Sha256.hex(csv),
            csv,
            json,
            fit.methodVersion(),
            s.model().version(),
            by,
            clock.instant());
    Map<String, Object> view =
        baselineView(baselines.get(s.model().enpiId(), version), fitTree, s.series());
    view.put("weather", weather == null ? null : weather.describe(fit.model(), source.json()));
    return view;
  }

  // ---- weather (docs/mv-method.md "Weather in the API") ----

  PgTemperatures.Source temperatureSource(EnpiModel model) {
    if (temperatures == null) {
      throw DomainException.conflict("weather", "this service has no temperature store");
    }
    return temperatures.forEnpi(model.enpiId(), model.definition().id());
  }

  /**
   * The EnPI's daily data set with the weather column appended (each day's value from the site's
   * daily mean temperature); a day without a mean temperature is left out, as a day without energy
   * or production is (CalTRACK 2.0 §3.5.1.1).
   */
  DataSet withWeather(Series s, WeatherVariable weather, PgTemperatures.Source source) {
    DataSet set = s.series().dataSet(perProduct(s.series()));
    if (weather == null) {
      return set;
    }
    Map<LocalDate, Double> means = temperatures.daily(source, s.series().from(), s.series().to());
    List<String> variables = new ArrayList<>(set.variables());
    variables.add(weather.column());
    List<Observation> rows = new ArrayList<>();
    for (Observation o : set.rows()) {
      Double t = means.get(o.period().toLocalDate());
      if (t == null) {
        continue;
      }
      List<Double> values = new ArrayList<>();
      for (double v : o.values()) {
        values.add(v);
      }
      values.add(weather.value(t));
      rows.add(new Observation(o.period(), o.energy(), values));
    }
    return new DataSet(variables, rows);
  }

  /**
   * The reporting period's data as the CLI's CSV, with the same weather column as the baseline's
   * stored data (none when it has none): what savings, the SEC comparison and the dossier's
   * reporting.csv use.
   */
  public String reportingCsv(Series s, String baselineCsv) {
    Optional<WeatherVariable> weather = weatherOf(baselineCsv);
    return csv(
        withWeather(
            s, weather.orElse(null), weather.isEmpty() ? null : temperatureSource(s.model())));
  }

  /** The weather variable of a stored baseline's data, if it has one. */
  static Optional<WeatherVariable> weatherOf(String baselineCsv) {
    int end = baselineCsv.indexOf('\n');
    String header = end < 0 ? baselineCsv : baselineCsv.substring(0, end);
    return WeatherVariable.ofColumns(List.of(header.split(",")));
  }

  public List<Object> listBaselines(Scope scope, String enterprise, String enpi) {
    EnpiModel model = store.model(scope, enterprise, enpi);
    List<Object> out = new ArrayList<>();
    for (Baseline b : baselines.list(model.enpiId())) {
      out.add(baselineView(b, null, null));
    }
    return out;
  }

  /**
   * One baseline version as the API shows it. Its lifecycle (submit, approve, return, supersede) is
   * the {@code verification} feature's.
   */
  public Map<String, Object> baseline(Scope scope, String enterprise, String enpi, int version) {
    EnpiModel model = store.model(scope, enterprise, enpi);
    return baselineView(baselines.get(model.enpiId(), version), null, null);
  }

  /**
   * The newest period an auditor signed off as verified (or verified with reservations) against
   * baseline {@code version}, if any.
   */
  public Optional<PeriodRecords.SignOff> verifiedPeriod(
      Scope scope, String enterprise, String enpi, int version) {
    return records.latestVerified(store.model(scope, enterprise, enpi).enpiId(), version);
  }

  // ---- savings ----

  /**
   * Savings over [from, to] against a stored baseline: the same tree as {@code analytics mv
   * --format json --targets 8,13} (plus {@code co2} when the EnPI meters one carrier), with the
   * fractional savings uncertainty at 68/90/95 % and the baseline it used; {@code by_carrier} (the
   * savings split between the EnPI's carriers, {@link CarrierSavings}) and {@code money} at {@code
   * tariffs} ({@link Tariffs#NONE}: none); {@code co2} of an EnPI with several carriers is the sum
   * of each carrier's part.
   */
  public Map<String, Object> savings(
      Scope scope,
      String enterprise,
      String enpi,
      int version,
      LocalDate from,
      LocalDate to,
      double confidence,
      Integer co2Year,
      Tariffs tariffs) {
    Baseline b = baselines.get(store.model(scope, enterprise, enpi).enpiId(), version);
    // the EnPI as the baseline's version froze it, whatever the EnPI became since (§1.4)
    EnpiModel model = store.model(scope, enterprise, enpi, b.enpiVersion());
    return savings.savings(b, model, from, to, confidence, co2Year, tariffs);
  }

  /** "indicative, not verifiable" in Vietnamese (the English label is analytics' own). */
  public static final String INDICATIVE_VI = "chỉ mang tính tham khảo, chưa thể xác minh";

  /** "verifiable" in Vietnamese. */
  public static final String VERIFIABLE_VI = "có thể xác minh";

  // ---- trees ----

  static void checkSpan(LocalDate from, LocalDate to) {
    DomainException.requireNotBefore("from", from, "to", to);
    if (to.toEpochDay() - from.toEpochDay() > 3 * 366) {
      throw DomainException.invalid("to", "at most three years per request");
    }
  }

  static String methodVersion() {
    return MethodVersion.CURRENT;
  }

  /** The conversion table the EnPIs convert their carriers with (final MJ, TOE). */
  public ConversionTable conversions() {
    return TABLE;
  }
}
