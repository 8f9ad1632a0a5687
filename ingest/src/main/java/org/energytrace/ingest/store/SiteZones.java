package org.energytrace.ingest.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import org.energytrace.ingest.jdbc.Sql;

/**
 * A site's time zone, whose local calendar makes every day, week and month of its data ({@code
 * site.time_zone}, an IANA name; docs/architecture.md, "Days in the site's time zone").
 */
public final class SiteZones {
  /** The zone of a site that was given none (also the column's default, V41). */
  public static final ZoneId DEFAULT = ZoneId.of("Asia/Ho_Chi_Minh");

  private SiteZones() {}

  /**
   * The zone of a {@code site.time_zone} value (the default when null).
   *
   * @throws DateTimeException naming a value that is not a zone (the API refuses to store one)
   */
  public static ZoneId of(String name) {
    return name == null || name.isBlank() ? DEFAULT : ZoneId.of(name);
  }

  /**
   * The latest day begun at the enterprise's sites at {@code now}, each in its own zone: an entered
   * day after it has not happened. An enterprise without a site counts in the default zone.
   */
  public static LocalDate latestDay(Connection c, long enterpriseId, Instant now)
      throws SQLException {
    return Sql.list(
            c,
            "SELECT DISTINCT time_zone FROM site WHERE enterprise_id = ?",
            Sql.args(enterpriseId),
            rs -> LocalDate.ofInstant(now, of(rs.getString(1))))
        .stream()
        .max(Comparator.naturalOrder())
        .orElse(LocalDate.ofInstant(now, DEFAULT));
  }
}
