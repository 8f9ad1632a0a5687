package org.energytrace.ingest.verification;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;
import org.energytrace.ingest.audit.AuditEntry;
import org.energytrace.ingest.audit.PgAuditLog;
import org.energytrace.ingest.auth.Role;
import org.energytrace.ingest.store.Transactions;

/**
 * One verification step in one transaction (sign-off, adjustment proposal or decision, a resource
 * baseline's lifecycle step): the work writes its change and its audit entry; a refused step
 * ({@link TransitionRefused}) changes nothing and is audited as {@code denied} (403) or {@code
 * failure} (409) with the reason.
 */
public final class AuditedStep {
  private AuditedStep() {}

  /** The step's work on its transaction's connection. */
  public interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  static <T> T run(
      DataSource dataSource,
      Actor actor,
      String action,
      String enterprise,
      String target,
      Instant now,
      Work<T> work) {
    return run(dataSource, actor, action, enterprise, target, action + " " + target, now, work);
  }

  /** The same; a database failure is reported as failing {@code what}. */
  public static <T> T run(
      DataSource dataSource,
      Actor actor,
      String action,
      String enterprise,
      String target,
      String what,
      Instant now,
      Work<T> work) {
    try {
      return Transactions.run(dataSource, what, work::run);
    } catch (TransitionRefused refused) {
      // the step's transaction is rolled back; the refusal is audited in a transaction of its own
      Transactions.run(
          dataSource,
          what,
          c ->
              PgAuditLog.change(
                  c,
                  now,
                  actor.subject(),
                  actor.auditRole(),
                  actor.clientIp(),
                  action,
                  refused.status() == 403 ? AuditEntry.Outcome.DENIED : AuditEntry.Outcome.FAILURE,
                  enterprise,
                  target,
                  refused.getMessage(),
                  null,
                  null));
      throw refused;
    }
  }

  /**
   * The auditor's account when {@code actor} is an auditor assigned to the enterprise at {@code
   * now} (checked against the stored assignment, in the step's transaction); else 403.
   */
  static String assignedAuditor(
      Connection c, Actor actor, long enterpriseId, String enterprise, Instant now, String what)
      throws SQLException {
    if (actor.role() != Role.AUDITOR) {
      throw TransitionRefused.forbidden(
          "only an auditor assigned to "
              + enterprise
              + " "
              + what
              + "; never the enterprise itself or the platform's administrator");
    }
    return PgBaselineLifecycle.assignedNow(c, actor, enterpriseId, enterprise, now);
  }
}
