package org.energytrace.ingest.verification;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;
import org.energytrace.ingest.audit.AuditEntry;
import org.energytrace.ingest.audit.PgAuditLog;
import org.energytrace.ingest.auth.Role;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.store.Transactions;

/**
 * One verification step in one transaction (sign-off, adjustment proposal or decision, a resource
 * baseline's lifecycle step, a calibration record): the work writes its change and its audit entry;
 * a step the store refuses changes nothing and is audited in a transaction of its own with the
 * reason: a {@link TransitionRefused} as {@code denied} (403) or {@code failure} (409 naming the
 * state), a {@link DomainException} the work throws (e.g. a sign-off naming a dossier the server
 * never issued for the period, or a period starting within the baseline period: 409 naming the
 * field) as {@code failure} with the field and the reason. The HTTP answer stays the refusal's own.
 * What the route refuses before the work runs (an unreadable or incomplete body: 400) is not
 * audited here.
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
    } catch (TransitionRefused | DomainException refused) {
      boolean denied = refused instanceof TransitionRefused t && t.status() == 403;
      String field = refused instanceof DomainException d ? d.field() : null;
      // the step's transaction is rolled back; the refusal is audited in a transaction of its own,
      // the reason as the entry's detail
      AuditEntry.Outcome outcome = denied ? AuditEntry.Outcome.DENIED : AuditEntry.Outcome.FAILURE;
      String reason = field == null ? refused.getMessage() : field + ": " + refused.getMessage();
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
                  outcome,
                  enterprise,
                  target,
                  reason,
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
