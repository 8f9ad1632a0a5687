package org.energytrace.ingest.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.energytrace.ingest.errors.NotFoundException;
import org.energytrace.ingest.errors.StoreException;
import org.energytrace.ingest.model.Incoming;
import org.energytrace.ingest.model.Payload;
import org.energytrace.ingest.model.ProductionCount;
import org.energytrace.ingest.model.TelemetryPoint;
import org.energytrace.ingest.model.TopicName;
import org.energytrace.ingest.model.Validated;
import org.energytrace.ingest.validate.Printable;
import org.energytrace.ingest.validate.Units;

/**
 * Writes batches of validated messages to PostgreSQL. Blocking: call from worker threads only.
 *
 * <p>A batch is written in two steps: first the registry (enterprise, site, gateway, meter,
 * channel) is resolved — and, with auto-registration, extended — in its own committed transaction,
 * so cached ids always exist; then one transaction stores all readings (one multi-row statement),
 * production counts, gateway state and quarantine rows of the batch. Keys are de-duplicated inside
 * the batch before {@code ON CONFLICT DO NOTHING} absorbs replays across batches.
 *
 * <p>The registry decides what a gateway may publish: the enterprise, the gateway (registered to
 * that enterprise) and the topic's site (the gateway's own or one granted to it) must be registered
 * beforehand — by {@code PUT /api/v1/enterprises/{e}/gateways/{g}} or {@code ingest mqtt-auth
 * --register}. Auto-registration ({@code ingest.auto_register}, or the gateway's {@code
 * auto_register_meters}) only adds meters and channels, at the sites the gateway may publish for;
 * it never creates an enterprise, a site, a gateway or a grant, which would flow into the broker's
 * ACL. A point of a meter registered at a site the gateway may not publish for is refused.
 */
public final class PgIngestStore implements IngestStore {
  private static final String INSERT_PRODUCTION =
      "INSERT INTO production_count (enterprise_id, site_id, line, product, ts, period_start,"
          + " quantity, unit, cumulative, quality, received_at)"
          + " SELECT e, s, l, p, t::timestamptz, ps::timestamptz, qn, un, cu, ql, r::timestamptz"
          + " FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[],"
          + " ?::float8[], ?::text[], ?::bool[], ?::int4[], ?::text[])"
          + " AS u(e, s, l, p, t, ps, qn, un, cu, ql, r)"
          + " ON CONFLICT ON CONSTRAINT production_count_key DO NOTHING";
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
  private final boolean autoRegister;
  private final int maxPayloadBytes;
  private final Map<String, Long> ids = new ConcurrentHashMap<>();
  private final Map<MeterKey, MeterRow> meters = new ConcurrentHashMap<>();
  private final Map<ChannelKey, ChannelRef> channels = new ConcurrentHashMap<>();
  private final Map<String, GatewayRow> gateways = new ConcurrentHashMap<>();
  private static final long REGISTRY_TTL_NANOS = 60_000_000_000L;
  private volatile long registryLoadedAt = System.nanoTime();
  private volatile Rollups rollups;
  private final NewestReadings newest = new NewestReadings();

  /**
   * The most channels removed (V50's {@code channel_removals}) seen so far; -1 before the first
   * batch. Each cached channel carries the value seen before it was looked up: a batch whose guard
   * finds more removals than that checks that its channels still exist.
   */
  private volatile long removals = -1;

  /** With the default payload limit of 1 MiB. */
  public PgIngestStore(DataSource dataSource, boolean autoRegister) {
    this(dataSource, autoRegister, 1 << 20);
  }

  /**
   * @param maxPayloadBytes {@code ingest.max_payload_bytes}: a larger payload was refused for its
   *     size and is quarantined as a prefix of {@link #QUARANTINE_PREFIX_BYTES} bytes
   */
  public PgIngestStore(DataSource dataSource, boolean autoRegister, int maxPayloadBytes) {
    this.dataSource = dataSource;
    this.autoRegister = autoRegister;
    this.maxPayloadBytes = maxPayloadBytes;
  }

  private record GatewayRef(
      long enterpriseId, long siteId, long gatewayId, boolean registersMeters) {}

  /** A registered channel as the registry cache holds it. */
  record ChannelRef(
      long channelId,
      long enterpriseId,
      String enterprise,
      String site,
      String meter,
      String name,
      String unit,
      String originalUnit,
      String kind,
      long removalsSeen) {
    boolean counter() {
      return "counter".equals(kind);
    }
  }

  /**
   * A point to store, in its channel's canonical unit.
   *
   * @param publishedUnit the unit it was published in when that is not the channel's original unit,
   *     else null
   */
  private record ResolvedPoint(ChannelRef channel, TelemetryPoint point, String publishedUnit) {}

  /** Registry cache keys: looked up per point, so records rather than concatenated strings. */
  private record MeterKey(long enterpriseId, String meter) {}

  /** A registered meter and the site it is at. */
  private record MeterRow(long meterId, long siteId) {}

  private record ChannelKey(long meterId, String channel) {}

  /** A message after registry resolution: what to store and what to quarantine. */
  private record Plan(
      Incoming in,
      Long enterpriseId,
      GatewayRef gateway,
      List<ResolvedPoint> points,
      List<ProductionCount> counts,
      Payload.Status status,
      List<String> refusals) {}

  /**
   * Stores a batch in one transaction.
   *
   * @throws StoreException transient (retry the batch) or permanent (write its messages one by one,
   *     quarantine those that still fail)
   */
  @Override
  public BatchResult write(List<Incoming> batch) {
    long now = System.nanoTime();
    if (now - registryLoadedAt > REGISTRY_TTL_NANOS) {
      // metadata changed by an operator or another instance applies within a minute
      forgetRegistry();
      registryLoadedAt = now;
    }
    try (Connection c = dataSource.getConnection()) {
      boolean copyNothing = false;
      boolean forgot = false;
      knowRemovals(c);
      while (true) {
        List<Plan> plans = resolve(c, batch);
        c.setAutoCommit(false);
        try {
          BatchResult result = store(c, plans, copyNothing);
          c.commit();
          return result;
        } catch (StaleRegistryException e) {
          c.rollback();
          // a cached channel was deleted: resolve again from the database (once)
          if (forgot) {
            throw e;
          }
          forgot = true;
          forgetRegistry();
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
      throw StoreException.of("writing a batch of " + batch.size() + " messages", e);
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
      insertQuarantine(c, List.of(plan));
    } catch (SQLException e) {
      throw StoreException.of("quarantining a message", e);
    }
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

  /**
   * What re-processing one quarantined message did.
   *
   * @param released true when nothing was refused any more and the row was marked released
   * @param reason the remaining refusals when not released
   */
  public record Reprocessed(long id, boolean released, String reason, BatchResult result) {}

  /** The quarantined message {@code id}, if any. */
  public Optional<Quarantined> quarantined(long id) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT quarantine_id, topic, payload, received_at, status, payload_truncated,"
                    + " coalesce(payload_length, octet_length(payload)) FROM quarantine"
                    + " WHERE quarantine_id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Quarantined(
                rs.getLong(1),
                rs.getString(2),
                rs.getBytes(3),
                rs.getObject(4, OffsetDateTime.class).toInstant(),
                rs.getString(5),
                rs.getBoolean(6),
                rs.getInt(7)));
      }
    } catch (SQLException e) {
      throw StoreException.of("reading quarantined message " + id, e);
    }
  }

  /**
   * Marks a message still in quarantine (status new) as discarded.
   *
   * @throws NotFoundException when there is no such message or it is no longer new
   */
  public void discard(long quarantineId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "UPDATE quarantine SET status = 'discarded'"
                    + " WHERE quarantine_id = ? AND status = 'new'")) {
      ps.setLong(1, quarantineId);
      if (ps.executeUpdate() == 0) {
        throw new NotFoundException(
            "quarantined message " + quarantineId + " not found or no longer in quarantine");
      }
    } catch (SQLException e) {
      throw StoreException.of("discarding quarantined message " + quarantineId, e);
    }
  }

  /**
   * Ids of messages still in quarantine (status new), oldest first, optionally of one enterprise.
   */
  public List<Long> quarantinedIds(String enterprise, int limit) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT q.quarantine_id FROM quarantine q"
                    + " LEFT JOIN enterprise e ON "
                    + PgReadQueries.QUARANTINE_ENTERPRISE
                    + " WHERE q.status = 'new' AND (?::text IS NULL OR e.code = ?)"
                    + " ORDER BY q.quarantine_id LIMIT ?")) {
      ps.setString(1, enterprise);
      ps.setString(2, enterprise);
      ps.setInt(3, limit);
      List<Long> ids = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
      return ids;
    } catch (SQLException e) {
      throw StoreException.of("listing quarantined messages", e);
    }
  }

  /**
   * Stores what a re-validated quarantined message now allows, in one transaction with the update
   * of its quarantine row: released when nothing is refused any more, otherwise kept (status new)
   * with the new reason and one more attempt. Points already stored are absorbed as duplicates, so
   * re-processing twice never counts a reading twice.
   *
   * @throws NotFoundException when the row does not exist or is no longer new
   */
  public Reprocessed reprocess(long quarantineId, Incoming in) {
    try (Connection c = dataSource.getConnection()) {
      boolean copyNothing = false;
      boolean forgot = false;
      knowRemovals(c);
      while (true) {
        Plan plan = resolve(c, in);
        c.setAutoCommit(false);
        try {
          try (PreparedStatement lock =
              c.prepareStatement(
                  "SELECT status FROM quarantine WHERE quarantine_id = ? FOR UPDATE")) {
            lock.setLong(1, quarantineId);
            try (ResultSet rs = lock.executeQuery()) {
              if (!rs.next() || !"new".equals(rs.getString(1))) {
                throw new NotFoundException(
                    "quarantined message " + quarantineId + " not found or already released");
              }
            }
          }
          Plan storable =
              new Plan(
                  plan.in(),
                  plan.enterpriseId(),
                  plan.gateway(),
                  plan.points(),
                  plan.counts(),
                  plan.status(),
                  List.of());
          BatchResult result =
              plan.gateway() == null
                  ? new BatchResult(List.of(), 0, 0, 0)
                  : store(c, List.of(storable), copyNothing);
          boolean released = plan.refusals().isEmpty();
          String reason = released ? null : reasonOf(plan);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE quarantine SET attempts = attempts + 1, reprocessed_at = now(),"
                      + " status = CASE WHEN ? THEN 'released' ELSE status END,"
                      + " reason = coalesce(?, reason),"
                      + " enterprise_id = coalesce(enterprise_id, ?)"
                      + " WHERE quarantine_id = ?")) {
            ps.setBoolean(1, released);
            ps.setString(2, reason);
            ps.setObject(3, plan.enterpriseId());
            ps.setLong(4, quarantineId);
            ps.executeUpdate();
          }
          c.commit();
          return new Reprocessed(quarantineId, released, reason, result);
        } catch (StaleRegistryException e) {
          c.rollback();
          // a cached channel was deleted: resolve again from the database (once)
          if (forgot) {
            throw e;
          }
          forgot = true;
          forgetRegistry();
        } catch (ReadingRows.CopyConflictException e) {
          c.rollback();
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
      throw StoreException.of("re-processing quarantined message " + quarantineId, e);
    }
  }

  private static String reasonOf(Plan plan) {
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

  // ---- step 1: registry ----

  private List<Plan> resolve(Connection c, List<Incoming> batch) throws SQLException {
    c.setAutoCommit(true);
    List<Plan> plans = new ArrayList<>(batch.size());
    for (Incoming in : batch) {
      plans.add(resolve(c, in));
    }
    return plans;
  }

  private Plan resolve(Connection c, Incoming in) throws SQLException {
    Validated v = in.validated();
    TopicName topic = v.topic();
    if (v.refusedWhole()) {
      Long enterpriseId = topic == null ? null : enterpriseId(c, topic.enterprise());
      return new Plan(in, enterpriseId, null, List.of(), List.of(), null, v.refusals());
    }
    GatewayCheck check = gateway(c, topic);
    if (check.refusal() != null) {
      Long enterpriseId = enterpriseId(c, topic.enterprise());
      return new Plan(in, enterpriseId, null, List.of(), List.of(), null, List.of(check.refusal()));
    }
    GatewayRef gw = check.ref();
    List<String> refusals = new ArrayList<>(v.refusals());
    List<ResolvedPoint> points = new ArrayList<>();
    List<ProductionCount> counts = List.of();
    Payload.Status status = null;
    if (v.payload() instanceof Payload.Telemetry t) {
      for (TelemetryPoint p : t.points()) {
        ChannelRef ch;
        try {
          ch = channel(c, topic, gw, p);
        } catch (ForeignMeterException e) {
          refusals.add(
              where(p)
                  + ": the meter is registered at a site gateway '"
                  + topic.gateway()
                  + "' may not publish for");
          continue;
        }
        if (ch == null) {
          refusals.add(
              where(p)
                  + ": unknown meter or channel (ingest.auto_register is off and gateway '"
                  + topic.gateway()
                  + "' may not register meters)");
        } else {
          Units.Canonical canonical = Units.canonical(p.unit());
          if (!ch.unit().equals(canonical.unit())) {
            refusals.add(
                where(p)
                    + ": unit '"
                    + p.unit()
                    + "' cannot be converted to the channel's unit '"
                    + ch.unit()
                    + "'");
          } else if (!Double.isFinite(p.value() * canonical.factor())) {
            refusals.add(
                where(p)
                    + ": value "
                    + p.value()
                    + " "
                    + p.unit()
                    + " is beyond the range of a double in "
                    + canonical.unit());
          } else {
            // normalised once, here: stored in the canonical unit
            points.add(
                new ResolvedPoint(
                    ch,
                    canonical.factor() == 1
                        ? p
                        : p.withValueIn(p.value() * canonical.factor(), canonical.unit()),
                    p.unit().equals(ch.originalUnit()) ? null : p.unit()));
          }
        }
      }
    } else if (v.payload() instanceof Payload.Production p) {
      counts = p.counts();
    } else if (v.payload() instanceof Payload.Status s) {
      status = s;
    }
    return new Plan(in, gw.enterpriseId(), gw, points, counts, status, refusals);
  }

  /** Names a refused point; built only for a refusal (the profile showed it for every point). */
  private static String where(TelemetryPoint p) {
    return "meter '" + p.meter() + "' channel '" + p.channel() + "' at " + p.ts();
  }

  private Long enterpriseId(Connection c, String code) throws SQLException {
    return id(
        c, "e:" + code, "SELECT enterprise_id FROM enterprise WHERE code = ?", new Object[] {code});
  }

  /** The gateway of a topic, or why it may not publish there. */
  private record GatewayCheck(GatewayRef ref, String refusal) {}

  /** A registered gateway: its home site and whether it may register meters. */
  private record GatewayRow(long gatewayId, long homeSiteId, boolean autoRegisterMeters) {}

  /**
   * Checks that the topic's gateway is registered to the topic's enterprise and may publish for the
   * topic's site (its own site or a site granted in {@code gateway_site}). Nothing is created here:
   * auto-registration covers meters and channels only.
   */
  private GatewayCheck gateway(Connection c, TopicName t) throws SQLException {
    Long e = enterpriseId(c, t.enterprise());
    GatewayRow g = e == null ? null : gatewayRow(c, e, t.gateway());
    if (g == null) {
      boolean elsewhere =
          exists(
              c,
              "SELECT 1 FROM gateway g JOIN enterprise e USING (enterprise_id)"
                  + " WHERE g.code = ? AND e.code <> ?",
              t.gateway(),
              t.enterprise());
      return new GatewayCheck(
          null,
          elsewhere
              ? "topic: gateway '"
                  + t.gateway()
                  + "' belongs to another enterprise and may not publish for enterprise '"
                  + t.enterprise()
                  + "'"
              : "topic: gateway '"
                  + t.gateway()
                  + "' of enterprise '"
                  + t.enterprise()
                  + "' is not registered (register it with PUT /api/v1/enterprises/"
                  + t.enterprise()
                  + "/gateways/"
                  + t.gateway()
                  + " or ingest mqtt-auth --register; auto-registration adds only meters and"
                  + " channels)");
    }
    Long s = siteId(c, e, t.site());
    if (s == null || (s != g.homeSiteId() && !granted(c, e, g.gatewayId(), s))) {
      return new GatewayCheck(
          null,
          "topic: gateway '"
              + t.gateway()
              + "' may not publish for site '"
              + t.site()
              + "' (not its own site and not granted in gateway_site"
              + (s == null ? "; the site is not registered" : "")
              + ")");
    }
    return new GatewayCheck(
        new GatewayRef(e, s, g.gatewayId(), autoRegister || g.autoRegisterMeters()), null);
  }

  private GatewayRow gatewayRow(Connection c, long enterpriseId, String code) throws SQLException {
    String key = enterpriseId + ":" + code;
    GatewayRow cached = gateways.get(key);
    if (cached != null) {
      return cached;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT gateway_id, site_id, auto_register_meters FROM gateway"
                + " WHERE enterprise_id = ? AND code = ?")) {
      ps.setLong(1, enterpriseId);
      ps.setString(2, code);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        GatewayRow row = new GatewayRow(rs.getLong(1), rs.getLong(2), rs.getBoolean(3));
        gateways.put(key, row);
        return row;
      }
    }
  }

  private Long siteId(Connection c, Long enterpriseId, String site) throws SQLException {
    return id(
        c,
        "s:" + enterpriseId + ":" + site,
        "SELECT site_id FROM site WHERE enterprise_id = ? AND code = ?",
        new Object[] {enterpriseId, site});
  }

  private boolean granted(Connection c, long enterpriseId, long gatewayId, long siteId)
      throws SQLException {
    return id(
            c,
            "gs:" + gatewayId + ":" + siteId,
            "SELECT gateway_id FROM gateway_site WHERE gateway_id = ? AND site_id = ?",
            new Object[] {gatewayId, siteId})
        != null;
  }

  private static boolean exists(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, args);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /**
   * Forgets cached registry rows so that metadata changed in the database (a gateway's policy, a
   * grant, a new meter) applies to the next batch. Only positive lookups are cached.
   */
  public void forgetRegistry() {
    ids.clear();
    meters.clear();
    gateways.clear();
    channels.clear();
  }

  /**
   * The channel of a point, registered first when the gateway may register meters; null when it is
   * unknown. A meter at a site the gateway may not publish for is refused ({@link
   * ForeignMeterException}): auto-registration adds nothing there either.
   */
  private ChannelRef channel(Connection c, TopicName t, GatewayRef gw, TelemetryPoint p)
      throws SQLException, ForeignMeterException {
    long e = gw.enterpriseId();
    MeterKey meterKey = new MeterKey(e, p.meter());
    MeterRow meter = meters.get(meterKey);
    if (meter == null) {
      meter = meterRow(c, gw, p);
      if (meter == null) {
        return null;
      }
      meters.put(meterKey, meter);
    }
    if (meter.siteId() != gw.siteId() && !mayPublishFor(c, gw, meter.siteId())) {
      throw new ForeignMeterException();
    }
    ChannelKey key = new ChannelKey(meter.meterId(), p.channel());
    ChannelRef cached = channels.get(key);
    if (cached != null) {
      return cached;
    }
    return channel(c, t, gw, p, meter.meterId(), key);
  }

  /** A point's meter is registered at a site its gateway may not publish for. */
  private static final class ForeignMeterException extends Exception {
    ForeignMeterException() {
      super(null, null, false, false);
    }
  }

  /** The gateway's own site, or one granted to it. */
  private boolean mayPublishFor(Connection c, GatewayRef gw, long siteId) throws SQLException {
    GatewayRow row = gatewayRowById(c, gw.gatewayId());
    return row != null
        && (row.homeSiteId() == siteId || granted(c, gw.enterpriseId(), gw.gatewayId(), siteId));
  }

  private static GatewayRow gatewayRowById(Connection c, long gatewayId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT gateway_id, site_id, auto_register_meters FROM gateway WHERE gateway_id = ?")) {
      ps.setLong(1, gatewayId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? new GatewayRow(rs.getLong(1), rs.getLong(2), rs.getBoolean(3)) : null;
      }
    }
  }

  private MeterRow meterRow(Connection c, GatewayRef gw, TelemetryPoint p) throws SQLException {
    long e = gw.enterpriseId();
    if (gw.registersMeters()) {
      // at the topic's site, which the gateway may publish for (checked in gateway())
      execute(
          c,
          "INSERT INTO meter (enterprise_id, site_id, gateway_id, code) VALUES (?, ?, ?, ?)"
              + " ON CONFLICT DO NOTHING",
          e,
          gw.siteId(),
          gw.gatewayId(),
          p.meter());
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT meter_id, site_id FROM meter WHERE enterprise_id = ? AND code = ?")) {
      ps.setLong(1, e);
      ps.setString(2, p.meter());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? new MeterRow(rs.getLong(1), rs.getLong(2)) : null;
      }
    }
  }

  private ChannelRef channel(
      Connection c, TopicName t, GatewayRef gw, TelemetryPoint p, long meterId, ChannelKey key)
      throws SQLException {
    // channels removed (V50) as seen before the lookup below: what the cached channel is
    // known to be right for (read after the lookup, a removal seen meanwhile would be claimed)
    long removalsSeen = removals;
    long e = gw.enterpriseId();
    if (gw.registersMeters()) {
      Units.Canonical canonical = Units.canonical(p.unit());
      execute(
          c,
          "INSERT INTO channel (enterprise_id, meter_id, name, unit, original_unit, unit_factor,"
              + " kind, counter_bits) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
          e,
          meterId,
          p.channel(),
          canonical.unit(),
          p.unit(),
          canonical.factor(),
          p.kind(),
          p.counterBits() == null ? null : p.counterBits().shortValue());
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT c.channel_id, c.unit, c.kind, s.code, c.original_unit FROM channel c"
                + " JOIN meter m ON m.meter_id = c.meter_id JOIN site s ON s.site_id = m.site_id"
                + " WHERE c.meter_id = ? AND c.name = ?")) {
      ps.setLong(1, meterId);
      ps.setString(2, p.channel());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        ChannelRef ref =
            new ChannelRef(
                rs.getLong(1),
                e,
                t.enterprise(),
                rs.getString(4),
                p.meter(),
                p.channel(),
                rs.getString(2),
                rs.getString(5),
                rs.getString(3),
                removalsSeen);
        channels.put(key, ref);
        return ref;
      }
    }
  }

  private Long id(Connection c, String key, String select, Object[] args) throws SQLException {
    Long cached = key == null ? null : ids.get(key);
    if (cached != null) {
      return cached;
    }
    try (PreparedStatement ps = c.prepareStatement(select)) {
      bind(ps, args);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        long id = rs.getLong(1);
        if (key != null) {
          ids.put(key, id);
        }
        return id;
      }
    }
  }

  private static void execute(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, args);
      ps.executeUpdate();
    }
  }

  private static void bind(PreparedStatement ps, Object[] args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      ps.setObject(i + 1, args[i]);
    }
  }

  // ---- step 2: one transaction ----

  /**
   * @param copyNothing every reading through {@code ON CONFLICT} (after a COPY met a reading stored
   *     already)
   */
  private BatchResult store(Connection c, List<Plan> plans, boolean copyNothing)
      throws SQLException {
    int offered = 0;
    for (Plan plan : plans) {
      offered += plan.points().size();
    }
    ReadingRows rows = new ReadingRows(offered);
    for (Plan plan : plans) {
      long received = micros(plan.in().receivedAt());
      for (ResolvedPoint rp : plan.points()) {
        rows.add(rp.channel(), rp.point(), rp.publishedUnit(), received);
      }
    }
    int[] unique = rows.unique();
    Map<Long, Instant> counters = new TreeMap<>();
    Rollups.Delta rollupDelta = rollups(c).delta();
    List<StoredReading> stored = List.of();
    if (unique.length > 0) {
      long removed = ReadingRows.guard(c);
      if (removed > removals) {
        removals = removed;
      }
      if (removed > rows.oldestRemovalsSeen(unique) && !rows.channelsExist(c, unique)) {
        // a channel was removed after the registry cache learnt it: resolve again
        throw new StaleRegistryException();
      }
      boolean[] fresh = copyNothing ? new boolean[unique.length] : rows.fresh(newest, unique);
      stored = insertReadings(c, rows, unique, fresh, counters, rollupDelta);
    }
    PgCounterStore.recompute(c, counters, rollups(c));
    int production = insertProduction(c, plans);
    int quarantined = insertQuarantine(c, plans);
    // last: rows every batch of these channels and this gateway touches (a concurrent batch
    // waits for them until this transaction ends), locked in the same order by every batch
    rollupDelta.write(c);
    updateGateways(c, plans);
    return new BatchResult(
        stored, offered - stored.size(), production, quarantined, offered - unique.length);
  }

  /**
   * Before the first batch: the count of removed channels the (empty) registry cache is right for.
   */
  private void knowRemovals(Connection c) throws SQLException {
    if (removals < 0) {
      c.setAutoCommit(true);
      removals = ReadingRows.removals(c);
    }
  }

  /**
   * A channel of the batch was removed after the registry cache learnt it (V50): the batch is
   * resolved again with a fresh cache.
   */
  private static final class StaleRegistryException extends RuntimeException {
    StaleRegistryException() {
      super("a cached channel was deleted", null, false, false);
    }
  }

  private static List<StoredReading> insertReadings(
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

  private int insertProduction(Connection c, List<Plan> plans) throws SQLException {
    Map<String, Object[]> rows = new LinkedHashMap<>();
    for (Plan plan : plans) {
      for (ProductionCount pc : plan.counts()) {
        Instant ts = pc.ts().truncatedTo(ChronoUnit.MICROS);
        String key =
            plan.gateway().enterpriseId() + "|" + pc.line() + "|" + pc.product() + "|" + ts;
        rows.putIfAbsent(
            key,
            new Object[] {
              plan.gateway().enterpriseId(),
              plan.gateway().siteId(),
              pc.line(),
              pc.product(),
              ts.toString(),
              pc.periodStart() == null ? null : pc.periodStart().toString(),
              pc.quantity(),
              pc.unit(),
              pc.cumulative(),
              (int) pc.quality().code(),
              plan.in().receivedAt().toString()
            });
      }
    }
    if (rows.isEmpty()) {
      return 0;
    }
    String[] types = {
      "bigint", "bigint", "text", "text", "text", "text", "float8", "text", "bool", "int4", "text"
    };
    Object[][] columns = columns(rows.values(), types.length);
    try (PreparedStatement ps = c.prepareStatement(INSERT_PRODUCTION)) {
      for (int i = 0; i < types.length; i++) {
        ps.setArray(i + 1, c.createArrayOf(types[i], columns[i]));
      }
      return ps.executeUpdate();
    }
  }

  private void updateGateways(Connection c, List<Plan> plans) throws SQLException {
    Map<Long, Object[]> seen = new LinkedHashMap<>();
    Map<Long, Object[]> status = new LinkedHashMap<>();
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
      Object[][] cols = columns(seen.values(), 3);
      try (PreparedStatement ps = c.prepareStatement(UPDATE_GATEWAY_SEEN)) {
        ps.setArray(1, c.createArrayOf("bigint", cols[0]));
        ps.setArray(2, c.createArrayOf("text", cols[1]));
        ps.setArray(3, c.createArrayOf("bigint", cols[2]));
        ps.executeUpdate();
      }
    }
    if (!status.isEmpty()) {
      Object[][] cols = columns(status.values(), 5);
      try (PreparedStatement ps = c.prepareStatement(UPDATE_GATEWAY_STATUS)) {
        ps.setArray(1, c.createArrayOf("bigint", cols[0]));
        for (int i = 1; i < 5; i++) {
          ps.setArray(i + 1, c.createArrayOf("text", cols[i]));
        }
        ps.executeUpdate();
      }
    }
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
  private int insertQuarantine(Connection c, List<Plan> plans) throws SQLException {
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
    String[] types = {
      "bigint", "text", "text", "text", "text", "text", "text", "int4", "bool", "int4", "text"
    };
    Object[][] cols = columns(rows.values(), types.length);
    int inserted = 0;
    try (PreparedStatement ps = c.prepareStatement(INSERT_QUARANTINE)) {
      for (int i = 0; i < types.length; i++) {
        ps.setArray(i + 1, c.createArrayOf(types[i], cols[i]));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (rs.getBoolean(1)) {
            inserted++;
          }
        }
      }
    }
    return inserted;
  }

  private static String max(String a, String b) {
    return Instant.parse(a).isAfter(Instant.parse(b)) ? a : b;
  }

  private static Object[][] columns(Iterable<Object[]> rows, int width) {
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
