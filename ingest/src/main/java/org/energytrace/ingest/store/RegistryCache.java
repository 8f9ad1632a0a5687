package org.energytrace.ingest.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.model.TelemetryPoint;
import org.energytrace.ingest.model.TopicName;
import org.energytrace.ingest.store.RegistryResolver.ChannelRef;
import org.energytrace.ingest.store.RegistryResolver.GatewayRef;
import org.energytrace.ingest.validate.Units;

/**
 * The registry rows {@link RegistryResolver} reads — enterprises, sites, gateways, their site
 * grants, meters and channels — and the meters and channels it registers, each lookup in a
 * committed statement of its own. Positive lookups are cached for a minute ({@link #expireIfOld})
 * and forgotten at once on {@link #forget}; misses are never cached.
 */
final class RegistryCache {
  private static final long TTL_NANOS = 60_000_000_000L;
  private final Map<String, Long> ids = new ConcurrentHashMap<>();
  private final Map<MeterKey, MeterRow> meters = new ConcurrentHashMap<>();
  private final Map<ChannelKey, ChannelRef> channels = new ConcurrentHashMap<>();
  private final Map<String, GatewayRow> gateways = new ConcurrentHashMap<>();
  private volatile long loadedAt = System.nanoTime();

  /** Registry cache keys: looked up per point, so records rather than concatenated strings. */
  record MeterKey(long enterpriseId, String meter) {}

  /** A registered meter and the site it is at. */
  record MeterRow(long meterId, long siteId) {}

  record ChannelKey(long meterId, String channel) {}

  /** A registered gateway: its home site and whether it may register meters. */
  record GatewayRow(long gatewayId, long homeSiteId, boolean autoRegisterMeters) {}

  /** Forgets the cache once it is a minute old. */
  void expireIfOld() {
    long now = System.nanoTime();
    if (now - loadedAt > TTL_NANOS) {
      forget();
      loadedAt = now;
    }
  }

  /** Forgets every cached row. */
  void forget() {
    ids.clear();
    meters.clear();
    gateways.clear();
    channels.clear();
  }

  Long enterpriseId(Connection c, String code) throws SQLException {
    return id(c, "e:" + code, "SELECT enterprise_id FROM enterprise WHERE code = ?", code);
  }

  Long siteId(Connection c, Long enterpriseId, String site) throws SQLException {
    return id(
        c,
        "s:" + enterpriseId + ":" + site,
        "SELECT site_id FROM site WHERE enterprise_id = ? AND code = ?",
        enterpriseId,
        site);
  }

  /** Whether site {@code siteId} is granted to the gateway in {@code gateway_site}. */
  boolean granted(Connection c, long gatewayId, long siteId) throws SQLException {
    return id(
            c,
            "gs:" + gatewayId + ":" + siteId,
            "SELECT gateway_id FROM gateway_site WHERE gateway_id = ? AND site_id = ?",
            gatewayId,
            siteId)
        != null;
  }

  /** Whether a gateway of that code is registered to another enterprise than {@code enterprise}. */
  static boolean gatewayElsewhere(Connection c, String gateway, String enterprise)
      throws SQLException {
    return Sql.first(
            c,
            "SELECT 1 FROM gateway g JOIN enterprise e USING (enterprise_id)"
                + " WHERE g.code = ? AND e.code <> ?",
            Sql.args(gateway, enterprise),
            rs -> true)
        .isPresent();
  }

  GatewayRow gateway(Connection c, long enterpriseId, String code) throws SQLException {
    String key = enterpriseId + ":" + code;
    GatewayRow cached = gateways.get(key);
    if (cached != null) {
      return cached;
    }
    GatewayRow row = gatewayWhere(c, "enterprise_id = ? AND code = ?", enterpriseId, code);
    if (row != null) {
      gateways.put(key, row);
    }
    return row;
  }

  /** A gateway by id, read afresh (not cached). */
  static GatewayRow gatewayById(Connection c, long gatewayId) throws SQLException {
    return gatewayWhere(c, "gateway_id = ?", gatewayId);
  }

  private static GatewayRow gatewayWhere(Connection c, String condition, Object... args)
      throws SQLException {
    return Sql.first(
            c,
            "SELECT gateway_id, site_id, auto_register_meters FROM gateway WHERE " + condition,
            Sql.args(args),
            rs -> new GatewayRow(rs.getLong(1), rs.getLong(2), rs.getBoolean(3)))
        .orElse(null);
  }

  /**
   * The meter of a point, registered first at the topic's site when the gateway may register
   * meters; null when it is unknown.
   */
  MeterRow meter(Connection c, GatewayRef gw, String meter) throws SQLException {
    long e = gw.enterpriseId();
    MeterKey key = new MeterKey(e, meter);
    MeterRow cached = meters.get(key);
    if (cached != null) {
      return cached;
    }
    if (gw.registersMeters()) {
      // at the topic's site, which the gateway may publish for (checked by the resolver)
      Sql.update(
          c,
          "INSERT INTO meter (enterprise_id, site_id, gateway_id, code) VALUES (?, ?, ?, ?)"
              + " ON CONFLICT DO NOTHING",
          e,
          gw.siteId(),
          gw.gatewayId(),
          meter);
    }
    MeterCodes.Meter found = MeterCodes.find(c, e, meter).orElse(null);
    if (found == null) {
      return null;
    }
    MeterRow row = new MeterRow(found.meterId(), found.siteId());
    meters.put(key, row);
    return row;
  }

  /**
   * The channel of a point on meter {@code meterId}, registered first when the gateway may register
   * meters; null when it is unknown.
   *
   * @param removalsSeen channels removed (V50) as seen before this lookup: what a channel cached
   *     now is known to be right for (read after the lookup, a removal seen meanwhile would be
   *     claimed)
   */
  ChannelRef channel(
      Connection c, TopicName t, GatewayRef gw, TelemetryPoint p, long meterId, long removalsSeen)
      throws SQLException {
    ChannelKey key = new ChannelKey(meterId, p.channel());
    ChannelRef cached = channels.get(key);
    if (cached != null) {
      return cached;
    }
    long e = gw.enterpriseId();
    if (gw.registersMeters()) {
      Units.Canonical canonical = Units.canonical(p.unit());
      Sql.update(
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
    ChannelRef ref =
        Sql.first(
                c,
                "SELECT c.channel_id, c.unit, c.kind, s.code, c.original_unit, c.counter_bits"
                    + " FROM channel c"
                    + " JOIN meter m ON m.meter_id = c.meter_id JOIN site s ON s.site_id = m.site_id"
                    + " WHERE c.meter_id = ? AND c.name = ?",
                Sql.args(meterId, p.channel()),
                rs ->
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
                        rs.getObject(6) == null ? null : rs.getInt(6),
                        removalsSeen))
            .orElse(null);
    if (ref != null) {
      channels.put(key, ref);
    }
    return ref;
  }

  private Long id(Connection c, String key, String select, Object... args) throws SQLException {
    Long cached = key == null ? null : ids.get(key);
    if (cached != null) {
      return cached;
    }
    Long id = Sql.first(c, select, Sql.args(args), rs -> rs.getLong(1)).orElse(null);
    if (id != null && key != null) {
      ids.put(key, id);
    }
    return id;
  }
}
