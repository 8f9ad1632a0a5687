package org.energytrace.ingest.store;

import io.micrometer.core.instrument.Counter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.metrics.IngestMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches TimescaleDB's background jobs that keep ingest's storage — the refresh policies of the
 * continuous aggregates, compression and retention — and keeps the rollups right when they fail.
 *
 * <p>On some PostgreSQL minor versions TimescaleDB's scheduler ends every job with {@code cannot
 * drop portal "" while it is being set up}, while the same job run in a client session ({@code CALL
 * run_job(id)}) works. {@link #runOnce()} (every few minutes, on a worker) reads {@code
 * timescaledb_information.job_stats}: a job whose last scheduled run failed, or that is overdue by
 * more than its interval (no scheduler running), is run by the service itself once per schedule
 * interval. It also refreshes the aggregates over counter events still marked pending ({@link
 * Rollups#refreshPending}). {@link #check()} says whether TimescaleDB reports failed jobs — for a
 * readiness check — and the gauge {@code ingest.storage.jobs.failed} counts them; {@code
 * ingest.storage.jobs.service.runs{outcome}} counts the service's own runs.
 *
 * <p>Without TimescaleDB (or on the apache edition, which has no policies) there are no jobs and
 * the check is always ok: the service keeps rollups and retention itself.
 */
public final class StorageJobs {
  private static final Logger LOG = LoggerFactory.getLogger(StorageJobs.class);

  /** Procedures of the policies on ingest's tables. */
  static final List<String> POLICIES =
      List.of("policy_refresh_continuous_aggregate", "policy_compression", "policy_retention");

  /**
   * The outcome of a check: {@code ok}, or failed with a reason naming each failed job, what it
   * keeps, when and why it failed, and what the service does about it.
   */
  public record Check(boolean ok, String reason, List<Job> failed) {
    public Check {
      failed = List.copyOf(failed);
    }

    static Check ok(String reason) {
      return new Check(true, reason, List.of());
    }
  }

  /**
   * A job of TimescaleDB as its statistics report it.
   *
   * @param target the table or continuous aggregate it keeps
   * @param failedAt start of the failed run (null when it is overdue instead)
   * @param error TimescaleDB's error message of the last failed run, or why it counts as failed
   */
  public record Job(
      int id, String proc, String target, Duration every, Instant failedAt, String error) {
    @Override
    public String toString() {
      return "job "
          + id
          + " ("
          + proc.replaceFirst("^policy_", "")
          + " of "
          + target
          + ") "
          + (failedAt == null ? "" : "failed at " + failedAt + ": ")
          + error;
    }
  }

  private final DataSource dataSource;
  private final Clock clock;
  private final Instant started;
  private final Map<Integer, Instant> serviceRuns = new ConcurrentHashMap<>();
  private volatile Check last = Check.ok("not checked yet");
  private Counter runsOk;
  private Counter runsFailed;

  public StorageJobs(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
    this.started = clock.instant();
  }

  /** Registers {@code ingest.storage.jobs.failed} and the service-run counters. */
  public void instrument(IngestMetrics metrics) {
    metrics.gauge(
        "ingest.storage.jobs.failed",
        "TimescaleDB jobs of ingest's storage whose last run failed or that are overdue",
        () -> last.failed().size());
    runsOk =
        Counter.builder("ingest.storage.jobs.service.runs")
            .description("TimescaleDB jobs the service ran itself because the scheduler did not")
            .tag("outcome", "ok")
            .register(metrics.registry());
    runsFailed =
        Counter.builder("ingest.storage.jobs.service.runs")
            .description("TimescaleDB jobs the service ran itself because the scheduler did not")
            .tag("outcome", "failed")
            .register(metrics.registry());
  }

  /** The result of the latest {@link #check()} or {@link #runOnce()}, without a query. */
  public Check lastCheck() {
    return last;
  }

  /**
   * Reads TimescaleDB's job statistics now (blocking: call on a worker). When the database cannot
   * be reached the previous result stands: readiness names the database itself ({@code db}), and a
   * pass during an outage had made {@code storage} "DEGRADED" with a TimescaleDB message, on plain
   * PostgreSQL too, until the next pass five minutes after the database was back.
   *
   * @return ok, or failed with a reason naming the failed jobs
   */
  public Check check() {
    try (Connection c = dataSource.getConnection()) {
      Check result = check(c);
      last = result;
      return result;
    } catch (SQLException e) {
      LOG.debug("TimescaleDB's job statistics not read: {}", e.getMessage());
      return last;
    }
  }

  private Check check(Connection c) throws SQLException {
    if (!hasJobs(c)) {
      return Check.ok("no TimescaleDB jobs: the service keeps rollups and retention");
    }
    List<Job> failed = failedJobs(c);
    String license = licenseProblem(c);
    if (failed.isEmpty() && license == null) {
      return Check.ok("TimescaleDB jobs ran as scheduled");
    }
    List<String> parts = new ArrayList<>();
    if (license != null) {
      parts.add(license);
    }
    for (Job j : failed) {
      Instant ran = serviceRuns.get(j.id());
      parts.add(j + (ran == null ? "" : "; run by the service at " + ran));
    }
    return new Check(false, String.join("; ", parts), failed);
  }

  /**
   * One pass: checks the jobs, runs the failed or overdue ones whose interval has passed since the
   * service last ran them, and refreshes the aggregates over pending counter events.
   *
   * @return the check after the pass
   */
  public Check runOnce() {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      if (hasJobs(c)) {
        Instant now = clock.instant();
        for (Job j : failedJobs(c)) {
          Instant ran = serviceRuns.get(j.id());
          if (ran != null && ran.plus(j.every()).isAfter(now)) {
            continue;
          }
          runJob(c, j, now);
        }
        try {
          Rollups.refreshPending(dataSource);
        } catch (SQLException e) {
          LOG.warn("refreshing the energy rollups over pending counter events failed", e);
        }
      }
    } catch (SQLException e) {
      // one line: a database outage (readiness names it) said "checking TimescaleDB's jobs failed"
      // with 40 lines of stack on a server without TimescaleDB
      LOG.warn("storage jobs not checked: {}", e.getMessage());
    }
    return check();
  }

  private void runJob(Connection c, Job j, Instant now) {
    try (PreparedStatement ps = c.prepareStatement("CALL run_job(?)")) {
      ps.setInt(1, j.id());
      ps.execute();
      serviceRuns.put(j.id(), now);
      count(runsOk);
      LOG.warn("TimescaleDB {}; the service ran it itself", j);
    } catch (SQLException e) {
      count(runsFailed);
      LOG.error("TimescaleDB {}; running it from the service failed too", j, e);
    }
  }

  private static void count(Counter counter) {
    if (counter != null) {
      counter.increment();
    }
  }

  private static boolean hasJobs(Connection c) throws SQLException {
    return bool(
            c,
            "SELECT to_regclass('timescaledb_information.jobs') IS NOT NULL"
                + " AND current_setting('timescaledb.license', true) = 'timescale'")
        || hasContinuousAggregates(c);
  }

  private static boolean hasContinuousAggregates(Connection c) throws SQLException {
    return bool(
        c,
        "SELECT to_regclass('timescaledb_information.continuous_aggregates') IS NOT NULL"
            + " AND EXISTS (SELECT 1 FROM storage_feature WHERE feature = 'rollups'"
            + " AND provider = 'timescaledb')");
  }

  /** The answer of a query of one boolean. */
  private static boolean bool(Connection c, String sql) throws SQLException {
    return Sql.one(c, sql, Sql.NONE, rs -> rs.getBoolean(1));
  }

  /** Rollups were made continuous aggregates, but the server now runs another edition. */
  private static String licenseProblem(Connection c) throws SQLException {
    return Sql.first(
            c,
            "SELECT current_setting('timescaledb.license', true) FROM storage_feature"
                + " WHERE feature = 'rollups' AND provider = 'timescaledb'"
                + " AND current_setting('timescaledb.license', true)"
                + " IS DISTINCT FROM 'timescale'",
            Sql.NONE,
            rs ->
                "the rollups are continuous aggregates but the server runs TimescaleDB's "
                    + rs.getString(1)
                    + " edition, which cannot refresh them: run the full edition")
        .orElse(null);
  }

  private List<Job> failedJobs(Connection c) throws SQLException {
    Instant now = clock.instant();
    return Sql.list(
            c,
            "SELECT j.job_id, j.proc_name, coalesce(ca.view_name, j.hypertable_name),"
                + " extract(epoch FROM j.schedule_interval), s.last_run_status,"
                + " s.last_run_started_at, s.next_start, j.scheduled,"
                + " (SELECT e.err_message FROM timescaledb_information.job_errors e"
                + "   WHERE e.job_id = j.job_id ORDER BY e.start_time DESC LIMIT 1)"
                + " FROM timescaledb_information.jobs j"
                + " LEFT JOIN timescaledb_information.job_stats s ON s.job_id = j.job_id"
                + " LEFT JOIN timescaledb_information.continuous_aggregates ca"
                + "   ON ca.materialization_hypertable_schema = j.hypertable_schema"
                + "   AND ca.materialization_hypertable_name = j.hypertable_name"
                + " WHERE j.proc_name = ANY(?) ORDER BY j.job_id",
            Sql.args(c.createArrayOf("text", POLICIES.toArray())),
            rs -> failedJob(rs, now))
        .stream()
        .filter(Objects::nonNull)
        .toList();
  }

  /** The job of a row of {@link #failedJobs}, or null when it neither failed nor is overdue. */
  private Job failedJob(ResultSet rs, Instant now) throws SQLException {
    int id = rs.getInt(1);
    String proc = rs.getString(2);
    String target = rs.getString(3);
    Duration every = Duration.ofMillis(Math.round(rs.getDouble(4) * 1000));
    String status = rs.getString(5);
    OffsetDateTime startedAt = rs.getObject(6, OffsetDateTime.class);
    OffsetDateTime next = rs.getObject(7, OffsetDateTime.class);
    boolean scheduled = rs.getBoolean(8);
    String error = rs.getString(9);
    if ("Failed".equals(status)) {
      return new Job(
          id,
          proc,
          target,
          every,
          startedAt == null ? null : startedAt.toInstant(),
          error == null ? "no error recorded" : error);
    } else if (scheduled && overdue(next, startedAt, every, now)) {
      return new Job(
          id,
          proc,
          target,
          every,
          null,
          next == null
              ? "never run by TimescaleDB's scheduler"
              : "overdue since " + next.toInstant() + " (is the scheduler running?)");
    }
    return null;
  }

  /**
   * A scheduled job counts as overdue when its next start passed more than an interval (at least
   * five minutes) ago, or when it has never run although the service has been up that long.
   */
  private boolean overdue(OffsetDateTime next, OffsetDateTime ran, Duration every, Instant now) {
    Duration grace = every.compareTo(Duration.ofMinutes(5)) < 0 ? Duration.ofMinutes(5) : every;
    if (next != null) {
      return next.toInstant().plus(grace).isBefore(now);
    }
    return ran == null && started.plus(grace).plus(grace).isBefore(now);
  }
}
