package org.energytrace.analytics.dossier;

import org.energytrace.analytics.dossier.DossierResult.Outcome;

/** Stops the offline check at the first failing step, with its outcome and message. */
final class DossierStop extends RuntimeException {

  private final Outcome outcome;

  private DossierStop(Outcome outcome, String message) {
    super(message);
    this.outcome = outcome;
  }

  static DossierStop mismatch(String message) {
    return new DossierStop(Outcome.MISMATCH, message);
  }

  static DossierStop unusable(String message) {
    return new DossierStop(Outcome.UNUSABLE, message);
  }

  Outcome outcome() {
    return outcome;
  }
}
