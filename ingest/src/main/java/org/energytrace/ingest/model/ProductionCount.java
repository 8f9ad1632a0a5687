package org.energytrace.ingest.model;

import java.time.Instant;
import java.util.Objects;

/** Units of product made on a line, cumulative at ts or since periodStart. */
public record ProductionCount(
    String line,
    String product,
    Instant ts,
    Instant periodStart,
    double quantity,
    String unit,
    boolean cumulative,
    Quality quality) {
  public ProductionCount {
    Objects.requireNonNull(line, "line");
    Objects.requireNonNull(product, "product");
    Objects.requireNonNull(ts, "ts");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(quality, "quality");
    if (!cumulative && periodStart == null) {
      throw new IllegalArgumentException("period_start is required when cumulative is false");
    }
  }
}
