package org.energytrace.ingest.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.energytrace.ingest.counters.CounterDerivation;
import org.energytrace.ingest.counters.CounterEvent;
import org.energytrace.ingest.counters.CounterReading;
import org.energytrace.ingest.counters.CounterSpec;
import org.energytrace.ingest.counters.Interval;
import org.energytrace.ingest.jdbc.Sql;

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
    Sql.one(
        c,
        "SELECT pg_advisory_xact_lock(?, ?)",
        Sql.args(COUNTER_LOCK, Long.hashCode(channelId)),
        rs -> null);
  }

  /** What the derivation needs of a channel's row. */
  private record Register(long enterpriseId, double multiplier, double modulus) {}

  static void recompute(Connection c, long channelId, Instant changedAt, Rollups rollups)
      throws SQLException {
    Register register =
        Sql.first(
                c,
                "SELECT enterprise_id, multiplier, register_scale, counter_bits, unit_factor"
                    + " FROM channel"
                    + " WHERE channel_id = ?",
                Sql.args(channelId),
                rs -> {
                  long enterprise = rs.getLong(1);
                  double multiplier = rs.getDouble(2);
                  double scale = rs.getDouble(3);
                  int bits = rs.getInt(4);
                  // the register range in the canonical unit the readings are stored in
                  double modulus = rs.wasNull() ? 0 : Math.pow(2, bits) * scale * rs.getDouble(5);
                  return new Register(enterprise, multiplier, modulus);
                })
            .orElse(null);
    if (register == null) {
      return;
    }
    long enterpriseId = register.enterpriseId();
    double multiplier = register.multiplier();
    Instant from =
        Sql.first(
                c,
                "SELECT ts_end FROM interval_energy WHERE channel_id = ? AND ts_end < ?"
                    + " ORDER BY ts_end DESC OFFSET ? LIMIT 1",
                Sql.args(channelId, changedAt, 2 * GLITCH_WINDOW),
                rs -> rs.getObject(1, OffsetDateTime.class).toInstant())
            .orElse(null);
    if (from != null) {
      multiplier = multiplierBefore(c, channelId, from).orElse(multiplier);
    }
    Timestamp lower = Timestamp.from(from == null ? Instant.EPOCH : from);
    List<CounterReading> readings =
        Sql.list(
            c,
            "SELECT ts, value FROM reading WHERE channel_id = ? AND ts >= ? AND quality < 2"
                + " ORDER BY ts",
            Sql.args(channelId, lower),
            rs ->
                new CounterReading(
                    rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getDouble(2)));
    List<CounterEvent> events =
        Sql.list(
            c,
            "SELECT ts, kind, closing_value, opening_value, multiplier FROM counter_event"
                + " WHERE channel_id = ? AND ts >= ? ORDER BY ts",
            Sql.args(channelId, lower),
            rs ->
                new CounterEvent(
                    rs.getObject(1, OffsetDateTime.class).toInstant(),
                    CounterEvent.Kind.valueOf(rs.getString(2).toUpperCase(Locale.ROOT)),
                    rs.getDouble(3),
                    rs.getDouble(4),
                    rs.getDouble(5)));
    var result =
        CounterDerivation.derive(
            readings, events, new CounterSpec(register.modulus(), multiplier, GLITCH_WINDOW));
    Sql.update(
        c, "DELETE FROM interval_energy WHERE channel_id = ? AND ts_start >= ?", channelId, lower);
    List<Interval> intervals = result.intervals();
    if (!intervals.isEmpty()) {
      insert(c, enterpriseId, channelId, intervals);
    }
    rollups.energyChanged(c, channelId, lower.toInstant());
  }

  /** The multiplier of the channel's latest counter event before {@code ts}, if any. */
  static Optional<Double> multiplierBefore(Connection c, long channelId, Instant ts)
      throws SQLException {
    return Sql.first(
        c,
        "SELECT multiplier FROM counter_event WHERE channel_id = ? AND ts < ?"
            + " ORDER BY ts DESC LIMIT 1",
        Sql.args(channelId, ts),
        rs -> rs.getDouble(1));
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
    Sql.update(
        c,
        "INSERT INTO interval_energy (enterprise_id, channel_id, ts_start, ts_end, energy, how)"
            + " SELECT ?, ?, s::timestamptz, e::timestamptz, en, h"
            + " FROM unnest(?::text[], ?::text[], ?::float8[], ?::text[]) AS u(s, e, en, h)"
            + " ON CONFLICT (channel_id, ts_start, ts_end) DO UPDATE SET ts_start = excluded.ts_start,"
            + " energy = excluded.energy, how = excluded.how",
        ps -> {
          Sql.bind(ps, 1, enterpriseId, channelId);
          ps.setArray(3, c.createArrayOf("text", start));
          ps.setArray(4, c.createArrayOf("text", end));
          ps.setArray(5, c.createArrayOf("float8", energy));
          ps.setArray(6, c.createArrayOf("text", how));
        });
  }
}
