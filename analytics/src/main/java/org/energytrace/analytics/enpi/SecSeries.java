package org.energytrace.analytics.enpi;

import java.util.List;
import java.util.Objects;
import org.energytrace.analytics.units.ConversionFactor;

/**
 * SEC per bucket in {@code energyUnit} per unit of product, the day coverage and, when energy was
 * converted (to MJ or TOE), the table row used (null when energy stayed in its metered unit).
 */
public record SecSeries(
    Bucket bucket,
    String energyUnit,
    List<SecPoint> points,
    Coverage coverage,
    ConversionFactor conversion,
    String methodVersion) {

  public SecSeries {
    Objects.requireNonNull(bucket, "bucket");
    points = List.copyOf(points);
    Objects.requireNonNull(coverage, "coverage");
  }
}
