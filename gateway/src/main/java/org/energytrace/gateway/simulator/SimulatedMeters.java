package org.energytrace.gateway.simulator;

import static org.energytrace.gateway.model.DataType.FLOAT32;
import static org.energytrace.gateway.model.DataType.INT64;
import static org.energytrace.gateway.model.DataType.UINT32;
import static org.energytrace.gateway.model.DataType.UINT64;
import static org.energytrace.gateway.model.RegisterOrder.ABCD;
import static org.energytrace.gateway.model.RegisterOrder.CDAB;

import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.energytrace.gateway.model.RegisterSpec;

/**
 * The register maps of the simulated Modbus meters (the meters' published register tables). The
 * demo gateway config reads the same addresses.
 */
public final class SimulatedMeters {

  /** Unit id 1: line 2, Eastron SDM630 — input registers (fc 4), float32 high word first. */
  public static final int SDM630_UNIT = 1;

  /** Unit id 2: line 3, Schneider iEM3xxx — holding registers (fc 3), wire = register − 1. */
  public static final int IEM3000_UNIT = 2;

  /** Unit id 3: boiler gas meter — holding registers, volume uint32 in 0.01 m³, flow float32. */
  public static final int GAS_UNIT = 3;

  /**
   * Unit id 4: the brewhouse water meter, a Xylem MagFlux with its Modbus module 205546 (template
   * {@code xylem-magflux}): totals uint64 in mm³ and flow float32 in m³/s, low word first.
   */
  public static final int WATER_UNIT = 4;

  /**
   * Unit id 5: the brewhouse heat meter, a Diehl SHARKY 775 with its Modbus RTU module (template
   * {@code diehl-sharky-775}): float32 high word first.
   */
  public static final int HEAT_UNIT = 5;

  private SimulatedMeters() {}

  /** The unit ids and what they serve, for the log. */
  public static String describe() {
    return "unit 1 SDM630, unit 2 iEM3xxx, unit 3 gas, unit 4 MagFlux water, unit 5 SHARKY heat";
  }

  /** Per unit id, the values it serves. */
  public static Map<Integer, List<ServedRegister>> registerMaps() {
    return Map.of(
        SDM630_UNIT,
        List.of(
            // 30001 voltage L1-N (V)
            new ServedRegister(
                "line2-em",
                "AcVoltageL1N",
                "VLT",
                input(0x0000, 1),
                s -> s.line2Electrical().voltageL1N()),
            // 30007 current L1 (A)
            new ServedRegister(
                "line2-em",
                "AcCurrentL1",
                "AMP",
                input(0x0006, 1),
                s -> s.line2Electrical().currentL1()),
            // 30053 total system power, in W on the wire, read as kW with scale 0.001
            new ServedRegister(
                "line2-em",
                "AcActivePowerTotal",
                "KWT",
                input(0x0034, 0.001),
                s -> s.line(2).powerKw()),
            // 30071 frequency (Hz)
            new ServedRegister(
                "line2-em",
                "AcFrequency",
                "HTZ",
                input(0x0046, 1),
                s -> s.line2Electrical().frequencyHz()),
            // 30073 total import active energy (kWh)
            new ServedRegister(
                "line2-em",
                "AcActiveEnergyTotalImport",
                "KWH",
                input(0x0048, 1),
                s -> s.line(2).energyKwh())),
        IEM3000_UNIT,
        List.of(
            // register 3060: total active power, float32 kW
            new ServedRegister(
                "line3-em",
                "AcActivePowerTotal",
                "KWT",
                new RegisterSpec(3, 3059, FLOAT32, ABCD, 1),
                s -> s.line(3).powerKw()),
            // register 3204: total active energy import, int64 Wh, read as kWh with scale 0.001
            new ServedRegister(
                "line3-em",
                "AcActiveEnergyTotalImport",
                "KWH",
                new RegisterSpec(3, 3203, INT64, ABCD, 0.001),
                s -> s.line(3).energyKwh())),
        GAS_UNIT,
        List.of(
            new ServedRegister(
                "boiler-gas",
                "GasVolumeTotal",
                "NM3",
                new RegisterSpec(3, 0, UINT32, ABCD, 0.01),
                s -> Math.floor(s.gas().volumeM3() * 100) / 100),
            new ServedRegister(
                "boiler-gas",
                null,
                "MQH",
                new RegisterSpec(3, 2, FLOAT32, ABCD, 1),
                s -> s.gas().flowM3PerHour())),
        WATER_UNIT,
        List.of(
            // 604..607 total forward flow, uint64 mm³, LS word first
            new ServedRegister(
                "water-brewhouse",
                "WaterVolumeTotal",
                "MTQ",
                new RegisterSpec(3, 604, UINT64, CDAB, 1e-9),
                s -> Math.floor(s.brewhouseWater().volumeM3() * 1e9) / 1e9),
            // 610..613 total reverse flow: water never flows back here
            new ServedRegister(
                "water-brewhouse",
                "WaterVolumeTotalReverse",
                "MTQ",
                new RegisterSpec(3, 610, UINT64, CDAB, 1e-9),
                s -> 0),
            // 600..601 flow now, float32 m³/s, low word first: read as m³/h (scale 3600)
            new ServedRegister(
                "water-brewhouse",
                "WaterFlow",
                "MQH",
                new RegisterSpec(3, 600, FLOAT32, CDAB, 3600),
                s -> s.brewhouseWater().flowM3PerHour())),
        HEAT_UNIT,
        List.of(
            heat("HeatEnergyTotal", "KWH", 8, s -> s.brewhouseHeat().energyKwh()),
            heat("HeatVolumeTotal", "MTQ", 18, s -> s.brewhouseHeat().volumeM3()),
            heat("HeatPower", "KWT", 28, s -> s.brewhouseHeat().powerKw()),
            heat("HeatFlow", "MQH", 38, s -> s.brewhouseHeat().flowM3PerHour()),
            heat("SupplyTemperature", "CEL", 46, s -> s.brewhouseHeat().supplyC()),
            heat("ReturnTemperature", "CEL", 54, s -> s.brewhouseHeat().returnC()),
            heat(
                "TemperatureDifference",
                "KEL",
                62,
                s -> s.brewhouseHeat().supplyC() - s.brewhouseHeat().returnC())));
  }

  private static ServedRegister heat(
      String channel, String unit, int address, ToDoubleFunction<PlantSnapshot> value) {
    return new ServedRegister(
        "brewhouse-heat", channel, unit, new RegisterSpec(3, address, FLOAT32, ABCD, 1), value);
  }

  private static RegisterSpec input(int address, double scale) {
    return new RegisterSpec(4, address, FLOAT32, ABCD, scale);
  }
}
