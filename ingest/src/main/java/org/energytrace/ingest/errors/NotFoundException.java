package org.energytrace.ingest.errors;

/** A requested enterprise, meter or channel does not exist. */
public final class NotFoundException extends RuntimeException {
  public NotFoundException(String message) {
    super(message, null, false, false);
  }
}
