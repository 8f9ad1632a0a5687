package org.energytrace.ingest.verification;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.IntFunction;
import org.energytrace.ingest.audit.PgAuditLog;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.verification.BaselineLifecycle.Decision;
import org.energytrace.ingest.verification.BaselineLifecycle.State;
import org.energytrace.ingest.verification.BaselineLifecycle.Step;

/**
 * The stored change of a baseline step the rules allowed ({@link BaselineLifecycle}), alike for an
 * EnPI's baselines and a resource's: whether the step changes the version at all; submitted,
 * returned or approved by whom, when, with the text; an approval supersedes the owner's older
 * approved versions; and what the audit entries state of it. Runs in the caller's transaction.
 */
public final class BaselineChanges {
  private BaselineChanges() {}

  /** The baselines of an owner: the table and the owner's column. */
  public enum Table {
    ENPI("enpi_baseline", "enpi_id"),
    RESOURCE("resource_baseline", "resource_id");

    private final String table;
    private final String owner;

    Table(String table, String owner) {
      this.table = table;
      this.owner = owner;
    }
  }

  /**
   * Records {@code step} on version {@code version} of {@code owner}'s baselines.
   *
   * @return the versions an approval superseded, in order (empty for the other steps)
   */
  public static List<Integer> apply(
      Connection c,
      Table t,
      long owner,
      int version,
      Step step,
      Actor actor,
      OffsetDateTime at,
      String text)
      throws SQLException {
    switch (step) {
      case SUBMIT, RETURN ->
          set(
              c,
              t,
              owner,
              version,
              step == Step.SUBMIT
                  ? "status = 'submitted', submitted_by = ?, submitted_at = ?, submit_comment = ?"
                  : "status = 'returned', returned_by = ?, returned_at = ?, return_comments = ?",
              actor.subject(),
              at,
              text);
      case APPROVE -> {
        set(
            c,
            t,
            owner,
            version,
            "status = 'approved', approved_by = ?, approved_at = ?,"
                + " approved_by_role = ?, approval_opinion = ?",
            actor.subject(),
            at,
            actor.role().wire(),
            text);
        return supersede(c, t, owner, version, at);
      }
    }
    return List.of();
  }

  /**
   * Whether {@code step} changes a version in state {@code current} ({@link
   * BaselineLifecycle#decide}): false when the version is where the step leads already (nothing
   * changes); 409 naming the state when the state does not allow the step.
   */
  public static boolean applies(Step step, State current, int version) {
    Decision d = BaselineLifecycle.decide(step, current);
    if (d == Decision.REFUSE) {
      throw TransitionRefused.conflict(
          current.wire(), BaselineLifecycle.refusal(step, current, version));
    }
    return d == Decision.APPLY;
  }

  /**
   * Audits, in the caller's transaction, each version the approval of {@code version} superseded:
   * {@code action} on its target ({@code targetOf} the old version), approved before, superseded by
   * {@code version} after.
   */
  public static void auditSuperseded(
      Connection c,
      Actor actor,
      Instant now,
      String action,
      String enterprise,
      IntFunction<String> targetOf,
      int version,
      List<Integer> superseded)
      throws SQLException {
    for (int old : superseded) {
      PgAuditLog.change(
          c,
          actor,
          now,
          action,
          enterprise,
          targetOf.apply(old),
          "superseded by the approval of version " + version,
          new JsonObject().put("status", State.APPROVED.wire()),
          new JsonObject()
              .put("status", State.SUPERSEDED.wire())
              .put("superseded_by_version", version));
    }
  }

  /**
   * 409: a version newer than {@code version} is approved (or superseded) already; {@code state} is
   * the refused version's.
   */
  public static TransitionRefused newerApproved(String state, int newer, int version) {
    return TransitionRefused.conflict(
        state,
        "baseline version "
            + newer
            + ", newer than "
            + version
            + ", is approved already: approve the newest version only");
  }

  /**
   * The baseline after the step as its audit entry states it: status, version, data hash, the
   * opinion or comment, the auditor's account, the versions an approval superseded.
   */
  public static JsonObject audited(
      Step step,
      int version,
      String dataHash,
      String text,
      String account,
      List<Integer> superseded) {
    JsonObject after =
        new JsonObject()
            .put("status", step.to().wire())
            .put("version", version)
            .put("data_hash", dataHash)
            .put(step == Step.APPROVE ? "opinion" : "comment", text);
    if (account != null) {
      after.put("account", account);
    }
    if (!superseded.isEmpty()) {
      after.put("superseded", new JsonArray(superseded));
    }
    return after;
  }

  private static List<Integer> supersede(
      Connection c, Table t, long owner, int version, OffsetDateTime at) throws SQLException {
    List<Integer> out =
        Sql.list(
            c,
            "UPDATE "
                + t.table
                + " SET status = 'superseded', superseded_at = ?, superseded_by_version = ?"
                + " WHERE "
                + t.owner
                + " = ? AND status = 'approved' AND version < ? RETURNING version",
            Sql.args(at, version, owner, version),
            rs -> rs.getInt(1));
    out.sort(Integer::compare);
    return out;
  }

  /**
   * Sets {@code assignments}, their parameters bound to {@code values}, on version {@code version}
   * of {@code owner}'s baselines.
   */
  private static void set(
      Connection c, Table t, long owner, int version, String assignments, Object... values)
      throws SQLException {
    Sql.update(
        c,
        "UPDATE " + t.table + " SET " + assignments + " WHERE " + t.owner + " = ? AND version = ?",
        ps -> Sql.bind(ps, Sql.bind(ps, 1, values), owner, version));
  }
}
