package org.energytrace.ingest.programme;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.energytrace.ingest.audit.PgAuditLog;

/**
 * The programme's entry point for the CP section's activities (issue 18): attending a training
 * course gives the attendee's CP officer a training record, attending an awareness activity records
 * the facility's "aware" step. Both run inside the caller's transaction, are audited as the
 * programme's own writes ({@code programme.officer.create}, {@code programme.training.record},
 * {@code programme.cp_step.record}) and are idempotent: what is recorded already writes nothing.
 */
public final class ActivityAttendance {
  private ActivityAttendance() {}

  /** The registry id of {@code enterprise}'s facility, empty when it is not in the registry. */
  public static Optional<Long> facility(Connection c, String enterprise) throws SQLException {
    return PgProgramme.inRegistry(c, enterprise);
  }

  /**
   * A completed course {@code course} on {@code date} for CP officer {@code officer} of the
   * facility (registered with {@code name} when it is not yet).
   *
   * @return whether anything was written
   */
  public static boolean recordTraining(
      Connection c,
      Who who,
      String enterprise,
      String officer,
      String name,
      String course,
      LocalDate date,
      Instant now)
      throws SQLException {
    long id = facility(c, enterprise).orElseThrow();
    boolean wrote = false;
    Optional<Map<String, Object>> before = RegistryRows.officer(c, id, officer);
    if (before.isEmpty()) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO programme_officer (enterprise_id, code, name, updated_by, updated_at)"
                  + " VALUES (?,?,?,?,?)")) {
        ps.setLong(1, id);
        ps.setString(2, officer);
        ps.setString(3, name);
        ps.setString(4, who.subject());
        ps.setObject(5, PgProgramme.utc(now));
        ps.executeUpdate();
      }
      PgAuditLog.change(
          c,
          who,
          now,
          "programme.officer.create",
          enterprise,
          enterprise + "/officers/" + officer,
          null,
          null,
          new JsonObject(RegistryRows.officer(c, id, officer).orElseThrow()));
      wrote = true;
    }
    Map<String, Object> officerBefore = RegistryRows.officer(c, id, officer).orElseThrow();
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO programme_training (officer_id, course, training_date, completed,"
                + " recorded_by, recorded_at) SELECT officer_id, ?, ?, true, ?, ?"
                + " FROM programme_officer WHERE enterprise_id = ? AND code = ?"
                + " ON CONFLICT (officer_id, course, training_date) DO NOTHING")) {
      ps.setString(1, course);
      ps.setObject(2, date);
      ps.setString(3, who.subject());
      ps.setObject(4, PgProgramme.utc(now));
      ps.setLong(5, id);
      ps.setString(6, officer);
      if (ps.executeUpdate() == 0) {
        return wrote;
      }
    }
    PgAuditLog.change(
        c,
        who,
        now,
        "programme.training.record",
        enterprise,
        enterprise + "/officers/" + officer,
        null,
        new JsonObject(officerBefore),
        new JsonObject(RegistryRows.officer(c, id, officer).orElseThrow()));
    return true;
  }

  /**
   * The facility's "aware" step on {@code date}, reached by {@code how} (workshop, visit or
   * material), unless it has an aware step already.
   *
   * @return whether the step was recorded
   */
  public static boolean recordAware(
      Connection c, Who who, String enterprise, String how, LocalDate date, Instant now)
      throws SQLException {
    long id = facility(c, enterprise).orElseThrow();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT 1 FROM programme_cp_step WHERE enterprise_id = ? AND stage = 'aware'")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          return false;
        }
      }
    }
    long stepId;
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO programme_cp_step (enterprise_id, stage, step_date, detail, recorded_by,"
                + " recorded_at) VALUES (?, 'aware', ?, ?, ?, ?) RETURNING step_id")) {
      ps.setLong(1, id);
      ps.setObject(2, date);
      ps.setString(3, how);
      ps.setString(4, who.subject());
      ps.setObject(5, PgProgramme.utc(now));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        stepId = rs.getLong(1);
      }
    }
    PgCpSteps.recorded(c, who, enterprise, stepId, now);
    return true;
  }
}
