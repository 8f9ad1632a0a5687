package org.energytrace.ingest.verification;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.energytrace.ingest.audit.PgAuditLog;
import org.energytrace.ingest.auth.Role;
import org.energytrace.ingest.errors.NotFoundException;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.tenant.Scope;
import org.energytrace.ingest.verification.BaselineLifecycle.State;
import org.energytrace.ingest.verification.BaselineLifecycle.Step;

/**
 * Takes a step of a baseline's lifecycle in one transaction: locks the EnPI (so two approvals of
 * one EnPI follow each other), checks the step against the rules ({@link BaselineLifecycle}) and,
 * for an auditor, the stored assignment to the enterprise at this moment; changes the baseline,
 * supersedes the EnPI's older approved versions on approval, and writes the audit entries (who,
 * when, the comment or opinion, the baseline's data hash) in the same transaction. A refused step
 * changes nothing and is audited as a failure. Blocking: call from worker threads.
 */
public final class PgBaselineLifecycle {
  /** Longest comment, opinion or return comments kept (characters). */
  public static final int MAX_TEXT = 4000;

  private final DataSource dataSource;

  public PgBaselineLifecycle(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** What a step did: whether it changed the baseline, and the versions it superseded. */
  public record Outcome(int version, State state, boolean changed, List<Integer> superseded) {}

  private record Target(long enterpriseId, long enpiId, State state, String dataHash) {}

  /**
   * Takes {@code step} on version {@code version} of EnPI {@code enpi} of {@code enterprise}.
   *
   * @param text the submit comment (optional), the approval opinion or the return comments (both
   *     required)
   * @throws NotFoundException no such baseline within {@code scope}
   * @throws TransitionRefused 403 when {@code actor} may not take the step here, 409 when the
   *     baseline's state does not allow it
   */
  public Outcome take(
      Actor actor,
      Scope scope,
      String enterprise,
      String enpi,
      int version,
      Step step,
      String text,
      Instant now) {
    String target = enterprise + "/" + enpi + "/v" + version;
    return AuditedStep.run(
        dataSource,
        actor,
        step.action(),
        enterprise,
        target,
        step.wire() + " baseline " + version,
        now,
        c -> {
          Target b = lock(c, scope, enterprise, enpi, version);
          // the auditor's account (a token acts for the account that issued it)
          String account = permitted(c, actor, b.enterpriseId(), enterprise, step, now);
          if (!BaselineChanges.applies(step, b.state(), version)) {
            return new Outcome(version, b.state(), false, List.of());
          }
          if (step == Step.APPROVE) {
            Optional<Integer> newer = newerApproved(c, b.enpiId(), version);
            if (newer.isPresent()) {
              throw BaselineChanges.newerApproved(b.state().wire(), newer.get(), version);
            }
          }
          OffsetDateTime at = Sql.utc(now);
          List<Integer> superseded =
              BaselineChanges.apply(
                  c, BaselineChanges.Table.ENPI, b.enpiId(), version, step, actor, at, text);
          JsonObject after =
              BaselineChanges.audited(step, version, b.dataHash(), text, account, superseded);
          PgAuditLog.change(
              c,
              actor,
              now,
              step.action(),
              enterprise,
              target,
              text,
              new JsonObject().put("status", b.state().wire()),
              after);
          BaselineChanges.auditSuperseded(
              c,
              actor,
              now,
              "baseline.supersede",
              enterprise,
              old -> enterprise + "/" + enpi + "/v" + old,
              version,
              superseded);
          return new Outcome(version, step.to(), true, List.copyOf(superseded));
        });
  }

  /** An EnPI locked for a verification step: its id and its enterprise's. */
  record LockedEnpi(long enpiId, long enterpriseId) {}

  /**
   * Locks the EnPI (so two steps on one EnPI follow each other); 404 when it does not exist or is
   * out of scope.
   */
  static LockedEnpi lockEnpi(Connection c, Scope scope, String enterprise, String enpi)
      throws SQLException {
    return findEnpi(c, scope, enterprise, enpi, true);
  }

  /** The EnPI, locked when {@code forUpdate}; 404 when it does not exist or is out of scope. */
  static LockedEnpi findEnpi(
      Connection c, Scope scope, String enterprise, String enpi, boolean forUpdate)
      throws SQLException {
    return Sql.first(
            c,
            "SELECT n.enpi_id, n.enterprise_id FROM enpi n"
                + StoredRows.byCodes("n")
                + StoredRows.IN_SCOPE
                + (forUpdate ? " FOR UPDATE OF n" : ""),
            StoredRows.scoped(c, scope, enterprise, enpi),
            rs -> new LockedEnpi(rs.getLong(1), rs.getLong(2)))
        .orElseThrow(
            () -> new NotFoundException("no EnPI " + enpi + " of enterprise " + enterprise));
  }

  /** The baseline, its EnPI locked first; 404 when it does not exist or is out of scope. */
  private static Target lock(Connection c, Scope scope, String enterprise, String enpi, int version)
      throws SQLException {
    long enpiId = lockEnpi(c, scope, enterprise, enpi).enpiId();
    return Sql.first(
            c,
            "SELECT enterprise_id, status, data_hash FROM enpi_baseline"
                + " WHERE enpi_id = ? AND version = ? FOR UPDATE",
            Sql.args(enpiId, version),
            rs -> new Target(rs.getLong(1), enpiId, State.of(rs.getString(2)), rs.getString(3)))
        .orElseThrow(() -> new NotFoundException("no baseline version " + version));
  }

  /**
   * Whether {@code actor} may take {@code step} on a baseline of {@code enterprise} (an EnPI's or a
   * resource's): a role the step allows, of this enterprise for an enterprise role, and for an
   * auditor an assignment to the enterprise at {@code now}.
   *
   * @return the auditor's account when the step needs an assignment, else null
   * @throws TransitionRefused 403 when the actor may not take it
   */
  public static String permitted(
      Connection c, Actor actor, long enterpriseId, String enterprise, Step step, Instant now)
      throws SQLException {
    if (!step.allows(actor.role())) {
      throw TransitionRefused.forbidden(
          switch (step) {
            case SUBMIT -> "only the enterprise's administrators submit its baselines";
            case APPROVE, RETURN ->
                "only an auditor assigned to "
                    + enterprise
                    + " approves or returns its baselines; never the enterprise itself or the"
                    + " platform's administrator";
          });
    }
    if (actor.role().isEnterpriseRole() && !enterprise.equals(actor.enterprise())) {
      throw TransitionRefused.forbidden("not a role of " + enterprise);
    }
    return step.needsAssignment() ? assignedNow(c, actor, enterpriseId, enterprise, now) : null;
  }

  /**
   * 403 unless {@code actor} is an administrator of {@code enterprise}: its own, or the platform's;
   * {@code what} ends the refusal "only the enterprise's administrators …".
   */
  static void administers(Actor actor, String enterprise, String what) {
    if (actor.role() != Role.ENTERPRISE_ADMIN && actor.role() != Role.SYSTEM_ADMIN
        || actor.role().isEnterpriseRole() && !enterprise.equals(actor.enterprise())) {
      throw TransitionRefused.forbidden("only the enterprise's administrators " + what);
    }
  }

  /** The account of {@link #assigned}, else 403 naming the enterprise. */
  static String assignedNow(
      Connection c, Actor actor, long enterpriseId, String enterprise, Instant now)
      throws SQLException {
    return assigned(c, actor, enterpriseId, now)
        .orElseThrow(
            () ->
                TransitionRefused.forbidden(
                    "not an auditor assigned to "
                        + enterprise
                        + " now (no assignment, or it expired)"));
  }

  /**
   * The username of the actor's account when it is an enabled auditor assigned to the enterprise at
   * {@code now}, else empty.
   */
  public static Optional<String> assigned(Connection c, Actor actor, long enterpriseId, Instant now)
      throws SQLException {
    if (actor.role() != Role.AUDITOR || actor.userId() == null) {
      return Optional.empty(); // e.g. an auditor token that no auditor's account issued
    }
    return Sql.first(
        c,
        "SELECT u.username FROM auditor_assignment a JOIN app_user u ON u.user_id = a.user_id"
            + " WHERE a.user_id = ? AND a.enterprise_id = ? AND a.expires_at > ?"
            + " AND u.role = 'auditor' AND NOT u.disabled",
        Sql.args(actor.userId(), enterpriseId, now),
        rs -> rs.getString(1));
  }

  private static Optional<Integer> newerApproved(Connection c, long enpiId, int version)
      throws SQLException {
    return Optional.ofNullable(
        Sql.one(
            c,
            "SELECT max(version) FROM enpi_baseline WHERE enpi_id = ? AND version > ?"
                + " AND status IN ('approved', 'superseded')",
            Sql.args(enpiId, version),
            rs -> (Integer) rs.getObject(1)));
  }
}
