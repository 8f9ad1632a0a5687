package org.energytrace.analytics.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.energytrace.analytics.json.Json;

/**
 * The province's cleaner-production and energy-efficiency indicators for one period (Decision
 * 1419/QĐ-TTg; provincial plans: semiannual and yearly reports to the People's Committee and MOIT).
 * {@link #tree()} is the documented JSON structure (docs/programme-reporting.md); {@link #json()}
 * writes it byte-identically for the same inputs. Undefined numbers are NaN (JSON null).
 */
public record ProgrammeReport(
    String province,
    ReportPeriod period,
    double confidence,
    String accounting,
    String confidenceRule,
    String bandsSource,
    Indicators indicators,
    Totals totals,
    List<GroupLine> sectors,
    List<GroupLine> districts,
    List<EnterpriseLine> enterprises,
    KeyEnergyUsers keyEnergyUsers,
    List<String> notes,
    String methodVersion) {

  /** Accounting statement printed in every report (ISO 50047: say which). */
  public static final String ACCOUNTING =
      "energy totals in TOE primary-equivalent (MOIT table) and MWh final (Circular 20/2016/TT-BCT"
          + " MJ factors / 3600); SEC compared with sector norms in final energy; key-energy-user"
          + " threshold in TOE";

  public ProgrammeReport {
    Objects.requireNonNull(period, "period");
    sectors = List.copyOf(sectors);
    districts = List.copyOf(districts);
    enterprises = List.copyOf(enterprises);
    notes = List.copyOf(notes);
  }

  /** A count and its share of all enterprises in the report. */
  public record Count(int n, double share) {}

  /**
   * @param bands enterprises per band label whose lower confidence bound reaches the band
   */
  public record Indicators(
      int enterprises,
      Count aware,
      Count applying,
      Count cpUnit,
      int withResult,
      Map<String, Count> bands,
      Count below,
      Count inconclusive,
      Count modelNotValid,
      Count noResult) {
    public Indicators {
      bands = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(bands));
    }
  }

  /**
   * Saved energy over the enterprises with a valid result (in-band, below and inconclusive ones).
   *
   * @param savedToeHalfWidth at the report's confidence: carriers of one enterprise add linearly,
   *     enterprises in quadrature (portfolio, Guideline 14 Annex B)
   * @param mwhComplete false when a carrier has no MJ-final factor (then savedMwhFinal is NaN)
   * @param co2Complete false when a carrier or year has no emission factor (the total is partial)
   */
  public record Totals(
      int contributing,
      double savedToe,
      double savedToeHalfWidth,
      double fsuToe,
      double savedMwhFinal,
      boolean mwhComplete,
      double savedElectricityMwh,
      double co2Tonnes,
      boolean co2Complete,
      List<String> factorsUsed) {
    public Totals {
      factorsUsed = List.copyOf(factorsUsed);
    }
  }

  /** One VSIC sector or district. */
  public record GroupLine(
      String key,
      int enterprises,
      int applying,
      Map<String, Integer> bands,
      int inconclusive,
      double savedToe,
      double co2Tonnes) {
    public GroupLine {
      bands = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(bands));
    }
  }

  /** An enterprise's SEC against its sector norm; {@code note} says why there is none. */
  public record NormLine(
      String normId,
      String normUnit,
      double normValue,
      double sec,
      double ratio,
      Boolean withinNorm,
      String source,
      String note) {}

  public record EnterpriseLine(
      String id,
      String name,
      String vsicCode,
      String district,
      String industrialPark,
      CpStatus cp,
      String category,
      String band,
      String pointBand,
      double fraction,
      double fractionLow,
      double fractionHigh,
      String secUnit,
      double baselineSec,
      double reportingSec,
      double savedToe,
      double savedMwhFinal,
      double co2Tonnes,
      NormLine norm,
      double annualToe) {}

  public record KeyUserLine(
      String id,
      String name,
      double annualToe,
      boolean onNationalList,
      boolean atOrAboveThreshold,
      String note) {}

  public record KeyEnergyUsers(KeyEnergyUserThreshold threshold, List<KeyUserLine> list) {
    public KeyEnergyUsers {
      list = List.copyOf(list);
    }
  }

  public String json() {
    return Json.write(tree());
  }

  public Map<String, Object> tree() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("province", province);
    root.put("period", period.tree());
    root.put("accounting", accounting);
    root.put("confidence", confidence);
    root.put("confidence_rule", confidenceRule);
    root.put("bands_source", bandsSource);
    root.put("indicators", indicatorsTree());
    root.put("totals", totalsTree());
    root.put("sectors", groups(sectors));
    root.put("districts", groups(districts));
    List<Object> list = new ArrayList<>();
    enterprises.forEach(e -> list.add(enterprise(e)));
    root.put("enterprises", list);
    root.put("key_energy_users", keyUsers());
    root.put("notes", new ArrayList<>(notes));
    root.put("method_version", methodVersion);
    return root;
  }

  private Map<String, Object> indicatorsTree() {
    Indicators i = indicators;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("enterprises", i.enterprises());
    m.put("aware", count(i.aware()));
    m.put("applying_cp", count(i.applying()));
    m.put("has_cp_unit", count(i.cpUnit()));
    m.put("with_result", i.withResult());
    Map<String, Object> bands = new LinkedHashMap<>();
    i.bands().forEach((k, v) -> bands.put(k, count(v)));
    m.put("saving_bands", bands);
    m.put("below_lowest_band", count(i.below()));
    m.put("inconclusive", count(i.inconclusive()));
    m.put("model_not_valid", count(i.modelNotValid()));
    m.put("no_result", count(i.noResult()));
    return m;
  }

  private static Map<String, Object> count(Count c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("n", c.n());
    m.put("share", c.share());
    return m;
  }

  private Map<String, Object> totalsTree() {
    Totals t = totals;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("contributing_enterprises", t.contributing());
    m.put("saved_toe", t.savedToe());
    m.put("saved_toe_half_width", t.savedToeHalfWidth());
    m.put("fsu_toe", t.fsuToe());
    m.put("saved_mwh_final", t.savedMwhFinal());
    m.put("mwh_complete", t.mwhComplete());
    m.put("saved_electricity_mwh", t.savedElectricityMwh());
    m.put("co2_avoided_t", t.co2Tonnes());
    m.put("co2_complete", t.co2Complete());
    m.put("factors_used", new ArrayList<>(t.factorsUsed()));
    return m;
  }

  private static List<Object> groups(List<GroupLine> lines) {
    List<Object> list =
        Json.objects(
            lines,
            (GroupLine g, Map<String, Object> m) -> {
              m.put("key", g.key());
              m.put("enterprises", g.enterprises());
              m.put("applying_cp", g.applying());
              m.put("saving_bands", new LinkedHashMap<>(g.bands()));
              m.put("inconclusive", g.inconclusive());
              m.put("saved_toe", g.savedToe());
              m.put("co2_avoided_t", g.co2Tonnes());
            });
    return list;
  }

  private static Map<String, Object> enterprise(EnterpriseLine e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", e.id());
    m.put("name", e.name());
    m.put("vsic", e.vsicCode());
    m.put("district", e.district());
    m.put("industrial_park", e.industrialPark());
    m.put("aware", e.cp().aware());
    m.put("applying_cp", e.cp().applying());
    m.put("has_cp_unit", e.cp().hasCpUnit());
    m.put("category", e.category());
    m.put("band", e.band());
    m.put("point_band", e.pointBand());
    m.put("savings_fraction", e.fraction());
    m.put("fraction_low", e.fractionLow());
    m.put("fraction_high", e.fractionHigh());
    m.put("sec_unit", e.secUnit());
    m.put("baseline_sec", e.baselineSec());
    m.put("reporting_sec", e.reportingSec());
    m.put("saved_toe", e.savedToe());
    m.put("saved_mwh_final", e.savedMwhFinal());
    m.put("co2_avoided_t", e.co2Tonnes());
    NormLine n = e.norm();
    if (n == null) {
      m.put("norm", null);
    } else {
      Map<String, Object> norm = new LinkedHashMap<>();
      norm.put("id", n.normId());
      norm.put("unit", n.normUnit());
      norm.put("value", n.normValue());
      norm.put("sec", n.sec());
      norm.put("ratio", n.ratio());
      norm.put("within_norm", n.withinNorm());
      norm.put("source", n.source());
      norm.put("note", n.note());
      m.put("norm", norm);
    }
    m.put("annual_toe", e.annualToe());
    return m;
  }

  private Map<String, Object> keyUsers() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("threshold", keyEnergyUsers.threshold().tree());
    List<Object> list =
        Json.objects(
            keyEnergyUsers.list(),
            (KeyUserLine k, Map<String, Object> line) -> {
              line.put("id", k.id());
              line.put("name", k.name());
              line.put("annual_toe", k.annualToe());
              line.put("on_national_list", k.onNationalList());
              line.put("at_or_above_threshold", k.atOrAboveThreshold());
              line.put("note", k.note());
            });
    m.put("list", list);
    return m;
  }
}
