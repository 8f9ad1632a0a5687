package org.energytrace.ingest.enpi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.AnalyticsException.Code;
import org.energytrace.analytics.MethodVersion;
import org.energytrace.analytics.baseline.BaselineFit;
import org.energytrace.analytics.baseline.DataSet;
import org.energytrace.analytics.baseline.ModelSelector;
import org.energytrace.analytics.baseline.Observation;
import org.energytrace.analytics.baseline.ValidityCheck;
import org.energytrace.analytics.domain.EnpiBasis;
import org.energytrace.analytics.domain.EnpiBuilder;
import org.energytrace.analytics.domain.EnpiDefinition;
import org.energytrace.analytics.domain.EnpiGap;
import org.energytrace.analytics.domain.EnpiSeries;
import org.energytrace.analytics.domain.Meter;
import org.energytrace.analytics.domain.MeterConversion;
import org.energytrace.analytics.enpi.Bucket;
import org.energytrace.analytics.enpi.Coverage;
import org.energytrace.analytics.enpi.DailyValue;
import org.energytrace.analytics.enpi.SecPoint;
import org.energytrace.analytics.enpi.SecSeries;
import org.energytrace.analytics.report.MvAnalysis;
import org.energytrace.analytics.report.MvReport;
import org.energytrace.analytics.savings.NonRoutineAdjustment;
import org.energytrace.analytics.savings.ProgrammeTarget;
import org.energytrace.analytics.savings.SavingsCalculator;
import org.energytrace.analytics.savings.SavingsResult;
import org.energytrace.analytics.savings.TargetProgress;
import org.energytrace.analytics.units.ConversionTable;
import org.energytrace.analytics.units.Emission;
import org.energytrace.analytics.units.EmissionFactors;
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

  private static final ConversionTable TABLE = ConversionTable.bundled();
  private static final EmissionFactors FACTORS = EmissionFactors.bundled();

  private final PgEnpiStore store;
  private final PgEnpiData data;
  private final PgBaselines baselines;
  private final PeriodRecords records;
  private final PgTemperatures temperatures;
  private final Clock clock;

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
   * prediction for that point's own production ({@code baseline_energy}, and {@code baseline_sec} =
   * predicted energy / production): the SEC the plant would have had without the measure at the
   * same output, which is what the measured SEC is compared with (a regression baseline's SEC
   * depends on the output; the baseline period's average SEC is not that comparison).
   */
  public Map<String, Object> sec(Series s, Bucket bucket, Integer baselineVersion) {
    SecSeries sec = s.series().sec(bucket);
    Map<LocalDate, Double> predicted = null;
    String baselineNote = null;
    if (baselineVersion != null) {
      Baseline b = baselines.get(s.model().enpiId(), baselineVersion);
      DataSet base = parseCsv(b.dataCsv());
      DataSet data = parseCsv(reportingCsv(s, b.dataCsv()));
      if (!data.variables().equals(base.variables())) {
        baselineNote =
            "the baseline has columns "
                + base.variables()
                + ", this period "
                + data.variables()
                + ": the EnPI's products changed";
      } else {
        BaselineFit fit =
            ModelSelector.select(
                base, ModelSelector.Request.valueOf(b.model().toUpperCase(Locale.ROOT)));
        predicted = new HashMap<>();
        for (Observation o : data.rows()) {
          predicted.merge(
              bucket.start(o.period().toLocalDate()), fit.model().predict(data, o), Double::sum);
        }
      }
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("enpi", s.series().enpiId());
    root.put("basis", s.series().basis().name().toLowerCase(Locale.ROOT));
    root.put("unit", s.series().enpiUnit());
    root.put("bucket", bucket.name().toLowerCase(Locale.ROOT));
    // periods are local days (weeks from Monday, months) of the EnPI's site(s)
    root.put("time_zone", timeZone(s.model()));
    root.put("from", s.series().from().toString());
    root.put("to", s.series().to().toString());
    List<Object> points = new ArrayList<>();
    for (SecPoint pt : sec.points()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("period", pt.start().toString());
      m.put("energy", num(pt.energy()));
      m.put("production", num(pt.production()));
      m.put("sec", num(pt.sec()));
      m.put("days_expected", pt.daysExpected());
      m.put("days_present", pt.daysWithData());
      m.put("complete", pt.complete());
      if (predicted != null) {
        Double e = predicted.get(pt.start());
        m.put("baseline_energy", e == null ? null : num(e));
        m.put(
            "baseline_sec", e == null || !(pt.production() > 0) ? null : num(e / pt.production()));
      }
      points.add(m);
    }
    root.put("points", points);
    if (baselineVersion != null) {
      root.put("baseline_version", baselineVersion);
      root.put("baseline_note", baselineNote);
    }
    root.put("coverage", coverage(s.series().coverage()));
    root.put("gaps", gaps(s.series().gaps()));
    root.put("meters", meterDetails(s));
    root.put("products", productDetails(s));
    root.put("conversions", conversions(s.series().conversions()));
    root.put("method_version", s.series().methodVersion());
    return root;
  }

  /**
   * The time zone whose local days make an EnPI's days: its sites' ({@code site.time_zone}); the
   * zones joined by a comma when its meters and products lie in sites of different zones.
   */
  static String timeZone(EnpiModel model) {
    Set<String> zones = new TreeSet<>();
    model.meters().forEach(m -> zones.add(m.zone().getId()));
    model.products().forEach(p -> zones.add(p.zone().getId()));
    return zones.isEmpty()
        ? org.energytrace.ingest.store.SiteZones.DEFAULT.getId()
        : String.join(",", zones);
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

  /** Fits a baseline model to the EnPI's data over [from, to] and stores it as a new draft. */
  public Map<String, Object> fitBaseline(
      Scope scope,
      String enterprise,
      String enpi,
      LocalDate from,
      LocalDate to,
      ModelSelector.Request model,
      String by) {
    return fitBaseline(scope, enterprise, enpi, from, to, model, null, by);
  }

  /**
   * As {@link #fitBaseline(Scope, String, String, LocalDate, LocalDate, ModelSelector.Request,
   * String)}, with a weather variable (null: none): degree days at a stated balance point enter as
   * the column {@code cdd_18c}/{@code hdd_18c}; a fitted balance point puts the daily mean {@code
   * temperature} in the data and fits the change-point forms ({@code model} must be auto or
   * changepoint; the model stored is changepoint), and the chosen form must have the hinge asked
   * for (cooling for CDD, heating for HDD), else 422 naming {@code weather.variable}.
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
    String json = new io.vertx.core.json.JsonObject(fitTree).encode();
    int version =
        baselines.add(
            s.model().enterpriseId(),
            s.model().enpiId(),
            from,
            to,
            model.name().toLowerCase(Locale.ROOT),
            sha256(csv),
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

  private PgTemperatures.Source temperatureSource(EnpiModel model) {
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
  private DataSet withWeather(Series s, WeatherVariable weather, PgTemperatures.Source source) {
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
   * fractional savings uncertainty at 68/90/95 % and the baseline it used.
   */
  public Map<String, Object> savings(
      Scope scope,
      String enterprise,
      String enpi,
      int version,
      LocalDate from,
      LocalDate to,
      double confidence,
      Integer co2Year) {
    return savings(scope, enterprise, enpi, version, from, to, confidence, co2Year, Tariffs.NONE);
  }

  /**
   * As {@link #savings(Scope, String, String, int, LocalDate, LocalDate, double, Integer)}, plus
   * {@code by_carrier} (the savings split between the EnPI's carriers, {@link CarrierSavings}) and
   * {@code money} at {@code tariffs}; {@code co2} of an EnPI with several carriers is the sum of
   * each carrier's part.
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
    checkSpan(from, to);
    Series s = series(model, from, to, null);
    DataSet base = parseCsv(b.dataCsv());
    Optional<WeatherVariable> weather = weatherOf(b.dataCsv());
    PgTemperatures.Source source = weather.isEmpty() ? null : temperatureSource(model);
    DataSet rep = parseCsv(csv(withWeather(s, weather.orElse(null), source)));
    if (rep.size() == 0) {
      throw new AnalyticsException(
          Code.INSUFFICIENT_DATA,
          "the reporting period " + from + ".." + to + " has no day with energy and production");
    }
    if (!rep.variables().equals(base.variables())) {
      throw DomainException.conflict(
          "baseline",
          "the baseline has columns "
              + base.variables()
              + ", the reporting period "
              + rep.variables()
              + ": the EnPI's products changed; fit a new baseline");
    }
    ModelSelector.Request request =
        ModelSelector.Request.valueOf(b.model().toUpperCase(Locale.ROOT));
    // non-routine adjustments of the period: approved ones applied, the others listed (issue 15)
    List<NonRoutineAdjustment> adjustments = records.adjustments(model.enpiId(), from, to);
    MvReport report =
        adjustments.isEmpty()
            ? MvAnalysis.run(base, rep, request, confidence / 100.0)
            : MvAnalysis.run(base, rep, request, confidence / 100.0, adjustments);
    Map<String, Object> tree = new LinkedHashMap<>(report.tree());
    Object methodVersion = tree.remove("method_version");
    tree.put("savings_split", split(report));
    // the weather variable and balance point the baseline uses (null: none)
    tree.put(
        "weather",
        weather
            .map(w -> (Object) w.describe(report.baseline().model(), source.json()))
            .orElse(null));
    Map<String, Object> verification =
        verification(
            b, records.signOff(model.enpiId(), version, from, to), report, tree.get("validity"));
    verification.putAll(enpiVersion(model));
    reverify(verification, model.enpiId(), b, records.signOff(model.enpiId(), version, from, to));
    tree.put("verification", verification);
    List<Object> targets = new ArrayList<>();
    for (double t : TARGETS) {
      // on the total with approved adjustments; INDICATIVE (never MET) when not verifiable
      TargetProgress p = report.progress(target(t / 100.0));
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("target", p.target().fraction());
      m.put("id", p.target().id());
      m.put("source", p.target().source());
      m.put("status", p.status().name());
      m.put("savings_fraction", p.fraction());
      m.put("fraction_low", p.fractionLow());
      m.put("fraction_high", p.fractionHigh());
      m.put("confidence", p.confidence());
      targets.add(m);
    }
    tree.put("targets", targets);
    Map<String, Object> co2 = co2(s.series(), model, report, co2Year);
    ByCarrier split = byCarrier(scope, enterprise, enpi, b, s, base, rep, report);
    if (co2.get("avoided_t") == null && split.parts() != null) {
      co2 = co2ByCarrier(split, s.series(), report, co2Year, co2);
    }
    tree.put("co2", co2);
    tree.put("method_version", methodVersion);
    // additions of the API (not in the CLI's output)
    Map<String, Object> levels = new LinkedHashMap<>();
    BaselineFit fit = report.baseline();
    for (double level : FSU_LEVELS) {
      SavingsResult r = SavingsCalculator.avoidedEnergy(fit, rep, level / 100.0);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("fsu", num(r.uncertainty().fsu()));
      m.put("savings_low", num(r.uncertainty().low()));
      m.put("savings_high", num(r.uncertainty().high()));
      levels.put(String.valueOf((int) level), m);
    }
    tree.put("fsu_levels", levels);
    Map<String, Object> baseline = new LinkedHashMap<>();
    baseline.put("version", b.version());
    baseline.put("status", b.status());
    baseline.put("approved_by", b.approvedBy());
    baseline.put("from", b.from().toString());
    baseline.put("to", b.to().toString());
    baseline.put("model", b.model());
    baseline.put("data_hash", b.dataHash());
    baseline.put("enpi_version", b.enpiVersion());
    tree.put("baseline", baseline);
    Map<String, Object> period = new LinkedHashMap<>();
    period.put("from", from.toString());
    period.put("to", to.toString());
    period.put("energy_unit", s.series().energyUnit());
    period.put("product_unit", s.series().productUnit().symbol());
    period.put("gaps", gaps(s.series().gaps()));
    tree.put("reporting_period", period);
    tree.put("by_carrier", split.tree());
    tree.put("money", money(split, s.series(), report, tariffs));
    return tree;
  }

  /**
   * Routine (the baseline model alone) and non-routine (approved adjustments) savings apart, and
   * their total with its band: what every page shows (docs/verification.md §1.2).
   */
  static Map<String, Object> split(MvReport report) {
    Map<String, Object> m = new LinkedHashMap<>();
    SavingsResult r = report.reporting();
    var a = report.adjusted();
    m.put("routine", num(r.savings()));
    m.put("non_routine", a == null ? 0.0 : num(a.nonRoutine()));
    m.put("applied_adjustments", a == null ? 0 : a.applied().size());
    m.put("savings", num(a == null ? r.savings() : a.savings()));
    m.put("savings_fraction", num(a == null ? r.savingsFraction() : a.savingsFraction()));
    m.put("savings_low", num(a == null ? r.uncertainty().low() : a.uncertainty().low()));
    m.put("savings_high", num(a == null ? r.uncertainty().high() : a.uncertainty().high()));
    m.put("confidence", num(r.uncertainty().confidence()));
    m.put("adjusted_baseline", num(a == null ? r.adjustedBaseline() : a.adjustedBaseline()));
    m.put("actual", num(r.actual()));
    return m;
  }

  /**
   * Which EnPI version a saving computes on (the baseline's, frozen) and the EnPI's current one;
   * when the EnPI changed since, a note saying that the new definition needs a baseline of its own,
   * approved (docs/verification.md §1.4).
   */
  static Map<String, Object> enpiVersion(EnpiModel model) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("enpi_version", model.version());
    m.put("enpi_current_version", model.currentVersion());
    m.put(
        "enpi_version_note",
        model.outdated()
            ? "the EnPI's definition changed after this baseline (now version "
                + model.currentVersion()
                + "): this saving uses the frozen definition of version "
                + model.version()
                + "; a saving on version "
                + model.currentVersion()
                + " needs a baseline fitted on it and approved"
            : null);
    return m;
  }

  /**
   * "To be re-verified" (docs/verification.md §1.4): production figures revised after the
   * baseline's approval (days of its period) or after the period's sign-off (days of the signed
   * period) make the status {@code to_be_reverified} — no longer approved or verified as it was —
   * and {@code revisions} lists them (old, new, who, why, when).
   */
  private void reverify(
      Map<String, Object> verification,
      long enpiId,
      Baseline b,
      Optional<PeriodRecords.SignOff> signOff) {
    List<PeriodRecords.Revision> revisions = new ArrayList<>();
    if ("approved".equals(b.status()) && b.approvedAt() != null) {
      revisions.addAll(
          records.revisions(enpiId, b.enpiVersion(), b.from(), b.to(), b.approvedAt()));
      signOff
          .filter(PeriodRecords.SignOff::verifies)
          .ifPresent(
              so ->
                  revisions.addAll(
                      records.revisions(enpiId, b.enpiVersion(), so.from(), so.to(), so.at())));
    }
    List<Object> out = new ArrayList<>();
    for (PeriodRecords.Revision r : revisions) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("product", r.product());
      m.put("day", r.day().toString());
      m.put("old_quantity", r.oldQuantity());
      m.put("new_quantity", r.newQuantity());
      m.put("reason", r.reason());
      m.put("revised_by", r.by());
      m.put("revised_at", r.at().toString());
      out.add(m);
    }
    verification.put("to_be_reverified", !out.isEmpty());
    verification.put("revisions", out);
    if (!out.isEmpty()) {
      verification.put("status", "to_be_reverified");
    }
  }

  /** "indicative, not verifiable" in Vietnamese (the English label is analytics' own). */
  public static final String INDICATIVE_VI = "chỉ mang tính tham khảo, chưa thể kiểm chứng";

  /** "verifiable" in Vietnamese. */
  public static final String VERIFIABLE_VI = "có thể kiểm chứng";

  /**
   * The status of a saving (docs/verification.md §1.2): its baseline's lifecycle status, {@code
   * verified} when the baseline is approved and a current sign-off with the opinion verified or
   * verified with reservations covers the period; and the method's verifiability with its flags (a
   * saving from a baseline failing the validity rules is "indicative, not verifiable").
   */
  static Map<String, Object> verification(
      Baseline b, Optional<PeriodRecords.SignOff> signOff, MvReport report, Object validity) {
    Map<String, Object> m = new LinkedHashMap<>();
    boolean approved = "approved".equals(b.status());
    boolean verified = approved && signOff.map(PeriodRecords.SignOff::verifies).orElse(false);
    var v = report.verifiability();
    m.put("status", verified ? "verified" : b.status());
    m.put("baseline_version", b.version());
    m.put("baseline_status", b.status());
    m.put("approved_by_role", b.review() == null ? null : b.review().approvedByRole());
    m.put("approved_at", Objects.toString(b.approvedAt(), null));
    m.put("verified_at", verified ? signOff.get().at().toString() : null);
    m.put(
        "signoff",
        signOff
            .map(
                so -> {
                  Map<String, Object> x = new LinkedHashMap<>();
                  x.put("id", so.id());
                  x.put("opinion", so.opinion());
                  x.put("signed_at", so.at().toString());
                  x.put("signed_by_account", so.account());
                  x.put("from", so.from().toString());
                  x.put("to", so.to().toString());
                  x.put("dossier_sha256", so.dossierSha256());
                  return (Object) x;
                })
            .orElse(null));
    m.put("verifiable", v.verifiable());
    m.put("label", v.label());
    m.put("label_vi", v.verifiable() ? VERIFIABLE_VI : INDICATIVE_VI);
    m.put("failed_checks", new ArrayList<>(v.failedFlags()));
    m.put("validity", validity);
    return m;
  }

  /** The savings split by carrier ({@link CarrierSavings}), or why it could not be. */
  private record ByCarrier(
      List<CarrierSavings.Part> parts, Map<String, String> units, String reason, String enpiUnit) {
    Map<String, Object> tree() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("method", CARRIER_METHOD);
      m.put("unit", enpiUnit);
      if (parts == null) {
        m.put("carriers", null);
        m.put("reason", reason);
        return m;
      }
      List<Object> list = new ArrayList<>();
      for (CarrierSavings.Part p : parts) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("carrier", p.carrier());
        c.put("baseline_share", num(p.baselineShare()));
        c.put("adjusted_baseline", num(p.adjustedBaseline()));
        c.put("actual", num(p.actual()));
        c.put("savings", num(p.savings()));
        c.put("metered_unit", units.get(p.carrier()));
        list.add(c);
      }
      m.put("carriers", list);
      return m;
    }
  }

  static final String CARRIER_METHOD =
      "adjusted baseline split by each carrier's share of the baseline period's energy, minus the"
          + " carrier's metered reporting energy";

  private ByCarrier byCarrier(
      Scope scope,
      String enterprise,
      String enpi,
      Baseline b,
      Series reporting,
      DataSet base,
      DataSet rep,
      MvReport report) {
    String unit = reporting.series().energyUnit();
    try {
      Map<String, String> units = new LinkedHashMap<>();
      Map<String, Double> actual = carrierEnergy(reporting, days(rep), units);
      Map<String, Double> mix;
      if (actual.size() == 1) {
        mix = Map.of(actual.keySet().iterator().next(), 1.0);
      } else {
        Series baseline = series(reporting.model(), b.from(), b.to(), null);
        mix = carrierEnergy(baseline, days(base), units);
      }
      return new ByCarrier(
          // with approved adjustments, their energy split by the baseline's carrier mix too
          CarrierSavings.split(
              mix,
              actual,
              report.adjusted() != null
                  ? report.adjusted().adjustedBaseline()
                  : report.reporting().adjustedBaseline()),
          units,
          null,
          unit);
    } catch (IllegalArgumentException | AnalyticsException e) {
      return new ByCarrier(null, Map.of(), e.getMessage(), unit);
    }
  }

  private static Set<LocalDate> days(DataSet set) {
    Set<LocalDate> out = new HashSet<>();
    set.rows().forEach(o -> out.add(o.period().toLocalDate()));
    return out;
  }

  /**
   * Energy per carrier in the EnPI's unit over {@code days}: Σ sign × day total × the multiplier
   * the EnPI applied to that meter on that day (the same numbers as the EnPI's daily energy).
   */
  private static Map<String, Double> carrierEnergy(
      Series s, Set<LocalDate> days, Map<String, String> units) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (var term : s.model().definition().meters()) {
      Meter meter =
          s.model()
              .enterprise()
              .meter(term.meterId())
              .orElseThrow(() -> new IllegalArgumentException("no meter " + term.meterId()));
      units.putIfAbsent(meter.carrier(), meter.unit());
      double sum = 0;
      for (DailyTotals.Day d : s.energy().getOrDefault(term.meterId(), List.of())) {
        if (!d.complete() || !days.contains(d.day())) {
          continue;
        }
        sum += term.sign() * d.total() * multiplier(s.series(), term.meterId(), d.day());
      }
      out.merge(meter.carrier(), sum, Double::sum);
    }
    return out;
  }

  private static double multiplier(EnpiSeries series, String meter, LocalDate day) {
    for (MeterConversion c : series.conversions()) {
      if (c.meterId().equals(meter) && !day.isBefore(c.firstDay()) && !day.isAfter(c.lastDay())) {
        return c.toEnpiUnit();
      }
    }
    throw new IllegalArgumentException("no conversion of meter " + meter + " on " + day);
  }

  /** The last reporting day (the day the conversion and fuel factors are read for). */
  private static LocalDate lastDay(MvReport report) {
    var r = report.reporting();
    return r.periods().get(r.m() - 1).period().toLocalDate();
  }

  /**
   * CO2 of an EnPI with several carriers: each carrier's part of the savings through its own factor
   * (electricity: the grid factor of {@code year}, else of the last reporting day), summed; null
   * when any factor is missing. Bounds are not split between carriers.
   */
  private Map<String, Object> co2ByCarrier(
      ByCarrier split,
      EnpiSeries series,
      MvReport report,
      Integer year,
      Map<String, Object> singleCarrier) {
    LocalDate on = lastDay(report);
    LocalDate gridOn = year != null ? LocalDate.of(year, 7, 1) : on;
    Map<String, Object> m = new LinkedHashMap<>();
    List<Object> parts = new ArrayList<>();
    double total = 0;
    try {
      for (CarrierSavings.Part p : split.parts()) {
        String unit = split.units().get(p.carrier());
        Emission e =
            CarrierSavings.co2(
                p.savings(), p.carrier(), unit, series.basis(), on, gridOn, TABLE, FACTORS);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("carrier", p.carrier());
        c.put(
            "quantity",
            num(
                CarrierSavings.quantity(
                    p.savings(),
                    p.carrier(),
                    p.carrier().equals("electricity") ? "kWh" : unit,
                    series.basis(),
                    on,
                    TABLE)));
        c.put("quantity_unit", p.carrier().equals("electricity") ? "kWh" : unit);
        c.put("avoided_t", e.tonnesCo2());
        c.put("factor_table", e.factor().table());
        c.put("factor_version", e.factor().version());
        c.put("factor", e.factor().factor());
        c.put("factor_unit", "tCO2/" + e.factor().basisUnit());
        c.put("source", e.factor().source());
        parts.add(c);
        total += e.tonnesCo2();
      }
    } catch (AnalyticsException e) {
      Map<String, Object> out = new LinkedHashMap<>(singleCarrier);
      out.put("reason", e.getMessage());
      return out;
    }
    m.put("avoided_t", total);
    m.put("avoided_low_t", null);
    m.put("avoided_high_t", null);
    m.put("method", "sum over carriers of each carrier's part of the savings (by_carrier)");
    m.put("note", "the confidence band is not split between carriers");
    m.put("by_carrier", parts);
    return m;
  }

  /** Money of the savings at the configured tariffs, or null with the reason. */
  private static Map<String, Object> money(
      ByCarrier split, EnpiSeries series, MvReport report, Tariffs tariffs) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("currency", tariffs.currency());
    if (split.parts() == null) {
      m.put("amount", null);
      m.put("reason", split.reason());
      return m;
    }
    try {
      List<CarrierSavings.Money> priced =
          CarrierSavings.money(split.parts(), tariffs, series.basis(), lastDay(report), TABLE);
      if (priced == null) {
        m.put("amount", null);
        m.put(
            "reason",
            "no tariff for "
                + split.parts().stream()
                    .map(CarrierSavings.Part::carrier)
                    .filter(c -> tariffs.price(c) == null)
                    .toList()
                + " (dashboards.tariff_per_kwh, dashboards.tariff_per_nm3_gas)");
        return m;
      }
      double total = 0;
      List<Object> list = new ArrayList<>();
      for (CarrierSavings.Money x : priced) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("carrier", x.carrier());
        c.put("quantity", num(x.quantity()));
        c.put("unit", x.unit());
        c.put("price", x.price());
        c.put("amount", num(x.amount()));
        list.add(c);
        total += x.amount();
      }
      m.put("amount", num(total));
      m.put("by_carrier", list);
    } catch (AnalyticsException e) {
      m.put("amount", null);
      m.put("reason", e.getMessage());
    }
    return m;
  }

  /** The CLI's choice: a bundled Decision 1419 target with this fraction, else an ad hoc one. */
  private static ProgrammeTarget target(double fraction) {
    return ProgrammeTarget.bundled().stream()
        .filter(t -> t.fraction() == fraction)
        .reduce((a, b) -> b)
        .orElseGet(
            () ->
                new ProgrammeTarget(
                    "cli_" + fraction,
                    fraction,
                    "energy per unit of product",
                    "command line",
                    null,
                    null));
  }

  /**
   * Tonnes CO2 of the savings and its bounds, as {@code analytics mv --carrier C --unit U}, when
   * every meter of the EnPI has one carrier; otherwise null with the reason (savings in MJ or TOE
   * of several carriers cannot be split between their emission factors).
   */
  private Map<String, Object> co2(
      EnpiSeries series, EnpiModel model, MvReport report, Integer year) {
    List<String> carriers =
        series.conversions().stream().map(MeterConversion::carrier).distinct().toList();
    if (carriers.isEmpty()) {
      carriers =
          model.definition().meters().stream()
              .map(t -> model.enterprise().meter(t.meterId()).map(Meter::carrier).orElse(""))
              .distinct()
              .toList();
    }
    Map<String, Object> m = new LinkedHashMap<>();
    if (carriers.size() != 1) {
      m.put("avoided_t", null);
      m.put("reason", "the EnPI meters several carriers " + carriers);
      return m;
    }
    String carrier = carriers.get(0);
    String unit = series.energyUnit();
    // as the CLI: the factor of --year (mid-year), else of the last reporting day
    LocalDate on = year != null ? LocalDate.of(year, 7, 1) : report.lastReportingDay();
    Emission[] out;
    try {
      out = report.co2(carrier, unit, on, TABLE, FACTORS);
    } catch (AnalyticsException e) {
      m.put("avoided_t", null);
      m.put("reason", e.getMessage());
      return m;
    }
    m.put("carrier", carrier);
    m.put("unit", unit);
    m.put("avoided_t", out[0].tonnesCo2());
    m.put("avoided_low_t", out[1].tonnesCo2());
    m.put("avoided_high_t", out[2].tonnesCo2());
    m.put("factor_table", out[0].factor().table());
    m.put("factor_version", out[0].factor().version());
    m.put("factor", out[0].factor().factor());
    m.put("factor_unit", "tCO2/" + out[0].factor().basisUnit());
    m.put("source", out[0].factor().source());
    return m;
  }

  // ---- trees ----

  private static Map<String, Object> baselineTree(BaselineFit fit) {
    Map<String, Object> tree = new LinkedHashMap<>();
    Map<String, Object> values = new LinkedHashMap<>();
    Map<String, Object> errors = new LinkedHashMap<>();
    Map<String, Object> pValues = new LinkedHashMap<>();
    fit.model()
        .coefficients()
        .forEach(
            c -> {
              values.put(c.name(), num(c.value()));
              errors.put(c.name(), num(c.stdError()));
              pValues.put(c.name(), num(c.pValue()));
            });
    tree.put("form", fit.model().form().label());
    tree.put("choice", fit.choice());
    tree.put("coefficients", values);
    tree.put("std_errors", errors);
    tree.put("p_values", pValues);
    var s = fit.statistics();
    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put("convention", MvReport.FIT_CONVENTION);
    stats.put("n", s.n());
    stats.put("p", s.p());
    stats.put("r2", num(s.r2()));
    stats.put("adj_r2", num(s.adjR2()));
    stats.put("cv_rmse", num(s.cvRmse()));
    stats.put("nmbe", num(s.nmbe()));
    stats.put("f_p_value", num(s.fPValue()));
    stats.put("autocorrelation", num(s.autocorrelation()));
    stats.put("n_effective", num(s.nEffective()));
    tree.put("fit", stats);
    Map<String, Object> validity = new LinkedHashMap<>();
    for (ValidityCheck c : fit.validity().checks()) {
      validity.put(c.flag(), c.passed());
    }
    validity.put("valid", fit.validity().valid());
    validity.put("messages", new ArrayList<>(fit.validity().failures()));
    tree.put("validity", validity);
    tree.put("coverage", coverage(fit.coverage()));
    tree.put("method_version", fit.methodVersion());
    return tree;
  }

  private static Map<String, Object> baselineView(
      Baseline b, Map<String, Object> fit, EnpiSeries series) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", b.version());
    m.put("enpi_version", b.enpiVersion());
    m.put("from", b.from().toString());
    m.put("to", b.to().toString());
    m.put("model", b.model());
    m.put("status", b.status());
    m.put("data_hash", b.dataHash());
    m.put("created_by", b.createdBy());
    m.put("created_at", b.createdAt().toString());
    m.put("approved_by", b.approvedBy());
    m.put("approved_at", Objects.toString(b.approvedAt(), null));
    PgBaselines.Review r = b.review();
    m.put("approved_by_role", r.approvedByRole());
    m.put("opinion", r.opinion());
    m.put("submitted_by", r.submittedBy());
    m.put("submitted_at", Objects.toString(r.submittedAt(), null));
    m.put("submit_comment", r.submitComment());
    m.put("returned_by", r.returnedBy());
    m.put("returned_at", Objects.toString(r.returnedAt(), null));
    m.put("return_comments", r.returnComments());
    m.put("superseded_at", Objects.toString(r.supersededAt(), null));
    m.put("superseded_by_version", r.supersededBy());
    m.put("fit", fit != null ? fit : new io.vertx.core.json.JsonObject(b.fitJson()).getMap());
    if (series != null) {
      m.put("gaps", gaps(series.gaps()));
    }
    m.put("method_version", b.methodVersion());
    return m;
  }

  private static Map<String, Object> coverage(Coverage c) {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("first", c.first() == null ? null : c.first().toLocalDate().toString());
    tree.put("last", c.last() == null ? null : c.last().toLocalDate().toString());
    tree.put("expected", c.expected());
    tree.put("present", c.present());
    tree.put("fraction", num(c.fraction()));
    tree.put(
        "missing",
        c.missing().stream().map(LocalDateTime::toLocalDate).map(Object::toString).toList());
    return tree;
  }

  private static List<Object> gaps(List<EnpiGap> gaps) {
    List<Object> out = new ArrayList<>();
    for (EnpiGap g : gaps) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("day", g.day().toString());
      m.put("reason", g.reason().name().toLowerCase(Locale.ROOT));
      m.put("ids", g.ids());
      out.add(m);
    }
    return out;
  }

  private static List<Object> meterDetails(Series s) {
    List<Object> out = new ArrayList<>();
    s.energy()
        .forEach(
            (meter, days) -> {
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("meter", meter);
              m.put("days_complete", days.stream().filter(DailyTotals.Day::complete).count());
              m.put("apportioned", days.stream().mapToDouble(DailyTotals.Day::apportioned).sum());
              m.put("incomplete", incomplete(days));
              out.add(m);
            });
    return out;
  }

  private static List<Object> productDetails(Series s) {
    List<Object> out = new ArrayList<>();
    s.production()
        .forEach(
            (product, pd) -> {
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("product", product);
              m.put("days_complete", pd.days().stream().filter(DailyTotals.Day::complete).count());
              Map<String, Long> sources = new LinkedHashMap<>();
              pd.sources().values().forEach(v -> sources.merge(v, 1L, Long::sum));
              m.put("sources", sources);
              m.put("incomplete", incomplete(pd.days()));
              out.add(m);
            });
    return out;
  }

  private static List<Object> incomplete(List<DailyTotals.Day> days) {
    List<Object> out = new ArrayList<>();
    for (DailyTotals.Day d : days) {
      if (!d.complete()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("day", d.day().toString());
        m.put("covered", d.covered());
        out.add(m);
      }
    }
    return out;
  }

  private static List<Object> conversions(List<MeterConversion> conversions) {
    List<Object> out = new ArrayList<>();
    for (MeterConversion c : conversions) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("meter", c.meterId());
      m.put("carrier", c.carrier());
      m.put("unit", c.unit());
      m.put("factor", c.factor().factor());
      m.put("factor_unit", c.factor().toUnit() + "/" + c.factor().unit());
      m.put("table", c.factor().table());
      m.put("version", c.factor().version());
      m.put("source", c.factor().source());
      m.put("to_enpi_unit", c.toEnpiUnit());
      m.put("first_day", c.firstDay().toString());
      m.put("last_day", c.lastDay().toString());
      out.add(m);
    }
    return out;
  }

  static void checkSpan(LocalDate from, LocalDate to) {
    if (to.isBefore(from)) {
      throw DomainException.invalid("to", "to (" + to + ") is before from (" + from + ")");
    }
    if (to.toEpochDay() - from.toEpochDay() > 3 * 366) {
      throw DomainException.invalid("to", "at most three years per request");
    }
  }

  static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static Object num(double v) {
    return Double.isFinite(v) ? v : null;
  }

  static String methodVersion() {
    return MethodVersion.CURRENT;
  }
}
