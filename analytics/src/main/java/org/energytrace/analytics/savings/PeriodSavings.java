package org.energytrace.analytics.savings;

import java.time.LocalDateTime;
import java.util.Objects;

/** One reporting period: actual use, adjusted baseline, avoided energy and the running total. */
public record PeriodSavings(
    LocalDateTime period,
    double actual,
    double adjustedBaseline,
    double savings,
    double cumulative) {

  public PeriodSavings {
    Objects.requireNonNull(period, "period");
  }
}
