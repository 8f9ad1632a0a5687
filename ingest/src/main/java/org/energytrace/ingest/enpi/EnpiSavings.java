package org.energytrace.ingest.enpi;

import static org.energytrace.analytics.json.Json.finiteOrNull;
import static org.energytrace.ingest.enpi.CarrierFigures.byCarrier;
import static org.energytrace.ingest.enpi.CarrierFigures.co2;
import static org.energytrace.ingest.enpi.CarrierFigures.co2ByCarrier;
import static org.energytrace.ingest.enpi.CarrierFigures.money;
import static org.energytrace.ingest.enpi.EnpiAnalytics.FSU_LEVELS;
import static org.energytrace.ingest.enpi.EnpiAnalytics.TARGETS;
import static org.energytrace.ingest.enpi.EnpiAnalytics.checkSpan;
import static org.energytrace.ingest.enpi.EnpiAnalytics.csv;
import static org.energytrace.ingest.enpi.EnpiAnalytics.parseCsv;
import static org.energytrace.ingest.enpi.EnpiAnalytics.weatherOf;
import static org.energytrace.ingest.enpi.EnpiTrees.enpiVersion;
import static org.energytrace.ingest.enpi.EnpiTrees.gaps;
import static org.energytrace.ingest.enpi.EnpiTrees.split;
import static org.energytrace.ingest.enpi.EnpiTrees.verification;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.AnalyticsException.Code;
import org.energytrace.analytics.baseline.BaselineFit;
import org.energytrace.analytics.baseline.DataSet;
import org.energytrace.analytics.baseline.ModelSelector;
import org.energytrace.analytics.report.MvAnalysis;
import org.energytrace.analytics.report.MvReport;
import org.energytrace.analytics.savings.NonRoutineAdjustment;
import org.energytrace.analytics.savings.ProgrammeTarget;
import org.energytrace.analytics.savings.SavingsCalculator;
import org.energytrace.analytics.savings.SavingsResult;
import org.energytrace.analytics.savings.TargetProgress;
import org.energytrace.ingest.config.DashboardConfig.Tariffs;
import org.energytrace.ingest.enpi.CarrierFigures.ByCarrier;
import org.energytrace.ingest.enpi.EnpiAnalytics.Series;
import org.energytrace.ingest.enpi.PgBaselines.Baseline;
import org.energytrace.ingest.enpi.PgEnpiStore.EnpiModel;
import org.energytrace.ingest.errors.DomainException;

/**
 * Savings of an EnPI against a stored baseline (what {@link EnpiAnalytics} answers for savings):
 * the M&V report of the analytics core over the baseline's frozen EnPI version with the approved
 * non-routine adjustments, the saving's verification status ("to be re-verified" after revised
 * production), the programme targets, CO2, the split by carrier and money. Blocking; call from
 * worker threads.
 */
final class EnpiSavings {
  private final PeriodRecords records;
  private final EnpiAnalytics analytics;

  EnpiSavings(PeriodRecords records, EnpiAnalytics analytics) {
    this.records = records;
    this.analytics = analytics;
  }

  /**
   * Savings over [from, to] against baseline {@code b} of EnPI {@code model} (the EnPI as the
   * baseline's version froze it, §1.4): see {@link EnpiAnalytics#savings}.
   */
  Map<String, Object> savings(
      Baseline b,
      EnpiModel model,
      LocalDate from,
      LocalDate to,
      double confidence,
      Integer co2Year,
      Tariffs tariffs) {
    int version = b.version();
    checkSpan(from, to);
    Series s = analytics.series(model, from, to, null);
    DataSet base = parseCsv(b.dataCsv());
    Optional<WeatherVariable> weather = weatherOf(b.dataCsv());
    PgTemperatures.Source source = weather.isEmpty() ? null : analytics.temperatureSource(model);
    DataSet rep = parseCsv(csv(analytics.withWeather(s, weather.orElse(null), source)));
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
    Optional<PeriodRecords.SignOff> signOff = records.signOff(model.enpiId(), version, from, to);
    Map<String, Object> verification = verification(b, signOff, report, tree.get("validity"));
    verification.putAll(enpiVersion(model));
    reverify(verification, model.enpiId(), b, signOff);
    tree.put("verification", verification);
    List<Object> targets = new ArrayList<>();
    for (double t : TARGETS) {
      // on the total with approved adjustments; INDICATIVE (never MET) when not verifiable
      TargetProgress p = report.progress(ProgrammeTarget.forFraction(t / 100.0));
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
    ByCarrier split =
        byCarrier(b, s, () -> analytics.series(model, b.from(), b.to(), null), base, rep, report);
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
      m.put("fsu", finiteOrNull(r.uncertainty().fsu()));
      m.put("savings_low", finiteOrNull(r.uncertainty().low()));
      m.put("savings_high", finiteOrNull(r.uncertainty().high()));
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
   * "To be re-verified" (docs/verification.md §1.4): production figures revised after the
   * baseline's approval (days of its period) or after the period's sign-off (days of the signed
   * period) make the status {@code to_be_reverified} — no longer approved or verified as it was —
   * and {@code revisions} lists them (old, new, who, why, when); so do rows stored since then for
   * those days when they were already sealed (late readings, counts, entered quantities), listed in
   * {@code late_data} (series, day, seal revision; for a reading the readings received late, with
   * their instant, value and reception).
   */
  private void reverify(
      Map<String, Object> verification,
      long enpiId,
      Baseline b,
      Optional<PeriodRecords.SignOff> signOff) {
    List<PeriodRecords.Revision> revisions = new ArrayList<>();
    List<PeriodRecords.LateData> late = new ArrayList<>();
    List<PeriodRecords.CounterEventChange> events = new ArrayList<>();
    List<PeriodRecords.AdjustmentApproved> adjustments = new ArrayList<>();
    if ("approved".equals(b.status()) && b.approvedAt() != null) {
      revisions.addAll(
          records.revisions(enpiId, b.enpiVersion(), b.from(), b.to(), b.approvedAt()));
      late.addAll(records.lateData(enpiId, b.enpiVersion(), b.from(), b.to(), b.approvedAt()));
      events.addAll(records.counterEvents(enpiId, b.enpiVersion(), b.to(), b.approvedAt()));
      signOff
          .filter(PeriodRecords.SignOff::verifies)
          .ifPresent(
              so -> {
                // since the dossier the auditor signed was made, not since the signature
                revisions.addAll(
                    records.revisions(enpiId, b.enpiVersion(), so.from(), so.to(), so.dossierAt()));
                late.addAll(
                    records.lateData(enpiId, b.enpiVersion(), so.from(), so.to(), so.dossierAt()));
                records.counterEvents(enpiId, b.enpiVersion(), so.to(), so.dossierAt()).stream()
                    .filter(e -> !events.contains(e))
                    .forEach(events::add);
                adjustments.addAll(
                    records.adjustmentsApproved(enpiId, so.from(), so.to(), so.dossierAt()));
              });
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
    List<Object> lateOut = new ArrayList<>();
    for (PeriodRecords.LateData d : late) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("series", d.series());
      m.put("kind", d.kind());
      m.put("day", d.day().toString());
      m.put("revision", d.revision());
      m.put("sealed_at", d.sealedAt() == null ? null : d.sealedAt().toString());
      if (d.kind().equals("reading")) {
        List<Object> readings = new ArrayList<>();
        for (PeriodRecords.LateReading r : d.readings()) {
          Map<String, Object> x = new LinkedHashMap<>();
          x.put("ts", r.ts().toString());
          x.put("value", r.value());
          x.put("received_at", r.receivedAt().toString());
          readings.add(x);
        }
        m.put("readings", readings);
      }
      lateOut.add(m);
    }
    List<Object> eventsOut = new ArrayList<>();
    for (PeriodRecords.CounterEventChange e : events) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("meter", e.meter());
      m.put("channel", e.channel());
      m.put("ts", e.eventTs().toString());
      m.put("change", e.change());
      m.put("kind", e.kind());
      m.put("changed_at", e.changedAt().toString());
      eventsOut.add(m);
    }
    List<Object> adjustmentsOut = new ArrayList<>();
    for (PeriodRecords.AdjustmentApproved a : adjustments) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", a.id());
      m.put("from", a.from().toString());
      m.put("to", a.to().toString());
      m.put("approved_by", a.decidedBy());
      m.put("approved_at", a.decidedAt().toString());
      adjustmentsOut.add(m);
    }
    boolean reverify =
        !out.isEmpty() || !lateOut.isEmpty() || !eventsOut.isEmpty() || !adjustmentsOut.isEmpty();
    verification.put("to_be_reverified", reverify);
    verification.put("revisions", out);
    verification.put("late_data", lateOut);
    verification.put("counter_events", eventsOut);
    verification.put("adjustments_approved", adjustmentsOut);
    if (reverify) {
      verification.put("status", "to_be_reverified");
    }
  }
}
