package org.energytrace.ingest.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import javax.sql.DataSource;
import org.energytrace.ingest.errors.NotFoundException;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.model.Quality;
import org.energytrace.ingest.tenant.Scope;

/**
 * A channel's series for the HTTP API: raw readings or interval energy, and buckets of 15 min, 1 h
 * (from the rollups) or a local day of the site's zone. Scoped like every read ({@link Scope}).
 * Blocking: call from worker threads only.
 */
public final class PgSeriesQueries {
  private final DataSource dataSource;

  public PgSeriesQueries(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** One row of a series; which kind depends on the channel's kind and the resolution. */
  public sealed interface SeriesRow permits ReadingRow, GaugeBucket, IntervalView, EnergyBucket {}

  /** A raw reading of a gauge. */
  public record ReadingRow(Instant ts, double value, Quality quality) implements SeriesRow {}

  /**
   * Statistics of a gauge's readings (quality good or uncertain) in one bucket.
   *
   * @param date the local date of a day bucket ({@code 1d}), null for 15m and 1h
   */
  public record GaugeBucket(
      Instant bucket, LocalDate date, long readings, double min, double max, double avg)
      implements SeriesRow {}

  /** Energy consumed in {@code (start, end]}, derived from a counter. */
  public record IntervalView(Instant start, Instant end, double energy, String how)
      implements SeriesRow {}

  /**
   * Interval energy of a counter booked in one bucket (by the interval's start).
   *
   * @param date the local date of a day bucket ({@code 1d}), null for 15m and 1h
   */
  public record EnergyBucket(Instant bucket, LocalDate date, double energy, long intervals)
      implements SeriesRow {}

  /**
   * A channel's rows over a range at a resolution.
   *
   * @param zone the site's time zone, whose local days make the {@code 1d} buckets
   */
  public record Series(
      String kind, String unit, Resolution resolution, ZoneId zone, List<SeriesRow> rows) {}

  /**
   * A channel's series with {@code from <= ts < to} (raw) or buckets starting in {@code [from,
   * to)}: a gauge gives readings or bucket statistics, a counter gives interval energy or energy
   * per bucket. Buckets come from the rollups at 15m and 1h, so the answer is the same whoever
   * keeps them (TimescaleDB or the service); a {@code 1d} bucket is a local day of the site's zone
   * (the days whose local midnight lies in {@code [from, to)}), summed from the hourly rollup, or
   * from the 15-minute one where the zone's offset is not a whole number of hours.
   *
   * @throws NotFoundException when the meter or channel is unknown or out of scope
   */
  public Series series(
      Scope scope,
      String enterprise,
      String meter,
      String channel,
      Resolution resolution,
      Instant from,
      Instant to,
      int limit) {
    return Sql.with(
        dataSource,
        "reading a series",
        c -> {
          ScopedChannel ch = ScopedChannel.find(c, scope, enterprise, meter, channel);
          boolean counter = "counter".equals(ch.kind());
          String sql;
          Sql.Row<SeriesRow> row;
          if (resolution == Resolution.RAW) {
            sql =
                counter
                    ? "SELECT ts_start, ts_end, energy, how FROM interval_energy WHERE channel_id = ?"
                        + " AND ts_start >= ? AND ts_start < ? ORDER BY ts_start LIMIT ?"
                    : "SELECT ts, value, quality FROM reading WHERE channel_id = ?"
                        + " AND ts >= ? AND ts < ? ORDER BY ts LIMIT ?";
            row =
                counter
                    ? rs ->
                        new IntervalView(
                            instant(rs, 1), instant(rs, 2), rs.getDouble(3), rs.getString(4))
                    : rs ->
                        new ReadingRow(
                            instant(rs, 1), rs.getDouble(2), Quality.fromCode(rs.getInt(3)));
          } else if (resolution == Resolution.D1) {
            return localDays(c, ch, from, to, limit);
          } else if (counter) {
            // marks are rare (a counter event not yet refreshed into TimescaleDB's aggregates): the
            // plain rollup query reads the index in bucket order and stops at the limit
            sql =
                pendingSince(c, ch.channelId())
                    ? energyBuckets(resolution)
                    : "SELECT bucket, energy, intervals FROM energy_"
                        + resolution.wire()
                        + " WHERE channel_id = ? AND bucket >= ? AND bucket < ? ORDER BY bucket"
                        + " LIMIT ?";
            row = rs -> energyBucket(instant(rs, 1), null, rs);
          } else {
            sql =
                "SELECT bucket, readings, value_min, value_max, value_sum / readings FROM reading_"
                    + resolution.wire()
                    + " WHERE channel_id = ? AND bucket >= ? AND bucket < ? ORDER BY bucket LIMIT ?";
            row = rs -> gaugeBucket(instant(rs, 1), null, rs);
          }
          List<SeriesRow> rows = Sql.list(c, sql, Sql.args(ch.channelId(), from, to, limit), row);
          return new Series(ch.kind(), ch.unit(), resolution, ch.zone(), rows);
        });
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    return rs.getObject(column, OffsetDateTime.class).toInstant();
  }

  /** An energy bucket from the columns energy (2) and intervals (3). */
  private static EnergyBucket energyBucket(Instant bucket, LocalDate date, ResultSet rs)
      throws SQLException {
    return new EnergyBucket(bucket, date, rs.getDouble(2), rs.getLong(3));
  }

  /** A gauge bucket from the columns readings (2), min (3), max (4) and average (5). */
  private static GaugeBucket gaugeBucket(Instant bucket, LocalDate date, ResultSet rs)
      throws SQLException {
    return new GaugeBucket(
        bucket, date, rs.getLong(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5));
  }

  /**
   * Energy per bucket of a channel from its rollup, except from a pending mark on (a counter event
   * recorded since the last refresh of TimescaleDB's aggregates, {@code energy_rollup_pending}):
   * those buckets are aggregated from the raw intervals, so the event shows at its commit.
   * Parameters: channel, from, to, limit (as the other series queries).
   */
  static String energyBuckets(Resolution r) {
    return PARAMS + energyUnion(r) + " ORDER BY 1 LIMIT ?";
  }

  /** Whether a counter event of the channel is marked pending (energy_rollup_pending). */
  private static boolean pendingSince(Connection c, long channelId) throws SQLException {
    return Sql.first(
            c,
            "SELECT 1 FROM energy_rollup_pending WHERE channel_id = ? LIMIT 1",
            Sql.args(channelId),
            rs -> Boolean.TRUE)
        .isPresent();
  }

  /** The channel and range of a query ({@code p.channel_id}, {@code p.lo}, {@code p.hi}). */
  private static final String PARAMS =
      "WITH p AS (SELECT ?::int8 AS channel_id, ?::timestamptz AS lo, ?::timestamptz AS hi)";

  /** Energy buckets (bucket, energy, intervals) of p's channel starting in [p.lo, p.hi). */
  private static String energyUnion(Resolution r) {
    String pending =
        "(SELECT "
            + Rollups.bucket(r, "min(since)")
            + " FROM energy_rollup_pending WHERE channel_id = p.channel_id)";
    return " SELECT bucket, energy, intervals FROM energy_"
        + r.wire()
        + " e, p WHERE e.channel_id = p.channel_id AND bucket >= p.lo AND bucket < p.hi"
        + " AND bucket < coalesce("
        + pending
        + ", 'infinity')"
        + " UNION ALL SELECT b, sum(energy), count(*) FROM (SELECT "
        + Rollups.bucket(r, "ts_start")
        + " AS b, energy FROM interval_energy i, p WHERE i.channel_id = p.channel_id"
        + " AND ts_start >= "
        + pending
        + " AND ts_start < p.hi) raw, p WHERE b >= p.lo AND b < p.hi GROUP BY b";
  }

  /**
   * The local days of the site's zone whose midnight lies in [from, to), summed from the hourly
   * rollup (15-minute where an offset of the zone in the range is not a whole number of hours).
   */
  private static Series localDays(
      Connection c, ScopedChannel ch, Instant from, Instant to, int limit) throws SQLException {
    ZoneId zone = ch.zone();
    Instant lo = firstMidnightFrom(from, zone);
    Instant hi = firstMidnightFrom(to, zone);
    Resolution source = wholeHours(zone, lo, hi) ? Resolution.H1 : Resolution.M15;
    boolean counter = "counter".equals(ch.kind());
    String day = "(bucket AT TIME ZONE ?)::date";
    String sql =
        counter
            ? PARAMS
                + ", b AS ("
                + (pendingSince(c, ch.channelId())
                    ? energyUnion(source)
                    : "SELECT bucket, energy, intervals FROM energy_"
                        + source.wire()
                        + " r, p WHERE r.channel_id = p.channel_id AND bucket >= p.lo"
                        + " AND bucket < p.hi")
                + ") SELECT "
                + day
                + " AS day, sum(energy), sum(intervals) FROM b GROUP BY 1 ORDER BY 1 LIMIT ?"
            : PARAMS
                + " SELECT "
                + day
                + " AS day, sum(readings), min(value_min), max(value_max),"
                + " sum(value_sum) / sum(readings) FROM reading_"
                + source.wire()
                + " r, p WHERE r.channel_id = p.channel_id AND bucket >= p.lo AND bucket < p.hi"
                + " GROUP BY 1 ORDER BY 1 LIMIT ?";
    List<SeriesRow> rows =
        Sql.list(
            c,
            sql,
            Sql.args(ch.channelId(), lo, hi, zone.getId(), limit),
            rs -> {
              LocalDate date = rs.getObject(1, LocalDate.class);
              Instant start = date.atStartOfDay(zone).toInstant();
              return counter ? energyBucket(start, date, rs) : gaugeBucket(start, date, rs);
            });
    return new Series(ch.kind(), ch.unit(), Resolution.D1, zone, rows);
  }

  /** The first local midnight of {@code zone} at or after {@code t}. */
  static Instant firstMidnightFrom(Instant t, ZoneId zone) {
    LocalDate d = LocalDate.ofInstant(t, zone);
    Instant midnight = d.atStartOfDay(zone).toInstant();
    return midnight.isBefore(t) ? d.plusDays(1).atStartOfDay(zone).toInstant() : midnight;
  }

  /** Whether every offset of {@code zone} in [lo, hi) is a whole number of hours. */
  static boolean wholeHours(ZoneId zone, Instant lo, Instant hi) {
    var rules = zone.getRules();
    if (rules.getOffset(lo).getTotalSeconds() % 3600 != 0) {
      return false;
    }
    for (var t = rules.nextTransition(lo);
        t != null && t.getInstant().isBefore(hi);
        t = rules.nextTransition(t.getInstant())) {
      if (t.getOffsetAfter().getTotalSeconds() % 3600 != 0) {
        return false;
      }
    }
    return true;
  }
}
