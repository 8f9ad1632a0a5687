package org.energytrace.ingest.verification;

/**
 * A lifecycle step that may not be taken: {@code 403} when the caller may not take it (not an
 * auditor assigned to the enterprise, or not the enterprise's), {@code 409} when the baseline's
 * current state does not allow it (the answer names the state).
 */
public final class TransitionRefused extends RuntimeException {
  private final int status;
  private final String state;

  private TransitionRefused(int status, String state, String message) {
    super(message, null, false, false);
    this.status = status;
    this.state = state;
  }

  public static TransitionRefused forbidden(String message) {
    return new TransitionRefused(403, null, message);
  }

  public static TransitionRefused conflict(String state, String message) {
    return new TransitionRefused(409, state, message);
  }

  public int status() {
    return status;
  }

  /** The baseline's current state (409), else null. */
  public String state() {
    return state;
  }
}
