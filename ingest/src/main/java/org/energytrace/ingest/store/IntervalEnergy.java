package org.energytrace.ingest.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.energytrace.ingest.counters.Interval;
import org.energytrace.ingest.jdbc.Sql;

/** A channel's stored interval energy, as read by the stores that total it by day. */
public final class IntervalEnergy {
  private IntervalEnergy() {}

  /**
   * The channel's intervals that overlap [lower, upper), in order of their end, each energy times
   * {@code factor} (1 to keep the channel's unit).
   */
  public static List<Interval> overlapping(
      Connection c, long channelId, Instant lower, Instant upper, double factor)
      throws SQLException {
    return Sql.list(
        c,
        "SELECT ts_start, ts_end, energy FROM interval_energy"
            + " WHERE channel_id = ? AND ts_end > ? AND ts_start < ? ORDER BY ts_end",
        Sql.args(channelId, lower, upper),
        rs ->
            new Interval(
                rs.getObject(1, OffsetDateTime.class).toInstant(),
                rs.getObject(2, OffsetDateTime.class).toInstant(),
                rs.getDouble(3) * factor,
                Interval.How.DIFFERENCE));
  }
}
