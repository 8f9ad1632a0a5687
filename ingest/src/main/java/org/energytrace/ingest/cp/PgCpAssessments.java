package org.energytrace.ingest.cp;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
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
import java.util.Objects;
import java.util.OptionalDouble;
import javax.sql.DataSource;
import org.energytrace.analytics.cp.CpMethod;
import org.energytrace.analytics.cp.OptionType;
import org.energytrace.analytics.cp.Payback;
import org.energytrace.ingest.audit.AuditActor;
import org.energytrace.ingest.audit.PgAuditLog;
import org.energytrace.ingest.auth.Role;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.errors.NotFoundException;
import org.energytrace.ingest.store.Transactions;
import org.energytrace.ingest.tenant.Scope;

/**
 * CP assessments and their options in PostgreSQL. Every change runs in one transaction with its
 * audit entry (state before and after). Blocking: call from worker threads.
 */
public final class PgCpAssessments {
  /** Who changes an assessment: the audit log's actor, role and client address. */
  public record Who(String subject, Role role, String clientIp) implements AuditActor {
    public Who {
      Objects.requireNonNull(subject, "subject");
      Objects.requireNonNull(role, "role");
    }

    @Override
    public String auditRole() {
      return role.wire();
    }
  }

  /** A stored state as the audit log writes it; null when there is none. */
  static JsonObject json(Map<String, Object> state) {
    return state == null ? null : new JsonObject(state);
  }

  private static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

  private final DataSource dataSource;

  public PgCpAssessments(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  <T> T transaction(String what, Transactions.Work<T> work) {
    return Transactions.run(dataSource, what, work);
  }

  private static long enterpriseId(Connection c, Scope scope, String enterprise)
      throws SQLException {
    if (!scope.permits(enterprise)) {
      throw new NotFoundException("enterprise " + enterprise + " not found");
    }
    try (PreparedStatement ps =
        c.prepareStatement("SELECT enterprise_id FROM enterprise WHERE code = ?")) {
      ps.setString(1, enterprise);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new NotFoundException("enterprise " + enterprise + " not found");
        }
        return rs.getLong(1);
      }
    }
  }

  // ---- writes ----

  /**
   * Creates or replaces an assessment; an unchanged one writes nothing.
   *
   * @return whether it was created
   */
  public boolean put(
      Who who, Scope scope, String enterprise, String code, CpInput.Assessment a, Instant now) {
    return transaction(
        "writing CP assessment " + code + " of " + enterprise,
        c -> {
          long eid = enterpriseId(c, scope, enterprise);
          long siteId;
          try (PreparedStatement ps =
              c.prepareStatement("SELECT site_id FROM site WHERE enterprise_id = ? AND code = ?")) {
            ps.setLong(1, eid);
            ps.setString(2, a.site());
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                throw DomainException.invalid(
                    "site", "no site '" + a.site() + "' in enterprise " + enterprise);
              }
              siteId = rs.getLong(1);
            }
          }
          Map<String, Object> before = stored(c, eid, code);
          Map<String, Object> after = columns(a);
          if (before != null && normal(after).equals(normal(before))) {
            return false;
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO cp_assessment (enterprise_id, site_id, code, title, kind, status,"
                      + " started_on, record, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?,"
                      + " ?::jsonb, ?, ?) ON CONFLICT (enterprise_id, code) DO UPDATE SET site_id ="
                      + " EXCLUDED.site_id, title = EXCLUDED.title, kind = EXCLUDED.kind, status ="
                      + " EXCLUDED.status, started_on = EXCLUDED.started_on, record ="
                      + " EXCLUDED.record, updated_by = EXCLUDED.updated_by, updated_at ="
                      + " EXCLUDED.updated_at")) {
            ps.setLong(1, eid);
            ps.setLong(2, siteId);
            ps.setString(3, code);
            ps.setString(4, a.title());
            ps.setString(5, a.kind());
            ps.setString(6, a.status());
            ps.setObject(7, a.startedOn());
            ps.setString(8, new JsonObject(a.record()).encode());
            ps.setString(9, who.subject());
            ps.setTimestamp(10, Timestamp.from(now));
            ps.executeUpdate();
          }
          PgAuditLog.change(
              c,
              who,
              now,
              before == null ? "cp.assessment.create" : "cp.assessment.update",
              enterprise,
              code,
              null,
              json(before),
              json(after));
          return before == null;
        });
  }

  /** The stored assessment as the audit log shows it (columns and record), or null. */
  private static Map<String, Object> stored(Connection c, long eid, String code)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT s.code, a.title, a.kind, a.status, a.started_on, a.record::text FROM"
                + " cp_assessment a JOIN site s USING (site_id) WHERE a.enterprise_id = ? AND"
                + " a.code = ?")) {
      ps.setLong(1, eid);
      ps.setString(2, code);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        return columns(
            new CpInput.Assessment(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getObject(5, LocalDate.class),
                new JsonObject(rs.getString(6)).getMap()));
      }
    }
  }

  /**
   * The value with every number as a plain decimal: jsonb writes 4.5E7 back as 45000000, so a
   * stored record and the same one parsed again compare equal only this way.
   */
  static Object normal(Object v) {
    if (v instanceof Number n) {
      return new BigDecimal(n.toString()).stripTrailingZeros();
    }
    if (v instanceof JsonObject j) {
      return normal(j.getMap());
    }
    if (v instanceof io.vertx.core.json.JsonArray a) {
      return normal(a.getList());
    }
    if (v instanceof Map<?, ?> m) {
      Map<Object, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put(k, normal(x)));
      return out;
    }
    if (v instanceof List<?> l) {
      return l.stream().map(PgCpAssessments::normal).toList();
    }
    return v;
  }

  private static Map<String, Object> columns(CpInput.Assessment a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("site", a.site());
    m.put("title", a.title());
    m.put("kind", a.kind());
    m.put("status", a.status());
    m.put("started_on", a.startedOn() == null ? null : a.startedOn().toString());
    // through JSON, so that a stored record and a parsed one compare equal
    m.putAll(new JsonObject(new JsonObject(a.record()).encode()).getMap());
    return m;
  }

  private static long assessmentId(Connection c, long eid, String code) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT assessment_id FROM cp_assessment WHERE enterprise_id = ? AND code = ?")) {
      ps.setLong(1, eid);
      ps.setString(2, code);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new NotFoundException("CP assessment " + code + " not found");
        }
        return rs.getLong(1);
      }
    }
  }

  /**
   * Creates or replaces an option of an assessment; an EnPI it links to must exist.
   *
   * @return whether it was created
   */
  public boolean putOption(
      Who who,
      Scope scope,
      String enterprise,
      String assessment,
      String code,
      CpInput.Option o,
      Instant now) {
    return transaction(
        "writing CP option " + code + " of " + enterprise,
        c -> {
          long eid = enterpriseId(c, scope, enterprise);
          long aid = assessmentId(c, eid, assessment);
          if (o.enpi() != null) {
            try (PreparedStatement ps =
                c.prepareStatement("SELECT 1 FROM enpi WHERE enterprise_id = ? AND code = ?")) {
              ps.setLong(1, eid);
              ps.setString(2, o.enpi());
              try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                  throw DomainException.invalid(
                      "enpi", "no EnPI '" + o.enpi() + "' in enterprise " + enterprise);
                }
              }
            }
          }
          Map<String, Object> before = null;
          for (Map<String, Object> existing : options(c, aid)) {
            if (code.equals(existing.get("code"))) {
              before = existing;
            }
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO cp_option (enterprise_id, assessment_id, code, type, description,"
                      + " investment, money_saving, savings, feasibility, decision, implemented_on,"
                      + " enpi, measure_date, updated_by, updated_at, catalogue_named) VALUES (?, ?,"
                      + " ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT"
                      + " (assessment_id, code)"
                      + " DO UPDATE SET type = EXCLUDED.type, description = EXCLUDED.description,"
                      + " investment = EXCLUDED.investment, money_saving = EXCLUDED.money_saving,"
                      + " savings = EXCLUDED.savings, feasibility = EXCLUDED.feasibility, decision"
                      + " = EXCLUDED.decision, implemented_on = EXCLUDED.implemented_on, enpi ="
                      + " EXCLUDED.enpi, measure_date = EXCLUDED.measure_date, updated_by ="
                      + " EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at, catalogue_named ="
                      + " EXCLUDED.catalogue_named")) {
            ps.setLong(1, eid);
            ps.setLong(2, aid);
            ps.setString(3, code);
            ps.setString(4, o.type());
            ps.setString(5, o.description());
            ps.setBigDecimal(6, BigDecimal.valueOf(o.investment()));
            ps.setBigDecimal(7, BigDecimal.valueOf(o.moneySaving()));
            ps.setString(8, new io.vertx.core.json.JsonArray(o.savings()).encode());
            ps.setString(9, new JsonObject(o.feasibility()).encode());
            ps.setString(10, o.decision());
            ps.setObject(11, o.implementedOn());
            ps.setString(12, o.enpi());
            ps.setObject(13, o.measureDate());
            ps.setString(14, who.subject());
            ps.setTimestamp(15, Timestamp.from(now));
            ps.setBoolean(16, o.catalogueNamed());
            ps.executeUpdate();
          }
          Map<String, Object> after = null;
          for (Map<String, Object> existing : options(c, aid)) {
            if (code.equals(existing.get("code"))) {
              after = existing;
            }
          }
          PgAuditLog.change(
              c,
              who,
              now,
              before == null ? "cp.option.create" : "cp.option.update",
              enterprise,
              assessment + "/" + code,
              null,
              json(before),
              json(after));
          return before == null;
        });
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
    transaction(
        "filling the balance of CP assessment " + code,
        c -> {
          long eid = enterpriseId(c, scope, enterprise);
          long aid = assessmentId(c, eid, code);
          long siteId;
          String zone;
          Map<String, Object> record;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT a.site_id, s.time_zone, a.record::text FROM cp_assessment a JOIN site s"
                      + " USING (site_id) WHERE a.assessment_id = ? FOR UPDATE OF a")) {
            ps.setLong(1, aid);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              siteId = rs.getLong(1);
              zone = rs.getString(2);
              record = new JsonObject(rs.getString(3)).getMap();
            }
          }
          ZoneId z = zone == null ? DEFAULT_ZONE : ZoneId.of(zone);
          Instant start = from.atStartOfDay(z).toInstant();
          Instant end = to.plusDays(1).atStartOfDay(z).toInstant();
          List<Object> inputs = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT m.code, m.carrier, m.energy_unit, coalesce(sum(ie.energy), 0) FROM meter"
                      + " m JOIN channel ch ON ch.meter_id = m.meter_id AND ch.name ="
                      + " m.energy_channel LEFT JOIN interval_energy ie ON ie.channel_id ="
                      + " ch.channel_id AND ie.ts_start >= ? AND ie.ts_end <= ? WHERE m.site_id ="
                      + " ? AND m.carrier IS NOT NULL GROUP BY m.code, m.carrier, m.energy_unit"
                      + " ORDER BY m.code")) {
            ps.setTimestamp(1, Timestamp.from(start));
            ps.setTimestamp(2, Timestamp.from(end));
            ps.setLong(3, siteId);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("kind", "energy");
                m.put("name", rs.getString(2) + " (" + rs.getString(1) + ")");
                m.put("amount", rs.getDouble(4));
                m.put("unit", rs.getString(3));
                m.put("source", "metered");
                m.put("meter", rs.getString(1));
                inputs.add(m);
              }
            }
          }
          List<Object> outputs = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT p.code, p.name, p.unit, coalesce(sum(q.quantity), 0) FROM product p"
                      + " JOIN production_line l USING (line_id) LEFT JOIN production_quantity q"
                      + " ON q.product_id = p.product_id AND q.day BETWEEN ? AND ? WHERE"
                      + " l.site_id = ? GROUP BY p.code, p.name, p.unit ORDER BY p.code")) {
            ps.setObject(1, from);
            ps.setObject(2, to);
            ps.setLong(3, siteId);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("kind", "product");
                m.put("name", rs.getString(2));
                m.put("amount", rs.getDouble(4));
                m.put("unit", rs.getString(3));
                m.put("source", "production");
                m.put("product", rs.getString(1));
                outputs.add(m);
              }
            }
          }
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
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE cp_assessment SET record = ?::jsonb, updated_by = ?, updated_at = ?"
                      + " WHERE assessment_id = ?")) {
            ps.setString(1, new JsonObject(after).encode());
            ps.setString(2, who.subject());
            ps.setTimestamp(3, Timestamp.from(now));
            ps.setLong(4, aid);
            ps.executeUpdate();
          }
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

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object o) {
    if (o instanceof JsonObject j) {
      return j.getMap();
    }
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
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

  // ---- reads ----

  /** One assessment with its options, derived step statuses and totals. */
  public Map<String, Object> get(Scope scope, String enterprise, String code) {
    return transaction(
        "reading CP assessment " + code,
        c -> {
          long eid = enterpriseId(c, scope, enterprise);
          long aid = assessmentId(c, eid, code);
          Map<String, Object> out = new LinkedHashMap<>();
          out.put("enterprise", enterprise);
          out.put("code", code);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT s.code, a.title, a.kind, a.status, a.started_on, a.record::text,"
                      + " a.updated_by, a.updated_at, f.legal_name_vi, f.vsic, f.district FROM"
                      + " cp_assessment a JOIN site s USING (site_id) LEFT JOIN programme_facility"
                      + " f ON f.enterprise_id = a.enterprise_id WHERE a.assessment_id = ?")) {
            ps.setLong(1, aid);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              out.put("site", rs.getString(1));
              out.put("title", rs.getString(2));
              out.put("kind", rs.getString(3));
              out.put("status", rs.getString(4));
              LocalDate started = rs.getObject(5, LocalDate.class);
              out.put("started_on", started == null ? null : started.toString());
              Map<String, Object> record = new JsonObject(rs.getString(6)).getMap();
              out.putAll(record);
              out.put("updated_by", rs.getString(7));
              out.put("updated_at", rs.getTimestamp(8).toInstant().toString());
              Map<String, Object> facility = new LinkedHashMap<>();
              facility.put("legal_name_vi", rs.getString(9));
              facility.put("vsic", rs.getString(10));
              facility.put("district", rs.getString(11));
              out.put("facility", facility);
            }
          }
          out.put("steps", steps(asMap(out.get("tasks"))));
          List<Map<String, Object>> options = options(c, aid);
          out.put("options", options);
          double investment = 0;
          double money = 0;
          for (Map<String, Object> o : options) {
            if (!"rejected".equals(o.get("decision"))) {
              investment += ((Number) o.get("investment")).doubleValue();
              money += ((Number) o.get("money_saving")).doubleValue();
            }
          }
          Map<String, Object> totals = new LinkedHashMap<>();
          totals.put("options", options.size());
          totals.put(
              "implemented", options.stream().filter(o -> o.get("implemented_on") != null).count());
          totals.put("investment", investment);
          totals.put("money_saving", money);
          totals.put("payback_years", payback(investment, money));
          out.put("totals_not_rejected", totals);
          return out;
        });
  }

  static Double payback(double investment, double money) {
    OptionalDouble p = Payback.simpleYears(investment, money);
    return p.isPresent() ? p.getAsDouble() : null;
  }

  /** The method's six steps, each with its status derived from its tasks. */
  static List<Object> steps(Map<String, Object> tasks) {
    Map<Integer, CpMethod.Status> t = new LinkedHashMap<>();
    tasks.forEach((k, v) -> t.put(Integer.parseInt(k), CpMethod.Status.fromWire((String) v)));
    List<CpMethod.Status> statuses = CpMethod.stepStatuses(t);
    List<Object> out = new ArrayList<>();
    for (CpMethod.Step s : CpMethod.STEPS) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("step", s.number());
      m.put("label_vi", s.vi());
      m.put("label_en", s.en());
      m.put("status", statuses.get(s.number() - 1).wire());
      m.put("tasks", s.tasks().stream().map(CpMethod.Task::number).toList());
      out.add(m);
    }
    return out;
  }

  private static List<Map<String, Object>> options(Connection c, long aid) throws SQLException {
    List<Map<String, Object>> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT code, type, description, investment, money_saving, savings::text,"
                + " feasibility::text, decision, implemented_on, enpi, measure_date, catalogue_named"
                + " FROM cp_option"
                + " WHERE assessment_id = ? ORDER BY code")) {
      ps.setLong(1, aid);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("code", rs.getString(1));
          m.put("type", rs.getString(2));
          m.put("type_vi", OptionType.fromWire(rs.getString(2)).map(t -> t.label("vi")).orElse(""));
          m.put("type_en", OptionType.fromWire(rs.getString(2)).map(t -> t.label("en")).orElse(""));
          m.put("description", rs.getString(3));
          double investment = rs.getBigDecimal(4).doubleValue();
          double money = rs.getBigDecimal(5).doubleValue();
          m.put("investment", investment);
          m.put("money_saving", money);
          m.put("payback_years", payback(investment, money));
          m.put("savings", new io.vertx.core.json.JsonArray(rs.getString(6)).getList());
          m.put("feasibility", new JsonObject(rs.getString(7)).getMap());
          m.put("decision", rs.getString(8));
          LocalDate impl = rs.getObject(9, LocalDate.class);
          m.put("implemented_on", impl == null ? null : impl.toString());
          m.put("enpi", rs.getString(10));
          LocalDate md = rs.getObject(11, LocalDate.class);
          m.put("measure_date", md == null ? null : md.toString());
          m.put("catalogue_named", rs.getBoolean(12));
          out.add(m);
        }
      }
    }
    return out;
  }

  /** One row of the officers' report database. */
  public record Row(
      String enterprise,
      String code,
      String site,
      String title,
      String status,
      String district,
      String park,
      String vsic,
      List<String> optionTypes,
      double investment,
      double moneySaving,
      int options,
      int implemented) {}

  /** Every assessment in scope, with its facility's area and sector and its options' sums. */
  public List<Row> search(Scope scope) {
    return transaction(
        "searching CP assessments",
        c -> {
          List<Row> out = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT e.code, a.code, s.code, a.title, a.status, f.district,"
                      + " f.industrial_park, f.vsic, coalesce(array_agg(DISTINCT o.type) FILTER"
                      + " (WHERE o.type IS NOT NULL), '{}'), coalesce(sum(o.investment) FILTER"
                      + " (WHERE o.decision IS DISTINCT FROM 'rejected'), 0),"
                      + " coalesce(sum(o.money_saving) FILTER (WHERE o.decision IS DISTINCT FROM"
                      + " 'rejected'), 0), count(o.option_id), count(o.implemented_on) FROM"
                      + " cp_assessment a JOIN enterprise e USING (enterprise_id) JOIN site s ON"
                      + " s.site_id = a.site_id LEFT JOIN programme_facility f ON f.enterprise_id"
                      + " = a.enterprise_id LEFT JOIN cp_option o ON o.assessment_id ="
                      + " a.assessment_id WHERE "
                      + Scope.SQL_ENTERPRISE.formatted("e.code")
                      + " GROUP BY e.code, a.code, s.code, a.title, a.status, f.district,"
                      + " f.industrial_park, f.vsic ORDER BY e.code, a.code")) {
            scope.bind(c, ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                String[] types = (String[]) rs.getArray(9).getArray();
                out.add(
                    new Row(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getString(8),
                        List.of(types),
                        rs.getBigDecimal(10).doubleValue(),
                        rs.getBigDecimal(11).doubleValue(),
                        rs.getInt(12),
                        rs.getInt(13)));
              }
            }
          }
          return out;
        });
  }

  /** An implemented option linked to an EnPI, with what the catalogue needs to verify it. */
  public record Implemented(
      String enterprise,
      String site,
      String legalName,
      String vsic,
      String assessment,
      String focusStep,
      String code,
      String type,
      String description,
      double investment,
      double moneySaving,
      boolean named,
      String enpi,
      LocalDate measureDate,
      Integer approvedVersion,
      LocalDate lastProductionDay,
      long id) {}

  /**
   * Every implemented option linked to an EnPI, with the EnPI's most recently approved baseline
   * version (null when none is approved: its savings are not verified) and the enterprise's last
   * day of production.
   */
  public List<Implemented> implemented() {
    return transaction(
        "reading implemented CP options",
        c -> {
          List<Implemented> out = new ArrayList<>();
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT e.code, s.code, f.legal_name_vi, f.vsic, a.code,"
                          + " a.record->>'focus_step', o.code, o.type, o.description,"
                          + " o.investment, o.money_saving, o.catalogue_named, o.enpi,"
                          + " o.measure_date, (SELECT b.version FROM enpi_baseline b JOIN enpi n"
                          + " ON n.enpi_id = b.enpi_id WHERE n.enterprise_id = o.enterprise_id AND"
                          + " n.code = o.enpi AND b.approved_at IS NOT NULL ORDER BY b.approved_at"
                          + " DESC, b.version DESC LIMIT 1), (SELECT max(q.day) FROM"
                          + " production_quantity q WHERE q.enterprise_id = o.enterprise_id),"
                          + " o.option_id FROM"
                          + " cp_option o JOIN cp_assessment a ON a.assessment_id ="
                          + " o.assessment_id JOIN enterprise e ON e.enterprise_id ="
                          + " o.enterprise_id JOIN site s ON s.site_id = a.site_id LEFT JOIN"
                          + " programme_facility f ON f.enterprise_id = o.enterprise_id WHERE"
                          + " o.implemented_on IS NOT NULL AND o.enpi IS NOT NULL AND"
                          + " o.measure_date IS NOT NULL ORDER BY e.code, a.code, o.code");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.add(
                  new Implemented(
                      rs.getString(1),
                      rs.getString(2),
                      rs.getString(3),
                      rs.getString(4),
                      rs.getString(5),
                      rs.getString(6),
                      rs.getString(7),
                      rs.getString(8),
                      rs.getString(9),
                      rs.getBigDecimal(10).doubleValue(),
                      rs.getBigDecimal(11).doubleValue(),
                      rs.getBoolean(12),
                      rs.getString(13),
                      rs.getObject(14, LocalDate.class),
                      (Integer) rs.getObject(15),
                      rs.getObject(16, LocalDate.class),
                      rs.getLong(17)));
            }
          }
          return out;
        });
  }
}
