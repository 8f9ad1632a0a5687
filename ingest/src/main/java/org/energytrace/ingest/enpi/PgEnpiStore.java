package org.energytrace.ingest.enpi;

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
      Instant updatedAt) {}

  /** Where an EnPI's meter gets its energy: the channel and the site's time zone. */
  public record MeterSource(String meter, long channelId, ZoneId zone) {}

  /** Where an EnPI's product gets its output: line and product codes, the site's time zone. */
  public record ProductSource(
      String product, long productId, String line, long siteId, ZoneId zone) {}

  /** Everything the analytics core needs about one EnPI. */
  public record EnpiModel(
      long enterpriseId,
      long enpiId,
      Enterprise enterprise,
      EnpiDefinition definition,
      List<MeterSource> meters,
      List<ProductSource> products) {}

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
    try (Connection c = dataSource.getConnection()) {
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
      c.commit();
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
              "SELECT enpi_id, code, name, scope_level, scope_ref, basis, updated_at FROM enpi"
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
                    rs.getObject(7, OffsetDateTime.class).toInstant()));
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

  /** The analytics domain of an EnPI: its enterprise, definition and data sources. */
  public EnpiModel model(Scope scope, String enterprise, String enpi) {
    EnpiView v = enpi(scope, enterprise, enpi);
    try (Connection c = dataSource.getConnection()) {
      long e = Enterprises.id(c, scope, enterprise);
      long enpiId;
      try (PreparedStatement ps =
          c.prepareStatement("SELECT enpi_id FROM enpi WHERE enterprise_id = ? AND code = ?")) {
        ps.setLong(1, e);
        ps.setString(2, enpi);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          enpiId = rs.getLong(1);
        }
      }
      Enterprise domain = enterprise(c, e, enterprise);
      EnpiDefinition definition;
      try {
        definition =
            new EnpiDefinition(
                v.enpi(),
                v.name(),
                new EnpiScope(
                    EnpiScope.Level.valueOf(v.scopeLevel().toUpperCase(Locale.ROOT)), v.scopeRef()),
                v.meters(),
                v.products(),
                EnpiBasis.valueOf(v.basis().toUpperCase(Locale.ROOT)));
      } catch (AnalyticsException ex) {
        throw DomainException.conflict("enpi", ex.getMessage());
      }
      List<MeterSource> meters = new ArrayList<>();
      for (MeterTerm t : v.meters()) {
        try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT ch.channel_id, s.time_zone, s.code FROM meter m"
                    + " JOIN site s USING (site_id)"
                    + " LEFT JOIN channel ch ON ch.meter_id = m.meter_id"
                    + " AND ch.name = m.energy_channel"
                    + " WHERE m.enterprise_id = ? AND m.code = ?")) {
          ps.setLong(1, e);
          ps.setString(2, t.meterId());
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            long channel = rs.getLong(1);
            if (rs.wasNull()) {
              throw DomainException.conflict(
                  "meters", "meter " + t.meterId() + " has no energy channel: describe it first");
            }
            meters.add(
                new MeterSource(t.meterId(), channel, zone(rs.getString(2), rs.getString(3))));
          }
        }
      }
      List<ProductSource> products = new ArrayList<>();
      for (String p : v.products()) {
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
      return new EnpiModel(e, enpiId, domain, definition, meters, products);
    } catch (SQLException ex) {
      throw StoreException.of("loading EnPI " + enpi, ex);
    }
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
