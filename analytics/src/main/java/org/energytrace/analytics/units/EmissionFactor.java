package org.energytrace.analytics.units;

import java.time.LocalDate;
import java.util.Objects;

/** Tonnes of CO2 per {@code basisUnit} of {@code carrier} (MWh for the grid, TJ for fuels). */
public record EmissionFactor(
    String table,
    String version,
    String carrier,
    String basisUnit,
    double factor,
    String source,
    LocalDate validFrom,
    LocalDate validTo,
    String note) {

  public EmissionFactor {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(carrier, "carrier");
    Objects.requireNonNull(basisUnit, "basisUnit");
    Objects.requireNonNull(source, "source");
    note = note == null ? "" : note;
    if (!(factor >= 0) || !Double.isFinite(factor)) {
      throw new IllegalArgumentException("emission factor must be >= 0: " + carrier);
    }
  }

  public boolean validOn(LocalDate on) {
    return DataCsv.validOn(validFrom, validTo, on);
  }
}
