package org.energytrace.ingest.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.energytrace.analytics.integrity.AuditChain;
import org.energytrace.analytics.integrity.AuditEntry;
import org.energytrace.ingest.jdbc.Sql;

/**
 * Reads the audit log's hash chain back: the chained entries under a target (a dossier's {@code
 * audit.csv}) and the check of the whole chain. The public face is {@link PgAuditLog#chained} and
 * {@link PgAuditLog#verifyChain}.
 */
final class AuditChainReads {
  /** Columns 1..14 of a chained entry, read by {@link #entry}. */
  private static final String CHAINED =
      "SELECT chain_seq, prev_hash, hash, at, actor, actor_role, action, outcome,"
          + " enterprise, target, client_ip, detail, before_state::text,"
          + " after_state::text FROM audit_log WHERE chain_seq IS NOT NULL";

  private final DataSource dataSource;

  AuditChainReads(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The entry as the chain hashes it, from the columns of {@link #CHAINED}. */
  private static String entry(ResultSet rs) throws SQLException {
    return PgAuditLog.chained(PgAuditLog.fields(rs, 4));
  }

  /** See {@link PgAuditLog#chained}. */
  List<AuditEntry> chained(String enterprise, String target) {
    return Sql.list(
        dataSource,
        "reading audit entries of " + target,
        CHAINED
            + " AND enterprise = ? AND (target = ? OR starts_with(target, ?))"
            + " ORDER BY chain_seq",
        Sql.args(Sql.text(enterprise), Sql.text(target), target + "/"),
        rs -> new AuditEntry(rs.getLong(1), rs.getString(2), entry(rs), rs.getString(3)));
  }

  /** See {@link PgAuditLog#verifyChain}. */
  PgAuditLog.ChainCheck verifyChain() {
    return Sql.with(dataSource, "checking the audit log's chain", this::verifyChain);
  }

  /** The chain's head: the last entry's position and hash, and the unchained entries' last id. */
  private record Head(long seq, String hash, long unchainedThrough) {}

  /**
   * The head, the entries and the unchained ones are read in one snapshot (repeatable read): read
   * one after the other in autocommit, an entry committed between the head and the entries read as
   * "the chain ends at entry n + 1 but its head says n: entries were removed from the end" — a
   * false alarm, seen in 4 of 60 checks while the service audits (AuditChainIT).
   */
  private PgAuditLog.ChainCheck verifyChain(Connection c) throws SQLException {
    int isolation = c.getTransactionIsolation();
    c.setAutoCommit(false); // a cursor: the log is read in slices, not all into memory at once
    c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    try {
      return verifyChainInOneSnapshot(c);
    } finally {
      c.rollback();
      c.setTransactionIsolation(isolation);
      c.setAutoCommit(true);
    }
  }

  private PgAuditLog.ChainCheck verifyChainInOneSnapshot(Connection c) throws SQLException {
    Head head =
        Sql.one(
            c,
            "SELECT seq, hash, unchained_through FROM audit_chain_head",
            Sql.NONE,
            rs -> new Head(rs.getLong(1), rs.getString(2), rs.getLong(3)));
    long headSeq = head.seq();
    String headHash = head.hash();
    long unchainedThrough = head.unchainedThrough();
    List<AuditEntry> entries = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(CHAINED + " ORDER BY chain_seq")) {
      ps.setFetchSize(2000);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long seq = rs.getLong(1);
          String prev = rs.getString(2);
          String hash = rs.getString(3);
          String entry = entry(rs);
          try {
            entries.add(new AuditEntry(seq, prev, entry, hash));
          } catch (RuntimeException bad) {
            return new PgAuditLog.ChainCheck(
                entries.size(),
                headSeq,
                Optional.of(new AuditChain.Break(seq, "chain hashes are not 64 hex digits")));
          }
        }
      }
    }
    Optional<AuditChain.Break> b = AuditChain.verify(entries, true, AuditChain.GENESIS);
    if (b.isEmpty() && !entries.isEmpty() && entries.get(0).seq() != 1) {
      b = Optional.of(new AuditChain.Break(entries.get(0).seq(), "entries 1.. are missing"));
    }
    if (b.isEmpty()) {
      b = endsAtHead(entries, headSeq, headHash);
    }
    if (b.isEmpty()) {
      b = unchained(c, unchainedThrough);
    }
    return new PgAuditLog.ChainCheck(entries.size(), headSeq, b);
  }

  /** A break when the chain does not end at its head (entries deleted from the end). */
  private static Optional<AuditChain.Break> endsAtHead(
      List<AuditEntry> entries, long headSeq, String headHash) {
    long last = entries.isEmpty() ? 0 : entries.get(entries.size() - 1).seq();
    String lastHash =
        entries.isEmpty() ? AuditChain.GENESIS : entries.get(entries.size() - 1).hash();
    if (last != headSeq || !lastHash.equals(headHash)) {
      return Optional.of(
          new AuditChain.Break(
              last + 1,
              "the chain ends at entry "
                  + last
                  + " but its head says "
                  + headSeq
                  + ": entries were removed from the end"));
    }
    return Optional.empty();
  }

  /** A break when an entry was added without a chain position after the chain started. */
  private static Optional<AuditChain.Break> unchained(Connection c, long unchainedThrough)
      throws SQLException {
    Long id =
        Sql.one(
            c,
            "SELECT min(audit_id) FROM audit_log WHERE chain_seq IS NULL AND audit_id > ?",
            Sql.args(unchainedThrough),
            rs -> {
              long min = rs.getLong(1);
              return rs.wasNull() ? null : min;
            });
    if (id != null) {
      return Optional.of(
          new AuditChain.Break(
              -1,
              "audit entry id "
                  + id
                  + " has no place in the chain: it was not written by the service"));
    }
    return Optional.empty();
  }
}
