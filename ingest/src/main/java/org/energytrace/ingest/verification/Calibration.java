package org.energytrace.ingest.verification;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;
import org.energytrace.ingest.errors.DomainException;

/**
 * A meter's calibration as the enterprise records it (docs/verification.md §1.6): the day a
 * laboratory ({@code lab}) calibrated it, until when the calibration is valid (null: not stated),
 * the certificate's number, the {@link Result}, a note and optionally the certificate itself
 * ({@link Adjustment.Attachment}, the same limits). A correction names the record it corrects
 * ({@code corrects}); records are never edited. Pure; checks every field (400 naming it).
 */
public record Calibration(
    LocalDate calibratedOn,
    LocalDate validUntil,
    String certificate,
    String lab,
    Result result,
    String note,
    Long corrects,
    Adjustment.Attachment attachment) {

  /** The laboratory's finding. The wire name is the lower-case name. */
  public enum Result {
    /** Within its accuracy class as found. */
    PASSED,
    /** Out of tolerance as found, adjusted into it by the laboratory. */
    ADJUSTED,
    /** Out of tolerance: the meter's readings are not evidence until it is replaced or fixed. */
    FAILED;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Result of(String wire) {
      for (Result r : values()) {
        if (r.wire().equals(wire)) {
          return r;
        }
      }
      throw DomainException.invalid(
          "result", "must be one of passed, adjusted, failed, got '" + wire + "'");
    }
  }

  public Calibration {
    Objects.requireNonNull(calibratedOn, "calibrated_on");
    Objects.requireNonNull(result, "result");
    if (validUntil != null && validUntil.isBefore(calibratedOn)) {
      throw DomainException.invalid(
          "valid_until",
          "ends (" + validUntil + ") before the calibration (calibrated_on " + calibratedOn + ")");
    }
    certificate = text("certificate", certificate, 200);
    lab = text("lab", lab, 200);
    if (note != null && note.length() > 2000) {
      throw DomainException.invalid("note", "at most 2000 characters, got " + note.length());
    }
    if (corrects != null && corrects < 1) {
      throw DomainException.invalid("corrects", "must be the id of a calibration record");
    }
  }

  private static String text(String field, String value, int max) {
    if (value == null || value.isBlank()) {
      throw DomainException.invalid(field, "is required");
    }
    String v = value.strip();
    if (v.length() > max) {
      throw DomainException.invalid(field, "at most " + max + " characters, got " + v.length());
    }
    return v;
  }
}
