package org.energytrace.ingest.tenant;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.energytrace.ingest.errors.NotFoundException;
import org.energytrace.ingest.jdbc.Sql;

/** The enterprise row behind a code, as far as a scope lets see it (or created, by operators). */
public final class Enterprises {
  private Enterprises() {}

  /**
   * The id of enterprise {@code code} within {@code scope}.
   *
   * @throws NotFoundException when there is no such enterprise or the scope does not reach it (the
   *     two are not told apart, so a caller learns nothing about other tenants)
   */
  public static long id(Connection c, Scope scope, String code) throws SQLException {
    return Sql.first(
            c,
            "SELECT enterprise_id FROM enterprise e WHERE e.code = ? AND "
                + Scope.SQL_ENTERPRISE.formatted("e.code"),
            ps -> scope.bind(c, ps, Sql.bind(ps, 1, code)),
            rs -> rs.getLong(1))
        .orElseThrow(() -> new NotFoundException("no enterprise " + code));
  }

  /**
   * The latest day begun at the enterprise's sites at {@code now} (each site's own day, in its time
   * zone): an entered day after it has not happened. Without a site, today where a day begins first
   * (UTC+14).
   */
  public static LocalDate latestDay(Connection c, long enterpriseId, Instant now)
      throws SQLException {
    LocalDate latest = null;
    for (String zone :
        Sql.list(
            c,
            "SELECT DISTINCT time_zone FROM site WHERE enterprise_id = ?",
            Sql.args(enterpriseId),
            rs -> rs.getString(1))) {
      LocalDate today = LocalDate.ofInstant(now, ZoneId.of(zone));
      latest = latest == null || today.isAfter(latest) ? today : latest;
    }
    return latest != null ? latest : LocalDate.ofInstant(now, ZoneOffset.ofHours(14));
  }

  /**
   * The id of enterprise {@code code}, created when missing (accounts, tokens and the registry
   * provisioned by operators), on the caller's connection.
   */
  public static long idCreating(Connection c, String code) throws SQLException {
    return Sql.one(
        c,
        "INSERT INTO enterprise (code) VALUES (?) ON CONFLICT (code) DO UPDATE"
            + " SET code = excluded.code RETURNING enterprise_id",
        Sql.args(code),
        rs -> rs.getLong(1));
  }
}
