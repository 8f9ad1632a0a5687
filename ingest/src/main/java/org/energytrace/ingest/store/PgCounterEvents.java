package org.energytrace.ingest.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.energytrace.analytics.units.Figures;
import org.energytrace.ingest.counters.CounterEvent;
import org.energytrace.ingest.errors.NotFoundException;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.store.PgReadQueries.CounterEventView;
import org.energytrace.ingest.tenant.Scope;
import org.energytrace.ingest.validate.Units;

/**
 * Records and removes the metadata of a counter channel that operators know and the meter does not
 * tell: a meter replacement (the old register's closing and the new one's opening reading) and a
 * CT-ratio change (the register reading at the change and the new multiplier). Each change
 * re-derives the channel's interval energy (and the service-kept energy rollups) from the event's
 * time on, in the same transaction and under the same per-channel lock as ingest's own derivation,
 * so a batch stored concurrently derives from the event or is derived again with it. Where
 * TimescaleDB's continuous aggregates keep the rollups, the same transaction marks the channel's
 * energy rollups pending from the event on (reads take those buckets from the raw intervals) and
 * the aggregates are refreshed right after the commit, before the request is answered.
 *
 * <p>Register values are given in any unit convertible to the channel's (by default the unit the
 * channel publishes, {@code channel.original_unit}: what the operator reads off the meter) and
 * stored, like the readings, in the channel's canonical unit, in which they are answered.
 */
public final class PgCounterEvents {
  /** The request names a unit that cannot be converted to the channel's. */
  public static final class BadUnitException extends RuntimeException {
    public BadUnitException(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * A register reading of the request contradicts the readings stored around its time (the register
   * would run backwards); {@code field} names the reading.
   */
  public static final class RegisterException extends RuntimeException {
    private final String field;

    public RegisterException(String field, String message) {
      super(message, null, false, false);
      this.field = field;
    }

    public String field() {
      return field;
    }
  }

  /** The request contradicts what is stored (a gauge channel, an event at the same instant). */
  public static final class ConflictException extends RuntimeException {
    public ConflictException(String message) {
      super(message, null, false, false);
    }
  }

  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(PgCounterEvents.class);

  private final DataSource dataSource;

  public PgCounterEvents(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Records an event and re-derives the channel's interval energy from its time on.
   *
   * @param unit the unit of {@code closing} and {@code opening}; null: the channel's published unit
   * @param multiplier the multiplier after the event; null keeps the one in force at {@code ts}
   * @throws NotFoundException when the meter or channel is unknown or out of scope
   * @throws BadUnitException when {@code unit} is not convertible to the channel's unit
   * @throws ConflictException when the channel is not a counter or has an event at {@code ts}
   */
  public CounterEventView record(
      Scope scope,
      String enterprise,
      String meter,
      String channel,
      CounterEvent.Kind kind,
      Instant ts,
      double closing,
      double opening,
      String unit,
      Double multiplier,
      String note) {
    return changeEvents(
        "recording a counter event",
        "recorded",
        scope,
        enterprise,
        meter,
        channel,
        (c, ch) -> {
          double factor = factor(ch, unit, channel);
          double after = multiplier != null ? multiplier : multiplierAt(c, ch, ts);
          // the constructor checks what the derivation relies on (finite, positive multiplier,
          // one register value for a multiplier change)
          new CounterEvent(ts, kind, closing, opening, after);
          checkRegister(c, ch, kind, ts, closing * factor, opening * factor);
          long id =
              Sql.first(
                      c,
                      "INSERT INTO counter_event (enterprise_id, channel_id, ts, kind, closing_value,"
                          + " opening_value, multiplier, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                          + " ON CONFLICT (channel_id, ts) DO NOTHING RETURNING event_id",
                      Sql.args(
                          ch.enterpriseId(),
                          ch.channelId(),
                          ts,
                          kind.name().toLowerCase(Locale.ROOT),
                          closing * factor,
                          opening * factor,
                          after,
                          Sql.text(note)),
                      rs -> rs.getLong(1))
                  .orElseThrow(
                      () ->
                          new ConflictException(
                              "channel '"
                                  + channel
                                  + "' of meter '"
                                  + meter
                                  + "' already has an event at "
                                  + ts
                                  + "; delete it first to record another"));
          return new CounterEventView(
              id,
              ts,
              kind.name().toLowerCase(Locale.ROOT),
              closing * factor,
              opening * factor,
              after,
              note,
              ch.unit());
        });
  }

  /**
   * Removes an event recorded by mistake and re-derives the channel's interval energy from its time
   * on.
   *
   * @return the removed event
   * @throws NotFoundException when the meter, channel or event is unknown or out of scope
   */
  public CounterEventView delete(
      Scope scope, String enterprise, String meter, String channel, long id) {
    return changeEvents(
        "deleting a counter event",
        "deleted",
        scope,
        enterprise,
        meter,
        channel,
        (c, ch) ->
            Sql.first(
                    c,
                    "DELETE FROM counter_event WHERE event_id = ? AND channel_id = ?"
                        + " RETURNING ts, kind, closing_value, opening_value, multiplier, note",
                    Sql.args(id, ch.channelId()),
                    rs -> PgReadQueries.counterEvent(id, rs, 1, ch.unit()))
                .orElseThrow(
                    () ->
                        new NotFoundException(
                            "counter event " + id + " of channel '" + channel + "' not found")));
  }

  /** A change of a counter channel's events, on the transaction's connection. */
  @FunctionalInterface
  private interface EventChange {
    /**
     * @param ch the channel, in scope, a counter, its derivation lock held
     * @return the event recorded or removed
     */
    CounterEventView apply(Connection c, ScopedChannel ch) throws SQLException;
  }

  /**
   * In one transaction: finds and locks the counter channel, applies {@code change}, re-derives the
   * channel's interval energy from the changed event's time on and marks its energy rollups pending
   * from there; after the commit, refreshes the rollups.
   *
   * @param what what the change does, for a failure's message
   * @param changeKind {@code recorded} or {@code deleted} (counter_event_change)
   * @return the event {@code change} answered
   */
  private CounterEventView changeEvents(
      String what,
      String changeKind,
      Scope scope,
      String enterprise,
      String meter,
      String channel,
      EventChange change) {
    Committed done =
        Transactions.run(
            dataSource,
            what,
            c -> {
              ScopedChannel ch = lockedCounter(c, scope, enterprise, meter, channel);
              CounterEventView changed = change.apply(c, ch);
              // the derivation of the channel's energy changed from the event's time on: kept, so
              // a period signed off before it is to be re-verified (docs/verification.md §1.4)
              Sql.update(
                  c,
                  "INSERT INTO counter_event_change (channel_id, event_ts, change, kind,"
                      + " changed_at) VALUES (?, ?, ?, ?, clock_timestamp())",
                  ch.channelId(),
                  changed.ts(),
                  changeKind,
                  changed.kind());
              Rollups rollups = Rollups.load(c);
              PgCounterStore.recompute(c, ch.channelId(), changed.ts(), rollups);
              rollups.markPending(c, ch.channelId(), changed.ts());
              return new Committed(changed, rollups);
            });
    refreshAfterCommit(done.rollups());
    return done.event();
  }

  /** What a transaction answered, and the rollups to refresh once it has committed. */
  private record Committed(CounterEventView event, Rollups rollups) {}

  /**
   * Where continuous aggregates keep the energy rollups: refreshes them over what the event
   * changed, after the commit (a refresh cannot run in a transaction). Reads are right from the
   * commit on either way (the pending mark); a failed refresh is logged and left to {@link
   * StorageJobs}.
   */
  private void refreshAfterCommit(Rollups rollups) {
    if (!rollups.continuousAggregates()) {
      return;
    }
    try {
      Rollups.refreshPending(dataSource);
    } catch (SQLException e) {
      LOG.warn(
          "refreshing the energy rollups after a counter event failed ({}); reads take the raw"
              + " intervals until the next refresh",
          e.getMessage());
    }
  }

  /** Finds the channel in scope, checks it is a counter and takes its derivation lock. */
  private static ScopedChannel lockedCounter(
      Connection c, Scope scope, String enterprise, String meter, String channel)
      throws SQLException {
    ScopedChannel ch = ScopedChannel.find(c, scope, enterprise, meter, channel);
    if (!"counter".equals(ch.kind())) {
      throw new ConflictException(
          "channel '"
              + channel
              + "' of meter '"
              + meter
              + "' is a "
              + ch.kind()
              + "; replacements and multiplier changes apply to counter channels");
    }
    PgCounterStore.lock(c, ch.channelId());
    return ch;
  }

  /** Factor from {@code unit} (null: the channel's published unit) to the channel's unit. */
  private static double factor(ScopedChannel ch, String unit, String channel) {
    if (unit == null) {
      return ch.unitFactor();
    }
    if (Units.isKnown(unit)) {
      Units.Canonical canonical = Units.canonical(unit);
      if (canonical.unit().equals(ch.unit())) {
        return canonical.factor();
      }
    }
    throw new BadUnitException(
        "unit '"
            + unit
            + "' cannot be converted to the unit of channel '"
            + channel
            + "' ("
            + ch.unit()
            + ", published as "
            + ch.originalUnit()
            + ")");
  }

  /**
   * Refuses register readings the stored ones contradict: the old register's closing reading below
   * its last reading before the event, or the new register's opening reading above its first
   * reading after it (a register does not run backwards). An operator's closing 100 on a register
   * that read 152 700 booked 152 600 m³ in one interval. A register that wraps (counter bits) may
   * read less at its event than before it when it was near the top of its range.
   */
  private static void checkRegister(
      Connection c,
      ScopedChannel ch,
      CounterEvent.Kind kind,
      Instant ts,
      double closing,
      double opening)
      throws SQLException {
    boolean replacement = kind == CounterEvent.Kind.REPLACEMENT;
    // the register's range in the stored unit, as the derivation reckons it (0: it does not wrap)
    double modulus =
        Sql.one(
            c,
            "SELECT coalesce(power(2, counter_bits) * register_scale * unit_factor, 0)"
                + " FROM channel WHERE channel_id = ?",
            Sql.args(ch.channelId()),
            rs -> rs.getDouble(1));
    // the readings of the register the event closes and opens: after an earlier event, before a
    // later one
    Optional<Reading> before = nearest(c, ch.channelId(), ts, true);
    // below the last reading is a wrap only for a register near the top of its range
    if (before.isPresent()
        && closing < before.get().value()
        && !(closing - before.get().value() + modulus < modulus / 2)) {
      throw contradicted(
          replacement ? "closing_value" : "register_value",
          closing,
          "below",
          before.get(),
          ch,
          replacement ? "old register's last reading" : "reading at the change");
    }
    Optional<Reading> next = nearest(c, ch.channelId(), ts, false);
    if (next.isPresent() && opening > next.get().value()) {
      throw contradicted(
          replacement ? "opening_value" : "register_value",
          opening,
          "above",
          next.get(),
          ch,
          replacement ? "new register's first reading" : "reading at the change");
    }
  }

  /** A stored reading of a register. */
  private record Reading(OffsetDateTime ts, double value) {}

  /**
   * The register's last reading before {@code ts} (after any earlier event), or its first after it
   * (before any later event).
   */
  private static Optional<Reading> nearest(Connection c, long channelId, Instant ts, boolean before)
      throws SQLException {
    return Sql.first(
        c,
        before ? LAST_BEFORE : FIRST_AFTER,
        Sql.args(channelId, ts, channelId, ts),
        rs -> new Reading(rs.getObject(1, OffsetDateTime.class), rs.getDouble(2)));
  }

  private static final String LAST_BEFORE =
      "SELECT ts, value FROM reading WHERE channel_id = ? AND ts < ? AND quality < 2"
          + " AND ts > coalesce((SELECT max(e.ts) FROM counter_event e"
          + " WHERE e.channel_id = ? AND e.ts < ?), '-infinity') ORDER BY ts DESC LIMIT 1";

  private static final String FIRST_AFTER =
      "SELECT ts, value FROM reading WHERE channel_id = ? AND ts > ? AND quality < 2"
          + " AND ts < coalesce((SELECT min(e.ts) FROM counter_event e"
          + " WHERE e.channel_id = ? AND e.ts > ?), 'infinity') ORDER BY ts LIMIT 1";

  private static RegisterException contradicted(
      String field, double given, String how, Reading stored, ScopedChannel ch, String give) {
    return new RegisterException(
        field,
        shown(given, ch)
            + " is "
            + how
            + " the register's reading "
            + ("below".equals(how) ? "before" : "after")
            + " the event, "
            + shown(stored.value(), ch)
            + " at "
            + local(stored.ts(), ch)
            + " (a register does not run backwards): give the "
            + give);
  }

  /** A register value in the unit the channel was published in, with it. */
  private static String shown(double canonical, ScopedChannel ch) {
    return Figures.significant(canonical / ch.unitFactor(), 9)
        + " "
        + Units.symbol(ch.originalUnit());
  }

  /** A reading's time in the site's zone, as the meter page writes it. */
  private static String local(OffsetDateTime at, ScopedChannel ch) {
    return at.atZoneSameInstant(ch.zone())
        .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
  }

  /**
   * The multiplier in force just before {@code ts}: the latest earlier event's, or the channel's.
   */
  private static double multiplierAt(Connection c, ScopedChannel ch, Instant ts)
      throws SQLException {
    return PgCounterStore.multiplierBefore(c, ch.channelId(), ts).orElse(ch.multiplier());
  }
}
