package org.energytrace.analytics.units;

import java.time.LocalDate;
import java.util.Objects;

/** A sector SEC cap from a MOIT circular, e.g. beer &gt; 100 M L/yr: 129 MJ/hl. */
public record SectorNorm(
    String id,
    String sector,
    String product,
    String band,
    double value,
    String unit,
    String source,
    LocalDate validFrom,
    LocalDate validTo,
    String note) {

  public SectorNorm {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(source, "source");
    if (!(value > 0)) {
      throw new IllegalArgumentException("norm must be positive: " + id);
    }
  }

  public boolean validOn(LocalDate on) {
    return DataCsv.validOn(validFrom, validTo, on);
  }
}
