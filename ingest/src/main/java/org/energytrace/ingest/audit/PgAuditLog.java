package org.energytrace.ingest.audit;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.energytrace.analytics.integrity.AuditChain;
import org.energytrace.analytics.json.Json;
import org.energytrace.ingest.errors.StoreException;
import org.energytrace.ingest.tenant.Scope;

/** The append-only audit log in PostgreSQL. Blocking: call from worker threads. */
public final class PgAuditLog {
  private final DataSource dataSource;

  public PgAuditLog(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Appends an entry.
   *
   * @return its id
   */
  public long record(AuditEntry e) {
    try (Connection c = dataSource.getConnection()) {
      return record(c, e);
    } catch (SQLException ex) {
      throw StoreException.of("writing the audit log", ex);
    }
  }

  /**
   * Records a successful change by {@code who} on the caller's connection, inside its transaction
   * (as {@link #record(Connection, AuditEntry)}): the state before and after as JSON, each null
   * when there is none.
   *
   * @return its id
   */
  public static long change(
      Connection c,
      AuditActor who,
      Instant at,
      String action,
      String enterprise,
      String target,
      String detail,
      JsonObject before,
      JsonObject after)
      throws SQLException {
    return change(
        c,
        at,
        who.subject(),
        who.auditRole(),
        who.clientIp(),
        action,
        AuditEntry.Outcome.SUCCESS,
        enterprise,
        target,
        detail,
        before,
        after);
  }

  /**
   * Records a change, or a refused one ({@code outcome}), on the caller's connection, inside its
   * transaction (as {@link #record(Connection, AuditEntry)}): the state before and after as JSON,
   * each null when there is none.
   *
   * @return its id
   */
  public static long change(
      Connection c,
      Instant at,
      String subject,
      String role,
      String clientIp,
      String action,
      AuditEntry.Outcome outcome,
      String enterprise,
      String target,
      String detail,
      JsonObject before,
      JsonObject after)
      throws SQLException {
    return record(
        c,
        new AuditEntry(
            at,
            subject,
            role,
            action,
            outcome,
            enterprise,
            target,
            clientIp,
            detail,
            before == null ? null : before.encode(),
            after == null ? null : after.encode()));
  }

  /**
   * Appends an entry on the caller's connection, inside its transaction: the entry is kept exactly
   * when the change it records is (e.g. a baseline's lifecycle step, {@code verification}). The
   * entry is chained (docs/verification.md §4): the chain head is locked until the transaction
   * ends, so concurrent writers — of this instance or another — append one after the other and the
   * chain never forks. On a connection in auto-commit mode the append is its own transaction.
   *
   * @return its id
   */
  public static long record(Connection c, AuditEntry e) throws SQLException {
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
            chainedEntry(
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

  /**
   * The chained form of an entry: a JSON object of its fields as stored ({@code at} as an ISO-8601
   * instant in microseconds, {@code before}/{@code after} as JSON values, absent fields as null),
   * canonicalised by {@link AuditChain} (RFC 8785).
   */
  public static String chainedEntry(
      Instant at,
      String actor,
      String actorRole,
      String action,
      String outcome,
      String enterprise,
      String target,
      String clientIp,
      String detail,
      String before,
      String after) {
    JsonObject o =
        new JsonObject()
            .put("at", at.toString())
            .put("actor", actor)
            .put("actor_role", actorRole)
            .put("action", action)
            .put("outcome", outcome)
            .put("enterprise", enterprise)
            .put("target", target)
            .put("client_ip", clientIp)
            .put("detail", detail)
            .put("before", json(before))
            .put("after", json(after));
    return Json.canonical(o.encode());
  }

  /**
   * The chained entries of {@code enterprise} whose target is {@code target} or under it ({@code
   * target/…}), in chain order, as the chain hashes them (a dossier's {@code audit.csv}).
   */
  public List<org.energytrace.analytics.integrity.AuditEntry> chained(
      String enterprise, String target) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT chain_seq, prev_hash, hash, at, actor, actor_role, action, outcome,"
                    + " enterprise, target, client_ip, detail, before_state::text,"
                    + " after_state::text FROM audit_log WHERE chain_seq IS NOT NULL"
                    + " AND enterprise = ? AND (target = ? OR starts_with(target, ?))"
                    + " ORDER BY chain_seq")) {
      ps.setString(1, enterprise);
      ps.setString(2, target);
      ps.setString(3, target + "/");
      List<org.energytrace.analytics.integrity.AuditEntry> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new org.energytrace.analytics.integrity.AuditEntry(
                  rs.getLong(1),
                  rs.getString(2),
                  chainedEntry(
                      rs.getObject(4, OffsetDateTime.class).toInstant(),
                      rs.getString(5),
                      rs.getString(6),
                      rs.getString(7),
                      rs.getString(8),
                      rs.getString(9),
                      rs.getString(10),
                      rs.getString(11),
                      rs.getString(12),
                      rs.getString(13),
                      rs.getString(14)),
                  rs.getString(3)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw StoreException.of("reading audit entries of " + target, e);
    }
  }

  /** The check of the whole chain: what it covered and the first break, if any. */
  public record ChainCheck(long entries, long headSeq, Optional<AuditChain.Break> firstBreak) {
    public boolean ok() {
      return firstBreak.isEmpty();
    }
  }

  /**
   * Recomputes every chained entry's hash from its stored fields and walks the chain from the
   * genesis ({@code AuditChain.verify(…, contiguous = true, …)}); then checks that the chain ends
   * at the head (an entry deleted from the end) and that no entry was added without a chain
   * position after the chain started.
   */
  public ChainCheck verifyChain() {
    try (Connection c = dataSource.getConnection()) {
      long headSeq;
      String headHash;
      long unchainedThrough;
      try (PreparedStatement ps =
              c.prepareStatement("SELECT seq, hash, unchained_through FROM audit_chain_head");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        headSeq = rs.getLong(1);
        headHash = rs.getString(2);
        unchainedThrough = rs.getLong(3);
      }
      List<org.energytrace.analytics.integrity.AuditEntry> entries = new ArrayList<>();
      c.setAutoCommit(false); // a cursor: the log is read in slices, not all into memory at once
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT chain_seq, prev_hash, hash, at, actor, actor_role, action, outcome,"
                  + " enterprise, target, client_ip, detail, before_state::text,"
                  + " after_state::text FROM audit_log WHERE chain_seq IS NOT NULL"
                  + " ORDER BY chain_seq")) {
        ps.setFetchSize(2000);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            long seq = rs.getLong(1);
            String prev = rs.getString(2);
            String hash = rs.getString(3);
            String entry =
                chainedEntry(
                    rs.getObject(4, OffsetDateTime.class).toInstant(),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getString(7),
                    rs.getString(8),
                    rs.getString(9),
                    rs.getString(10),
                    rs.getString(11),
                    rs.getString(12),
                    rs.getString(13),
                    rs.getString(14));
            try {
              entries.add(
                  new org.energytrace.analytics.integrity.AuditEntry(seq, prev, entry, hash));
            } catch (RuntimeException bad) {
              return new ChainCheck(
                  entries.size(),
                  headSeq,
                  Optional.of(new AuditChain.Break(seq, "chain hashes are not 64 hex digits")));
            }
          }
        }
      } finally {
        c.rollback();
        c.setAutoCommit(true);
      }
      Optional<AuditChain.Break> b = AuditChain.verify(entries, true, AuditChain.GENESIS);
      if (b.isEmpty() && !entries.isEmpty() && entries.get(0).seq() != 1) {
        b = Optional.of(new AuditChain.Break(entries.get(0).seq(), "entries 1.. are missing"));
      }
      if (b.isEmpty()) {
        long last = entries.isEmpty() ? 0 : entries.get(entries.size() - 1).seq();
        String lastHash =
            entries.isEmpty() ? AuditChain.GENESIS : entries.get(entries.size() - 1).hash();
        if (last != headSeq || !lastHash.equals(headHash)) {
          b =
              Optional.of(
                  new AuditChain.Break(
                      last + 1,
                      "the chain ends at entry "
                          + last
                          + " but its head says "
                          + headSeq
                          + ": entries were removed from the end"));
        }
      }
      if (b.isEmpty()) {
        try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT min(audit_id) FROM audit_log WHERE chain_seq IS NULL AND audit_id > ?")) {
          ps.setLong(1, unchainedThrough);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            long id = rs.getLong(1);
            if (!rs.wasNull()) {
              b =
                  Optional.of(
                      new AuditChain.Break(
                          -1,
                          "audit entry id "
                              + id
                              + " has no place in the chain: it was not written by the service"));
            }
          }
        }
      }
      return new ChainCheck(entries.size(), headSeq, b);
    } catch (SQLException ex) {
      throw StoreException.of("checking the audit log's chain", ex);
    }
  }

  /**
   * Sets how many events entry {@code id} stands for, appending {@code note} to its detail (an
   * aggregated series of refusals, see {@link RefusalAudit}).
   */
  public void counted(long id, long count, String note) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "UPDATE audit_log SET repeat_count = ?, repeat_note = left(coalesce(repeat_note,"
                    + " '') || ?, 2048) WHERE audit_id = ?")) {
      ps.setLong(1, Math.min(count, Integer.MAX_VALUE));
      ps.setString(2, AuditEntry.clean(note));
      ps.setLong(3, id);
      ps.executeUpdate();
    } catch (SQLException ex) {
      throw StoreException.of("counting audit entries", ex);
    }
  }

  /**
   * Entries newest first, restricted to the scope: an auditor sees entries of their enterprises,
   * entries without an enterprise only with the ALL scope.
   */
  public List<JsonObject> list(Scope scope, String action, String enterprise, int limit) {
    String sql =
        "SELECT audit_id, at, actor, actor_role, action, outcome, enterprise, target, client_ip,"
            + " nullif(coalesce(detail, '') || coalesce(repeat_note, ''), ''), before_state::text,"
            + " after_state::text,"
            + " repeat_count, chain_seq, hash FROM audit_log WHERE "
            + Scope.SQL_ENTERPRISE.formatted("enterprise")
            + " AND (?::text IS NULL OR action = ?) AND (?::text IS NULL OR enterprise = ?)"
            + " ORDER BY at DESC, audit_id DESC LIMIT ?";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      int i = scope.bind(c, ps, 1);
      ps.setString(i++, action);
      ps.setString(i++, action);
      ps.setString(i++, enterprise);
      ps.setString(i++, enterprise);
      ps.setInt(i, limit);
      List<JsonObject> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new JsonObject()
                  .put("id", rs.getLong(1))
                  .put("at", rs.getObject(2, OffsetDateTime.class).toInstant().toString())
                  .put("actor", rs.getString(3))
                  .put("actor_role", rs.getString(4))
                  .put("action", rs.getString(5))
                  .put("outcome", rs.getString(6))
                  .put("enterprise", rs.getString(7))
                  .put("target", rs.getString(8))
                  .put("client_ip", rs.getString(9))
                  .put("detail", rs.getString(10))
                  .put("before", json(rs.getString(11)))
                  .put("after", json(rs.getString(12)))
                  .put("repeat_count", rs.getInt(13))
                  .put("chain_seq", rs.getObject(14))
                  .put("hash", rs.getString(15)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw StoreException.of("reading the audit log", e);
    }
  }

  private static Object json(String text) {
    return text == null ? null : io.vertx.core.json.Json.decodeValue(text);
  }

  private static final String METER_SNAPSHOT =
      "SELECT json_build_object('site', s.code, 'gateway', g.code, 'channels',"
          + " (SELECT json_agg(json_build_object('name', c.name, 'unit', c.unit, 'kind', c.kind,"
          + " 'counter_bits', c.counter_bits) ORDER BY c.name) FROM channel c"
          + " WHERE c.meter_id = m.meter_id))::text"
          + " FROM meter m JOIN enterprise e ON e.enterprise_id = m.enterprise_id"
          + " JOIN site s ON s.site_id = m.site_id LEFT JOIN gateway g ON g.gateway_id = m.gateway_id"
          + " WHERE e.code = ? AND m.code = ?";
  private static final String GATEWAY_SNAPSHOT =
      "SELECT json_build_object('site', s.code, 'auto_register_meters', g.auto_register_meters,"
          + " 'extra_sites', ARRAY(SELECT xs.code FROM gateway_site gs JOIN site xs"
          + " ON xs.site_id = gs.site_id WHERE gs.gateway_id = g.gateway_id ORDER BY xs.code))::text"
          + " FROM gateway g JOIN enterprise e ON e.enterprise_id = g.enterprise_id"
          + " JOIN site s ON s.site_id = g.site_id WHERE e.code = ? AND g.code = ?";

  /**
   * The registry state of a meter or gateway as JSON text (the before/after of a change), or null
   * when it does not exist.
   */
  public String snapshot(String kind, String enterprise, String code) {
    String sql =
        switch (kind) {
          case "meter" -> METER_SNAPSHOT;
          case "gateway" -> GATEWAY_SNAPSHOT;
          default -> throw new IllegalArgumentException(kind);
        };
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, enterprise);
      ps.setString(2, code);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    } catch (SQLException e) {
      throw StoreException.of("reading " + kind + " for the audit log", e);
    }
  }

  /** A quarantined message's status, reason and topic as JSON text (null: no such message). */
  public String quarantineSnapshot(long id) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT json_build_object('status', status, 'reason', reason, 'topic', topic,"
                    + " 'attempts', attempts)::text FROM quarantine WHERE quarantine_id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    } catch (SQLException e) {
      throw StoreException.of("reading a quarantined message for the audit log", e);
    }
  }

  /** The recorded counter events of a channel as JSON text (null: no such channel). */
  public String counterEvents(String enterprise, String meter, String channel) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT coalesce((SELECT json_agg(json_build_object('id', ev.event_id, 'ts', ev.ts,"
                    + " 'kind', ev.kind, 'closing_value', ev.closing_value, 'opening_value',"
                    + " ev.opening_value, 'multiplier', ev.multiplier, 'note', ev.note)"
                    + " ORDER BY ev.ts) FROM counter_event ev WHERE ev.channel_id = ch.channel_id),"
                    + " '[]'::json)::text"
                    + " FROM channel ch JOIN meter m ON m.meter_id = ch.meter_id"
                    + " JOIN enterprise e ON e.enterprise_id = m.enterprise_id"
                    + " WHERE e.code = ? AND m.code = ? AND ch.name = ?")) {
      ps.setString(1, enterprise);
      ps.setString(2, meter);
      ps.setString(3, channel);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    } catch (SQLException e) {
      throw StoreException.of("reading counter events for the audit log", e);
    }
  }

  /** For tests and operations: entries since an instant with this action. */
  public long count(String action, Instant since) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT count(*) FROM audit_log WHERE action = ? AND at >= ?")) {
      ps.setString(1, action);
      ps.setObject(2, OffsetDateTime.ofInstant(since, ZoneOffset.UTC));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw StoreException.of("counting audit entries", e);
    }
  }
}
