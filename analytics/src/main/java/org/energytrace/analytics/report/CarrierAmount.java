package org.energytrace.analytics.report;

import java.util.Objects;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.AnalyticsException.Code;

/**
 * An amount of one energy carrier in its unit (as named in the conversion table), with the
 * half-width of its interval at the result's confidence (0 for a metered consumption).
 */
public record CarrierAmount(String carrier, String unit, double amount, double halfWidth) {

  public CarrierAmount {
    Objects.requireNonNull(carrier, "carrier");
    Objects.requireNonNull(unit, "unit");
    if (!Double.isFinite(amount) || !(halfWidth >= 0) || !Double.isFinite(halfWidth)) {
      throw new AnalyticsException(
          Code.INVALID_INPUT, carrier + ": amount must be finite and half-width finite and >= 0");
    }
  }

  public static CarrierAmount of(String carrier, String unit, double amount) {
    return new CarrierAmount(carrier, unit, amount, 0);
  }
}
