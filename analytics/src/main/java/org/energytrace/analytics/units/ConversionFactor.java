package org.energytrace.analytics.units;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One row of a conversion table: {@code factor} {@code toUnit} per {@code unit} of {@code carrier}.
 * {@code validFrom}/{@code validTo} are null when the source gives no date.
 */
public record ConversionFactor(
    String table,
    String version,
    String carrier,
    String unit,
    String toUnit,
    double factor,
    Accounting accounting,
    String source,
    LocalDate validFrom,
    LocalDate validTo,
    String note) {

  public ConversionFactor {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(carrier, "carrier");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(toUnit, "toUnit");
    Objects.requireNonNull(accounting, "accounting");
    Objects.requireNonNull(source, "source");
    note = note == null ? "" : note;
    if (!(factor > 0) || !Double.isFinite(factor)) {
      throw new IllegalArgumentException("factor must be positive: " + carrier + " " + unit);
    }
    if (validFrom != null && validTo != null && validTo.isBefore(validFrom)) {
      throw new IllegalArgumentException("valid_to before valid_from: " + carrier + " " + unit);
    }
  }

  public boolean validOn(LocalDate on) {
    return DataCsv.validOn(validFrom, validTo, on);
  }

  /** The same row restated for a unit {@code scale} times larger (e.g. t from kg: 1000). */
  ConversionFactor scaledTo(String newUnit, double scale) {
    return new ConversionFactor(
        table,
        version,
        carrier,
        newUnit,
        toUnit,
        factor * scale,
        accounting,
        source,
        validFrom,
        validTo,
        (note.isEmpty() ? "" : note + "; ") + "derived from the " + unit + " row x " + scale);
  }
}
