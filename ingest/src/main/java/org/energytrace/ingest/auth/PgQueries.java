package org.energytrace.ingest.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.energytrace.ingest.errors.StoreException;

/**
 * The JDBC shape the account, session and token stores share: one statement on a connection of its
 * own, its parameters bound, its rows mapped, an {@link SQLException} reported as a {@link
 * StoreException} saying what was being done ({@code what}).
 *
 * <p>Parameters given as {@code Object... args} are bound with {@code setObject} in order and must
 * not be null (a null has no type for PostgreSQL); bind nullable ones with a {@link Binding}.
 */
final class PgQueries {
  private PgQueries() {}

  /** Maps the current row. */
  @FunctionalInterface
  interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  /** Binds a statement's parameters. */
  @FunctionalInterface
  interface Binding {
    void bind(Connection c, PreparedStatement ps) throws SQLException;
  }

  static Binding args(Object... args) {
    return (c, ps) -> {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
    };
  }

  /** Every row of {@code sql}, mapped. */
  static <T> List<T> list(DataSource ds, String what, String sql, Binding binding, Row<T> row) {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      binding.bind(c, ps);
      List<T> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(row.map(rs));
        }
      }
      return out;
    } catch (SQLException e) {
      throw StoreException.of(what, e);
    }
  }

  /** The first column of every row of {@code sql}, as a set. */
  static Set<String> strings(DataSource ds, String what, String sql, Binding binding) {
    return new HashSet<>(list(ds, what, sql, binding, rs -> rs.getString(1)));
  }

  /** The first row of {@code sql}, mapped; empty when there is none. */
  static <T> Optional<T> first(
      DataSource ds, String what, String sql, Binding binding, Row<T> row) {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      binding.bind(c, ps);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(row.map(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw StoreException.of(what, e);
    }
  }

  /** Runs an update; returns the rows it changed. */
  static int update(DataSource ds, String what, String sql, Object... args) {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      args(args).bind(c, ps);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw StoreException.of(what, e);
    }
  }
}
