package org.energytrace.ingest.programme;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.energytrace.ingest.audit.PgAuditLog;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.errors.NotFoundException;

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
          long userId;
          try (PreparedStatement ps =
              c.prepareStatement("SELECT user_id, role FROM app_user WHERE username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                throw new NotFoundException("no account " + username);
              }
              String expected =
                  area.kind().equals("district") ? "district_officer" : "park_officer";
              if (!expected.equals(rs.getString(2))) {
                throw DomainException.conflict(
                    area.kind().equals("district") ? "districts" : "parks",
                    username
                        + " is a "
                        + rs.getString(2)
                        + "; only a "
                        + expected
                        + " has "
                        + (area.kind().equals("district") ? "districts" : "industrial parks"));
              }
              userId = rs.getLong(1);
            }
          }
          Map<String, Object> before = area(c, userId);
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM programme_officer_area WHERE user_id = ?")) {
            ps.setLong(1, userId);
            ps.executeUpdate();
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO programme_officer_area (user_id, kind, name) VALUES (?, ?, ?)"
                      + " ON CONFLICT DO NOTHING")) {
            for (String n : area.names()) {
              ps.setLong(1, userId);
              ps.setString(2, area.kind());
              ps.setString(3, n);
              ps.addBatch();
            }
            ps.executeBatch();
          }
          Map<String, Object> after = area(c, userId);
          after.put("username", username);
          PgAuditLog.change(
              c,
              who,
              now,
              "programme.area.update",
              null,
              username,
              null,
              new JsonObject(before),
              new JsonObject(after));
          return after;
        });
  }

  private static Map<String, Object> area(Connection c, long userId) throws SQLException {
    List<String> districts = new ArrayList<>();
    List<String> parks = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT kind, name FROM programme_officer_area WHERE user_id = ? ORDER BY name")) {
      ps.setLong(1, userId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          (rs.getString(1).equals("district") ? districts : parks).add(rs.getString(2));
        }
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("districts", districts);
    m.put("parks", parks);
    return m;
  }
}
