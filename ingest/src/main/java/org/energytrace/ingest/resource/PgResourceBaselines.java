package org.energytrace.ingest.resource;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.energytrace.ingest.audit.AuditEntry;
import org.energytrace.ingest.audit.PgAuditLog;
import org.energytrace.ingest.auth.Who;
import org.energytrace.ingest.errors.NotFoundException;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.store.Transactions;
import org.energytrace.ingest.tenant.Enterprises;
import org.energytrace.ingest.tenant.Scope;
import org.energytrace.ingest.verification.Actor;
import org.energytrace.ingest.verification.AuditedStep;
import org.energytrace.ingest.verification.BaselineLifecycle;
import org.energytrace.ingest.verification.BaselineLifecycle.State;
import org.energytrace.ingest.verification.BaselineLifecycle.Step;
import org.energytrace.ingest.verification.TransitionRefused;

/**
 * A resource's stored baselines (issue 17; V81): versions per resource, each with its period,
 * product, model and the fit as it was stored, and their lifecycle by exactly the rules of EnPI
 * baselines ({@link BaselineLifecycle}: the enterprise's administrators store and submit, an
 * auditor assigned to the enterprise now approves or returns — never the enterprise itself nor the
 * platform's administrator; approving a version supersedes the resource's older approved one).
 * Every change writes an audit entry in its transaction; a refused step changes nothing and is
 * audited as denied or failed. Blocking: call from worker threads.
 */
public final class PgResourceBaselines {
  private final DataSource dataSource;

  public PgResourceBaselines(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** One stored version. */
  public record Stored(
      String resource,
      int version,
      String product,
      LocalDate from,
      LocalDate to,
      String model,
      String modelForm,
      String dataHash,
      JsonObject fit,
      String methodVersion,
      State status,
      String createdBy,
      String createdAt,
      String submittedBy,
      String submittedAt,
      String submitComment,
      String returnedBy,
      String returnedAt,
      String returnComments,
      String approvedBy,
      String approvedByRole,
      String approvedAt,
      String approvalOpinion,
      Integer supersededByVersion) {

    /** Approved by an auditor (a saving from it can be verifiable). */
    public boolean approvedByAuditor() {
      return status == State.APPROVED && "auditor".equals(approvedByRole);
    }

    public JsonObject json() {
      return new JsonObject()
          .put("resource", resource)
          .put("version", version)
          .put("product", product)
          .put("from", from.toString())
          .put("to", to.toString())
          .put("model", model)
          .put("model_form", modelForm)
          .put("status", status.wire())
          .put("data_hash", dataHash)
          .put("fit", fit)
          .put("method_version", methodVersion)
          .put("created_by", createdBy)
          .put("created_at", createdAt)
          .put("submitted_by", submittedBy)
          .put("submitted_at", submittedAt)
          .put("submit_comment", submitComment)
          .put("returned_by", returnedBy)
          .put("returned_at", returnedAt)
          .put("return_comments", returnComments)
          .put("approved_by", approvedBy)
          .put("approved_by_role", approvedByRole)
          .put("approved_at", approvedAt)
          .put("approval_opinion", approvalOpinion)
          .put("superseded_by_version", supersededByVersion);
    }
  }

  /** What a new version holds (the fit computed by {@link ResourceIndicators#baselineFit}). */
  public record NewVersion(
      String product,
      LocalDate from,
      LocalDate to,
      String model,
      String modelForm,
      String dataHash,
      JsonObject fit,
      String methodVersion) {}

  /** Stores a new draft version of resource {@code code}'s baseline, audited. */
  public Stored create(
      Scope scope, String enterprise, String code, NewVersion v, Who who, Instant at) {
    return Transactions.run(
        dataSource,
        "storing a baseline of resource " + code,
        c -> {
          long e = Enterprises.id(c, scope, enterprise);
          long resourceId = lockResource(c, e, enterprise, code);
          int version =
              Sql.one(
                  c,
                  "SELECT coalesce(max(version), 0) + 1 FROM resource_baseline WHERE resource_id = ?",
                  Sql.args(resourceId),
                  rs -> rs.getInt(1));
          Sql.update(
              c,
              "INSERT INTO resource_baseline (enterprise_id, resource_id, version, product,"
                  + " period_from, period_to, model, model_form, data_hash, fit, method_version,"
                  + " created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?,"
                  + " ?)",
              e,
              resourceId,
              version,
              Sql.text(v.product()),
              v.from(),
              v.to(),
              Sql.text(v.model()),
              Sql.text(v.modelForm()),
              Sql.text(v.dataHash()),
              v.fit().encode(),
              Sql.text(v.methodVersion()),
              Sql.text(who.subject()),
              at);
          Stored s = select(c, resourceId, code, version).get(0);
          PgAuditLog.change(
              c,
              at,
              who.subject(),
              who.auditRole(),
              who.clientIp(),
              "resource.baseline.create",
              AuditEntry.Outcome.SUCCESS,
              enterprise,
              target(enterprise, code, version),
              null,
              null,
              new JsonObject()
                  .put("status", s.status().wire())
                  .put("product", v.product())
                  .put("from", v.from().toString())
                  .put("to", v.to().toString())
                  .put("model", v.model())
                  .put("model_form", v.modelForm())
                  .put("data_hash", v.dataHash()));
          return s;
        });
  }

  /** Every version of resource {@code code}'s baseline, oldest first. */
  public List<Stored> list(Scope scope, String enterprise, String code) {
    return Sql.with(
        dataSource,
        "listing baselines of resource " + code,
        c ->
            select(
                c,
                resourceId(c, Enterprises.id(c, scope, enterprise), enterprise, code),
                code,
                null));
  }

  /** One version; 404 when it does not exist. */
  public Stored get(Scope scope, String enterprise, String code, int version) {
    return Sql.with(
        dataSource,
        "reading a baseline of resource " + code,
        c -> {
          long e = Enterprises.id(c, scope, enterprise);
          List<Stored> l = select(c, resourceId(c, e, enterprise, code), code, version);
          if (l.isEmpty()) {
            throw new NotFoundException("no baseline version " + version + " of resource " + code);
          }
          return l.get(0);
        });
  }

  /** The resource's approved version (the newest when several), if any. */
  public Optional<Stored> approved(Scope scope, String enterprise, String code) {
    Stored chosen = null;
    for (Stored s : list(scope, enterprise, code)) {
      if (s.status() == State.APPROVED) {
        chosen = s;
      }
    }
    return Optional.ofNullable(chosen);
  }

  /**
   * Takes {@code step} on version {@code version}: by the rules of {@link BaselineLifecycle}, an
   * auditor's assignment checked now.
   *
   * @throws TransitionRefused 403 when {@code actor} may not take it, 409 when the state does not
   *     allow it
   */
  public Stored take(
      Actor actor,
      Scope scope,
      String enterprise,
      String code,
      int version,
      Step step,
      String text,
      Instant now) {
    String target = target(enterprise, code, version);
    return AuditedStep.run(
        dataSource,
        actor,
        "resource." + step.action(),
        enterprise,
        target,
        step.wire() + " baseline " + version + " of " + code,
        now,
        c -> {
          long e = Enterprises.id(c, scope, enterprise);
          long resourceId = lockResource(c, e, enterprise, code);
          return ResourceBaselineStep.take(
              c, actor, e, resourceId, enterprise, code, version, step, text, now);
        });
  }

  // ---- plumbing ----

  static String target(String enterprise, String code, int version) {
    return enterprise + "/resource/" + code + "/v" + version;
  }

  private static long resourceId(Connection c, long e, String enterprise, String code)
      throws SQLException {
    return resourceId(c, e, enterprise, code, "");
  }

  /** The resource's row locked, so that two steps or two new versions follow each other. */
  private static long lockResource(Connection c, long e, String enterprise, String code)
      throws SQLException {
    return resourceId(c, e, enterprise, code, " FOR UPDATE");
  }

  private static long resourceId(Connection c, long e, String enterprise, String code, String lock)
      throws SQLException {
    return Sql.first(
            c,
            "SELECT resource_id FROM resource WHERE enterprise_id = ? AND code = ?" + lock,
            Sql.args(e, Sql.text(code)),
            rs -> rs.getLong(1))
        .orElseThrow(() -> new NotFoundException("no resource " + code + " of " + enterprise));
  }

  static List<Stored> select(Connection c, long resourceId, String code, Integer version)
      throws SQLException {
    return Sql.list(
        c,
        "SELECT version, product, period_from, period_to, model, model_form, data_hash,"
            + " fit::text, method_version, status, created_by, created_at, submitted_by,"
            + " submitted_at, submit_comment, returned_by, returned_at, return_comments,"
            + " approved_by, approved_by_role, approved_at, approval_opinion,"
            + " superseded_by_version FROM resource_baseline WHERE resource_id = ?"
            + (version == null ? "" : " AND version = ?")
            + " ORDER BY version",
        version == null ? Sql.args(resourceId) : Sql.args(resourceId, version),
        rs ->
            new Stored(
                code,
                rs.getInt(1),
                rs.getString(2),
                rs.getObject(3, LocalDate.class),
                rs.getObject(4, LocalDate.class),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                new JsonObject(rs.getString(8)),
                rs.getString(9),
                State.of(rs.getString(10)),
                rs.getString(11),
                instant(rs, 12),
                rs.getString(13),
                instant(rs, 14),
                rs.getString(15),
                rs.getString(16),
                instant(rs, 17),
                rs.getString(18),
                rs.getString(19),
                rs.getString(20),
                instant(rs, 21),
                rs.getString(22),
                (Integer) rs.getObject(23)));
  }

  private static String instant(ResultSet rs, int column) throws SQLException {
    return Objects.toString(Sql.instant(rs, column), null);
  }
}
