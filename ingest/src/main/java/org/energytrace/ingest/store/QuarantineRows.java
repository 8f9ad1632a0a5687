package org.energytrace.ingest.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.energytrace.ingest.audit.AuditEntry;
import org.energytrace.ingest.audit.PgAuditLog;
import org.energytrace.ingest.errors.NotFoundException;
import org.energytrace.ingest.jdbc.HeldTransaction;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.model.Incoming;
import org.energytrace.ingest.store.RegistryResolver.Plan;
import org.energytrace.ingest.validate.Printable;

/**
 * Quarantine persistence: one row per message (V31) with the reason it was refused, found again by
 * its key (SHA-256 of topic and payload) when the broker redelivers it or its gateway replays it,
 * so it is counted, never stored twice. A payload refused for its size is kept as a prefix with its
 * hash and length.
 */
public final class QuarantineRows {
  /**
   * One row per message (V31): a message that arrives again — redelivered by the broker, replayed
   * by its gateway — is found by its key and counted, never stored twice.
   */
  private static final String INSERT_QUARANTINE =
      "INSERT INTO quarantine (enterprise_id, topic, payload, reason, received_at, message_key,"
          + " payload_sha256, payload_length, payload_truncated, occurrences, last_received_at)"
          + " SELECT e, t, decode(p, 'base64'), r, ra::timestamptz, decode(k, 'base64'),"
          + " decode(h, 'base64'), pl, pt, n, la::timestamptz"
          + " FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
          + " ?::text[], ?::int4[], ?::bool[], ?::int4[], ?::text[])"
          + " AS u(e, t, p, r, ra, k, h, pl, pt, n, la)"
          + " ON CONFLICT (message_key) DO UPDATE SET"
          + " occurrences = quarantine.occurrences + excluded.occurrences,"
          + " last_received_at = greatest(quarantine.last_received_at, excluded.last_received_at),"
          + " reason = CASE WHEN quarantine.status = 'new' THEN excluded.reason"
          + " ELSE quarantine.reason END,"
          + " enterprise_id = coalesce(quarantine.enterprise_id, excluded.enterprise_id)"
          + " RETURNING (xmax = 0)";

  /** Bytes kept of a payload refused for its size: a prefix, with its hash and length. */
  public static final int QUARANTINE_PREFIX_BYTES = 64 * 1024;

  /** Refused points listed by name in one quarantine reason; the rest are counted. */
  static final int MAX_LISTED_REFUSALS = 100;

  /** Characters of a quarantine reason at most. */
  static final int MAX_REASON_CHARS = 16 * 1024;

  private final DataSource dataSource;
  private final int maxPayloadBytes;

  /**
   * @param maxPayloadBytes {@code ingest.max_payload_bytes}: a larger payload was refused for its
   *     size and is kept as a prefix of {@link #QUARANTINE_PREFIX_BYTES} bytes
   */
  public QuarantineRows(DataSource dataSource, int maxPayloadBytes) {
    this.dataSource = dataSource;
    this.maxPayloadBytes = maxPayloadBytes;
  }

  /**
   * A quarantined message as stored: what re-processing starts from.
   *
   * @param payload the raw payload, or only its first bytes when {@code truncated}
   * @param length the original payload's length in bytes
   */
  public record Quarantined(
      long id,
      String topic,
      byte[] payload,
      Instant receivedAt,
      String status,
      boolean truncated,
      int length) {}

  /** The quarantined message {@code id}, if any. */
  public Optional<Quarantined> quarantined(long id) {
    return Sql.first(
        dataSource,
        "reading quarantined message " + id,
        "SELECT quarantine_id, topic, payload, received_at, status, payload_truncated,"
            + " coalesce(payload_length, octet_length(payload)) FROM quarantine"
            + " WHERE quarantine_id = ?",
        Sql.args(id),
        rs ->
            new Quarantined(
                rs.getLong(1),
                rs.getString(2),
                rs.getBytes(3),
                rs.getObject(4, OffsetDateTime.class).toInstant(),
                rs.getString(5),
                rs.getBoolean(6),
                rs.getInt(7)));
  }

  /**
   * Marks a message still in quarantine (status new) as discarded.
   *
   * @throws NotFoundException when there is no such message or it is no longer new
   */
  public void discard(long quarantineId) {
    int changed =
        Sql.update(
            dataSource,
            "discarding quarantined message " + quarantineId,
            "UPDATE quarantine SET status = 'discarded' WHERE quarantine_id = ? AND status = 'new'",
            quarantineId);
    if (changed == 0) {
      throw new NotFoundException(
          "quarantined message " + quarantineId + " not found or no longer in quarantine");
    }
  }

  /**
   * A message the bulk discard took out of quarantine: its enterprise, its state before and after.
   */
  private record Discarded(long id, String enterprise, String before, String after) {}

  /**
   * Discards the messages still in quarantine (status new) whose reason contains {@code
   * reasonContains} (letter case ignored), oldest first, at most {@code limit}, optionally of one
   * enterprise; a message another request holds is left out. Each is audited as {@code
   * audit.action()} with its state before and after, in the same transaction.
   *
   * @param audit the entry of each message but its enterprise, target, before and after
   * @return the ids discarded, oldest first
   */
  public List<Long> discardMatching(
      String enterprise, String reasonContains, int limit, AuditEntry audit) {
    String sql =
        "WITH m AS (SELECT q.quarantine_id, e.code FROM quarantine q"
            + " LEFT JOIN enterprise e ON "
            + PgReadQueries.QUARANTINE_ENTERPRISE
            + " WHERE q.status = 'new' AND (?::text IS NULL OR e.code = ?)"
            + " AND strpos(lower(q.reason), lower(?)) > 0"
            + " ORDER BY q.quarantine_id LIMIT ? FOR UPDATE OF q SKIP LOCKED)"
            + " UPDATE quarantine t SET status = 'discarded' FROM m"
            + " WHERE t.quarantine_id = m.quarantine_id"
            + " RETURNING t.quarantine_id, m.code, "
            + PgAuditLog.quarantineState("t", "'new'")
            + ", "
            + PgAuditLog.quarantineState("t", "t.status");
    return Sql.with(
        dataSource,
        "discarding quarantined messages",
        c ->
            HeldTransaction.run(
                c,
                () -> {
                  List<Discarded> rows =
                      Sql.list(
                          c,
                          sql,
                          Sql.args(
                              Sql.text(enterprise), Sql.text(enterprise), reasonContains, limit),
                          rs ->
                              new Discarded(
                                  rs.getLong(1),
                                  rs.getString(2),
                                  rs.getString(3),
                                  rs.getString(4)));
                  List<Long> ids = new ArrayList<>(rows.size());
                  List<AuditEntry> entries = new ArrayList<>(rows.size());
                  // UPDATE … RETURNING answers in no particular order: oldest first
                  for (Discarded r :
                      rows.stream().sorted(Comparator.comparingLong(Discarded::id)).toList()) {
                    ids.add(r.id());
                    entries.add(
                        new AuditEntry(
                            audit.at(),
                            audit.actor(),
                            audit.actorRole(),
                            audit.action(),
                            audit.outcome(),
                            r.enterprise(),
                            "quarantine:" + r.id(),
                            audit.clientIp(),
                            audit.detail(),
                            r.before(),
                            r.after()));
                  }
                  PgAuditLog.recordAll(c, entries);
                  return ids;
                }));
  }

  /**
   * Ids of messages still in quarantine (status new), oldest first, optionally of one enterprise.
   */
  public List<Long> quarantinedIds(String enterprise, int limit) {
    return Sql.list(
        dataSource,
        "listing quarantined messages",
        "SELECT q.quarantine_id FROM quarantine q"
            + " LEFT JOIN enterprise e ON "
            + PgReadQueries.QUARANTINE_ENTERPRISE
            + " WHERE q.status = 'new' AND (?::text IS NULL OR e.code = ?)"
            + " ORDER BY q.quarantine_id LIMIT ?",
        Sql.args(Sql.text(enterprise), Sql.text(enterprise), limit),
        rs -> rs.getLong(1));
  }

  static String reasonOf(Plan plan) {
    boolean partial = !plan.points().isEmpty() || !plan.counts().isEmpty();
    List<String> refusals = plan.refusals();
    String listed =
        refusals.size() <= MAX_LISTED_REFUSALS
            ? String.join("; ", refusals)
            : String.join("; ", refusals.subList(0, MAX_LISTED_REFUSALS))
                + "; … and "
                + (refusals.size() - MAX_LISTED_REFUSALS)
                + " more refused";
    String reason = Printable.of((partial ? "some points refused: " : "") + listed);
    return reason.length() <= MAX_REASON_CHARS
        ? reason
        : reason.substring(0, MAX_REASON_CHARS) + "… (reason cut at " + MAX_REASON_CHARS + ")";
  }

  /** The key of a quarantined message (V31): SHA-256 of topic (UTF-8), a zero byte, payload. */
  public static byte[] messageKey(String topic, byte[] payload) {
    MessageDigest sha = sha256();
    sha.update(topic.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
    return sha.digest(payload);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /**
   * Writes the quarantine rows of {@code plans}, one per message: a message repeated in the batch
   * or already quarantined is counted on its row. Returns the rows newly written.
   */
  int insert(Connection c, List<Plan> plans) throws SQLException {
    Map<String, Object[]> rows = new LinkedHashMap<>();
    Base64.Encoder b64 = Base64.getEncoder();
    for (Plan plan : plans) {
      if (plan.refusals().isEmpty()) {
        continue;
      }
      Incoming in = plan.in();
      byte[] payload = in.payload();
      String key = b64.encodeToString(messageKey(in.topic(), payload));
      Object[] previous = rows.get(key);
      if (previous != null) {
        // the same message twice in one batch: one row (ON CONFLICT may touch a row only once)
        previous[9] = (Integer) previous[9] + 1;
        previous[10] = max((String) previous[10], in.receivedAt().toString());
        continue;
      }
      boolean truncated = payload.length > maxPayloadBytes;
      byte[] kept =
          truncated
              ? Arrays.copyOf(payload, Math.min(payload.length, QUARANTINE_PREFIX_BYTES))
              : payload;
      rows.put(
          key,
          new Object[] {
            plan.enterpriseId(),
            Printable.of(in.topic()),
            b64.encodeToString(kept),
            reasonOf(plan),
            in.receivedAt().toString(),
            key,
            b64.encodeToString(sha256().digest(payload)),
            payload.length,
            truncated,
            1,
            in.receivedAt().toString()
          });
    }
    if (rows.isEmpty()) {
      return 0;
    }
    List<Boolean> fresh =
        Sql.list(
            c,
            INSERT_QUARANTINE,
            PgIngestStore.arrays(
                c,
                rows.values(),
                "bigint",
                "text",
                "text",
                "text",
                "text",
                "text",
                "text",
                "int4",
                "bool",
                "int4",
                "text"),
            rs -> rs.getBoolean(1));
    int inserted = 0;
    for (boolean f : fresh) {
      if (f) {
        inserted++;
      }
    }
    return inserted;
  }

  private static String max(String a, String b) {
    return Instant.parse(a).isAfter(Instant.parse(b)) ? a : b;
  }
}
