package org.energytrace.ingest.enpi;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.energytrace.analytics.domain.MeterTerm;
import org.energytrace.ingest.audit.AuditEntry;
import org.energytrace.ingest.audit.PgAuditLog;
import org.energytrace.ingest.enpi.PgEnpiStore.Author;
import org.energytrace.ingest.jdbc.Sql;

/**
 * The versions of an EnPI's definition (docs/verification.md §1.4; V67): the newest version, a
 * stored one, the definition as it stands now, and a new version (audited as {@code enpi.version})
 * when the definition changed. Each runs on the caller's connection, inside its transaction.
 */
final class EnpiVersions {
  private EnpiVersions() {}

  /** The newest version of an EnPI (0 when it has none). */
  static int currentVersion(Connection c, long enpiId) throws SQLException {
    return Sql.one(
        c,
        "SELECT coalesce(max(version), 0) FROM enpi_version WHERE enpi_id = ?",
        Sql.args(enpiId),
        rs -> rs.getInt(1));
  }

  static JsonObject version(Connection c, long enpiId, int version) throws SQLException {
    return Sql.first(
            c,
            "SELECT definition::text FROM enpi_version WHERE enpi_id = ? AND version = ?",
            Sql.args(enpiId, version),
            rs -> new JsonObject(rs.getString(1)))
        .orElse(null);
  }

  /**
   * The EnPI's definition as stored now, in the form of {@code enpi_version.definition} (the same
   * form migration V67 builds in SQL).
   */
  static JsonObject definition(Connection c, long enpiId) throws SQLException {
    JsonObject d =
        Sql.one(
            c,
            "SELECT name, scope_level, scope_ref, basis FROM enpi WHERE enpi_id = ?",
            Sql.args(enpiId),
            rs ->
                new JsonObject()
                    .put("name", rs.getString(1))
                    .put(
                        "scope",
                        new JsonObject().put("level", rs.getString(2)).put("ref", rs.getString(3)))
                    .put("basis", rs.getString(4)));
    List<JsonObject> meters =
        Sql.list(
            c,
            "SELECT m.code, em.sign, m.carrier, m.energy_unit, m.role, coalesce(m.boundary, ''),"
                + " m.energy_channel FROM enpi_meter em JOIN meter m USING (meter_id)"
                + " WHERE em.enpi_id = ? ORDER BY em.position",
            Sql.args(enpiId),
            rs ->
                new JsonObject()
                    .put("meter", rs.getString(1))
                    .put("sign", rs.getInt(2))
                    .put("carrier", rs.getString(3))
                    .put("unit", rs.getString(4))
                    .put("role", rs.getString(5))
                    .put("boundary", rs.getString(6))
                    .put("channel", rs.getString(7)));
    d.put("meters", new JsonArray(meters));
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
    if (before != null
        && Sql.one(
            c,
            "SELECT definition = ?::jsonb FROM enpi_version WHERE enpi_id = ? AND version = ?",
            Sql.args(d.encode(), enpiId, current),
            rs -> rs.getBoolean(1))) {
      return current;
    }
    int next = current + 1;
    Sql.update(
        c,
        "INSERT INTO enpi_version (enpi_id, version, definition, created_by, created_at)"
            + " VALUES (?, ?, ?::jsonb, ?, ?)",
        enpiId,
        next,
        d.encode(),
        Sql.text(author.subject()),
        now);
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
    return Sql.list(
        c,
        "SELECT m.code, em.sign FROM enpi_meter em JOIN meter m USING (meter_id)"
            + " WHERE em.enpi_id = ? ORDER BY em.position",
        Sql.args(enpiId),
        rs -> new MeterTerm(rs.getString(1), rs.getInt(2)));
  }

  static List<String> products(Connection c, long enpiId) throws SQLException {
    return Sql.list(
        c,
        "SELECT p.code FROM enpi_product ep JOIN product p USING (product_id)"
            + " WHERE ep.enpi_id = ? ORDER BY ep.position",
        Sql.args(enpiId),
        rs -> rs.getString(1));
  }
}
