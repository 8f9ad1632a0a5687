package org.energytrace.ingest.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.energytrace.analytics.integrity.AuditChain;
import org.energytrace.ingest.jdbc.HeldTransaction;
import org.energytrace.ingest.jdbc.Sql;

/**
 * Appends entries to the audit log's hash chain (docs/verification.md §4), each hashed in its
 * chained form ({@link PgAuditLog#chained}). The public face is {@link
 * PgAuditLog#record(Connection, AuditEntry)}.
 */
final class AuditChainWriter {
  private AuditChainWriter() {}

  /** See {@link PgAuditLog#record(Connection, AuditEntry)}. */
  static long record(Connection c, AuditEntry e) throws SQLException {
    if (!c.getAutoCommit()) {
      return append(c, e);
    }
    return HeldTransaction.run(c, () -> append(c, e));
  }

  /** The chain's head: the last entry's position and hash. */
  private record Head(long seq, String hash) {}

  /** What the insert of an entry answers: its id, and before/after as jsonb spells them. */
  private record Stored(long id, String before, String after) {}

  private static long append(Connection c, AuditEntry e) throws SQLException {
    Head head =
        Sql.one(
            c,
            "SELECT seq, hash FROM audit_chain_head FOR UPDATE",
            Sql.NONE,
            rs -> new Head(rs.getLong(1), rs.getString(2)));
    long seq = head.seq() + 1;
    String prev = head.hash();
    // microseconds: what timestamptz keeps, so that the chained entry reads back the same
    Instant at = e.at().truncatedTo(ChronoUnit.MICROS);
    Stored stored =
        Sql.one(
            c,
            "INSERT INTO audit_log (at, actor, actor_role, action, outcome, enterprise, target,"
                + " client_ip, detail, before_state, after_state, chain_seq, prev_hash)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?)"
                + " RETURNING audit_id, before_state::text, after_state::text",
            Sql.args(
                at,
                Sql.text(e.actor()),
                Sql.text(e.actorRole()),
                Sql.text(e.action()),
                Sql.text(e.outcome().wire()),
                Sql.text(e.enterprise()),
                Sql.text(e.target()),
                Sql.text(e.clientIp()),
                Sql.text(e.detail()),
                Sql.text(e.before()),
                Sql.text(e.after()),
                seq,
                Sql.text(prev)),
            rs -> new Stored(rs.getLong(1), rs.getString(2), rs.getString(3)));
    long id = stored.id();
    String before = stored.before();
    String after = stored.after();
    // the hash of the entry as stored (jsonb's own spelling of before/after): what the check reads
    String hash =
        AuditChain.hash(
            prev,
            PgAuditLog.chained(
                PgAuditLog.fields(
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
                    after)));
    Sql.update(c, "UPDATE audit_log SET hash = ? WHERE audit_id = ?", Sql.text(hash), id);
    Sql.update(c, "UPDATE audit_chain_head SET seq = ?, hash = ?", seq, Sql.text(hash));
    return id;
  }
}
