package org.energytrace.ingest.programme;

import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.energytrace.analytics.report.ReportPeriod;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.web.Params;

/**
 * The request parameters of the programme API, checked: each refusal is a {@link
 * DomainException#invalid} naming the parameter (answered as a 400 by the routes' {@code
 * web.Blocking}).
 */
final class ProgrammeParams {
  static final Pattern CODE = Pattern.compile("^[a-z0-9][a-z0-9._-]{0,63}$");
  static final Pattern CARRIER = Pattern.compile("^[a-z][a-z0-9_]{0,63}$");

  private ProgrammeParams() {}

  /** Today in the province's time zone. */
  static LocalDate today(Clock clock) {
    return LocalDate.now(clock.withZone(ProgrammeExport.ZONE));
  }

  /**
   * The day a period's figures are as of: its last day, or today while it is not over (a saving
   * that ends later does not count yet).
   */
  static LocalDate asOf(ReportPeriod period, Clock clock) {
    LocalDate today = today(clock);
    return period.to().isAfter(today) ? today : period.to();
  }

  /** The {@code sector} query parameter: a VSIC code or prefix. */
  static String sector(RoutingContext ctx) {
    String s = Params.query(ctx, "sector");
    if (s != null && !s.matches("[0-9]{1,4}")) {
      throw DomainException.invalid(
          "sector", "a VSIC code or prefix (1 to 4 digits), got '" + s + "'");
    }
    return s;
  }

  /** A query parameter as a date between 1900 and 2100, empty when absent. */
  static Optional<LocalDate> date(RoutingContext ctx, String name) {
    String v = Params.query(ctx, name);
    if (v == null) {
      return Optional.empty();
    }
    try {
      LocalDate d = LocalDate.parse(v);
      if (d.getYear() < 1900 || d.getYear() > 2100) {
        throw DomainException.invalid(name, "a date between 1900 and 2100");
      }
      return Optional.of(d);
    } catch (DateTimeParseException e) {
      throw DomainException.invalid(name, "must be a date YYYY-MM-DD, got '" + v + "'");
    }
  }

  /**
   * The {@code grid_year} query parameter: the year whose grid CO2 factor electricity is converted
   * with; {@code fallback} (the service's {@code dashboards.grid_factor_year}, null: each day's own
   * year) when the request names none.
   */
  static Integer gridYear(RoutingContext ctx, Integer fallback) {
    String g = Params.query(ctx, "grid_year");
    if (g == null) {
      return fallback;
    }
    int y;
    try {
      y = Integer.parseInt(g);
    } catch (NumberFormatException e) {
      throw DomainException.invalid("grid_year", "must be a year, got '" + g + "'");
    }
    if (y < 2000 || y > 2100) {
      throw DomainException.invalid("grid_year", "a year from 2000 to 2100, got " + y);
    }
    return y;
  }

  /** {@code value} if it is a code ({@link #CODE}: an officer's). */
  static String code(String value, String field) {
    if (value == null || !CODE.matcher(value).matches()) {
      throw DomainException.invalid(field, "must match " + CODE.pattern());
    }
    return value;
  }
}
