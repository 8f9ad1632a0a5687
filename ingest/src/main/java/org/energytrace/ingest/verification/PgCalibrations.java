package org.energytrace.ingest.verification;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.energytrace.ingest.audit.Downloads;
import org.energytrace.ingest.audit.PgAuditLog;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.errors.NotFoundException;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.tenant.Scope;

/**
 * Meter calibration records (docs/verification.md §1.6), table {@code meter_calibration}:
 * append-only; a correction is a new record naming the one it corrects. Recorded by the
 * enterprise's administrators (or the platform's), audited as {@code calibration.record} in the
 * same transaction; read within the caller's scope. Blocking: call from worker threads.
 */
public final class PgCalibrations {
  static final String ACTION = "calibration.record";

  private final DataSource dataSource;

  public PgCalibrations(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Records a calibration of meter {@code meter} and returns it as {@link #list} shows it.
   *
   * @throws NotFoundException no such meter of the enterprise within {@code scope}
   * @throws DomainException 409 when {@code corrects} is not a record of this meter, or was
   *     corrected already
   */
  public Map<String, Object> record(
      Actor actor, Scope scope, String enterprise, String meter, Calibration cal, Instant now) {
    String target = enterprise + "/meter/" + meter + "/calibration";
    return AuditedStep.run(
        dataSource,
        actor,
        ACTION,
        enterprise,
        target,
        now,
        c -> {
          long[] ids = meter(c, scope, enterprise, meter);
          PgBaselineLifecycle.administers(actor, enterprise, "record its meters' calibrations");
          if (cal.corrects() != null) {
            Optional<Boolean> corrected =
                Sql.first(
                    c,
                    "SELECT EXISTS (SELECT 1 FROM meter_calibration x WHERE x.corrects ="
                        + " k.calibration_id) FROM meter_calibration k"
                        + " WHERE k.calibration_id = ? AND k.meter_id = ? FOR UPDATE",
                    Sql.args(cal.corrects(), ids[1]),
                    rs -> rs.getBoolean(1));
            if (corrected.isEmpty()) {
              throw DomainException.conflict(
                  "corrects", "meter " + meter + " has no calibration record " + cal.corrects());
            }
            if (corrected.get()) {
              throw DomainException.conflict(
                  "corrects",
                  "calibration record "
                      + cal.corrects()
                      + " was corrected already: correct the correction");
            }
          }
          String sha = AttachmentColumns.sha256(cal.attachment());
          long id =
              Sql.one(
                  c,
                  "INSERT INTO meter_calibration (enterprise_id, meter_id, calibrated_on,"
                      + " valid_until, certificate, lab, result, note, corrects, attachment_name,"
                      + " attachment_type, attachment, attachment_sha256, attachment_bytes,"
                      + " recorded_by, recorded_at)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                      + " RETURNING calibration_id",
                  ps -> {
                    Sql.bind(
                        ps,
                        1,
                        ids[0],
                        ids[1],
                        cal.calibratedOn(),
                        cal.validUntil(),
                        Sql.text(cal.certificate()),
                        Sql.text(cal.lab()),
                        cal.result().wire(),
                        Sql.text(cal.note()),
                        Sql.int8(cal.corrects()));
                    AttachmentColumns.bind(ps, 10, cal.attachment(), sha);
                    Sql.bind(ps, 15, Sql.text(actor.subject()), now);
                  },
                  rs -> rs.getLong(1));
          Map<String, Object> row = one(c, id, meter);
          PgAuditLog.change(
              c,
              actor,
              now,
              ACTION,
              enterprise,
              target + "/" + id,
              cal.corrects() == null
                  ? cal.note()
                  : "corrects record "
                      + cal.corrects()
                      + (cal.note() == null ? "" : ": " + cal.note()),
              null,
              new JsonObject()
                  .put("id", id)
                  .put("meter", meter)
                  .put("calibrated_on", cal.calibratedOn().toString())
                  .put("valid_until", cal.validUntil() == null ? null : cal.validUntil().toString())
                  .put("certificate", cal.certificate())
                  .put("lab", cal.lab())
                  .put("result", cal.result().wire())
                  .put("corrects", cal.corrects())
                  .put("attachment_sha256", sha));
          return row;
        });
  }

  /** Every calibration record of the meter, oldest calibration first (corrected ones too). */
  public List<Map<String, Object>> list(Scope scope, String enterprise, String meter) {
    return Sql.with(
        dataSource,
        "list the calibrations of meter " + meter,
        c ->
            Sql.list(
                c,
                SELECT + " WHERE k.meter_id = ? ORDER BY k.calibrated_on, k.calibration_id",
                Sql.args(meter(c, scope, enterprise, meter)[1]),
                rs -> row(rs, meter)));
  }

  /**
   * The records in force (not corrected) of the meters {@code meters} of the enterprise, per meter
   * code, oldest calibration first: what the dossier lists.
   */
  public static Map<String, List<Map<String, Object>>> inForce(
      Connection c, long enterpriseId, List<String> meters) throws SQLException {
    Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
    for (String m : meters) {
      out.put(m, new ArrayList<>());
    }
    for (Map<String, Object> row :
        Sql.list(
            c,
            SELECT
                + " WHERE m.enterprise_id = ? AND m.code = ANY (?)"
                + " AND NOT EXISTS (SELECT 1 FROM meter_calibration x"
                + " WHERE x.corrects = k.calibration_id)"
                + " ORDER BY m.code, k.calibrated_on, k.calibration_id",
            ps -> {
              ps.setLong(1, enterpriseId);
              ps.setArray(2, c.createArrayOf("text", meters.toArray()));
            },
            rs -> row(rs, rs.getString(16)))) {
      out.get((String) row.get("meter")).add(row);
    }
    return out;
  }

  /** Audit action of a certificate's download. */
  static final String DOWNLOAD = "calibration.certificate.download";

  /**
   * A calibration record's stored certificate; its reading by {@code actor} audited as {@code
   * calibration.certificate.download} with its SHA-256 (the {@code X-Content-SHA256} sent), target
   * {@code {enterprise}/meter/{meter}/calibration/{id}/certificate}.
   */
  public PgAdjustments.StoredAttachment attachment(
      Actor actor, Scope scope, String enterprise, String meter, long id, Instant now) {
    PgAdjustments.StoredAttachment a = attachment(scope, enterprise, meter, id);
    String target = enterprise + "/meter/" + meter + "/calibration/" + id + "/certificate";
    Downloads.record(dataSource, a.readBy(actor, now, DOWNLOAD, enterprise, target));
    return a;
  }

  private PgAdjustments.StoredAttachment attachment(
      Scope scope, String enterprise, String meter, long id) {
    return Sql.with(
        dataSource,
        "read the certificate of calibration " + id,
        c -> {
          long[] ids = meter(c, scope, enterprise, meter);
          PgAdjustments.StoredAttachment a =
              Sql.first(
                      c,
                      "SELECT attachment_name, attachment_type, attachment_sha256, attachment"
                          + " FROM meter_calibration WHERE calibration_id = ? AND meter_id = ?",
                      Sql.args(id, ids[1]),
                      AttachmentColumns::stored)
                  .orElseThrow(
                      () ->
                          new NotFoundException(
                              "no calibration record " + id + " of meter " + meter));
          if (a.sha256() == null) {
            throw new NotFoundException("calibration record " + id + " has no certificate file");
          }
          return a;
        });
  }

  /** {enterprise_id, meter_id} of the meter within {@code scope}; 404 otherwise. */
  private static long[] meter(Connection c, Scope scope, String enterprise, String meter)
      throws SQLException {
    return Sql.first(
            c,
            "SELECT m.enterprise_id, m.meter_id FROM meter m"
                + StoredRows.byCodes("m")
                + StoredRows.IN_SCOPE,
            StoredRows.scoped(c, scope, enterprise, meter),
            rs -> new long[] {rs.getLong(1), rs.getLong(2)})
        .orElseThrow(
            () -> new NotFoundException("no meter " + meter + " of enterprise " + enterprise));
  }

  private static final String SELECT =
      "SELECT k.calibration_id, k.calibrated_on, k.valid_until, k.certificate, k.lab, k.result,"
          + " k.note, k.corrects, k.attachment_name, k.attachment_type, k.attachment_sha256,"
          + " k.attachment_bytes, k.recorded_by, k.recorded_at,"
          + " (SELECT x.calibration_id FROM meter_calibration x WHERE x.corrects ="
          + " k.calibration_id), m.code FROM meter_calibration k JOIN meter m USING (meter_id)";

  private static Map<String, Object> one(Connection c, long id, String meter) throws SQLException {
    return StoredRows.one(c, SELECT + " WHERE k.calibration_id = ?", id, rs -> row(rs, meter));
  }

  private static Map<String, Object> row(ResultSet rs, String meter) throws SQLException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", rs.getLong(1));
    m.put("meter", meter);
    m.put("calibrated_on", rs.getObject(2, LocalDate.class).toString());
    LocalDate until = rs.getObject(3, LocalDate.class);
    m.put("valid_until", until == null ? null : until.toString());
    StoredRows.strings(m, rs, 4, "certificate", "lab", "result", "note");
    m.put("corrects", StoredRows.int8(rs, 8));
    m.put("attachment", AttachmentColumns.summary(rs, 9));
    m.put("recorded_by", rs.getString(13));
    m.put("recorded_at", StoredRows.instant(rs, 14));
    m.put("corrected_by", StoredRows.int8(rs, 15));
    m.put("current", m.get("corrected_by") == null);
    return m;
  }
}
