package org.energytrace.ingest.enpi;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.energytrace.analytics.domain.MeterTerm;
import org.energytrace.ingest.audit.AuditEntry;
import org.energytrace.ingest.audit.PgAuditLog;
import org.energytrace.ingest.enpi.PgEnpiStore.Author;

/**
 * The versions of an EnPI's definition (docs/verification.md §1.4; V67): the newest version, a
 * stored one, the definition as it stands now, and a new version (audited as {@code enpi.version})
 * when the definition changed. Each runs on the caller's connection, inside its transaction.
 */
final class EnpiVersions {
  private EnpiVersions() {}

  /** The newest version of an EnPI (0 when it has none). */
  static int currentVersion(Connection c, long enpiId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT coalesce(max(version), 0) FROM enpi_version WHERE enpi_id = ?")) {
      ps.setLong(1, enpiId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  static JsonObject version(Connection c, long enpiId, int version) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT definition::text FROM enpi_version WHERE enpi_id = ? AND version = ?")) {
      ps.setLong(1, enpiId);
      ps.setInt(2, version);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? new JsonObject(rs.getString(1)) : null;
      }
    }
  }

  /**
   * The EnPI's definition as stored now, in the form of {@code enpi_version.definition} (the same
   * form migration V67 builds in SQL).
   */
  static JsonObject definition(Connection c, long enpiId) throws SQLException {
    JsonObject d = new JsonObject();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT name, scope_level, scope_ref, basis FROM enpi WHERE enpi_id = ?")) {
      ps.setLong(1, enpiId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        d.put("name", rs.getString(1))
            .put(
                "scope", new JsonObject().put("level", rs.getString(2)).put("ref", rs.getString(3)))
            .put("basis", rs.getString(4));
      }
    }
    JsonArray meters = new JsonArray();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT m.code, em.sign, m.carrier, m.energy_unit, m.role, coalesce(m.boundary, ''),"
                + " m.energy_channel FROM enpi_meter em JOIN meter m USING (meter_id)"
                + " WHERE em.enpi_id = ? ORDER BY em.position")) {
      ps.setLong(1, enpiId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          meters.add(
              new JsonObject()
                  .put("meter", rs.getString(1))
                  .put("sign", rs.getInt(2))
                  .put("carrier", rs.getString(3))
                  .put("unit", rs.getString(4))
                  .put("role", rs.getString(5))
                  .put("boundary", rs.getString(6))
                  .put("channel", rs.getString(7)));
        }
      }
    }
    d.put("meters", meters);
    d.put("products", new JsonArray(products(c, enpiId)));
    return d;
  }

  /**
   * Stores the EnPI's definition as a new version when it differs from the newest one (compared as
   * jsonb: structurally), audited as {@code enpi.version} in the caller's transaction. Returns the
   * current version.
   */
  static int newVersionIfChanged(
      Connection c, String enterprise, long enpiId, String enpi, Author author, Instant now)
      throws SQLException {
    JsonObject d = definition(c, enpiId);
    int current = currentVersion(c, enpiId);
    JsonObject before = current == 0 ? null : version(c, enpiId, current);
    if (before != null) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT definition = ?::jsonb FROM enpi_version WHERE enpi_id = ? AND version = ?")) {
        ps.setString(1, d.encode());
        ps.setLong(2, enpiId);
        ps.setInt(3, current);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          if (rs.getBoolean(1)) {
            return current;
          }
        }
      }
    }
    int next = current + 1;
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO enpi_version (enpi_id, version, definition, created_by, created_at)"
                + " VALUES (?, ?, ?::jsonb, ?, ?)")) {
      ps.setLong(1, enpiId);
      ps.setInt(2, next);
      ps.setString(3, d.encode());
      ps.setString(4, author.subject());
      ps.setObject(5, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
      ps.executeUpdate();
    }
    PgAuditLog.record(
        c,
        new AuditEntry(
            now,
            author.subject(),
            author.role(),
            "enpi.version",
            AuditEntry.Outcome.SUCCESS,
            enterprise,
            // the EnPI's target: the change is in its dossiers' audit.csv
            enterprise + "/" + enpi,
            author.clientIp(),
            "version "
                + next
                + (current == 0
                    ? ""
                    : " replaces version "
                        + current
                        + ": baselines of version "
                        + current
                        + " keep computing on it; version "
                        + next
                        + " needs a baseline of its own, approved"),
            before == null ? null : before.encode(),
            d.encode()));
    return next;
  }

  static List<MeterTerm> terms(Connection c, long enpiId) throws SQLException {
    List<MeterTerm> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT m.code, em.sign FROM enpi_meter em JOIN meter m USING (meter_id)"
                + " WHERE em.enpi_id = ? ORDER BY em.position")) {
      ps.setLong(1, enpiId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new MeterTerm(rs.getString(1), rs.getInt(2)));
        }
      }
    }
    return out;
  }

  static List<String> products(Connection c, long enpiId) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT p.code FROM enpi_product ep JOIN product p USING (product_id)"
                + " WHERE ep.enpi_id = ? ORDER BY ep.position")) {
      ps.setLong(1, enpiId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }
}
