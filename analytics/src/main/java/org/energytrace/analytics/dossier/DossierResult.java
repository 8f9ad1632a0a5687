package org.energytrace.analytics.dossier;

import java.util.List;
import java.util.Objects;

/**
 * The offline check's answer: {@link Outcome#VERIFIED} with a one-screen summary, {@link
 * Outcome#MISMATCH} naming the first thing that does not match (file, row, series and day, or
 * figure), or {@link Outcome#UNUSABLE} when the input cannot be checked at all.
 */
public record DossierResult(Outcome outcome, String problem, List<String> summary) {

  public enum Outcome {
    VERIFIED(0),
    MISMATCH(1),
    UNUSABLE(2);

    private final int exitStatus;

    Outcome(int exitStatus) {
      this.exitStatus = exitStatus;
    }

    /** The exit status of {@code analytics verify}. */
    public int exitStatus() {
      return exitStatus;
    }
  }

  public DossierResult {
    Objects.requireNonNull(outcome, "outcome");
    summary = List.copyOf(summary);
  }
}
