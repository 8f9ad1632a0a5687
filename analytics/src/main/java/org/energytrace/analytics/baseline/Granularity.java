package org.energytrace.analytics.baseline;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The length of one data period. It selects α in the savings uncertainty (Guideline 14 Annex B).
 */
public enum Granularity {
  HOURLY,
  DAILY,
  WEEKLY,
  MONTHLY;

  /** The start of the period after {@code start}. */
  public LocalDateTime next(LocalDateTime start) {
    return switch (this) {
      case HOURLY -> start.plusHours(1);
      case DAILY -> start.plusDays(1);
      case WEEKLY -> start.plusWeeks(1);
      case MONTHLY -> start.plusMonths(1);
    };
  }

  /** Periods in a year, used for the data-sufficiency rule (CalTRACK: a 365-day baseline). */
  public int periodsPerYear() {
    return switch (this) {
      case HOURLY -> 8760;
      case DAILY -> 365;
      case WEEKLY -> 52;
      case MONTHLY -> 12;
    };
  }

  /**
   * Infers the granularity from the median gap between consecutive period starts; empty when there
   * are fewer than two periods.
   */
  public static Optional<Granularity> infer(List<LocalDateTime> sortedStarts) {
    if (sortedStarts.size() < 2) {
      return Optional.empty();
    }
    List<Long> gaps = new ArrayList<>();
    for (int i = 1; i < sortedStarts.size(); i++) {
      gaps.add(Duration.between(sortedStarts.get(i - 1), sortedStarts.get(i)).toMinutes());
    }
    Collections.sort(gaps);
    long median = gaps.get(gaps.size() / 2);
    if (median <= 60) {
      return Optional.of(HOURLY);
    } else if (median <= 24 * 60) {
      return Optional.of(DAILY);
    } else if (median <= 7 * 24 * 60) {
      return Optional.of(WEEKLY);
    }
    return Optional.of(MONTHLY);
  }
}
