package org.energytrace.analytics.report;

import java.time.LocalDate;
import java.util.Objects;

/** A CP course an officer took: completed on {@code date} when {@code completed}. */
public record Training(String course, LocalDate date, String certificate, boolean completed) {

  public Training {
    Objects.requireNonNull(course, "course");
    Objects.requireNonNull(date, "date");
    certificate = certificate == null ? "" : certificate;
  }
}
