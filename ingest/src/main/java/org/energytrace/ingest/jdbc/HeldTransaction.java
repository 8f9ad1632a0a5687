package org.energytrace.ingest.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A transaction of its own on a connection the caller holds in autocommit (the seals' pass over
 * many series, an audit entry outside a caller's transaction, dropping a hypertable's chunks):
 * committed when the work returns (nothing left to commit when it rolled back itself), rolled back
 * when it throws anything at all; the connection is in autocommit again after. Unlike {@code
 * Transactions.run} it neither takes a connection of its own nor turns an {@link SQLException} into
 * a store failure.
 *
 * <p>What the work threw is what the caller gets: when the rollback fails as well (the connection
 * broke under the work), that failure is added to it as suppressed (where the exception keeps
 * them), never put in its place.
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
    T out;
    try {
      out = work.run();
      c.commit();
    } catch (Throwable e) {
      // an Error too: turning autocommit back on with the transaction open would commit it
      try {
        c.rollback();
        c.setAutoCommit(true);
      } catch (SQLException | RuntimeException second) {
        e.addSuppressed(second);
      }
      throw e;
    }
    c.setAutoCommit(true);
    return out;
  }
}
