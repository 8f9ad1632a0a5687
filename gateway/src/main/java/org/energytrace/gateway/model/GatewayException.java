package org.energytrace.gateway.model;

import java.util.Objects;

/**
 * Root of the gateway's exception tree. Every failure carries a {@link Code} that says whether it
 * is worth retrying (transient) or must be reported and fixed (permanent).
 */
public class GatewayException extends RuntimeException {

  /** What went wrong, and whether retrying can help. */
  public enum Code {
    CONFIG_INVALID(false),
    DEVICE_UNREACHABLE(true),
    DEVICE_REJECTED(false),
    BROKER_UNAVAILABLE(true),
    STORAGE_FAILED(false);

    private final boolean transientFailure;

    Code(boolean transientFailure) {
      this.transientFailure = transientFailure;
    }

    public boolean isTransient() {
      return transientFailure;
    }
  }

  private final Code code;

  public GatewayException(Code code, String message) {
    this(code, message, null);
  }

  public GatewayException(Code code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  public Code code() {
    return code;
  }

  public boolean isTransient() {
    return code.isTransient();
  }
}
