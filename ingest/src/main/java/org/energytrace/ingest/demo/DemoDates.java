package org.energytrace.ingest.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import javax.sql.DataSource;
import org.energytrace.ingest.jdbc.Sql;

/**
 * The dates of a demo run: the day the demo plant's history starts, the measure date (the last
 * {@link #REPORTING_DAYS} days of the requested history are after it, or its second half when the
 * history is shorter than twice that) and the history the gateway must publish: from the measure
 * date on, where its simulator starts. The days before the measure (the baseline year by default)
 * are loaded by {@link DemoHistory}.
 *
 * <p>The simulated plant is a function of its start and the instant, so a demo started again on a
 * later day against the same database must start the model on the same day as the first run:
 * otherwise its counters would not continue the stored ones and its measure would move. The first
 * run's start is read back from the data (the local day of the demo enterprise's first reading);
 * the history then grows by the days since, whose earlier part the server absorbs as duplicates.
 *
 * @param history what to pass as the gateway's {@code --history} (whole days from the measure date)
 */
public record DemoDates(LocalDate historyStart, LocalDate measureDate, Duration history) {

  /** Days of the default history after the measure (the reporting period shown). */
  public static final int REPORTING_DAYS = 30;

  /**
   * @param firstReading the first stored reading of the demo enterprise, if any
   * @param requested the history of a first run ({@code --history})
   */
  public static DemoDates of(
      Optional<Instant> firstReading, Instant now, Duration requested, ZoneId zone) {
    LocalDate today = LocalDate.ofInstant(now, zone);
    long requestedDays = Math.max(1, requested.toDays());
    LocalDate start =
        firstReading
            .map(t -> LocalDate.ofInstant(t, zone))
            .filter(d -> d.isBefore(today))
            .orElse(today.minusDays(requestedDays));
    LocalDate measure = start.plusDays(baselineDays(requested));
    long days = Math.max(0, ChronoUnit.DAYS.between(measure, today));
    return new DemoDates(start, measure, Duration.ofDays(days));
  }

  /** The days of a first run's history {@code requested} before the measure: its baseline's. */
  public static long baselineDays(Duration requested) {
    long days = Math.max(1, requested.toDays());
    return days - Math.min(REPORTING_DAYS, days / 2);
  }

  /** The first stored reading of {@code enterprise}; empty on a database without one (or new). */
  public static Optional<Instant> firstReading(DataSource dataSource, String enterprise) {
    return oldestOfChannels(dataSource, enterprise, "ts");
  }

  /**
   * The newest reading that every channel of {@code enterprise} has (the oldest of their newest): a
   * demo started again has its gateway publish only the history after it, what the last run did not
   * publish. Empty on a database without readings (or new).
   */
  public static Optional<Instant> lastPublished(DataSource dataSource, String enterprise) {
    return oldestOfChannels(dataSource, enterprise, "ts DESC");
  }

  /** The oldest of each channel's first reading in {@code order}. */
  private static Optional<Instant> oldestOfChannels(
      DataSource dataSource, String enterprise, String order) {
    try (Connection c = dataSource.getConnection()) {
      return Sql.first(
              c,
              "SELECT min(r.ts) FROM channel ch JOIN enterprise e"
                  + " ON e.enterprise_id = ch.enterprise_id"
                  + " CROSS JOIN LATERAL (SELECT ts FROM reading"
                  + " WHERE reading.channel_id = ch.channel_id ORDER BY "
                  + order
                  + " LIMIT 1) r"
                  + " WHERE e.code = ?",
              Sql.args(Sql.text(enterprise)),
              rs -> rs.getObject(1, OffsetDateTime.class))
          .map(OffsetDateTime::toInstant);
    } catch (SQLException e) {
      return Optional.empty(); // a new database: not migrated yet
    }
  }
}
