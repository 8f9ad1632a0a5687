package org.energytrace.ingest.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A transaction of its own on a connection the caller holds in autocommit (the seals' pass over
 * many series, an audit entry outside a caller's transaction, dropping a hypertable's chunks):
 * committed when the work returns (nothing left to commit when it rolled back itself), rolled back
 * when it throws; the connection is in autocommit again after. Unlike {@code Transactions.run} it
 * neither takes a connection of its own nor turns an {@link SQLException} into a store failure.
 */
public final class HeldTransaction {
  private HeldTransaction() {}

  /** The work, on the caller's connection. */
  @FunctionalInterface
  public interface Work<T> {
    T run() throws SQLException;
  }

  /** Runs {@code work} (statements on {@code c}) in one transaction on {@code c}. */
  public static <T> T run(Connection c, Work<T> work) throws SQLException {
    c.setAutoCommit(false);
    try {
      T out = work.run();
      c.commit();
      return out;
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }
}
