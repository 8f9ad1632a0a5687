package org.energytrace.ingest.programme;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.energytrace.ingest.auth.Who;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.errors.NotFoundException;
import org.energytrace.ingest.jdbc.Sql;

/**
 * The area officers' areas in PostgreSQL: a district officer's districts, a park officer's
 * industrial parks (audited as {@code programme.area.update}). Part of {@link PgProgramme};
 * blocking: call from worker threads.
 */
public final class PgOfficerAreas {

  private final PgProgramme registry;

  PgOfficerAreas(PgProgramme registry) {
    this.registry = registry;
  }

  /**
   * Sets the districts of a {@code district_officer} or the industrial parks of a {@code
   * park_officer} (the account is created by {@code putUser}); 404 for no such account, 409 when
   * its role is not the one of the area's kind.
   */
  public Map<String, Object> putArea(Who who, String username, Inputs.Area area, Instant now) {
    return registry.transaction(
        "writing the area of " + username,
        c -> {
          Account account =
              Sql.first(
                      c,
                      "SELECT user_id, role FROM app_user WHERE username = ?",
                      Sql.args(Sql.text(username)),
                      rs -> new Account(rs.getLong(1), rs.getString(2)))
                  .orElseThrow(() -> new NotFoundException("no account " + username));
          String expected = area.kind().equals("district") ? "district_officer" : "park_officer";
          if (!expected.equals(account.role())) {
            throw DomainException.conflict(
                area.kind().equals("district") ? "districts" : "parks",
                username
                    + " is a "
                    + account.role()
                    + "; only a "
                    + expected
                    + " has "
                    + (area.kind().equals("district") ? "districts" : "industrial parks"));
          }
          long userId = account.id();
          Map<String, Object> before = area(c, userId);
          Sql.update(c, "DELETE FROM programme_officer_area WHERE user_id = ?", userId);
          Sql.batch(
              c,
              "INSERT INTO programme_officer_area (user_id, kind, name) VALUES (?, ?, ?)"
                  + " ON CONFLICT DO NOTHING",
              area.names(),
              (ps, n) -> Sql.bind(ps, 1, userId, Sql.text(area.kind()), Sql.text(n)));
          Map<String, Object> after = area(c, userId);
          after.put("username", username);
          PgProgramme.audit(c, who, "programme.area.update", null, username, before, after, now);
          return after;
        });
  }

  /** An account: its id and role. */
  private record Account(long id, String role) {}

  private static Map<String, Object> area(Connection c, long userId) throws SQLException {
    List<String> districts = new ArrayList<>();
    List<String> parks = new ArrayList<>();
    for (String[] kindName :
        Sql.list(
            c,
            "SELECT kind, name FROM programme_officer_area WHERE user_id = ? ORDER BY name",
            Sql.args(userId),
            rs -> new String[] {rs.getString(1), rs.getString(2)})) {
      (kindName[0].equals("district") ? districts : parks).add(kindName[1]);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("districts", districts);
    m.put("parks", parks);
    return m;
  }
}
