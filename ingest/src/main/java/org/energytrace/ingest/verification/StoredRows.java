package org.energytrace.ingest.verification;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.tenant.Scope;

/**
 * Stored rows read as the verification listings show them (a sign-off, an adjustment, a calibration
 * record): one by its id, or those of an EnPI; and what their queries share (a row of an
 * enterprise's, found by codes within a scope; the columns read alike).
 */
final class StoredRows {
  private StoredRows() {}

  /**
   * The join and condition that find a row of alias {@code alias} (with {@code enterprise_id} and
   * {@code code} columns) by its enterprise's code and its own: two parameters, followed by {@code
   * and} (a condition of the caller's, then {@link #IN_SCOPE}).
   */
  static String byCodes(String alias) {
    return " JOIN enterprise e ON e.enterprise_id = "
        + alias
        + ".enterprise_id"
        + " WHERE e.code = ? AND "
        + alias
        + ".code = ? AND ";
  }

  /** The scope's condition over the enterprise {@code e} of {@link #byCodes}: three parameters. */
  static final String IN_SCOPE = Scope.SQL_ENTERPRISE.formatted("e.code");

  /** Binds {@code args} in order, then the three parameters of {@code scope}. */
  static Sql.Binding scoped(Connection c, Scope scope, Object... args) {
    return ps -> scope.bind(c, ps, Sql.bind(ps, 1, args));
  }

  /**
   * A listing: {@code select} (a table aliased {@code alias} with an {@code enpi_id}), the column
   * {@code id} that keys its rows, the order of an EnPI's rows and how a row reads.
   */
  record Listing(
      String select, String alias, String id, String order, Sql.Row<Map<String, Object>> reader) {
    /** The row keyed {@code key}; it must exist. */
    Map<String, Object> one(Connection c, long key) throws SQLException {
      return StoredRows.one(c, select + " WHERE " + id + " = ?", key, reader);
    }

    /** The rows of the EnPI within {@code scope}; 404 when there is no such EnPI in scope. */
    List<Map<String, Object>> ofEnpi(Connection c, Scope scope, String enterprise, String enpi)
        throws SQLException {
      return StoredRows.ofEnpi(c, scope, enterprise, enpi, select, alias, order, reader);
    }
  }

  /** The row {@code sql} selects with {@code id} as its one parameter; it must exist. */
  static Map<String, Object> one(
      Connection c, String sql, long id, Sql.Row<Map<String, Object>> reader) throws SQLException {
    return Sql.one(c, sql, Sql.args(id), reader);
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
      Sql.Row<Map<String, Object>> reader)
      throws SQLException {
    List<Map<String, Object>> out =
        Sql.list(
            c,
            select
                + " JOIN enpi n ON n.enpi_id = "
                + alias
                + ".enpi_id"
                + byCodes("n")
                + IN_SCOPE
                + " ORDER BY "
                + order,
            scoped(c, scope, enterprise, enpi),
            reader);
    if (out.isEmpty()) {
      PgSignoffs.exists(c, scope, enterprise, enpi);
    }
    return out;
  }

  /** The period {@code from} and {@code to} of the {@code date} columns {@code first} and after. */
  static void period(Map<String, Object> m, ResultSet rs, int first) throws SQLException {
    m.put("from", rs.getObject(first, LocalDate.class).toString());
    m.put("to", rs.getObject(first + 1, LocalDate.class).toString());
  }

  /** The text columns {@code first} and after, under {@code keys} in order. */
  static void strings(Map<String, Object> m, ResultSet rs, int first, String... keys)
      throws SQLException {
    for (int i = 0; i < keys.length; i++) {
      m.put(keys[i], rs.getString(first + i));
    }
  }

  /** A nullable {@code bigint} column. */
  static Long int8(ResultSet rs, int column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }

  /** A {@code timestamptz} column as an ISO-8601 instant; null for null. */
  static String instant(ResultSet rs, int column) throws SQLException {
    return Objects.toString(Sql.instant(rs, column), null);
  }
}
