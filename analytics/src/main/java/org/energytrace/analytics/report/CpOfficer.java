package org.energytrace.analytics.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A facility's CP officer and the training taken; {@code appointedOn} null means registered since
 * before any date asked about.
 */
public record CpOfficer(String id, String name, LocalDate appointedOn, List<Training> trainings) {

  public CpOfficer {
    Objects.requireNonNull(id, "id");
    name = name == null ? id : name;
    trainings = List.copyOf(trainings);
  }

  /** Registered on {@code asOf}. */
  public boolean registered(LocalDate asOf) {
    return appointedOn == null || !appointedOn.isAfter(asOf);
  }

  /** Trained on {@code asOf}: a completed course dated on or before it. */
  public boolean trained(LocalDate asOf) {
    return trainings.stream().anyMatch(t -> t.completed() && !t.date().isAfter(asOf));
  }
}
