package org.energytrace.analytics.enpi;

import java.time.LocalDate;
import java.util.Objects;

/**
 * SEC of one bucket over the days that have both energy and production. {@code sec} is NaN when no
 * day qualifies or production is 0; {@code complete} is false when any day of the bucket (inside
 * the requested span) is missing — the SEC then covers only {@code daysWithData}, it is not scaled.
 */
public record SecPoint(
    LocalDate start,
    int daysExpected,
    int daysWithData,
    double energy,
    double production,
    double sec,
    boolean complete) {

  public SecPoint {
    Objects.requireNonNull(start, "start");
  }
}
