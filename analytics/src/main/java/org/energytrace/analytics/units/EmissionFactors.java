package org.energytrace.analytics.units;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.AnalyticsException.Code;

/**
 * CO2 emission factors as versioned data ({@code emission-factors.csv}): the yearly Vietnamese grid
 * factor (2018–2023) and IPCC 2006 default fuel factors.
 */
public record EmissionFactors(List<EmissionFactor> rows) {

  private static final double MJ_PER_TJ = 1_000_000.0;
  private static final double KWH_PER_MWH = 1000.0;
  private static final double MJ_PER_KWH = 3.6;

  public EmissionFactors {
    rows = List.copyOf(rows);
  }

  public static EmissionFactors bundled() {
    return new EmissionFactors(
        DataCsv.resource(
            EmissionFactors.class,
            "emission-factors.csv",
            r ->
                new EmissionFactor(
                    r.get("table"),
                    r.get("version"),
                    r.get("carrier"),
                    r.get("basis_unit"),
                    r.number("factor"),
                    r.get("source"),
                    r.date("valid_from"),
                    r.date("valid_to"),
                    r.get("note"))));
  }

  /** Adds a factor, e.g. a grid factor for a year the bundled table lacks. */
  public EmissionFactors with(EmissionFactor extra) {
    List<EmissionFactor> all = new ArrayList<>(rows);
    all.add(extra);
    return new EmissionFactors(all);
  }

  /** The factor valid on {@code on}, or empty when the table has none (never a guess). */
  public java.util.Optional<EmissionFactor> lookup(String carrier, LocalDate on) {
    try {
      return java.util.Optional.of(factor(carrier, on));
    } catch (AnalyticsException e) {
      return java.util.Optional.empty();
    }
  }

  /**
   * Whether a CO2 factor for {@code carrier} is valid on every day of {@code year} (checked on the
   * first and last day of each month); empty when it is, else the gap naming carrier and year.
   */
  public java.util.Optional<MissingFactor> missing(String carrier, String unit, int year) {
    for (LocalDate d = LocalDate.of(year, 1, 1);
        d.getYear() == year;
        d = d.plusMonths(1).withDayOfMonth(1)) {
      if (lookup(carrier, d).isEmpty()
          || lookup(carrier, d.withDayOfMonth(d.lengthOfMonth())).isEmpty()) {
        return java.util.Optional.of(
            MissingFactor.of(carrier, unit, "CO2", year, "emission-factors.csv"));
      }
    }
    return java.util.Optional.empty();
  }

  public EmissionFactor factor(String carrier, LocalDate on) {
    EmissionFactor found = null;
    for (EmissionFactor f : rows) {
      if (f.carrier().equals(carrier) && f.validOn(on)) {
        if (found == null
            || (f.validFrom() != null
                && (found.validFrom() == null || !f.validFrom().isBefore(found.validFrom())))) {
          found = f;
        }
      }
    }
    if (found == null) {
      throw new AnalyticsException(
          Code.UNKNOWN_NAME,
          "no CO2 emission factor for " + carrier + " valid on " + on + "; add one to the table");
    }
    return found;
  }

  /** Grid electricity: tCO2 = kWh / 1000 × factor (tCO2/MWh) of the year of {@code on}. */
  public Emission electricity(double kWh, LocalDate on) {
    EmissionFactor f = factor("electricity", on);
    if (!f.basisUnit().equals("MWh")) {
      throw new AnalyticsException(Code.INVALID_INPUT, "grid factor basis must be MWh");
    }
    return new Emission(kWh / KWH_PER_MWH * f.factor(), f, null);
  }

  /**
   * {@code amount} of {@code carrier} in {@code unit}: electricity to kWh through its MJ-final
   * factor valid on {@code on}, then the grid factor valid on {@code gridOn}; a fuel as {@link
   * #fuel}.
   */
  public Emission of(
      String carrier,
      String unit,
      double amount,
      LocalDate on,
      LocalDate gridOn,
      ConversionTable energy) {
    if (carrier.equals("electricity")) {
      return electricity(energy.toMj(carrier, unit, amount, on).value() / MJ_PER_KWH, gridOn);
    }
    return fuel(carrier, unit, amount, on, energy);
  }

  /** A fuel: to MJ final with {@code energy}, then tCO2 = MJ / 10⁶ × factor (tCO2/TJ). */
  public Emission fuel(
      String carrier, String unit, double amount, LocalDate on, ConversionTable energy) {
    EmissionFactor f = factor(carrier, on);
    if (!f.basisUnit().equals("TJ")) {
      throw new AnalyticsException(Code.INVALID_INPUT, "fuel factor basis must be TJ: " + carrier);
    }
    Conversion mj = energy.toMj(carrier, unit, amount, on);
    return new Emission(mj.value() / MJ_PER_TJ * f.factor(), f, mj);
  }
}
