package org.energytrace.ingest.enpi;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.domain.EnpiBasis;
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
import org.energytrace.ingest.enpi.PgEnpiStore.EnpiModel;
import org.energytrace.ingest.enpi.PgEnpiStore.MeterSource;
import org.energytrace.ingest.enpi.PgEnpiStore.ProductSource;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.errors.NotFoundException;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.store.SiteZones;

/**
 * The analytics domain of an EnPI as one of its versions froze it ({@link PgEnpiStore#model}): the
 * enterprise's sites, described meters, lines and products, the EnPI's definition, and where each
 * meter's energy and each product's production is stored. On the caller's connection.
 */
final class EnpiModels {
  private EnpiModels() {}

  /**
   * The EnPI {@code enpi} of enterprise {@code e} at {@code version} (null: the newest).
   *
   * @throws NotFoundException when the EnPI or that version does not exist
   */
  static EnpiModel load(Connection c, long e, String enterprise, String enpi, Integer version)
      throws SQLException {
    long enpiId =
        Sql.first(
                c,
                "SELECT enpi_id FROM enpi WHERE enterprise_id = ? AND code = ?",
                Sql.args(e, enpi),
                rs -> rs.getLong(1))
            .orElseThrow(() -> new NotFoundException("no EnPI " + enterprise + "/" + enpi));
    int current = EnpiVersions.currentVersion(c, enpiId);
    int v = version == null ? current : version;
    JsonObject snapshot = EnpiVersions.version(c, enpiId, v);
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
      String meter = ms.getJsonObject(i).getString("meter");
      meters.add(
          Sql.one(
              c,
              "SELECT ch.channel_id, s.time_zone FROM meter m"
                  + " JOIN site s USING (site_id)"
                  + " LEFT JOIN channel ch ON ch.meter_id = m.meter_id AND ch.name = ?"
                  + " WHERE m.enterprise_id = ? AND m.code = ?",
              Sql.args(Sql.text(ms.getJsonObject(i).getString("channel")), e, meter),
              rs -> {
                long channel = rs.getLong(1);
                if (rs.wasNull()) {
                  throw DomainException.conflict(
                      "meters", "meter " + meter + " has no energy channel: describe it first");
                }
                return new MeterSource(meter, channel, SiteZones.of(rs.getString(2)));
              }));
    }
    List<ProductSource> products = new ArrayList<>();
    for (String p : productCodes) {
      products.add(
          Sql.one(
              c,
              "SELECT p.product_id, l.code, s.site_id, s.time_zone FROM product p"
                  + " JOIN production_line l USING (line_id) JOIN site s ON s.site_id = l.site_id"
                  + " WHERE p.enterprise_id = ? AND p.code = ?",
              Sql.args(e, p),
              rs ->
                  new ProductSource(
                      p,
                      rs.getLong(1),
                      rs.getString(2),
                      rs.getLong(3),
                      SiteZones.of(rs.getString(4)))));
    }
    return new EnpiModel(e, enpiId, domain, definition, meters, products, v, current);
  }

  /** The enterprise with the given meters' descriptions in place of the current ones. */
  static Enterprise withMeters(Enterprise e, Map<String, Meter> frozen) {
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

  /** The id of site {@code site} of enterprise {@code enterpriseId}; empty when there is none. */
  static Optional<Long> siteId(Connection c, long enterpriseId, String site) throws SQLException {
    return Sql.first(
        c,
        "SELECT site_id FROM site WHERE enterprise_id = ? AND code = ?",
        Sql.args(enterpriseId, site),
        rs -> rs.getLong(1));
  }

  private record SiteRow(long id, String code, String zone) {}

  private record MeterRow(long siteId, Meter meter) {}

  /** A line and one of its products (null: a line without products). */
  private record LineRow(long siteId, String line, String name, Product product) {}

  /** The enterprise as the analytics domain sees it: sites, described meters, lines, products. */
  static Enterprise enterprise(Connection c, long e, String code) throws SQLException {
    List<SiteRow> sites =
        Sql.list(
            c,
            "SELECT site_id, code, time_zone FROM site WHERE enterprise_id = ? ORDER BY code",
            Sql.args(e),
            rs -> new SiteRow(rs.getLong(1), rs.getString(2), rs.getString(3)));
    Map<Long, List<Meter>> meters = new LinkedHashMap<>();
    for (MeterRow m :
        Sql.list(
            c,
            "SELECT site_id, code, carrier, energy_unit, role, boundary FROM meter"
                + " WHERE enterprise_id = ? AND carrier IS NOT NULL ORDER BY code",
            Sql.args(e),
            rs ->
                new MeterRow(
                    rs.getLong(1),
                    new Meter(
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        MeterRole.valueOf(rs.getString(5).toUpperCase(Locale.ROOT)),
                        rs.getString(6))))) {
      meters.computeIfAbsent(m.siteId(), k -> new ArrayList<>()).add(m.meter());
    }
    Map<Long, Map<String, ProductionLine>> lines = new LinkedHashMap<>();
    Map<String, List<Product>> products = new LinkedHashMap<>();
    Map<String, String> lineNames = new LinkedHashMap<>();
    Map<String, Long> lineSites = new LinkedHashMap<>();
    for (LineRow r :
        Sql.list(
            c,
            "SELECT l.site_id, l.code, l.name, p.code, p.name, p.unit FROM production_line l"
                + " LEFT JOIN product p USING (line_id) WHERE l.enterprise_id = ?"
                + " ORDER BY l.code, p.code",
            Sql.args(e),
            rs ->
                new LineRow(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4) == null
                        ? null
                        : new Product(
                            rs.getString(4), rs.getString(5), ProductUnit.of(rs.getString(6)))))) {
      lineNames.put(r.line(), r.name());
      lineSites.put(r.line(), r.siteId());
      List<Product> list = products.computeIfAbsent(r.line(), k -> new ArrayList<>());
      if (r.product() != null) {
        list.add(r.product());
      }
    }
    lineNames.forEach(
        (line, name) ->
            lines
                .computeIfAbsent(lineSites.get(line), k -> new LinkedHashMap<>())
                .put(line, new ProductionLine(line, name, products.get(line))));
    List<Site> domainSites = new ArrayList<>();
    for (SiteRow s : sites) {
      domainSites.add(
          new Site(
              s.code(),
              s.code(),
              SiteZones.of(s.zone()),
              meters.getOrDefault(s.id(), List.of()),
              List.copyOf(lines.getOrDefault(s.id(), Map.of()).values())));
    }
    // the VSIC code and district belong to programme reporting, not to an EnPI: "0" is a
    // placeholder that no EnPI computation reads
    return new Enterprise(code, code, "0", "", "", false, domainSites);
  }
}
