package org.energytrace.ingest;

import io.vertx.core.Vertx;
import java.util.List;
import org.energytrace.ingest.api.HealthRoutes;
import org.energytrace.ingest.config.IngestConfig;
import org.energytrace.ingest.health.DatabaseCheck;
import org.energytrace.ingest.health.HealthCheck;
import org.energytrace.ingest.health.Readiness;
import org.energytrace.ingest.integrity.IntegrityJob;
import org.energytrace.ingest.mqtt.PahoSubscriber;
import org.energytrace.ingest.pipeline.IngestPipeline;
import org.energytrace.ingest.store.MissingMessages;
import org.energytrace.ingest.store.StorageJobs;

/**
 * Readiness ({@code /api/v1/health/ready}): the database, the broker subscription, the pipeline,
 * TimescaleDB's jobs, the day seals and the gateways' missing messages.
 */
final class HealthWiring {
  private HealthWiring() {}

  static HealthRoutes routes(
      Vertx vertx,
      IngestConfig config,
      DatabaseCheck dbCheck,
      PahoSubscriber subscriber,
      IngestPipeline pipeline,
      StorageJobs storageJobs,
      IntegrityJob integrity,
      MissingMessages missingMessages) {
    var p = config.ingest();
    return new HealthRoutes(
        vertx,
        new Readiness(
            List.of(
                dbCheck,
                HealthCheck.of(
                    "mqtt",
                    () ->
                        subscriber.isConnected()
                            ? HealthCheck.Result.up()
                            : HealthCheck.Result.down(
                                "not connected and subscribed to " + config.mqtt().url())),
                HealthCheck.of(
                    "pipeline",
                    () ->
                        pipeline.stalled(p.stallTimeout())
                            ? HealthCheck.Result.down(
                                "a message has waited "
                                    + pipeline.oldestWaiting().toSeconds()
                                    + " s with nothing acknowledged for longer than"
                                    + " ingest.stall_timeout ("
                                    + p.stallTimeout()
                                    + ")")
                            : HealthCheck.Result.up()),
                // TimescaleDB's failed jobs are reported, not fatal: the service runs them
                // itself and keeps the rollups right (StorageJobs), so readiness stays 200
                HealthCheck.of(
                    "storage",
                    () -> {
                      StorageJobs.Check c = storageJobs.lastCheck();
                      return c == null || c.ok()
                          ? HealthCheck.Result.up()
                          : HealthCheck.Result.degraded(c.reason());
                    }),
                integrity.health(),
                missingMessages.health())));
  }
}
