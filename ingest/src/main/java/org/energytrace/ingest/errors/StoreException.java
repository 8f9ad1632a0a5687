package org.energytrace.ingest.errors;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * A database operation failed. {@link #isTransient()} separates failures worth retrying (connection
 * lost, pool exhausted, serialization failure, deadlock, server shutting down) from permanent ones
 * (bad data, constraint violations), which go to quarantine.
 */
public final class StoreException extends RuntimeException {
  private final String sqlState;
  private final boolean transientFailure;

  public StoreException(
      String message, String sqlState, boolean transientFailure, Throwable cause) {
    super(message, cause);
    this.sqlState = sqlState;
    this.transientFailure = transientFailure;
  }

  public static StoreException of(String operation, SQLException e) {
    String state = e.getSQLState();
    boolean transientFailure =
        e instanceof SQLTransientException
            || e instanceof SQLRecoverableException
            || (state != null
                && (state.startsWith("08") // connection exception
                    || state.startsWith("40") // serialization failure, deadlock
                    || state.startsWith("53") // insufficient resources
                    || state.startsWith("57P") // admin shutdown, cannot connect now
                    || state.equals("55P03"))); // lock not available
    return new StoreException(
        operation
            + " failed: "
            + e.getMessage()
            + (state == null ? "" : " [SQLState " + state + "]"),
        state,
        transientFailure,
        e);
  }

  public String sqlState() {
    return sqlState;
  }

  public boolean isTransient() {
    return transientFailure;
  }
}
