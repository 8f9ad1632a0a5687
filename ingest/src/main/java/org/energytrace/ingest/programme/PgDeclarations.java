package org.energytrace.ingest.programme;

import io.vertx.core.json.Json;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.energytrace.ingest.audit.AuditEntry;
import org.energytrace.ingest.audit.PgAuditLog;
import org.energytrace.ingest.auth.Who;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.jdbc.Sql;
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
    return registry.onFacility(
        "writing declared energy of " + enterprise,
        scope,
        enterprise,
        (c, id) -> {
          List<Map<String, Object>> before = declared(c, id, year);
          Sql.update(
              c, "DELETE FROM programme_energy WHERE enterprise_id = ? AND year = ?", id, year);
          Sql.batch(
              c,
              "INSERT INTO programme_energy (enterprise_id, year, carrier, unit, amount,"
                  + " declared_by, declared_at) VALUES (?,?,?,?,?,?,?)",
              rows,
              (ps, e) ->
                  Sql.bind(
                      ps,
                      1,
                      id,
                      year,
                      Sql.text(e.carrier()),
                      Sql.text(e.unit()),
                      e.amount(),
                      who.subject(),
                      now));
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
    return Sql.list(
        c,
        "SELECT carrier, unit, amount FROM programme_energy WHERE enterprise_id = ?"
            + " AND year = ? ORDER BY carrier",
        Sql.args(id, year),
        rs -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("carrier", rs.getString(1));
          m.put("unit", rs.getString(2));
          m.put("amount", rs.getDouble(3));
          return m;
        });
  }

  /**
   * Records a saving (one per facility, resource and period, and an energy saving one per carrier
   * and period: 409 for a second). The EnPI baseline it names must exist for the facility (409
   * naming {@code baseline_version}).
   */
  public Map<String, Object> recordSaving(
      Who who, Scope scope, String enterprise, Inputs.Saving s, Instant now) {
    return registry.onFacility(
        "recording a saving of " + enterprise,
        scope,
        enterprise,
        (c, id) -> {
          Long baseline = null;
          if (s.enpi() != null) {
            baseline =
                Sql.first(
                        c,
                        "SELECT b.baseline_id FROM enpi_baseline b JOIN enpi x USING (enpi_id)"
                            + " WHERE b.enterprise_id = ? AND x.code = ? AND b.version = ?",
                        Sql.args(id, s.enpi(), (int) s.baselineVersion()),
                        rs -> rs.getLong(1))
                    .orElseThrow(
                        () ->
                            DomainException.conflict(
                                "baseline_version",
                                "EnPI "
                                    + s.enpi()
                                    + " of "
                                    + enterprise
                                    + " has no baseline version "
                                    + s.baselineVersion()));
          }
          // one energy saving per carrier and period: the same kWh under a second resource name
          // counted twice in the province's totals
          Optional<String> twin =
              s.carrier() == null
                  ? Optional.empty()
                  : Sql.first(
                      c,
                      "SELECT resource || ' (saving ' || saving_id || ')' FROM programme_saving"
                          + " WHERE enterprise_id = ? AND carrier = ? AND period_from = ?"
                          + " AND period_to = ? AND resource <> ?",
                      Sql.args(id, s.carrier(), s.from(), s.to(), s.resource()),
                      rs -> rs.getString(1));
          if (twin.isPresent()) {
            throw DomainException.conflict(
                "carrier",
                "a saving of "
                    + s.carrier()
                    + " over "
                    + s.from()
                    + ".."
                    + s.to()
                    + " is already recorded as "
                    + twin.get()
                    + ": one saving per carrier and period, or the energy counts twice");
          }
          long savingId =
              Sql.first(
                      c,
                      "INSERT INTO programme_saving (enterprise_id, resource, kind, carrier, unit,"
                          + " period_from, period_to, fraction, fraction_low, fraction_high,"
                          + " confidence, amount, half_width, money, currency, baseline_id,"
                          + " reference, recorded_by, recorded_at)"
                          + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
                          + " ON CONFLICT (enterprise_id, resource, period_from, period_to)"
                          + " DO NOTHING RETURNING saving_id",
                      Sql.args(
                          id,
                          Sql.text(s.resource()),
                          Sql.text(s.kind()),
                          Sql.text(s.carrier()),
                          Sql.text(s.unit()),
                          s.from(),
                          s.to(),
                          s.fraction(),
                          s.fractionLow(),
                          s.fractionHigh(),
                          s.confidence(),
                          s.amount(),
                          s.halfWidth(),
                          Sql.typed(s.money(), Types.DOUBLE),
                          Sql.text(s.currency()),
                          Sql.int8(baseline),
                          Sql.text(s.reference()),
                          who.subject(),
                          now),
                      rs -> rs.getLong(1))
                  .orElseThrow(
                      () ->
                          DomainException.conflict(
                              "resource",
                              "a saving of "
                                  + s.resource()
                                  + " over "
                                  + s.from()
                                  + ".."
                                  + s.to()
                                  + " is already recorded"));
          Map<String, Object> after = RegistryRows.SAVINGS.one(c, savingId);
          PgProgramme.audit(
              c,
              who,
              "programme.saving.record",
              enterprise,
              enterprise + "/savings/" + savingId,
              null,
              after,
              now);
          return after;
        });
  }
}
