package org.energytrace.analytics.units;

import java.time.LocalDate;
import java.util.List;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.AnalyticsException.Code;

/** Sector SEC norms as versioned data ({@code sector-norms.csv}) and the comparison with them. */
public record SectorNorms(List<SectorNorm> rows) {

  public SectorNorms {
    rows = List.copyOf(rows);
  }

  public static SectorNorms bundled() {
    return new SectorNorms(
        DataCsv.resource(
            SectorNorms.class,
            "sector-norms.csv",
            r ->
                new SectorNorm(
                    r.get("id"),
                    r.get("sector"),
                    r.get("product"),
                    r.get("band"),
                    r.number("value"),
                    r.get("unit"),
                    r.get("source"),
                    r.date("valid_from"),
                    r.date("valid_to"),
                    r.get("note"))));
  }

  public List<SectorNorm> sector(String sector) {
    return rows.stream().filter(n -> n.sector().equals(sector)).toList();
  }

  public SectorNorm norm(String id, LocalDate on) {
    return rows.stream()
        .filter(n -> n.id().equals(id) && n.validOn(on))
        .reduce((a, b) -> b)
        .orElseThrow(
            () -> new AnalyticsException(Code.UNKNOWN_NAME, "no norm '" + id + "' valid on " + on));
  }

  /**
   * Compares an SEC (in {@code unit}, which must be the norm's unit, e.g. MJ/t) with the norm valid
   * on {@code on}.
   */
  public NormComparison compare(String id, double sec, String unit, LocalDate on) {
    SectorNorm norm = norm(id, on);
    if (!norm.unit().equals(unit)) {
      throw new AnalyticsException(
          Code.INVALID_INPUT,
          "norm " + id + " is in " + norm.unit() + ", the SEC is in " + unit + ": convert first");
    }
    if (!Double.isFinite(sec) || sec < 0) {
      throw new AnalyticsException(Code.INVALID_INPUT, "SEC must be a finite value >= 0: " + sec);
    }
    return NormComparison.of(norm, sec, sec, unit, null);
  }

  /**
   * Compares an SEC given in any final-energy unit per unit of product ({@code kWh/t}, {@code
   * MJ/hl}, {@code GJ/t}, {@code MWh/t}) with the norm valid on {@code on}, converting the energy
   * unit to the norm's through the table's MJ-final electricity row (3.6 MJ/kWh, Circular
   * 20/2016/TT-BCT), which the comparison names. The unit of product must be the norm's. TOE is
   * refused: it is primary-equivalent, the norms are final energy (ISO 50047: one accounting).
   */
  public NormComparison compare(
      String id, double sec, String unit, LocalDate on, ConversionTable table) {
    SectorNorm norm = norm(id, on);
    if (norm.unit().equals(unit)) {
      return compare(id, sec, unit, on);
    }
    String[] given = split(unit);
    String[] target = split(norm.unit());
    if (!given[1].equals(target[1])) {
      throw new AnalyticsException(
          Code.INVALID_INPUT,
          "norm "
              + id
              + " is per "
              + target[1]
              + ", the SEC is per "
              + given[1]
              + ": the unit of product must match");
    }
    if (!Double.isFinite(sec) || sec < 0) {
      throw new AnalyticsException(Code.INVALID_INPUT, "SEC must be a finite value >= 0: " + sec);
    }
    ConversionFactor kwh = table.factor("electricity", "kWh", Accounting.MJ_FINAL, on);
    double converted = sec * megajoules(given[0], kwh, id) / megajoules(target[0], kwh, id);
    return NormComparison.of(norm, converted, sec, unit, kwh);
  }

  private static String[] split(String unit) {
    String[] parts = unit.split("/", -1);
    if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
      throw new AnalyticsException(
          Code.INVALID_INPUT, "an SEC unit is energy/unit of product, e.g. MJ/t; got " + unit);
    }
    return parts;
  }

  /** MJ (final) per one {@code energyUnit}. */
  private static double megajoules(String energyUnit, ConversionFactor kwh, String id) {
    return switch (energyUnit) {
      case "MJ" -> 1.0;
      case "GJ" -> 1000.0;
      case "kWh" -> kwh.factor();
      case "MWh" -> 1000.0 * kwh.factor();
      case "TOE" ->
          throw new AnalyticsException(
              Code.INVALID_INPUT,
              "norm "
                  + id
                  + " is final energy; an SEC in TOE (primary-equivalent) cannot be"
                  + " compared with it: compute the EnPI in MJ or kWh final");
      default ->
          throw new AnalyticsException(
              Code.UNKNOWN_NAME, "unknown energy unit '" + energyUnit + "' (kWh, MWh, MJ, GJ)");
    };
  }
}
