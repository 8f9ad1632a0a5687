package org.energytrace.ingest.enpi;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.model.TopicName;
import org.energytrace.ingest.store.Transactions;
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
    ZoneId id = zoneId(zone);
    Sql.with(
        dataSource,
        "setting the time zone of " + site,
        c -> {
          long e = Enterprises.id(c, scope, enterprise);
          if (Sql.update(
                  c,
                  "UPDATE site SET time_zone = ? WHERE enterprise_id = ? AND code = ?",
                  id.getId(),
                  e,
                  site)
              == 0) {
            throw new NotFoundException("no site " + enterprise + "/" + site);
          }
          return null;
        });
  }

  void putMeterEnergy(
      Scope scope,
      String enterprise,
      String meter,
      MeterEnergySpec spec,
      Author author,
      Instant now) {
    Transactions.run(
        dataSource,
        "describing meter " + meter,
        c -> {
          long e = Enterprises.id(c, scope, enterprise);
          String[] unitKind =
              Sql.first(
                      c,
                      "SELECT ch.unit, ch.kind FROM meter m JOIN channel ch USING (meter_id)"
                          + " WHERE m.enterprise_id = ? AND m.code = ? AND ch.name = ?",
                      Sql.args(e, meter, spec.channel()),
                      rs -> new String[] {rs.getString(1), rs.getString(2)})
                  .orElseThrow(
                      () ->
                          new NotFoundException(
                              "no channel "
                                  + spec.channel()
                                  + " of meter "
                                  + enterprise
                                  + "/"
                                  + meter));
          String channelUnit = unitKind[0];
          String kind = unitKind[1];
          if (!kind.equals("counter")) {
            throw DomainException.conflict(
                "channel",
                "channel " + spec.channel() + " is a " + kind + ", not an energy counter");
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
          Sql.update(
              c,
              "UPDATE meter SET carrier = ?, energy_unit = ?, role = ?, boundary = ?,"
                  + " energy_channel = ? WHERE enterprise_id = ? AND code = ?",
              spec.carrier(),
              spec.unit(),
              spec.role().name().toLowerCase(Locale.ROOT),
              spec.boundary(),
              spec.channel(),
              e,
              meter);
          List<Object[]> using =
              Sql.list(
                  c,
                  "SELECT n.enpi_id, n.code FROM enpi n JOIN enpi_meter em USING (enpi_id)"
                      + " JOIN meter m USING (meter_id) WHERE n.enterprise_id = ? AND m.code = ?"
                      + " ORDER BY n.code FOR UPDATE OF n",
                  Sql.args(e, meter),
                  rs -> new Object[] {rs.getLong(1), rs.getString(2)});
          for (Object[] u : using) {
            EnpiVersions.newVersionIfChanged(
                c, enterprise, (Long) u[0], (String) u[1], author, now);
          }
          return null;
        });
  }

  void putLine(Scope scope, String enterprise, String line, String site, String name) {
    PgEnpiStore.require("line", line, TopicName.ID.pattern());
    PgEnpiStore.require("site", site, TopicName.ID.pattern());
    Sql.with(
        dataSource,
        "registering line " + line,
        c -> {
          long e = Enterprises.id(c, scope, enterprise);
          long s =
              EnpiModels.siteId(c, e, site)
                  .orElseThrow(
                      () ->
                          DomainException.conflict(
                              "site", "no site '" + site + "' in " + enterprise));
          return Sql.update(
              c,
              "INSERT INTO production_line (enterprise_id, site_id, code, name) VALUES (?, ?, ?, ?)"
                  + " ON CONFLICT (enterprise_id, code) DO UPDATE SET site_id = excluded.site_id,"
                  + " name = excluded.name",
              e,
              s,
              line,
              name == null ? line : name);
        });
  }

  void putProduct(
      Scope scope, String enterprise, String product, String line, String name, String unit) {
    PgEnpiStore.require("product", product, TopicName.ID.pattern());
    ProductUnit u = productUnit(unit);
    Transactions.run(
        dataSource,
        "registering product " + product,
        c -> {
          long e = Enterprises.id(c, scope, enterprise);
          long l =
              Sql.first(
                      c,
                      "SELECT line_id FROM production_line WHERE enterprise_id = ? AND code = ?",
                      Sql.args(e, line),
                      rs -> rs.getLong(1))
                  .orElseThrow(
                      () ->
                          DomainException.conflict(
                              "line", "no line '" + line + "' in " + enterprise));
          Optional<String> stored =
              Sql.first(
                  c,
                  "SELECT p.unit FROM product p WHERE p.enterprise_id = ? AND p.code = ?"
                      + " AND EXISTS (SELECT 1 FROM production_quantity q"
                      + " WHERE q.product_id = p.product_id)",
                  Sql.args(e, product),
                  rs -> rs.getString(1));
          if (stored.isPresent() && !stored.get().equals(u.code())) {
            throw DomainException.conflict(
                "unit",
                "product "
                    + product
                    + " has production stored in "
                    + stored.get()
                    + "; its unit cannot change");
          }
          Sql.update(
              c,
              "INSERT INTO product (enterprise_id, line_id, code, name, unit) VALUES (?, ?, ?, ?, ?)"
                  + " ON CONFLICT (enterprise_id, code) DO UPDATE SET line_id = excluded.line_id,"
                  + " name = excluded.name, unit = excluded.unit",
              e,
              l,
              product,
              name == null ? product : name,
              u.code());
          return null;
        });
  }

  int putEnpi(
      Scope scope, String enterprise, String enpi, EnpiSpec spec, Instant now, Author author) {
    PgEnpiStore.require("enpi", enpi, TopicName.ID.pattern());
    return Transactions.run(
        dataSource,
        "storing EnPI " + enpi,
        c -> {
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
          long id =
              Sql.one(
                  c,
                  "INSERT INTO enpi (enterprise_id, code, name, scope_level, scope_ref, basis,"
                      + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                      + " ON CONFLICT (enterprise_id, code) DO UPDATE SET name = excluded.name,"
                      + " scope_level = excluded.scope_level, scope_ref = excluded.scope_ref,"
                      + " basis = excluded.basis, updated_at = excluded.updated_at"
                      + " RETURNING enpi_id",
                  Sql.args(
                      e,
                      enpi,
                      spec.name() == null ? enpi : spec.name(),
                      spec.level().name().toLowerCase(Locale.ROOT),
                      Sql.text(spec.scopeRef()),
                      spec.basis().name().toLowerCase(Locale.ROOT),
                      now),
                  rs -> rs.getLong(1));
          for (String table : List.of("enpi_meter", "enpi_product")) {
            Sql.update(c, "DELETE FROM " + table + " WHERE enpi_id = ?", id);
          }
          int pos = 0;
          for (MeterTerm t : spec.meters()) {
            Sql.update(
                c,
                "INSERT INTO enpi_meter (enpi_id, meter_id, sign, position)"
                    + " SELECT ?, meter_id, ?, ? FROM meter WHERE enterprise_id = ? AND code = ?",
                id,
                (short) t.sign(),
                pos++,
                e,
                Sql.text(t.meterId()));
          }
          pos = 0;
          for (String p : spec.products()) {
            Sql.update(
                c,
                "INSERT INTO enpi_product (enpi_id, product_id, position)"
                    + " SELECT ?, product_id, ? FROM product WHERE enterprise_id = ? AND code = ?",
                id,
                pos++,
                e,
                Sql.text(p));
          }
          int version = EnpiVersions.newVersionIfChanged(c, enterprise, id, enpi, author, now);
          return version;
        });
  }

  private static ZoneId zoneId(String zone) {
    try {
      return ZoneId.of(zone == null ? "" : zone);
    } catch (DateTimeException e) {
      throw DomainException.invalid("time_zone", "not an IANA time zone: '" + zone + "'");
    }
  }

  private static ProductUnit productUnit(String unit) {
    try {
      return ProductUnit.of(unit == null ? "" : unit);
    } catch (AnalyticsException ex) {
      throw DomainException.invalid("unit", ex.getMessage());
    }
  }
}
