package org.energytrace.analytics.resource;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The quantity used over the days [{@code from}, {@code to}] between two stock counts: used =
 * opening + deliveries − closing, all in the resource's unit, with the rows it came from.
 */
public record StockPeriod(
    LocalDate from,
    LocalDate to,
    double opening,
    double deliveries,
    double closing,
    double used,
    String openingRow,
    String closingRow,
    List<String> deliveryRows) {

  public StockPeriod {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    deliveryRows = List.copyOf(deliveryRows);
  }

  public long days() {
    return to.toEpochDay() - from.toEpochDay() + 1;
  }
}
