package org.energytrace.ingest.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;
import org.energytrace.ingest.jdbc.Sql;

/**
 * Records that a document auditors and the province rely on was read (docs/security.md, "The audit
 * log"): an adjustment's attachment, a calibration certificate, a programme report. One chained
 * entry per successful download, outcome {@code success}, the detail naming the SHA-256 the answer
 * sends as {@code X-Content-SHA256}, the file name and its size. Written on the worker thread
 * before the bytes are sent, so that no such document leaves the server unrecorded (a failed write
 * fails the download). Only these documents: the live data's reads and the public showcase's are
 * not audited.
 */
public final class Downloads {
  private Downloads() {}

  /**
   * One reading of a document: who read it when, the entry's action, whose document it is (null for
   * the province's reports) and which, and the bytes sent: their SHA-256, file name and size.
   */
  public record Read(
      AuditActor who,
      Instant at,
      String action,
      String enterprise,
      String target,
      String sha256,
      String file,
      long bytes) {

    /** The entry's detail: {@code sha256 <hex>, <file>, <n> bytes}. */
    public String detail() {
      return "sha256 " + sha256 + ", " + file + ", " + bytes + " bytes";
    }

    AuditEntry entry() {
      return new AuditEntry(
          at,
          who.subject(),
          who.auditRole(),
          action,
          AuditEntry.Outcome.SUCCESS,
          enterprise,
          target,
          who.clientIp(),
          detail(),
          null,
          null);
    }
  }

  /**
   * Blocking: appends the entry on its own connection (its own transaction).
   *
   * @return the entry's id
   */
  public static long record(DataSource dataSource, Read read) {
    return Sql.with(dataSource, "auditing the download of " + read.target(), c -> record(c, read));
  }

  /** The same on the caller's connection (in its transaction when one is open). */
  public static long record(Connection c, Read read) throws SQLException {
    return PgAuditLog.record(c, read.entry());
  }
}
