package org.energytrace.ingest.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.energytrace.ingest.errors.StoreException;
import org.energytrace.ingest.model.TopicName;
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
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      long e = enterprise(c, spec.enterprise());
      long s = site(c, e, spec.site());
      long g;
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO gateway (enterprise_id, site_id, code, auto_register_meters)"
                  + " VALUES (?, ?, ?, ?) ON CONFLICT (enterprise_id, code) DO UPDATE"
                  + " SET site_id = excluded.site_id,"
                  + " auto_register_meters = excluded.auto_register_meters"
                  + " RETURNING gateway_id")) {
        ps.setLong(1, e);
        ps.setLong(2, s);
        ps.setString(3, spec.gateway());
        ps.setBoolean(4, spec.autoRegisterMeters());
        g = single(ps);
      }
      try (PreparedStatement ps =
          c.prepareStatement("DELETE FROM gateway_site WHERE gateway_id = ?")) {
        ps.setLong(1, g);
        ps.executeUpdate();
      }
      for (String extra : spec.extraSites()) {
        try (PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO gateway_site (gateway_id, site_id, enterprise_id) VALUES (?, ?, ?)"
                    + " ON CONFLICT DO NOTHING")) {
          ps.setLong(1, g);
          ps.setLong(2, site(c, e, extra));
          ps.setLong(3, e);
          ps.executeUpdate();
        }
      }
      c.commit();
    } catch (SQLException ex) {
      throw StoreException.of("registering gateway " + spec.gateway(), ex);
    }
    changed.run();
  }

  /**
   * Creates a meter or adds channels to it. A channel that exists keeps its unit and kind (changing
   * them would change the meaning of stored readings).
   *
   * @throws IllegalArgumentException when an existing channel is declared with another unit or kind
   */
  public void putMeter(MeterSpec spec) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      long e = enterprise(c, spec.enterprise());
      long s = site(c, e, spec.site());
      Long g = null;
      if (spec.gateway() != null) {
        try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT gateway_id FROM gateway WHERE enterprise_id = ? AND code = ?")) {
          ps.setLong(1, e);
          ps.setString(2, spec.gateway());
          try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
              throw new IllegalArgumentException(
                  "gateway '" + spec.gateway() + "' is not registered");
            }
            g = rs.getLong(1);
          }
        }
      }
      long m;
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO meter (enterprise_id, site_id, gateway_id, code) VALUES (?, ?, ?, ?)"
                  + " ON CONFLICT (enterprise_id, code) DO UPDATE SET site_id = excluded.site_id,"
                  + " gateway_id = coalesce(excluded.gateway_id, meter.gateway_id)"
                  + " RETURNING meter_id")) {
        ps.setLong(1, e);
        ps.setLong(2, s);
        ps.setObject(3, g);
        ps.setString(4, spec.meter());
        m = single(ps);
      }
      for (ChannelSpec ch : spec.channels()) {
        try (PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO channel (enterprise_id, meter_id, name, unit, original_unit,"
                    + " unit_factor, kind, counter_bits) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (meter_id, name) DO UPDATE"
                    + " SET counter_bits = excluded.counter_bits,"
                    // a commensurable unit is a new declaration of what the device publishes
                    + " original_unit = CASE WHEN channel.unit = excluded.unit"
                    + " THEN excluded.original_unit ELSE channel.original_unit END,"
                    + " unit_factor = CASE WHEN channel.unit = excluded.unit"
                    + " THEN excluded.unit_factor ELSE channel.unit_factor END"
                    + " RETURNING unit, kind")) {
          Units.Canonical canonical = Units.canonical(ch.unit());
          ps.setLong(1, e);
          ps.setLong(2, m);
          ps.setString(3, ch.name());
          ps.setString(4, canonical.unit());
          ps.setString(5, ch.unit());
          ps.setDouble(6, canonical.factor());
          ps.setString(7, ch.kind());
          ps.setObject(8, ch.counterBits() == null ? null : ch.counterBits().shortValue());
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            if (!rs.getString(1).equals(canonical.unit()) || !rs.getString(2).equals(ch.kind())) {
              c.rollback();
              throw new IllegalArgumentException(
                  "channel '"
                      + ch.name()
                      + "' is registered as "
                      + rs.getString(2)
                      + " in "
                      + rs.getString(1)
                      + "; unit and kind cannot change");
            }
          }
        }
      }
      c.commit();
    } catch (SQLException ex) {
      throw StoreException.of("registering meter " + spec.meter(), ex);
    }
    changed.run();
  }

  private static long enterprise(Connection c, String code) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO enterprise (code) VALUES (?) ON CONFLICT (code)"
                + " DO UPDATE SET code = excluded.code RETURNING enterprise_id")) {
      ps.setString(1, code);
      return single(ps);
    }
  }

  private static long site(Connection c, long enterprise, String code) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO site (enterprise_id, code) VALUES (?, ?) ON CONFLICT (enterprise_id, code)"
                + " DO UPDATE SET code = excluded.code RETURNING site_id")) {
      ps.setLong(1, enterprise);
      ps.setString(2, code);
      return single(ps);
    }
  }

  private static long single(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
