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

/**
 * Deletes raw readings older than {@link #KEEP} where the database has no retention policy of its
 * own ({@code storage_feature} row {@code retention} with provider {@code service}, set by
 * migration V19 on plain PostgreSQL and the TimescaleDB apache edition). The horizon is the one of
 * the TimescaleDB policy (V5), so both keep the same readings; rollups and interval energy are kept
 * either way.
 *
 * <p>Deletes channel by channel in slices of {@link #SLICE} rows, each its own short transaction,
 * so it never holds many locks or a long transaction next to ingest's writes.
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
      if (!serviceKept(c)) {
        return 0;
      }
      OffsetDateTime before = OffsetDateTime.ofInstant(cutoff(), ZoneOffset.UTC);
      List<Long> channels = new ArrayList<>();
      try (PreparedStatement ps =
              c.prepareStatement("SELECT channel_id FROM channel ORDER BY channel_id");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          channels.add(rs.getLong(1));
        }
      }
      long deleted = 0;
      try (PreparedStatement ps =
          c.prepareStatement(
              "DELETE FROM reading WHERE ctid = ANY(ARRAY("
                  + "SELECT ctid FROM reading WHERE channel_id = ? AND ts < ? LIMIT "
                  + SLICE
                  + "))")) {
        for (long channel : channels) {
          int n;
          do {
            ps.setLong(1, channel);
            ps.setObject(2, before);
            n = ps.executeUpdate();
            deleted += n;
          } while (n == SLICE);
        }
      }
      return deleted;
    } catch (SQLException e) {
      throw StoreException.of("deleting readings past retention", e);
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
