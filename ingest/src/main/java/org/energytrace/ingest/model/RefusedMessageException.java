package org.energytrace.ingest.model;

/**
 * A permanent problem with a message: retrying cannot help, the message goes to quarantine with
 * this reason.
 */
public final class RefusedMessageException extends RuntimeException {
  public RefusedMessageException(String reason) {
    super(reason, null, false, false);
  }

  public String reason() {
    return getMessage();
  }
}
