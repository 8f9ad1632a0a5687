package org.energytrace.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.energytrace.ingest.fixtures.Gateways;
import org.energytrace.ingest.fixtures.Telemetry;
import org.energytrace.ingest.fixtures.TestDatabase;
import org.energytrace.ingest.metrics.IngestMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * TimescaleDB's background jobs can fail on some PostgreSQL minors ({@code cannot drop portal}):
 * the service notices (check for readiness, metric) and keeps the rollups right by running the
 * failed refresh itself. Without TimescaleDB's policies there is nothing to watch.
 */
@ParameterizedClass(name = "on {0}")
@MethodSource("org.energytrace.ingest.fixtures.TestDatabase#servers")
class StorageJobsIT {
  static final String PORTAL = "cannot drop portal \"\" while it is being set up";
  static final String TOPIC = "et/v1/jobs-co/plant-1/gw-1/telemetry";
  static final Instant DAY = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(3));

  @Parameter TestDatabase.Server server;
  TestDatabase db;
  Database database;
  PgIngestStore store;
  IngestMetrics metrics = new IngestMetrics();
  StorageJobs jobs;

  @BeforeEach
  void migrate() {
    db = TestDatabase.create(server);
    database = Database.open(db.config());
    database.migrate();
    Gateways.register(database.dataSource(), "jobs-co/plant-1/gw-1");
    db.pauseJobs(); // the scheduler must not run (or fail) a job behind the test's back
    store = new PgIngestStore(database.dataSource(), true);
    jobs = new StorageJobs(database.dataSource(), Clock.systemUTC());
    jobs.instrument(metrics);
  }

  @AfterEach
  void drop() {
    database.close();
    db.close();
  }

  /** Readings every 15 minutes of a day three days back, from {@code from} on every {@code n}th. */
  void write(int seq, int offset, int every) {
    List<String> points = new ArrayList<>();
    for (int i = offset; i < 96; i += every) {
      Instant t = DAY.plus(Duration.ofMinutes(15L * i));
      points.add(Telemetry.point("Power", t, 10 + i, "KWT", "gauge"));
      points.add(Telemetry.point("Energy", t, 1000 + 2.5 * i, "KWH", "counter"));
    }
    store.write(
        List.of(
            Telemetry.incoming(
                Telemetry.validator(), TOPIC, Telemetry.message(seq, Instant.now(), points))));
  }

  long mismatches() {
    long n = 0;
    for (Resolution r : Rollups.BUCKETED) {
      n += db.count(RollupsIT.readingMismatches(r.wire(), r.width()));
      n += db.count(RollupsIT.energyMismatches(r.wire(), r.width()));
    }
    return n;
  }

  List<Integer> refreshJobs() {
    return db
        .rows(
            "SELECT job_id FROM timescaledb_information.jobs"
                + " WHERE proc_name = 'policy_refresh_continuous_aggregate' ORDER BY job_id")
        .stream()
        .map(Integer::valueOf)
        .toList();
  }

  @Test
  void reportsFailedRefreshJobsAndKeepsTheRollupsRightByRunningThemItself() {
    write(1, 0, 2); // every other quarter hour
    assertThat(db.count("SELECT count(*) FROM reading")).as("readings stored").isEqualTo(96);
    db.runJobs("policy_refresh_continuous_aggregate");
    assertThat(jobs.check().ok()).as(jobs.check().reason()).isTrue();

    if (!"timescaledb"
        .equals(db.text("SELECT provider FROM storage_feature WHERE feature = 'rollups'"))) {
      // plain PostgreSQL and the apache edition: the service keeps the rollups, no jobs to watch
      write(2, 1, 2);
      assertThat(jobs.runOnce().ok()).isTrue();
      assertThat(jobs.check().reason()).contains("no TimescaleDB jobs");
      assertThat(mismatches()).isZero();
      assertThat(metrics.scrape()).contains("ingest_storage_jobs_failed 0.0");
      return;
    }
    // the scheduler fails every refresh, as on the PostgreSQL minors with the portal bug
    List<Integer> refresh = refreshJobs();
    assertThat(refresh).isNotEmpty();
    refresh.forEach(id -> db.recordJobFailure(id, PORTAL));
    // late readings land in materialised buckets: only a refresh brings them into the aggregates
    write(2, 1, 2);
    assertThat(mismatches()).as("the aggregates before any refresh").isPositive();

    StorageJobs.Check check = jobs.check();

    assertThat(check.ok()).isFalse();
    assertThat(check.failed()).extracting(StorageJobs.Job::id).containsExactlyElementsOf(refresh);
    assertThat(check.reason()).contains("energy_15m", "reading_1h", PORTAL);
    assertThat(metrics.scrape()).contains("ingest_storage_jobs_failed " + refresh.size() + ".0");

    StorageJobs.Check after = jobs.runOnce();

    assertThat(mismatches()).as("the aggregates after the service ran the refreshes").isZero();
    assertThat(after.ok()).as("TimescaleDB still reports the scheduler's failures").isFalse();
    assertThat(after.reason()).contains("run by the service at");
    assertThat(metrics.scrape())
        .contains("ingest_storage_jobs_service_runs_total{outcome=\"ok\"} " + refresh.size());
    // within the schedule interval the service does not run them again
    write(3, 0, 3);
    jobs.runOnce();
    assertThat(metrics.scrape())
        .contains("ingest_storage_jobs_service_runs_total{outcome=\"ok\"} " + refresh.size());
  }

  /**
   * A database that cannot be reached is readiness's {@code db} to name: the storage check keeps
   * its last result. A pass during a database outage said "cannot read TimescaleDB's job
   * statistics" (on plain PostgreSQL too) and kept storage DEGRADED for five minutes after the
   * database was back, while {@code ingest.storage.jobs.failed} said 0.
   */
  @Test
  void aDatabaseThatCannotBeReachedLeavesTheLastResultStanding() {
    StorageJobs.Check before = jobs.check();
    database.close();
    StorageJobs.Check during = jobs.check();
    assertThat(during).isEqualTo(before);
    assertThat(jobs.lastCheck()).isEqualTo(before);
    assertThat(during.reason()).doesNotContain("cannot read");
  }

  @Test
  void aJobTheSchedulerRanWithoutFailureIsNotReported() {
    if (!db.timescale()
        || !"timescale".equals(db.text("SELECT current_setting('timescaledb.license', true)"))) {
      assertThat(jobs.check().ok()).isTrue();
      return;
    }
    int job = refreshJobs().get(0);
    db.recordJobFailure(job, PORTAL);
    assertThat(jobs.check().failed()).hasSize(1);
    db.execute(
        "UPDATE _timescaledb_internal.bgw_job_stat SET last_run_success = true,"
            + " last_successful_finish = now() WHERE job_id = "
            + job);

    assertThat(jobs.check().ok()).as(jobs.check().reason()).isTrue();
  }
}
