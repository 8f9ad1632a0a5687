package org.energytrace.gateway.simulator;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** The state of the simulated plant at one instant: what its meters and PLC would show. */
public record PlantSnapshot(
    Instant at, List<Line> lines, Gas gas, Electrical line2Electrical, Water water) {

  public PlantSnapshot {
    Objects.requireNonNull(at, "at");
    lines = List.copyOf(lines);
    Objects.requireNonNull(gas, "gas");
    Objects.requireNonNull(line2Electrical, "line2Electrical");
    Objects.requireNonNull(water, "water");
  }

  /** The share of the plant's water the brewhouse meter sees. */
  static final double BREWHOUSE_WATER_SHARE = 0.6;

  /** The share of the boiler's gas that heats the brewhouse's hot-water loop, as heat. */
  static final double BREWHOUSE_HEAT_PER_GAS_KWH = 10.55 * 0.9 * 0.7;

  /** Supply and return of the brewhouse loop; heat = 1.163 kWh/(m³·K) × volume × ΔT. */
  static final double SUPPLY_C = 75;

  static final double RETURN_C = 60;

  /** The brewhouse's water meter: a fixed share of the plant's water. */
  public Water brewhouseWater() {
    return new Water(
        12_406.5 + BREWHOUSE_WATER_SHARE * (water.volumeM3() - FactoryModel.WATER_START_M3),
        BREWHOUSE_WATER_SHARE * water.flowM3PerHour());
  }

  /** The brewhouse's heat meter on the hot-water loop the boiler feeds. */
  public Heat brewhouseHeat() {
    double energy =
        2_104_550 + BREWHOUSE_HEAT_PER_GAS_KWH * (gas.volumeM3() - FactoryModel.GAS_START_M3);
    double power = BREWHOUSE_HEAT_PER_GAS_KWH * gas.flowM3PerHour();
    double perM3 = 1.163 * (SUPPLY_C - RETURN_C);
    return new Heat(
        energy, 31_882 + (energy - 2_104_550) / perM3, power, power / perM3, SUPPLY_C, RETURN_C);
  }

  /**
   * The rest of the boiler's useful heat leaves as steam to the packaging line's pasteuriser and
   * the CIP (issue 17): a steam meter with a heat energy counter and a mass flow.
   */
  static final double STEAM_HEAT_PER_GAS_KWH = 10.55 * 0.9 * 0.3;

  /** Net heat per tonne of saturated steam at 8 bar(g) from 105 °C feed water: 2.3 GJ/t. */
  static final double STEAM_KWH_PER_T = 2300 / 3.6;

  /** The steam header's meter: heat energy (GJ) and mass flow (t/h), from the boiler's gas. */
  public Steam steam() {
    double kwh = STEAM_HEAT_PER_GAS_KWH * (gas.volumeM3() - FactoryModel.GAS_START_M3);
    double powerKw = STEAM_HEAT_PER_GAS_KWH * gas.flowM3PerHour();
    return new Steam(8_412.6 + kwh * 0.0036, powerKw / STEAM_KWH_PER_T);
  }

  public Line line(int number) {
    return lines.get(number - 1);
  }

  /** One line: production rate (units/h), power (kW), energy import (kWh), units made. */
  public record Line(
      String line,
      String product,
      double ratePerHour,
      double powerKw,
      double energyKwh,
      double count) {}

  /** The boiler gas meter: volume (m³) and flow (m³/h). */
  public record Gas(double volumeM3, double flowM3PerHour) {}

  /** A steam meter: heat energy counter (GJ) and mass flow (t/h). */
  public record Steam(double heatGj, double massFlowTPerHour) {}

  /** A water meter: volume (m³) and flow (m³/h). */
  public record Water(double volumeM3, double flowM3PerHour) {}

  /** A heat meter: energy (kWh), volume (m³), power (kW), flow (m³/h), supply and return (°C). */
  public record Heat(
      double energyKwh,
      double volumeM3,
      double powerKw,
      double flowM3PerHour,
      double supplyC,
      double returnC) {}

  /** Extra quantities of line 2's meter: L1 voltage (V), L1 current (A), frequency (Hz). */
  public record Electrical(double voltageL1N, double currentL1, double frequencyHz) {}
}
