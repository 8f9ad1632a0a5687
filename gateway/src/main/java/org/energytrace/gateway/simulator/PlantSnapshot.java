package org.energytrace.gateway.simulator;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** The state of the simulated plant at one instant: what its meters and PLC would show. */
public record PlantSnapshot(Instant at, List<Line> lines, Gas gas, Electrical line2Electrical) {

  public PlantSnapshot {
    Objects.requireNonNull(at, "at");
    lines = List.copyOf(lines);
    Objects.requireNonNull(gas, "gas");
    Objects.requireNonNull(line2Electrical, "line2Electrical");
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

  /** Extra quantities of line 2's meter: L1 voltage (V), L1 current (A), frequency (Hz). */
  public record Electrical(double voltageL1N, double currentL1, double frequencyHz) {}
}
