package org.energytrace.gateway.simulator;

import java.util.List;

/**
 * A production line: nominal rate (units/h) while a shift runs, electric base load (kW, also when
 * idle), specific energy (kWh per unit made) and the counter totals at simulation start.
 */
public record LineSpec(
    String line,
    String product,
    double nominalRatePerHour,
    double baseKw,
    double kwhPerUnit,
    double startEnergyKwh,
    double startCount) {

  public LineSpec {
    if (nominalRatePerHour <= 0 || baseKw < 0 || kwhPerUnit <= 0) {
      throw new IllegalArgumentException("line " + line + ": rates and loads must be positive");
    }
    if (startEnergyKwh < 0 || startCount < 0) {
      throw new IllegalArgumentException("line " + line + ": counters start at >= 0");
    }
  }

  /** The three lines of the demo brewery. */
  public static List<LineSpec> demoBrewery() {
    return List.of(
        new LineSpec("line-1", "crate-beer", 1200, 35, 0.12, 1_048_576.25, 152_340),
        new LineSpec("line-2", "can-beer", 3000, 20, 0.03, 2_523_118.5, 98_211),
        new LineSpec("line-3", "keg-beer", 60, 45, 1.1, 2_311_902.75, 20_455));
  }
}
