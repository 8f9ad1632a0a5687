package org.energytrace.ingest.verification.dossier;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.energytrace.analytics.domain.MeterTerm;
import org.energytrace.analytics.dossier.DossierWriter;
import org.energytrace.analytics.savings.AdjustedSavings;
import org.energytrace.analytics.savings.AppliedAdjustment;
import org.energytrace.analytics.savings.NonRoutineAdjustment;
import org.energytrace.ingest.enpi.PgEnpiStore;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.store.PgCounterAnomalies;
import org.energytrace.ingest.tenant.Enterprises;
import org.energytrace.ingest.tenant.Scope;
import org.energytrace.ingest.validate.Units;
import org.energytrace.ingest.verification.PgCalibrations;
import org.energytrace.ingest.verification.PgPeriodRecords;
import org.energytrace.ingest.verification.PgSignoffs;

/**
 * What a dossier states besides its data, read from the store for {@link DossierService}: the
 * newest approved baseline version, the meters' calibration records that bear on the periods (and
 * their {@code calibrations.csv}), the sign-offs on record, the auditors assigned now and the
 * meters' counter events. Blocking: worker threads.
 */
final class DossierRecords {

  private final DataSource dataSource;
  private final PgCounterAnomalies anomalies;
  private final PgPeriodRecords periodRecords;

  DossierRecords(DataSource dataSource) {
    this.dataSource = dataSource;
    this.anomalies = new PgCounterAnomalies(dataSource);
    this.periodRecords = new PgPeriodRecords(dataSource);
  }

  int newestApproved(long enpiId, String enpi) {
    Integer v =
        Sql.one(
            dataSource,
            "reading baselines of " + enpi,
            "SELECT max(version) FROM enpi_baseline WHERE enpi_id = ? AND status = 'approved'",
            Sql.args(enpiId),
            rs -> {
              int max = rs.getInt(1);
              return rs.wasNull() ? null : max;
            });
    if (v == null) {
      throw DomainException.conflict(
          "baseline",
          "EnPI "
              + enpi
              + " has no approved baseline: a dossier states verified savings against an"
              + " approved baseline (or name a version with ?baseline=)");
    }
    return v;
  }

  /**
   * The calibration records in force (not corrected) of each of the EnPI's meters that bear on the
   * days {@code from..to} (the baseline's first day to the reporting period's last): calibrated by
   * {@code to} and valid on {@code from} or later, and the latest one calibrated by {@code from}
   * (which says why the first days are covered or not).
   */
  Map<String, List<CalibrationCoverage.Record>> calibrations(
      PgEnpiStore.EnpiModel model, LocalDate from, LocalDate to) {
    List<String> meters = new ArrayList<>();
    for (MeterTerm m : model.definition().meters()) {
      meters.add(m.meterId());
    }
    Map<String, List<CalibrationCoverage.Record>> out = new LinkedHashMap<>();
    Sql.with(
            dataSource,
            "reading the meters' calibrations",
            c -> PgCalibrations.inForce(c, model.enterpriseId(), meters))
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
    return out;
  }

  /** calibrations.csv: the listed records, per meter in the EnPI's order. */
  static String calibrationsCsv(Map<String, List<CalibrationCoverage.Record>> calibrations) {
    List<List<String>> rows = new ArrayList<>();
    calibrations.forEach(
        (meter, records) -> {
          for (CalibrationCoverage.Record r : records) {
            rows.add(
                Arrays.asList(
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

  /**
   * The period's non-routine adjustments as the report states them, in their order: each with what
   * changed and the auditor's decision (nonroutine_adjustment), and what {@code savings} (the
   * figures' own run over them) booked for it, null when it was not applied.
   */
  List<DossierReport.StatedAdjustment> adjustments(
      List<NonRoutineAdjustment> adjustments, AdjustedSavings savings, ZoneId zone) {
    Map<String, AppliedAdjustment> applied = new HashMap<>();
    for (AppliedAdjustment a : savings.applied()) {
      applied.put(a.adjustment().id(), a);
    }
    // what changed and the decision of each, read at once
    Map<Long, Decision> decided = new HashMap<>();
    Long[] ids = adjustments.stream().map(PgPeriodRecords::adjustmentId).toArray(Long[]::new);
    for (Decision d :
        Sql.list(
            dataSource,
            "reading the period's adjustments",
            "SELECT adjustment_id, kind, coalesce(decided_by_account, decided_by), decided_at,"
                + " decision_comment FROM nonroutine_adjustment WHERE adjustment_id = ANY (?)",
            ps -> ps.setArray(1, ps.getConnection().createArrayOf("bigint", ids)),
            rs -> {
              OffsetDateTime at = rs.getObject(4, OffsetDateTime.class);
              return new Decision(
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getString(3),
                  at == null ? null : DossierReport.localTime(at.toInstant(), zone),
                  rs.getString(5));
            })) {
      decided.put(d.id(), d);
    }
    List<DossierReport.StatedAdjustment> out = new ArrayList<>();
    for (NonRoutineAdjustment a : adjustments) {
      Decision d = decided.get(PgPeriodRecords.adjustmentId(a));
      out.add(
          new DossierReport.StatedAdjustment(
              a, d.change(), d.by(), d.at(), d.comment(), applied.get(a.id())));
    }
    return out;
  }

  /** An adjustment's row: what changed (its kind), who decided it, when (local), the comment. */
  private record Decision(long id, String change, String by, String at, String comment) {}

  /**
   * The EnPI's sign-offs whose period overlaps {@code from..to}, oldest first; a current one to be
   * re-verified with the production revisions, late data, counter events and adjustments approved
   * since the dossier it names (what the verification page lists: the report said only "data
   * changed").
   */
  List<DossierReport.Signoff> signoffs(long enpiId, LocalDate from, LocalDate to, ZoneId zone) {
    List<SignoffRow> found =
        Sql.list(
            dataSource,
            "reading the EnPI's sign-offs",
            "SELECT s.signoff_id, s.period_from, s.period_to, s.baseline_version, s.opinion,"
                + " coalesce(s.signed_by_account, s.signed_by),"
                + " s.signed_at, s.comments, s.dossier_sha256, s.superseded_by,"
                + PgSignoffs.TO_BE_REVERIFIED
                + ", "
                + PgPeriodRecords.DOSSIER_AT
                + ", (SELECT b.enpi_version FROM enpi_baseline b WHERE b.enpi_id = s.enpi_id"
                + " AND b.version = s.baseline_version)"
                + " FROM period_signoff s"
                + " WHERE s.enpi_id = ? AND s.period_from <= ? AND s.period_to >= ?"
                + " ORDER BY s.signoff_id",
            Sql.args(enpiId, to, from),
            rs -> {
              long by = rs.getLong(10);
              Long supersededBy = rs.wasNull() ? null : by;
              return new SignoffRow(
                  new DossierReport.Signoff(
                      rs.getLong(1),
                      rs.getObject(2, LocalDate.class),
                      rs.getObject(3, LocalDate.class),
                      rs.getInt(4),
                      rs.getString(5),
                      rs.getString(6),
                      DossierReport.localTime(
                          rs.getObject(7, OffsetDateTime.class).toInstant(), zone),
                      rs.getString(8),
                      rs.getString(9),
                      supersededBy,
                      rs.getBoolean(11),
                      List.of(),
                      List.of(),
                      List.of(),
                      List.of()),
                  rs.getObject(12, OffsetDateTime.class).toInstant(),
                  rs.getInt(13));
            });
    List<DossierReport.Signoff> out = new ArrayList<>();
    for (SignoffRow r : found) {
      DossierReport.Signoff s = r.signoff();
      out.add(
          s.toBeReverified() && s.supersededBy() == null
              ? s.withChanges(
                  periodRecords.revisions(enpiId, r.enpiVersion(), s.from(), s.to(), r.dossierAt()),
                  periodRecords.lateData(enpiId, r.enpiVersion(), s.from(), s.to(), r.dossierAt()),
                  periodRecords.counterEvents(enpiId, r.enpiVersion(), s.to(), r.dossierAt()),
                  periodRecords.adjustmentsApproved(enpiId, s.from(), s.to(), r.dossierAt()))
              : s);
    }
    return out;
  }

  /** A sign-off as stored, with when the dossier it names was made and its EnPI version. */
  private record SignoffRow(DossierReport.Signoff signoff, Instant dossierAt, int enpiVersion) {}

  /**
   * What each series id of the CSV files stands for ({@code ch-3} → {@code line3-em/E (kWh)},
   * {@code prod-2} → {@code can-beer (pcs)}), in the order given: readings.csv, production.csv and
   * seals.csv name series by these ids only, and an auditor could not tell which meter held what.
   */
  Map<String, String> seriesNames(List<String> ids) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String id : ids) {
      out.put(id, id);
    }
    for (String[] row :
        Sql.list(
            dataSource,
            "naming the dossier's series",
            "SELECT x.series, CASE x.kind WHEN 'reading' THEN m.code || '/' || ch.name"
                + " WHEN 'quantity' THEN p.code ELSE x.count_line || '/' || x.count_product END,"
                + " coalesce(ch.unit, p.unit) FROM seal_series x"
                + " LEFT JOIN channel ch ON ch.channel_id = x.channel_id"
                + " LEFT JOIN meter m ON m.meter_id = ch.meter_id"
                + " LEFT JOIN product p ON p.product_id = x.product_id WHERE x.series = ANY (?)",
            ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", ids.toArray())),
            rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})) {
      String unit = row[2] == null ? "" : " (" + Units.symbol(row[2]) + ")";
      out.put(row[0], row[1] + unit);
    }
    return out;
  }

  /**
   * The enterprise as the report names it: its legal name in the programme registry with its code
   * ("Công ty Bia Sài Gòn (demo-brewery)"); the code alone for one the registry does not hold.
   */
  String enterpriseName(String code) {
    return Sql.with(
            dataSource, "reading the enterprise's name", c -> Enterprises.legalName(c, code))
        .map(name -> name + " (" + code + ")")
        .orElse(code);
  }

  /**
   * The products {@code codes} as the report names them: each code with the enterprise's name for
   * it ("can-beer (Bia lon)"), the code alone where the name is the code or missing.
   */
  List<String> productNames(long enterpriseId, List<String> codes) {
    Map<String, String> names = new LinkedHashMap<>();
    for (String[] row :
        Sql.list(
            dataSource,
            "reading the products' names",
            "SELECT code, name FROM product WHERE enterprise_id = ?",
            Sql.args(enterpriseId),
            rs -> new String[] {rs.getString(1), rs.getString(2)})) {
      names.put(row[0], row[1]);
    }
    List<String> out = new ArrayList<>();
    for (String code : codes) {
      String name = names.get(code);
      out.add(
          name == null || name.isBlank() || name.equals(code) ? code : code + " (" + name + ")");
    }
    return out;
  }

  /** The auditors assigned to the enterprise at {@code now} (their account names). */
  List<String> auditors(long enterpriseId, Instant now) {
    return Sql.list(
        dataSource,
        "reading the enterprise's auditors",
        "SELECT u.username FROM auditor_assignment a JOIN app_user u USING (user_id)"
            + " WHERE a.enterprise_id = ? AND a.expires_at > ? AND u.role = 'auditor'"
            + " AND NOT u.disabled ORDER BY u.username",
        Sql.args(enterpriseId, now),
        rs -> rs.getString(1));
  }

  /**
   * The resets and wraps the derivation booked on its own judgement, and the implausible intervals,
   * of each of the EnPI's meters' energy channel within the local days {@code from..to}, per meter
   * in the EnPI's order (an empty list: none; store.PgCounterAnomalies), at most one more per meter
   * than {@link DossierReport#ANOMALIES_STATED}.
   */
  Map<String, List<DossierReport.CounterAnomaly>> counterAnomalies(
      Scope scope,
      String enterprise,
      PgEnpiStore.EnpiModel model,
      LocalDate from,
      LocalDate to,
      ZoneId zone) {
    Map<String, List<DossierReport.CounterAnomaly>> out = new LinkedHashMap<>();
    for (MeterTerm m : model.definition().meters()) {
      out.put(m.meterId(), new ArrayList<>());
    }
    // per meter, one more than the report states: it says so when a meter has more
    List<PgCounterAnomalies.Anomaly> found = new ArrayList<>();
    for (String meter : out.keySet()) {
      found.addAll(
          anomalies.list(
              scope,
              enterprise,
              List.of(meter),
              true,
              from.atStartOfDay(zone).toInstant(),
              to.plusDays(1).atStartOfDay(zone).toInstant(),
              DossierReport.ANOMALIES_STATED + 1));
    }
    for (PgCounterAnomalies.Anomaly a : found) {
      out.get(a.meter())
          .add(
              new DossierReport.CounterAnomaly(
                  a.channel(),
                  a.end().atZone(zone).toLocalDateTime().truncatedTo(ChronoUnit.SECONDS).toString(),
                  a.how(),
                  a.energy(),
                  Units.symbol(a.unit()),
                  Duration.between(a.start(), a.end()).toSeconds(),
                  a.usualPerHour() == null ? null : a.perHour() / a.usualPerHour(),
                  a.implausible()));
    }
    return out;
  }

  /**
   * The counter events (meter replacements, multiplier changes) of each of the EnPI's meters within
   * the local days {@code from..to}, per meter in the EnPI's order (an empty list: none).
   */
  Map<String, List<DossierReport.MeterEvent>> meterEvents(
      PgEnpiStore.EnpiModel model, LocalDate from, LocalDate to, ZoneId zone) {
    Map<String, List<DossierReport.MeterEvent>> out = new LinkedHashMap<>();
    for (MeterTerm m : model.definition().meters()) {
      out.put(m.meterId(), new ArrayList<>());
    }
    for (Event e :
        Sql.list(
            dataSource,
            "reading the meters' events",
            "SELECT m.code, ch.name, ev.ts, ev.kind, ev.closing_value, ev.opening_value,"
                + " ev.multiplier, ev.note FROM counter_event ev"
                + " JOIN channel ch ON ch.channel_id = ev.channel_id"
                + " JOIN meter m ON m.meter_id = ch.meter_id"
                + " WHERE m.enterprise_id = ? AND m.code = ANY (?) AND ev.ts >= ? AND ev.ts < ?"
                + " ORDER BY m.code, ev.ts",
            ps -> {
              ps.setLong(1, model.enterpriseId());
              ps.setArray(2, ps.getConnection().createArrayOf("text", out.keySet().toArray()));
              ps.setObject(
                  3,
                  from.atStartOfDay(zone).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC));
              ps.setObject(
                  4,
                  to.plusDays(1)
                      .atStartOfDay(zone)
                      .toOffsetDateTime()
                      .withOffsetSameInstant(ZoneOffset.UTC));
            },
            rs ->
                new Event(
                    rs.getString(1),
                    new DossierReport.MeterEvent(
                        rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class)
                            .atZoneSameInstant(zone)
                            .toLocalDateTime()
                            .toString(),
                        rs.getString(4),
                        rs.getDouble(5),
                        rs.getDouble(6),
                        rs.getDouble(7),
                        rs.getString(8))))) {
      out.get(e.meter()).add(e.event());
    }
    return out;
  }

  /** A meter's counter event. */
  private record Event(String meter, DossierReport.MeterEvent event) {}
}
