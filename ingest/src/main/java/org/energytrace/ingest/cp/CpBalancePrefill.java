package org.energytrace.ingest.cp;

import static org.energytrace.ingest.cp.PgCpAssessments.asMap;
import static org.energytrace.ingest.cp.PgCpAssessments.assessmentId;
import static org.energytrace.ingest.cp.PgCpAssessments.enterpriseId;
import static org.energytrace.ingest.cp.PgCpAssessments.json;

import io.vertx.core.json.JsonObject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.energytrace.ingest.audit.PgAuditLog;
import org.energytrace.ingest.auth.Who;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.tenant.Scope;

/**
 * Filling an assessment's focus-step balance from stored data behind {@link PgCpAssessments}: the
 * energy of the site's described meters and the production of its lines' products, keeping rows
 * entered by hand; audited with the record before and after.
 */
public final class CpBalancePrefill {
  private static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

  private final PgCpAssessments store;

  CpBalancePrefill(PgCpAssessments store) {
    this.store = store;
  }

  /**
   * Fills the focus step's balance for {@code [from, to]} (the site's local days) from stored data:
   * one energy input per described meter of the site (its counter's interval energy) and one
   * product output per product of the site's lines (production quantities). Rows entered by hand
   * are kept; rows filled before are replaced. Audited with the record before and after.
   */
  public void prefillBalance(
      Who who,
      Scope scope,
      String enterprise,
      String code,
      LocalDate from,
      LocalDate to,
      Instant now) {
    store.transaction(
        "filling the balance of CP assessment " + code,
        c -> {
          long eid = enterpriseId(c, scope, enterprise);
          long aid = assessmentId(c, eid, code);
          Focus focus =
              Sql.one(
                  c,
                  "SELECT a.site_id, s.time_zone, a.record::text FROM cp_assessment a JOIN site s"
                      + " USING (site_id) WHERE a.assessment_id = ? FOR UPDATE OF a",
                  Sql.args(aid),
                  rs ->
                      new Focus(
                          rs.getLong(1),
                          rs.getString(2),
                          new JsonObject(rs.getString(3)).getMap()));
          long siteId = focus.siteId();
          String zone = focus.zone();
          Map<String, Object> record = focus.record();
          ZoneId z = zone == null ? DEFAULT_ZONE : ZoneId.of(zone);
          Instant start = from.atStartOfDay(z).toInstant();
          Instant end = to.plusDays(1).atStartOfDay(z).toInstant();
          List<Object> inputs =
              new ArrayList<>(
                  Sql.list(
                      c,
                      "SELECT m.code, m.carrier, m.energy_unit, coalesce(sum(ie.energy), 0) FROM"
                          + " meter m JOIN channel ch ON ch.meter_id = m.meter_id AND ch.name ="
                          + " m.energy_channel LEFT JOIN interval_energy ie ON ie.channel_id ="
                          + " ch.channel_id AND ie.ts_start >= ? AND ie.ts_end <= ? WHERE"
                          + " m.site_id = ? AND m.carrier IS NOT NULL GROUP BY m.code, m.carrier,"
                          + " m.energy_unit ORDER BY m.code",
                      Sql.args(Timestamp.from(start), Timestamp.from(end), siteId),
                      rs ->
                          line(
                              "energy",
                              rs.getString(2) + " (" + rs.getString(1) + ")",
                              rs,
                              "metered",
                              "meter")));
          List<Object> outputs =
              new ArrayList<>(
                  Sql.list(
                      c,
                      "SELECT p.code, p.name, p.unit, coalesce(sum(q.quantity), 0) FROM product p"
                          + " JOIN production_line l USING (line_id) LEFT JOIN"
                          + " production_quantity q ON q.product_id = p.product_id AND q.day"
                          + " BETWEEN ? AND ? WHERE l.site_id = ? GROUP BY p.code, p.name, p.unit"
                          + " ORDER BY p.code",
                      Sql.args(from, to, siteId),
                      rs -> line("product", rs.getString(2), rs, "production", "product")));
          Map<String, Object> before = new LinkedHashMap<>(record);
          Map<String, Object> old = asMap(record.get("balance"));
          inputs.addAll(manual(old.get("inputs")));
          outputs.addAll(manual(old.get("outputs")));
          Map<String, Object> balance = new LinkedHashMap<>();
          balance.put("from", from.toString());
          balance.put("to", to.toString());
          balance.put("inputs", inputs);
          balance.put("outputs", outputs);
          Map<String, Object> after = new LinkedHashMap<>(record);
          after.put("balance", balance);
          Sql.update(
              c,
              "UPDATE cp_assessment SET record = ?::jsonb, updated_by = ?, updated_at = ?"
                  + " WHERE assessment_id = ?",
              new JsonObject(after).encode(),
              who.subject(),
              Timestamp.from(now),
              aid);
          PgAuditLog.change(
              c,
              who,
              now,
              "cp.balance.prefill",
              enterprise,
              code,
              null,
              json(Map.of("balance", before.getOrDefault("balance", Map.of()))),
              json(Map.of("balance", balance)));
          return null;
        });
  }

  /** The assessment's site, the site's time zone and the assessment's record, locked. */
  private record Focus(long siteId, String zone, Map<String, Object> record) {}

  /**
   * A filled row of the balance: {@code name}, the amount (column 4) and unit (column 3) of the
   * current row, and its code (column 1) under {@code key}.
   */
  private static Map<String, Object> line(
      String kind, String name, ResultSet rs, String source, String key) throws SQLException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", kind);
    m.put("name", name);
    m.put("amount", rs.getDouble(4));
    m.put("unit", rs.getString(3));
    m.put("source", source);
    m.put(key, rs.getString(1));
    return m;
  }

  private static List<Object> manual(Object rows) {
    List<Object> out = new ArrayList<>();
    List<?> list = rows instanceof io.vertx.core.json.JsonArray a ? a.getList() : (List<?>) rows;
    if (list == null) {
      return out;
    }
    for (Object r : list) {
      Map<String, Object> m = asMap(r);
      if ("manual".equals(m.get("source"))) {
        out.add(m);
      }
    }
    return out;
  }
}
