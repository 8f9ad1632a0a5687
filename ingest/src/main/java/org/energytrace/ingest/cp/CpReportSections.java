package org.energytrace.ingest.cp;

import static org.energytrace.ingest.cp.CpNumbers.amount;
import static org.energytrace.ingest.cp.CpNumbers.decimal;
import static org.energytrace.ingest.cp.CpNumbers.energy;
import static org.energytrace.ingest.cp.CpNumbers.money;
import static org.energytrace.ingest.cp.CpNumbers.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.energytrace.analytics.cp.CpMethod;
import org.energytrace.ingest.documents.Labels;

/**
 * What the CP assessment report says, from the stored record, as titled tables of text in the
 * standard template's order: company and site, the CP team, the process steps, the audit focus and
 * its balance, the causes of waste, the method's steps and tasks, the options with their totals
 * (rejected ones left out) and the implementation status with the verified saving. {@link CpReport}
 * renders the same tables as PDF, XLSX or DOCX.
 */
final class CpReportSections {
  private final Labels labels;
  private final String lang;

  CpReportSections(Labels labels) {
    this.labels = labels;
    this.lang = labels.lang();
  }

  private String label(String key) {
    return labels.label(key);
  }

  /** A wire value (a flow's kind, a data source, a unit code) in words, else as it is. */
  private String word(String prefix, Object value) {
    return labels.word(prefix, text(value));
  }

  /** A balance line's name: a metered carrier's id in words, "natural_gas (boiler-gas)". */
  private String flowName(Map<String, Object> m) {
    String name = text(m.get("name"));
    Matcher carrier = METERED.matcher(name);
    return m.get("meter") != null && carrier.matches()
        ? word("carrier_", carrier.group(1)) + " (" + carrier.group(2) + ")"
        : name;
  }

  private static final Pattern METERED = Pattern.compile("([a-z_]+) \\((.+)\\)");

  /** A titled table: its header and rows of text. */
  record Section(String title, List<String> header, List<List<String>> rows) {}

  List<Section> sections(Map<String, Object> a) {
    List<Section> out = new ArrayList<>();
    out.add(company(a));
    out.add(team(a));
    out.add(process(a));
    out.add(balance(a));
    out.add(causes(a));
    out.add(method(a));
    out.add(options(a));
    out.add(implementation(a));
    return out;
  }

  /** 1. The enterprise, its facility profile, the site and the assessment. */
  @SuppressWarnings("unchecked")
  private Section company(Map<String, Object> a) {
    Map<String, Object> fac = (Map<String, Object>) a.get("facility");
    return new Section(
        label("company"),
        List.of("", ""),
        List.of(
            List.of(label("enterprise"), text(a.get("enterprise"))),
            List.of(label("legal_name"), text(fac.get("legal_name_vi"))),
            List.of(label("sector"), text(fac.get("vsic"))),
            List.of(label("district"), text(fac.get("district"))),
            List.of(label("site"), text(a.get("site"))),
            List.of(label("assessment"), a.get("code") + " — " + a.get("title")),
            List.of(label("kind"), label((String) a.get("kind"))),
            List.of(label("status"), label((String) a.get("status"))),
            List.of(label("started_on"), labels.days(text(a.get("started_on"))))));
  }

  /** 2. The CP team. */
  private Section team(Map<String, Object> a) {
    return columns(a, "team", "team", "name", "role", "position");
  }

  /** 3. The process steps with their inputs and outputs. */
  @SuppressWarnings("unchecked")
  private Section process(Map<String, Object> a) {
    return section(
        "process",
        rows(
            a,
            "process_steps",
            m ->
                List.of(
                    text(m.get("name")),
                    flows((List<Object>) m.get("inputs")),
                    flows((List<Object>) m.get("outputs")))),
        "step",
        "inputs",
        "outputs");
  }

  /** 4. The audit focus and its material and energy balance. */
  @SuppressWarnings("unchecked")
  private Section balance(Map<String, Object> a) {
    Map<String, Object> bal = (Map<String, Object>) a.get("balance");
    List<List<String>> balance = new ArrayList<>();
    balance.add(List.of(label("focus_step"), text(a.get("focus_step")), "", "", ""));
    balance.add(
        List.of(
            label("period"),
            labels.days(text(bal.get("from"))) + " .. " + labels.days(text(bal.get("to"))),
            "",
            "",
            ""));
    for (String side : List.of("inputs", "outputs")) {
      for (Object o : (List<Object>) bal.get(side)) {
        Map<String, Object> m = (Map<String, Object>) o;
        balance.add(
            List.of(
                label(side),
                word("kind_", m.get("kind")) + ": " + flowName(m),
                amount(m.get("amount"), lang),
                word("unit_", m.get("unit")),
                word("source_", m.get("source"))));
      }
    }
    return new Section(
        label("focus"),
        List.of(label("flow"), "", label("amount"), label("unit"), label("source")),
        balance);
  }

  /** 5. The causes of waste with their yearly cost. */
  private Section causes(Map<String, Object> a) {
    return columns(a, "causes", "waste_causes", "stream", "cause", "yearly_cost");
  }

  /** 6. The method's six steps and eighteen tasks with their status. */
  @SuppressWarnings("unchecked")
  private Section method(Map<String, Object> a) {
    List<List<String>> method = new ArrayList<>();
    Map<String, Object> tasks = (Map<String, Object>) a.get("tasks");
    for (Object o : (List<Object>) a.get("steps")) {
      Map<String, Object> m = (Map<String, Object>) o;
      int n = ((Number) m.get("step")).intValue();
      CpMethod.Step st = CpMethod.STEPS.get(n - 1);
      method.add(List.of(n + ". " + st.label(lang), label((String) m.get("status"))));
      for (CpMethod.Task t : st.tasks()) {
        method.add(
            List.of(
                "    " + t.number() + ". " + t.label(lang),
                label((String) tasks.get(Integer.toString(t.number())))));
      }
    }
    return section("method", method, "step", "status");
  }

  /** 7. The options, then their totals (rejected ones left out). */
  @SuppressWarnings("unchecked")
  private Section options(Map<String, Object> a) {
    List<List<String>> options = rows(a, "options", this::option);
    Map<String, Object> totals = (Map<String, Object>) a.get("totals_not_rejected");
    options.add(
        List.of(
            label("totals"),
            "",
            "",
            money(((Number) totals.get("investment")).doubleValue(), lang),
            money(((Number) totals.get("money_saving")).doubleValue(), lang),
            decimal((Double) totals.get("payback_years"), lang),
            "",
            "",
            ""));
    return section(
        "options",
        options,
        "code",
        "type",
        "description",
        "investment",
        "money_saving",
        "payback",
        "resources",
        "feasibility",
        "decision");
  }

  /** An option's row: its code, type, costs, savings, feasibility and decision. */
  @SuppressWarnings("unchecked")
  private List<String> option(Map<String, Object> o) {
    Map<String, Object> fe = (Map<String, Object>) o.get("feasibility");
    return List.of(
        text(o.get("code")),
        text(o.get(lang.equals("vi") ? "type_vi" : "type_en")),
        text(o.get("description")),
        money(((Number) o.get("investment")).doubleValue(), lang),
        money(((Number) o.get("money_saving")).doubleValue(), lang),
        decimal((Double) o.get("payback_years"), lang),
        savings((List<Object>) o.get("savings")),
        label((String) fe.get("technical"))
            + " / "
            + label((String) fe.get("economic"))
            + " / "
            + label((String) fe.get("environmental")),
        o.get("decision") == null ? "—" : label((String) o.get("decision")));
  }

  /** 8. Each option's implementation and its verified saving. */
  private Section implementation(Map<String, Object> a) {
    return columns(
        a,
        "implementation",
        "options",
        "code",
        "implemented_on",
        "enpi",
        "measure_date",
        "verified");
  }

  /** Section {@code title} (a key) with the labels of the {@code header} keys over {@code rows}. */
  private Section section(String title, List<List<String>> rows, String... header) {
    return new Section(label(title), labels.labels(header), rows);
  }

  /**
   * Section {@code title}: a row per entry of the record's list {@code field}, a column per key
   * (headed by the key's label) with the entry's value as {@link #cell} writes it.
   */
  private Section columns(Map<String, Object> a, String title, String field, String... keys) {
    return section(
        title, rows(a, field, m -> Arrays.stream(keys).map(k -> cell(k, m.get(k))).toList()), keys);
  }

  /** An entry's value {@code v} of {@code key}: the yearly cost as money, the verified saving. */
  @SuppressWarnings("unchecked")
  private String cell(String key, Object v) {
    return switch (key) {
      case "yearly_cost" -> v instanceof Number n ? money(n.doubleValue(), lang) : "—";
      case "verified" -> verified((Map<String, Object>) v);
      case "implemented_on", "measure_date" -> labels.days(text(v));
      default -> text(v);
    };
  }

  /** One row per entry of the record's list {@code field}, in order. */
  @SuppressWarnings("unchecked")
  private static List<List<String>> rows(
      Map<String, Object> a, String field, Function<Map<String, Object>, List<String>> row) {
    List<List<String>> out = new ArrayList<>();
    for (Object o : (List<Object>) a.get(field)) {
      out.add(row.apply((Map<String, Object>) o));
    }
    return out;
  }

  /** An option's resource savings: "water 1.200 m3; coal 3 t". */
  private String savings(List<Object> savings) {
    return joined(
        savings,
        m ->
            resource(m.get("resource"))
                + " "
                + amount(m.get("amount"), lang)
                + " "
                + m.get("unit"));
  }

  /** A saving's resource in words: a carrier ("khí đốt"), water, else its code as given. */
  private String resource(Object code) {
    String c = text(code);
    String carrier = word("carrier_", c);
    return carrier.equals(c) ? word("resource_", c) : carrier;
  }

  /**
   * "8,9 % (1.234 kWh, 01-21..01-30)", the same marked indicative while no period is signed off or
   * to be re-verified when its data changed after the sign-off, pending, or — for an option not
   * linked.
   */
  private String verified(Map<String, Object> v) {
    if (v == null) {
      return "—";
    }
    boolean indicative = "indicative".equals(v.get("status"));
    boolean reverify = "to_be_reverified".equals(v.get("status"));
    if (!"verified".equals(v.get("status")) && !indicative && !reverify) {
      return label("pending");
    }
    Object f = v.get("savings_fraction");
    String pct = f instanceof Number n ? decimal(n.doubleValue() * 100, lang) + " %" : "—";
    return pct
        + " ("
        + energy(v.get("savings"), lang)
        + " "
        + text(v.get("energy_unit"))
        + ", "
        + labels.days(text(v.get("from")))
        + " .. "
        + labels.days(text(v.get("to")))
        + ")"
        + (indicative ? " — " + label("indicative") : "")
        + (reverify ? " — " + label("to_be_reverified") : "");
  }

  /** A step's inputs or outputs: "steam 1.200 t; condensate". */
  private String flows(List<Object> rows) {
    return joined(
        rows,
        m ->
            m.get("name")
                + (m.get("amount") == null
                    ? ""
                    : " " + amount(m.get("amount"), lang) + " " + text(m.get("unit"))));
  }

  /** The entries of a record's list, each as {@code entry} writes it, joined by "; ". */
  @SuppressWarnings("unchecked")
  private static String joined(List<Object> list, Function<Map<String, Object>, String> entry) {
    return list.stream()
        .map(o -> entry.apply((Map<String, Object>) o))
        .collect(Collectors.joining("; "));
  }
}
