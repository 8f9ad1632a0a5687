package org.energytrace.ingest.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.energytrace.ingest.audit.AuditEntry;
import org.energytrace.ingest.errors.NotFoundException;
import org.energytrace.ingest.errors.StoreException;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.model.Incoming;
import org.energytrace.ingest.model.Payload;
import org.energytrace.ingest.model.TelemetryPoint;
import org.energytrace.ingest.store.RegistryResolver.ChannelRef;
import org.energytrace.ingest.store.RegistryResolver.Plan;
import org.energytrace.ingest.store.RegistryResolver.ResolvedPoint;

/**
 * Writes batches of validated messages to PostgreSQL. Blocking: call from worker threads only.
 *
 * <p>A batch is written in two steps: first {@link RegistryResolver} resolves the registry
 * (enterprise, site, gateway, meter, channel) — and, with auto-registration, extends it with meters
 * and channels only — in its own committed statements, so cached ids always exist; then one
 * transaction here stores all readings, production counts, gateway state and the quarantine rows of
 * the batch ({@link QuarantineRows}). Keys are de-duplicated inside the batch before {@code ON
 * CONFLICT DO NOTHING} absorbs replays across batches.
 *
 * <p>The registry decides what a gateway may publish: the enterprise, the gateway (registered to
 * that enterprise) and the topic's site (the gateway's own or one granted to it) must be registered
 * beforehand — by {@code PUT /api/v1/enterprises/{e}/gateways/{g}} or {@code ingest mqtt-auth
 * --register}. Auto-registration ({@code ingest.auto_register}, or the gateway's {@code
 * auto_register_meters}) never creates an enterprise, a site, a gateway or a grant, which would
 * flow into the broker's ACL.
 */
public final class PgIngestStore implements IngestStore {
  private static final String UPDATE_GATEWAY_SEEN =
      "UPDATE gateway g SET last_seen = greatest(g.last_seen, u.seen::timestamptz),"
          + " last_seq = greatest(g.last_seq, u.seq)"
          + " FROM unnest(?::bigint[], ?::text[], ?::bigint[]) AS u(id, seen, seq)"
          + " WHERE g.gateway_id = u.id";
  private static final String UPDATE_GATEWAY_STATUS =
      "UPDATE gateway g SET status = u.st, status_at = u.at::timestamptz, status_reason = u.rs,"
          + " software_version = coalesce(u.sv, g.software_version)"
          + " FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[])"
          + " AS u(id, st, at, rs, sv)"
          + " WHERE g.gateway_id = u.id"
          + " AND (g.status_at IS NULL OR g.status_at <= u.at::timestamptz)";

  private final DataSource dataSource;
  private final Duration sealGrace;
  private final Clock clock;
  private final RegistryResolver registry;
  private final QuarantineRows quarantineRows;
  private volatile Rollups rollups;
  private final NewestReadings newest = new NewestReadings();

  /** With the default payload limit of 1 MiB. */
  public PgIngestStore(DataSource dataSource, boolean autoRegister) {
    this(dataSource, autoRegister, 1 << 20);
  }

  /**
   * @param maxPayloadBytes {@code ingest.max_payload_bytes}: a larger payload was refused for its
   *     size and is quarantined as a prefix of {@link #QUARANTINE_PREFIX_BYTES} bytes
   */
  public PgIngestStore(DataSource dataSource, boolean autoRegister, int maxPayloadBytes) {
    this(dataSource, autoRegister, maxPayloadBytes, Duration.ZERO, Clock.systemUTC());
  }

  /**
   * @param sealGrace {@code integrity.seal_grace}: readings older than this (with a margin) may
   *     belong to a sealed day and are marked for a revision link when stored ({@link SealMarks})
   */
  public PgIngestStore(
      DataSource dataSource,
      boolean autoRegister,
      int maxPayloadBytes,
      Duration sealGrace,
      Clock clock) {
    this.sealGrace = sealGrace;
    this.clock = clock;
    this.dataSource = dataSource;
    this.registry = new RegistryResolver(autoRegister);
    this.quarantineRows = new QuarantineRows(dataSource, maxPayloadBytes);
  }

  /**
   * Stores a batch in one transaction.
   *
   * @throws StoreException transient (retry the batch) or permanent (write its messages one by one,
   *     quarantine those that still fail)
   */
  @Override
  public BatchResult write(List<Incoming> batch) {
    registry.expireIfOld();
    return transaction(
        "writing a batch of " + batch.size() + " messages",
        c -> registry.resolve(c, batch),
        (c, plans, copyNothing) -> store(c, plans, copyNothing, true));
  }

  /** One step of {@link #transaction}: resolution, then the transaction's work. */
  @FunctionalInterface
  private interface Resolution<P> {
    P resolve(Connection c) throws SQLException;
  }

  @FunctionalInterface
  private interface Work<P, T> {
    T run(Connection c, P resolved, boolean copyNothing) throws SQLException;
  }

  /**
   * Resolves (committed, outside the transaction), then runs {@code work} in one transaction; runs
   * both again once when a cached channel turned out removed (with a fresh registry cache) and once
   * when a COPY met a reading another instance had stored (all through {@code ON CONFLICT}).
   */
  private <P, T> T transaction(String what, Resolution<P> resolution, Work<P, T> work) {
    try (Connection c = dataSource.getConnection()) {
      boolean copyNothing = false;
      boolean forgot = false;
      registry.knowRemovals(c);
      while (true) {
        P resolved = resolution.resolve(c);
        c.setAutoCommit(false);
        try {
          T result = work.run(c, resolved, copyNothing);
          c.commit();
          return result;
        } catch (RegistryResolver.StaleRegistryException e) {
          c.rollback();
          // a cached channel was deleted: resolve again from the database (once)
          if (forgot) {
            throw e;
          }
          forgot = true;
          registry.forgetRegistry();
        } catch (ReadingRows.CopyConflictException e) {
          c.rollback();
          // another instance stored one of the readings guessed new: all through ON CONFLICT
          if (copyNothing) {
            throw e;
          }
          copyNothing = true;
        } catch (SQLException | RuntimeException e) {
          c.rollback();
          throw e;
        }
      }
    } catch (SQLException e) {
      throw StoreException.of(what, e);
    }
  }

  /**
   * Quarantines one message whose storage failed permanently, in its own transaction. The row is
   * storable whatever the message holds (raw bytes, a printable reason), so a failure here is the
   * database's.
   */
  @Override
  public void quarantine(Incoming in, String reason) {
    try (Connection c = dataSource.getConnection()) {
      Plan plan = new Plan(in, null, null, List.of(), List.of(), null, List.of(reason));
      quarantineRows.insert(c, List.of(plan));
    } catch (SQLException e) {
      throw StoreException.of("quarantining a message", e);
    }
  }

  /** Bytes kept of a payload refused for its size (see {@link QuarantineRows}). */
  public static final int QUARANTINE_PREFIX_BYTES = QuarantineRows.QUARANTINE_PREFIX_BYTES;

  /** The quarantined message {@code id}, if any. */
  public Optional<QuarantineRows.Quarantined> quarantined(long id) {
    return quarantineRows.quarantined(id);
  }

  /**
   * Marks a message still in quarantine (status new) as discarded.
   *
   * @throws NotFoundException when there is no such message or it is no longer new
   */
  public void discard(long quarantineId) {
    quarantineRows.discard(quarantineId);
  }

  /**
   * Discards the messages still in quarantine whose reason contains a text, each audited.
   *
   * @see QuarantineRows#discardMatching
   */
  public List<Long> discardMatching(
      String enterprise, String reasonContains, int limit, AuditEntry audit) {
    return quarantineRows.discardMatching(enterprise, reasonContains, limit, audit);
  }

  /**
   * Ids of messages still in quarantine (status new), oldest first, optionally of one enterprise.
   */
  public List<Long> quarantinedIds(String enterprise, int limit) {
    return quarantineRows.quarantinedIds(enterprise, limit);
  }

  /** The key of a quarantined message (V31): SHA-256 of topic (UTF-8), a zero byte, payload. */
  public static byte[] messageKey(String topic, byte[] payload) {
    return QuarantineRows.messageKey(topic, payload);
  }

  /**
   * Forgets cached registry rows so that metadata changed in the database (a gateway's policy, a
   * grant, a new meter) applies to the next batch.
   */
  public void forgetRegistry() {
    registry.forgetRegistry();
  }

  /**
   * What re-processing one quarantined message did.
   *
   * @param released true when nothing was refused any more and the row was marked released
   * @param reason the remaining refusals when not released
   */
  public record Reprocessed(long id, boolean released, String reason, BatchResult result) {}

  /**
   * Stores what a re-validated quarantined message now allows, in one transaction with the update
   * of its quarantine row: released when nothing is refused any more, otherwise kept (status new)
   * with the new reason and one more attempt. Points already stored are absorbed as duplicates, so
   * re-processing twice never counts a reading twice.
   *
   * @throws NotFoundException when the row does not exist or is no longer new
   */
  public Reprocessed reprocess(long quarantineId, Incoming in) {
    return transaction(
        "re-processing quarantined message " + quarantineId,
        c -> registry.resolve(c, in),
        (c, plan, copyNothing) -> {
          String status =
              Sql.first(
                      c,
                      "SELECT status FROM quarantine WHERE quarantine_id = ? FOR UPDATE",
                      Sql.args(quarantineId),
                      rs -> rs.getString(1))
                  .orElse(null);
          if (!"new".equals(status)) {
            throw new NotFoundException(
                "quarantined message " + quarantineId + " not found or already released");
          }
          Plan storable = plan.withRefusals(List.of());
          BatchResult result =
              plan.gateway() == null
                  ? new BatchResult(List.of(), 0, 0, 0)
                  : store(c, List.of(storable), copyNothing, false);
          // a reading that conflicts with the stored one keeps the message in quarantine
          List<String> refusals = new ArrayList<>(plan.refusals());
          refusals.addAll(result.conflicts());
          boolean released = refusals.isEmpty();
          String reason = released ? null : QuarantineRows.reasonOf(plan.withRefusals(refusals));
          Sql.update(
              c,
              "UPDATE quarantine SET attempts = attempts + 1, reprocessed_at = now(),"
                  + " status = CASE WHEN ? THEN 'released' ELSE status END,"
                  + " reason = coalesce(?, reason),"
                  + " enterprise_id = coalesce(enterprise_id, ?)"
                  + " WHERE quarantine_id = ?",
              released,
              Sql.text(reason),
              plan.enterpriseId(),
              quarantineId);
          return new Reprocessed(quarantineId, released, reason, result);
        });
  }

  // ---- step 2: one transaction ----

  /**
   * @param copyNothing every reading through {@code ON CONFLICT} (after a COPY met a reading stored
   *     already)
   * @param quarantineConflicts whether a message with a reading that conflicts with the stored one
   *     is quarantined here (not when it is the quarantined message being re-processed)
   */
  private BatchResult store(
      Connection c, List<Plan> plans, boolean copyNothing, boolean quarantineConflicts)
      throws SQLException {
    int offered = 0;
    for (Plan plan : plans) {
      offered += plan.points().size();
    }
    ReadingRows rows = new ReadingRows(offered);
    for (int m = 0; m < plans.size(); m++) {
      Plan plan = plans.get(m);
      long received = micros(plan.in().receivedAt());
      for (ResolvedPoint rp : plan.points()) {
        rows.add(rp.channel(), rp.point(), rp.publishedUnit(), received, m);
      }
    }
    int[] unique = rows.unique();
    Map<Long, Instant> counters = new TreeMap<>();
    Rollups.Delta rollupDelta = rollups(c).delta();
    List<StoredReading> stored = List.of();
    List<List<String>> conflicts = List.of();
    if (unique.length > 0) {
      long removed = ReadingRows.guard(c);
      registry.noteRemovals(removed);
      if (removed > rows.oldestRemovalsSeen(unique) && !rows.channelsExist(c, unique)) {
        // a channel was removed after the registry cache learnt it: resolve again
        throw new RegistryResolver.StaleRegistryException();
      }
      boolean[] fresh = copyNothing ? new boolean[unique.length] : rows.fresh(newest, unique);
      StoredReadings inserted = insertReadings(c, rows, unique, fresh, counters, rollupDelta);
      stored = inserted;
      SealMarks.readings(c, stored, sealGrace, clock.instant());
      conflicts =
          ReadingConflicts.byMessage(
              rows, ReadingConflicts.find(c, rows, inserted.index()), plans.size());
    }
    PgCounterStore.recompute(c, counters, rollups(c));
    int production = ProductionRows.insert(c, plans, sealGrace, clock.instant());
    List<Plan> outcome =
        quarantineConflicts ? ReadingConflicts.withConflicts(plans, conflicts) : plans;
    int quarantined = quarantineRows.insert(c, outcome);
    // last: rows every batch of these channels and this gateway touches (a concurrent batch
    // waits for them until this transaction ends), locked in the same order by every batch
    rollupDelta.write(c);
    updateGateways(c, plans);
    List<String> named = new ArrayList<>();
    conflicts.forEach(named::addAll);
    return new BatchResult(
        stored,
        offered - stored.size(),
        production,
        quarantined,
        offered - unique.length,
        named,
        outcomes(outcome, conflicts));
  }

  /**
   * What became of each message: stored without a refusal; partial when it is quarantined but a
   * reading, a production count or a status of it is stored (a conflicting reading is not); refused
   * when nothing of it is.
   */
  private static List<BatchResult.Outcome> outcomes(
      List<Plan> plans, List<List<String>> conflicts) {
    List<BatchResult.Outcome> out = new ArrayList<>(plans.size());
    for (int m = 0; m < plans.size(); m++) {
      Plan p = plans.get(m);
      int conflicting = conflicts.isEmpty() ? 0 : conflicts.get(m).size();
      if (p.refusals().isEmpty()) {
        out.add(BatchResult.Outcome.STORED);
      } else if (p.points().size() > conflicting || !p.counts().isEmpty() || p.status() != null) {
        out.add(BatchResult.Outcome.PARTIAL);
      } else {
        out.add(BatchResult.Outcome.REFUSED);
      }
    }
    return out;
  }

  private static StoredReadings insertReadings(
      Connection c,
      ReadingRows rows,
      int[] unique,
      boolean[] fresh,
      Map<Long, Instant> counters,
      Rollups.Delta rollupDelta)
      throws SQLException {
    boolean[] inserted = rows.insert(c, unique, fresh);
    int n = 0;
    for (boolean b : inserted) {
      if (b) {
        n++;
      }
    }
    int[] stored = new int[n];
    int k = 0;
    long lastCounter = Long.MIN_VALUE;
    for (int j = 0; j < unique.length; j++) {
      if (!inserted[j]) {
        continue;
      }
      int i = unique[j];
      stored[k++] = i;
      ChannelRef cr = rows.channel(i);
      long t = rows.tsMicros(i);
      TelemetryPoint p = rows.point(i);
      if (cr.counter() && cr.channelId() != lastCounter) {
        // newly stored counter readings, in key order: the first of a channel is its earliest;
        // interval energy is derived again from there
        counters.put(cr.channelId(), instant(t));
        lastCounter = cr.channelId();
      }
      rollupDelta.add(cr.enterpriseId(), cr.channelId(), t, p.value(), p.quality().code());
    }
    return new StoredReadings(rows, stored);
  }

  private static Instant instant(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }

  private Rollups rollups(Connection c) throws SQLException {
    Rollups r = rollups;
    if (r == null) {
      r = Rollups.load(c);
      rollups = r;
    }
    return r;
  }

  private void updateGateways(Connection c, List<Plan> plans) throws SQLException {
    Map<Long, Object[]> seen = new LinkedHashMap<>();
    Map<Long, Object[]> status = new LinkedHashMap<>();
    Map<Long, List<Long>> numbers = new HashMap<>();
    for (Plan plan : plans) {
      if (plan.gateway() == null) {
        continue;
      }
      long id = plan.gateway().gatewayId();
      Payload payload = plan.in().validated().payload();
      Long seq =
          payload instanceof Payload.Telemetry t
              ? Long.valueOf(t.seq())
              : payload instanceof Payload.Production p ? Long.valueOf(p.seq()) : null;
      if (seq != null) {
        numbers.computeIfAbsent(id, k -> new ArrayList<>()).add(seq);
      }
      Object[] previous = seen.get(id);
      Long highest = previous == null ? null : (Long) previous[2];
      seen.put(
          id,
          new Object[] {
            id,
            plan.in().receivedAt().toString(),
            // the highest of the batch, as greatest() does across batches
            seq == null ? highest : highest == null ? seq : Long.valueOf(Math.max(seq, highest))
          });
      Payload.Status s = plan.status();
      if (s != null) {
        Instant at = s.ts() != null ? s.ts() : plan.in().receivedAt();
        Object[] before = status.get(id);
        // like the update across batches: the newest state wins, not the last delivered
        if (before == null || !Instant.parse((String) before[2]).isAfter(at)) {
          status.put(
              id, new Object[] {id, s.state(), at.toString(), s.reason(), s.softwareVersion()});
        }
      }
    }
    if (!seen.isEmpty()) {
      Sql.update(c, UPDATE_GATEWAY_SEEN, arrays(c, seen.values(), "bigint", "text", "bigint"));
      MessageNumbers.record(c, numbers, clock.instant());
    }
    if (!status.isEmpty()) {
      Sql.update(
          c,
          UPDATE_GATEWAY_STATUS,
          arrays(c, status.values(), "bigint", "text", "text", "text", "text"));
    }
  }

  /**
   * Binds the columns of {@code rows} ({@link #columns}) as arrays of {@code types}, one parameter
   * a column from 1 on: the parameters of an {@code unnest(?::t1[], ?::t2[], …)}.
   */
  static Sql.Binding arrays(Connection c, Iterable<Object[]> rows, String... types) {
    Object[][] cols = columns(rows, types.length);
    return ps -> {
      for (int i = 0; i < types.length; i++) {
        ps.setArray(i + 1, c.createArrayOf(types[i], cols[i]));
      }
    };
  }

  static Object[][] columns(Iterable<Object[]> rows, int width) {
    List<Object[]> list = new ArrayList<>();
    rows.forEach(list::add);
    Object[][] cols = new Object[width][list.size()];
    for (int r = 0; r < list.size(); r++) {
      for (int col = 0; col < width; col++) {
        cols[col][r] = list.get(r)[col];
      }
    }
    return cols;
  }

  /** Microseconds since the epoch, truncated like PostgreSQL's timestamptz. */
  static long micros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
  }
}
