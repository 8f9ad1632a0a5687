package org.energytrace.ingest.audit;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.energytrace.analytics.integrity.AuditChain;
import org.energytrace.analytics.json.Json;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.tenant.Scope;

/**
 * The append-only audit log in PostgreSQL. Blocking: call from worker threads. The hash chain is
 * written by {@link AuditChainWriter} and read back by {@link AuditChainReads}; the before/after
 * states of registry changes come from {@link AuditSnapshots}.
 */
public final class PgAuditLog {
  private final DataSource dataSource;
  private final AuditChainReads chainReads;
  private final AuditSnapshots snapshots;

  public PgAuditLog(DataSource dataSource) {
    this.dataSource = dataSource;
    this.chainReads = new AuditChainReads(dataSource);
    this.snapshots = new AuditSnapshots(dataSource);
  }

  /**
   * Appends an entry.
   *
   * @return its id
   */
  public long record(AuditEntry e) {
    return Sql.with(dataSource, "writing the audit log", c -> record(c, e));
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
    return AuditChainWriter.record(c, e);
  }

  /**
   * Writes {@code entries}, chained in their order, on {@code c} as {@link #record(Connection,
   * AuditEntry)} writes one, with a few statements for all of them: for a change of many objects at
   * once (a bulk discard of quarantined messages).
   */
  public static void recordAll(Connection c, List<AuditEntry> entries) throws SQLException {
    AuditChainWriter.recordAll(c, entries);
  }

  /**
   * The chained form of an entry, its {@link #fields}: canonicalised by {@link AuditChain} (RFC
   * 8785).
   */
  static String chained(JsonObject fields) {
    return Json.canonical(fields.encode());
  }

  /**
   * An entry's fields as the chain hashes them and the log's listing shows them: a JSON object of
   * its fields as stored ({@code at} as an ISO-8601 instant in microseconds, {@code before}/{@code
   * after} as JSON values, absent fields as null).
   */
  static JsonObject fields(
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
    return new JsonObject()
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
  }

  /**
   * The {@link #fields} of the entry stored in the columns at, actor, actor_role, action, outcome,
   * enterprise, target, client_ip, detail, before and after (as text) from {@code first} on.
   */
  static JsonObject fields(ResultSet rs, int first) throws SQLException {
    return fields(
        rs.getObject(first, OffsetDateTime.class).toInstant(),
        rs.getString(first + 1),
        rs.getString(first + 2),
        rs.getString(first + 3),
        rs.getString(first + 4),
        rs.getString(first + 5),
        rs.getString(first + 6),
        rs.getString(first + 7),
        rs.getString(first + 8),
        rs.getString(first + 9),
        rs.getString(first + 10));
  }

  private static Object json(String text) {
    return text == null ? null : io.vertx.core.json.Json.decodeValue(text);
  }

  /**
   * The chained entries of {@code enterprise} whose target is {@code target} or under it ({@code
   * target/…}), in chain order, as the chain hashes them (a dossier's {@code audit.csv}).
   */
  public List<org.energytrace.analytics.integrity.AuditEntry> chained(
      String enterprise, String target) {
    return chainReads.chained(enterprise, target);
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
    return chainReads.verifyChain();
  }

  /**
   * Sets how many events entry {@code id} stands for, appending {@code note} to its detail (an
   * aggregated series of refusals, see {@link RefusalAudit}).
   */
  public void counted(long id, long count, String note) {
    Sql.update(
        dataSource,
        "counting audit entries",
        "UPDATE audit_log SET repeat_count = ?, repeat_note = left(coalesce(repeat_note,"
            + " '') || ?, 2048) WHERE audit_id = ?",
        Math.min(count, Integer.MAX_VALUE),
        Sql.text(AuditEntry.clean(note)),
        id);
  }

  /**
   * What a reader of the log asks for (listAudit): each filter that is null takes every entry; the
   * entries at or after {@code since} and before {@code until}, the newest {@code limit}.
   *
   * @param before an entry's id: only the entries after it in the answer's order (newest first,
   *     ties of time by id), so that a reader pages through the log with the last id of each page;
   *     refused when no entry has this id
   * @param outcome {@code success}, {@code failure} or {@code denied}
   * @param actor the actor as recorded, exactly: an account's name, or "token:{id}:{name}"
   */
  public record Query(
      String action,
      String enterprise,
      String outcome,
      String actor,
      Instant since,
      Instant until,
      Long before,
      int limit) {}

  /**
   * Entries newest first, restricted to the scope: an auditor sees entries of their enterprises,
   * entries without an enterprise only with the ALL scope.
   */
  public List<JsonObject> list(Scope scope, Query q) {
    String sql =
        "SELECT audit_id, at, actor, actor_role, action, outcome, enterprise, target, client_ip,"
            + " nullif(coalesce(detail, '') || coalesce(repeat_note, ''), ''), before_state::text,"
            + " after_state::text,"
            + " repeat_count, chain_seq, hash FROM audit_log WHERE "
            + Scope.SQL_ENTERPRISE.formatted("enterprise")
            + " AND (?::text IS NULL OR action = ?) AND (?::text IS NULL OR enterprise = ?)"
            + " AND (?::text IS NULL OR outcome = ?) AND (?::text IS NULL OR actor = ?)"
            + " AND (?::timestamptz IS NULL OR at >= ?) AND (?::timestamptz IS NULL OR at < ?)"
            + " AND (?::bigint IS NULL OR (at, audit_id) < (?, ?))"
            + " ORDER BY at DESC, audit_id DESC LIMIT ?";
    Sql.Typed since = Sql.typed(q.since(), Types.TIMESTAMP_WITH_TIMEZONE);
    Sql.Typed until = Sql.typed(q.until(), Types.TIMESTAMP_WITH_TIMEZONE);
    return Sql.with(
        dataSource,
        "reading the audit log",
        c -> {
          Object beforeAt = q.before() == null ? null : at(c, q.before());
          Sql.Typed cursorAt = Sql.typed(beforeAt, Types.TIMESTAMP_WITH_TIMEZONE);
          return Sql.list(
              c,
              sql,
              ps ->
                  Sql.bind(
                      ps,
                      scope.bind(c, ps, 1),
                      Sql.text(q.action()),
                      Sql.text(q.action()),
                      Sql.text(q.enterprise()),
                      Sql.text(q.enterprise()),
                      Sql.text(q.outcome()),
                      Sql.text(q.outcome()),
                      Sql.text(q.actor()),
                      Sql.text(q.actor()),
                      since,
                      since,
                      until,
                      until,
                      q.before(),
                      cursorAt,
                      q.before(),
                      q.limit()),
              rs ->
                  new JsonObject()
                      .put("id", rs.getLong(1))
                      .mergeIn(fields(rs, 2))
                      .put("repeat_count", rs.getInt(13))
                      .put("chain_seq", rs.getObject(14))
                      .put("hash", rs.getString(15)));
        });
  }

  /** When the entry {@code id} was written; a cursor naming no entry is refused. */
  private static OffsetDateTime at(Connection c, long id) throws SQLException {
    return Sql.first(
            c,
            "SELECT at FROM audit_log WHERE audit_id = ?",
            Sql.args(id),
            rs -> rs.getObject(1, OffsetDateTime.class))
        .orElseThrow(() -> DomainException.invalid("before", "no audit entry has the id " + id));
  }

  /**
   * The registry state of a meter or gateway as JSON text (the before/after of a change), or null
   * when it does not exist.
   */
  public String snapshot(String kind, String enterprise, String code) {
    return snapshots.snapshot(kind, enterprise, code);
  }

  /**
   * The SQL expression of a quarantined message's state as the audit log records it (status,
   * reason, topic, attempts; JSON text) for the quarantine row {@code row} with the status {@code
   * status}: for a statement that changes rows and audits each (the bulk discard).
   */
  public static String quarantineState(String row, String status) {
    return AuditSnapshots.quarantineState(row, status);
  }

  /** A quarantined message's status, reason and topic as JSON text (null: no such message). */
  public String quarantineSnapshot(long id) {
    return snapshots.quarantineSnapshot(id);
  }

  /** The recorded counter events of a channel as JSON text (null: no such channel). */
  public String counterEvents(String enterprise, String meter, String channel) {
    return snapshots.counterEvents(enterprise, meter, channel);
  }

  /** For tests and operations: entries since an instant with this action. */
  public long count(String action, Instant since) {
    return Sql.one(
        dataSource,
        "counting audit entries",
        "SELECT count(*) FROM audit_log WHERE action = ? AND at >= ?",
        Sql.args(Sql.text(action), since),
        rs -> rs.getLong(1));
  }
}
