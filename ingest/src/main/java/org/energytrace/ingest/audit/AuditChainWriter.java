package org.energytrace.ingest.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

  /** See {@link PgAuditLog#recordAll(Connection, List)}. */
  static void recordAll(Connection c, List<AuditEntry> entries) throws SQLException {
    if (entries.isEmpty()) {
      return;
    }
    if (!c.getAutoCommit()) {
      appendAll(c, entries);
      return;
    }
    HeldTransaction.run(
        c,
        () -> {
          appendAll(c, entries);
          return null;
        });
  }

  /** The chain's head: the last entry's position and hash. */
  private record Head(long seq, String hash) {}

  /** What the insert of an entry answers: its id, and before/after as jsonb spells them. */
  private record Stored(long id, String before, String after) {}

  private static Head lockHead(Connection c) throws SQLException {
    return Sql.one(
        c,
        "SELECT seq, hash FROM audit_chain_head FOR UPDATE",
        Sql.NONE,
        rs -> new Head(rs.getLong(1), rs.getString(2)));
  }

  /** The hash of {@code e} chained after {@code prev}, as stored (jsonb's spelling of states). */
  private static String hash(String prev, Instant at, AuditEntry e, String before, String after) {
    return AuditChain.hash(
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
  }

  /**
   * Appends {@code entries} in their order with one insert, one update of their hashes and one of
   * the head, however many they are: the head stays locked for a few statements, not four for each
   * entry (a bulk discard of 10 000 quarantined messages, docs/benchmarks/ingest.md).
   */
  private static void appendAll(Connection c, List<AuditEntry> entries) throws SQLException {
    Head head = lockHead(c);
    int n = entries.size();
    Instant[] at = new Instant[n];
    String[][] columns = new String[11][n];
    Long[] seqs = new Long[n];
    for (int i = 0; i < n; i++) {
      AuditEntry e = entries.get(i);
      at[i] = e.at().truncatedTo(ChronoUnit.MICROS);
      columns[0][i] = at[i].toString();
      columns[1][i] = e.actor();
      columns[2][i] = e.actorRole();
      columns[3][i] = e.action();
      columns[4][i] = e.outcome().wire();
      columns[5][i] = e.enterprise();
      columns[6][i] = e.target();
      columns[7][i] = e.clientIp();
      columns[8][i] = e.detail();
      columns[9][i] = e.before();
      columns[10][i] = e.after();
      seqs[i] = head.seq() + 1 + i;
    }
    // the positions are consecutive from the head on; prev_hash and hash follow below, once the
    // stored spelling of the states is known
    Map<Long, Stored> stored = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO audit_log (at, actor, actor_role, action, outcome, enterprise, target,"
                + " client_ip, detail, before_state, after_state, chain_seq)"
                + " SELECT u.at::timestamptz, u.actor, u.role, u.action, u.outcome, u.enterprise,"
                + " u.target, u.ip, u.detail, u.before::jsonb, u.after::jsonb, u.seq"
                + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
                + " ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[])"
                + " AS u(at, actor, role, action, outcome, enterprise, target, ip, detail, before,"
                + " after, seq) ORDER BY u.seq"
                + " RETURNING chain_seq, audit_id, before_state::text, after_state::text")) {
      for (int k = 0; k < columns.length; k++) {
        ps.setArray(k + 1, c.createArrayOf("text", columns[k]));
      }
      ps.setArray(columns.length + 1, c.createArrayOf("bigint", seqs));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          stored.put(rs.getLong(1), new Stored(rs.getLong(2), rs.getString(3), rs.getString(4)));
        }
      }
    }
    Long[] ids = new Long[n];
    String[] prevs = new String[n];
    String[] hashes = new String[n];
    String prev = head.hash();
    for (int i = 0; i < n; i++) {
      Stored s = stored.get(seqs[i]);
      ids[i] = s.id();
      prevs[i] = prev;
      hashes[i] = hash(prev, at[i], entries.get(i), s.before(), s.after());
      prev = hashes[i];
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE audit_log a SET prev_hash = u.prev, hash = u.hash"
                + " FROM unnest(?::bigint[], ?::text[], ?::text[]) AS u(id, prev, hash)"
                + " WHERE a.audit_id = u.id")) {
      ps.setArray(1, c.createArrayOf("bigint", ids));
      ps.setArray(2, c.createArrayOf("text", prevs));
      ps.setArray(3, c.createArrayOf("text", hashes));
      ps.executeUpdate();
    }
    Sql.update(
        c, "UPDATE audit_chain_head SET seq = ?, hash = ?", seqs[n - 1], Sql.text(hashes[n - 1]));
  }

  private static long append(Connection c, AuditEntry e) throws SQLException {
    Head head = lockHead(c);
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
    String hash = hash(prev, at, e, before, after);
    Sql.update(c, "UPDATE audit_log SET hash = ? WHERE audit_id = ?", Sql.text(hash), id);
    Sql.update(c, "UPDATE audit_chain_head SET seq = ?, hash = ?", seq, Sql.text(hash));
    return id;
  }
}
