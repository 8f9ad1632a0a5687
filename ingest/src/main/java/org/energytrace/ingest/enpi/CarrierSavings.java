package org.energytrace.ingest.enpi;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.domain.EnpiBasis;
import org.energytrace.analytics.units.ConversionTable;
import org.energytrace.analytics.units.Emission;
import org.energytrace.analytics.units.EmissionFactors;
import org.energytrace.ingest.config.DashboardConfig.Price;
import org.energytrace.ingest.config.DashboardConfig.Tariffs;

/**
 * The avoided energy of an EnPI that meters several carriers (MJ or TOE of electricity and natural
 * gas), split by carrier and turned into each carrier's own quantity, CO2 and money
 * (docs/dashboards.md, "Money and CO2 of a multi-carrier EnPI").
 *
 * <p>Split: the adjusted baseline (the model's prediction for the reporting days) is divided
 * between carriers in the proportion each carrier had in the baseline period's energy, and each
 * carrier's metered reporting energy is subtracted from its part: {@code savings_c = share_c ×
 * adjusted baseline − actual_c}. The parts add up to the EnPI's savings exactly; a carrier whose
 * use fell more than the baseline mix predicts gets the larger part. The assumption is that,
 * without the measure, the carrier mix of the baseline period would have held.
 *
 * <p>Pure: no I/O, no clock.
 */
public final class CarrierSavings {

  private CarrierSavings() {}

  /**
   * One carrier's part, in the EnPI's energy unit.
   *
   * @param baselineShare the carrier's share of the baseline period's energy (0..1)
   */
  public record Part(
      String carrier,
      double baselineShare,
      double adjustedBaseline,
      double actual,
      double savings) {}

  /**
   * Splits the savings between carriers.
   *
   * @param baseline energy per carrier over the baseline days (EnPI unit)
   * @param reporting metered energy per carrier over the reporting days (EnPI unit)
   * @param adjustedBaseline the baseline model's prediction for the reporting days (EnPI unit)
   */
  public static List<Part> split(
      Map<String, Double> baseline, Map<String, Double> reporting, double adjustedBaseline) {
    double total = baseline.values().stream().mapToDouble(Double::doubleValue).sum();
    if (!(total > 0)) {
      throw new IllegalArgumentException("the baseline period has no energy to take a mix from");
    }
    Map<String, Double> all = new LinkedHashMap<>();
    baseline.keySet().forEach(c -> all.put(c, 0.0));
    reporting.keySet().forEach(c -> all.put(c, 0.0));
    List<Part> parts = new ArrayList<>();
    for (String carrier : all.keySet()) {
      double share = baseline.getOrDefault(carrier, 0.0) / total;
      double part = share * adjustedBaseline;
      double actual = reporting.getOrDefault(carrier, 0.0);
      parts.add(new Part(carrier, share, part, actual, part - actual));
    }
    return parts;
  }

  /**
   * The quantity of {@code carrier} in {@code unit} that is {@code enpiEnergy} in the EnPI's unit:
   * the inverse of the conversion the EnPI applied (the table row valid on {@code on}).
   */
  public static double quantity(
      double enpiEnergy,
      String carrier,
      String unit,
      EnpiBasis basis,
      LocalDate on,
      ConversionTable table) {
    return enpiEnergy
        / (table.factor(carrier, unit, basis.accounting(), on).factor() * basis.scale());
  }

  /**
   * Tonnes CO2 of {@code enpiEnergy} of one carrier: electricity through the grid factor valid on
   * {@code gridOn} (tCO2/MWh), a fuel through its MJ-final energy and IPCC factor (tCO2/TJ).
   *
   * @param unit the carrier's metered unit (fuels: the unit the MJ conversion starts from)
   * @throws AnalyticsException when a factor is missing (e.g. no grid factor for the year)
   */
  public static Emission co2(
      double enpiEnergy,
      String carrier,
      String unit,
      EnpiBasis basis,
      LocalDate on,
      LocalDate gridOn,
      ConversionTable table,
      EmissionFactors factors) {
    String metered = carrier.equals("electricity") ? "kWh" : unit;
    return factors.of(
        carrier,
        metered,
        quantity(enpiEnergy, carrier, metered, basis, on, table),
        on,
        gridOn,
        table);
  }

  /** Money of one carrier's savings at its tariff. */
  public record Money(String carrier, String unit, double quantity, double price, double amount) {}

  /**
   * Each carrier's savings priced at its tariff, or null when a carrier with savings has no price
   * (a partial sum would understate the money saved).
   */
  public static List<Money> money(
      List<Part> parts, Tariffs tariffs, EnpiBasis basis, LocalDate on, ConversionTable table) {
    List<Money> out = new ArrayList<>();
    for (Part p : parts) {
      Price price = tariffs.price(p.carrier());
      if (price == null) {
        return null;
      }
      double q = quantity(p.savings(), p.carrier(), price.unit(), basis, on, table);
      out.add(new Money(p.carrier(), price.unit(), q, price.perUnit(), q * price.perUnit()));
    }
    return out;
  }
}
