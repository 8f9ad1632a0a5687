package org.energytrace.ingest.enpi;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.energytrace.analytics.domain.EnpiBasis;
import org.energytrace.analytics.domain.EnpiDefinition;
import org.energytrace.analytics.domain.EnpiScope;
import org.energytrace.analytics.domain.Enterprise;
import org.energytrace.analytics.domain.MeterRole;
import org.energytrace.analytics.domain.MeterTerm;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.errors.NotFoundException;
import org.energytrace.ingest.jdbc.Sql;
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
  private final PgEnpiWrites writes;

  public PgEnpiStore(DataSource dataSource) {
    this.dataSource = dataSource;
    this.writes = new PgEnpiWrites(dataSource);
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
    writes.putSiteTimeZone(scope, enterprise, site, zone);
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
    writes.putMeterEnergy(scope, enterprise, meter, spec, author, now);
  }

  public void putLine(Scope scope, String enterprise, String line, String site, String name) {
    writes.putLine(scope, enterprise, line, site, name);
  }

  /**
   * Creates or updates a product. Its unit cannot change once production is stored for it (the
   * stored quantities would change meaning).
   */
  public void putProduct(
      Scope scope, String enterprise, String product, String line, String name, String unit) {
    writes.putProduct(scope, enterprise, product, line, name, unit);
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
    return writes.putEnpi(scope, enterprise, enpi, spec, now, author);
  }

  // ---- reads ----

  public List<MeterEnergyView> energyMeters(Scope scope, String enterprise) {
    return ofEnterprise(
        "listing energy meters of " + enterprise,
        scope,
        enterprise,
        "SELECT m.code, s.code, m.carrier, m.energy_unit, m.role, m.boundary,"
            + " m.energy_channel FROM meter m JOIN site s USING (site_id)"
            + " WHERE m.enterprise_id = ? ORDER BY m.code",
        rs ->
            new MeterEnergyView(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7)));
  }

  /**
   * Every row of {@code sql} on one pooled connection, bound to the id of {@code enterprise} in
   * {@code scope} and then {@code more}.
   */
  private <T> List<T> ofEnterprise(
      String what, Scope scope, String enterprise, String sql, Sql.Row<T> row, Object... more) {
    return Sql.with(
        dataSource,
        what,
        c -> {
          long e = Enterprises.id(c, scope, enterprise);
          return Sql.list(c, sql, ps -> Sql.bind(ps, Sql.bind(ps, 1, e), more), row);
        });
  }

  /** A line and one of its products (null: a line without products). */
  private record LineRow(String line, String site, String name, ProductView product) {}

  public List<LineView> lines(Scope scope, String enterprise) {
    Map<String, LineView> lines = new LinkedHashMap<>();
    for (LineRow r :
        ofEnterprise(
            "listing lines of " + enterprise,
            scope,
            enterprise,
            "SELECT l.code, s.code, l.name, p.code, p.name, p.unit FROM production_line l"
                + " JOIN site s USING (site_id) LEFT JOIN product p USING (line_id)"
                + " WHERE l.enterprise_id = ? ORDER BY l.code, p.code",
            rs ->
                new LineRow(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4) == null
                        ? null
                        : new ProductView(rs.getString(4), rs.getString(5), rs.getString(6))))) {
      LineView v =
          lines.computeIfAbsent(
              r.line(), k -> new LineView(k, r.site(), r.name(), new ArrayList<>()));
      if (r.product() != null) {
        v.products().add(r.product());
      }
    }
    return List.copyOf(lines.values());
  }

  /** An EnPI's id and its view (meters and products still to add). */
  private record IdView(long id, EnpiView view) {}

  public List<EnpiView> enpis(Scope scope, String enterprise) {
    return Sql.with(
        dataSource,
        "listing EnPIs of " + enterprise,
        c -> {
          List<IdView> rows =
              Sql.list(
                  c,
                  "SELECT enpi_id, code, name, scope_level, scope_ref, basis, updated_at,"
                      + " (SELECT coalesce(max(version), 0) FROM enpi_version v"
                      + " WHERE v.enpi_id = enpi.enpi_id) FROM enpi"
                      + " WHERE enterprise_id = ? ORDER BY code",
                  Sql.args(Enterprises.id(c, scope, enterprise)),
                  rs ->
                      new IdView(
                          rs.getLong(1),
                          new EnpiView(
                              rs.getString(2),
                              rs.getString(3),
                              rs.getString(4),
                              rs.getString(5),
                              rs.getString(6),
                              new ArrayList<>(),
                              new ArrayList<>(),
                              rs.getObject(7, OffsetDateTime.class).toInstant(),
                              rs.getInt(8))));
          List<EnpiView> out = new ArrayList<>();
          for (IdView r : rows) {
            r.view().meters().addAll(EnpiVersions.terms(c, r.id()));
            r.view().products().addAll(EnpiVersions.products(c, r.id()));
            out.add(r.view());
          }
          return out;
        });
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
    return Sql.with(
        dataSource,
        "loading EnPI " + enpi,
        c -> EnpiModels.load(c, Enterprises.id(c, scope, enterprise), enterprise, enpi, version));
  }

  /** One stored version of an EnPI (docs/verification.md §1.4). */
  public record VersionView(
      int version, JsonObject definition, String createdBy, Instant createdAt) {}

  /** Every version of an EnPI, oldest first. */
  public List<VersionView> versions(Scope scope, String enterprise, String enpi) {
    // one row with nulls for an EnPI without versions; none for no EnPI
    List<VersionView> out =
        ofEnterprise(
            "listing versions of EnPI " + enpi,
            scope,
            enterprise,
            "SELECT v.version, v.definition::text, v.created_by, v.created_at"
                + " FROM enpi n LEFT JOIN enpi_version v USING (enpi_id)"
                + " WHERE n.enterprise_id = ? AND n.code = ? ORDER BY v.version",
            rs ->
                rs.getString(2) == null
                    ? null
                    : new VersionView(
                        rs.getInt(1),
                        new JsonObject(rs.getString(2)),
                        rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant()),
            enpi);
    if (out.isEmpty()) {
      throw new NotFoundException("no EnPI " + enterprise + "/" + enpi);
    }
    out.removeIf(Objects::isNull);
    return out;
  }

  // ---- versions ----

  // ---- helpers ----

  static void require(String field, String value, String regex) {
    if (value == null || !value.matches(regex)) {
      throw DomainException.invalid(field, field + " '" + value + "' does not match " + regex);
    }
  }
}
