package org.energytrace.analytics;

/**
 * The one exception of the analytics core: a permanent error in the inputs or the model, with a
 * code that callers (the CLI, ingest) can map to an exit status or an HTTP status.
 */
public class AnalyticsException extends RuntimeException {

  /** What went wrong; all are permanent: retrying with the same inputs gives the same error. */
  public enum Code {
    /** A value or a structure violates the input contract (non-finite, duplicate, unsorted). */
    INVALID_INPUT,
    /** Too few points for the model, or a period with no data at all. */
    INSUFFICIENT_DATA,
    /** The design matrix is singular (a variable is constant or collinear). */
    SINGULAR_MODEL,
    /** A named variable, carrier, unit or table row does not exist. */
    UNKNOWN_NAME
  }

  private final Code code;

  public AnalyticsException(Code code, String message) {
    super(message);
    this.code = code;
  }

  public AnalyticsException(Code code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public Code code() {
    return code;
  }
}
