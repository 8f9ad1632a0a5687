package org.energytrace.ingest.integrity;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.energytrace.analytics.integrity.DayDigest;
import org.energytrace.analytics.integrity.QuantityRow;
import org.energytrace.analytics.integrity.ReadingRow;
import org.energytrace.analytics.integrity.Sha256;
import org.energytrace.ingest.jdbc.Sql;

/**
 * The stored rows of a series as the seals hash them (docs/verification.md §3): a channel's
 * readings in the local days of the series' zone, a product's daily quantities, and their day
 * digests ({@link DayDigest}).
 */
final class SealRows {
  private SealRows() {}

  /** A day's digest and row count. */
  record Day(String digest, int rows) {
    static final Day EMPTY = new Day(Sha256.EMPTY, 0);
  }

  /** The digests of the days {@code from..to} recomputed from the stored rows (days with rows). */
  static Map<LocalDate, Day> days(Connection c, Series s, LocalDate from, LocalDate to)
      throws SQLException {
    Map<LocalDate, Day> out = new TreeMap<>();
    if (s.readings() || s.counts()) {
      List<ReadingRow> rows = timedRows(c, s, from, to);
      for (Map.Entry<LocalDate, List<ReadingRow>> e : DayDigest.byDay(rows, s.zone()).entrySet()) {
        out.put(e.getKey(), new Day(DayDigest.readings(e.getValue()), e.getValue().size()));
      }
    } else {
      for (QuantityRow q : quantityRows(c, s, from, to)) {
        out.put(q.day(), new Day(DayDigest.quantities(List.of(q)), 1));
      }
    }
    return out;
  }

  /**
   * The time-stamped rows of the local days {@code from..to} of the series' zone: a channel's
   * readings, or a gateway's production counts of one line and product hashed as reading rows (the
   * time, the quantity, the quality and, in the unit field, the unit with {@code ;cumulative} or
   * {@code ;interval} and {@code ;from=<period start in µs>} when given, so a count changed from
   * cumulative to interval, or its period moved, no longer matches its seal).
   */
  static List<ReadingRow> timedRows(Connection c, Series s, LocalDate from, LocalDate to)
      throws SQLException {
    // the series' own parameters come first, the bounds of the days after them
    String sql =
        s.counts()
            ? "SELECT ts, quantity, quality, unit, cumulative, period_start FROM production_count"
                + " WHERE enterprise_id = (SELECT enterprise_id FROM seal_series WHERE series = ?)"
                + " AND line = ? AND product = ? AND ts >= ? AND ts < ? ORDER BY ts"
            : "SELECT r.ts, r.value, r.quality, ch.unit FROM reading r"
                + " JOIN channel ch ON ch.channel_id = r.channel_id"
                + " WHERE r.channel_id = ? AND r.ts >= ? AND r.ts < ? ORDER BY r.ts";
    Object[] args =
        s.counts()
            ? new Object[] {Sql.text(s.id()), Sql.text(s.countLine()), Sql.text(s.countProduct())}
            : new Object[] {s.channelId()};
    return Sql.list(
        c,
        sql,
        ps -> {
          int at = Sql.bind(ps, 1, args);
          ps.setObject(at, Sql.utc(start(from, s.zone())));
          ps.setObject(at + 1, Sql.utc(start(to.plusDays(1), s.zone())));
          ps.setFetchSize(10_000);
        },
        rs ->
            new ReadingRow(
                micros(rs.getObject(1, OffsetDateTime.class).toInstant()),
                rs.getDouble(2),
                rs.getInt(3),
                s.counts() ? countUnit(rs) : rs.getString(4)));
  }

  /** A count's unit field: the unit, how it counts and the start of its period. */
  private static String countUnit(ResultSet rs) throws SQLException {
    OffsetDateTime periodStart = rs.getObject(6, OffsetDateTime.class);
    return rs.getString(4)
        + (rs.getBoolean(5) ? ";cumulative" : ";interval")
        + (periodStart == null ? "" : ";from=" + micros(periodStart.toInstant()));
  }

  static List<QuantityRow> quantityRows(Connection c, Series s, LocalDate from, LocalDate to)
      throws SQLException {
    return Sql.list(
        c,
        "SELECT q.day, q.quantity, p.unit FROM production_quantity q"
            + " JOIN product p ON p.product_id = q.product_id"
            + " WHERE q.product_id = ? AND q.day BETWEEN ? AND ? ORDER BY q.day",
        Sql.args(s.productId(), from, to),
        rs -> new QuantityRow(rs.getObject(1, LocalDate.class), rs.getDouble(2), rs.getString(3)));
  }

  private static Instant start(LocalDate day, ZoneId zone) {
    return day.atStartOfDay(zone).toInstant();
  }

  static long micros(Instant t) {
    return Math.multiplyExact(t.getEpochSecond(), 1_000_000L) + t.getNano() / 1_000L;
  }
}
