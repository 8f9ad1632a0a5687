package org.energytrace.ingest.verification;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.energytrace.ingest.audit.AuditActor;
import org.energytrace.ingest.audit.Downloads;
import org.energytrace.ingest.audit.PgAuditLog;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.errors.NotFoundException;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.store.SiteZones;
import org.energytrace.ingest.tenant.Scope;

/**
 * Non-routine adjustments of an EnPI (docs/verification.md §1.2): the enterprise's administrator
 * (or the system administrator on its behalf) proposes one; an auditor assigned to the enterprise
 * (the stored assignment checked in the transaction) approves or rejects it, rejection with
 * comments. proposed → approved | rejected; deciding the same again changes nothing, deciding
 * otherwise after a decision is refused (409 naming the state). Audited as {@code
 * adjustment.propose}, {@code .approve}, {@code .reject}. Blocking: call from worker threads.
 */
public final class PgAdjustments {
  private final DataSource dataSource;

  public PgAdjustments(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** An auditor's decision. */
  public enum Decision {
    APPROVE("approved"),
    REJECT("rejected");

    private final String state;

    Decision(String state) {
      this.state = state;
    }

    public String action() {
      return "adjustment." + name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * A non-routine adjustment corrects the reporting period for a change that has begun: refused
   * (naming {@code from}) when it starts after today at the enterprise's sites, or on or before the
   * last day of the EnPI's newest approved baseline period, whose data the model was fitted on.
   */
  private static void inReportingTime(
      Connection c, PgBaselineLifecycle.LockedEnpi locked, Adjustment a, Instant now)
      throws SQLException {
    LocalDate today = SiteZones.latestDay(c, locked.enterpriseId(), now);
    if (a.from().isAfter(today)) {
      throw DomainException.invalid(
          "from",
          "is in the future ("
              + a.from()
              + "; today is "
              + today
              + "): propose an adjustment once its change has begun");
    }
    Optional<LocalDate[]> baseline =
        Sql.first(
            c,
            "SELECT period_from, period_to FROM enpi_baseline WHERE enpi_id = ? AND status ="
                + " 'approved' ORDER BY approved_at DESC, version DESC LIMIT 1",
            Sql.args(locked.enpiId()),
            rs ->
                new LocalDate[] {
                  rs.getObject(1, LocalDate.class), rs.getObject(2, LocalDate.class)
                });
    if (baseline.isPresent() && !a.from().isAfter(baseline.get()[1])) {
      throw DomainException.invalid(
          "from",
          "must be after the approved baseline period ("
              + baseline.get()[0]
              + ".."
              + baseline.get()[1]
              + "): a non-routine adjustment corrects the reporting period, got "
              + a.from());
    }
  }

  /** Records a proposed adjustment; returns it as {@link #list} shows it. */
  public Map<String, Object> propose(
      Actor actor, Scope scope, String enterprise, String enpi, Adjustment a, Instant now) {
    String target = enterprise + "/" + enpi + "/adjustment";
    return AuditedStep.run(
        dataSource,
        actor,
        "adjustment.propose",
        enterprise,
        target,
        now,
        c -> {
          var locked = PgBaselineLifecycle.lockEnpi(c, scope, enterprise, enpi);
          PgBaselineLifecycle.administers(actor, enterprise, "propose its adjustments");
          inReportingTime(c, locked, a, now);
          String sha = AttachmentColumns.sha256(a.attachment());
          long id =
              Sql.one(
                  c,
                  "INSERT INTO nonroutine_adjustment (enterprise_id, enpi_id, kind, period_from,"
                      + " period_to, method, value, std_error, justification, attachment_name,"
                      + " attachment_type, attachment, attachment_sha256, attachment_bytes,"
                      + " proposed_by, proposed_at, variable)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                      + " RETURNING adjustment_id",
                  ps -> {
                    Sql.bind(
                        ps,
                        1,
                        locked.enterpriseId(),
                        locked.enpiId(),
                        a.kind().wire(),
                        a.from(),
                        a.to(),
                        a.method().wire(),
                        // NULL for a re-fitted term: estimated from the data
                        Sql.typed(Double.isNaN(a.value()) ? null : a.value(), Types.DOUBLE),
                        a.stdError(),
                        Sql.text(a.justification()));
                    AttachmentColumns.bind(ps, 10, a.attachment(), sha);
                    Sql.bind(ps, 15, Sql.text(actor.subject()), now, Sql.text(a.variable()));
                  },
                  rs -> rs.getLong(1));
          Map<String, Object> row = LISTED.one(c, id);
          PgAuditLog.change(
              c,
              actor,
              now,
              "adjustment.propose",
              enterprise,
              target + "/" + id,
              a.justification(),
              null,
              new JsonObject()
                  .put("id", id)
                  .put("status", "proposed")
                  .put("kind", a.kind().wire())
                  .put("from", a.from().toString())
                  .put("to", a.to().toString())
                  .put("method", a.method().wire())
                  .put("value", Double.isNaN(a.value()) ? null : a.value())
                  .put("variable", a.variable())
                  .put("attachment_sha256", sha));
          return row;
        });
  }

  /**
   * An assigned auditor approves or rejects adjustment {@code id}.
   *
   * @throws TransitionRefused 403 (not an assigned auditor now), 409 (decided otherwise already)
   */
  public Map<String, Object> decide(
      Actor actor,
      Scope scope,
      String enterprise,
      String enpi,
      long id,
      Decision decision,
      String comment,
      Instant now) {
    String target = enterprise + "/" + enpi + "/adjustment/" + id;
    return AuditedStep.run(
        dataSource,
        actor,
        decision.action(),
        enterprise,
        target,
        now,
        c -> {
          var locked = PgBaselineLifecycle.lockEnpi(c, scope, enterprise, enpi);
          String status =
              Sql.first(
                      c,
                      "SELECT status FROM nonroutine_adjustment WHERE adjustment_id = ?"
                          + " AND enpi_id = ? FOR UPDATE",
                      Sql.args(id, locked.enpiId()),
                      rs -> rs.getString(1))
                  .orElseThrow(
                      () -> new NotFoundException("no adjustment " + id + " of EnPI " + enpi));
          String account =
              AuditedStep.assignedAuditor(
                  c,
                  actor,
                  locked.enterpriseId(),
                  enterprise,
                  now,
                  "approves or rejects its adjustments");
          if (status.equals(decision.state)) {
            return LISTED.one(c, id); // decided so already: nothing changes
          }
          if (!status.equals("proposed")) {
            throw TransitionRefused.conflict(
                status,
                "adjustment "
                    + id
                    + " is "
                    + status
                    + ": only a proposed adjustment can be "
                    + decision.state
                    + "; propose a new one");
          }
          Sql.update(
              c,
              "UPDATE nonroutine_adjustment SET status = ?, decided_by = ?,"
                  + " decided_by_account = ?, decided_at = ?, decision_comment = ?"
                  + " WHERE adjustment_id = ?",
              decision.state,
              Sql.text(actor.subject()),
              Sql.text(account),
              now,
              Sql.text(comment),
              id);
          Map<String, Object> row = LISTED.one(c, id);
          PgAuditLog.change(
              c,
              actor,
              now,
              decision.action(),
              enterprise,
              target,
              comment,
              new JsonObject().put("status", status),
              new JsonObject()
                  .put("status", decision.state)
                  .put("account", account)
                  .put("justification", row.get("justification"))
                  .put("attachment_sha256", row.get("attachment_sha256")));
          return row;
        });
  }

  /** An adjustment's stored attachment. */
  public record StoredAttachment(String name, String mediaType, String sha256, byte[] content) {
    /** This attachment as {@code who} reads it at {@code at}: the audit entry of the download. */
    public Downloads.Read readBy(
        AuditActor who, Instant at, String action, String enterprise, String target) {
      return new Downloads.Read(who, at, action, enterprise, target, sha256, name, content.length);
    }
  }

  /** Audit action of an attachment's download. */
  static final String DOWNLOAD = "adjustment.attachment.download";

  /**
   * The attachment of adjustment {@code id} of the EnPI, within {@code scope}; its reading by
   * {@code actor} audited as {@code adjustment.attachment.download} with its SHA-256 (the {@code
   * X-Content-SHA256} sent), target {@code {enterprise}/{enpi}/adjustment/{id}/attachment}.
   *
   * @throws NotFoundException no such EnPI or adjustment in scope, or no attachment
   */
  public StoredAttachment attachment(
      Actor actor, Scope scope, String enterprise, String enpi, long id, Instant now) {
    StoredAttachment a = attachment(scope, enterprise, enpi, id);
    String target = enterprise + "/" + enpi + "/adjustment/" + id + "/attachment";
    Downloads.record(dataSource, a.readBy(actor, now, DOWNLOAD, enterprise, target));
    return a;
  }

  private StoredAttachment attachment(Scope scope, String enterprise, String enpi, long id) {
    return Sql.with(
        dataSource,
        "read the attachment of adjustment " + id,
        c -> {
          StoredAttachment a =
              Sql.first(
                      c,
                      "SELECT a.attachment_name, a.attachment_type, a.attachment_sha256, a.attachment"
                          + " FROM nonroutine_adjustment a JOIN enpi n ON n.enpi_id = a.enpi_id"
                          + StoredRows.byCodes("n")
                          + "a.adjustment_id = ? AND "
                          + StoredRows.IN_SCOPE,
                      StoredRows.scoped(c, scope, enterprise, enpi, id),
                      AttachmentColumns::stored)
                  .orElse(null);
          if (a == null) {
            PgSignoffs.exists(c, scope, enterprise, enpi);
            throw new NotFoundException("no adjustment " + id + " of EnPI " + enpi);
          }
          if (a.sha256() == null) {
            throw new NotFoundException("adjustment " + id + " has no attachment");
          }
          return a;
        });
  }

  /** Every adjustment of the EnPI, oldest first (the attachment by its name, hash and size). */
  public List<Map<String, Object>> list(Scope scope, String enterprise, String enpi) {
    return Sql.with(dataSource, "list adjustments", c -> LISTED.ofEnpi(c, scope, enterprise, enpi));
  }

  private static final String SELECT =
      "SELECT a.adjustment_id, a.kind, a.period_from, a.period_to, a.method, a.value,"
          + " a.std_error, a.justification, a.attachment_name, a.attachment_type,"
          + " a.attachment_sha256, a.attachment_bytes, a.status, a.proposed_by, a.proposed_at,"
          + " a.decided_by, a.decided_by_account, a.decided_at, a.decision_comment, a.variable"
          + " FROM nonroutine_adjustment a";

  private static final StoredRows.Listing LISTED =
      new StoredRows.Listing(SELECT, "a", "a.adjustment_id", "a.adjustment_id", PgAdjustments::row);

  private static Map<String, Object> row(ResultSet rs) throws SQLException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", rs.getLong(1));
    m.put("kind", rs.getString(2));
    StoredRows.period(m, rs, 3);
    m.put("method", rs.getString(5));
    double value = rs.getDouble(6);
    m.put("value", rs.wasNull() ? null : value);
    m.put("variable", rs.getString(20));
    m.put("std_error", rs.getDouble(7));
    m.put("justification", rs.getString(8));
    m.put("attachment", AttachmentColumns.summary(rs, 9));
    m.put("attachment_sha256", rs.getString(11));
    StoredRows.strings(m, rs, 13, "status", "proposed_by");
    m.put("proposed_at", StoredRows.instant(rs, 15));
    StoredRows.strings(m, rs, 16, "decided_by", "decided_by_account");
    m.put("decided_at", StoredRows.instant(rs, 18));
    m.put("decision_comment", rs.getString(19));
    return m;
  }
}
