package org.energytrace.ingest.cp;

import static org.energytrace.ingest.cp.PgCpAssessments.asMap;
import static org.energytrace.ingest.cp.PgCpAssessments.assessmentId;
import static org.energytrace.ingest.cp.PgCpAssessments.enterpriseId;
import static org.energytrace.ingest.cp.PgCpAssessments.options;
import static org.energytrace.ingest.cp.PgCpAssessments.payback;

import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.energytrace.analytics.cp.CpMethod;
import org.energytrace.ingest.cp.PgCpAssessments.Implemented;
import org.energytrace.ingest.cp.PgCpAssessments.Row;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.tenant.Scope;

/**
 * Reading CP assessments behind {@link PgCpAssessments}: one assessment with its steps, options and
 * totals, the search over the assessments in scope, and the options implemented (for the showcase's
 * achievements).
 */
final class CpAssessmentReads {
  private final PgCpAssessments store;

  CpAssessmentReads(PgCpAssessments store) {
    this.store = store;
  }

  /** One assessment with its options, derived step statuses and totals. */
  Map<String, Object> get(Scope scope, String enterprise, String code) {
    return store.transaction(
        "reading CP assessment " + code,
        c -> {
          long eid = enterpriseId(c, scope, enterprise);
          long aid = assessmentId(c, eid, code);
          Map<String, Object> out = new LinkedHashMap<>();
          out.put("enterprise", enterprise);
          out.put("code", code);
          Sql.one(
              c,
              "SELECT s.code, a.title, a.kind, a.status, a.started_on, a.record::text,"
                  + " a.updated_by, a.updated_at, f.legal_name_vi, f.vsic, f.district FROM"
                  + " cp_assessment a JOIN site s USING (site_id) LEFT JOIN programme_facility"
                  + " f ON f.enterprise_id = a.enterprise_id WHERE a.assessment_id = ?",
              Sql.args(aid),
              rs -> {
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
                return out;
              });
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

  /** Every assessment in scope, with its facility's area and sector and its options' sums. */
  List<Row> search(Scope scope) {
    return store.transaction(
        "searching CP assessments",
        c ->
            Sql.list(
                c,
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
                    + " f.industrial_park, f.vsic ORDER BY e.code, a.code",
                ps -> scope.bind(c, ps, 1),
                rs ->
                    new Row(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getString(8),
                        List.of((String[]) rs.getArray(9).getArray()),
                        rs.getBigDecimal(10).doubleValue(),
                        rs.getBigDecimal(11).doubleValue(),
                        rs.getInt(12),
                        rs.getInt(13))));
  }

  /**
   * The types and days of the enterprise's implemented options other than {@code optionId}
   * implemented after {@code after} and on or before {@code to}: the measures whose effect an
   * EnPI's saving over a period holds together with the option's.
   */
  List<PgCpAssessments.OtherMeasure> implementedBetween(
      String enterprise, long optionId, LocalDate after, LocalDate to) {
    return store.transaction(
        "reading implemented CP options",
        c ->
            Sql.list(
                c,
                "SELECT o.type, o.implemented_on FROM cp_option o JOIN enterprise e ON"
                    + " e.enterprise_id = o.enterprise_id WHERE e.code = ? AND o.option_id <> ?"
                    + " AND o.implemented_on > ? AND o.implemented_on <= ?"
                    + " ORDER BY o.implemented_on, o.type",
                Sql.args(enterprise, optionId, after, to),
                rs ->
                    new PgCpAssessments.OtherMeasure(
                        rs.getString(1), rs.getObject(2, LocalDate.class))));
  }

  /**
   * Every implemented option linked to an EnPI, with the EnPI's most recently approved baseline
   * version (null when none is approved: its savings are not verified) and the enterprise's last
   * day of production.
   */
  List<Implemented> implemented() {
    return store.transaction(
        "reading implemented CP options",
        c ->
            Sql.list(
                c,
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
                    + " o.measure_date IS NOT NULL ORDER BY e.code, a.code, o.code",
                Sql.NONE,
                rs ->
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
                        rs.getLong(17))));
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
}
