package org.energytrace.ingest.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.energytrace.ingest.model.Incoming;
import org.energytrace.ingest.model.Payload;
import org.energytrace.ingest.model.ProductionCount;
import org.energytrace.ingest.model.TelemetryPoint;
import org.energytrace.ingest.model.TopicName;
import org.energytrace.ingest.model.Validated;
import org.energytrace.ingest.store.RegistryCache.GatewayRow;
import org.energytrace.ingest.store.RegistryCache.MeterRow;
import org.energytrace.ingest.validate.Units;

/**
 * Step 1 of writing a batch: which enterprise, site, gateway, meter and channel each message and
 * point is for, and whether its gateway may publish it — resolved, and with auto-registration
 * extended, in committed statements of their own ({@link RegistryCache}) so that cached ids always
 * exist. Positive lookups are cached for a minute (metadata changed by an operator or another
 * instance applies within a minute) and forgotten at once when a batch finds a cached channel
 * removed.
 *
 * <p>Nothing but meters and channels is ever created here: the enterprise, the gateway (registered
 * to that enterprise) and the topic's site (the gateway's own or one granted to it) must be
 * registered beforehand. A point of a meter registered at a site the gateway may not publish for is
 * refused.
 */
final class RegistryResolver {
  private final RegistryCache cache = new RegistryCache();

  /**
   * The most channels removed (V50's {@code channel_removals}) seen so far; -1 before the first
   * batch. Each cached channel carries the value seen before it was looked up: a batch whose guard
   * finds more removals than that checks that its channels still exist.
   */
  private volatile long removals = -1;

  private final boolean autoRegister;

  RegistryResolver(boolean autoRegister) {
    this.autoRegister = autoRegister;
  }

  /** Forgets the cache once it is a minute old. */
  void expireIfOld() {
    cache.expireIfOld();
  }

  /** The most channel removals seen so far (-1 before the first batch). */
  long removals() {
    return removals;
  }

  /** A batch's guard found {@code removed} channel removals. */
  void noteRemovals(long removed) {
    if (removed > removals) {
      removals = removed;
    }
  }

  record GatewayRef(long enterpriseId, long siteId, long gatewayId, boolean registersMeters) {}

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
      Integer counterBits,
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
  record ResolvedPoint(ChannelRef channel, TelemetryPoint point, String publishedUnit) {}

  /** A message after registry resolution: what to store and what to quarantine. */
  record Plan(
      Incoming in,
      Long enterpriseId,
      GatewayRef gateway,
      List<ResolvedPoint> points,
      List<ProductionCount> counts,
      Payload.Status status,
      List<String> refusals) {
    /** This plan with other refusals. */
    Plan withRefusals(List<String> other) {
      return new Plan(in, enterpriseId, gateway, points, counts, status, other);
    }
  }

  // ---- step 1: registry ----

  List<Plan> resolve(Connection c, List<Incoming> batch) throws SQLException {
    c.setAutoCommit(true);
    List<Plan> plans = new ArrayList<>(batch.size());
    for (Incoming in : batch) {
      plans.add(resolve(c, in));
    }
    return plans;
  }

  Plan resolve(Connection c, Incoming in) throws SQLException {
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
          String differs = kindDiffers(ch, p);
          if (!ch.unit().equals(canonical.unit())) {
            refusals.add(
                where(p)
                    + ": unit '"
                    + p.unit()
                    + "' cannot be converted to the channel's unit '"
                    + ch.unit()
                    + "'");
          } else if (differs != null) {
            refusals.add(where(p) + ": " + differs);
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

  /**
   * How a point's kind or counter width contradicts its registered channel, or null: a gauge value
   * stored among a counter's readings (or a counter read with another width) was taken for a glitch
   * or a reset, and nothing said why.
   */
  static String kindDiffers(ChannelRef ch, TelemetryPoint p) {
    if (ch.counter() != p.counter()) {
      return "the point is a "
          + (p.counter() ? "counter" : "gauge (no kind given is a gauge)")
          + " and the channel a registered "
          + ch.kind()
          + ": correct the gateway's point or the channel's registration";
    }
    if (p.counter()
        && p.counterBits() != null
        && ch.counterBits() != null
        && !p.counterBits().equals(ch.counterBits())) {
      return "counter_bits "
          + p.counterBits()
          + " differs from the channel's registered "
          + ch.counterBits()
          + ": correct the gateway's point or the channel's registration";
    }
    return null;
  }

  /** Names a refused point; built only for a refusal (the profile showed it for every point). */
  static String where(TelemetryPoint p) {
    return "meter '" + p.meter() + "' channel '" + p.channel() + "' at " + p.ts();
  }

  private Long enterpriseId(Connection c, String code) throws SQLException {
    return cache.enterpriseId(c, code);
  }

  /** The gateway of a topic, or why it may not publish there. */
  private record GatewayCheck(GatewayRef ref, String refusal) {}

  /**
   * Checks that the topic's gateway is registered to the topic's enterprise and may publish for the
   * topic's site (its own site or a site granted in {@code gateway_site}). Nothing is created here:
   * auto-registration covers meters and channels only.
   */
  private GatewayCheck gateway(Connection c, TopicName t) throws SQLException {
    Long e = enterpriseId(c, t.enterprise());
    GatewayRow g = e == null ? null : cache.gateway(c, e, t.gateway());
    if (g == null) {
      boolean elsewhere = RegistryCache.gatewayElsewhere(c, t.gateway(), t.enterprise());
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
    Long s = cache.siteId(c, e, t.site());
    if (s == null || (s != g.homeSiteId() && !cache.granted(c, g.gatewayId(), s))) {
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

  /**
   * Forgets cached registry rows so that metadata changed in the database (a gateway's policy, a
   * grant, a new meter) applies to the next batch. Only positive lookups are cached.
   */
  public void forgetRegistry() {
    cache.forget();
  }

  /**
   * The channel of a point, registered first when the gateway may register meters; null when it is
   * unknown. A meter at a site the gateway may not publish for is refused ({@link
   * ForeignMeterException}): auto-registration adds nothing there either.
   */
  private ChannelRef channel(Connection c, TopicName t, GatewayRef gw, TelemetryPoint p)
      throws SQLException, ForeignMeterException {
    MeterRow meter = cache.meter(c, gw, p.meter());
    if (meter == null) {
      return null;
    }
    if (meter.siteId() != gw.siteId() && !mayPublishFor(c, gw, meter.siteId())) {
      throw new ForeignMeterException();
    }
    return cache.channel(c, t, gw, p, meter.meterId(), removals);
  }

  /** A point's meter is registered at a site its gateway may not publish for. */
  private static final class ForeignMeterException extends Exception {
    ForeignMeterException() {
      super(null, null, false, false);
    }
  }

  /** The gateway's own site, or one granted to it. */
  private boolean mayPublishFor(Connection c, GatewayRef gw, long siteId) throws SQLException {
    GatewayRow row = RegistryCache.gatewayById(c, gw.gatewayId());
    return row != null && (row.homeSiteId() == siteId || cache.granted(c, gw.gatewayId(), siteId));
  }

  /**
   * Before the first batch: the count of removed channels the (empty) registry cache is right for.
   */
  void knowRemovals(Connection c) throws SQLException {
    if (removals < 0) {
      c.setAutoCommit(true);
      removals = ReadingRows.removals(c);
    }
  }

  /**
   * A channel of the batch was removed after the registry cache learnt it (V50): the batch is
   * resolved again with a fresh cache.
   */
  static final class StaleRegistryException extends RuntimeException {
    StaleRegistryException() {
      super("a cached channel was deleted", null, false, false);
    }
  }
}
