package org.energytrace.analytics.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.energytrace.analytics.json.Json;
import org.energytrace.analytics.units.EmissionFactor;

/**
 * The province's CP programme indicators "as of" a date (issue 16; docs/programme-reporting.md,
 * "Indicators as of a date"), each with numerator, denominator and the facilities behind it,
 * verified and indicative savings apart, energy saved in kWh, TOE and t CO2 with money, key energy
 * users, and the same by district and by VSIC sector. {@link #tree()} is the documented JSON; the
 * API answers it and {@code analytics programme} prints it from the same inputs.
 */
public record ProgrammeIndicators(
    String province,
    LocalDate asOf,
    ReportPeriod period,
    ProgrammeScope scope,
    double confidence,
    Map<String, IndicatorTarget> targets,
    Indicators indicators,
    Totals verified,
    Totals indicative,
    KeyUsers keyEnergyUsers,
    List<Group> byDistrict,
    List<Group> bySector,
    List<String> notes,
    String methodVersion) {

  public ProgrammeIndicators {
    Objects.requireNonNull(asOf, "asOf");
    targets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(targets));
    byDistrict = List.copyOf(byDistrict);
    bySector = List.copyOf(bySector);
    notes = List.copyOf(notes);
  }

  /** "Saving ≥ x % per unit of product": any resource, and each resource. */
  public record Savings(Figure any, Map<String, Figure> byResource) {
    public Savings {
      byResource = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byResource));
    }

    Map<String, Object> tree() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("any_resource", any.tree());
      Map<String, Object> r = new LinkedHashMap<>();
      byResource.forEach((k, v) -> r.put(k, v.tree()));
      m.put("by_resource", r);
      return m;
    }
  }

  public record Indicators(
      int facilities,
      Figure aware,
      Figure applying,
      Savings savingLowVerified,
      Savings savingHighVerified,
      Savings savingLowIndicative,
      Savings savingHighIndicative,
      Figure officersTrained) {}

  /**
   * Energy saved (energy carriers only) and money (any resource), with what could not be converted
   * and the grid CO2 factors the electricity was converted with (a report names their year: the
   * savings of a year without a published factor use an earlier year's).
   */
  public record Totals(
      List<String> facilities,
      double kwhFinal,
      double toe,
      double co2Tonnes,
      boolean complete,
      List<String> missingFactors,
      List<EmissionFactor> gridFactors,
      Map<String, Double> money,
      Map<String, Double> otherResources) {
    public Totals {
      facilities = facilities.stream().sorted().toList();
      missingFactors = List.copyOf(missingFactors);
      gridFactors = List.copyOf(gridFactors);
      money = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(money));
      otherResources = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(otherResources));
    }

    Map<String, Object> tree() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("facilities", new ArrayList<Object>(facilities));
      m.put("kwh_final", kwhFinal);
      m.put("toe", toe);
      m.put("co2_t", co2Tonnes);
      m.put("complete", complete);
      m.put("missing_factors", new ArrayList<Object>(missingFactors));
      List<Object> grid = new ArrayList<>();
      for (EmissionFactor f : gridFactors) {
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("version", f.version());
        g.put("t_co2_per_mwh", f.factor());
        g.put("source", f.source());
        grid.add(g);
      }
      m.put("grid_factors", grid);
      m.put("money", new LinkedHashMap<String, Object>(money));
      m.put("other_resources", new LinkedHashMap<String, Object>(otherResources));
      return m;
    }
  }

  public record KeyUser(
      String id,
      String name,
      double toe,
      boolean complete,
      boolean onNationalList,
      boolean atOrAboveThreshold,
      String note) {}

  public record KeyUsers(int year, KeyEnergyUserThreshold threshold, List<KeyUser> list) {
    public KeyUsers {
      list = List.copyOf(list);
    }
  }

  /** One district or sector: its own indicators and verified totals. */
  public record Group(String key, Indicators indicators, Totals verified) {}

  public String json() {
    return Json.write(tree());
  }

  /** {@code stored} when the targets are the province's stored ones, else {@code bundled}. */
  public String targetsSource() {
    return targets.values().stream().anyMatch(IndicatorTarget::stored) ? "stored" : "bundled";
  }

  public Map<String, Object> tree() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("province", province);
    root.put("as_of", asOf.toString());
    root.put("period", period == null ? null : period.tree());
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("district", scope.district());
    s.put("sector", scope.sector());
    s.put("industrial_park", scope.industrialPark());
    root.put("scope", s);
    root.put("confidence", confidence);
    Map<String, Object> t = new LinkedHashMap<>();
    targets.forEach(
        (k, v) -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("target", v.target());
          m.put("source", v.source());
          m.put("valid_from", v.validFrom() == null ? null : v.validFrom().toString());
          m.put("valid_to", v.validTo() == null ? null : v.validTo().toString());
          m.put("carried_forward", v.carriedForward());
          t.put(k, m);
        });
    root.put("targets", t);
    // the province's stored targets, or the bundled table where none is in force
    root.put("targets_source", targetsSource());
    root.put("indicators", indicators(indicators));
    Map<String, Object> totals = new LinkedHashMap<>();
    totals.put("verified", verified.tree());
    totals.put("indicative", indicative.tree());
    root.put("energy_saved", totals);
    Map<String, Object> k = new LinkedHashMap<>();
    k.put("year", keyEnergyUsers.year());
    k.put("threshold", keyEnergyUsers.threshold().tree());
    List<Object> list =
        Json.objects(
            keyEnergyUsers.list(),
            (KeyUser u, Map<String, Object> m) -> {
              m.put("id", u.id());
              m.put("name", u.name());
              m.put("toe", Double.isNaN(u.toe()) ? null : u.toe());
              m.put("complete", u.complete());
              m.put("on_national_list", u.onNationalList());
              m.put("at_or_above_threshold", u.atOrAboveThreshold());
              m.put("note", u.note());
            });
    k.put("list", list);
    root.put("key_energy_users", k);
    root.put("by_district", groups(byDistrict));
    root.put("by_sector", groups(bySector));
    root.put("notes", new ArrayList<Object>(notes));
    root.put("method_version", methodVersion);
    return root;
  }

  private static Map<String, Object> indicators(Indicators i) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("facilities", i.facilities());
    m.put("aware", i.aware().tree());
    m.put("applying", i.applying().tree());
    m.put("verified", savings(i.savingLowVerified(), i.savingHighVerified()));
    m.put("indicative", savings(i.savingLowIndicative(), i.savingHighIndicative()));
    m.put("officers_trained", i.officersTrained().tree());
    return m;
  }

  private static Map<String, Object> savings(Savings low, Savings high) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("saving_low", low.tree());
    m.put("saving_high", high.tree());
    return m;
  }

  private static List<Object> groups(List<Group> groups) {
    List<Object> out =
        Json.objects(
            groups,
            (Group g, Map<String, Object> m) -> {
              m.put("key", g.key());
              m.put("indicators", indicators(g.indicators()));
              m.put("energy_saved_verified", g.verified().tree());
            });
    return out;
  }
}
