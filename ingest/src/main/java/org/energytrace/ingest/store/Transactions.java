package org.energytrace.ingest.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.energytrace.ingest.errors.StoreException;

/**
 * One unit of work in one JDBC transaction: committed when the work returns, rolled back when it
 * throws (its {@code DomainException} or other runtime failure passes through unchanged); an {@link
 * SQLException} becomes a {@link StoreException} saying what was being done.
 */
public final class Transactions {
  private Transactions() {}

  /** A unit of work on the transaction's connection. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /**
   * @param what what the work does, for the failure's message ("writing CP assessment …")
   */
  public static <T> T run(DataSource dataSource, String what, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      return committed(c, work);
    } catch (SQLException e) {
      throw StoreException.of(what, e);
    }
  }

  /**
   * One unit of work in a transaction of its own on {@code c}, a connection in autocommit mode:
   * committed when the work returns, rolled back when it throws (the exception passes through
   * unchanged); {@code c} is in autocommit again after.
   */
  public static <T> T within(Connection c, Work<T> work) throws SQLException {
    try {
      return committed(c, work);
    } finally {
      c.setAutoCommit(true);
    }
  }

  /** Runs {@code work} with autocommit off: commits when it returns, rolls back when it throws. */
  private static <T> T committed(Connection c, Work<T> work) throws SQLException {
    c.setAutoCommit(false);
    try {
      T out = work.run(c);
      c.commit();
      return out;
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    }
  }
}
