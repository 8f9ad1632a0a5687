package org.energytrace.ingest.dashboard;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.energytrace.ingest.errors.NotFoundException;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.model.Quality;
import org.energytrace.ingest.tenant.Enterprises;
import org.energytrace.ingest.tenant.Scope;

/**
 * What the dashboards read in one go: per meter its newest power reading, newest reading of any
 * channel (last seen) and today's interval energy with the share of the day covered. "Today" is the
 * local day of the meter's site (UTC when the site has no time zone).
 */
public final class PgDashboard {
  private final DataSource dataSource;

  public PgDashboard(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** A meter as the overview shows it. */
  public record MeterState(
      String site,
      String timeZone,
      boolean published,
      String meter,
      String carrier,
      Instant lastSeen,
      String powerChannel,
      Double powerKw,
      Instant powerTs,
      Quality powerQuality,
      String energyChannel,
      String energyUnit,
      String energyMeteredUnit,
      Double energyToday,
      double coveredSeconds,
      Instant dayStart) {}

  /** The sites with a code and time zone. */
  public record SiteView(String site, String timeZone, boolean published) {}

  /**
   * Every meter of the enterprise (only of {@code site} when not null) within the scope.
   *
   * @throws NotFoundException when the enterprise is unknown or out of scope
   */
  public List<MeterState> meters(Scope scope, String enterprise, String site, Instant now) {
    // the start of the site's local day (issue 12: days are the site's calendar; V41 gave every
    // site a zone, Asia/Ho_Chi_Minh by default)
    String day =
        "(date_trunc('day', ?::timestamptz AT TIME ZONE s.time_zone) AT TIME ZONE s.time_zone)";
    String sql =
        "SELECT s.code, s.time_zone, s.published, m.code, m.carrier,"
            + " (SELECT max(r.ts) FROM channel c2, LATERAL (SELECT ts FROM reading"
            + "    WHERE reading.channel_id = c2.channel_id ORDER BY ts DESC LIMIT 1) r"
            + "  WHERE c2.meter_id = m.meter_id) AS last_seen,"
            + " p.name, p.ts, p.value, p.quality,"
            + " en.name, en.unit, en.original_unit, en.energy, en.covered, "
            + day
            + " AS day_start"
            + " FROM meter m JOIN site s ON s.site_id = m.site_id"
            + " JOIN enterprise e ON e.enterprise_id = m.enterprise_id"
            + " LEFT JOIN LATERAL (SELECT c.name, r.ts, r.value, r.quality FROM channel c,"
            + "   LATERAL (SELECT ts, value, quality FROM reading"
            + "     WHERE reading.channel_id = c.channel_id ORDER BY ts DESC LIMIT 1) r"
            + "   WHERE c.meter_id = m.meter_id AND c.kind = 'gauge' AND c.unit = 'KWT'"
            + "   ORDER BY (c.name = 'AcActivePowerTotal') DESC, r.ts DESC LIMIT 1) p ON true"
            + " LEFT JOIN LATERAL (SELECT c.name, c.unit, c.original_unit,"
            + "   sum(i.energy * extract(epoch FROM least(i.ts_end, ?::timestamptz)"
            + "       - greatest(i.ts_start, "
            + day
            + "))"
            + "     / nullif(extract(epoch FROM i.ts_end - i.ts_start), 0)) AS energy,"
            + "   coalesce(sum(extract(epoch FROM least(i.ts_end, ?::timestamptz)"
            + "       - greatest(i.ts_start, "
            + day
            + "))), 0) AS covered"
            + "   FROM channel c LEFT JOIN interval_energy i ON i.channel_id = c.channel_id"
            + "     AND i.ts_end > "
            + day
            + " AND i.ts_start < ?::timestamptz"
            + "   WHERE c.meter_id = m.meter_id AND c.kind = 'counter'"
            + "   GROUP BY c.name, c.unit, c.original_unit"
            + "   ORDER BY (c.name = coalesce(m.energy_channel, '')) DESC,"
            + "     (c.unit = 'KWH') DESC, c.name LIMIT 1) en ON true"
            + " WHERE e.code = ? AND (?::text IS NULL OR s.code = ?) AND "
            + Scope.SQL_SITE.formatted("e.code", "s.code")
            + " ORDER BY s.code, m.code";
    Timestamp t = Timestamp.from(now);
    return Sql.with(
        dataSource,
        "reading the overview",
        c -> {
          List<MeterState> out =
              Sql.list(
                  c,
                  sql,
                  ps ->
                      scope.bind(
                          c,
                          ps,
                          Sql.bind(
                              ps,
                              1,
                              t, // day_start
                              t,
                              t, // day in energy
                              t,
                              t, // day in covered
                              t, // day in join
                              t,
                              Sql.text(enterprise),
                              Sql.text(site),
                              Sql.text(site))),
                  PgDashboard::meterState);
          if (out.isEmpty()) {
            // an enterprise without meters still has an overview; an unknown one does not
            sites(c, scope, enterprise);
          }
          return out;
        });
  }

  private static MeterState meterState(ResultSet rs) throws SQLException {
    OffsetDateTime lastSeen = rs.getObject(6, OffsetDateTime.class);
    OffsetDateTime powerTs = rs.getObject(8, OffsetDateTime.class);
    double energy = rs.getDouble(14);
    boolean noEnergy = rs.wasNull();
    return new MeterState(
        rs.getString(1),
        rs.getString(2),
        rs.getBoolean(3),
        rs.getString(4),
        rs.getString(5),
        lastSeen == null ? null : lastSeen.toInstant(),
        rs.getString(7),
        powerTs == null ? null : rs.getDouble(9),
        powerTs == null ? null : powerTs.toInstant(),
        powerTs == null ? null : Quality.fromCode(rs.getInt(10)),
        rs.getString(11),
        rs.getString(12),
        rs.getString(13),
        rs.getString(11) == null || noEnergy ? null : energy,
        rs.getDouble(15),
        rs.getObject(16, OffsetDateTime.class).toInstant());
  }

  /** The sites of an enterprise within scope; NotFoundException when none is. */
  public List<SiteView> sites(Scope scope, String enterprise) {
    return Sql.with(dataSource, "listing sites", c -> sites(c, scope, enterprise));
  }

  private static List<SiteView> sites(Connection c, Scope scope, String enterprise)
      throws SQLException {
    String sql =
        "SELECT s.code, s.time_zone, s.published FROM site s"
            + " JOIN enterprise e ON e.enterprise_id = s.enterprise_id"
            + " WHERE e.code = ? AND "
            + Scope.SQL_SITE.formatted("e.code", "s.code")
            + " ORDER BY s.code";
    Map<String, SiteView> out = new LinkedHashMap<>();
    for (SiteView v :
        Sql.list(
            c,
            sql,
            ps -> scope.bind(c, ps, Sql.bind(ps, 1, Sql.text(enterprise))),
            rs -> new SiteView(rs.getString(1), rs.getString(2), rs.getBoolean(3)))) {
      out.put(v.site(), v);
    }
    if (out.isEmpty() && !scope.permits(enterprise)) {
      // a scope of some sites only (the showcase reads with one of exactly its site): the site
      // is not found, whatever the enterprise
      throw new NotFoundException("not found");
    }
    if (out.isEmpty() && !enterpriseExists(c, enterprise)) {
      throw new NotFoundException("enterprise " + enterprise + " not found");
    }
    return List.copyOf(out.values());
  }

  /**
   * The enterprise's legal name in the programme registry, empty for an enterprise the registry
   * does not hold. The caller has already been let see the enterprise.
   */
  public Optional<String> enterpriseName(String enterprise) {
    return Sql.with(
        dataSource, "reading the enterprise's name", c -> Enterprises.legalName(c, enterprise));
  }

  /** A line and product the gateways counted that the enterprise has not declared. */
  public record Undeclared(String line, String product, long counts, Instant last) {}

  /**
   * The lines and products the gateways counted in the 30 days before {@code now} that are not a
   * product the enterprise declared (at most 20, the latest first): a typo in a gateway's
   * production mapping ("canbeer") was stored and fed nothing, with no trace anywhere. The caller
   * has already been let see the enterprise.
   */
  public List<Undeclared> undeclaredProduction(Scope scope, String enterprise, Instant now) {
    return Sql.with(
        dataSource,
        "reading undeclared production counts",
        c ->
            Sql.list(
                c,
                "SELECT pc.line, pc.product, count(*), max(pc.ts) FROM production_count pc"
                    + " JOIN enterprise e ON e.enterprise_id = pc.enterprise_id"
                    + " JOIN site s ON s.site_id = pc.site_id"
                    + " WHERE e.code = ? AND pc.ts >= ? AND "
                    + Scope.SQL_SITE.formatted("e.code", "s.code")
                    + " AND NOT EXISTS (SELECT 1 FROM product p"
                    + " WHERE p.enterprise_id = pc.enterprise_id AND p.code = pc.product)"
                    + " GROUP BY pc.line, pc.product"
                    + " ORDER BY max(pc.ts) DESC, pc.line, pc.product LIMIT 20",
                ps ->
                    scope.bind(
                        c,
                        ps,
                        Sql.bind(
                            ps,
                            1,
                            Sql.text(enterprise),
                            Timestamp.from(now.minus(Duration.ofDays(30))))),
                rs ->
                    new Undeclared(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getLong(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant())));
  }

  /**
   * The enterprise's gateways whose site is in scope, with their message numbers missing below
   * numbers that arrived at or before {@code before}. The caller has already been let see the
   * enterprise.
   */
  List<GatewayStates.GatewayState> gateways(Scope scope, String enterprise, Instant before) {
    return Sql.with(
        dataSource,
        "reading the gateways' state",
        c -> GatewayStates.read(c, scope, enterprise, before));
  }

  private static boolean enterpriseExists(Connection c, String enterprise) throws SQLException {
    return Sql.first(
            c,
            "SELECT 1 FROM enterprise WHERE code = ?",
            Sql.args(Sql.text(enterprise)),
            rs -> true)
        .isPresent();
  }
}
