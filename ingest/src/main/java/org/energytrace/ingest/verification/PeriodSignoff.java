package org.energytrace.ingest.verification;

import java.time.LocalDate;
import java.util.Locale;
import java.util.regex.Pattern;
import org.energytrace.ingest.errors.DomainException;

/**
 * The rules of a period sign-off (docs/verification.md §1.2): an auditor's opinion on an EnPI's
 * savings over [from, to] against an approved baseline version, naming the SHA-256 of the dossier
 * it refers to. Pure.
 */
public final class PeriodSignoff {
  private PeriodSignoff() {}

  private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

  /** Longest sign-off period, in days (ten years): beyond it a date is a typing error. */
  static final int MAX_DAYS = 3660;

  /** The auditor's opinion. The wire name is the lower-case name. */
  public enum Opinion {
    VERIFIED,
    VERIFIED_WITH_RESERVATIONS,
    NOT_VERIFIED;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the period counts as verified (a saving of it is "verified"). */
    public boolean verifies() {
      return this != NOT_VERIFIED;
    }

    /** Comments are required except for a plain "verified": say what the reservations are. */
    public boolean needsComments() {
      return this != VERIFIED;
    }

    public static Opinion of(String wire) {
      for (Opinion o : values()) {
        if (o.wire().equals(wire)) {
          return o;
        }
      }
      throw DomainException.invalid(
          "opinion", "must be verified, verified_with_reservations or not_verified, got " + wire);
    }
  }

  /** The dossier hash in its stored form (64 lower-case hex digits), or 400 naming the field. */
  public static String dossierSha256(String value) {
    if (value == null || !SHA256.matcher(value).matches()) {
      throw DomainException.invalid(
          "dossier_sha256", "must be the SHA-256 of the dossier: 64 hexadecimal digits");
    }
    return value.toLowerCase(Locale.ROOT);
  }

  /** Checks a period [from, to] (400 naming the field). */
  public static void period(LocalDate from, LocalDate to) {
    DomainException.requireNotBefore("from", from, "to", to);
    if (to.toEpochDay() - from.toEpochDay() + 1 > MAX_DAYS) {
      throw DomainException.invalid("to", "a period of at most " + MAX_DAYS + " days");
    }
  }
}
