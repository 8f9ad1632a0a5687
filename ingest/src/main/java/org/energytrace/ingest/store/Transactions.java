package org.energytrace.ingest.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.energytrace.ingest.errors.StoreException;
import org.energytrace.ingest.jdbc.HeldTransaction;

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
      return HeldTransaction.run(c, () -> work.run(c));
    } catch (SQLException e) {
      throw StoreException.of(what, e);
    }
  }
}
