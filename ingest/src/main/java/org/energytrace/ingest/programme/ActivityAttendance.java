package org.energytrace.ingest.programme;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.energytrace.ingest.auth.Who;
import org.energytrace.ingest.jdbc.Sql;

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
      Sql.update(
          c,
          "INSERT INTO programme_officer (enterprise_id, code, name, updated_by, updated_at)"
              + " VALUES (?,?,?,?,?)",
          id,
          Sql.text(officer),
          Sql.text(name),
          who.subject(),
          now);
      PgCpOfficers.audited(c, who, "programme.officer.create", enterprise, id, officer, null, now);
      wrote = true;
    }
    Map<String, Object> officerBefore = RegistryRows.officer(c, id, officer).orElseThrow();
    if (Sql.update(
            c,
            "INSERT INTO programme_training (officer_id, course, training_date, completed,"
                + " recorded_by, recorded_at) SELECT officer_id, ?, ?, true, ?, ?"
                + " FROM programme_officer WHERE enterprise_id = ? AND code = ?"
                + " ON CONFLICT (officer_id, course, training_date) DO NOTHING",
            Sql.text(course),
            date,
            who.subject(),
            now,
            id,
            Sql.text(officer))
        == 0) {
      return wrote;
    }
    PgCpOfficers.audited(
        c, who, "programme.training.record", enterprise, id, officer, officerBefore, now);
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
    if (Sql.first(
            c,
            "SELECT 1 FROM programme_cp_step WHERE enterprise_id = ? AND stage = 'aware'",
            Sql.args(id),
            rs -> true)
        .isPresent()) {
      return false;
    }
    long stepId =
        Sql.one(
            c,
            "INSERT INTO programme_cp_step (enterprise_id, stage, step_date, detail, recorded_by,"
                + " recorded_at) VALUES (?, 'aware', ?, ?, ?, ?) RETURNING step_id",
            Sql.args(id, date, Sql.text(how), who.subject(), now),
            rs -> rs.getLong(1));
    PgCpSteps.recorded(c, who, enterprise, stepId, now);
    return true;
  }
}
