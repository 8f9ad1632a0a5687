package org.energytrace.ingest.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.energytrace.ingest.jdbc.Sql;

/**
 * Who keeps the rollups ({@code reading_15m|1h}, {@code energy_15m|1h}), as recorded by migration
 * V5 in {@code storage_feature}: TimescaleDB continuous aggregates (nothing to do here) or the
 * service, which updates them in the transaction that stores the readings or recomputes the
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

  /** The stored rollups; days are built from them in the site's zone at query time. */
  static final List<Resolution> BUCKETED = List.of(Resolution.M15, Resolution.H1);

  private final boolean serviceMaintained;

  private Rollups(boolean serviceMaintained) {
    this.serviceMaintained = serviceMaintained;
  }

  /** Reads the provider recorded by the migrations. */
  static Rollups load(Connection c) throws SQLException {
    return Sql.first(
            c,
            "SELECT provider FROM storage_feature WHERE feature = 'rollups'",
            Sql.NONE,
            rs -> new Rollups("service".equals(rs.getString(1))))
        .orElseThrow(
            () -> new SQLException("storage_feature has no 'rollups' row: schema not migrated"));
  }

  boolean serviceMaintained() {
    return serviceMaintained;
  }

  /** Whether TimescaleDB's continuous aggregates are the rollups (the full edition). */
  boolean continuousAggregates() {
    return !serviceMaintained;
  }

  /** time_bucket's default origin in microseconds since the epoch. */
  static final long ORIGIN_MICROS = 946_857_600_000_000L;

  /** The width of a bucketed resolution in microseconds (date_bin counts days as 24 hours). */
  static long widthMicros(Resolution r) {
    return switch (r) {
      case M15 -> 900_000_000L;
      case H1 -> 3_600_000_000L;
      case D1 -> 86_400_000_000L;
      case RAW -> throw new IllegalArgumentException("raw has no buckets");
    };
  }

  private static final long[] WIDTHS = BUCKETED.stream().mapToLong(Rollups::widthMicros).toArray();

  /**
   * What newly inserted readings add to the reading rollups of one batch: count, min, max and sum
   * per (channel, bucket) of each resolution, readings of quality bad left out — the same as
   * aggregating the inserted rows in SQL, without a second pass over them in the database.
   */
  final class Delta {
    private final Map<Resolution, TreeMap<BucketKey, Acc>> buckets =
        new EnumMap<>(Resolution.class);

    private record BucketKey(long channelId, long bucket) implements Comparable<BucketKey> {
      @Override
      public int compareTo(BucketKey o) {
        int c = Long.compare(channelId, o.channelId);
        return c != 0 ? c : Long.compare(bucket, o.bucket);
      }
    }

    private static final class Acc {
      final long enterpriseId;
      long readings;
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      double sum;

      Acc(long enterpriseId) {
        this.enterpriseId = enterpriseId;
      }
    }

    // the bucket of the previous reading per resolution: readings come in (channel, ts) order,
    // so most fall into the same bucket as the one before (no map lookup for them)
    private long lastChannel = Long.MIN_VALUE;
    private final long[] lastBucket = new long[BUCKETED.size()];
    private final Acc[] lastAcc = new Acc[BUCKETED.size()];

    /** Adds one inserted reading. */
    void add(long enterpriseId, long channelId, long tsMicros, double value, int quality) {
      if (!serviceMaintained || quality >= 2) {
        return;
      }
      for (int i = 0; i < BUCKETED.size(); i++) {
        Resolution r = BUCKETED.get(i);
        long width = WIDTHS[i];
        // date_bin(width, ts, ORIGIN) as PostgreSQL computes it (floor, also before the origin)
        long bucket = ORIGIN_MICROS + Math.floorDiv(tsMicros - ORIGIN_MICROS, width) * width;
        Acc a = lastAcc[i];
        if (a == null || channelId != lastChannel || bucket != lastBucket[i]) {
          a =
              buckets
                  .computeIfAbsent(r, k -> new TreeMap<>())
                  .computeIfAbsent(new BucketKey(channelId, bucket), k -> new Acc(enterpriseId));
          lastAcc[i] = a;
          lastBucket[i] = bucket;
        }
        a.readings++;
        a.min = Math.min(a.min, value);
        a.max = Math.max(a.max, value);
        a.sum += value;
      }
      lastChannel = channelId;
    }

    /**
     * Upserts the deltas, in (channel, bucket) order so that concurrent batches lock rollup rows in
     * the same order. Called last before commit: these rows are shared by every batch of a channel,
     * so a concurrent batch waits on them only for the rest of this transaction.
     */
    void write(Connection c) throws SQLException {
      for (var e : buckets.entrySet()) {
        TreeMap<BucketKey, Acc> rows = e.getValue();
        int n = rows.size();
        long[] ent = new long[n];
        long[] ch = new long[n];
        long[] b = new long[n];
        long[] cnt = new long[n];
        double[] mn = new double[n];
        double[] mx = new double[n];
        double[] sm = new double[n];
        int i = 0;
        for (var row : rows.entrySet()) {
          Acc a = row.getValue();
          ent[i] = a.enterpriseId;
          ch[i] = row.getKey().channelId();
          b[i] = row.getKey().bucket();
          cnt[i] = a.readings;
          mn[i] = a.min;
          mx[i] = a.max;
          sm[i] = a.sum;
          i++;
        }
        org.postgresql.PGConnection pg = c.unwrap(org.postgresql.PGConnection.class);
        Sql.update(
            c,
            "INSERT INTO reading_"
                + e.getKey().wire()
                + " AS t (enterprise_id, channel_id, bucket, readings, value_min, value_max,"
                + " value_sum) SELECT e, ch, timestamptz 'epoch' + interval '1 microsecond' * b,"
                + " n, mn, mx, s FROM unnest(?::int8[], ?::int8[], ?::int8[], ?::int8[],"
                + " ?::float8[], ?::float8[], ?::float8[]) WITH ORDINALITY"
                + " AS u(e, ch, b, n, mn, mx, s, i) ORDER BY i"
                + " ON CONFLICT (channel_id, bucket) DO UPDATE SET"
                + " readings = t.readings + excluded.readings,"
                + " value_min = least(t.value_min, excluded.value_min),"
                + " value_max = greatest(t.value_max, excluded.value_max),"
                + " value_sum = t.value_sum + excluded.value_sum",
            pg.createArrayOf("int8", ent),
            pg.createArrayOf("int8", ch),
            pg.createArrayOf("int8", b),
            pg.createArrayOf("int8", cnt),
            pg.createArrayOf("float8", mn),
            pg.createArrayOf("float8", mx),
            pg.createArrayOf("float8", sm));
      }
    }
  }

  /** An empty delta for one batch (adds nothing when TimescaleDB keeps the rollups). */
  Delta delta() {
    return new Delta();
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
      Sql.update(
          c,
          "DELETE FROM " + table + " WHERE channel_id = ? AND bucket >= " + start,
          channelId,
          lower);
      Sql.update(
          c,
          "INSERT INTO "
              + table
              + " (enterprise_id, channel_id, bucket, energy, intervals)"
              + " SELECT enterprise_id, channel_id, "
              + bucket(r, "ts_start")
              + " AS b, sum(energy), count(*) FROM interval_energy"
              + " WHERE channel_id = ? AND ts_start >= "
              + start
              + " GROUP BY enterprise_id, channel_id, b",
          channelId,
          lower);
    }
  }

  /**
   * Where TimescaleDB keeps the rollups: marks the channel's energy rollups as pending from {@code
   * since} on, in the caller's transaction (the one that re-derived its interval energy). Reads
   * take the marked buckets from the raw intervals ({@link PgReadQueries}) until {@link
   * #refreshPending} refreshed the aggregates over them, so what a counter event changes shows at
   * its commit.
   */
  void markPending(Connection c, long channelId, Instant since) throws SQLException {
    if (serviceMaintained) {
      return;
    }
    Sql.update(
        c,
        "INSERT INTO energy_rollup_pending (channel_id, since) VALUES (?, ?)",
        channelId,
        Timestamp.from(since));
  }

  /** How long a refresh waits for a lock held by another refresh (the policy's) before failing. */
  static final Duration REFRESH_LOCK_TIMEOUT = Duration.ofSeconds(5);

  /**
   * Refreshes the energy continuous aggregates over the pending marks ({@link #markPending}) and
   * removes the marks it covered. The window is the refresh policy's: from the beginning (only
   * invalidated ranges and those never materialised are computed; a window starting later would
   * raise the watermark over buckets never materialised, which real-time aggregation then reads as
   * empty) to one bucket before now (buckets above it are read in real time from the raw rows).
   * Runs outside any transaction ({@code refresh_continuous_aggregate} cannot run in one); on a
   * failure (e.g. a policy refresh holding the lock longer than {@link #REFRESH_LOCK_TIMEOUT}) the
   * marks stay and reads stay right; {@code StorageJobs} tries again.
   *
   * @return marks removed
   * @throws SQLException when a refresh failed
   */
  static int refreshPending(DataSource dataSource) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      // the marks committed before the refreshes start are the ones they cover
      List<Long> seen =
          Sql.list(
              c, "SELECT pending_id FROM energy_rollup_pending", Sql.NONE, rs -> rs.getLong(1));
      if (seen.isEmpty()) {
        return 0;
      }
      Sql.one(
          c,
          "SELECT set_config('lock_timeout', ?, false)",
          Sql.args(REFRESH_LOCK_TIMEOUT.toMillis() + "ms"),
          rs -> null);
      try {
        for (Resolution r : BUCKETED) {
          Timestamp end =
              Sql.one(
                  c,
                  "SELECT " + bucket(r, "now() - INTERVAL '" + r.width() + "'"),
                  Sql.NONE,
                  rs -> rs.getTimestamp(1));
          try (PreparedStatement call =
              c.prepareStatement(
                  "CALL refresh_continuous_aggregate(?::regclass, NULL, ?::timestamptz)")) {
            call.setString(1, "energy_" + r.wire());
            call.setTimestamp(2, end);
            call.execute();
          }
        }
      } finally {
        try (PreparedStatement reset = c.prepareStatement("RESET lock_timeout")) {
          reset.execute();
        }
      }
      return Sql.update(
          c,
          "DELETE FROM energy_rollup_pending WHERE pending_id = ANY(?)",
          c.createArrayOf("int8", seen.toArray()));
    }
  }

  /** The bucket of a timestamp column, the same on plain PostgreSQL and TimescaleDB. */
  static String bucket(Resolution r, String column) {
    return "date_bin(INTERVAL '" + r.width() + "', " + column + ", " + ORIGIN + ")";
  }
}
