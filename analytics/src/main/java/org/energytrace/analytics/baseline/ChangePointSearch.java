package org.energytrace.analytics.baseline;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one change-point form's balance-point search: the best fit among the balance
 * points whose slopes have their physical sign ({@link WeatherSlopes}), or none — the form is then
 * rejected and {@code note} says why, quoting the best unconstrained fit. When a fit exists, {@code
 * note} is empty unless the best unconstrained balance point was refused for its sign, and then
 * says so.
 *
 * @param form the change-point form searched
 * @param fit the best sign-valid fit; empty when the form is rejected
 * @param note why the form was rejected or constrained, or "" when nothing was refused
 */
public record ChangePointSearch(ModelForm form, Optional<BaselineFit> fit, String note) {

  public ChangePointSearch {
    Objects.requireNonNull(form, "form");
    Objects.requireNonNull(fit, "fit");
    Objects.requireNonNull(note, "note");
    if (fit.isEmpty() && note.isEmpty()) {
      throw new IllegalArgumentException("a rejected form needs its reason");
    }
  }

  public boolean rejected() {
    return fit.isEmpty();
  }
}
