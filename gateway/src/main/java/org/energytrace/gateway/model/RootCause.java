package org.energytrace.gateway.model;

/** The innermost cause of a failure, as the meter drivers report it. */
public final class RootCause {

  private RootCause() {}

  /** The innermost cause's class (simple name) and message, e.g. {@code ConnectException: …}. */
  public static String message(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }
}
