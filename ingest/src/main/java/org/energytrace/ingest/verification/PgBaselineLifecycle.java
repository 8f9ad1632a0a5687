package org.energytrace.ingest.verification;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.energytrace.ingest.audit.AuditEntry;
import org.energytrace.ingest.audit.PgAuditLog;
import org.energytrace.ingest.auth.Role;
import org.energytrace.ingest.errors.NotFoundException;
import org.energytrace.ingest.errors.StoreException;
import org.energytrace.ingest.tenant.Scope;
import org.energytrace.ingest.verification.BaselineLifecycle.Decision;
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
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        Outcome o = take(c, actor, scope, enterprise, enpi, version, step, text, now, target);
        c.commit();
        return o;
      } catch (TransitionRefused refused) {
        c.rollback();
        PgAuditLog.record(
            c,
            new AuditEntry(
                now,
                actor.subject(),
                actor.role().wire(),
                step.action(),
                refused.status() == 403 ? AuditEntry.Outcome.DENIED : AuditEntry.Outcome.FAILURE,
                enterprise,
                target,
                actor.clientIp(),
                refused.getMessage(),
                null,
                null));
        c.commit();
        throw refused;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw StoreException.of(step.wire() + " baseline " + version, e);
    }
  }

  private Outcome take(
      Connection c,
      Actor actor,
      Scope scope,
      String enterprise,
      String enpi,
      int version,
      Step step,
      String text,
      Instant now,
      String target)
      throws SQLException {
    Target b = lock(c, scope, enterprise, enpi, version);
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
    // the auditor's account (a token acts for the account that issued it)
    String account = null;
    if (step.needsAssignment()) {
      account =
          assigned(c, actor, b.enterpriseId(), now)
              .orElseThrow(
                  () ->
                      TransitionRefused.forbidden(
                          "not an auditor assigned to "
                              + enterprise
                              + " now (no assignment, or it expired)"));
    }
    Decision d = BaselineLifecycle.decide(step, b.state());
    if (d == Decision.REFUSE) {
      throw TransitionRefused.conflict(
          b.state().wire(), BaselineLifecycle.refusal(step, b.state(), version));
    }
    if (d == Decision.ALREADY) {
      return new Outcome(version, b.state(), false, List.of());
    }
    List<Integer> superseded = new ArrayList<>();
    OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
    switch (step) {
      case SUBMIT ->
          update(
              c,
              "UPDATE enpi_baseline SET status = 'submitted', submitted_by = ?, submitted_at = ?,"
                  + " submit_comment = ? WHERE enpi_id = ? AND version = ?",
              actor.subject(),
              at,
              text,
              b.enpiId(),
              version);
      case RETURN ->
          update(
              c,
              "UPDATE enpi_baseline SET status = 'returned', returned_by = ?, returned_at = ?,"
                  + " return_comments = ? WHERE enpi_id = ? AND version = ?",
              actor.subject(),
              at,
              text,
              b.enpiId(),
              version);
      case APPROVE -> {
        Optional<Integer> newer = newerApproved(c, b.enpiId(), version);
        if (newer.isPresent()) {
          throw TransitionRefused.conflict(
              b.state().wire(),
              "baseline version "
                  + newer.get()
                  + ", newer than "
                  + version
                  + ", is approved already: approve the newest version only");
        }
        update(
            c,
            "UPDATE enpi_baseline SET status = 'approved', approved_by = ?, approved_at = ?,"
                + " approved_by_role = ?, approval_opinion = ? WHERE enpi_id = ? AND version = ?",
            actor.subject(),
            at,
            actor.role().wire(),
            text,
            b.enpiId(),
            version);
        superseded.addAll(supersede(c, b.enpiId(), version, at));
      }
    }
    JsonObject after =
        new JsonObject()
            .put("status", step.to().wire())
            .put("version", version)
            .put("data_hash", b.dataHash())
            .put(step == Step.APPROVE ? "opinion" : "comment", text);
    if (account != null) {
      after.put("account", account);
    }
    if (!superseded.isEmpty()) {
      after.put("superseded", new JsonArray(superseded));
    }
    PgAuditLog.record(
        c,
        new AuditEntry(
            now,
            actor.subject(),
            actor.role().wire(),
            step.action(),
            AuditEntry.Outcome.SUCCESS,
            enterprise,
            target,
            actor.clientIp(),
            text,
            new JsonObject().put("status", b.state().wire()).encode(),
            after.encode()));
    for (int old : superseded) {
      PgAuditLog.record(
          c,
          new AuditEntry(
              now,
              actor.subject(),
              actor.role().wire(),
              "baseline.supersede",
              AuditEntry.Outcome.SUCCESS,
              enterprise,
              enterprise + "/" + enpi + "/v" + old,
              actor.clientIp(),
              "superseded by the approval of version " + version,
              new JsonObject().put("status", State.APPROVED.wire()).encode(),
              new JsonObject()
                  .put("status", State.SUPERSEDED.wire())
                  .put("superseded_by_version", version)
                  .encode()));
    }
    return new Outcome(version, step.to(), true, List.copyOf(superseded));
  }

  /** An EnPI locked for a verification step: its id and its enterprise's. */
  record LockedEnpi(long enpiId, long enterpriseId) {}

  /**
   * Locks the EnPI (so two steps on one EnPI follow each other); 404 when it does not exist or is
   * out of scope.
   */
  static LockedEnpi lockEnpi(Connection c, Scope scope, String enterprise, String enpi)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT n.enpi_id, n.enterprise_id FROM enpi n"
                + " JOIN enterprise e ON e.enterprise_id = n.enterprise_id"
                + " WHERE e.code = ? AND n.code = ? AND "
                + Scope.SQL_ENTERPRISE.formatted("e.code")
                + " FOR UPDATE OF n")) {
      ps.setString(1, enterprise);
      ps.setString(2, enpi);
      scope.bind(c, ps, 3);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new NotFoundException("no EnPI " + enpi + " of enterprise " + enterprise);
        }
        return new LockedEnpi(rs.getLong(1), rs.getLong(2));
      }
    }
  }

  /** The baseline, its EnPI locked first; 404 when it does not exist or is out of scope. */
  private static Target lock(Connection c, Scope scope, String enterprise, String enpi, int version)
      throws SQLException {
    long enpiId = lockEnpi(c, scope, enterprise, enpi).enpiId();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT enterprise_id, status, data_hash FROM enpi_baseline"
                + " WHERE enpi_id = ? AND version = ? FOR UPDATE")) {
      ps.setLong(1, enpiId);
      ps.setInt(2, version);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new NotFoundException("no baseline version " + version);
        }
        return new Target(rs.getLong(1), enpiId, State.of(rs.getString(2)), rs.getString(3));
      }
    }
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
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT u.username FROM auditor_assignment a JOIN app_user u ON u.user_id = a.user_id"
                + " WHERE a.user_id = ? AND a.enterprise_id = ? AND a.expires_at > ?"
                + " AND u.role = 'auditor' AND NOT u.disabled")) {
      ps.setLong(1, actor.userId());
      ps.setLong(2, enterpriseId);
      ps.setObject(3, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  private static Optional<Integer> newerApproved(Connection c, long enpiId, int version)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT max(version) FROM enpi_baseline WHERE enpi_id = ? AND version > ?"
                + " AND status IN ('approved', 'superseded')")) {
      ps.setLong(1, enpiId);
      ps.setInt(2, version);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return Optional.ofNullable((Integer) rs.getObject(1));
      }
    }
  }

  private static List<Integer> supersede(Connection c, long enpiId, int version, OffsetDateTime at)
      throws SQLException {
    List<Integer> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE enpi_baseline SET status = 'superseded', superseded_at = ?,"
                + " superseded_by_version = ? WHERE enpi_id = ? AND status = 'approved'"
                + " AND version < ? RETURNING version")) {
      ps.setObject(1, at);
      ps.setInt(2, version);
      ps.setLong(3, enpiId);
      ps.setInt(4, version);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getInt(1));
        }
      }
    }
    out.sort(Integer::compare);
    return out;
  }

  private static void update(Connection c, String sql, Object... values) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        ps.setObject(i + 1, values[i]);
      }
      ps.executeUpdate();
    }
  }
}
