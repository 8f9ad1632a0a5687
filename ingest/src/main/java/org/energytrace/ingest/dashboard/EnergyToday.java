package org.energytrace.ingest.dashboard;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.units.ConversionTable;
import org.energytrace.analytics.units.EmissionFactors;
import org.energytrace.ingest.dashboard.PgDashboard.MeterState;
import org.energytrace.ingest.enpi.EnergyUnits;

/**
 * Today's energy of an enterprise's meters, all carriers together: final energy in kWh (gas and
 * other fuels through their MJ-final factor, Circular 20/2016), TOE (MOIT table) and t CO2 (the
 * grid factor for electricity, the IPCC factor for fuels), plus each carrier's own quantity. A
 * meter whose carrier or unit has no factor is left out of the totals and named, never guessed.
 *
 * <p>A meter without a declared carrier counts as electricity when its counter is metered in
 * watt-hours (Wh, kWh, MWh, GWh: how the overview counted before carriers were declared). A counter
 * metered in joules is stored in kWh too, but is heat (steam, hot water), not electricity: without
 * a carrier it is named, not counted. Pure: no I/O, no clock.
 */
public record EnergyToday(
    double finalKwh,
    Double toe,
    Double tonnesCo2,
    List<CarrierTotal> byCarrier,
    List<String> notCounted,
    List<String> notes) {

  /** One carrier's total today in its metered unit (conversion-table naming: kWh, Nm3, ...). */
  public record CarrierTotal(String carrier, String unit, double quantity, double finalKwh) {}

  private static final double MJ_PER_KWH = 3.6;

  /** UNECE codes of watt-hours: a counter metered in one of them is taken for electricity. */
  private static final Set<String> WATT_HOURS = Set.of("WHR", "KWH", "MWH", "GWH");

  /**
   * @param on the day whose conversion factors apply
   * @param gridOn the day whose grid emission factor applies
   */
  public static EnergyToday of(
      List<MeterState> meters,
      LocalDate on,
      LocalDate gridOn,
      ConversionTable table,
      EmissionFactors factors) {
    Map<String, double[]> totals = new LinkedHashMap<>(); // carrier|unit -> quantity, final kWh
    List<String> notCounted = new ArrayList<>();
    for (MeterState m : meters) {
      if (m.energyToday() == null) {
        continue;
      }
      Optional<String> unit = EnergyUnits.tableUnit(m.energyUnit());
      String carrier = m.carrier() != null ? m.carrier() : undeclaredCarrier(m);
      if (carrier == null || unit.isEmpty()) {
        notCounted.add(m.site() + "/" + m.meter());
        continue;
      }
      double mj;
      try {
        mj = table.toMj(carrier, unit.get(), m.energyToday(), on).value();
      } catch (AnalyticsException e) {
        notCounted.add(m.site() + "/" + m.meter());
        continue;
      }
      double[] t = totals.computeIfAbsent(carrier + "|" + unit.get(), k -> new double[2]);
      t[0] += m.energyToday();
      t[1] += mj / MJ_PER_KWH;
    }
    List<CarrierTotal> byCarrier = new ArrayList<>();
    double finalKwh = 0;
    double toe = 0;
    double co2 = 0;
    List<String> notes = new ArrayList<>();
    boolean toeKnown = true;
    boolean co2Known = true;
    for (var e : totals.entrySet()) {
      String[] key = e.getKey().split("\\|", 2);
      String carrier = key[0];
      String unit = key[1];
      double quantity = e.getValue()[0];
      byCarrier.add(new CarrierTotal(carrier, unit, quantity, e.getValue()[1]));
      finalKwh += e.getValue()[1];
      try {
        toe += table.toToe(carrier, unit, quantity, on).value();
      } catch (AnalyticsException ex) {
        toeKnown = false;
        notes.add(ex.getMessage());
      }
      try {
        co2 += factors.of(carrier, unit, quantity, on, gridOn, table).tonnesCo2();
      } catch (AnalyticsException ex) {
        co2Known = false;
        notes.add(ex.getMessage());
      }
    }
    return new EnergyToday(
        finalKwh,
        toeKnown ? toe : null,
        co2Known ? co2 : null,
        List.copyOf(byCarrier),
        List.copyOf(notCounted),
        List.copyOf(notes));
  }

  private static String undeclaredCarrier(MeterState m) {
    return "KWH".equals(m.energyUnit()) && WATT_HOURS.contains(m.energyMeteredUnit())
        ? "electricity"
        : null;
  }
}
