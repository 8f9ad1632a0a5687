package org.energytrace.ingest.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.energytrace.ingest.errors.StoreException;

/**
 * One statement, prepared, bound, run and closed: the shape of nearly every query in ingest's
 * stores, written once.
 *
 * <p>Two families of the same operations:
 *
 * <ul>
 *   <li>on a {@link Connection} the caller holds (inside {@code Transactions.run} or an audited
 *       step): {@code list}, {@code first}, {@code one}, {@code update}, {@code batch}; an {@link
 *       SQLException} passes through so the transaction rolls back;
 *   <li>on a {@link DataSource}, one pooled connection a statement (autocommit): the same names
 *       with a {@code what} ("reading tokens of user 4") that names the operation in the {@link
 *       StoreException} an {@link SQLException} becomes.
 * </ul>
 *
 * <p>{@link #args} binds in order with {@code setObject}, as the stores did by hand: a {@code null}
 * is bound as a null of no stated type (PostgreSQL infers it from where the parameter stands, as it
 * did for {@code setObject(i, null)}); where the context gives no type ({@code ? IS NULL}) or the
 * old code said one ({@code setString(i, null)}, {@code setNull(i, Types.BIGINT)}), pass {@link
 * #typed}, {@link #text} or {@link #int8}. An {@link Instant} is bound as a {@code timestamptz}.
 */
public final class Sql {
  private Sql() {}

  /** Maps the current row. */
  @FunctionalInterface
  public interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  /** Binds a statement's parameters ({@code ps.getConnection()} makes arrays). */
  @FunctionalInterface
  public interface Binding {
    void bind(PreparedStatement ps) throws SQLException;
  }

  /** Binds one item of a batch. */
  @FunctionalInterface
  public interface ItemBinding<T> {
    void bind(PreparedStatement ps, T item) throws SQLException;
  }

  /** A parameter with the SQL type its null (or value) is bound as. */
  public record Typed(Object value, int sqlType) {}

  /** Binds nothing: a statement without parameters. */
  public static final Binding NONE = ps -> {};

  /** {@code value} bound as {@code sqlType} ({@link Types}), also when it is null. */
  public static Typed typed(Object value, int sqlType) {
    return new Typed(value, sqlType);
  }

  /** A string that may be null, bound as {@code varchar} like {@code setString}. */
  public static Typed text(String value) {
    return new Typed(value, Types.VARCHAR);
  }

  /** A number that may be null, bound as {@code bigint}. */
  public static Typed int8(Long value) {
    return new Typed(value, Types.BIGINT);
  }

  /** Binds {@code args} to parameters 1, 2, … in order. */
  public static Binding args(Object... args) {
    return ps -> bind(ps, 1, args);
  }

  /** Binds {@code args} from parameter {@code first} on; returns the next free index. */
  public static int bind(PreparedStatement ps, int first, Object... args) throws SQLException {
    int i = first;
    for (Object a : args) {
      if (a instanceof Typed t) {
        if (t.value() == null) {
          ps.setNull(i, t.sqlType());
        } else {
          ps.setObject(i, t.value() instanceof Instant in ? utc(in) : t.value(), t.sqlType());
        }
      } else if (a instanceof Instant in) {
        ps.setObject(i, utc(in));
      } else {
        ps.setObject(i, a);
      }
      i++;
    }
    return i;
  }

  /** The {@code timestamptz} in {@code column} as an instant, or null for SQL NULL. */
  public static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  /** {@code instant} as the {@code timestamptz} value pgjdbc binds. */
  public static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  // ---- on a connection the caller holds --------------------------------------------------------

  /** Every row of {@code sql}, mapped. */
  public static <T> List<T> list(Connection c, String sql, Binding binding, Row<T> row)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      binding.bind(ps);
      List<T> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(row.map(rs));
        }
      }
      return out;
    }
  }

  /** The first row of {@code sql}, mapped; empty when there is none. */
  public static <T> Optional<T> first(Connection c, String sql, Binding binding, Row<T> row)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      binding.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.ofNullable(row.map(rs)) : Optional.empty();
      }
    }
  }

  /**
   * The first row of a statement that always answers one ({@code RETURNING}, an aggregate), mapped.
   *
   * @throws SQLException when it answered no row
   */
  public static <T> T one(Connection c, String sql, Binding binding, Row<T> row)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      binding.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new SQLException("no row from a statement that answers one: " + sql);
        }
        return row.map(rs);
      }
    }
  }

  /** Runs an update; returns the rows it changed. */
  public static int update(Connection c, String sql, Binding binding) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      binding.bind(ps);
      return ps.executeUpdate();
    }
  }

  /** Runs an update with {@code args} bound in order; returns the rows it changed. */
  public static int update(Connection c, String sql, Object... args) throws SQLException {
    return update(c, sql, args(args));
  }

  /** Runs {@code sql} once an item as one JDBC batch; returns the rows each changed. */
  public static <T> int[] batch(Connection c, String sql, Iterable<T> items, ItemBinding<T> bind)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      boolean any = false;
      for (T item : items) {
        bind.bind(ps, item);
        ps.addBatch();
        any = true;
      }
      return any ? ps.executeBatch() : new int[0];
    }
  }

  // ---- one pooled connection a statement -------------------------------------------------------

  /** A unit of work on a pooled connection in autocommit. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /**
   * Runs {@code work} on a pooled connection (autocommit) and closes it; an {@link SQLException}
   * becomes a {@link StoreException} naming {@code what}.
   */
  public static <T> T with(DataSource ds, String what, Work<T> work) {
    try (Connection c = ds.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw StoreException.of(what, e);
    }
  }

  /** Every row of {@code sql}, mapped. */
  public static <T> List<T> list(
      DataSource ds, String what, String sql, Binding binding, Row<T> row) {
    return with(ds, what, c -> list(c, sql, binding, row));
  }

  /** The first column of every row of {@code sql}, as a set. */
  public static Set<String> strings(DataSource ds, String what, String sql, Binding binding) {
    return new HashSet<>(list(ds, what, sql, binding, rs -> rs.getString(1)));
  }

  /** The first row of {@code sql}, mapped; empty when there is none. */
  public static <T> Optional<T> first(
      DataSource ds, String what, String sql, Binding binding, Row<T> row) {
    return with(ds, what, c -> first(c, sql, binding, row));
  }

  /** The one row of a statement that always answers one, mapped. */
  public static <T> T one(DataSource ds, String what, String sql, Binding binding, Row<T> row) {
    return with(ds, what, c -> one(c, sql, binding, row));
  }

  /** Runs an update; returns the rows it changed. */
  public static int update(DataSource ds, String what, String sql, Object... args) {
    return with(ds, what, c -> update(c, sql, args(args)));
  }

  /** Runs an update bound by {@code binding}; returns the rows it changed. */
  public static int update(DataSource ds, String what, String sql, Binding binding) {
    return with(ds, what, c -> update(c, sql, binding));
  }
}
