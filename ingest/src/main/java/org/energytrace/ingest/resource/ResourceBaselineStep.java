package org.energytrace.ingest.resource;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.energytrace.ingest.audit.PgAuditLog;
import org.energytrace.ingest.errors.NotFoundException;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.resource.PgResourceBaselines.Stored;
import org.energytrace.ingest.verification.Actor;
import org.energytrace.ingest.verification.BaselineChanges;
import org.energytrace.ingest.verification.BaselineLifecycle;
import org.energytrace.ingest.verification.BaselineLifecycle.State;
import org.energytrace.ingest.verification.BaselineLifecycle.Step;
import org.energytrace.ingest.verification.PgBaselineLifecycle;

/**
 * A step of a resource baseline's lifecycle ({@link PgResourceBaselines#take}) within its
 * transaction: who may take it ({@link PgBaselineLifecycle#permitted}), whether the version's state
 * allows it ({@link BaselineLifecycle#decide}), the change (an approval supersedes the resource's
 * older approved version) and its audit entries.
 */
final class ResourceBaselineStep {
  private ResourceBaselineStep() {}

  /**
   * The step on the resource's locked row, in the caller's transaction; the version as it is after.
   */
  static Stored take(
      Connection c,
      Actor actor,
      long enterpriseId,
      long resourceId,
      String enterprise,
      String code,
      int version,
      Step step,
      String text,
      Instant now)
      throws SQLException {
    List<Stored> found = PgResourceBaselines.select(c, resourceId, code, version);
    if (found.isEmpty()) {
      throw new NotFoundException("no baseline version " + version + " of resource " + code);
    }
    Stored b = found.get(0);
    String account = PgBaselineLifecycle.permitted(c, actor, enterpriseId, enterprise, step, now);
    if (!BaselineChanges.applies(step, b.status(), version)) {
      return b;
    }
    OffsetDateTime at = Sql.utc(now);
    if (step == Step.APPROVE) {
      for (Stored other : PgResourceBaselines.select(c, resourceId, code, null)) {
        if (other.version() > version
            && (other.status() == State.APPROVED || other.status() == State.SUPERSEDED)) {
          throw BaselineChanges.newerApproved(b.status().wire(), other.version(), version);
        }
      }
    }
    List<Integer> superseded =
        BaselineChanges.apply(
            c, BaselineChanges.Table.RESOURCE, resourceId, version, step, actor, at, text);
    JsonObject after =
        BaselineChanges.audited(step, version, b.dataHash(), text, account, superseded);
    PgAuditLog.change(
        c,
        actor,
        now,
        "resource." + step.action(),
        enterprise,
        PgResourceBaselines.target(enterprise, code, version),
        text,
        new JsonObject().put("status", b.status().wire()),
        after);
    BaselineChanges.auditSuperseded(
        c,
        actor,
        now,
        "resource.baseline.supersede",
        enterprise,
        old -> PgResourceBaselines.target(enterprise, code, old),
        version,
        superseded);
    return PgResourceBaselines.select(c, resourceId, code, version).get(0);
  }
}
