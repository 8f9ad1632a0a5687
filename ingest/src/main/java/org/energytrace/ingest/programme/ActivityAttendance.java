package org.energytrace.ingest.programme;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

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
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT e.enterprise_id FROM enterprise e JOIN programme_facility f"
                + " USING (enterprise_id) WHERE e.code = ?")) {
      ps.setString(1, enterprise);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
      }
    }
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
    Optional<Map<String, Object>> before = ProgrammeExport.officer(c, id, officer);
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
      PgProgramme.audit(
          c,
          who,
          "programme.officer.create",
          enterprise,
          enterprise + "/officers/" + officer,
          null,
          ProgrammeExport.officer(c, id, officer).orElseThrow(),
          now);
      wrote = true;
    }
    Map<String, Object> officerBefore = ProgrammeExport.officer(c, id, officer).orElseThrow();
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
    PgProgramme.audit(
        c,
        who,
        "programme.training.record",
        enterprise,
        enterprise + "/officers/" + officer,
        officerBefore,
        ProgrammeExport.officer(c, id, officer).orElseThrow(),
        now);
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
    PgProgramme.audit(
        c,
        who,
        "programme.cp_step.record",
        enterprise,
        enterprise + "/cp-steps/" + stepId,
        null,
        ProgrammeExport.step(c, stepId),
        now);
    return true;
  }
}
