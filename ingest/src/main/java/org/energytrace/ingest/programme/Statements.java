package org.energytrace.ingest.programme;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.energytrace.ingest.jdbc.Sql;

/**
 * The sign-off stores' older names for {@link Sql}'s statements on a held connection: {@link
 * Binder} is a {@link Sql.Binding}, {@link Mapper} a {@link Sql.Row}, and the three operations run
 * through {@link Sql}. What stays specific: {@link #first} refuses a row its mapper reads as null
 * (as {@code Optional.of} did) where {@link Sql#first} answers empty.
 */
final class Statements {
  private Statements() {}

  /** Sets a statement's parameters. */
  @FunctionalInterface
  interface Binder extends Sql.Binding {}

  /** Reads the current row of a result. */
  @FunctionalInterface
  interface Mapper<T> extends Sql.Row<T> {}

  /** Every row {@code sql} answers, read by {@code map}. */
  static <T> List<T> list(Connection c, String sql, Binder bind, Mapper<T> map)
      throws SQLException {
    return Sql.list(c, sql, bind, map);
  }

  /** Runs an INSERT, UPDATE or DELETE; the rows it changed. */
  static int update(Connection c, String sql, Binder bind) throws SQLException {
    return Sql.update(c, sql, bind);
  }

  /** The first row {@code sql} answers, read by {@code map}; empty when none. */
  static <T> Optional<T> first(Connection c, String sql, Binder bind, Mapper<T> map)
      throws SQLException {
    return Sql.first(c, sql, bind, rs -> Objects.requireNonNull(map.map(rs)));
  }
}
