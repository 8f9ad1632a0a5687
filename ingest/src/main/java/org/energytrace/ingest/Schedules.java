package org.energytrace.ingest;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.energytrace.ingest.integrity.IntegrityJob;
import org.energytrace.ingest.programme.PeriodReports;
import org.energytrace.ingest.programme.ReminderMailer;
import org.energytrace.ingest.store.MissingMessages;
import org.energytrace.ingest.store.Retention;
import org.energytrace.ingest.store.StorageJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's periodic jobs, each run on a worker thread (unordered); a failed run is logged and
 * tried again at the next. Each answers its timer's id (cancelled at stop).
 */
final class Schedules {
  // logged as IngestApp, as they were before this class was split from it
  private static final Logger LOG = LoggerFactory.getLogger(IngestApp.class);
  private static final Duration FIRST = Duration.ofMinutes(1);

  private Schedules() {}

  /** First pass a minute after start, then hourly; a failed pass is logged and tried again. */
  static long retention(Vertx vertx, Retention retention) {
    return every(
        vertx,
        FIRST,
        Duration.ofHours(1),
        retention::runOnce,
        n -> {
          if (n > 0) {
            LOG.info("retention: deleted {} readings before {}", n, retention.cutoff());
          }
        },
        "retention pass failed; next in an hour");
  }

  /**
   * Every 5 minutes (the refresh policies' interval), first after a minute: notices failed
   * TimescaleDB jobs and runs them from the service (store.StorageJobs).
   */
  static long storageJobs(Vertx vertx, StorageJobs jobs) {
    return every(
        vertx,
        FIRST,
        Duration.ofMinutes(5),
        jobs::runOnce,
        check -> {
          if (!check.ok()) {
            LOG.warn("storage jobs: {}", check.reason());
          }
        },
        "checking TimescaleDB's jobs failed");
  }

  /**
   * Every minute, first after a minute: logs the gateway messages that never arrived and counts
   * them in {@code ingest_messages_missing} (store.MissingMessages).
   */
  static long missingMessages(Vertx vertx, MissingMessages missing) {
    return every(
        vertx,
        FIRST,
        Duration.ofMinutes(1),
        missing::runOnce,
        gaps -> {},
        "checking the gateways' message numbers failed");
  }

  /**
   * First a minute after start, then every {@code integrity.seal_every}: seals the ready days,
   * appends revisions for late data, and checks when a new day was sealed (IntegrityJob).
   */
  static long integrity(Vertx vertx, IntegrityJob job, Duration every) {
    return every(
        vertx, FIRST, every, job::runOnce, r -> {}, "sealing or checking day seals failed");
  }

  /**
   * First a minute after start, then hourly: records the reporting reminders due (an enterprise is
   * reminded once per period; docs/programme-reporting.md). Ends with the Vert.x instance.
   */
  static long reminders(Vertx vertx, PeriodReports reports) {
    return every(
        vertx,
        FIRST,
        Duration.ofHours(1),
        reports::remindAll,
        n -> {
          if (n > 0) {
            LOG.info("programme reporting: {} reminders recorded", n);
          }
        },
        "recording the reporting reminders failed");
  }

  /**
   * Every {@code mail.send_every} (first after one period): sends the queued reminders by e-mail
   * and retries those that failed (docs/programme-reporting.md, "Reminders").
   */
  static long mailer(Vertx vertx, ReminderMailer mailer, Duration every) {
    return every(
        vertx,
        every,
        every,
        mailer::sendQueued,
        run -> {
          if (run.sent() > 0 || run.failed() > 0) {
            LOG.info(
                "programme reporting: {} reminders e-mailed, {} failed (retried later)",
                run.sent(),
                run.failed());
          }
        },
        "e-mailing the reporting reminders failed");
  }

  /** Runs {@code job} after {@code first}, then every {@code period}. */
  private static <T> long every(
      Vertx vertx,
      Duration first,
      Duration period,
      Callable<T> job,
      Consumer<T> done,
      String failure) {
    return vertx.setPeriodic(
        first.toMillis(),
        period.toMillis(),
        t ->
            vertx
                .executeBlocking(job, false)
                .onSuccess(done::accept)
                .onFailure(e -> LOG.warn(failure, e)));
  }
}
