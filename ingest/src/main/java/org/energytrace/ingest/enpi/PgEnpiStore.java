package org.energytrace.ingest.enpi;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.domain.EnpiBasis;
import org.energytrace.analytics.domain.EnpiBuilder;
import org.energytrace.analytics.domain.EnpiDefinition;
import org.energytrace.analytics.domain.EnpiScope;
import org.energytrace.analytics.domain.Enterprise;
import org.energytrace.analytics.domain.Meter;
import org.energytrace.analytics.domain.MeterRole;
import org.energytrace.analytics.domain.MeterTerm;
import org.energytrace.analytics.domain.Product;
import org.energytrace.analytics.domain.ProductUnit;
import org.energytrace.analytics.domain.ProductionLine;
import org.energytrace.analytics.domain.Site;
import org.energytrace.analytics.units.ConversionTable;
import org.energytrace.ingest.audit.AuditEntry;
import org.energytrace.ingest.audit.PgAuditLog;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.errors.NotFoundException;
import org.energytrace.ingest.errors.StoreException;
import org.energytrace.ingest.model.TopicName;
import org.energytrace.ingest.tenant.Enterprises;
import org.energytrace.ingest.tenant.Scope;

/**
 * The EnPI domain in PostgreSQL: energy attributes of meters, site time zones, production lines,
 * products and EnPI definitions. Every method takes the caller's {@link Scope}: an enterprise out
 * of scope reads exactly like one that does not exist. Blocking; call from worker threads.
 */
public final class PgEnpiStore {
  private final DataSource dataSource;

  public PgEnpiStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  // ---- specs (validated requests) ----

  /** What a meter measures. {@code channel}: the counter channel whose interval energy counts. */
  public record MeterEnergySpec(
      String carrier, String unit, MeterRole role, String boundary, String channel) {
    public MeterEnergySpec {
      require("carrier", carrier, "^[a-z][a-z0-9_]{0,63}$");
      require("unit", unit, "^[A-Za-z0-9]{1,16}$");
      Objects.requireNonNull(role, "role");
      boundary = boundary == null ? "" : boundary;
      require("channel", channel, TopicName.CHANNEL.pattern());
    }
  }

  /** One signed meter of an EnPI. */
  public record EnpiSpec(
      String name,
      EnpiScope.Level level,
      String scopeRef,
      EnpiBasis basis,
      List<MeterTerm> meters,
      List<String> products) {
    public EnpiSpec {
      Objects.requireNonNull(level, "scope.level");
      Objects.requireNonNull(basis, "basis");
      meters = List.copyOf(meters);
      products = List.copyOf(products);
    }
  }

  // ---- views ----

  public record MeterEnergyView(
      String meter,
      String site,
      String carrier,
      String unit,
      String role,
      String boundary,
      String channel) {}

  public record ProductView(String product, String name, String unit) {}

  public record LineView(String line, String site, String name, List<ProductView> products) {}

  public record EnpiView(
      String enpi,
      String name,
      String scopeLevel,
      String scopeRef,
      String basis,
      List<MeterTerm> meters,
      List<String> products,
      Instant updatedAt,
      int version) {}

  /** Who changes a definition, for the audit entry of a new EnPI version ({@code enpi.version}). */
  public record Author(String subject, String role, String clientIp) {
    /** A change made by the service itself (the demo's seeding). */
    public static final Author SYSTEM = new Author("system", "system", "");
  }

  /** Where an EnPI's meter gets its energy: the channel and the site's time zone. */
  public record MeterSource(String meter, long channelId, ZoneId zone) {}

  /** Where an EnPI's product gets its output: line and product codes, the site's time zone. */
  public record ProductSource(
      String product, long productId, String line, long siteId, ZoneId zone) {}

  /**
   * Everything the analytics core needs about one EnPI, as defined by its version {@code version}
   * (frozen: docs/verification.md §1.4); {@code currentVersion} is the EnPI's newest version.
   */
  public record EnpiModel(
      long enterpriseId,
      long enpiId,
      Enterprise enterprise,
      EnpiDefinition definition,
      List<MeterSource> meters,
      List<ProductSource> products,
      int version,
      int currentVersion) {
    /** Whether the EnPI's definition changed after this version. */
    public boolean outdated() {
      return version != currentVersion;
    }
  }

  // ---- writes ----

  public void putSiteTimeZone(Scope scope, String enterprise, String site, String zone) {
    ZoneId id;
    try {
      id = ZoneId.of(zone == null ? "" : zone);
    } catch (DateTimeException e) {
      throw DomainException.invalid("time_zone", "not an IANA time zone: '" + zone + "'");
    }
    try (Connection c = dataSource.getConnection()) {
      long e = Enterprises.id(c, scope, enterprise);
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE site SET time_zone = ? WHERE enterprise_id = ? AND code = ?")) {
        ps.setString(1, id.getId());
        ps.setLong(2, e);
        ps.setString(3, site);
        if (ps.executeUpdate() == 0) {
          throw new NotFoundException("no site " + enterprise + "/" + site);
        }
      }
    } catch (SQLException ex) {
      throw StoreException.of("setting the time zone of " + site, ex);
    }
  }

  public void putMeterEnergy(Scope scope, String enterprise, String meter, MeterEnergySpec spec) {
    putMeterEnergy(scope, enterprise, meter, spec, Author.SYSTEM, Instant.now());
  }

  /**
   * Describes a meter; every EnPI whose current version uses it and whose definition changes by it
   * (carrier, unit, role, boundary, channel) gets a new version, audited as {@code enpi.version}.
   */
  public void putMeterEnergy(
      Scope scope,
      String enterprise,
      String meter,
      MeterEnergySpec spec,
      Author author,
      Instant now) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      long e = Enterprises.id(c, scope, enterprise);
      String channelUnit;
      String kind;
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT ch.unit, ch.kind FROM meter m JOIN channel ch USING (meter_id)"
                  + " WHERE m.enterprise_id = ? AND m.code = ? AND ch.name = ?")) {
        ps.setLong(1, e);
        ps.setString(2, meter);
        ps.setString(3, spec.channel());
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            throw new NotFoundException(
                "no channel " + spec.channel() + " of meter " + enterprise + "/" + meter);
          }
          channelUnit = rs.getString(1);
          kind = rs.getString(2);
        }
      }
      if (!kind.equals("counter")) {
        throw DomainException.conflict(
            "channel", "channel " + spec.channel() + " is a " + kind + ", not an energy counter");
      }
      String expected = EnergyUnits.tableUnit(channelUnit).orElse(null);
      if (expected != null && !expected.equals(spec.unit())) {
        throw DomainException.conflict(
            "unit",
            "channel "
                + spec.channel()
                + " counts "
                + channelUnit
                + " ("
                + expected
                + "), not "
                + spec.unit());
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE meter SET carrier = ?, energy_unit = ?, role = ?, boundary = ?,"
                  + " energy_channel = ? WHERE enterprise_id = ? AND code = ?")) {
        ps.setString(1, spec.carrier());
        ps.setString(2, spec.unit());
        ps.setString(3, spec.role().name().toLowerCase(Locale.ROOT));
        ps.setString(4, spec.boundary());
        ps.setString(5, spec.channel());
        ps.setLong(6, e);
        ps.setString(7, meter);
        ps.executeUpdate();
      }
      List<Object[]> using = new ArrayList<>();
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT n.enpi_id, n.code FROM enpi n JOIN enpi_meter em USING (enpi_id)"
                  + " JOIN meter m USING (meter_id) WHERE n.enterprise_id = ? AND m.code = ?"
                  + " ORDER BY n.code FOR UPDATE OF n")) {
        ps.setLong(1, e);
        ps.setString(2, meter);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            using.add(new Object[] {rs.getLong(1), rs.getString(2)});
          }
        }
      }
      for (Object[] u : using) {
        newVersionIfChanged(c, enterprise, (Long) u[0], (String) u[1], author, now);
      }
      c.commit();
    } catch (SQLException ex) {
      throw StoreException.of("describing meter " + meter, ex);
    }
  }

  public void putLine(Scope scope, String enterprise, String line, String site, String name) {
    require("line", line, TopicName.ID.pattern());
    require("site", site, TopicName.ID.pattern());
    try (Connection c = dataSource.getConnection()) {
      long e = Enterprises.id(c, scope, enterprise);
      long s = siteId(c, e, enterprise, site);
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO production_line (enterprise_id, site_id, code, name) VALUES (?, ?, ?, ?)"
                  + " ON CONFLICT (enterprise_id, code) DO UPDATE SET site_id = excluded.site_id,"
                  + " name = excluded.name")) {
        ps.setLong(1, e);
        ps.setLong(2, s);
        ps.setString(3, line);
        ps.setString(4, name == null ? line : name);
        ps.executeUpdate();
      }
    } catch (SQLException ex) {
      throw StoreException.of("registering line " + line, ex);
    }
  }

  /**
   * Creates or updates a product. Its unit cannot change once production is stored for it (the
   * stored quantities would change meaning).
   */
  public void putProduct(
      Scope scope, String enterprise, String product, String line, String name, String unit) {
    require("product", product, TopicName.ID.pattern());
    ProductUnit u;
    try {
      u = ProductUnit.of(unit == null ? "" : unit);
    } catch (AnalyticsException ex) {
      throw DomainException.invalid("unit", ex.getMessage());
    }
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      long e = Enterprises.id(c, scope, enterprise);
      long l;
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT line_id FROM production_line WHERE enterprise_id = ? AND code = ?")) {
        ps.setLong(1, e);
        ps.setString(2, line);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            throw DomainException.conflict("line", "no line '" + line + "' in " + enterprise);
          }
          l = rs.getLong(1);
        }
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT p.unit FROM product p WHERE p.enterprise_id = ? AND p.code = ?"
                  + " AND EXISTS (SELECT 1 FROM production_quantity q"
                  + " WHERE q.product_id = p.product_id)")) {
        ps.setLong(1, e);
        ps.setString(2, product);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next() && !rs.getString(1).equals(u.code())) {
            throw DomainException.conflict(
                "unit",
                "product "
                    + product
                    + " has production stored in "
                    + rs.getString(1)
                    + "; its unit cannot change");
          }
        }
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO product (enterprise_id, line_id, code, name, unit) VALUES (?, ?, ?, ?, ?)"
                  + " ON CONFLICT (enterprise_id, code) DO UPDATE SET line_id = excluded.line_id,"
                  + " name = excluded.name, unit = excluded.unit")) {
        ps.setLong(1, e);
        ps.setLong(2, l);
        ps.setString(3, product);
        ps.setString(4, name == null ? product : name);
        ps.setString(5, u.code());
        ps.executeUpdate();
      }
      c.commit();
    } catch (SQLException ex) {
      throw StoreException.of("registering product " + product, ex);
    }
  }

  /**
   * Creates or replaces an EnPI definition after checking it against the analytics domain rules
   * (meters described, only sub-meters subtracted, one unit of product).
   */
  public void putEnpi(Scope scope, String enterprise, String enpi, EnpiSpec spec, Instant now) {
    putEnpi(scope, enterprise, enpi, spec, now, Author.SYSTEM);
  }

  /**
   * As {@link #putEnpi(Scope, String, String, EnpiSpec, Instant)}; when the definition differs from
   * the EnPI's newest version (or there is none), stores a new immutable version, audited as {@code
   * enpi.version} by {@code author} with the old and new definitions. Returns the current version.
   */
  public int putEnpi(
      Scope scope, String enterprise, String enpi, EnpiSpec spec, Instant now, Author author) {
    require("enpi", enpi, TopicName.ID.pattern());
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      long e = Enterprises.id(c, scope, enterprise);
      Enterprise domain = enterprise(c, e, enterprise);
      try {
        // the checks of the analytics domain and of the EnPI builder (unknown or undescribed
        // meter, a main meter subtracted, products in different units); no data is read
        EnpiDefinition definition =
            new EnpiDefinition(
                enpi,
                spec.name(),
                new EnpiScope(spec.level(), spec.scopeRef()),
                spec.meters(),
                spec.products(),
                spec.basis());
        EnpiBuilder.build(
            domain,
            definition,
            Map.of(),
            Map.of(),
            LocalDate.EPOCH,
            LocalDate.EPOCH,
            new ConversionTable(List.of()));
      } catch (AnalyticsException ex) {
        throw DomainException.invalid("body", ex.getMessage());
      }
      long id;
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO enpi (enterprise_id, code, name, scope_level, scope_ref, basis,"
                  + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                  + " ON CONFLICT (enterprise_id, code) DO UPDATE SET name = excluded.name,"
                  + " scope_level = excluded.scope_level, scope_ref = excluded.scope_ref,"
                  + " basis = excluded.basis, updated_at = excluded.updated_at"
                  + " RETURNING enpi_id")) {
        ps.setLong(1, e);
        ps.setString(2, enpi);
        ps.setString(3, spec.name() == null ? enpi : spec.name());
        ps.setString(4, spec.level().name().toLowerCase(Locale.ROOT));
        ps.setString(5, spec.scopeRef());
        ps.setString(6, spec.basis().name().toLowerCase(Locale.ROOT));
        ps.setObject(7, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          id = rs.getLong(1);
        }
      }
      for (String table : List.of("enpi_meter", "enpi_product")) {
        try (PreparedStatement ps =
            c.prepareStatement("DELETE FROM " + table + " WHERE enpi_id = ?")) {
          ps.setLong(1, id);
          ps.executeUpdate();
        }
      }
      int pos = 0;
      for (MeterTerm t : spec.meters()) {
        try (PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO enpi_meter (enpi_id, meter_id, sign, position)"
                    + " SELECT ?, meter_id, ?, ? FROM meter WHERE enterprise_id = ? AND code = ?")) {
          ps.setLong(1, id);
          ps.setShort(2, (short) t.sign());
          ps.setInt(3, pos++);
          ps.setLong(4, e);
          ps.setString(5, t.meterId());
          ps.executeUpdate();
        }
      }
      pos = 0;
      for (String p : spec.products()) {
        try (PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO enpi_product (enpi_id, product_id, position)"
                    + " SELECT ?, product_id, ? FROM product WHERE enterprise_id = ? AND code = ?")) {
          ps.setLong(1, id);
          ps.setInt(2, pos++);
          ps.setLong(3, e);
          ps.setString(4, p);
          ps.executeUpdate();
        }
      }
      int version = newVersionIfChanged(c, enterprise, id, enpi, author, now);
      c.commit();
      return version;
    } catch (SQLException ex) {
      throw StoreException.of("storing EnPI " + enpi, ex);
    }
  }

  // ---- reads ----

  public List<MeterEnergyView> energyMeters(Scope scope, String enterprise) {
    try (Connection c = dataSource.getConnection()) {
      long e = Enterprises.id(c, scope, enterprise);
      List<MeterEnergyView> out = new ArrayList<>();
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT m.code, s.code, m.carrier, m.energy_unit, m.role, m.boundary,"
                  + " m.energy_channel FROM meter m JOIN site s USING (site_id)"
                  + " WHERE m.enterprise_id = ? ORDER BY m.code")) {
        ps.setLong(1, e);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(
                new MeterEnergyView(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getString(7)));
          }
        }
      }
      return out;
    } catch (SQLException ex) {
      throw StoreException.of("listing energy meters of " + enterprise, ex);
    }
  }

  public List<LineView> lines(Scope scope, String enterprise) {
    try (Connection c = dataSource.getConnection()) {
      long e = Enterprises.id(c, scope, enterprise);
      Map<String, LineView> lines = new LinkedHashMap<>();
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT l.code, s.code, l.name, p.code, p.name, p.unit FROM production_line l"
                  + " JOIN site s USING (site_id) LEFT JOIN product p USING (line_id)"
                  + " WHERE l.enterprise_id = ? ORDER BY l.code, p.code")) {
        ps.setLong(1, e);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            LineView v =
                lines.computeIfAbsent(
                    rs.getString(1),
                    k -> {
                      try {
                        return new LineView(k, rs.getString(2), rs.getString(3), new ArrayList<>());
                      } catch (SQLException ex) {
                        throw StoreException.of("reading lines", ex);
                      }
                    });
            if (rs.getString(4) != null) {
              v.products().add(new ProductView(rs.getString(4), rs.getString(5), rs.getString(6)));
            }
          }
        }
      }
      return List.copyOf(lines.values());
    } catch (SQLException ex) {
      throw StoreException.of("listing lines of " + enterprise, ex);
    }
  }

  public List<EnpiView> enpis(Scope scope, String enterprise) {
    try (Connection c = dataSource.getConnection()) {
      long e = Enterprises.id(c, scope, enterprise);
      List<EnpiView> out = new ArrayList<>();
      List<Long> ids = new ArrayList<>();
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT enpi_id, code, name, scope_level, scope_ref, basis, updated_at,"
                  + " (SELECT coalesce(max(version), 0) FROM enpi_version v"
                  + " WHERE v.enpi_id = enpi.enpi_id) FROM enpi"
                  + " WHERE enterprise_id = ? ORDER BY code")) {
        ps.setLong(1, e);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            ids.add(rs.getLong(1));
            out.add(
                new EnpiView(
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    new ArrayList<>(),
                    new ArrayList<>(),
                    rs.getObject(7, OffsetDateTime.class).toInstant(),
                    rs.getInt(8)));
          }
        }
      }
      for (int i = 0; i < ids.size(); i++) {
        out.get(i).meters().addAll(terms(c, ids.get(i)));
        out.get(i).products().addAll(products(c, ids.get(i)));
      }
      return out;
    } catch (SQLException ex) {
      throw StoreException.of("listing EnPIs of " + enterprise, ex);
    }
  }

  public EnpiView enpi(Scope scope, String enterprise, String enpi) {
    return enpis(scope, enterprise).stream()
        .filter(v -> v.enpi().equals(enpi))
        .findFirst()
        .orElseThrow(() -> new NotFoundException("no EnPI " + enterprise + "/" + enpi));
  }

  /** The analytics domain of an EnPI as currently defined: enterprise, definition, sources. */
  public EnpiModel model(Scope scope, String enterprise, String enpi) {
    return model(scope, enterprise, enpi, null);
  }

  /**
   * The analytics domain of an EnPI as its version {@code version} froze it (null: the newest
   * version): the signed meters with the energy description they had then (carrier, unit, role,
   * boundary, channel), the products, scope and basis — whatever the EnPI or its meters became
   * later (docs/verification.md §1.4).
   *
   * @throws NotFoundException when the EnPI or that version does not exist
   */
  public EnpiModel model(Scope scope, String enterprise, String enpi, Integer version) {
    try (Connection c = dataSource.getConnection()) {
      long e = Enterprises.id(c, scope, enterprise);
      long enpiId;
      try (PreparedStatement ps =
          c.prepareStatement("SELECT enpi_id FROM enpi WHERE enterprise_id = ? AND code = ?")) {
        ps.setLong(1, e);
        ps.setString(2, enpi);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            throw new NotFoundException("no EnPI " + enterprise + "/" + enpi);
          }
          enpiId = rs.getLong(1);
        }
      }
      int current = currentVersion(c, enpiId);
      int v = version == null ? current : version;
      JsonObject snapshot = version(c, enpiId, v);
      if (snapshot == null) {
        throw new NotFoundException("no version " + v + " of EnPI " + enterprise + "/" + enpi);
      }
      List<MeterTerm> terms = new ArrayList<>();
      Map<String, Meter> frozen = new LinkedHashMap<>();
      JsonArray ms = snapshot.getJsonArray("meters");
      for (int i = 0; i < ms.size(); i++) {
        JsonObject m = ms.getJsonObject(i);
        terms.add(new MeterTerm(m.getString("meter"), m.getInteger("sign")));
        if (m.getString("carrier") != null && m.getString("role") != null) {
          frozen.put(
              m.getString("meter"),
              new Meter(
                  m.getString("meter"),
                  m.getString("carrier"),
                  m.getString("unit"),
                  MeterRole.valueOf(m.getString("role").toUpperCase(Locale.ROOT)),
                  m.getString("boundary")));
        }
      }
      List<String> productCodes = new ArrayList<>();
      snapshot.getJsonArray("products").forEach(p -> productCodes.add((String) p));
      Enterprise domain = withMeters(enterprise(c, e, enterprise), frozen);
      EnpiDefinition definition;
      try {
        JsonObject sc = snapshot.getJsonObject("scope");
        definition =
            new EnpiDefinition(
                enpi,
                snapshot.getString("name"),
                new EnpiScope(
                    EnpiScope.Level.valueOf(sc.getString("level").toUpperCase(Locale.ROOT)),
                    sc.getString("ref")),
                terms,
                productCodes,
                EnpiBasis.valueOf(snapshot.getString("basis").toUpperCase(Locale.ROOT)));
      } catch (AnalyticsException ex) {
        throw DomainException.conflict("enpi", ex.getMessage());
      }
      List<MeterSource> meters = new ArrayList<>();
      for (int i = 0; i < ms.size(); i++) {
        JsonObject t = ms.getJsonObject(i);
        try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT ch.channel_id, s.time_zone, s.code FROM meter m"
                    + " JOIN site s USING (site_id)"
                    + " LEFT JOIN channel ch ON ch.meter_id = m.meter_id AND ch.name = ?"
                    + " WHERE m.enterprise_id = ? AND m.code = ?")) {
          ps.setString(1, t.getString("channel"));
          ps.setLong(2, e);
          ps.setString(3, t.getString("meter"));
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            long channel = rs.getLong(1);
            if (rs.wasNull()) {
              throw DomainException.conflict(
                  "meters",
                  "meter " + t.getString("meter") + " has no energy channel: describe it first");
            }
            meters.add(
                new MeterSource(
                    t.getString("meter"), channel, zone(rs.getString(2), rs.getString(3))));
          }
        }
      }
      List<ProductSource> products = new ArrayList<>();
      for (String p : productCodes) {
        try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT p.product_id, l.code, s.site_id, s.time_zone, s.code FROM product p"
                    + " JOIN production_line l USING (line_id) JOIN site s ON s.site_id = l.site_id"
                    + " WHERE p.enterprise_id = ? AND p.code = ?")) {
          ps.setLong(1, e);
          ps.setString(2, p);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            products.add(
                new ProductSource(
                    p,
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getLong(3),
                    zone(rs.getString(4), rs.getString(5))));
          }
        }
      }
      return new EnpiModel(e, enpiId, domain, definition, meters, products, v, current);
    } catch (SQLException ex) {
      throw StoreException.of("loading EnPI " + enpi, ex);
    }
  }

  /** One stored version of an EnPI (docs/verification.md §1.4). */
  public record VersionView(
      int version, JsonObject definition, String createdBy, Instant createdAt) {}

  /** Every version of an EnPI, oldest first. */
  public List<VersionView> versions(Scope scope, String enterprise, String enpi) {
    try (Connection c = dataSource.getConnection()) {
      long e = Enterprises.id(c, scope, enterprise);
      List<VersionView> out = new ArrayList<>();
      boolean exists = false;
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT v.version, v.definition::text, v.created_by, v.created_at"
                  + " FROM enpi n LEFT JOIN enpi_version v USING (enpi_id)"
                  + " WHERE n.enterprise_id = ? AND n.code = ? ORDER BY v.version")) {
        ps.setLong(1, e);
        ps.setString(2, enpi);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            exists = true;
            if (rs.getString(2) != null) {
              out.add(
                  new VersionView(
                      rs.getInt(1),
                      new JsonObject(rs.getString(2)),
                      rs.getString(3),
                      rs.getObject(4, OffsetDateTime.class).toInstant()));
            }
          }
        }
      }
      if (!exists) {
        throw new NotFoundException("no EnPI " + enterprise + "/" + enpi);
      }
      return out;
    } catch (SQLException ex) {
      throw StoreException.of("listing versions of EnPI " + enpi, ex);
    }
  }

  // ---- versions ----

  /** The newest version of an EnPI (0 when it has none). */
  static int currentVersion(Connection c, long enpiId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT coalesce(max(version), 0) FROM enpi_version WHERE enpi_id = ?")) {
      ps.setLong(1, enpiId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  private static JsonObject version(Connection c, long enpiId, int version) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT definition::text FROM enpi_version WHERE enpi_id = ? AND version = ?")) {
      ps.setLong(1, enpiId);
      ps.setInt(2, version);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? new JsonObject(rs.getString(1)) : null;
      }
    }
  }

  /**
   * The EnPI's definition as stored now, in the form of {@code enpi_version.definition} (the same
   * form migration V67 builds in SQL).
   */
  private static JsonObject definition(Connection c, long enpiId) throws SQLException {
    JsonObject d = new JsonObject();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT name, scope_level, scope_ref, basis FROM enpi WHERE enpi_id = ?")) {
      ps.setLong(1, enpiId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        d.put("name", rs.getString(1))
            .put(
                "scope", new JsonObject().put("level", rs.getString(2)).put("ref", rs.getString(3)))
            .put("basis", rs.getString(4));
      }
    }
    JsonArray meters = new JsonArray();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT m.code, em.sign, m.carrier, m.energy_unit, m.role, coalesce(m.boundary, ''),"
                + " m.energy_channel FROM enpi_meter em JOIN meter m USING (meter_id)"
                + " WHERE em.enpi_id = ? ORDER BY em.position")) {
      ps.setLong(1, enpiId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          meters.add(
              new JsonObject()
                  .put("meter", rs.getString(1))
                  .put("sign", rs.getInt(2))
                  .put("carrier", rs.getString(3))
                  .put("unit", rs.getString(4))
                  .put("role", rs.getString(5))
                  .put("boundary", rs.getString(6))
                  .put("channel", rs.getString(7)));
        }
      }
    }
    d.put("meters", meters);
    d.put("products", new JsonArray(products(c, enpiId)));
    return d;
  }

  /**
   * Stores the EnPI's definition as a new version when it differs from the newest one (compared as
   * jsonb: structurally), audited as {@code enpi.version} in the caller's transaction. Returns the
   * current version.
   */
  private static int newVersionIfChanged(
      Connection c, String enterprise, long enpiId, String enpi, Author author, Instant now)
      throws SQLException {
    JsonObject d = definition(c, enpiId);
    int current = currentVersion(c, enpiId);
    JsonObject before = current == 0 ? null : version(c, enpiId, current);
    if (before != null) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT definition = ?::jsonb FROM enpi_version WHERE enpi_id = ? AND version = ?")) {
        ps.setString(1, d.encode());
        ps.setLong(2, enpiId);
        ps.setInt(3, current);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          if (rs.getBoolean(1)) {
            return current;
          }
        }
      }
    }
    int next = current + 1;
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO enpi_version (enpi_id, version, definition, created_by, created_at)"
                + " VALUES (?, ?, ?::jsonb, ?, ?)")) {
      ps.setLong(1, enpiId);
      ps.setInt(2, next);
      ps.setString(3, d.encode());
      ps.setString(4, author.subject());
      ps.setObject(5, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
      ps.executeUpdate();
    }
    PgAuditLog.record(
        c,
        new AuditEntry(
            now,
            author.subject(),
            author.role(),
            "enpi.version",
            AuditEntry.Outcome.SUCCESS,
            enterprise,
            // the EnPI's target: the change is in its dossiers' audit.csv
            enterprise + "/" + enpi,
            author.clientIp(),
            "version "
                + next
                + (current == 0
                    ? ""
                    : " replaces version "
                        + current
                        + ": baselines of version "
                        + current
                        + " keep computing on it; version "
                        + next
                        + " needs a baseline of its own, approved"),
            before == null ? null : before.encode(),
            d.encode()));
    return next;
  }

  /** The enterprise with the given meters' descriptions in place of the current ones. */
  private static Enterprise withMeters(Enterprise e, Map<String, Meter> frozen) {
    if (frozen.isEmpty()) {
      return e;
    }
    List<Site> sites = new ArrayList<>();
    for (Site s : e.sites()) {
      List<Meter> meters = new ArrayList<>();
      for (Meter m : s.meters()) {
        meters.add(frozen.getOrDefault(m.id(), m));
      }
      sites.add(new Site(s.id(), s.name(), s.timeZone(), meters, s.lines()));
    }
    return new Enterprise(
        e.id(), e.name(), e.vsicCode(), e.district(), e.industrialPark(), e.keyEnergyUser(), sites);
  }

  // ---- helpers ----

  /**
   * The id of an enterprise in scope.
   *
   * @throws NotFoundException when it does not exist or is out of scope (indistinguishable)
   */
  private static long siteId(Connection c, long enterpriseId, String enterprise, String site)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT site_id FROM site WHERE enterprise_id = ? AND code = ?")) {
      ps.setLong(1, enterpriseId);
      ps.setString(2, site);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw DomainException.conflict("site", "no site '" + site + "' in " + enterprise);
        }
        return rs.getLong(1);
      }
    }
  }

  private static ZoneId zone(String zone, String site) {
    if (zone == null) {
      throw DomainException.conflict(
          "time_zone",
          "site "
              + site
              + " has no time zone: days are local days of the site"
              + " (PUT .../sites/"
              + site
              + "/time-zone)");
    }
    return ZoneId.of(zone);
  }

  /** The enterprise as the analytics domain sees it: sites, described meters, lines, products. */
  private static Enterprise enterprise(Connection c, long e, String code) throws SQLException {
    Map<Long, String[]> sites = new LinkedHashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT site_id, code, time_zone FROM site WHERE enterprise_id = ? ORDER BY code")) {
      ps.setLong(1, e);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          sites.put(rs.getLong(1), new String[] {rs.getString(2), rs.getString(3)});
        }
      }
    }
    Map<Long, List<Meter>> meters = new LinkedHashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT site_id, code, carrier, energy_unit, role, boundary FROM meter"
                + " WHERE enterprise_id = ? AND carrier IS NOT NULL ORDER BY code")) {
      ps.setLong(1, e);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          meters
              .computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
              .add(
                  new Meter(
                      rs.getString(2),
                      rs.getString(3),
                      rs.getString(4),
                      MeterRole.valueOf(rs.getString(5).toUpperCase(Locale.ROOT)),
                      rs.getString(6)));
        }
      }
    }
    Map<Long, Map<String, ProductionLine>> lines = new LinkedHashMap<>();
    Map<String, List<Product>> products = new LinkedHashMap<>();
    Map<String, String> lineNames = new LinkedHashMap<>();
    Map<String, Long> lineSites = new LinkedHashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT l.site_id, l.code, l.name, p.code, p.name, p.unit FROM production_line l"
                + " LEFT JOIN product p USING (line_id) WHERE l.enterprise_id = ?"
                + " ORDER BY l.code, p.code")) {
      ps.setLong(1, e);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String line = rs.getString(2);
          lineNames.put(line, rs.getString(3));
          lineSites.put(line, rs.getLong(1));
          List<Product> list = products.computeIfAbsent(line, k -> new ArrayList<>());
          if (rs.getString(4) != null) {
            list.add(
                new Product(rs.getString(4), rs.getString(5), ProductUnit.of(rs.getString(6))));
          }
        }
      }
    }
    lineNames.forEach(
        (line, name) ->
            lines
                .computeIfAbsent(lineSites.get(line), k -> new LinkedHashMap<>())
                .put(line, new ProductionLine(line, name, products.get(line))));
    List<Site> domainSites = new ArrayList<>();
    sites.forEach(
        (id, s) ->
            domainSites.add(
                new Site(
                    s[0],
                    s[0],
                    org.energytrace.ingest.store.SiteZones.of(s[1]),
                    meters.getOrDefault(id, List.of()),
                    List.copyOf(lines.getOrDefault(id, Map.of()).values()))));
    // the VSIC code and district belong to programme reporting, not to an EnPI: "0" is a
    // placeholder that no EnPI computation reads
    return new Enterprise(code, code, "0", "", "", false, domainSites);
  }

  private static List<MeterTerm> terms(Connection c, long enpiId) throws SQLException {
    List<MeterTerm> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT m.code, em.sign FROM enpi_meter em JOIN meter m USING (meter_id)"
                + " WHERE em.enpi_id = ? ORDER BY em.position")) {
      ps.setLong(1, enpiId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new MeterTerm(rs.getString(1), rs.getInt(2)));
        }
      }
    }
    return out;
  }

  private static List<String> products(Connection c, long enpiId) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT p.code FROM enpi_product ep JOIN product p USING (product_id)"
                + " WHERE ep.enpi_id = ? ORDER BY ep.position")) {
      ps.setLong(1, enpiId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  static void require(String field, String value, String regex) {
    if (value == null || !value.matches(regex)) {
      throw DomainException.invalid(field, field + " '" + value + "' does not match " + regex);
    }
  }
}
