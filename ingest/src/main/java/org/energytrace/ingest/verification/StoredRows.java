package org.energytrace.ingest.verification;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.energytrace.ingest.tenant.Scope;

/**
 * Stored rows read as the verification listings show them (a sign-off, an adjustment, a calibration
 * record): one by its id, or those of an EnPI.
 */
final class StoredRows {
  private StoredRows() {}

  /** How a listing reads the row at the cursor. */
  @FunctionalInterface
  interface Reader {
    Map<String, Object> read(ResultSet rs) throws SQLException;
  }

  /** The row {@code sql} selects with {@code id} as its one parameter; it must exist. */
  static Map<String, Object> one(Connection c, String sql, long id, Reader reader)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return reader.read(rs);
      }
    }
  }

  /**
   * The rows of {@code select} (a table aliased {@code alias} with an {@code enpi_id}) of the EnPI
   * within {@code scope}, ordered by {@code order}; 404 when there is no such EnPI in scope.
   */
  static List<Map<String, Object>> ofEnpi(
      Connection c,
      Scope scope,
      String enterprise,
      String enpi,
      String select,
      String alias,
      String order,
      Reader reader)
      throws SQLException {
    List<Map<String, Object>> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            select
                + " JOIN enpi n ON n.enpi_id = "
                + alias
                + ".enpi_id"
                + " JOIN enterprise e ON e.enterprise_id = n.enterprise_id"
                + " WHERE e.code = ? AND n.code = ? AND "
                + Scope.SQL_ENTERPRISE.formatted("e.code")
                + " ORDER BY "
                + order)) {
      ps.setString(1, enterprise);
      ps.setString(2, enpi);
      scope.bind(c, ps, 3);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(reader.read(rs));
        }
      }
    }
    if (out.isEmpty()) {
      PgSignoffs.exists(c, scope, enterprise, enpi);
    }
    return out;
  }
}
