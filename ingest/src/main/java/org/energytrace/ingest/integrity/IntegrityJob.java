package org.energytrace.ingest.integrity;

import java.util.concurrent.atomic.AtomicLong;
import org.energytrace.ingest.health.HealthCheck;
import org.energytrace.ingest.metrics.IngestMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sealing job and the nightly check (docs/verification.md, "Operations"): every {@code
 * integrity.seal_every} it seals the days that ended more than {@code integrity.seal_grace} ago and
 * appends the revision links late data asks for; whenever that sealed a new day (once a day, after
 * the grace period: "nightly"), and once after start, it checks every series' chain and its newest
 * sealed day against the stored rows, and the audit log's chain. The result goes to the metrics
 * ({@code integrity.check.failures}, {@code integrity.seal.links}) and to readiness ({@code
 * integrity}: DEGRADED naming the first mismatch). Blocking: run on a worker thread.
 */
public final class IntegrityJob {
  private static final Logger LOG = LoggerFactory.getLogger(IntegrityJob.class);

  private final PgSeals seals;
  private final IntegrityCheck check;
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong links = new AtomicLong();
  private final AtomicLong refusedRevisions = new AtomicLong();
  private volatile IntegrityCheck.Report last;

  public IntegrityJob(PgSeals seals, IntegrityCheck check) {
    this.seals = seals;
    this.check = check;
  }

  /** Registers the job's gauges. */
  public IntegrityJob instrument(IngestMetrics metrics) {
    metrics.gauge(
        "integrity.check.failures",
        "series whose stored rows no longer match their seals, plus 1 when the audit log's chain"
            + " is broken, at the last integrity check",
        failures::get);
    metrics.gauge(
        "integrity.seal.links", "day-seal links appended by this instance since start", links::get);
    metrics.gauge(
        "integrity.seal.revisions_refused",
        "late data for a day whose other rows no longer matched its seal (not sealed again)",
        refusedRevisions::get);
    return this;
  }

  /** One pass: seal, then check when a new day was sealed or nothing was checked yet. */
  public IntegrityCheck.Report runOnce() {
    PgSeals.SealRun run = seals.sealReady();
    links.addAndGet(run.links() + run.revisions());
    refusedRevisions.addAndGet(run.refusedRevisions());
    if (last == null || run.links() > 0 || run.refusedRevisions() > 0) {
      return checkNow();
    }
    return last;
  }

  /** The nightly check, now. */
  public IntegrityCheck.Report checkNow() {
    IntegrityCheck.Report r = check.checkNewestDays();
    last = r;
    failures.set(r.mismatches().size() + (r.audit().ok() ? 0 : 1));
    if (r.ok()) {
      LOG.info("integrity check {}", r.summary());
    } else {
      LOG.error("integrity check FAILED: {}", r.summary());
    }
    return r;
  }

  /** The last check's result, null before the first. */
  public IntegrityCheck.Report last() {
    return last;
  }

  /**
   * Readiness: DEGRADED (reported, still 200) naming the first mismatch after a failed check — the
   * service still works, and taking it out of a load balancer would not mend stored data.
   */
  public HealthCheck health() {
    return HealthCheck.of(
        "integrity",
        () -> {
          IntegrityCheck.Report r = last;
          return r == null || r.ok()
              ? HealthCheck.Result.up()
              : HealthCheck.Result.degraded("integrity check failed: " + r.summary());
        });
  }
}
