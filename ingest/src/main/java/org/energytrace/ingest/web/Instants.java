package org.energytrace.ingest.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Times and days of the HTTP API: ISO-8601, and within years 1 to 9999. Java reads instants up to
 * the year 1 000 000 000, PostgreSQL keeps timestamps to the year 294 276 and dates a little
 * further: a time outside what the service can store is bad input (400), never a database error
 * (issue 11: {@code to=+1000000000-01-01T00:00:00Z} answered 503).
 */
public final class Instants {
  public static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
  public static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999Z");
  public static final LocalDate MIN_DAY = LocalDate.of(1, 1, 1);
  public static final LocalDate MAX_DAY = LocalDate.of(9999, 12, 31);

  /** The message for a value that is not such an instant. */
  public static final String EXPECTED =
      "must be an ISO-8601 instant in the years 0001 to 9999, such as 2026-11-29T08:00:00Z";

  /** The message for a value that is not such a day. */
  public static final String EXPECTED_DAY =
      "must be an ISO date in the years 0001 to 9999, such as 2026-01-31";

  private Instants() {}

  /** The instant a JSON value or parameter holds, when it is a string such as the API takes. */
  public static Optional<Instant> parse(Object value) {
    return parsed(value, Instant::parse, t -> t.isBefore(MIN) || t.isAfter(MAX));
  }

  /** The day a parameter holds, when it is an ISO date in range. */
  public static Optional<LocalDate> day(Object value) {
    return parsed(value, LocalDate::parse, d -> d.isBefore(MIN_DAY) || d.isAfter(MAX_DAY));
  }

  /** A string {@code value} as {@code parse} reads it, unless it is unreadable or {@code out}. */
  private static <T> Optional<T> parsed(Object value, Function<String, T> parse, Predicate<T> out) {
    if (!(value instanceof String s)) {
      return Optional.empty();
    }
    try {
      T t = parse.apply(s);
      return out.test(t) ? Optional.empty() : Optional.of(t);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
