package org.energytrace.ingest.cp;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.energytrace.analytics.cp.CpMethod;
import org.energytrace.analytics.cp.OptionType;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.programme.SavingUnits;
import org.energytrace.ingest.web.Fields;

/**
 * Reads the JSON of an assessment and of an option into the normalised record that is stored,
 * refusing the first bad field by its path ({@code process_steps[1].inputs[0].amount}).
 */
final class CpInput {
  private CpInput() {}

  static final Pattern CODE = Pattern.compile("^[a-z0-9][a-z0-9._-]{0,63}$");
  static final List<String> KINDS = List.of("rapid", "detailed");
  static final List<String> STATUSES = List.of("in_progress", "completed");
  static final List<String> TASK_STATUSES = List.of("not_started", "in_progress", "done");
  static final List<String> FLOW_KINDS =
      List.of(
          "energy",
          "water",
          "material",
          "chemical",
          "product",
          "by_product",
          "solid_waste",
          "waste_water",
          "emission",
          "heat_loss");
  static final List<String> FEASIBILITY = List.of("feasible", "not_feasible", "to_study");
  static final List<String> DECISIONS = List.of("implement", "later", "rejected");
  static final List<String> OPTION_TYPES =
      Arrays.stream(OptionType.values()).map(OptionType::wire).toList();
  static final double MAX_MONEY = 1e15;
  static final double MAX_AMOUNT = 1e12;

  /** An assessment as stored: columns and the jsonb record. */
  record Assessment(
      String site,
      String title,
      String kind,
      String status,
      LocalDate startedOn,
      Map<String, Object> record) {}

  /** An option as stored. */
  record Option(
      String type,
      String description,
      double investment,
      double moneySaving,
      List<Object> savings,
      Map<String, Object> feasibility,
      String decision,
      LocalDate implementedOn,
      String enpi,
      LocalDate measureDate,
      boolean catalogueNamed) {}

  static Assessment assessment(JsonObject b) {
    Fields f = new Fields(b.getMap(), "");
    f.only(
        Set.of(
            "site",
            "title",
            "kind",
            "status",
            "started_on",
            "team",
            "process_steps",
            "focus_step",
            "tasks",
            "balance",
            "waste_causes"));
    String site = f.matching("site", true, CODE, "a site code");
    String title = f.text("title", true, 300);
    String kind = f.oneOf("kind", false, KINDS);
    String status = f.oneOf("status", false, STATUSES);
    LocalDate started = f.date("started_on", false);
    String focus = f.text("focus_step", false, 200);
    f.throwFirst();
    Map<String, Object> rec = new LinkedHashMap<>();
    rec.put("team", team(array(b, "team")));
    List<Object> steps = processSteps(array(b, "process_steps"));
    rec.put("process_steps", steps);
    if (focus != null && steps.stream().noneMatch(s -> focus.equals(((Map<?, ?>) s).get("name")))) {
      throw DomainException.invalid("focus_step", "must be the name of one of the process_steps");
    }
    rec.put("focus_step", focus);
    Map<String, Object> tasks = tasks(b.getValue("tasks"));
    rec.put("tasks", tasks);
    rec.put("balance", balance(b.getValue("balance")));
    rec.put("waste_causes", causes(array(b, "waste_causes")));
    String st = status == null ? "in_progress" : status;
    if (st.equals("completed")) {
      // the assessment proper is steps 1 to 4 (tasks 1..13); implementing and sustaining go on
      for (int t = 1; t <= 13; t++) {
        if (!"done".equals(tasks.get(Integer.toString(t)))) {
          throw DomainException.conflict(
              "status",
              "an assessment is completed once tasks 1 to 13 (steps 1 to 4) are done; task "
                  + t
                  + " is not");
        }
      }
    }
    return new Assessment(site, title, kind == null ? "detailed" : kind, st, started, rec);
  }

  private static JsonArray array(JsonObject b, String field) {
    return array(b.getValue(field), field);
  }

  /** An array of at most 200 items; none when absent. */
  private static JsonArray array(Object v, String path) {
    if (v == null) {
      return new JsonArray();
    }
    if (!(v instanceof JsonArray a)) {
      throw DomainException.invalid(path, "must be an array");
    }
    if (a.size() > 200) {
      throw DomainException.invalid(path, "at most 200 items");
    }
    return a;
  }

  private static JsonObject item(Object v, String path) {
    if (!(v instanceof JsonObject o)) {
      throw DomainException.invalid(path, "must be an object");
    }
    return o;
  }

  /** How one object of an array is read: its fields (named after {@code path}), the object. */
  @FunctionalInterface
  private interface ItemReader {
    Map<String, Object> read(Fields f, JsonObject o, String path);
  }

  /**
   * Each item of {@code a}, an object (else refused as {@code path[i]}) with only the fields {@code
   * known}, read by {@code read}; the first bad field is refused once the item is read.
   */
  private static List<Object> each(JsonArray a, String path, Set<String> known, ItemReader read) {
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      String p = path + "[" + i + "]";
      JsonObject o = item(a.getValue(i), p);
      Fields f = new Fields(o.getMap(), p + ".");
      f.only(known);
      Map<String, Object> m = read.read(f, o, p);
      f.throwFirst();
      out.add(m);
    }
    return out;
  }

  private static List<Object> team(JsonArray a) {
    return each(
        a,
        "team",
        Set.of("name", "role", "position"),
        (f, o, path) -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("name", f.text("name", true, 200));
          m.put("role", f.text("role", false, 200));
          m.put("position", f.text("position", false, 200));
          return m;
        });
  }

  private static List<Object> processSteps(JsonArray a) {
    List<String> names = new ArrayList<>();
    return each(
        a,
        "process_steps",
        Set.of("name", "inputs", "outputs"),
        (f, o, path) -> {
          String name = f.text("name", true, 200);
          f.throwFirst();
          if (names.contains(name)) {
            throw DomainException.invalid(path + ".name", "two process steps named '" + name + "'");
          }
          names.add(name);
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("name", name);
          m.put("inputs", flows(o.getValue("inputs"), path + ".inputs", false));
          m.put("outputs", flows(o.getValue("outputs"), path + ".outputs", false));
          return m;
        });
  }

  /** Inputs or outputs: {kind, name, amount?, unit?} (and the balance's source). */
  static List<Object> flows(Object v, String path, boolean withSource) {
    return each(
        array(v, path),
        path,
        withSource
            ? Set.of("kind", "name", "amount", "unit", "source", "meter", "product")
            : Set.of("kind", "name", "amount", "unit"),
        (f, o, p) -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("kind", f.oneOf("kind", true, FLOW_KINDS));
          m.put("name", f.text("name", true, 200));
          m.put("amount", f.number("amount", false, 0, MAX_AMOUNT));
          m.put("unit", f.text("unit", false, 40));
          if (withSource) {
            String source = f.oneOf("source", false, List.of("manual", "metered", "production"));
            m.put("source", source == null ? "manual" : source);
            String meter = f.matching("meter", false, CODE, "a meter code");
            String product = f.matching("product", false, CODE, "a product code");
            if (meter != null) {
              m.put("meter", meter);
            }
            if (product != null) {
              m.put("product", product);
            }
          }
          return m;
        });
  }

  private static Map<String, Object> tasks(Object v) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int t = 1; t <= CpMethod.TASKS; t++) {
      out.put(Integer.toString(t), "not_started");
    }
    if (v == null) {
      return out;
    }
    if (!(v instanceof JsonObject o)) {
      throw DomainException.invalid("tasks", "must be an object of task number (1 to 18) → status");
    }
    for (String k : o.fieldNames()) {
      if (!out.containsKey(k)) {
        throw DomainException.invalid("tasks." + k, "a task is numbered 1 to 18");
      }
      Object s = o.getValue(k);
      if (!(s instanceof String str) || !TASK_STATUSES.contains(str)) {
        throw DomainException.invalid(
            "tasks." + k, "must be one of " + String.join(", ", TASK_STATUSES));
      }
      out.put(k, str);
    }
    return out;
  }

  static Map<String, Object> balance(Object v) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (v == null) {
      out.put("from", null);
      out.put("to", null);
      out.put("inputs", List.of());
      out.put("outputs", List.of());
      return out;
    }
    if (!(v instanceof JsonObject o)) {
      throw DomainException.invalid("balance", "must be an object {from, to, inputs, outputs}");
    }
    Fields f = new Fields(o.getMap(), "balance.");
    f.only(Set.of("from", "to", "inputs", "outputs"));
    LocalDate from = f.date("from", false);
    LocalDate to = f.date("to", false);
    f.throwFirst();
    if (from != null && to != null) {
      DomainException.requireNotBefore("balance.from", from, "balance.to", to);
    }
    out.put("from", from == null ? null : from.toString());
    out.put("to", to == null ? null : to.toString());
    out.put("inputs", flows(o.getValue("inputs"), "balance.inputs", true));
    out.put("outputs", flows(o.getValue("outputs"), "balance.outputs", true));
    return out;
  }

  private static List<Object> causes(JsonArray a) {
    return each(
        a,
        "waste_causes",
        Set.of("stream", "cause", "yearly_cost"),
        (f, o, path) -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("stream", f.text("stream", true, 200));
          m.put("cause", f.text("cause", true, 1000));
          m.put("yearly_cost", f.number("yearly_cost", false, 0, MAX_MONEY));
          return m;
        });
  }

  /**
   * An option's saving is in a unit the reports can read: a known unit; water in a volume; an
   * energy carrier of the conversion table in a unit it is converted from or an energy unit (the
   * programme's savings' rules, {@link SavingUnits}). "water 10 kWh" and "electricity 10 bananas"
   * were stored as given.
   */
  private static void savingUnit(String path, String resource, String unit) {
    try {
      SavingUnits.check(resource, unit);
    } catch (DomainException e) {
      throw DomainException.invalid(path + ".unit", e.getMessage());
    }
  }

  static Option option(JsonObject b) {
    Fields f = new Fields(b.getMap(), "");
    f.only(
        Set.of(
            "type",
            "description",
            "investment",
            "money_saving",
            "savings",
            "feasibility",
            "decision",
            "implemented_on",
            "enpi",
            "measure_date",
            "catalogue_named"));
    String type = f.oneOf("type", true, OPTION_TYPES);
    String description = f.text("description", true, 2000);
    Double investment = f.number("investment", true, 0, MAX_MONEY);
    Double money = f.number("money_saving", true, 0, MAX_MONEY);
    String decision = f.oneOf("decision", false, DECISIONS);
    LocalDate implemented = f.date("implemented_on", false);
    String enpi = f.matching("enpi", false, CODE, "an EnPI code");
    LocalDate measure = f.date("measure_date", false);
    Boolean named = f.bool("catalogue_named", false);
    f.throwFirst();
    List<Object> savings = new ArrayList<>();
    Object sv = b.getValue("savings");
    if (sv != null) {
      if (!(sv instanceof JsonArray a)) {
        throw DomainException.invalid("savings", "must be an array of {resource, amount, unit}");
      }
      if (a.size() > 50) {
        throw DomainException.invalid("savings", "at most 50 items");
      }
      savings.addAll(
          each(
              a,
              "savings",
              Set.of("resource", "amount", "unit"),
              (s, o, path) -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put(
                    "resource",
                    s.matching("resource", true, CODE, "a resource such as electricity"));
                m.put("amount", s.number("amount", true, 0, MAX_AMOUNT));
                m.put("unit", s.text("unit", true, 40));
                if (m.get("resource") instanceof String r && m.get("unit") instanceof String u) {
                  savingUnit(path, r, u);
                }
                return m;
              }));
    }
    Map<String, Object> feasibility = new LinkedHashMap<>();
    Object fv = b.getValue("feasibility");
    if (fv != null && !(fv instanceof JsonObject)) {
      throw DomainException.invalid("feasibility", "must be an object");
    }
    Fields fe = new Fields(fv == null ? Map.of() : ((JsonObject) fv).getMap(), "feasibility.");
    fe.only(Set.of("technical", "economic", "environmental"));
    for (String k : List.of("technical", "economic", "environmental")) {
      String v = fe.oneOf(k, false, FEASIBILITY);
      feasibility.put(k, v == null ? "to_study" : v);
    }
    fe.throwFirst();
    if (implemented != null && !"implement".equals(decision)) {
      throw DomainException.invalid(
          "implemented_on", "only an option decided 'implement' has an implementation date");
    }
    if (enpi != null && implemented == null) {
      throw DomainException.invalid("enpi", "only an implemented option links to an EnPI");
    }
    if ((enpi == null) != (measure == null)) {
      throw DomainException.invalid(
          enpi == null ? "enpi" : "measure_date",
          "an EnPI link names both the EnPI and the measure date");
    }
    if (measure != null) {
      DomainException.requireNotBefore("implemented_on", implemented, "measure_date", measure);
    }
    return new Option(
        type,
        description,
        investment,
        money,
        savings,
        feasibility,
        decision,
        implemented,
        enpi,
        measure,
        named != null && named);
  }
}
