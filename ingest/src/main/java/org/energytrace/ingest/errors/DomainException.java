package org.energytrace.ingest.errors;

import java.time.LocalDate;

/**
 * A request about the EnPI domain or production data that cannot be carried out, naming the field:
 * {@link Kind#INVALID} (400, the request is wrong) or {@link Kind#CONFLICT} (409, it contradicts
 * stored data, e.g. an EnPI meter without an energy channel or a product of another unit).
 */
public final class DomainException extends RuntimeException {
  public enum Kind {
    INVALID,
    CONFLICT
  }

  private final Kind kind;
  private final String field;

  public DomainException(Kind kind, String field, String message) {
    super(message, null, false, false);
    this.kind = kind;
    this.field = field;
  }

  public static DomainException invalid(String field, String message) {
    return new DomainException(Kind.INVALID, field, message);
  }

  public static DomainException conflict(String field, String message) {
    return new DomainException(Kind.CONFLICT, field, message);
  }

  /**
   * Refuses, as {@code endField}, a date before the one it must not precede, in one wording for
   * every period and pair of dates a request names: "must not be before from (2025-03-01), got
   * 2025-02-01".
   */
  public static void requireNotBefore(
      String startField, LocalDate start, String endField, LocalDate end) {
    if (end.isBefore(start)) {
      throw invalid(endField, "must not be before " + startField + " (" + start + "), got " + end);
    }
  }

  public Kind kind() {
    return kind;
  }

  public String field() {
    return field;
  }

  public int httpStatus() {
    return kind == Kind.INVALID ? 400 : 409;
  }
}
