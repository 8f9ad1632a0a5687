package org.energytrace.ingest.programme;

import io.vertx.core.json.JsonObject;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.energytrace.ingest.audit.PgAuditLog;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.errors.NotFoundException;
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
    return registry.transaction(
        "writing CP officer " + code,
        c -> {
          long id = PgProgramme.registered(c, scope, enterprise);
          Optional<Map<String, Object>> before = RegistryRows.officer(c, id, code);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO programme_officer (enterprise_id, code, name, appointed_on, email,"
                      + " phone, updated_by, updated_at) VALUES (?,?,?,?,?,?,?,?)"
                      + " ON CONFLICT (enterprise_id, code) DO UPDATE SET name = EXCLUDED.name,"
                      + " appointed_on = EXCLUDED.appointed_on, email = EXCLUDED.email,"
                      + " phone = EXCLUDED.phone, updated_by = EXCLUDED.updated_by,"
                      + " updated_at = EXCLUDED.updated_at")) {
            ps.setLong(1, id);
            ps.setString(2, code);
            ps.setString(3, o.name());
            ps.setObject(4, o.appointedOn());
            ps.setString(5, o.email());
            ps.setString(6, o.phone());
            ps.setString(7, who.subject());
            ps.setObject(8, PgProgramme.utc(now));
            ps.executeUpdate();
          }
          Map<String, Object> after = RegistryRows.officer(c, id, code).orElseThrow();
          PgAuditLog.change(
              c,
              who,
              now,
              before.isEmpty() ? "programme.officer.create" : "programme.officer.update",
              enterprise,
              enterprise + "/officers/" + code,
              null,
              before.map(JsonObject::new).orElse(null),
              new JsonObject(after));
          return after;
        });
  }

  /** Records a course officer {@code code} took (the same course on the same day: 409). */
  public Map<String, Object> recordTraining(
      Who who, Scope scope, String enterprise, String code, Inputs.Training t, Instant now) {
    return registry.transaction(
        "recording training of " + code,
        c -> {
          long id = PgProgramme.registered(c, scope, enterprise);
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
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO programme_training (officer_id, course, training_date, certificate,"
                      + " completed, recorded_by, recorded_at) SELECT officer_id, ?, ?, ?, ?, ?, ?"
                      + " FROM programme_officer WHERE enterprise_id = ? AND code = ?"
                      + " ON CONFLICT (officer_id, course, training_date) DO NOTHING")) {
            ps.setString(1, t.course());
            ps.setObject(2, t.date());
            ps.setString(3, t.certificate());
            ps.setBoolean(4, t.completed());
            ps.setString(5, who.subject());
            ps.setObject(6, PgProgramme.utc(now));
            ps.setLong(7, id);
            ps.setString(8, code);
            if (ps.executeUpdate() == 0) {
              throw DomainException.conflict(
                  "course", "course '" + t.course() + "' on " + t.date() + " is already recorded");
            }
          }
          Map<String, Object> after = RegistryRows.officer(c, id, code).orElseThrow();
          PgAuditLog.change(
              c,
              who,
              now,
              "programme.training.record",
              enterprise,
              enterprise + "/officers/" + code,
              null,
              new JsonObject(before),
              new JsonObject(after));
          return after;
        });
  }
}
