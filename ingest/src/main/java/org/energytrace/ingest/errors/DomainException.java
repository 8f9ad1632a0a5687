package org.energytrace.ingest.errors;

/**
 * A request about the EnPI domain or production data that cannot be carried out, naming the field:
 * {@link Kind#INVALID} (400, the request is wrong) or {@link Kind#CONFLICT} (409, it contradicts
 * stored data, e.g. a site without a time zone or a product of another unit).
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
