package org.energytrace.ingest.programme;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.energytrace.ingest.audit.AuditEntry;
import org.energytrace.ingest.audit.PgAuditLog;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.tenant.Scope;

/**
 * What the registry's facilities declare, in PostgreSQL: their energy of a year per carrier and
 * their savings, each change audited ({@code programme.energy.declare}, {@code
 * programme.saving.record}). Part of {@link PgProgramme}; blocking: call from worker threads.
 */
public final class PgDeclarations {

  private final PgProgramme registry;

  PgDeclarations(PgProgramme registry) {
    this.registry = registry;
  }

  /** Replaces the energy the facility declared for {@code year}. */
  public List<Map<String, Object>> putEnergy(
      Who who, Scope scope, String enterprise, int year, List<Inputs.Energy> rows, Instant now) {
    return registry.transaction(
        "writing declared energy of " + enterprise,
        c -> {
          long id = PgProgramme.registered(c, scope, enterprise);
          List<Map<String, Object>> before = declared(c, id, year);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "DELETE FROM programme_energy WHERE enterprise_id = ? AND year = ?")) {
            ps.setLong(1, id);
            ps.setInt(2, year);
            ps.executeUpdate();
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO programme_energy (enterprise_id, year, carrier, unit, amount,"
                      + " declared_by, declared_at) VALUES (?,?,?,?,?,?,?)")) {
            for (Inputs.Energy e : rows) {
              ps.setLong(1, id);
              ps.setInt(2, year);
              ps.setString(3, e.carrier());
              ps.setString(4, e.unit());
              ps.setDouble(5, e.amount());
              ps.setString(6, who.subject());
              ps.setObject(7, PgProgramme.utc(now));
              ps.addBatch();
            }
            ps.executeBatch();
          }
          List<Map<String, Object>> after = declared(c, id, year);
          // the declared rows are a list, which PgAuditLog.change (objects) does not take
          PgAuditLog.record(
              c,
              new AuditEntry(
                  now,
                  who.subject(),
                  who.auditRole(),
                  "programme.energy.declare",
                  AuditEntry.Outcome.SUCCESS,
                  enterprise,
                  enterprise + "/energy/" + year,
                  who.clientIp(),
                  null,
                  Json.encode(before),
                  Json.encode(after)));
          return after;
        });
  }

  private static List<Map<String, Object>> declared(Connection c, long id, int year)
      throws SQLException {
    List<Map<String, Object>> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT carrier, unit, amount FROM programme_energy WHERE enterprise_id = ?"
                + " AND year = ? ORDER BY carrier")) {
      ps.setLong(1, id);
      ps.setInt(2, year);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("carrier", rs.getString(1));
          m.put("unit", rs.getString(2));
          m.put("amount", rs.getDouble(3));
          out.add(m);
        }
      }
    }
    return out;
  }

  /**
   * Records a saving (one per facility, resource and period: 409 for a second). The EnPI baseline
   * it names must exist for the facility (409 naming {@code baseline_version}).
   */
  public Map<String, Object> recordSaving(
      Who who, Scope scope, String enterprise, Inputs.Saving s, Instant now) {
    return registry.transaction(
        "recording a saving of " + enterprise,
        c -> {
          long id = PgProgramme.registered(c, scope, enterprise);
          Long baseline = null;
          if (s.enpi() != null) {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "SELECT b.baseline_id FROM enpi_baseline b JOIN enpi x USING (enpi_id)"
                        + " WHERE b.enterprise_id = ? AND x.code = ? AND b.version = ?")) {
              ps.setLong(1, id);
              ps.setString(2, s.enpi());
              ps.setInt(3, s.baselineVersion());
              try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                  throw DomainException.conflict(
                      "baseline_version",
                      "EnPI "
                          + s.enpi()
                          + " of "
                          + enterprise
                          + " has no baseline version "
                          + s.baselineVersion());
                }
                baseline = rs.getLong(1);
              }
            }
          }
          long savingId;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO programme_saving (enterprise_id, resource, kind, carrier, unit,"
                      + " period_from, period_to, fraction, fraction_low, fraction_high,"
                      + " confidence, amount, half_width, money, currency, baseline_id, reference,"
                      + " recorded_by, recorded_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
                      + " ON CONFLICT (enterprise_id, resource, period_from, period_to) DO NOTHING"
                      + " RETURNING saving_id")) {
            int i = 1;
            ps.setLong(i++, id);
            ps.setString(i++, s.resource());
            ps.setString(i++, s.kind());
            ps.setString(i++, s.carrier());
            ps.setString(i++, s.unit());
            ps.setObject(i++, s.from());
            ps.setObject(i++, s.to());
            ps.setDouble(i++, s.fraction());
            ps.setDouble(i++, s.fractionLow());
            ps.setDouble(i++, s.fractionHigh());
            ps.setDouble(i++, s.confidence());
            ps.setDouble(i++, s.amount());
            ps.setDouble(i++, s.halfWidth());
            ps.setObject(i++, s.money(), Types.DOUBLE);
            ps.setString(i++, s.currency());
            ps.setObject(i++, baseline, Types.BIGINT);
            ps.setString(i++, s.reference());
            ps.setString(i++, who.subject());
            ps.setObject(i, PgProgramme.utc(now));
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                throw DomainException.conflict(
                    "resource",
                    "a saving of "
                        + s.resource()
                        + " over "
                        + s.from()
                        + ".."
                        + s.to()
                        + " is already recorded");
              }
              savingId = rs.getLong(1);
            }
          }
          Map<String, Object> after = RegistryRows.saving(c, savingId);
          PgAuditLog.change(
              c,
              who,
              now,
              "programme.saving.record",
              enterprise,
              enterprise + "/savings/" + savingId,
              null,
              null,
              new JsonObject(after));
          return after;
        });
  }
}
