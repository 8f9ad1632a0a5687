package org.energytrace.ingest.cp;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.energytrace.ingest.audit.AuditActor;
import org.energytrace.ingest.audit.PgAuditLog;
import org.energytrace.ingest.jdbc.Sql;

/**
 * What the stores of the officers' records (guidance notes, public items, pilot sites,
 * achievements) share: reading rows by a WHERE clause with text parameters, and writing one record
 * by its key on the caller's transaction with its audit entry, nothing when it is unchanged.
 */
final class CpRecords {
  private CpRecords() {}

  /** The write of a changed record on the transaction's connection. */
  @FunctionalInterface
  interface Write {
    void run(Connection c) throws SQLException;
  }

  /** The rows of {@code select} followed by {@code where} (its {@code ?} set to {@code params}). */
  static <T> List<T> rows(
      Connection c, String select, String where, Sql.Row<T> mapper, String... params)
      throws SQLException {
    return Sql.list(
        c, select + where, Sql.args(Arrays.stream(params).map(Sql::text).toArray()), mapper);
  }

  /** The only row of {@code rows}, or null when there is none. */
  static <T> T first(List<T> rows) {
    return rows.isEmpty() ? null : rows.get(0);
  }

  /**
   * Creates or replaces a record: nothing when {@code after} equals {@code before}; otherwise
   * {@code write}, and the audit entry {@code action.create} (no {@code before}) or {@code
   * action.update} with both states.
   *
   * @return whether it was created
   */
  static boolean put(
      Connection c,
      AuditActor who,
      Instant now,
      String action,
      String enterprise,
      String target,
      Map<String, Object> before,
      Map<String, Object> after,
      Write write)
      throws SQLException {
    if (after.equals(before)) {
      return false;
    }
    write.run(c);
    PgAuditLog.change(
        c,
        who,
        now,
        before == null ? action + ".create" : action + ".update",
        enterprise,
        target,
        null,
        PgCpAssessments.json(before),
        PgCpAssessments.json(after));
    return before == null;
  }
}
