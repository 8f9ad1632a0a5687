package org.energytrace.analytics.resource;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A delivery (or invoice) received on {@code day}; it counts in the period that ends with the first
 * stock count on or after that day. {@code row} locates it for errors.
 */
public record Delivery(String row, LocalDate day, double quantity, String unit) {

  public Delivery {
    Objects.requireNonNull(row, "row");
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(unit, "unit");
  }
}
