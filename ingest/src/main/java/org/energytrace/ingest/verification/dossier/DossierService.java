package org.energytrace.ingest.verification.dossier;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
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
import org.energytrace.ingest.errors.StoreException;
import org.energytrace.ingest.integrity.IntegrityCheck;
import org.energytrace.ingest.integrity.PgSeals;
import org.energytrace.ingest.tenant.Scope;
import org.energytrace.ingest.verification.Actor;
import org.energytrace.ingest.verification.PgCalibrations;

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
    int v = version != null ? version : newestApproved(model.enpiId(), enpi);
    PgBaselines.Baseline b = baselines.get(model.enpiId(), v);
    if (b == null) {
      throw DomainException.invalid("baseline", "EnPI " + enpi + " has no baseline version " + v);
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
    Map<String, Object> figures =
        DossierFigures.compute(
            MvCsv.parse("baseline.csv", baselineCsv),
            MvCsv.parse("reporting.csv", reportingCsv),
            request,
            adjustments);
    PgSeals.Excerpt excerpt = seals.excerpt(model.enpiId(), model.version(), from, to);
    IntegrityCheck.Report check = integrity.check(scope, enterprise, from, to);
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    List<String> meters = new ArrayList<>();
    for (MeterTerm m : model.definition().meters()) {
      meters.add((m.sign() < 0 ? "−" : "") + m.meterId());
    }
    // the meters' calibration records relevant to the baseline and reporting periods
    Map<String, List<CalibrationCoverage.Record>> calibrations = calibrations(model, b.from(), to);
    DossierReport.Facts facts =
        new DossierReport.Facts(
            enterprise,
            enpi,
            model.definition().name()
                + ("vi".equals(lang) ? ", phiên bản EnPI " : ", EnPI version ")
                + model.version(),
            model.definition().scope().level().name().toLowerCase(Locale.ROOT)
                + " "
                + model.definition().scope().ref(),
            meters,
            model.definition().productIds(),
            v,
            b.status(),
            b.from(),
            b.to(),
            from,
            to,
            s.series().energyUnit(),
            (check.ok() ? "OK — " : "FAILED — ") + check.summary(),
            now.toString(),
            key.keyId(),
            meterEvents(model, from, to, excerpt.zone()),
            calibrations,
            signoffs(model.enpiId(), from, to),
            auditors(model.enterpriseId(), now));
    DossierReport report = DossierReport.of(lang);
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
            calibrationsCsv(calibrations));
    byte[] zip = DossierWriter.write(contents, key.pair());
    // the dossier an auditor signs off refers to these bytes: who had it made, when, its hash;
    // its hash is recorded as issued for this EnPI, baseline version and period (a sign-off names
    // one of these, docs/verification.md §1.2)
    String sha256 = Sha256.hex(zip);
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO dossier_issued (enterprise_id, enpi_id, baseline_version, period_from,"
                  + " period_to, sha256, lang, key_id, issued_by, issued_at)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        ps.setLong(1, model.enterpriseId());
        ps.setLong(2, model.enpiId());
        ps.setInt(3, v);
        ps.setObject(4, from);
        ps.setObject(5, to);
        ps.setString(6, sha256);
        ps.setString(7, lang);
        ps.setString(8, key.keyId());
        ps.setString(9, actor.subject());
        ps.setObject(10, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
        ps.executeUpdate();
      }
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
                  + model.version()
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
      c.commit();
    } catch (SQLException e) {
      throw StoreException.of("recording dossier " + sha256, e);
    }
    return zip;
  }

  private int newestApproved(long enpiId, String enpi) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT max(version) FROM enpi_baseline WHERE enpi_id = ? AND status = 'approved'")) {
      ps.setLong(1, enpiId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        int v = rs.getInt(1);
        if (rs.wasNull()) {
          throw DomainException.conflict(
              "baseline",
              "EnPI "
                  + enpi
                  + " has no approved baseline: a dossier states verified savings against an"
                  + " approved baseline (or name a version with ?baseline=)");
        }
        return v;
      }
    } catch (SQLException e) {
      throw StoreException.of("reading baselines of " + enpi, e);
    }
  }

  /**
   * The calibration records in force (not corrected) of each of the EnPI's meters that bear on the
   * days {@code from..to} (the baseline's first day to the reporting period's last): calibrated by
   * {@code to} and valid on {@code from} or later, and the latest one calibrated by {@code from}
   * (which says why the first days are covered or not).
   */
  private Map<String, List<CalibrationCoverage.Record>> calibrations(
      PgEnpiStore.EnpiModel model, LocalDate from, LocalDate to) {
    List<String> meters = new ArrayList<>();
    for (MeterTerm m : model.definition().meters()) {
      meters.add(m.meterId());
    }
    Map<String, List<CalibrationCoverage.Record>> out = new LinkedHashMap<>();
    try (Connection c = dataSource.getConnection()) {
      PgCalibrations.inForce(c, model.enterpriseId(), meters)
          .forEach(
              (meter, rows) -> {
                List<CalibrationCoverage.Record> all = new ArrayList<>();
                for (Map<String, Object> r : rows) {
                  Object until = r.get("valid_until");
                  @SuppressWarnings("unchecked")
                  Map<String, Object> att = (Map<String, Object>) r.get("attachment");
                  all.add(
                      new CalibrationCoverage.Record(
                          (Long) r.get("id"),
                          LocalDate.parse((String) r.get("calibrated_on")),
                          until == null ? null : LocalDate.parse((String) until),
                          (String) r.get("certificate"),
                          (String) r.get("lab"),
                          (String) r.get("result"),
                          att == null ? null : (String) att.get("sha256"),
                          (String) r.get("recorded_by"),
                          (String) r.get("recorded_at")));
                }
                CalibrationCoverage.Record latestBefore = null;
                for (CalibrationCoverage.Record r : all) {
                  if (!r.calibratedOn().isAfter(from)) {
                    latestBefore = r; // rows come oldest calibration first
                  }
                }
                List<CalibrationCoverage.Record> relevant = new ArrayList<>();
                for (CalibrationCoverage.Record r : all) {
                  if (!r.calibratedOn().isAfter(to)
                      && (r == latestBefore
                          || r.validUntil() == null
                          || !r.validUntil().isBefore(from))) {
                    relevant.add(r);
                  }
                }
                out.put(meter, relevant);
              });
    } catch (SQLException e) {
      throw StoreException.of("reading the meters' calibrations", e);
    }
    return out;
  }

  /** calibrations.csv: the listed records, per meter in the EnPI's order. */
  private static String calibrationsCsv(
      Map<String, List<CalibrationCoverage.Record>> calibrations) {
    List<List<String>> rows = new ArrayList<>();
    calibrations.forEach(
        (meter, records) -> {
          for (CalibrationCoverage.Record r : records) {
            rows.add(
                java.util.Arrays.asList(
                    meter,
                    Long.toString(r.id()),
                    r.calibratedOn().toString(),
                    r.validUntil() == null ? null : r.validUntil().toString(),
                    r.certificate(),
                    r.lab(),
                    r.result(),
                    r.certificateSha256(),
                    r.recordedBy(),
                    r.recordedAt()));
          }
        });
    return DossierWriter.calibrationsCsv(rows);
  }

  /** The EnPI's sign-offs whose period overlaps {@code from..to}, oldest first. */
  private List<DossierReport.Signoff> signoffs(long enpiId, LocalDate from, LocalDate to) {
    List<DossierReport.Signoff> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT signoff_id, period_from, period_to, baseline_version, opinion,"
                    + " coalesce(signed_by_account, signed_by),"
                    + " signed_at, comments, dossier_sha256, superseded_by FROM period_signoff"
                    + " WHERE enpi_id = ? AND period_from <= ? AND period_to >= ?"
                    + " ORDER BY signoff_id")) {
      ps.setLong(1, enpiId);
      ps.setObject(2, to);
      ps.setObject(3, from);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long by = rs.getLong(10);
          Long supersededBy = rs.wasNull() ? null : by;
          out.add(
              new DossierReport.Signoff(
                  rs.getLong(1),
                  rs.getObject(2, LocalDate.class),
                  rs.getObject(3, LocalDate.class),
                  rs.getInt(4),
                  rs.getString(5),
                  rs.getString(6),
                  rs.getObject(7, OffsetDateTime.class)
                      .toInstant()
                      .truncatedTo(ChronoUnit.SECONDS)
                      .toString(),
                  rs.getString(8),
                  rs.getString(9),
                  supersededBy));
        }
      }
    } catch (SQLException e) {
      throw StoreException.of("reading the EnPI's sign-offs", e);
    }
    return out;
  }

  /** The auditors assigned to the enterprise at {@code now} (their account names). */
  private List<String> auditors(long enterpriseId, Instant now) {
    List<String> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT u.username FROM auditor_assignment a JOIN app_user u USING (user_id)"
                    + " WHERE a.enterprise_id = ? AND a.expires_at > ? AND u.role = 'auditor'"
                    + " AND NOT u.disabled ORDER BY u.username")) {
      ps.setLong(1, enterpriseId);
      ps.setObject(2, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    } catch (SQLException e) {
      throw StoreException.of("reading the enterprise's auditors", e);
    }
    return out;
  }

  /**
   * The counter events (meter replacements, multiplier changes) of each of the EnPI's meters within
   * the local days {@code from..to}, per meter in the EnPI's order (an empty list: none).
   */
  private java.util.Map<String, List<DossierReport.MeterEvent>> meterEvents(
      PgEnpiStore.EnpiModel model, LocalDate from, LocalDate to, java.time.ZoneId zone) {
    java.util.Map<String, List<DossierReport.MeterEvent>> out = new java.util.LinkedHashMap<>();
    for (MeterTerm m : model.definition().meters()) {
      out.put(m.meterId(), new ArrayList<>());
    }
    try (java.sql.Connection c = dataSource.getConnection();
        java.sql.PreparedStatement ps =
            c.prepareStatement(
                "SELECT m.code, ch.name, ev.ts, ev.kind, ev.closing_value, ev.opening_value,"
                    + " ev.multiplier, ev.note FROM counter_event ev"
                    + " JOIN channel ch ON ch.channel_id = ev.channel_id"
                    + " JOIN meter m ON m.meter_id = ch.meter_id"
                    + " WHERE m.enterprise_id = ? AND m.code = ANY (?) AND ev.ts >= ? AND ev.ts < ?"
                    + " ORDER BY m.code, ev.ts")) {
      ps.setLong(1, model.enterpriseId());
      ps.setArray(2, c.createArrayOf("text", out.keySet().toArray()));
      ps.setObject(
          3,
          from.atStartOfDay(zone)
              .toOffsetDateTime()
              .withOffsetSameInstant(java.time.ZoneOffset.UTC));
      ps.setObject(
          4,
          to.plusDays(1)
              .atStartOfDay(zone)
              .toOffsetDateTime()
              .withOffsetSameInstant(java.time.ZoneOffset.UTC));
      try (java.sql.ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.get(rs.getString(1))
              .add(
                  new DossierReport.MeterEvent(
                      rs.getString(2),
                      rs.getObject(3, java.time.OffsetDateTime.class)
                          .atZoneSameInstant(zone)
                          .toLocalDateTime()
                          .toString(),
                      rs.getString(4),
                      rs.getDouble(5),
                      rs.getDouble(6),
                      rs.getDouble(7),
                      rs.getString(8)));
        }
      }
    } catch (java.sql.SQLException e) {
      throw org.energytrace.ingest.errors.StoreException.of("reading the meters' events", e);
    }
    return out;
  }
}
