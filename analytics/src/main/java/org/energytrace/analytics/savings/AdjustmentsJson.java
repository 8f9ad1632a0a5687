package org.energytrace.analytics.savings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.json.Json;
import org.energytrace.analytics.json.JsonFields;
import org.energytrace.analytics.savings.NonRoutineAdjustment.CoefficientSource;
import org.energytrace.analytics.savings.NonRoutineAdjustment.Kind;
import org.energytrace.analytics.savings.NonRoutineAdjustment.Status;

/**
 * The {@code adjustments.json} format read by {@code analytics mv --adjustments} and carried in a
 * dossier (docs/mv-method.md, "Non-routine adjustments"):
 *
 * <pre>{"adjustments": [{"id", "from", "to", "kind": "fixed_per_day|fixed_per_period|percentage|
 * model_term", "value"?, "variable"?, "coefficient"?: "fixed|refitted", "std_error"?,
 * "justification", "attachment"?, "status": "proposed|approved|rejected", "decided_by"?}]}</pre>
 *
 * Errors name the entry and the field ({@code adjustments[2], field 'kind': ...}).
 */
public final class AdjustmentsJson {

  static final Set<String> FIELDS =
      Set.of(
          "id",
          "from",
          "to",
          "kind",
          "value",
          "variable",
          "coefficient",
          "std_error",
          "justification",
          "attachment",
          "status",
          "decided_by");

  private AdjustmentsJson() {}

  public static List<NonRoutineAdjustment> read(String json) {
    JsonFields root = JsonFields.parse(json).only(Set.of("adjustments"));
    if (!root.has("adjustments")) {
      throw root.error("adjustments", "missing (an empty list is allowed)");
    }
    List<NonRoutineAdjustment> out = new ArrayList<>();
    for (JsonFields f : root.objects("adjustments")) {
      f.only(FIELDS);
      try {
        Kind kind = f.choice("kind", Kind.class);
        CoefficientSource source =
            f.has("coefficient") ? f.choice("coefficient", CoefficientSource.class) : null;
        double value =
            source == CoefficientSource.REFITTED
                ? Double.NaN
                : f.has("value") ? f.number("value") : missing(f, "value");
        if (source == CoefficientSource.REFITTED && f.has("value")) {
          throw f.error("value", "a refitted coefficient is estimated, not given");
        }
        Double se = f.optNumber("std_error");
        out.add(
            new NonRoutineAdjustment(
                f.text("id"),
                f.date("from"),
                f.date("to"),
                kind,
                value,
                f.optText("variable"),
                source,
                se == null ? 0 : se,
                f.text("justification"),
                f.optText("attachment"),
                f.choice("status", Status.class),
                f.optText("decided_by")));
      } catch (AnalyticsException e) {
        if (e.getMessage().startsWith(f.path())) {
          throw e;
        }
        throw f.error(null, e.getMessage());
      }
    }
    return out;
  }

  public static String write(List<NonRoutineAdjustment> adjustments) {
    List<Object> list = new ArrayList<>();
    for (NonRoutineAdjustment a : adjustments) {
      list.add(tree(a));
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("adjustments", list);
    return Json.write(root);
  }

  /** One adjustment as a JSON object (null and default fields left out). */
  public static Map<String, Object> tree(NonRoutineAdjustment a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", a.id());
    m.put("from", a.from().toString());
    m.put("to", a.to().toString());
    m.put("kind", NonRoutineAdjustment.name(a.kind()));
    if (Double.isFinite(a.value())) {
      m.put("value", a.value());
    }
    if (a.variable() != null) {
      m.put("variable", a.variable());
      m.put("coefficient", NonRoutineAdjustment.name(a.coefficient()));
    }
    if (a.stdError() != 0) {
      m.put("std_error", a.stdError());
    }
    m.put("justification", a.justification());
    if (!a.attachment().isEmpty()) {
      m.put("attachment", a.attachment());
    }
    m.put("status", NonRoutineAdjustment.name(a.status()));
    if (!a.decidedBy().isEmpty()) {
      m.put("decided_by", a.decidedBy());
    }
    return m;
  }

  private static double missing(JsonFields f, String field) {
    throw f.error(field, "missing");
  }
}
