package org.energytrace.ingest.cp;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import javax.sql.DataSource;
import org.energytrace.analytics.cp.OptionType;
import org.energytrace.analytics.cp.Payback;
import org.energytrace.ingest.audit.PgAuditLog;
import org.energytrace.ingest.auth.Who;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.errors.NotFoundException;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.store.Transactions;
import org.energytrace.ingest.tenant.Scope;

/**
 * CP assessments and their options in PostgreSQL. Every change runs in one transaction with its
 * audit entry (state before and after). Blocking: call from worker threads.
 */
public final class PgCpAssessments {
  /** Who changes an assessment: the audit log's actor, role and client address. */

  /** A stored state as the audit log writes it; null when there is none. */
  static JsonObject json(Map<String, Object> state) {
    return state == null ? null : new JsonObject(state);
  }

  private final DataSource dataSource;
  private final CpAssessmentReads reads;
  private final CpBalancePrefill prefill;

  public PgCpAssessments(DataSource dataSource) {
    this.dataSource = dataSource;
    this.reads = new CpAssessmentReads(this);
    this.prefill = new CpBalancePrefill(this);
  }

  <T> T transaction(String what, Transactions.Work<T> work) {
    return Transactions.run(dataSource, what, work);
  }

  /**
   * The newest audit entry's id: every change made through the API writes one in its own
   * transaction (options, assessments, baselines, sign-offs), so a catalogue computed at this mark
   * is stale once it moves.
   */
  long changeMark() {
    return transaction(
        "reading the audit log's newest entry",
        c ->
            Sql.one(
                c,
                "SELECT coalesce(max(audit_id), 0) FROM audit_log",
                Sql.NONE,
                rs -> rs.getLong(1)));
  }

  static long enterpriseId(Connection c, Scope scope, String enterprise) throws SQLException {
    if (!scope.permits(enterprise)) {
      throw new NotFoundException("enterprise " + enterprise + " not found");
    }
    return Sql.first(
            c,
            "SELECT enterprise_id FROM enterprise WHERE code = ?",
            Sql.args(Sql.text(enterprise)),
            rs -> rs.getLong(1))
        .orElseThrow(() -> new NotFoundException("enterprise " + enterprise + " not found"));
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
          long siteId =
              Sql.first(
                      c,
                      "SELECT site_id FROM site WHERE enterprise_id = ? AND code = ?",
                      Sql.args(eid, Sql.text(a.site())),
                      rs -> rs.getLong(1))
                  .orElseThrow(
                      () ->
                          DomainException.invalid(
                              "site", "no site '" + a.site() + "' in enterprise " + enterprise));
          Map<String, Object> before = stored(c, eid, code);
          Map<String, Object> after = columns(a);
          if (before != null && normal(after).equals(normal(before))) {
            return false;
          }
          Sql.update(
              c,
              "INSERT INTO cp_assessment (enterprise_id, site_id, code, title, kind, status,"
                  + " started_on, record, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?,"
                  + " ?::jsonb, ?, ?) ON CONFLICT (enterprise_id, code) DO UPDATE SET site_id ="
                  + " EXCLUDED.site_id, title = EXCLUDED.title, kind = EXCLUDED.kind, status ="
                  + " EXCLUDED.status, started_on = EXCLUDED.started_on, record ="
                  + " EXCLUDED.record, updated_by = EXCLUDED.updated_by, updated_at ="
                  + " EXCLUDED.updated_at",
              eid,
              siteId,
              Sql.text(code),
              Sql.text(a.title()),
              Sql.text(a.kind()),
              Sql.text(a.status()),
              a.startedOn(),
              new JsonObject(a.record()).encode(),
              who.subject(),
              Timestamp.from(now));
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
    return Sql.first(
            c,
            "SELECT s.code, a.title, a.kind, a.status, a.started_on, a.record::text FROM"
                + " cp_assessment a JOIN site s USING (site_id) WHERE a.enterprise_id = ? AND"
                + " a.code = ?",
            Sql.args(eid, Sql.text(code)),
            rs ->
                columns(
                    new CpInput.Assessment(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getObject(5, LocalDate.class),
                        new JsonObject(rs.getString(6)).getMap())))
        .orElse(null);
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

  static long assessmentId(Connection c, long eid, String code) throws SQLException {
    return Sql.first(
            c,
            "SELECT assessment_id FROM cp_assessment WHERE enterprise_id = ? AND code = ?",
            Sql.args(eid, Sql.text(code)),
            rs -> rs.getLong(1))
        .orElseThrow(() -> new NotFoundException("CP assessment " + code + " not found"));
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
          if (o.enpi() != null
              && Sql.first(
                      c,
                      "SELECT 1 FROM enpi WHERE enterprise_id = ? AND code = ?",
                      Sql.args(eid, o.enpi()),
                      rs -> true)
                  .isEmpty()) {
            throw DomainException.invalid(
                "enpi", "no EnPI '" + o.enpi() + "' in enterprise " + enterprise);
          }
          Map<String, Object> before = option(c, aid, code);
          Sql.update(
              c,
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
                  + " EXCLUDED.catalogue_named",
              eid,
              aid,
              Sql.text(code),
              Sql.text(o.type()),
              Sql.text(o.description()),
              BigDecimal.valueOf(o.investment()),
              BigDecimal.valueOf(o.moneySaving()),
              new io.vertx.core.json.JsonArray(o.savings()).encode(),
              new JsonObject(o.feasibility()).encode(),
              Sql.text(o.decision()),
              o.implementedOn(),
              Sql.text(o.enpi()),
              o.measureDate(),
              who.subject(),
              Timestamp.from(now),
              o.catalogueNamed());
          Map<String, Object> after = option(c, aid, code);
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

  /** Filling an assessment's focus-step balance from stored data. */
  public CpBalancePrefill prefill() {
    return prefill;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> asMap(Object o) {
    if (o instanceof JsonObject j) {
      return j.getMap();
    }
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  // ---- reads ----

  /** One assessment with its options, derived step statuses and totals. */
  public Map<String, Object> get(Scope scope, String enterprise, String code) {
    return reads.get(scope, enterprise, code);
  }

  static Double payback(double investment, double money) {
    OptionalDouble p = Payback.simpleYears(investment, money);
    return p.isPresent() ? p.getAsDouble() : null;
  }

  static List<Map<String, Object>> options(Connection c, long aid) throws SQLException {
    return Sql.list(
        c,
        "SELECT code, type, description, investment, money_saving, savings::text,"
            + " feasibility::text, decision, implemented_on, enpi, measure_date, catalogue_named"
            + " FROM cp_option"
            + " WHERE assessment_id = ? ORDER BY code",
        Sql.args(aid),
        PgCpAssessments::option);
  }

  /** Option {@code code} of assessment {@code aid} as {@link #options} shows it, or null. */
  private static Map<String, Object> option(Connection c, long aid, String code)
      throws SQLException {
    Map<String, Object> found = null;
    for (Map<String, Object> existing : options(c, aid)) {
      if (code.equals(existing.get("code"))) {
        found = existing;
      }
    }
    return found;
  }

  private static Map<String, Object> option(ResultSet rs) throws SQLException {
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
    return m;
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
    return reads.search(scope);
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

  /** Another implemented option of an enterprise: its type and the day it was implemented. */
  public record OtherMeasure(String type, LocalDate implementedOn) {}

  /**
   * The enterprise's implemented options other than {@code optionId} implemented in ({@code after},
   * {@code to}].
   */
  public List<OtherMeasure> implementedBetween(
      String enterprise, long optionId, LocalDate after, LocalDate to) {
    return reads.implementedBetween(enterprise, optionId, after, to);
  }

  /**
   * Every implemented option linked to an EnPI, with the EnPI's most recently approved baseline
   * version (null when none is approved: its savings are not verified) and the enterprise's last
   * day of production.
   */
  public List<Implemented> implemented() {
    return reads.implemented();
  }
}
