package org.energytrace.ingest.store;

import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.tenant.Scope;

/**
 * What a person should look at in the energy derived from an enterprise's counters (docs/ingest.md,
 * "Counter anomalies"): every <b>reset</b> and <b>wrap</b> the derivation booked on its own
 * judgement (no counter event was recorded), and every interval whose rate (over at least a quarter
 * hour) is <b>implausible</b>: more than {@link #IMPLAUSIBLE_TIMES} times the channel's usual
 * highest rate, the {@link #USUAL_PERCENTILE} percentile of the rates of its quarter hours from
 * {@link #USUAL_BEFORE} before the window to its end. A run of four or more wrong high readings is
 * booked as consumption and its way back down as a reset of the whole register (docs/ingest.md,
 * "Counters → interval energy"): both show here as implausible. Nothing is changed: the readings
 * stay as read, the energy as derived; the remedy is a person's (a recorded counter event, an
 * auditor's opinion, a non-routine adjustment).
 */
public final class PgCounterAnomalies {
  /** An interval is implausible above this many times the channel's usual highest rate. */
  public static final double IMPLAUSIBLE_TIMES = 3;

  /**
   * The usual highest rate of a channel: this percentile of the rates of its quarter hours (the
   * energy of its plain intervals starting in each, per hour).
   */
  public static final double USUAL_PERCENTILE = 0.99;

  /** How far before the window the usual rate is also taken from. */
  public static final Duration USUAL_BEFORE = Duration.ofDays(30);

  /** Fewer quarter hours with plain intervals than this (a day) judge nothing: no usual rate. */
  public static final int USUAL_MIN_QUARTERS = 96;

  /**
   * An interval to look at.
   *
   * @param how {@code reset}, {@code wrap}, or {@code difference} (a plain rise far above the usual
   *     rate); an interval starting at a recorded event ({@code event}) is listed when implausible
   * @param energy what it booked, in {@code unit} (the channel's canonical unit) after the
   *     multiplier
   * @param perHour {@code energy} per hour of the interval, or of a quarter hour when the interval
   *     is shorter (a register's step in a one-second interval is no high rate)
   * @param usualPerHour the channel's usual highest rate per hour; null when it has fewer than
   *     {@link #USUAL_MIN_QUARTERS} quarter hours to judge by, or that rate is zero
   * @param implausible {@code perHour} above {@link #IMPLAUSIBLE_TIMES} × {@code usualPerHour};
   *     null when there is no usual rate
   */
  public record Anomaly(
      String meter,
      String channel,
      String unit,
      Instant start,
      Instant end,
      String how,
      double energy,
      double perHour,
      Double usualPerHour,
      Boolean implausible) {}

  private final DataSource dataSource;

  public PgCounterAnomalies(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * The anomalies of the enterprise's counter channels in scope whose interval ends in {@code
   * (from, to]}, oldest first, at most {@code limit}.
   *
   * @param meters only these meters' counter channels; null: every meter's
   * @param energyOnly only the meters' energy channels (a dossier's EnPI meters)
   */
  public List<Anomaly> list(
      Scope scope,
      String enterprise,
      List<String> meters,
      boolean energyOnly,
      Instant from,
      Instant to,
      int limit) {
    // an interval's rate is judged over at least a quarter hour: a meter polled every second
    // books its register's steps (0.25 kWh of a float32 at millions of kWh) in one-second
    // intervals, whose rates are many times the usual though nothing unusual happened
    String judged =
        "(i.energy / greatest(extract(epoch FROM i.ts_end - i.ts_start), 900) * 3600.0)";
    String sql =
        "WITH ch AS (SELECT c.channel_id, m.code AS meter, c.name AS channel, c.unit"
            + " FROM channel c JOIN meter m ON m.meter_id = c.meter_id"
            + " JOIN enterprise e ON e.enterprise_id = m.enterprise_id"
            + " JOIN site s ON s.site_id = m.site_id"
            + " WHERE e.code = ? AND c.kind = 'counter'"
            + " AND (?::text[] IS NULL OR m.code = ANY (?::text[]))"
            + (energyOnly ? " AND c.name = m.energy_channel" : "")
            + " AND "
            + Scope.SQL_SITE.formatted("e.code", "s.code")
            // the usual rate: of the quarter hours' energy of the channel's plain intervals
            + "), quarters AS (SELECT i.channel_id, sum(i.energy) * 4 AS per_hour"
            + " FROM interval_energy i JOIN ch USING (channel_id)"
            + " WHERE i.how = 'difference' AND i.ts_end > ? AND i.ts_end <= ?"
            + " GROUP BY i.channel_id, date_bin('15 minutes', i.ts_start, TIMESTAMPTZ '2000-01-01')),"
            + " usual AS (SELECT channel_id, count(*) AS n, percentile_cont("
            + USUAL_PERCENTILE
            + ") WITHIN GROUP (ORDER BY per_hour) AS per_hour FROM quarters GROUP BY channel_id)"
            + " SELECT ch.meter, ch.channel, ch.unit, i.ts_start, i.ts_end, i.how, i.energy, "
            + judged
            + ", CASE WHEN u.n >= "
            + USUAL_MIN_QUARTERS
            + " AND u.per_hour > 0 THEN u.per_hour END"
            + " FROM interval_energy i JOIN ch USING (channel_id)"
            + " LEFT JOIN usual u USING (channel_id)"
            + " WHERE i.ts_end > ? AND i.ts_end <= ? AND i.ts_end > i.ts_start"
            + " AND (i.how IN ('reset', 'wrap') OR (u.n >= "
            + USUAL_MIN_QUARTERS
            + " AND u.per_hour > 0 AND "
            + judged
            + " > "
            + IMPLAUSIBLE_TIMES
            + " * u.per_hour))"
            + " ORDER BY i.ts_end, ch.meter, ch.channel LIMIT ?";
    return Sql.with(
        dataSource,
        "reading counter anomalies",
        c -> {
          // a meter asked for by name is one of the enterprise's in scope: an unknown one is a 404
          for (String meter : meters == null ? List.<String>of() : meters) {
            ScopedChannel.meterId(c, scope, enterprise, meter);
          }
          return Sql.list(
              c,
              sql,
              ps -> {
                int next = Sql.bind(ps, 1, Sql.text(enterprise));
                for (int k = 0; k < 2; k++, next++) {
                  if (meters == null) {
                    ps.setNull(next, Types.ARRAY);
                  } else {
                    ps.setArray(next, c.createArrayOf("text", meters.toArray()));
                  }
                }
                next = scope.bind(c, ps, next);
                Sql.bind(ps, next, from.minus(USUAL_BEFORE), to, from, to, limit);
              },
              rs -> {
                double perHour = rs.getDouble(8);
                double usual = rs.getDouble(9);
                Double usualPerHour = rs.wasNull() ? null : usual;
                return new Anomaly(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    Sql.instant(rs, 4),
                    Sql.instant(rs, 5),
                    rs.getString(6),
                    rs.getDouble(7),
                    perHour,
                    usualPerHour,
                    usualPerHour == null ? null : perHour > IMPLAUSIBLE_TIMES * usualPerHour);
              });
        });
  }
}
