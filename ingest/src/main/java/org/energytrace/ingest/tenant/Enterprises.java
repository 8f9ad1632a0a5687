package org.energytrace.ingest.tenant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.energytrace.ingest.errors.NotFoundException;

/** The enterprise row behind a code, as far as a scope lets see it. */
public final class Enterprises {
  private Enterprises() {}

  /**
   * The id of enterprise {@code code} within {@code scope}.
   *
   * @throws NotFoundException when there is no such enterprise or the scope does not reach it (the
   *     two are not told apart, so a caller learns nothing about other tenants)
   */
  public static long id(Connection c, Scope scope, String code) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT enterprise_id FROM enterprise e WHERE e.code = ? AND "
                + Scope.SQL_ENTERPRISE.formatted("e.code"))) {
      ps.setString(1, code);
      scope.bind(c, ps, 2);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new NotFoundException("no enterprise " + code);
        }
        return rs.getLong(1);
      }
    }
  }
}
