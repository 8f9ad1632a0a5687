package org.energytrace.analytics.units;

import java.util.Objects;

/**
 * A unit of measure: {@code toBase} base units of its dimension per one of it (t: 1000 kg, hl: 0.1
 * m³, kWh: 3.6 MJ). These are definitions (SI and its accepted multiples), not data: they never
 * change with a law, unlike the factors of the tables.
 */
public record PhysicalUnit(String symbol, Dimension dimension, double toBase, String name) {

  public PhysicalUnit {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(dimension, "dimension");
    Objects.requireNonNull(name, "name");
    if (!(toBase > 0) || !Double.isFinite(toBase)) {
      throw new IllegalArgumentException("toBase must be positive: " + symbol);
    }
  }
}
