package org.energytrace.ingest.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.energytrace.ingest.jdbc.Sql;

/**
 * Deletes raw readings older than {@link #KEEP} where the database has no retention policy of its
 * own ({@code storage_feature} row {@code retention} with provider {@code service}, set by
 * migration V19 on plain PostgreSQL and the TimescaleDB apache edition). The horizon is the one of
 * the TimescaleDB policy (V5), so both keep the same readings; rollups and interval energy are kept
 * either way.
 *
 * <p>Deletes by key ranges, never by physical row address: on a hypertable every chunk is its own
 * table and the same {@code ctid} exists in each of them (issue 12: a slice by {@code ctid} also
 * deleted recent readings). Where {@code reading} is a hypertable, chunks wholly older than the
 * cutoff are dropped first ({@code drop_chunks}, also in the apache edition). The rest goes channel
 * by channel in slices of at most {@link #SLICE} rows ({@code channel_id = ? AND ts <= t}, along
 * the unique key), each its own short transaction, so it never holds many locks or a long
 * transaction next to ingest's writes.
 */
public final class Retention {
  /** How long raw readings are kept (the TimescaleDB policy of V5: 5 years). */
  public static final Period KEEP = Period.ofYears(5);

  static final int SLICE = 10_000;

  private final DataSource dataSource;
  private final Clock clock;

  public Retention(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  /** The instant before which readings are deleted, now. */
  public Instant cutoff() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).minus(KEEP).toInstant();
  }

  /**
   * One pass: deletes every reading older than {@link #cutoff()} if the service keeps retention.
   *
   * @return readings deleted (0 when TimescaleDB's policy does it)
   */
  public long runOnce() {
    return Sql.with(
        dataSource,
        "deleting readings past retention",
        c -> {
          c.setAutoCommit(true);
          if (!serviceKept(c)) {
            return 0L;
          }
          OffsetDateTime before = OffsetDateTime.ofInstant(cutoff(), ZoneOffset.UTC);
          long deleted = dropWholeChunks(c, before);
          List<Long> channels =
              Sql.list(
                  c,
                  "SELECT DISTINCT channel_id FROM channel c WHERE EXISTS"
                      + " (SELECT 1 FROM reading r WHERE r.channel_id = c.channel_id AND r.ts < ?)"
                      + " ORDER BY channel_id",
                  Sql.args(before),
                  rs -> rs.getLong(1));
          for (long channel : channels) {
            while (true) {
              // the SLICE-th oldest reading of the channel before the cutoff: (channel, ts) is
              // unique, so "ts <= it" is exactly SLICE readings
              OffsetDateTime upTo =
                  Sql.first(
                          c,
                          "SELECT ts FROM reading WHERE channel_id = ? AND ts < ? ORDER BY ts"
                              + " OFFSET "
                              + (SLICE - 1)
                              + " LIMIT 1",
                          Sql.args(channel, before),
                          Retention::offsetDateTime)
                      .orElse(null);
              if (upTo == null) {
                deleted +=
                    Sql.update(
                        c, "DELETE FROM reading WHERE channel_id = ? AND ts < ?", channel, before);
                break;
              }
              deleted +=
                  Sql.update(
                      c, "DELETE FROM reading WHERE channel_id = ? AND ts <= ?", channel, upTo);
            }
          }
          return deleted;
        });
  }

  /**
   * Where {@code reading} is a hypertable: drops its chunks that end at or before the cutoff, in
   * one transaction with counting their rows.
   *
   * @return readings in the dropped chunks
   */
  private static long dropWholeChunks(Connection c, OffsetDateTime before) throws SQLException {
    if (Sql.first(
            c,
            "SELECT to_regclass('timescaledb_information.hypertables')",
            Sql.NONE,
            rs -> rs.getString(1))
        .isEmpty()) {
      return 0; // plain PostgreSQL
    }
    if (Sql.first(
            c,
            "SELECT 1 FROM timescaledb_information.hypertables"
                + " WHERE hypertable_name = 'reading' AND hypertable_schema = current_schema()",
            Sql.NONE,
            rs -> true)
        .isEmpty()) {
      return 0;
    }
    return Transactions.within(
        c,
        tx -> {
          OffsetDateTime end =
              Sql.first(
                      tx,
                      "SELECT max(range_end) FROM timescaledb_information.chunks"
                          + " WHERE hypertable_name = 'reading' AND hypertable_schema ="
                          + " current_schema() AND range_end <= ?",
                      Sql.args(before),
                      Retention::offsetDateTime)
                  .orElse(null);
          long rows = 0;
          if (end != null) {
            rows =
                Sql.one(
                    tx,
                    "SELECT count(*) FROM reading WHERE ts < ?",
                    Sql.args(end),
                    rs -> rs.getLong(1));
            Sql.one(
                tx,
                "SELECT count(*) FROM drop_chunks('reading', older_than => ?)",
                Sql.args(end),
                rs -> null);
          }
          return rows;
        });
  }

  private static boolean serviceKept(Connection c) throws SQLException {
    return Sql.first(
            c,
            "SELECT provider FROM storage_feature WHERE feature = 'retention'",
            Sql.NONE,
            rs -> "service".equals(rs.getString(1)))
        .orElse(false);
  }

  private static OffsetDateTime offsetDateTime(ResultSet rs) throws SQLException {
    return rs.getObject(1, OffsetDateTime.class);
  }
}
