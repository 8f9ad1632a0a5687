package org.energytrace.analytics.savings;

import java.util.Objects;

/**
 * An approved adjustment as applied to a reporting period: the reporting points it touched, the
 * energy it added to the adjusted baseline, its half-width at the result's confidence, and for a
 * model term the coefficient used (fitted or given) with its standard error.
 *
 * @param coefficient MODEL_TERM: the coefficient used; NaN otherwise
 * @param coefficientStdError MODEL_TERM: its standard error (stated or fitted); NaN otherwise
 * @param uncertaintyNote how {@code halfWidth} was obtained
 */
public record AppliedAdjustment(
    NonRoutineAdjustment adjustment,
    int points,
    double amount,
    double halfWidth,
    double coefficient,
    double coefficientStdError,
    String uncertaintyNote) {

  public AppliedAdjustment {
    Objects.requireNonNull(adjustment, "adjustment");
    Objects.requireNonNull(uncertaintyNote, "uncertaintyNote");
  }
}
