package org.energytrace.ingest.tenant;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
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

  /**
   * The legal name of enterprise {@code code} in the programme registry, empty for one the registry
   * does not hold; the caller has already been let see the enterprise.
   */
  public static Optional<String> legalName(Connection c, String code) throws SQLException {
    return Sql.first(
        c,
        "SELECT f.legal_name_vi FROM programme_facility f JOIN enterprise e USING (enterprise_id)"
            + " WHERE e.code = ?",
        Sql.args(Sql.text(code)),
        rs -> rs.getString(1));
  }
}
