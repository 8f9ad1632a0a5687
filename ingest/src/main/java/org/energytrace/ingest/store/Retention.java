package org.energytrace.ingest.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.energytrace.ingest.errors.StoreException;

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
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      if (!serviceKept(c)) {
        return 0;
      }
      OffsetDateTime before = OffsetDateTime.ofInstant(cutoff(), ZoneOffset.UTC);
      long deleted = dropWholeChunks(c, before);
      List<Long> channels = new ArrayList<>();
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT DISTINCT channel_id FROM channel c WHERE EXISTS"
                  + " (SELECT 1 FROM reading r WHERE r.channel_id = c.channel_id AND r.ts < ?)"
                  + " ORDER BY channel_id")) {
        ps.setObject(1, before);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            channels.add(rs.getLong(1));
          }
        }
      }
      try (PreparedStatement last =
              c.prepareStatement(
                  "SELECT ts FROM reading WHERE channel_id = ? AND ts < ? ORDER BY ts"
                      + " OFFSET "
                      + (SLICE - 1)
                      + " LIMIT 1");
          PreparedStatement slice =
              c.prepareStatement("DELETE FROM reading WHERE channel_id = ? AND ts <= ?");
          PreparedStatement rest =
              c.prepareStatement("DELETE FROM reading WHERE channel_id = ? AND ts < ?")) {
        for (long channel : channels) {
          while (true) {
            // the SLICE-th oldest reading of the channel before the cutoff: (channel, ts) is
            // unique, so "ts <= it" is exactly SLICE readings
            last.setLong(1, channel);
            last.setObject(2, before);
            OffsetDateTime upTo = null;
            try (ResultSet rs = last.executeQuery()) {
              if (rs.next()) {
                upTo = rs.getObject(1, OffsetDateTime.class);
              }
            }
            if (upTo == null) {
              rest.setLong(1, channel);
              rest.setObject(2, before);
              deleted += rest.executeUpdate();
              break;
            }
            slice.setLong(1, channel);
            slice.setObject(2, upTo);
            deleted += slice.executeUpdate();
          }
        }
      }
      return deleted;
    } catch (SQLException e) {
      throw StoreException.of("deleting readings past retention", e);
    }
  }

  /**
   * Where {@code reading} is a hypertable: drops its chunks that end at or before the cutoff, in
   * one transaction with counting their rows.
   *
   * @return readings in the dropped chunks
   */
  private static long dropWholeChunks(Connection c, OffsetDateTime before) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement("SELECT to_regclass('timescaledb_information.hypertables')");
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next() || rs.getString(1) == null) {
        return 0; // plain PostgreSQL
      }
    }
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT 1 FROM timescaledb_information.hypertables"
                    + " WHERE hypertable_name = 'reading' AND hypertable_schema = current_schema()");
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        return 0;
      }
    }
    c.setAutoCommit(false);
    try {
      OffsetDateTime end = null;
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT max(range_end) FROM timescaledb_information.chunks"
                  + " WHERE hypertable_name = 'reading' AND hypertable_schema = current_schema()"
                  + " AND range_end <= ?")) {
        ps.setObject(1, before);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            end = rs.getObject(1, OffsetDateTime.class);
          }
        }
      }
      long rows = 0;
      if (end != null) {
        try (PreparedStatement ps =
            c.prepareStatement("SELECT count(*) FROM reading WHERE ts < ?")) {
          ps.setObject(1, end);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            rows = rs.getLong(1);
          }
        }
        try (PreparedStatement ps =
            c.prepareStatement("SELECT count(*) FROM drop_chunks('reading', older_than => ?)")) {
          ps.setObject(1, end);
          ps.executeQuery().close();
        }
      }
      c.commit();
      return rows;
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  private static boolean serviceKept(Connection c) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement("SELECT provider FROM storage_feature WHERE feature = 'retention'");
        ResultSet rs = ps.executeQuery()) {
      return rs.next() && "service".equals(rs.getString(1));
    }
  }
}
