package org.energytrace.ingest.verification.dossier;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.energytrace.analytics.baseline.DataSet;
import org.energytrace.analytics.baseline.ModelSelector;
import org.energytrace.analytics.domain.MeterTerm;
import org.energytrace.analytics.dossier.DossierContents;
import org.energytrace.analytics.dossier.DossierFigures;
import org.energytrace.analytics.dossier.DossierWriter;
import org.energytrace.analytics.dossier.MvCsv;
import org.energytrace.analytics.integrity.Sha256;
import org.energytrace.analytics.savings.NonRoutineAdjustment;
import org.energytrace.ingest.audit.AuditEntry;
import org.energytrace.ingest.audit.PgAuditLog;
import org.energytrace.ingest.enpi.EnpiAnalytics;
import org.energytrace.ingest.enpi.PeriodRecords;
import org.energytrace.ingest.enpi.PgBaselines;
import org.energytrace.ingest.enpi.PgEnpiStore;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.integrity.IntegrityCheck;
import org.energytrace.ingest.integrity.PgSeals;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.store.Transactions;
import org.energytrace.ingest.tenant.Scope;
import org.energytrace.ingest.verification.Actor;

/**
 * Makes an EnPI's verification dossier (docs/verification.md §5) for a reporting period: the newest
 * approved baseline (or the version asked for) and its stored data as {@code baseline.csv}, the
 * period's daily data as {@code reporting.csv} (both as {@code analytics mv} reads them, {@link
 * EnpiAnalytics#csv}), the readings and production of the EnPI's series with their seal links
 * ({@link PgSeals#excerpt}), the chained audit entries of the EnPI, the period's non-routine
 * adjustments, the report in vi or en, signed by the server key. Blocking: worker threads.
 */
public final class DossierService {
  private final DataSource dataSource;
  private final PgEnpiStore store;
  private final PgBaselines baselines;
  private final EnpiAnalytics analytics;
  private final PgSeals seals;
  private final PgAuditLog audit;
  private final IntegrityCheck integrity;
  private final PeriodRecords records;
  private final ServerKey key;
  private final Clock clock;
  private final DossierRecords stored;

  public DossierService(
      DataSource dataSource,
      PgEnpiStore store,
      PgBaselines baselines,
      EnpiAnalytics analytics,
      PgSeals seals,
      PgAuditLog audit,
      IntegrityCheck integrity,
      PeriodRecords records,
      ServerKey key,
      Clock clock) {
    this.dataSource = dataSource;
    this.store = store;
    this.baselines = baselines;
    this.analytics = analytics;
    this.seals = seals;
    this.audit = audit;
    this.integrity = integrity;
    this.records = records;
    this.key = key;
    this.clock = clock;
    this.stored = new DossierRecords(dataSource);
  }

  /**
   * The dossier ZIP; audited as {@code dossier.generate} with its SHA-256 (the entry is in the next
   * dossier's audit.csv).
   *
   * @param version the baseline version; null: the newest approved one
   * @throws DomainException 409 when there is no approved baseline, or days of the period are not
   *     sealed
   */
  public byte[] dossier(
      Actor actor,
      Scope scope,
      String enterprise,
      String enpi,
      Integer version,
      LocalDate from,
      LocalDate to,
      String lang) {
    PgEnpiStore.EnpiModel model = store.model(scope, enterprise, enpi);
    int v = version != null ? version : stored.newestApproved(model.enpiId(), enpi);
    PgBaselines.Baseline b = baselines.get(model.enpiId(), v);
    if (b == null) {
      throw DomainException.invalid("baseline", "EnPI " + enpi + " has no baseline version " + v);
    }
    // a dossier is of a reporting period, as the sign-off naming it (a period within the baseline
    // gave a dossier whose savings were the model's own residuals, "all passed")
    if (!from.isAfter(b.to())) {
      throw DomainException.conflict(
          "from",
          "the reporting period must start after the baseline period (which ends " + b.to() + ")");
    }
    // the EnPI as the baseline's version froze it (docs/verification.md §1.4)
    model = store.model(scope, enterprise, enpi, b.enpiVersion());
    EnpiAnalytics.Series s = analytics.series(model, from, to, null);
    String baselineCsv = b.dataCsv();
    // with the baseline's weather column (temperature or degree days), as the savings API uses
    String reportingCsv = analytics.reportingCsv(s, baselineCsv);
    ModelSelector.Request request =
        ModelSelector.Request.valueOf(b.model().toUpperCase(Locale.ROOT));
    // the period's non-routine adjustments as the savings API reads them: approved ones applied,
    // the others listed with their status (the checker recomputes the same)
    List<NonRoutineAdjustment> adjustments = records.adjustments(model.enpiId(), from, to);
    DataSet baseData = MvCsv.parse("baseline.csv", baselineCsv);
    DataSet reportingData = MvCsv.parse("reporting.csv", reportingCsv);
    Map<String, Object> figures =
        DossierFigures.compute(baseData, reportingData, request, adjustments);
    PgSeals.Excerpt excerpt = seals.excerpt(model.enpiId(), model.version(), from, to);
    // each adjustment in words under the figure: its decision and what the same run booked
    List<DossierReport.StatedAdjustment> stated =
        stored.adjustments(
            adjustments,
            DossierFigures.adjusted(baseData, reportingData, request, adjustments),
            excerpt.zone());
    IntegrityCheck.Report check = integrity.check(scope, enterprise, from, to);
    // what the dossier holds was sealed before this instant (the excerpt sealed what was ready):
    // a later change is one the auditor signing it did not see (dossier_issued.issued_at, to the
    // microsecond; the manifest states the second)
    Instant read = clock.instant();
    Instant now = read.truncatedTo(ChronoUnit.SECONDS);
    List<String> meters = new ArrayList<>();
    for (MeterTerm m : model.definition().meters()) {
      meters.add((m.sign() < 0 ? "−" : "") + m.meterId());
    }
    // the meters' calibration records relevant to the baseline and reporting periods
    Map<String, List<CalibrationCoverage.Record>> calibrations =
        stored.calibrations(model, b.from(), to);
    DossierReport report = DossierReport.of(lang);
    DossierReport.Facts facts =
        new DossierReport.Facts(
            stored.enterpriseName(enterprise),
            enpi,
            new ReportLabels(lang).enpiName(model.definition().name())
                + ("vi".equals(lang) ? ", phiên bản EnPI " : ", EnPI version ")
                + model.version(),
            report.boundary(
                model.definition().scope().level().name(), model.definition().scope().ref()),
            meters,
            stored.productNames(model.enterpriseId(), model.definition().productIds()),
            v,
            b.status(),
            b.from(),
            b.to(),
            from,
            to,
            s.series().energyUnit(),
            report.integrity(check.ok(), check.series(), check.seriesDays(), check.summary()),
            DossierReport.localTime(now, excerpt.zone()),
            key.keyId(),
            stored.meterEvents(model, from, to, excerpt.zone()),
            stored.counterAnomalies(scope, enterprise, model, from, to, excerpt.zone()),
            calibrations,
            stated,
            stored.signoffs(model.enpiId(), from, to, excerpt.zone()),
            stored.auditors(model.enterpriseId(), now),
            stored.seriesNames(
                java.util.stream.Stream.concat(
                        excerpt.readings().stream().map(DossierContents.Series::id),
                        excerpt.production().stream().map(DossierContents.Series::id))
                    .toList()),
            excerpt.zone());
    DossierContents contents =
        new DossierContents(
            enterprise,
            enpi,
            v,
            from,
            to,
            excerpt.zone(),
            request,
            now,
            key.keyId(),
            baselineCsv,
            reportingCsv,
            excerpt.readings(),
            excerpt.production(),
            excerpt.seals(),
            adjustments,
            audit.chained(enterprise, enterprise + "/" + enpi),
            report.pdf(facts, figures),
            report.xlsx(facts, figures),
            DossierRecords.calibrationsCsv(calibrations));
    byte[] zip = DossierWriter.write(contents, key.pair());
    // the dossier an auditor signs off refers to these bytes: who had it made, when, its hash;
    // its hash is recorded as issued for this EnPI, baseline version and period (a sign-off names
    // one of these, docs/verification.md §1.2)
    String sha256 = Sha256.hex(zip);
    PgEnpiStore.EnpiModel issued = model;
    Transactions.run(
        dataSource,
        "recording dossier " + sha256,
        c -> {
          Sql.update(
              c,
              "INSERT INTO dossier_issued (enterprise_id, enpi_id, baseline_version, period_from,"
                  + " period_to, sha256, lang, key_id, issued_by, issued_at)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
              issued.enterpriseId(),
              issued.enpiId(),
              v,
              from,
              to,
              sha256,
              Sql.text(lang),
              Sql.text(key.keyId()),
              Sql.text(actor.subject()),
              read);
          PgAuditLog.record(
              c,
              new AuditEntry(
                  now,
                  actor.subject(),
                  actor.role().wire(),
                  "dossier.generate",
                  AuditEntry.Outcome.SUCCESS,
                  enterprise,
                  enterprise + "/" + enpi + "/dossier",
                  actor.clientIp(),
                  "baseline version "
                      + v
                      + " (EnPI version "
                      + issued.version()
                      + "), "
                      + from
                      + ".."
                      + to
                      + ", "
                      + lang
                      + ", sha256 "
                      + sha256
                      + ", key "
                      + key.keyId(),
                  null,
                  null));
          return null;
        });
    return zip;
  }
}
