package org.energytrace.analytics.resource;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A resource's use over the days [{@code from}, {@code to}] and the production of those days, in
 * the resource's unit and the unit of product.
 */
public record ResourcePeriod(LocalDate from, LocalDate to, double quantity, double production) {

  public ResourcePeriod {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
  }

  /** Specific consumption of the period (NaN without production). */
  public double sec() {
    return production > 0 ? quantity / production : Double.NaN;
  }
}
