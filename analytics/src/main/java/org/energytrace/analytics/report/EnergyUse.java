package org.energytrace.analytics.report;

import java.util.Objects;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.AnalyticsException.Code;

/** A facility's use of one energy carrier in a calendar year (metered or declared). */
public record EnergyUse(int year, String carrier, String unit, double amount) {

  public EnergyUse {
    Objects.requireNonNull(carrier, "carrier");
    Objects.requireNonNull(unit, "unit");
    if (!Double.isFinite(amount) || amount < 0) {
      throw new AnalyticsException(
          Code.INVALID_INPUT, carrier + " " + year + ": amount must be finite and >= 0");
    }
  }
}
