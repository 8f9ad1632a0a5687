package org.energytrace.analytics.enpi;

import java.time.LocalDate;
import java.util.Objects;

/** A daily total (energy or production). A day without a value is simply absent. */
public record DailyValue(LocalDate day, double value) {

  public DailyValue {
    Objects.requireNonNull(day, "day");
    if (!Double.isFinite(value) || value < 0) {
      throw new IllegalArgumentException("daily value must be finite and >= 0 on " + day);
    }
  }
}
