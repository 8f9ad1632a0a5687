package org.energytrace.ingest.integrity;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.energytrace.analytics.integrity.Seal;
import org.energytrace.ingest.jdbc.Sql;

/**
 * The sealed series in PostgreSQL ({@code seal_series}) and their links ({@code seal_link}): finds
 * new series (every channel with readings, every product with production quantities, every
 * gateway's line and product with counts), reads them (an enterprise's, one, an EnPI's) and a
 * series' chain. Blocking: call from worker threads, on the caller's connection.
 */
final class PgSealSeries {
  private PgSealSeries() {}

  static void discover(Connection c) throws SQLException {
    // the first day of a series is the local day of its first row; nothing is sealed yet
    Sql.update(
        c,
        "INSERT INTO seal_series (series, enterprise_id, kind, channel_id, time_zone,"
            + " sealed_from, sealed_through, last_seal)"
            + " SELECT 'ch-' || f.channel_id, f.enterprise_id, 'reading', f.channel_id,"
            + " f.zone, (f.first AT TIME ZONE f.zone)::date,"
            + " (f.first AT TIME ZONE f.zone)::date - 1, repeat('0', 64)"
            + " FROM (SELECT ch.channel_id, m.enterprise_id, s.time_zone AS zone,"
            + " (SELECT min(r.ts) FROM reading r WHERE r.channel_id = ch.channel_id) AS first"
            + " FROM channel ch JOIN meter m ON m.meter_id = ch.meter_id"
            + " JOIN site s ON s.site_id = m.site_id WHERE NOT EXISTS"
            + " (SELECT 1 FROM seal_series x WHERE x.channel_id = ch.channel_id)) f"
            + " WHERE f.first IS NOT NULL ON CONFLICT DO NOTHING");
    Sql.update(
        c,
        "INSERT INTO seal_series (series, enterprise_id, kind, product_id, time_zone,"
            + " sealed_from, sealed_through, last_seal)"
            + " SELECT 'prod-' || f.product_id, f.enterprise_id, 'quantity', f.product_id,"
            + " f.zone, f.first, f.first - 1, repeat('0', 64)"
            + " FROM (SELECT p.product_id, p.enterprise_id, s.time_zone AS zone,"
            + " (SELECT min(q.day) FROM production_quantity q"
            + " WHERE q.product_id = p.product_id) AS first"
            + " FROM product p JOIN production_line l ON l.line_id = p.line_id"
            + " JOIN site s ON s.site_id = l.site_id WHERE NOT EXISTS"
            + " (SELECT 1 FROM seal_series x WHERE x.product_id = p.product_id)) f"
            + " WHERE f.first IS NOT NULL ON CONFLICT DO NOTHING");
    // production counts from the gateways: one series per enterprise, line and product, in the
    // zone of the site of its first count
    Sql.update(
        c,
        "INSERT INTO seal_series (series, enterprise_id, kind, count_line, count_product,"
            + " time_zone, sealed_from, sealed_through, last_seal)"
            + " SELECT 'cnt-' || f.enterprise_id || '-' || f.line || '-' || f.product,"
            + " f.enterprise_id, 'count', f.line, f.product, s.time_zone,"
            + " (f.first AT TIME ZONE s.time_zone)::date,"
            + " (f.first AT TIME ZONE s.time_zone)::date - 1, repeat('0', 64)"
            + " FROM (SELECT DISTINCT ON (pc.enterprise_id, pc.line, pc.product)"
            + " pc.enterprise_id, pc.line, pc.product, pc.site_id, pc.ts AS first"
            + " FROM production_count pc WHERE NOT EXISTS (SELECT 1 FROM seal_series x"
            + " WHERE x.kind = 'count' AND x.enterprise_id = pc.enterprise_id"
            + " AND x.count_line = pc.line AND x.count_product = pc.product)"
            + " ORDER BY pc.enterprise_id, pc.line, pc.product, pc.ts) f"
            + " JOIN site s ON s.site_id = f.site_id WHERE s.time_zone IS NOT NULL"
            + " ON CONFLICT DO NOTHING");
  }

  private static final String SERIES =
      "SELECT x.series, e.code, x.kind, x.channel_id, x.product_id, x.time_zone, x.sealed_from,"
          + " x.sealed_through, x.last_seal,"
          + " coalesce(m.code || '/' || ch.name, p.code, x.count_line || '/' || x.count_product),"
          + " x.count_line, x.count_product FROM seal_series x"
          + " JOIN enterprise e ON e.enterprise_id = x.enterprise_id"
          + " LEFT JOIN channel ch ON ch.channel_id = x.channel_id"
          + " LEFT JOIN meter m ON m.meter_id = ch.meter_id"
          + " LEFT JOIN product p ON p.product_id = x.product_id";

  /** Reads a row of {@link #SERIES}. */
  private static final Sql.Row<Series> SERIES_ROW =
      rs ->
          new Series(
              rs.getString(1),
              rs.getString(2),
              rs.getString(3),
              rs.getLong(4),
              rs.getLong(5),
              ZoneId.of(rs.getString(6)),
              rs.getObject(7, LocalDate.class),
              rs.getObject(8, LocalDate.class),
              rs.getString(9),
              rs.getString(10),
              rs.getString(11),
              rs.getString(12));

  /** The series of an enterprise (null: all), readings first, in series order. */
  static List<Series> all(Connection c, String enterprise) throws SQLException {
    return Sql.list(
        c,
        SERIES
            + " WHERE (?::text IS NULL OR e.code = ?)"
            + " ORDER BY e.code, x.kind, x.channel_id, x.product_id",
        Sql.args(Sql.text(enterprise), Sql.text(enterprise)),
        SERIES_ROW);
  }

  static Series one(Connection c, String id) throws SQLException {
    return Sql.list(c, SERIES + " WHERE x.series = ?", Sql.args(Sql.text(id)), SERIES_ROW).get(0);
  }

  /** Series {@code id}, its row locked for this transaction. */
  static Series lock(Connection c, String id) throws SQLException {
    Sql.first(
        c,
        "SELECT 1 FROM seal_series WHERE series = ? FOR UPDATE",
        Sql.args(Sql.text(id)),
        rs -> Boolean.TRUE);
    return one(c, id);
  }

  /**
   * The series of the meters and products of the EnPI's version {@code enpiVersion}, and the
   * gateways' production counts of its products.
   */
  static List<Series> ofEnpi(Connection c, long enpiId, int enpiVersion) throws SQLException {
    return Sql.list(
        c,
        SERIES
            // the meters and products of the EnPI's version enpiVersion (frozen by its
            // baseline, docs/verification.md §1.4)
            + " WHERE x.channel_id IN (SELECT c2.channel_id FROM enpi_version v"
            + " JOIN enpi n ON n.enpi_id = v.enpi_id"
            + " CROSS JOIN jsonb_array_elements(v.definition -> 'meters') t"
            + " JOIN meter m2 ON m2.enterprise_id = n.enterprise_id"
            + " AND m2.code = t ->> 'meter'"
            + " JOIN channel c2 ON c2.meter_id = m2.meter_id"
            + " WHERE v.enpi_id = ? AND v.version = ?)"
            + " OR x.product_id IN (SELECT p2.product_id FROM enpi_version v"
            + " JOIN enpi n ON n.enpi_id = v.enpi_id"
            + " CROSS JOIN jsonb_array_elements_text(v.definition -> 'products') pc(code)"
            + " JOIN product p2 ON p2.enterprise_id = n.enterprise_id AND p2.code = pc.code"
            + " WHERE v.enpi_id = ? AND v.version = ?)"
            // the gateways' counts of those products (their line's and the product's codes),
            // whence the days without an entered quantity take their production
            + " OR (x.kind = 'count' AND (x.enterprise_id, x.count_line, x.count_product) IN"
            + " (SELECT n.enterprise_id, l3.code, p3.code FROM enpi_version v"
            + " JOIN enpi n ON n.enpi_id = v.enpi_id"
            + " CROSS JOIN jsonb_array_elements_text(v.definition -> 'products') pc(code)"
            + " JOIN product p3 ON p3.enterprise_id = n.enterprise_id AND p3.code = pc.code"
            + " JOIN production_line l3 ON l3.line_id = p3.line_id"
            + " WHERE v.enpi_id = ? AND v.version = ?))"
            + " ORDER BY x.kind, x.channel_id, x.product_id, x.series",
        Sql.args(enpiId, enpiVersion, enpiId, enpiVersion, enpiId, enpiVersion),
        SERIES_ROW);
  }

  /** A series' links in chain order. */
  static List<Seal> chain(Connection c, String id) throws SQLException {
    return Sql.list(
        c,
        "SELECT day, revision, prev_seal, digest, seal, rows, reason FROM seal_link"
            + " WHERE series = ? ORDER BY link_id",
        Sql.args(Sql.text(id)),
        rs ->
            new Seal(
                id,
                rs.getObject(1, LocalDate.class),
                rs.getInt(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getInt(6),
                rs.getString(7)));
  }
}
