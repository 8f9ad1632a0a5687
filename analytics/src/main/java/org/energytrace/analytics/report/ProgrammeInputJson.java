package org.energytrace.analytics.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.json.Json;
import org.energytrace.analytics.json.JsonFields;
import org.energytrace.analytics.resource.ResourceKind;

/**
 * The JSON form of {@link ProgrammeInput} (format {@code energytrace-programme/2};
 * docs/programme-reporting.md, "Input"): what ingest exports from its database and {@code analytics
 * programme} reads, so both compute with one calculator. {@link #write} then {@link #read} gives
 * back an equal record. Errors name the path and the field: {@code facilities[3]. cp_steps[1],
 * field 'stage': 'done' is not one of [...]}; unknown fields are refused.
 */
public final class ProgrammeInputJson {

  private ProgrammeInputJson() {}

  /** Whether a parsed input is of this format (it has {@code facilities}). */
  public static boolean isThisFormat(Map<String, Object> root) {
    return root.containsKey("facilities");
  }

  public static ProgrammeInput read(String json) {
    JsonFields root =
        JsonFields.parse(json)
            .only(
                Set.of(
                    "format",
                    "province",
                    "as_of",
                    "period",
                    "confidence",
                    "grid_factor_year",
                    "facilities",
                    "targets"));
    String format = root.text("format");
    if (!format.equals(ProgrammeInput.FORMAT)) {
      throw root.error("format", "'" + format + "' is not " + ProgrammeInput.FORMAT);
    }
    String period = root.optText("period");
    Long grid = root.optInteger("grid_factor_year");
    List<Facility> facilities = each(root, "facilities", ProgrammeInputJson::facility);
    List<ProgrammeTargets> targets = each(root, "targets", ProgrammeInputJson::targets);
    return guard(
        root,
        () ->
            new ProgrammeInput(
                root.text("province"),
                root.date("as_of"),
                period == null ? null : ReportPeriod.parse(period),
                root.number("confidence"),
                grid == null ? null : grid.intValue(),
                facilities,
                targets));
  }

  private static final List<String> TARGET_META =
      List.of("effective_from", "set_by", "set_at", "reason");

  /** One stored set: {@code effective_from}, who, when, why and one number per target. */
  private static ProgrammeTargets targets(JsonFields t) {
    Set<String> allowed = new java.util.HashSet<>(TARGET_META);
    allowed.addAll(ProgrammeTargets.KEYS);
    t.only(allowed);
    Map<String, Double> values = new LinkedHashMap<>();
    for (String k : ProgrammeTargets.KEYS) {
      values.put(k, t.number(k));
    }
    return new ProgrammeTargets(
        t.date("effective_from"),
        values,
        t.optText("set_by"),
        t.optText("set_at"),
        t.optText("reason"));
  }

  private static Facility facility(JsonFields f) {
    f.only(
        Set.of(
            "id",
            "name",
            "vsic",
            "district",
            "commune",
            "industrial_park",
            "registered_on",
            "key_energy_user_listed",
            "cp_steps",
            "officers",
            "savings",
            "energy"));
    List<CpStep> steps =
        each(
            f,
            "cp_steps",
            Set.of("stage", "date", "detail", "potential", "recorded_by"),
            s ->
                new CpStep(
                    s.choice("stage", CpStage.class),
                    s.date("date"),
                    s.optText("detail"),
                    s.optBool("potential"),
                    s.optText("recorded_by")));
    List<CpOfficer> officers =
        each(
            f,
            "officers",
            Set.of("id", "name", "appointed_on", "trainings"),
            o -> {
              List<Training> trainings =
                  each(
                      o,
                      "trainings",
                      Set.of("course", "date", "certificate", "completed"),
                      t ->
                          new Training(
                              t.text("course"),
                              t.date("date"),
                              t.optText("certificate"),
                              t.bool("completed")));
              return new CpOfficer(
                  o.text("id"), o.optText("name"), o.optDate("appointed_on"), trainings);
            });
    List<ResourceSaving> savings =
        each(
            f,
            "savings",
            Set.of(
                "resource",
                "kind",
                "carrier",
                "unit",
                "status",
                "verified_on",
                "from",
                "to",
                "fraction",
                "fraction_low",
                "fraction_high",
                "confidence",
                "amount",
                "half_width",
                "money",
                "currency",
                "reference"),
            s -> {
              Double half = s.optNumber("half_width");
              return new ResourceSaving(
                  s.text("resource"),
                  s.choice("kind", ResourceKind.class),
                  s.optText("carrier"),
                  s.text("unit"),
                  s.choice("status", ResourceSaving.Status.class),
                  s.optDate("verified_on"),
                  s.date("from"),
                  s.date("to"),
                  s.number("fraction"),
                  s.number("fraction_low"),
                  s.number("fraction_high"),
                  s.number("confidence"),
                  s.number("amount"),
                  half == null ? 0 : half,
                  s.optNumber("money"),
                  s.optText("currency"),
                  s.optText("reference"));
            });
    List<EnergyUse> energy =
        each(
            f,
            "energy",
            Set.of("year", "carrier", "unit", "amount"),
            e ->
                new EnergyUse(
                    (int) e.integer("year"),
                    e.text("carrier"),
                    e.text("unit"),
                    e.number("amount")));
    Boolean listed = f.optBool("key_energy_user_listed");
    return new Facility(
        f.text("id"),
        f.optText("name"),
        f.text("vsic"),
        f.optText("district"),
        f.optText("commune"),
        f.optText("industrial_park"),
        f.optDate("registered_on"),
        listed != null && listed,
        steps,
        officers,
        savings,
        energy);
  }

  public static String write(ProgrammeInput in) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("format", ProgrammeInput.FORMAT);
    root.put("province", in.province());
    root.put("as_of", in.asOf().toString());
    if (in.period() != null) {
      root.put("period", in.period().label());
    }
    root.put("confidence", in.confidence());
    if (in.gridFactorYear() != null) {
      root.put("grid_factor_year", in.gridFactorYear());
    }
    List<Object> list = new ArrayList<>();
    for (Facility f : in.facilities()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", f.id());
      m.put("name", f.name());
      m.put("vsic", f.vsic());
      m.put("district", f.district());
      m.put("commune", f.commune());
      m.put("industrial_park", f.industrialPark());
      if (f.registeredOn() != null) {
        m.put("registered_on", f.registeredOn().toString());
      }
      m.put("key_energy_user_listed", f.keyEnergyUserListed());
      List<Object> steps = new ArrayList<>();
      for (CpStep s : f.cpSteps()) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("stage", lower(s.stage()));
        x.put("date", s.date().toString());
        x.put("detail", s.detail());
        if (s.potential() != null) {
          x.put("potential", s.potential());
        }
        x.put("recorded_by", s.recordedBy());
        steps.add(x);
      }
      m.put("cp_steps", steps);
      List<Object> officers = new ArrayList<>();
      for (CpOfficer o : f.officers()) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("id", o.id());
        x.put("name", o.name());
        if (o.appointedOn() != null) {
          x.put("appointed_on", o.appointedOn().toString());
        }
        List<Object> trainings = new ArrayList<>();
        for (Training t : o.trainings()) {
          Map<String, Object> y = new LinkedHashMap<>();
          y.put("course", t.course());
          y.put("date", t.date().toString());
          y.put("certificate", t.certificate());
          y.put("completed", t.completed());
          trainings.add(y);
        }
        x.put("trainings", trainings);
        officers.add(x);
      }
      m.put("officers", officers);
      List<Object> savings = new ArrayList<>();
      for (ResourceSaving s : f.savings()) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("resource", s.resource());
        x.put("kind", lower(s.kind()));
        if (s.carrier() != null) {
          x.put("carrier", s.carrier());
        }
        x.put("unit", s.unit());
        x.put("status", lower(s.status()));
        if (s.verifiedOn() != null) {
          x.put("verified_on", s.verifiedOn().toString());
        }
        x.put("from", s.from().toString());
        x.put("to", s.to().toString());
        x.put("fraction", s.fraction());
        x.put("fraction_low", s.fractionLow());
        x.put("fraction_high", s.fractionHigh());
        x.put("confidence", s.confidence());
        x.put("amount", s.amount());
        x.put("half_width", s.halfWidth());
        if (s.money() != null) {
          x.put("money", s.money());
        }
        x.put("currency", s.currency());
        x.put("reference", s.reference());
        savings.add(x);
      }
      m.put("savings", savings);
      List<Object> energy = new ArrayList<>();
      for (EnergyUse e : f.energy()) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("year", e.year());
        x.put("carrier", e.carrier());
        x.put("unit", e.unit());
        x.put("amount", e.amount());
        energy.add(x);
      }
      m.put("energy", energy);
      list.add(m);
    }
    root.put("facilities", list);
    if (!in.targets().isEmpty()) {
      List<Object> targets = new ArrayList<>();
      for (ProgrammeTargets t : in.targets()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("effective_from", t.effectiveFrom().toString());
        m.put("set_by", t.setBy());
        m.put("set_at", t.setAt());
        m.put("reason", t.reason());
        m.putAll(t.values());
        targets.add(m);
      }
      root.put("targets", targets);
    }
    return Json.write(root);
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  /**
   * The objects of a list field, each allowed only {@code allowed} fields, made by {@code make}.
   */
  private static <T> List<T> each(
      JsonFields f, String field, Set<String> allowed, Function<JsonFields, T> make) {
    return each(f, field, o -> make.apply(o.only(allowed)));
  }

  /** The objects of a list field, each made by {@code make} under {@link #guard}. */
  private static <T> List<T> each(JsonFields f, String field, Function<JsonFields, T> make) {
    List<T> out = new ArrayList<>();
    for (JsonFields o : f.objects(field)) {
      out.add(guard(o, () -> make.apply(o)));
    }
    return out;
  }

  /** Runs a constructor, prefixing its validation message with the object's path. */
  private static <T> T guard(JsonFields at, java.util.function.Supplier<T> make) {
    try {
      return make.get();
    } catch (AnalyticsException e) {
      if (at.path().isEmpty() || e.getMessage().startsWith(at.path())) {
        throw e;
      }
      throw at.error(null, e.getMessage());
    }
  }
}
