package org.energytrace.ingest.programme;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.energytrace.ingest.auth.Who;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.errors.NotFoundException;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.tenant.Scope;

/**
 * The CP officers of the registry's facilities and their training in PostgreSQL, each change
 * audited ({@code programme.officer.*}, {@code programme.training.record}). Part of {@link
 * PgProgramme}; blocking: call from worker threads.
 */
public final class PgCpOfficers {

  private final PgProgramme registry;

  PgCpOfficers(PgProgramme registry) {
    this.registry = registry;
  }

  /** Creates or updates CP officer {@code code} of the facility; returns it with its training. */
  public Map<String, Object> putOfficer(
      Who who, Scope scope, String enterprise, String code, Inputs.Officer o, Instant now) {
    return registry.onFacility(
        "writing CP officer " + code,
        scope,
        enterprise,
        (c, id) -> {
          Optional<Map<String, Object>> before = RegistryRows.officer(c, id, code);
          Sql.update(
              c,
              "INSERT INTO programme_officer (enterprise_id, code, name, appointed_on, email,"
                  + " phone, updated_by, updated_at) VALUES (?,?,?,?,?,?,?,?)"
                  + " ON CONFLICT (enterprise_id, code) DO UPDATE SET name = EXCLUDED.name,"
                  + " appointed_on = EXCLUDED.appointed_on, email = EXCLUDED.email,"
                  + " phone = EXCLUDED.phone, updated_by = EXCLUDED.updated_by,"
                  + " updated_at = EXCLUDED.updated_at",
              id,
              Sql.text(code),
              Sql.text(o.name()),
              o.appointedOn(),
              Sql.text(o.email()),
              Sql.text(o.phone()),
              who.subject(),
              now);
          return audited(
              c,
              who,
              before.isEmpty() ? "programme.officer.create" : "programme.officer.update",
              enterprise,
              id,
              code,
              before.orElse(null),
              now);
        });
  }

  /** Records a course officer {@code code} took (the same course on the same day: 409). */
  public Map<String, Object> recordTraining(
      Who who, Scope scope, String enterprise, String code, Inputs.Training t, Instant now) {
    return registry.onFacility(
        "recording training of " + code,
        scope,
        enterprise,
        (c, id) -> {
          Map<String, Object> before =
              RegistryRows.officer(c, id, code)
                  .orElseThrow(
                      () ->
                          new NotFoundException(
                              "no CP officer "
                                  + code
                                  + " of "
                                  + enterprise
                                  + "; register it first"));
          if (Sql.update(
                  c,
                  "INSERT INTO programme_training (officer_id, course, training_date, certificate,"
                      + " completed, recorded_by, recorded_at) SELECT officer_id, ?, ?, ?, ?, ?, ?"
                      + " FROM programme_officer WHERE enterprise_id = ? AND code = ?"
                      + " ON CONFLICT (officer_id, course, training_date) DO NOTHING",
                  Sql.text(t.course()),
                  t.date(),
                  Sql.text(t.certificate()),
                  t.completed(),
                  who.subject(),
                  now,
                  id,
                  Sql.text(code))
              == 0) {
            throw DomainException.conflict(
                "course", "course '" + t.course() + "' on " + t.date() + " is already recorded");
          }
          return audited(c, who, "programme.training.record", enterprise, id, code, before, now);
        });
  }

  /**
   * Audits a change of CP officer {@code code} of the facility {@code id} as {@code action}: the
   * officer with its training as read now, after {@code before} (null: just created); returns it.
   */
  static Map<String, Object> audited(
      Connection c,
      Who who,
      String action,
      String enterprise,
      long id,
      String code,
      Map<String, Object> before,
      Instant now)
      throws SQLException {
    Map<String, Object> after = RegistryRows.officer(c, id, code).orElseThrow();
    PgProgramme.audit(
        c, who, action, enterprise, enterprise + "/officers/" + code, before, after, now);
    return after;
  }
}
