package org.energytrace.analytics.report;

import java.time.LocalDate;
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
            "left_on",
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
        f.optDate("left_on"),
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
    present(root, "period", in.period() == null ? null : in.period().label());
    root.put("confidence", in.confidence());
    present(root, "grid_factor_year", in.gridFactorYear());
    root.put("facilities", Json.objects(in.facilities(), ProgrammeInputJson::facilityTree));
    if (!in.targets().isEmpty()) {
      root.put("targets", Json.objects(in.targets(), ProgrammeInputJson::targetsTree));
    }
    return Json.write(root);
  }

  private static void facilityTree(Facility f, Map<String, Object> m) {
    m.put("id", f.id());
    m.put("name", f.name());
    m.put("vsic", f.vsic());
    m.put("district", f.district());
    m.put("commune", f.commune());
    m.put("industrial_park", f.industrialPark());
    present(m, "registered_on", iso(f.registeredOn()));
    present(m, "left_on", iso(f.leftOn()));
    m.put("key_energy_user_listed", f.keyEnergyUserListed());
    m.put("cp_steps", Json.objects(f.cpSteps(), ProgrammeInputJson::stepTree));
    m.put("officers", Json.objects(f.officers(), ProgrammeInputJson::officerTree));
    m.put("savings", Json.objects(f.savings(), ProgrammeInputJson::savingTree));
    m.put("energy", Json.objects(f.energy(), ProgrammeInputJson::energyTree));
  }

  private static void stepTree(CpStep s, Map<String, Object> x) {
    x.put("stage", lower(s.stage()));
    x.put("date", s.date().toString());
    x.put("detail", s.detail());
    present(x, "potential", s.potential());
    x.put("recorded_by", s.recordedBy());
  }

  private static void officerTree(CpOfficer o, Map<String, Object> x) {
    x.put("id", o.id());
    x.put("name", o.name());
    present(x, "appointed_on", iso(o.appointedOn()));
    x.put("trainings", Json.objects(o.trainings(), ProgrammeInputJson::trainingTree));
  }

  private static void trainingTree(Training t, Map<String, Object> y) {
    y.put("course", t.course());
    y.put("date", t.date().toString());
    y.put("certificate", t.certificate());
    y.put("completed", t.completed());
  }

  private static void savingTree(ResourceSaving s, Map<String, Object> x) {
    x.put("resource", s.resource());
    x.put("kind", lower(s.kind()));
    present(x, "carrier", s.carrier());
    x.put("unit", s.unit());
    x.put("status", lower(s.status()));
    present(x, "verified_on", iso(s.verifiedOn()));
    x.put("from", s.from().toString());
    x.put("to", s.to().toString());
    x.put("fraction", s.fraction());
    x.put("fraction_low", s.fractionLow());
    x.put("fraction_high", s.fractionHigh());
    x.put("confidence", s.confidence());
    x.put("amount", s.amount());
    x.put("half_width", s.halfWidth());
    present(x, "money", s.money());
    x.put("currency", s.currency());
    x.put("reference", s.reference());
  }

  private static void energyTree(EnergyUse e, Map<String, Object> x) {
    x.put("year", e.year());
    x.put("carrier", e.carrier());
    x.put("unit", e.unit());
    x.put("amount", e.amount());
  }

  private static void targetsTree(ProgrammeTargets t, Map<String, Object> m) {
    m.put("effective_from", t.effectiveFrom().toString());
    m.put("set_by", t.setBy());
    m.put("set_at", t.setAt());
    m.put("reason", t.reason());
    m.putAll(t.values());
  }

  /** Puts {@code value} only when there is one (an absent optional field is left out). */
  private static void present(Map<String, Object> m, String key, Object value) {
    if (value != null) {
      m.put(key, value);
    }
  }

  private static String iso(LocalDate d) {
    return d == null ? null : d.toString();
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
