package org.energytrace.ingest.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** The pipeline's counters, scraped by Prometheus at {@code /metrics}. */
public final class IngestMetrics {
  private final PrometheusMeterRegistry registry;
  private final Counter stored;
  private final Counter partial;
  private final Counter refused;
  private final Counter pointsStored;
  private final Counter pointsDuplicate;
  private final Counter quarantined;

  public IngestMetrics() {
    this(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  public IngestMetrics(PrometheusMeterRegistry registry) {
    this.registry = registry;
    String messages = "ingest.messages";
    String help = "MQTT messages processed, by outcome";
    stored =
        Counter.builder(messages).description(help).tag("outcome", "stored").register(registry);
    partial =
        Counter.builder(messages).description(help).tag("outcome", "partial").register(registry);
    refused =
        Counter.builder(messages).description(help).tag("outcome", "refused").register(registry);
    pointsStored =
        Counter.builder("ingest.points.stored")
            .description("readings newly stored")
            .register(registry);
    pointsDuplicate =
        Counter.builder("ingest.points.duplicate")
            .description("readings absorbed as duplicates")
            .register(registry);
    quarantined =
        Counter.builder("ingest.quarantined")
            .description("rows written to quarantine")
            .register(registry);
  }

  public void messages(int storedCount, int partialCount, int refusedCount) {
    stored.increment(storedCount);
    partial.increment(partialCount);
    refused.increment(refusedCount);
  }

  public void points(int storedCount, int duplicateCount) {
    pointsStored.increment(storedCount);
    pointsDuplicate.increment(duplicateCount);
  }

  public void quarantined(int count) {
    quarantined.increment(count);
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public String scrape() {
    return registry.scrape();
  }
}
