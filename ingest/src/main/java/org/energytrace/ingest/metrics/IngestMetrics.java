package org.energytrace.ingest.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The pipeline's meters, scraped by Prometheus at {@code /metrics}. Names are dotted here and
 * exported with Prometheus conventions ({@code ingest_messages_total}, {@code
 * ingest_batch_seconds}); tags have bounded values, never a meter or gateway id.
 */
public final class IngestMetrics {
  private final PrometheusMeterRegistry registry;
  private final Counter stored;
  private final Counter partial;
  private final Counter refused;
  private final Counter pointsStored;
  private final Counter pointsDuplicate;
  private final Counter pointsDuplicateInBatch;
  private final Counter pointsConflicting;
  private final Counter quarantined;
  private final Counter released;
  private final Counter stillRefused;
  private final Counter batchRetries;
  private final DistributionSummary batchRows;
  private final Timer batchLatency;
  private final Timer lag;

  public IngestMetrics() {
    this(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  public IngestMetrics(PrometheusMeterRegistry registry) {
    this.registry = registry;
    new io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics().bindTo(registry);
    new io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics().bindTo(registry);
    new io.micrometer.core.instrument.binder.jvm.JvmGcMetrics().bindTo(registry);
    new io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics().bindTo(registry);
    new io.micrometer.core.instrument.binder.system.ProcessorMetrics().bindTo(registry);
    new io.micrometer.core.instrument.binder.system.UptimeMetrics().bindTo(registry);
    String messages = "ingest.messages";
    String help = "MQTT messages processed, by outcome";
    stored = counter(messages, help, "outcome", "stored");
    partial = counter(messages, help, "outcome", "partial");
    refused = counter(messages, help, "outcome", "refused");
    pointsStored = counter("ingest.points.stored", "readings newly stored");
    String duplicates = "ingest.points.duplicate";
    String duplicatesHelp =
        "readings absorbed as duplicates: already stored (broker redelivery, gateway replay) or"
            + " repeated inside one batch";
    pointsDuplicate = counter(duplicates, duplicatesHelp, "where", "stored");
    pointsDuplicateInBatch = counter(duplicates, duplicatesHelp, "where", "batch");
    pointsConflicting =
        counter(
            "ingest.points.conflicting",
            "readings whose key (channel, time) holds a stored reading of another value or"
                + " quality: the stored one is kept and the message quarantined (a part of the"
                + " duplicates)");
    quarantined = counter("ingest.quarantined", "rows written to quarantine");
    String reprocess = "ingest.quarantine.reprocessed";
    String reprocessHelp = "quarantined messages re-processed, by outcome";
    released = counter(reprocess, reprocessHelp, "outcome", "released");
    stillRefused = counter(reprocess, reprocessHelp, "outcome", "refused");
    batchRetries =
        counter("ingest.batch.retries", "batches retried after a transient database failure");
    batchRows =
        DistributionSummary.builder("ingest.batch.rows")
            .description("points per committed batch")
            .publishPercentiles(0.5, 0.99)
            .register(registry);
    batchLatency =
        Timer.builder("ingest.batch.latency")
            .description("time to write and commit one batch")
            .publishPercentiles(0.5, 0.99)
            .register(registry);
    lag =
        Timer.builder("ingest.lag")
            .description(
                "source timestamp to commit, per distinct source timestamp of a committed batch")
            .publishPercentiles(0.5, 0.99)
            .register(registry);
  }

  /** A counter of this registry, with its tags (key, value, ...). */
  private Counter counter(String name, String description, String... tags) {
    return Counter.builder(name).description(description).tags(tags).register(registry);
  }

  public void messages(int storedCount, int partialCount, int refusedCount) {
    stored.increment(storedCount);
    partial.increment(partialCount);
    refused.increment(refusedCount);
  }

  /** Points of a committed batch: newly stored, already stored, repeated inside the batch. */
  public void points(int storedCount, int alreadyStoredCount, int inBatchCount) {
    pointsStored.increment(storedCount);
    pointsDuplicate.increment(alreadyStoredCount);
    pointsDuplicateInBatch.increment(inBatchCount);
  }

  /** Readings of a committed batch that conflicted with the stored reading of their key. */
  public void conflicting(int count) {
    pointsConflicting.increment(count);
  }

  /** Conflicting readings so far. */
  public double conflicting() {
    return pointsConflicting.count();
  }

  public void quarantined(int count) {
    quarantined.increment(count);
  }

  public void reprocessed(boolean wasReleased) {
    (wasReleased ? released : stillRefused).increment();
  }

  public void batchRetried() {
    batchRetries.increment();
  }

  public void batch(int rows, Duration latency) {
    batchRows.record(rows);
    batchLatency.record(latency);
  }

  public void lag(Duration sourceToStored) {
    lag.record(sourceToStored.isNegative() ? Duration.ZERO : sourceToStored);
  }

  /**
   * The lag of one committed batch: commit ({@code nowMicros}) minus each distinct source timestamp
   * of its stored readings (epoch microseconds). Readings with the same timestamp in one batch have
   * the same lag, and recording every reading cost a tenth of the ingest JVM's CPU at 90 k
   * readings/s (docs/benchmarks/ingest.md, run 5).
   */
  public void lags(long[] sourceMicros, long nowMicros) {
    for (long t : sourceMicros) {
      lag.record(Math.max(0, nowMicros - t) * 1_000L, TimeUnit.NANOSECONDS);
    }
  }

  /** Registers a gauge read on every scrape, e.g. the hand-over queue's length. */
  public void gauge(String name, String description, Supplier<Number> value) {
    Gauge.builder(name, value).description(description).register(registry);
  }

  /** Duplicates absorbed, already stored and in-batch together. */
  public double duplicates() {
    return pointsDuplicate.count() + pointsDuplicateInBatch.count();
  }

  public double pointsStored() {
    return pointsStored.count();
  }

  public double messagesProcessed() {
    return stored.count() + partial.count() + refused.count();
  }

  public double retries() {
    return batchRetries.count();
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public String scrape() {
    return registry.scrape();
  }
}
