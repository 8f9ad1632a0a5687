package org.energytrace.ingest.programme;

import io.vertx.core.json.Json;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.energytrace.analytics.report.CpStage;
import org.energytrace.ingest.audit.AuditEntry;
import org.energytrace.ingest.audit.PgAuditLog;
import org.energytrace.ingest.config.DashboardConfig.Tariffs;
import org.energytrace.ingest.enpi.EnpiAnalytics;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.verification.SignoffFollowUp;

/**
 * The CP lifecycle's "savings verified" follows the auditors' period sign-offs
 * (docs/programme-reporting.md, "Savings verified follows the sign-off"), in the sign-off's
 * transaction:
 *
 * <ul>
 *   <li>a sign-off {@code verified} or {@code verified_with_reservations} of a registered facility
 *       whose lifecycle has reached {@code applying} by the sign-off's day links the registry's
 *       saving of that EnPI's baseline within the period — or, when the registry holds none,
 *       records one from the period's savings figures ({@link EnpiAnalytics#savings}, the figures
 *       of the dossier the sign-off names; one per carrier for an EnPI over several, the step
 *       naming the first, the others in the answer's {@code other_savings}) — and records the
 *       {@code savings_verified} step dated the sign-off's day, recorded by the auditor, naming the
 *       sign-off (and so its dossier's SHA-256). Again for the same period (a later sign-off
 *       supersedes the earlier): no second step, the link moves to the newer sign-off (and a saving
 *       the sign-off recorded takes the newer figures);
 *   <li>a {@code not_verified} sign-off marks the steps whose saving it leaves unverified as
 *       withdrawn (day, auditor, sign-off, its comments); the steps stay.
 * </ul>
 *
 * Audited as {@code programme.step.auto} naming the sign-off. What the rules refuse is the answer's
 * {@code reason}; the sign-off stands.
 */
public final class SignoffSteps implements SignoffFollowUp {
  static final String ACTION = "programme.step.auto";

  private final SignoffSaving savings;

  public SignoffSteps(EnpiAnalytics analytics, Tariffs tariffs) {
    this.savings = new SignoffSaving(analytics, tariffs);
  }

  @Override
  public Map<String, Object> signedOff(Connection c, SignedOff s) throws SQLException {
    LocalDate on = s.at().atZone(ProgrammeExport.ZONE).toLocalDate();
    if (!registered(c, s.enterpriseId())) {
      return refused(
          s.enterprise() + " is not in the programme registry: no CP lifecycle to record");
    }
    return s.opinion().verifies() ? verified(c, s, on) : SignoffWithdrawal.withdraw(c, s, on);
  }

  /** Links or records the saving ({@link SignoffSaving}), then records or relinks the step. */
  private Map<String, Object> verified(Connection c, SignedOff s, LocalDate on)
      throws SQLException {
    Optional<CpStage> stage = stage(c, s.enterpriseId(), on);
    if (stage.isEmpty() || stage.get().compareTo(CpStage.APPLYING) < 0) {
      // no step and no new saving; the savings already in the registry for the period follow
      // the sign-off all the same (linked, or taken over with its figures)
      savings.save(c, s, false);
      // the registry's rule: reaching a step implies the earlier ones, and an auditor's sign-off
      // says nothing about measures being applied (docs/programme-reporting.md)
      return refused(
          "the CP lifecycle of "
              + s.enterprise()
              + " has not reached 'applying' by "
              + on
              + " (stage: "
              + stage.map(PgProgramme::wire).orElse("not_reached")
              + "): 'savings verified' follows 'applying'; record that step, then sign the period"
              + " off again");
    }
    SignoffSaving.Saved saved = savings.save(c, s, true);
    if (saved.refusal() != null) {
      return refused(saved.refusal());
    }
    Map<String, Object> saving = RegistryRows.SAVINGS.one(c, saved.id());
    // an EnPI over several carriers: the other carriers' savings, linked to the same sign-off
    List<Map<String, Object>> others = new ArrayList<>();
    for (long id : saved.others()) {
      others.add(RegistryRows.SAVINGS.one(c, id));
    }
    Map<String, Object> stepBefore = null;
    String stepAction;
    long stepId;
    Optional<Long> step = openStep(c, s.enterpriseId(), saved.id());
    if (step.isPresent()) {
      stepId = step.get();
      stepBefore = RegistryRows.STEPS.one(c, stepId);
      // a detail typed by hand stays; one a sign-off wrote is the newer sign-off's
      relink(c, s, stepId, !Boolean.TRUE.equals(stepBefore.get("detail_from_signoff")));
      stepAction = "link_updated";
    } else {
      stepId = insertStep(c, s, on, saved.id());
      stepAction = "recorded";
    }
    Map<String, Object> stepAfter = RegistryRows.STEPS.one(c, stepId);
    Map<String, Object> before = new LinkedHashMap<>();
    before.put("step", stepBefore);
    before.put("saving", saved.before());
    Map<String, Object> after = new LinkedHashMap<>();
    after.put("step", stepAfter);
    after.put("saving", saving);
    if (!others.isEmpty()) {
      after.put("other_savings", others);
    }
    audit(c, s, stepId, before, after);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("recorded", true);
    out.put("step_action", stepAction);
    out.put("saving_action", saved.action());
    out.put("step", stepAfter);
    out.put("saving", saving);
    if (!others.isEmpty()) {
      out.put("other_savings", others);
    }
    return out;
  }

  /** The furthest stage on {@code on}, of the steps not withdrawn (the {@code Facility} rule). */
  private static Optional<CpStage> stage(Connection c, long enterpriseId, LocalDate on)
      throws SQLException {
    return Sql.list(
            c,
            "SELECT DISTINCT stage FROM programme_cp_step WHERE enterprise_id = ?"
                + " AND step_date <= ? AND withdrawn_on IS NULL",
            ps -> {
              ps.setLong(1, enterpriseId);
              ps.setObject(2, on);
            },
            rs -> CpStage.valueOf(rs.getString(1).toUpperCase(Locale.ROOT)))
        .stream()
        .max(Comparator.naturalOrder());
  }

  /** The facility's "savings verified" step naming the saving, not withdrawn. */
  private static Optional<Long> openStep(Connection c, long enterpriseId, long savingId)
      throws SQLException {
    return Sql.first(
        c,
        "SELECT step_id FROM programme_cp_step WHERE enterprise_id = ?"
            + " AND stage = 'savings_verified' AND saving_id = ? AND withdrawn_on IS NULL"
            + " ORDER BY step_id LIMIT 1",
        ps -> {
          ps.setLong(1, enterpriseId);
          ps.setLong(2, savingId);
        },
        rs -> rs.getLong(1));
  }

  /**
   * A step recorded by hand keeps its own detail; one a sign-off recorded names the newer; both
   * name the newer sign-off.
   */
  private static void relink(Connection c, SignedOff s, long stepId, boolean typed)
      throws SQLException {
    Sql.update(
        c,
        "UPDATE programme_cp_step SET detail = CASE WHEN ? THEN detail ELSE ? END,"
            + " signoff_id = ? WHERE step_id = ?",
        ps -> {
          ps.setBoolean(1, typed);
          ps.setString(2, evidence(s));
          ps.setLong(3, s.id());
          ps.setLong(4, stepId);
        });
  }

  /** The "savings verified" step dated the sign-off's day, recorded by the auditor. */
  private static long insertStep(Connection c, SignedOff s, LocalDate on, long savingId)
      throws SQLException {
    return Sql.first(
            c,
            "INSERT INTO programme_cp_step (enterprise_id, stage, step_date, detail, saving_id,"
                + " signoff_id, recorded_by, recorded_at) VALUES (?, 'savings_verified', ?, ?,"
                + " ?, ?, ?, ?) RETURNING step_id",
            ps -> {
              ps.setLong(1, s.enterpriseId());
              ps.setObject(2, on);
              ps.setString(3, evidence(s));
              ps.setLong(4, savingId);
              ps.setLong(5, s.id());
              ps.setString(6, s.account());
              ps.setObject(7, Sql.utc(s.at()));
            },
            rs -> rs.getLong(1))
        .orElseThrow();
  }

  // ---- common ----

  private static boolean registered(Connection c, long enterpriseId) throws SQLException {
    return Sql.first(
            c,
            "SELECT 1 FROM programme_facility WHERE enterprise_id = ?",
            ps -> ps.setLong(1, enterpriseId),
            rs -> true)
        .isPresent();
  }

  /** The step's evidence: the sign-off, its opinion, EnPI, baseline, period and dossier hash. */
  static String evidence(SignedOff s) {
    return evidence(
        s.id(),
        s.opinion().wire(),
        s.enpi(),
        s.baselineVersion(),
        s.from(),
        s.to(),
        s.dossierSha256());
  }

  /**
   * The detail a sign-off writes on the step it records or relinks, also the audit entry's: the API
   * marks a step's detail that equals it ({@code detail_from_signoff}, {@link RegistryRows}), so
   * that a page words it from the step's {@code signoff} in its own language.
   */
  static String evidence(
      long id,
      String opinion,
      String enpi,
      int baselineVersion,
      LocalDate from,
      LocalDate to,
      String dossierSha256) {
    return "period sign-off "
        + id
        + " ("
        + opinion
        + ") of EnPI "
        + enpi
        + ", baseline version "
        + baselineVersion
        + ", "
        + from
        + ".."
        + to
        + "; dossier SHA-256 "
        + dossierSha256;
  }

  static Map<String, Object> refused(String reason) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("recorded", false);
    out.put("reason", reason);
    return out;
  }

  /** The audit entry of a step the sign-off changed ({@code programme.step.auto}). */
  static void audit(Connection c, SignedOff s, long stepId, Object before, Object after)
      throws SQLException {
    PgAuditLog.record(
        c,
        new AuditEntry(
            s.at(),
            s.actor().subject(),
            s.actor().role().wire(),
            ACTION,
            AuditEntry.Outcome.SUCCESS,
            s.enterprise(),
            s.enterprise() + "/cp-steps/" + stepId,
            s.actor().clientIp(),
            "follows " + evidence(s),
            Json.encode(before),
            Json.encode(after)));
  }
}
