package org.energytrace.ingest.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * Who keeps the rollups ({@code reading_15m|1h|1d}, {@code energy_15m|1h|1d}), as recorded by
 * migration V5 in {@code storage_feature}: TimescaleDB continuous aggregates (nothing to do here)
 * or the service, which updates them in the transaction that stores the readings or recomputes the
 * interval energy.
 *
 * <p>Readings are append-only, so their rollups are updated incrementally from the newly inserted
 * rows (count and sum added, min and max widened): a late reading lands in its own bucket exactly
 * as a re-roll of that bucket would. Interval energy is recomputed from a point in time, so its
 * buckets from that point on are rolled again from {@code interval_energy}.
 */
final class Rollups {
  /** time_bucket's default origin; date_bin with it gives the same buckets on plain PostgreSQL. */
  static final String ORIGIN = "timestamptz '2000-01-03 00:00:00+00'";

  static final List<Resolution> BUCKETED = List.of(Resolution.M15, Resolution.H1, Resolution.D1);

  private final boolean serviceMaintained;

  private Rollups(boolean serviceMaintained) {
    this.serviceMaintained = serviceMaintained;
  }

  /** Reads the provider recorded by the migrations. */
  static Rollups load(Connection c) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement("SELECT provider FROM storage_feature WHERE feature = 'rollups'");
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        throw new SQLException("storage_feature has no 'rollups' row: schema not migrated");
      }
      return new Rollups("service".equals(rs.getString(1)));
    }
  }

  boolean serviceMaintained() {
    return serviceMaintained;
  }

  /**
   * Wraps {@code insert} (an {@code INSERT INTO reading … RETURNING enterprise_id, channel_id, ts,
   * value, quality}) so that the same statement adds the inserted rows to the reading rollups when
   * the service keeps them; returns {@code channel_id, ts} of the inserted rows either way. Rows
   * are upserted in (channel, bucket) order so that concurrent batches lock them in the same order.
   */
  String insertReadings(String insert) {
    StringBuilder sql = new StringBuilder("WITH ins AS (").append(insert).append(")");
    if (serviceMaintained) {
      for (Resolution r : BUCKETED) {
        String table = "reading_" + r.wire();
        sql.append(", r")
            .append(r.wire())
            .append(" AS (INSERT INTO ")
            .append(table)
            .append(" AS t (enterprise_id, channel_id, bucket, readings, value_min, value_max,")
            .append(" value_sum) SELECT enterprise_id, channel_id, ")
            .append(bucket(r, "ts"))
            .append(" AS b, count(*), min(value), max(value), sum(value) FROM ins")
            .append(" WHERE quality < 2 GROUP BY enterprise_id, channel_id, b")
            .append(" ORDER BY channel_id, b")
            .append(" ON CONFLICT (channel_id, bucket) DO UPDATE SET")
            .append(" readings = t.readings + excluded.readings,")
            .append(" value_min = least(t.value_min, excluded.value_min),")
            .append(" value_max = greatest(t.value_max, excluded.value_max),")
            .append(" value_sum = t.value_sum + excluded.value_sum)");
      }
    }
    return sql.append(" SELECT channel_id, ts FROM ins").toString();
  }

  /**
   * Rolls the energy buckets of a channel again from the bucket holding {@code from} on, after its
   * interval energy was recomputed from there.
   */
  void energyChanged(Connection c, long channelId, Instant from) throws SQLException {
    if (!serviceMaintained) {
      return;
    }
    Timestamp lower = Timestamp.from(from);
    for (Resolution r : BUCKETED) {
      String table = "energy_" + r.wire();
      String start = "date_bin(INTERVAL '" + r.width() + "', ?::timestamptz, " + ORIGIN + ")";
      try (PreparedStatement ps =
          c.prepareStatement(
              "DELETE FROM " + table + " WHERE channel_id = ? AND bucket >= " + start)) {
        ps.setLong(1, channelId);
        ps.setTimestamp(2, lower);
        ps.executeUpdate();
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO "
                  + table
                  + " (enterprise_id, channel_id, bucket, energy, intervals)"
                  + " SELECT enterprise_id, channel_id, "
                  + bucket(r, "ts_start")
                  + " AS b, sum(energy), count(*) FROM interval_energy"
                  + " WHERE channel_id = ? AND ts_start >= "
                  + start
                  + " GROUP BY enterprise_id, channel_id, b")) {
        ps.setLong(1, channelId);
        ps.setTimestamp(2, lower);
        ps.executeUpdate();
      }
    }
  }

  /** The bucket of a timestamp column, the same on plain PostgreSQL and TimescaleDB. */
  static String bucket(Resolution r, String column) {
    return "date_bin(INTERVAL '" + r.width() + "', " + column + ", " + ORIGIN + ")";
  }
}
