package org.energytrace.ingest.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.energytrace.analytics.integrity.AuditChain;

/**
 * Appends entries to the audit log's hash chain (docs/verification.md §4), each hashed in its
 * chained form ({@link PgAuditLog#chainedEntry}). The public face is {@link
 * PgAuditLog#record(Connection, AuditEntry)}.
 */
final class AuditChainWriter {
  private AuditChainWriter() {}

  /** See {@link PgAuditLog#record(Connection, AuditEntry)}. */
  static long record(Connection c, AuditEntry e) throws SQLException {
    if (!c.getAutoCommit()) {
      return append(c, e);
    }
    c.setAutoCommit(false);
    try {
      long id = append(c, e);
      c.commit();
      return id;
    } catch (SQLException | RuntimeException ex) {
      c.rollback();
      throw ex;
    } finally {
      c.setAutoCommit(true);
    }
  }

  private static long append(Connection c, AuditEntry e) throws SQLException {
    long seq;
    String prev;
    try (PreparedStatement ps =
            c.prepareStatement("SELECT seq, hash FROM audit_chain_head FOR UPDATE");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      seq = rs.getLong(1) + 1;
      prev = rs.getString(2);
    }
    // microseconds: what timestamptz keeps, so that the chained entry reads back the same
    Instant at = e.at().truncatedTo(ChronoUnit.MICROS);
    long id;
    String before;
    String after;
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO audit_log (at, actor, actor_role, action, outcome, enterprise, target,"
                + " client_ip, detail, before_state, after_state, chain_seq, prev_hash)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?)"
                + " RETURNING audit_id, before_state::text, after_state::text")) {
      ps.setObject(1, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
      ps.setString(2, e.actor());
      ps.setString(3, e.actorRole());
      ps.setString(4, e.action());
      ps.setString(5, e.outcome().wire());
      ps.setString(6, e.enterprise());
      ps.setString(7, e.target());
      ps.setString(8, e.clientIp());
      ps.setString(9, e.detail());
      ps.setString(10, e.before());
      ps.setString(11, e.after());
      ps.setLong(12, seq);
      ps.setString(13, prev);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        id = rs.getLong(1);
        before = rs.getString(2);
        after = rs.getString(3);
      }
    }
    // the hash of the entry as stored (jsonb's own spelling of before/after): what the check reads
    String hash =
        AuditChain.hash(
            prev,
            PgAuditLog.chainedEntry(
                at,
                e.actor(),
                e.actorRole(),
                e.action(),
                e.outcome().wire(),
                e.enterprise(),
                e.target(),
                e.clientIp(),
                e.detail(),
                before,
                after));
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE audit_log SET hash = ? WHERE audit_id = ?")) {
      ps.setString(1, hash);
      ps.setLong(2, id);
      ps.executeUpdate();
    }
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE audit_chain_head SET seq = ?, hash = ?")) {
      ps.setLong(1, seq);
      ps.setString(2, hash);
      ps.executeUpdate();
    }
    return id;
  }
}
