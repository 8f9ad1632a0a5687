package org.energytrace.ingest.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.energytrace.ingest.counters.CounterDerivation;
import org.energytrace.ingest.counters.CounterEvent;
import org.energytrace.ingest.counters.CounterReading;
import org.energytrace.ingest.counters.CounterSpec;
import org.energytrace.ingest.counters.Interval;

/**
 * Keeps {@code interval_energy} in step with the counter readings and events of a channel, inside
 * the caller's transaction. A change at {@code ts} recomputes from a few accepted readings before
 * it ({@code 2 x glitch window}, so a glitch or pending drop near {@code ts} is decided again) to
 * the channel's latest reading: in-order data touches a handful of rows, a late reading deep in
 * history recomputes from there.
 */
final class PgCounterStore {
  static final int GLITCH_WINDOW = 3;

  private PgCounterStore() {}

  /** Namespace of the per-channel transaction locks (first key of pg_advisory_xact_lock). */
  static final int COUNTER_LOCK = 0x45540001;

  /**
   * Recomputes the intervals of each channel from the earliest changed timestamp. Each channel is
   * first locked until commit ({@code pg_advisory_xact_lock}), in channel order: a concurrent
   * transaction (another batch in flight, another instance) that stored readings of the same
   * channel waits, and then — READ COMMITTED, a new snapshot per statement — derives from the
   * readings the first one committed, exactly as if the two batches had been written one after the
   * other.
   */
  static void recompute(Connection c, Map<Long, Instant> earliestByChannel, Rollups rollups)
      throws SQLException {
    if (earliestByChannel.isEmpty()) {
      return;
    }
    List<Long> ids = new ArrayList<>(earliestByChannel.keySet());
    Collections.sort(ids);
    for (Long id : ids) {
      // ascending channel order in every transaction: these locks cannot deadlock each other
      lock(c, id);
      recompute(c, id, earliestByChannel.get(id), rollups);
    }
  }

  /**
   * Takes the channel's derivation lock until the end of the transaction; whoever changes a
   * channel's readings or counter events holds it while deriving.
   */
  static void lock(Connection c, long channelId) throws SQLException {
    try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
      lock.setInt(1, COUNTER_LOCK);
      lock.setInt(2, Long.hashCode(channelId));
      lock.executeQuery().close();
    }
  }

  static void recompute(Connection c, long channelId, Instant changedAt, Rollups rollups)
      throws SQLException {
    long enterpriseId;
    double multiplier;
    double modulus;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT enterprise_id, multiplier, register_scale, counter_bits, unit_factor"
                + " FROM channel"
                + " WHERE channel_id = ?")) {
      ps.setLong(1, channelId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return;
        }
        enterpriseId = rs.getLong(1);
        multiplier = rs.getDouble(2);
        double scale = rs.getDouble(3);
        int bits = rs.getInt(4);
        // the register range in the canonical unit the readings are stored in
        modulus = rs.wasNull() ? 0 : Math.pow(2, bits) * scale * rs.getDouble(5);
      }
    }
    Instant from = null;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT ts_end FROM interval_energy WHERE channel_id = ? AND ts_end < ?"
                + " ORDER BY ts_end DESC OFFSET ? LIMIT 1")) {
      ps.setLong(1, channelId);
      ps.setObject(2, utc(changedAt));
      ps.setInt(3, 2 * GLITCH_WINDOW);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          from = rs.getObject(1, OffsetDateTime.class).toInstant();
        }
      }
    }
    if (from != null) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT multiplier FROM counter_event WHERE channel_id = ? AND ts < ?"
                  + " ORDER BY ts DESC LIMIT 1")) {
        ps.setLong(1, channelId);
        ps.setObject(2, utc(from));
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            multiplier = rs.getDouble(1);
          }
        }
      }
    }
    Timestamp lower = Timestamp.from(from == null ? Instant.EPOCH : from);
    List<CounterReading> readings = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT ts, value FROM reading WHERE channel_id = ? AND ts >= ? AND quality < 2"
                + " ORDER BY ts")) {
      ps.setLong(1, channelId);
      ps.setTimestamp(2, lower);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          readings.add(
              new CounterReading(
                  rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getDouble(2)));
        }
      }
    }
    List<CounterEvent> events = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT ts, kind, closing_value, opening_value, multiplier FROM counter_event"
                + " WHERE channel_id = ? AND ts >= ? ORDER BY ts")) {
      ps.setLong(1, channelId);
      ps.setTimestamp(2, lower);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          events.add(
              new CounterEvent(
                  rs.getObject(1, OffsetDateTime.class).toInstant(),
                  CounterEvent.Kind.valueOf(rs.getString(2).toUpperCase(Locale.ROOT)),
                  rs.getDouble(3),
                  rs.getDouble(4),
                  rs.getDouble(5)));
        }
      }
    }
    var result =
        CounterDerivation.derive(
            readings, events, new CounterSpec(modulus, multiplier, GLITCH_WINDOW));
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM interval_energy WHERE channel_id = ? AND ts_start >= ?")) {
      ps.setLong(1, channelId);
      ps.setTimestamp(2, lower);
      ps.executeUpdate();
    }
    List<Interval> intervals = result.intervals();
    if (!intervals.isEmpty()) {
      insert(c, enterpriseId, channelId, intervals);
    }
    rollups.energyChanged(c, channelId, lower.toInstant());
  }

  private static void insert(
      Connection c, long enterpriseId, long channelId, List<Interval> intervals)
      throws SQLException {
    int n = intervals.size();
    String[] start = new String[n];
    String[] end = new String[n];
    Double[] energy = new Double[n];
    String[] how = new String[n];
    for (int i = 0; i < n; i++) {
      Interval iv = intervals.get(i);
      start[i] = iv.start().toString();
      end[i] = iv.end().toString();
      energy[i] = iv.energy();
      how[i] = iv.how().name().toLowerCase(Locale.ROOT);
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO interval_energy (enterprise_id, channel_id, ts_start, ts_end, energy, how)"
                + " SELECT ?, ?, s::timestamptz, e::timestamptz, en, h"
                + " FROM unnest(?::text[], ?::text[], ?::float8[], ?::text[]) AS u(s, e, en, h)"
                + " ON CONFLICT (channel_id, ts_start, ts_end) DO UPDATE SET ts_start = excluded.ts_start,"
                + " energy = excluded.energy, how = excluded.how")) {
      ps.setLong(1, enterpriseId);
      ps.setLong(2, channelId);
      ps.setArray(3, c.createArrayOf("text", start));
      ps.setArray(4, c.createArrayOf("text", end));
      ps.setArray(5, c.createArrayOf("float8", energy));
      ps.setArray(6, c.createArrayOf("text", how));
      ps.executeUpdate();
    }
  }

  private static OffsetDateTime utc(Instant i) {
    return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
  }
}
