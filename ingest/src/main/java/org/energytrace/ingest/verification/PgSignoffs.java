package org.energytrace.ingest.verification;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.energytrace.ingest.audit.PgAuditLog;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.errors.NotFoundException;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.tenant.Scope;
import org.energytrace.ingest.verification.PeriodSignoff.Opinion;

/**
 * Period sign-offs (docs/verification.md §1.2): an auditor assigned to the enterprise (checked
 * against the stored assignment inside the transaction, like a baseline approval) records an
 * opinion on an EnPI's reporting period against an approved baseline version, with comments and the
 * dossier's SHA-256. A later sign-off of the same EnPI and period supersedes the earlier one; both
 * stay. Audited as {@code period.signoff}. Blocking: call from worker threads.
 */
public final class PgSignoffs {
  static final String ACTION = "period.signoff";

  private final DataSource dataSource;
  private final SignoffFollowUp followUp;

  public PgSignoffs(DataSource dataSource) {
    this(dataSource, SignoffFollowUp.NONE);
  }

  /**
   * @param followUp what a sign-off records beyond itself in its transaction (the programme's
   *     "savings verified" step), its answer shown under {@code programme}
   */
  public PgSignoffs(DataSource dataSource, SignoffFollowUp followUp) {
    this.dataSource = dataSource;
    this.followUp = Objects.requireNonNull(followUp, "followUp");
  }

  /** What the auditor signs. */
  public record Request(
      int baselineVersion,
      LocalDate from,
      LocalDate to,
      Opinion opinion,
      String comments,
      String dossierSha256) {
    public Request {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(opinion, "opinion");
      PeriodSignoff.period(from, to);
      dossierSha256 = PeriodSignoff.dossierSha256(dossierSha256);
      if (opinion.needsComments() && (comments == null || comments.isBlank())) {
        throw DomainException.invalid(
            "comments", "required with the opinion " + opinion.wire() + ": state the reservations");
      }
    }
  }

  /**
   * Records the sign-off and returns it as {@link #list} shows it.
   *
   * @throws NotFoundException no such EnPI or baseline version within {@code scope}
   * @throws TransitionRefused 403 when {@code actor} is not an auditor assigned to the enterprise
   *     now, 409 when the baseline version is not approved
   */
  public Map<String, Object> sign(
      Actor actor, Scope scope, String enterprise, String enpi, Request r, Instant now) {
    String target = enterprise + "/" + enpi + "/period/" + r.from() + ".." + r.to();
    return AuditedStep.run(
        dataSource,
        actor,
        ACTION,
        enterprise,
        target,
        now,
        c -> {
          var locked = PgBaselineLifecycle.lockEnpi(c, scope, enterprise, enpi);
          String account =
              AuditedStep.assignedAuditor(
                  c, actor, locked.enterpriseId(), enterprise, now, "signs off its periods");
          Baseline b =
              Sql.first(
                      c,
                      "SELECT status, period_to FROM enpi_baseline WHERE enpi_id = ? AND version = ?",
                      Sql.args(locked.enpiId(), r.baselineVersion()),
                      rs -> new Baseline(rs.getString(1), rs.getObject(2, LocalDate.class)))
                  .orElseThrow(
                      () -> new NotFoundException("no baseline version " + r.baselineVersion()));
          String status = b.status();
          LocalDate baselineTo = b.to();
          if (!"approved".equals(status)) {
            throw TransitionRefused.conflict(
                status,
                "baseline version "
                    + r.baselineVersion()
                    + " is "
                    + status
                    + ": a period is signed off against an approved baseline only");
          }
          if (!r.from().isAfter(baselineTo)) {
            throw DomainException.conflict(
                "from",
                "the reporting period must start after the baseline period (which ends "
                    + baselineTo
                    + ")");
          }
          // the opinion refers to a dossier this server made for this EnPI, baseline and period
          if (Sql.first(
                  c,
                  "SELECT 1 FROM dossier_issued WHERE enpi_id = ? AND baseline_version = ?"
                      + " AND period_from = ? AND period_to = ? AND sha256 = ?",
                  Sql.args(
                      locked.enpiId(),
                      r.baselineVersion(),
                      r.from(),
                      r.to(),
                      Sql.text(r.dossierSha256())),
                  rs -> Boolean.TRUE)
              .isEmpty()) {
            throw DomainException.conflict(
                "dossier_sha256",
                "this server issued no dossier with SHA-256 "
                    + r.dossierSha256()
                    + " for EnPI "
                    + enpi
                    + ", baseline version "
                    + r.baselineVersion()
                    + " and "
                    + r.from()
                    + ".."
                    + r.to()
                    + ": fetch the period's dossier (getDossier) and sign off its hash");
          }
          OffsetDateTime at = Sql.utc(now);
          long id =
              Sql.one(
                  c,
                  "INSERT INTO period_signoff (enterprise_id, enpi_id, baseline_version,"
                      + " period_from, period_to, opinion, comments, dossier_sha256, signed_by,"
                      + " signed_by_account, signed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                      + " RETURNING signoff_id",
                  Sql.args(
                      locked.enterpriseId(),
                      locked.enpiId(),
                      r.baselineVersion(),
                      r.from(),
                      r.to(),
                      r.opinion().wire(),
                      Sql.text(r.comments()),
                      Sql.text(r.dossierSha256()),
                      Sql.text(actor.subject()),
                      Sql.text(account),
                      at),
                  rs -> rs.getLong(1));
          // an opinion on a dossier made before the period's data changed is an opinion on figures
          // that are no longer the period's: refused, as the sign-off would be "to be re-verified"
          // from its first moment (the same test as the list's, on the row just written)
          List<String> changed =
              Sql.one(
                  c,
                  "SELECT"
                      + PRODUCTION_REVISED
                      + ","
                      + LATE_DATA
                      + ","
                      + COUNTER_EVENT_CHANGED
                      + ","
                      + ADJUSTMENT_APPROVED
                      + " FROM period_signoff s WHERE s.signoff_id = ?",
                  Sql.args(id),
                  rs -> {
                    List<String> why = new ArrayList<>();
                    if (rs.getBoolean(1)) {
                      why.add("a production figure of the period was revised");
                    }
                    if (rs.getBoolean(2)) {
                      why.add("data arrived for days of the period that were already sealed");
                    }
                    if (rs.getBoolean(3)) {
                      why.add(
                          "a meter replacement or multiplier change of the period was recorded or"
                              + " deleted");
                    }
                    if (rs.getBoolean(4)) {
                      why.add("a non-routine adjustment of the period was approved");
                    }
                    return why;
                  });
          if (!changed.isEmpty()) {
            throw DomainException.conflict(
                "dossier_sha256",
                "the dossier with SHA-256 "
                    + r.dossierSha256()
                    + " was made before the period's data changed ("
                    + String.join("; ", changed)
                    + "): fetch the period's dossier again and sign off its hash");
          }
          List<Long> superseded = new ArrayList<>();
          List<String> supersededOpinions = new ArrayList<>();
          for (Superseded x :
              Sql.list(
                  c,
                  "UPDATE period_signoff SET superseded_by = ?, superseded_at = ?"
                      + " WHERE enpi_id = ? AND period_from = ? AND period_to = ?"
                      + " AND superseded_by IS NULL AND signoff_id <> ?"
                      + " RETURNING signoff_id, opinion",
                  Sql.args(id, at, locked.enpiId(), r.from(), r.to(), id),
                  rs -> new Superseded(rs.getLong(1), rs.getString(2)))) {
            superseded.add(x.id());
            supersededOpinions.add(x.opinion());
          }
          // in this transaction: the programme's "savings verified" step follows the sign-off
          Map<String, Object> programme =
              followUp.signedOff(
                  c,
                  new SignoffFollowUp.SignedOff(
                      id,
                      locked.enterpriseId(),
                      enterprise,
                      locked.enpiId(),
                      enpi,
                      r.baselineVersion(),
                      r.from(),
                      r.to(),
                      r.opinion(),
                      r.comments(),
                      r.dossierSha256(),
                      actor,
                      account,
                      now,
                      superseded,
                      supersededOpinions));
          JsonObject after =
              new JsonObject()
                  .put("id", id)
                  .put("baseline_version", r.baselineVersion())
                  .put("from", r.from().toString())
                  .put("to", r.to().toString())
                  .put("opinion", r.opinion().wire())
                  .put("dossier_sha256", r.dossierSha256())
                  .put("account", account);
          if (!superseded.isEmpty()) {
            after.put("supersedes", new io.vertx.core.json.JsonArray(superseded));
          }
          if (programme != null) {
            after.put("programme", new JsonObject(programme));
          }
          PgAuditLog.change(
              c,
              actor,
              now,
              ACTION,
              enterprise,
              target,
              r.comments() == null ? r.opinion().wire() : r.comments(),
              null,
              after);
          Map<String, Object> out = LISTED.one(c, id);
          if (programme != null) {
            out.put("programme", programme);
          }
          return out;
        });
  }

  /** Every sign-off of the EnPI, newest first (superseded ones too, with who superseded them). */
  public List<Map<String, Object>> list(Scope scope, String enterprise, String enpi) {
    return Sql.with(dataSource, "list sign-offs", c -> LISTED.ofEnpi(c, scope, enterprise, enpi));
  }

  /** A baseline version as a sign-off checks it. */
  private record Baseline(String status, LocalDate to) {}

  /** An earlier sign-off a new one superseded. */
  private record Superseded(long id, String opinion) {}

  /**
   * Whether sign-off {@code s} (period_signoff) is to be re-verified: a production figure of its
   * period revised, or a row stored for an already sealed day of it (late data), after the dossier
   * it names was made (docs/verification.md §1.4). A boolean SQL expression over {@code s}.
   */
  /**
   * A production figure of the period revised after the signed dossier was made (after the sign-off
   * when none is on record), of sign-off {@code s}.
   */
  private static final String PRODUCTION_REVISED =
      " EXISTS (SELECT 1 FROM production_revision r JOIN product p USING (product_id)"
          + " JOIN enpi_baseline b ON b.enpi_id = s.enpi_id AND b.version = s.baseline_version"
          + " JOIN enpi_version v ON v.enpi_id = b.enpi_id AND v.version = b.enpi_version"
          + " WHERE r.enterprise_id = s.enterprise_id"
          + " AND r.day BETWEEN s.period_from AND s.period_to AND r.revised_at > "
          + PgPeriodRecords.DOSSIER_AT
          + " AND (v.definition -> 'products') @> jsonb_build_array(p.code))";

  /** Rows stored since for days of sign-off {@code s}'s period that were already sealed. */
  private static final String LATE_DATA =
      " EXISTS ("
          + PgPeriodRecords.lateData(
              "s.enpi_id",
              "(SELECT b2.enpi_version FROM enpi_baseline b2 WHERE b2.enpi_id = s.enpi_id"
                  + " AND b2.version = s.baseline_version)",
              "s.period_from",
              "s.period_to",
              PgPeriodRecords.DOSSIER_AT)
          + ")";

  /**
   * A counter event (a meter replacement, a multiplier change) of a meter of the EnPI recorded or
   * deleted after the signed dossier was made, dated on or before the period's last local day: the
   * energy derived from the readings changed without a reading changing (V96).
   */
  private static final String COUNTER_EVENT_CHANGED =
      " EXISTS ("
          + PgPeriodRecords.counterEventChanges(
              "s.enpi_id",
              "(SELECT b2.enpi_version FROM enpi_baseline b2 WHERE b2.enpi_id = s.enpi_id"
                  + " AND b2.version = s.baseline_version)",
              "s.period_to",
              PgPeriodRecords.DOSSIER_AT)
          + ")";

  /**
   * A non-routine adjustment overlapping the period approved after the signed dossier was made: the
   * adjusted baseline, and so the saving, is no longer the one signed (a reviewer approved one in a
   * signed period and every page went on saying "verified" with the new figure).
   */
  private static final String ADJUSTMENT_APPROVED =
      " EXISTS ("
          + PgPeriodRecords.adjustmentsApproved(
              "s.enpi_id", "s.period_from", "s.period_to", PgPeriodRecords.DOSSIER_AT)
          + ")";

  /** Sign-off {@code s} is to be re-verified: data of its period changed since its dossier. */
  public static final String TO_BE_REVERIFIED =
      PRODUCTION_REVISED
          + " OR"
          + LATE_DATA
          + " OR"
          + COUNTER_EVENT_CHANGED
          + " OR"
          + ADJUSTMENT_APPROVED;

  private static final String SELECT =
      "SELECT s.signoff_id, s.baseline_version, s.period_from, s.period_to, s.opinion, s.comments,"
          + " s.dossier_sha256, s.signed_by, s.signed_by_account, s.signed_at, s.superseded_by,"
          + " s.superseded_at,"
          + PRODUCTION_REVISED
          + ","
          + LATE_DATA
          + ","
          + COUNTER_EVENT_CHANGED
          + ","
          + ADJUSTMENT_APPROVED
          + " FROM period_signoff s";

  private static final StoredRows.Listing LISTED =
      new StoredRows.Listing(SELECT, "s", "s.signoff_id", "s.signoff_id DESC", PgSignoffs::row);

  private static Map<String, Object> row(ResultSet rs) throws SQLException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", rs.getLong(1));
    m.put("baseline_version", rs.getInt(2));
    StoredRows.period(m, rs, 3);
    StoredRows.strings(
        m, rs, 5, "opinion", "comments", "dossier_sha256", "signed_by", "signed_by_account");
    m.put("signed_at", StoredRows.instant(rs, 10));
    m.put("superseded_by", StoredRows.int8(rs, 11));
    m.put("superseded_at", StoredRows.instant(rs, 12));
    m.put("current", m.get("superseded_by") == null);
    // why, as the verification page says it
    List<String> because = new ArrayList<>();
    if (rs.getBoolean(13)) {
      because.add("production_revised");
    }
    if (rs.getBoolean(14)) {
      because.add("late_data");
    }
    if (rs.getBoolean(15)) {
      because.add("counter_event");
    }
    if (rs.getBoolean(16)) {
      because.add("adjustment_approved");
    }
    m.put("to_be_reverified", !because.isEmpty());
    m.put("reverify_because", because);
    return m;
  }

  /** 404 when the EnPI does not exist within {@code scope}. */
  static void exists(Connection c, Scope scope, String enterprise, String enpi)
      throws SQLException {
    PgBaselineLifecycle.findEnpi(c, scope, enterprise, enpi, false);
  }
}
