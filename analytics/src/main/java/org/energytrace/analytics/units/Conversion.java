package org.energytrace.analytics.units;

import java.util.Objects;
import org.energytrace.analytics.MethodVersion;

/** A converted quantity and the exact table row (table, version, accounting, source) it used. */
public record Conversion(
    double amount,
    String fromUnit,
    double value,
    String unit,
    ConversionFactor factor,
    String methodVersion) {

  public Conversion {
    Objects.requireNonNull(factor, "factor");
    Objects.requireNonNull(methodVersion, "methodVersion");
  }

  Conversion(double amount, ConversionFactor factor) {
    this(
        amount,
        factor.unit(),
        amount * factor.factor(),
        factor.toUnit(),
        factor,
        MethodVersion.CURRENT);
  }

  public Accounting accounting() {
    return factor.accounting();
  }
}
