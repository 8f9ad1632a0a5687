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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.domain.EnpiBuilder;
import org.energytrace.analytics.domain.EnpiDefinition;
import org.energytrace.analytics.domain.EnpiScope;
import org.energytrace.analytics.domain.Enterprise;
import org.energytrace.analytics.domain.MeterTerm;
import org.energytrace.analytics.domain.ProductUnit;
import org.energytrace.analytics.units.ConversionTable;
import org.energytrace.ingest.enpi.PgEnpiStore.Author;
import org.energytrace.ingest.enpi.PgEnpiStore.EnpiSpec;
import org.energytrace.ingest.enpi.PgEnpiStore.MeterEnergySpec;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.errors.NotFoundException;
import org.energytrace.ingest.errors.StoreException;
import org.energytrace.ingest.model.TopicName;
import org.energytrace.ingest.tenant.Enterprises;
import org.energytrace.ingest.tenant.Scope;

/**
 * The writes behind {@link PgEnpiStore}: a site's time zone, a meter's energy description, lines,
 * products and EnPI definitions, each in one transaction; a change that alters an EnPI's definition
 * stores a new version ({@link EnpiVersions}). Blocking: call from worker threads.
 */
final class PgEnpiWrites {
  private final DataSource dataSource;

  PgEnpiWrites(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  void putSiteTimeZone(Scope scope, String enterprise, String site, String zone) {
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

  void putMeterEnergy(
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
        EnpiVersions.newVersionIfChanged(c, enterprise, (Long) u[0], (String) u[1], author, now);
      }
      c.commit();
    } catch (SQLException ex) {
      throw StoreException.of("describing meter " + meter, ex);
    }
  }

  void putLine(Scope scope, String enterprise, String line, String site, String name) {
    PgEnpiStore.require("line", line, TopicName.ID.pattern());
    PgEnpiStore.require("site", site, TopicName.ID.pattern());
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

  void putProduct(
      Scope scope, String enterprise, String product, String line, String name, String unit) {
    PgEnpiStore.require("product", product, TopicName.ID.pattern());
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

  int putEnpi(
      Scope scope, String enterprise, String enpi, EnpiSpec spec, Instant now, Author author) {
    PgEnpiStore.require("enpi", enpi, TopicName.ID.pattern());
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      long e = Enterprises.id(c, scope, enterprise);
      Enterprise domain = EnpiModels.enterprise(c, e, enterprise);
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
      int version = EnpiVersions.newVersionIfChanged(c, enterprise, id, enpi, author, now);
      c.commit();
      return version;
    } catch (SQLException ex) {
      throw StoreException.of("storing EnPI " + enpi, ex);
    }
  }

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
}
