package org.energytrace.ingest.registry;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.model.TopicName;
import org.energytrace.ingest.store.Transactions;
import org.energytrace.ingest.tenant.Enterprises;
import org.energytrace.ingest.validate.Units;

/**
 * Provisioning of the registry by operators (the metadata that decides whether a message is
 * accepted): gateways with their sites and auto-registration policy, meters with their channels.
 * Idempotent upserts; blocking, call from worker threads.
 */
public final class PgRegistry {
  private final DataSource dataSource;
  private final Runnable changed;

  /**
   * @param changed called after every change, e.g. to drop the ingest store's registry cache
   */
  public PgRegistry(DataSource dataSource, Runnable changed) {
    this.dataSource = dataSource;
    this.changed = changed;
  }

  /** A gateway, its own site, extra sites it may publish for, and its meter registration policy. */
  public record GatewaySpec(
      String enterprise,
      String gateway,
      String site,
      List<String> extraSites,
      boolean autoRegisterMeters) {
    public GatewaySpec {
      requireId("enterprise", enterprise);
      requireId("gateway", gateway);
      requireId("site", site);
      extraSites = List.copyOf(extraSites);
      extraSites.forEach(s -> requireId("extra_sites", s));
    }
  }

  /** One channel of a meter. */
  public record ChannelSpec(String name, String unit, String kind, Integer counterBits) {
    public ChannelSpec {
      if (name == null || !TopicName.CHANNEL.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "channel name must match " + TopicName.CHANNEL.pattern() + ": " + name);
      }
      if (unit == null || !Units.isKnown(unit)) {
        throw new IllegalArgumentException("unknown UNECE unit code '" + unit + "'");
      }
      if (!"gauge".equals(kind) && !"counter".equals(kind)) {
        throw new IllegalArgumentException("kind must be gauge or counter: " + kind);
      }
      if (counterBits != null && !List.of(16, 32, 48, 64).contains(counterBits)) {
        throw new IllegalArgumentException("counter_bits must be 16, 32, 48 or 64");
      }
    }
  }

  /** A meter at a site, read by a gateway, with its channels. */
  public record MeterSpec(
      String enterprise, String meter, String site, String gateway, List<ChannelSpec> channels) {
    public MeterSpec {
      requireId("enterprise", enterprise);
      requireId("meter", meter);
      requireId("site", site);
      if (gateway != null) {
        requireId("gateway", gateway);
      }
      channels = List.copyOf(Objects.requireNonNull(channels, "channels"));
    }
  }

  private static void requireId(String what, String value) {
    if (value == null || !TopicName.ID.matcher(value).matches()) {
      throw new IllegalArgumentException(
          what + " '" + value + "' does not match " + TopicName.ID.pattern());
    }
  }

  /** Creates or updates a gateway (and its enterprise and sites). */
  public void putGateway(GatewaySpec spec) {
    register(
        "registering gateway " + spec.gateway(),
        spec.enterprise(),
        spec.site(),
        (c, e, s) -> {
          long g =
              Sql.one(
                  c,
                  "INSERT INTO gateway (enterprise_id, site_id, code, auto_register_meters)"
                      + " VALUES (?, ?, ?, ?) ON CONFLICT (enterprise_id, code) DO UPDATE"
                      + " SET site_id = excluded.site_id,"
                      + " auto_register_meters = excluded.auto_register_meters"
                      + " RETURNING gateway_id",
                  Sql.args(e, s, spec.gateway(), spec.autoRegisterMeters()),
                  ID);
          Sql.update(c, "DELETE FROM gateway_site WHERE gateway_id = ?", g);
          for (String extra : spec.extraSites()) {
            Sql.update(
                c,
                "INSERT INTO gateway_site (gateway_id, site_id, enterprise_id) VALUES (?, ?, ?)"
                    + " ON CONFLICT DO NOTHING",
                g,
                site(c, e, extra),
                e);
          }
        });
  }

  /**
   * Creates a meter or adds channels to it. A channel that exists keeps its unit and kind once it
   * has readings or counter events (changing them would change the meaning of what is stored);
   * before, a registration corrects them (a counter registered as a gauge had every point refused,
   * and no way to be put right).
   *
   * @throws IllegalArgumentException when a channel with readings is declared with another unit or
   *     kind
   */
  public void putMeter(MeterSpec spec) {
    register(
        "registering meter " + spec.meter(),
        spec.enterprise(),
        spec.site(),
        (c, e, s) -> {
          Long g = null;
          if (spec.gateway() != null) {
            g =
                Sql.first(
                        c,
                        "SELECT gateway_id FROM gateway WHERE enterprise_id = ? AND code = ?",
                        Sql.args(e, spec.gateway()),
                        ID)
                    .orElseThrow(
                        () ->
                            new IllegalArgumentException(
                                "gateway '" + spec.gateway() + "' is not registered"));
          }
          long m =
              Sql.one(
                  c,
                  "INSERT INTO meter (enterprise_id, site_id, gateway_id, code) VALUES (?, ?, ?, ?)"
                      + " ON CONFLICT (enterprise_id, code) DO UPDATE SET site_id = excluded.site_id,"
                      + " gateway_id = coalesce(excluded.gateway_id, meter.gateway_id)"
                      + " RETURNING meter_id",
                  Sql.args(e, s, g, spec.meter()),
                  ID);
          for (ChannelSpec ch : spec.channels()) {
            Units.Canonical canonical = Units.canonical(ch.unit());
            String[] stored =
                Sql.one(
                    c,
                    "INSERT INTO channel (enterprise_id, meter_id, name, unit, original_unit,"
                        + " unit_factor, kind, counter_bits) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (meter_id, name) DO UPDATE"
                        + " SET counter_bits = excluded.counter_bits,"
                        // nothing stored yet: the declaration is corrected whole
                        + " unit = CASE WHEN "
                        + UNUSED
                        + " THEN excluded.unit ELSE channel.unit END,"
                        + " kind = CASE WHEN "
                        + UNUSED
                        + " THEN excluded.kind ELSE channel.kind END,"
                        // a commensurable unit is a new declaration of what the device publishes
                        + " original_unit = CASE WHEN channel.unit = excluded.unit OR "
                        + UNUSED
                        + " THEN excluded.original_unit ELSE channel.original_unit END,"
                        + " unit_factor = CASE WHEN channel.unit = excluded.unit OR "
                        + UNUSED
                        + " THEN excluded.unit_factor ELSE channel.unit_factor END"
                        + " RETURNING unit, kind",
                    Sql.args(
                        e,
                        m,
                        ch.name(),
                        canonical.unit(),
                        ch.unit(),
                        canonical.factor(),
                        ch.kind(),
                        ch.counterBits() == null ? null : ch.counterBits().shortValue()),
                    rs -> new String[] {rs.getString(1), rs.getString(2)});
            if (!stored[0].equals(canonical.unit()) || !stored[1].equals(ch.kind())) {
              throw new IllegalArgumentException(
                  "channel '"
                      + ch.name()
                      + "' is registered as "
                      + stored[1]
                      + " in "
                      + stored[0]
                      + "; unit and kind cannot change once it has readings or counter events");
            }
          }
        });
  }

  /** Of the channel row an upsert finds: nothing is stored for it yet. */
  private static final String UNUSED =
      "NOT EXISTS (SELECT 1 FROM reading r WHERE r.channel_id = channel.channel_id)"
          + " AND NOT EXISTS (SELECT 1 FROM counter_event ev"
          + " WHERE ev.channel_id = channel.channel_id)";

  /** A registration's statements, given the ids of its enterprise and site. */
  @FunctionalInterface
  private interface AtSite {
    void run(Connection c, long enterprise, long site) throws SQLException;
  }

  /**
   * Runs {@code work} in one transaction after creating (or finding) {@code enterprise} and its
   * {@code site}, commits, then calls {@code changed}.
   */
  private void register(String what, String enterprise, String site, AtSite work) {
    Transactions.run(
        dataSource,
        what,
        c -> {
          long e = Enterprises.idCreating(c, enterprise);
          work.run(c, e, site(c, e, site));
          return null;
        });
    changed.run();
  }

  /** The id a statement answers in its first column. */
  private static final Sql.Row<Long> ID = rs -> rs.getLong(1);

  private static long site(Connection c, long enterprise, String code) throws SQLException {
    return Sql.one(
        c,
        "INSERT INTO site (enterprise_id, code) VALUES (?, ?) ON CONFLICT (enterprise_id, code)"
            + " DO UPDATE SET code = excluded.code RETURNING site_id",
        Sql.args(enterprise, code),
        ID);
  }
}
