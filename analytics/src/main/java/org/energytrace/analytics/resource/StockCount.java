package org.energytrace.analytics.resource;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A stock count: the quantity in store at the <b>end</b> of {@code day} (after that day's
 * deliveries and use). {@code row} locates it in the upload or form it came from, for errors.
 */
public record StockCount(String row, LocalDate day, double quantity, String unit) {

  public StockCount {
    Objects.requireNonNull(row, "row");
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(unit, "unit");
  }
}
