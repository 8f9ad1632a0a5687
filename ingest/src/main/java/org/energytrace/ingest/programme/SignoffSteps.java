package org.energytrace.ingest.programme;

import io.vertx.core.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.report.CpStage;
import org.energytrace.ingest.audit.AuditEntry;
import org.energytrace.ingest.audit.PgAuditLog;
import org.energytrace.ingest.enpi.EnpiAnalytics;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.errors.NotFoundException;
import org.energytrace.ingest.tenant.Scope;
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
 *       of the dossier the sign-off names) — and records the {@code savings_verified} step dated
 *       the sign-off's day, recorded by the auditor, naming the sign-off (and so its dossier's
 *       SHA-256). Again for the same period (a later sign-off supersedes the earlier): no second
 *       step, the link moves to the newer sign-off (and a saving the sign-off recorded takes the
 *       newer figures);
 *   <li>a {@code not_verified} sign-off marks the steps whose saving it leaves unverified as
 *       withdrawn (day, auditor, sign-off, its comments); the steps stay.
 * </ul>
 *
 * Audited as {@code programme.step.auto} naming the sign-off. What the rules refuse is the answer's
 * {@code reason}; the sign-off stands.
 */
public final class SignoffSteps implements SignoffFollowUp {
  static final String ACTION = "programme.step.auto";

  private final EnpiAnalytics analytics;

  public SignoffSteps(EnpiAnalytics analytics) {
    this.analytics = analytics;
  }

  @Override
  public Map<String, Object> signedOff(Connection c, SignedOff s) throws SQLException {
    LocalDate on = s.at().atZone(ProgrammeExport.ZONE).toLocalDate();
    if (!registered(c, s.enterpriseId())) {
      return refused(
          s.enterprise() + " is not in the programme registry: no CP lifecycle to record");
    }
    return s.opinion().verifies() ? verified(c, s, on) : notVerified(c, s, on);
  }

  // ---- verified ----

  private Map<String, Object> verified(Connection c, SignedOff s, LocalDate on)
      throws SQLException {
    Optional<CpStage> stage = stage(c, s.enterpriseId(), on);
    if (stage.isEmpty() || stage.get().compareTo(CpStage.APPLYING) < 0) {
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
    long baselineId = baselineId(c, s);
    Map<String, Object> savingBefore = null;
    String savingAction;
    Long savingId;
    Optional<long[]> existing = existingSaving(c, s, baselineId);
    if (existing.isPresent()) {
      savingId = existing.get()[0];
      boolean fromSignoff = existing.get()[1] != 0;
      boolean samePeriod = existing.get()[2] != 0;
      if (fromSignoff && samePeriod) {
        // recorded by an earlier sign-off of this period: the newer one's figures and link
        savingBefore = ProgrammeExport.saving(c, savingId);
        Figures f;
        try {
          f = figures(s);
        } catch (Refusal r) {
          f = null;
        }
        updateSaving(c, s, savingId, f);
        savingAction = f == null ? "linked" : "updated";
      } else {
        savingAction = "existing";
      }
    } else {
      Figures f;
      try {
        f = figures(s);
      } catch (Refusal r) {
        return refused(r.getMessage());
      }
      Optional<String> clash = clash(c, s, f);
      if (clash.isPresent()) {
        return refused(clash.get());
      }
      savingId = insertSaving(c, s, baselineId, f);
      savingAction = "recorded";
    }
    Map<String, Object> saving = ProgrammeExport.saving(c, savingId);
    Map<String, Object> stepBefore = null;
    String stepAction;
    long stepId;
    Optional<Long> step = openStep(c, s.enterpriseId(), savingId);
    if (step.isPresent()) {
      stepId = step.get();
      stepBefore = ProgrammeExport.step(c, stepId);
      try (PreparedStatement ps =
          c.prepareStatement(
              // a step recorded by hand keeps its own detail; one a sign-off recorded names the
              // newer
              "UPDATE programme_cp_step SET detail = CASE WHEN signoff_id IS NULL THEN detail"
                  + " ELSE ? END, signoff_id = ? WHERE step_id = ?")) {
        ps.setString(1, evidence(s));
        ps.setLong(2, s.id());
        ps.setLong(3, stepId);
        ps.executeUpdate();
      }
      stepAction = "link_updated";
    } else {
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO programme_cp_step (enterprise_id, stage, step_date, detail, saving_id,"
                  + " signoff_id, recorded_by, recorded_at) VALUES (?, 'savings_verified', ?, ?,"
                  + " ?, ?, ?, ?) RETURNING step_id")) {
        ps.setLong(1, s.enterpriseId());
        ps.setObject(2, on);
        ps.setString(3, evidence(s));
        ps.setLong(4, savingId);
        ps.setLong(5, s.id());
        ps.setString(6, s.account());
        ps.setObject(7, PgProgramme.utc(s.at()));
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          stepId = rs.getLong(1);
        }
      }
      stepAction = "recorded";
    }
    Map<String, Object> stepAfter = ProgrammeExport.step(c, stepId);
    Map<String, Object> before = new LinkedHashMap<>();
    before.put("step", stepBefore);
    before.put("saving", savingBefore);
    Map<String, Object> after = new LinkedHashMap<>();
    after.put("step", stepAfter);
    after.put("saving", saving);
    audit(c, s, s.enterprise() + "/cp-steps/" + stepId, before, after);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("recorded", true);
    out.put("step_action", stepAction);
    out.put("saving_action", savingAction);
    out.put("step", stepAfter);
    out.put("saving", saving);
    return out;
  }

  /** The furthest stage on {@code on}, of the steps not withdrawn (the {@code Facility} rule). */
  private static Optional<CpStage> stage(Connection c, long enterpriseId, LocalDate on)
      throws SQLException {
    Optional<CpStage> out = Optional.empty();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT DISTINCT stage FROM programme_cp_step WHERE enterprise_id = ?"
                + " AND step_date <= ? AND withdrawn_on IS NULL")) {
      ps.setLong(1, enterpriseId);
      ps.setObject(2, on);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          CpStage st = CpStage.valueOf(rs.getString(1).toUpperCase(Locale.ROOT));
          if (out.isEmpty() || st.compareTo(out.get()) > 0) {
            out = Optional.of(st);
          }
        }
      }
    }
    return out;
  }

  private static long baselineId(Connection c, SignedOff s) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT baseline_id FROM enpi_baseline WHERE enpi_id = ? AND version = ?")) {
      ps.setLong(1, s.enpiId());
      ps.setInt(2, s.baselineVersion());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next(); // the sign-off checked it exists
        return rs.getLong(1);
      }
    }
  }

  /**
   * The registry's saving computed on this baseline inside the period (the one of exactly the
   * period first, else the latest): id, whether a sign-off recorded it, whether of exactly the
   * period.
   */
  private static Optional<long[]> existingSaving(Connection c, SignedOff s, long baselineId)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT saving_id, signoff_id IS NOT NULL, (period_from = ? AND period_to = ?)"
                + " FROM programme_saving WHERE enterprise_id = ? AND baseline_id = ?"
                + " AND period_from >= ? AND period_to <= ?"
                + " ORDER BY 3 DESC, period_to DESC, saving_id DESC LIMIT 1")) {
      ps.setObject(1, s.from());
      ps.setObject(2, s.to());
      ps.setLong(3, s.enterpriseId());
      ps.setLong(4, baselineId);
      ps.setObject(5, s.from());
      ps.setObject(6, s.to());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new long[] {rs.getLong(1), rs.getBoolean(2) ? 1 : 0, rs.getBoolean(3) ? 1 : 0});
      }
    }
  }

  /** A saving of the same resource and period recorded by hand on another baseline (or none). */
  private static Optional<String> clash(Connection c, SignedOff s, Figures f) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT saving_id FROM programme_saving WHERE enterprise_id = ? AND resource = ?"
                + " AND period_from = ? AND period_to = ?")) {
      ps.setLong(1, s.enterpriseId());
      ps.setString(2, f.resource());
      ps.setObject(3, s.from());
      ps.setObject(4, s.to());
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          return Optional.of(
              "the registry already holds saving "
                  + rs.getLong(1)
                  + " of "
                  + f.resource()
                  + " over "
                  + s.from()
                  + ".."
                  + s.to()
                  + ", not computed on baseline version "
                  + s.baselineVersion()
                  + " of EnPI "
                  + s.enpi()
                  + ": it is left as recorded and no step names it");
        }
      }
    }
    return Optional.empty();
  }

  /** The period's savings as the EnPI's savings (and the dossier) compute them. */
  private record Figures(
      String resource,
      String unit,
      double fraction,
      double fractionLow,
      double fractionHigh,
      double amount,
      double halfWidth) {}

  private static final class Refusal extends Exception {
    Refusal(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * The figures of the signed-off period: {@link EnpiAnalytics#savings} on the signed-off baseline
   * over the period at the programme's confidence — the computation the period's dossier states.
   */
  private Figures figures(SignedOff s) throws Refusal {
    Map<String, Object> tree;
    try {
      tree =
          analytics.savings(
              Scope.ALL,
              s.enterprise(),
              s.enpi(),
              s.baselineVersion(),
              s.from(),
              s.to(),
              100 * ProgrammeExport.CONFIDENCE,
              null);
    } catch (AnalyticsException | DomainException | NotFoundException e) {
      throw new Refusal(
          "the savings of "
              + s.from()
              + ".."
              + s.to()
              + " could not be computed: "
              + e.getMessage());
    }
    Map<?, ?> split = (Map<?, ?>) tree.get("savings_split");
    Map<?, ?> byCarrier = (Map<?, ?>) tree.get("by_carrier");
    List<?> carriers = byCarrier == null ? null : (List<?>) byCarrier.get("carriers");
    if (carriers == null || carriers.size() != 1) {
      throw new Refusal(
          "EnPI "
              + s.enpi()
              + (carriers == null
                  ? " has no carrier split (" + (byCarrier == null ? "" : byCarrier.get("reason"))
                  : " meters " + carriers.size() + " carriers (")
              + "): the registry records a saving per resource; record it by hand");
    }
    String carrier = (String) ((Map<?, ?>) carriers.get(0)).get("carrier");
    Map<?, ?> band = (Map<?, ?>) ((List<?>) tree.get("targets")).get(0);
    Double fraction = number(split.get("savings_fraction"));
    Double low = number(band.get("fraction_low"));
    Double high = number(band.get("fraction_high"));
    Double amount = number(split.get("savings"));
    Double lowAmount = number(split.get("savings_low"));
    Double highAmount = number(split.get("savings_high"));
    if (fraction == null
        || low == null
        || high == null
        || amount == null
        || lowAmount == null
        || highAmount == null) {
      throw new Refusal(
          "the savings of " + s.from() + ".." + s.to() + " have no fraction or band to record");
    }
    return new Figures(
        carrier,
        (String) byCarrier.get("unit"),
        fraction,
        Math.min(low, fraction),
        Math.max(high, fraction),
        amount,
        Math.abs(highAmount - lowAmount) / 2);
  }

  private static Double number(Object o) {
    return o instanceof Number n && Double.isFinite(n.doubleValue()) ? n.doubleValue() : null;
  }

  private static long insertSaving(Connection c, SignedOff s, long baselineId, Figures f)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO programme_saving (enterprise_id, resource, kind, carrier, unit,"
                + " period_from, period_to, fraction, fraction_low, fraction_high, confidence,"
                + " amount, half_width, money, currency, baseline_id, reference, signoff_id,"
                + " recorded_by, recorded_at)"
                + " VALUES (?, ?, 'energy', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'VND', ?, ?, ?, ?, ?)"
                + " RETURNING saving_id")) {
      int i = 1;
      ps.setLong(i++, s.enterpriseId());
      ps.setString(i++, f.resource());
      ps.setString(i++, f.resource());
      ps.setString(i++, f.unit());
      ps.setObject(i++, s.from());
      ps.setObject(i++, s.to());
      ps.setDouble(i++, f.fraction());
      ps.setDouble(i++, f.fractionLow());
      ps.setDouble(i++, f.fractionHigh());
      ps.setDouble(i++, ProgrammeExport.CONFIDENCE);
      ps.setDouble(i++, f.amount());
      ps.setDouble(i++, f.halfWidth());
      ps.setNull(i++, Types.DOUBLE);
      ps.setLong(i++, baselineId);
      ps.setString(i++, evidence(s));
      ps.setLong(i++, s.id());
      ps.setString(i++, s.account());
      ps.setObject(i, PgProgramme.utc(s.at()));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** The newer sign-off's link, and its figures when they could be computed ({@code f} null). */
  private static void updateSaving(Connection c, SignedOff s, long savingId, Figures f)
      throws SQLException {
    if (f == null) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE programme_saving SET signoff_id = ?, reference = ? WHERE saving_id = ?")) {
        ps.setLong(1, s.id());
        ps.setString(2, evidence(s));
        ps.setLong(3, savingId);
        ps.executeUpdate();
      }
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE programme_saving SET signoff_id = ?, reference = ?, unit = ?, fraction = ?,"
                + " fraction_low = ?, fraction_high = ?, amount = ?, half_width = ?"
                + " WHERE saving_id = ?")) {
      ps.setLong(1, s.id());
      ps.setString(2, evidence(s));
      ps.setString(3, f.unit());
      ps.setDouble(4, f.fraction());
      ps.setDouble(5, f.fractionLow());
      ps.setDouble(6, f.fractionHigh());
      ps.setDouble(7, f.amount());
      ps.setDouble(8, f.halfWidth());
      ps.setLong(9, savingId);
      ps.executeUpdate();
    }
  }

  /** The facility's "savings verified" step naming the saving, not withdrawn. */
  private static Optional<Long> openStep(Connection c, long enterpriseId, long savingId)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT step_id FROM programme_cp_step WHERE enterprise_id = ?"
                + " AND stage = 'savings_verified' AND saving_id = ? AND withdrawn_on IS NULL"
                + " ORDER BY step_id LIMIT 1")) {
      ps.setLong(1, enterpriseId);
      ps.setLong(2, savingId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
      }
    }
  }

  // ---- not verified ----

  /**
   * Withdraws the open "savings verified" steps of the facility whose saving, computed on a
   * baseline of this EnPI, no sign-off verifies any more (the {@link ProgrammeExport#SIGNOFF} rule,
   * read in this transaction after the supersession).
   */
  private Map<String, Object> notVerified(Connection c, SignedOff s, LocalDate on)
      throws SQLException {
    List<Long> steps = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT st.step_id FROM programme_cp_step st"
                + " JOIN programme_saving x ON x.saving_id = st.saving_id"
                + " JOIN enpi_baseline b ON b.baseline_id = x.baseline_id"
                + ProgrammeExport.SIGNOFF
                + " WHERE st.enterprise_id = ? AND st.stage = 'savings_verified'"
                + " AND st.withdrawn_on IS NULL AND b.enpi_id = ? AND so.signed_at IS NULL"
                + " ORDER BY st.step_id")) {
      ps.setLong(1, s.enterpriseId());
      ps.setLong(2, s.enpiId());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          steps.add(rs.getLong(1));
        }
      }
    }
    if (steps.isEmpty()) {
      return refused(
          "no 'savings verified' step of "
              + s.enterprise()
              + " rests on a verification of EnPI "
              + s.enpi()
              + " that this opinion withdraws: nothing to withdraw");
    }
    List<Object> withdrawn = new ArrayList<>();
    for (long stepId : steps) {
      Map<String, Object> before = ProgrammeExport.step(c, stepId);
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE programme_cp_step SET withdrawn_on = ?, withdrawn_by = ?,"
                  + " withdrawn_signoff_id = ?, withdrawn_reason = ? WHERE step_id = ?")) {
        ps.setObject(1, on);
        ps.setString(2, s.account());
        ps.setLong(3, s.id());
        ps.setString(4, s.comments());
        ps.setLong(5, stepId);
        ps.executeUpdate();
      }
      Map<String, Object> after = ProgrammeExport.step(c, stepId);
      audit(c, s, s.enterprise() + "/cp-steps/" + stepId, before, after);
      withdrawn.add(after);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("recorded", true);
    out.put("step_action", "withdrawn");
    out.put("withdrawn", withdrawn);
    return out;
  }

  // ---- common ----

  private static boolean registered(Connection c, long enterpriseId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT 1 FROM programme_facility WHERE enterprise_id = ?")) {
      ps.setLong(1, enterpriseId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** The step's evidence: the sign-off, its opinion, EnPI, baseline, period and dossier hash. */
  static String evidence(SignedOff s) {
    return "period sign-off "
        + s.id()
        + " ("
        + s.opinion().wire()
        + ") of EnPI "
        + s.enpi()
        + ", baseline version "
        + s.baselineVersion()
        + ", "
        + s.from()
        + ".."
        + s.to()
        + "; dossier SHA-256 "
        + s.dossierSha256();
  }

  private static Map<String, Object> refused(String reason) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("recorded", false);
    out.put("reason", reason);
    return out;
  }

  private static void audit(Connection c, SignedOff s, String target, Object before, Object after)
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
            target,
            s.actor().clientIp(),
            "follows " + evidence(s),
            Json.encode(before),
            Json.encode(after)));
  }
}
