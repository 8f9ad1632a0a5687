package org.energytrace.gateway.simulator;

import static org.energytrace.gateway.model.DataType.FLOAT32;
import static org.energytrace.gateway.model.DataType.INT64;
import static org.energytrace.gateway.model.DataType.UINT32;
import static org.energytrace.gateway.model.RegisterOrder.ABCD;

import java.util.List;
import java.util.Map;
import org.energytrace.gateway.model.RegisterSpec;

/**
 * The register maps of the simulated Modbus meters (see docs in shared/reference/modbus-meters.md).
 * The demo gateway config reads the same addresses.
 */
public final class SimulatedMeters {

  /** Unit id 1: line 2, Eastron SDM630 — input registers (fc 4), float32 high word first. */
  public static final int SDM630_UNIT = 1;

  /** Unit id 2: line 3, Schneider iEM3xxx — holding registers (fc 3), wire = register − 1. */
  public static final int IEM3000_UNIT = 2;

  /** Unit id 3: boiler gas meter — holding registers, volume uint32 in 0.01 m³, flow float32. */
  public static final int GAS_UNIT = 3;

  private SimulatedMeters() {}

  /** The unit ids and what they serve, for the log. */
  public static String describe() {
    return "unit 1 SDM630, unit 2 iEM3xxx, unit 3 gas";
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
                s -> s.gas().flowM3PerHour())));
  }

  private static RegisterSpec input(int address, double scale) {
    return new RegisterSpec(4, address, FLOAT32, ABCD, scale);
  }
}
