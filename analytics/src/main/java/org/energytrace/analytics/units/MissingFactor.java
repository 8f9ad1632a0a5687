package org.energytrace.analytics.units;

import java.util.Objects;

/**
 * A factor the tables do not have, reported instead of guessed: which carrier, in which unit, for
 * what (TOE_PRIMARY, MJ_FINAL or CO2) and for which year.
 */
public record MissingFactor(
    String carrier, String unit, String quantity, int year, String message) {

  public MissingFactor {
    Objects.requireNonNull(carrier, "carrier");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(quantity, "quantity");
    Objects.requireNonNull(message, "message");
  }

  static MissingFactor of(String carrier, String unit, String quantity, int year, String table) {
    return new MissingFactor(
        carrier,
        unit,
        quantity,
        year,
        "no "
            + quantity
            + " factor for "
            + carrier
            + " ("
            + unit
            + ") in "
            + year
            + ": add a row to "
            + table
            + "; nothing was estimated");
  }
}
