package org.energytrace.ingest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import org.energytrace.ingest.api.ApiRoutes;
import org.energytrace.ingest.auth.Security;
import org.energytrace.ingest.config.IngestConfig;
import org.energytrace.ingest.dashboard.DashboardRoutes;
import org.energytrace.ingest.dashboard.PgDashboard;
import org.energytrace.ingest.enpi.EnpiAnalytics;
import org.energytrace.ingest.enpi.EnpiRoutes;
import org.energytrace.ingest.enpi.PgBaselines;
import org.energytrace.ingest.enpi.PgEnpiData;
import org.energytrace.ingest.enpi.PgEnpiStore;
import org.energytrace.ingest.live.LiveFeed;
import org.energytrace.ingest.metrics.IngestMetrics;
import org.energytrace.ingest.mqtt.PahoSubscriber;
import org.energytrace.ingest.pipeline.IngestPipeline;
import org.energytrace.ingest.production.PgProduction;
import org.energytrace.ingest.quarantine.QuarantineService;
import org.energytrace.ingest.registry.PgRegistry;
import org.energytrace.ingest.store.Database;
import org.energytrace.ingest.store.PgIngestStore;
import org.energytrace.ingest.store.PgReadQueries;
import org.energytrace.ingest.store.Retention;
import org.energytrace.ingest.store.StorageJobs;
import org.energytrace.ingest.validate.MessageValidator;
import org.energytrace.ingest.web.HttpVerticle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running ingest service: wires the objects from an {@link IngestConfig} (used by {@link
 * IngestMain} and by tests that start the service in-process) and stops them in order.
 *
 * <pre>{@code
 * IngestApp app = IngestApp.start(vertx, config).await();   // or compose on the Future
 * int port = app.httpPort();
 * app.stop().await();
 * }</pre>
 *
 * Start-up opens the database pool (failing at once when PostgreSQL is unreachable), migrates the
 * schema when {@code db.migrate_on_start}, starts HTTP, then connects to the broker in the
 * background, retrying until it is up: {@code /api/v1/health} reports 200 once both are up.
 */
public final class IngestApp {
  private static final Logger LOG = LoggerFactory.getLogger(IngestApp.class);

  private final Vertx vertx;
  private final Database db;
  private final PahoSubscriber subscriber;
  private final IngestPipeline pipeline;
  private final HttpVerticle http;
  private final String deploymentId;
  private final IngestMetrics metrics;
  private final long retentionTimer;
  private final long storageJobsTimer;
  private final StorageJobs storageJobs;

  private IngestApp(
      Vertx vertx,
      Database db,
      PahoSubscriber subscriber,
      IngestPipeline pipeline,
      HttpVerticle http,
      String deploymentId,
      IngestMetrics metrics,
      long retentionTimer,
      long storageJobsTimer,
      StorageJobs storageJobs) {
    this.retentionTimer = retentionTimer;
    this.storageJobsTimer = storageJobsTimer;
    this.storageJobs = storageJobs;
    this.vertx = vertx;
    this.db = db;
    this.subscriber = subscriber;
    this.pipeline = pipeline;
    this.http = http;
    this.deploymentId = deploymentId;
    this.metrics = metrics;
  }

  public static Future<IngestApp> start(Vertx vertx, IngestConfig config) {
    return start(vertx, config, Clock.systemUTC());
  }

  public static Future<IngestApp> start(Vertx vertx, IngestConfig config, Clock clock) {
    return start(vertx, config, clock, new IngestMetrics());
  }

  /**
   * Starts with the given metrics, e.g. on a registry that Vert.x itself was built with ({@link
   * IngestMain}) so that its HTTP, event-bus and pool meters are scraped with ours.
   */
  public static Future<IngestApp> start(
      Vertx vertx, IngestConfig config, Clock clock, IngestMetrics metrics) {
    return vertx
        .executeBlocking(() -> openDatabase(config))
        .compose(db -> wire(vertx, config, clock, db, metrics));
  }

  private static Database openDatabase(IngestConfig config) {
    Database db = Database.open(config.db());
    if (config.db().migrateOnStart()) {
      try {
        var result = db.migrate();
        LOG.info("database schema at version {}", result.targetSchemaVersion);
      } catch (RuntimeException e) {
        db.close();
        throw e;
      }
    }
    return db;
  }

  private static Future<IngestApp> wire(
      Vertx vertx, IngestConfig config, Clock clock, Database db, IngestMetrics metrics) {
    var p = config.ingest();
    MessageValidator validator =
        new MessageValidator(clock, p.maxPayloadBytes(), p.clockSkew(), p.maxAge());
    PahoSubscriber subscriber = new PahoSubscriber(config.mqtt(), clock);
    PgIngestStore store = new PgIngestStore(db.dataSource(), p.autoRegister());
    IngestPipeline pipeline = new IngestPipeline(vertx, subscriber, validator, store, metrics, p);
    QuarantineService quarantine =
        new QuarantineService(store, validator, stored -> LiveFeed.publish(vertx, stored), metrics);
    PgRegistry registry = new PgRegistry(db.dataSource(), store::forgetRegistry);
    metrics.gauge(
        "ingest.queue.messages",
        "messages received from the broker, not yet taken into a batch",
        subscriber::queued);
    metrics.gauge(
        "ingest.mqtt.received",
        "messages received from the broker since start, redeliveries included",
        subscriber::received);
    db.instrument(metrics);
    // TimescaleDB's jobs (refresh, compression, retention); readiness can call storageJobs.check()
    StorageJobs storageJobs = new StorageJobs(db.dataSource(), clock);
    storageJobs.instrument(metrics);
    ApiRoutes api =
        new ApiRoutes(
            vertx,
            db,
            new PgReadQueries(db.dataSource()),
            quarantine,
            registry,
            subscriber::isConnected,
            clock);
    PgEnpiStore enpiStore = new PgEnpiStore(db.dataSource());
    EnpiAnalytics analytics =
        new EnpiAnalytics(
            enpiStore, new PgEnpiData(db.dataSource()), new PgBaselines(db.dataSource()), clock);
    EnpiRoutes enpi =
        new EnpiRoutes(
            vertx,
            enpiStore,
            new PgProduction(db.dataSource()),
            analytics,
            config.dashboards().tariffs(),
            clock);
    DashboardRoutes dashboards =
        new DashboardRoutes(
            vertx,
            new PgDashboard(db.dataSource()),
            enpiStore,
            analytics,
            config.dashboards(),
            clock);
    Security security = Security.create(vertx, config.security(), db.dataSource(), clock);
    HttpVerticle http =
        new HttpVerticle(
            config.http(),
            router -> {
              security.mount(router); // the access gate goes in front of every API route
              api.mount(router);
              enpi.mount(router);
              dashboards.mount(router);
            },
            metrics);
    return vertx
        .executeBlocking(security::bootstrap)
        .onSuccess(line -> line.ifPresent(LOG::info))
        .compose(v -> vertx.deployVerticle(http))
        .map(
            id -> {
              pipeline.start();
              subscriber.start();
              long retention = scheduleRetention(vertx, new Retention(db.dataSource(), clock));
              long jobs = scheduleStorageJobs(vertx, storageJobs);
              LOG.info(
                  "ingest listening on http://{}:{}/ ; MQTT {}",
                  config.http().host(),
                  http.actualPort(),
                  config.mqtt());
              return new IngestApp(
                  vertx, db, subscriber, pipeline, http, id, metrics, retention, jobs, storageJobs);
            })
        .onFailure(e -> closeQuietly(subscriber, db));
  }

  /** First pass a minute after start, then hourly; a failed pass is logged and tried again. */
  private static long scheduleRetention(Vertx vertx, Retention retention) {
    return vertx.setPeriodic(
        Duration.ofMinutes(1).toMillis(),
        Duration.ofHours(1).toMillis(),
        t ->
            vertx
                .executeBlocking(retention::runOnce, false)
                .onSuccess(
                    n -> {
                      if (n > 0) {
                        LOG.info("retention: deleted {} readings before {}", n, retention.cutoff());
                      }
                    })
                .onFailure(e -> LOG.warn("retention pass failed; next in an hour", e)));
  }

  /**
   * Every 5 minutes (the refresh policies' interval), first after a minute: notices failed
   * TimescaleDB jobs and runs them from the service (store.StorageJobs).
   */
  private static long scheduleStorageJobs(Vertx vertx, StorageJobs jobs) {
    return vertx.setPeriodic(
        Duration.ofMinutes(1).toMillis(),
        Duration.ofMinutes(5).toMillis(),
        t ->
            vertx
                .executeBlocking(jobs::runOnce, false)
                .onSuccess(
                    check -> {
                      if (!check.ok()) {
                        LOG.warn("storage jobs: {}", check.reason());
                      }
                    })
                .onFailure(e -> LOG.warn("checking TimescaleDB's jobs failed", e)));
  }

  /** TimescaleDB's background jobs as the service sees them (for readiness and metrics). */
  public StorageJobs storageJobs() {
    return storageJobs;
  }

  private static void closeQuietly(PahoSubscriber subscriber, Database db) {
    subscriber.close();
    db.close();
  }

  /** The HTTP port actually bound. */
  public int httpPort() {
    return http.actualPort();
  }

  /** Completes when ingest's MQTT subscriptions are first in place. */
  public java.util.concurrent.CompletionStage<Void> mqttSubscribed() {
    return subscriber.firstSubscription();
  }

  public boolean mqttConnected() {
    return subscriber.isConnected();
  }

  public IngestMetrics metrics() {
    return metrics;
  }

  /**
   * Stops taking messages, lets the batch in flight commit and acknowledge, disconnects (unread
   * messages stay in the broker session), stops HTTP and closes the pool.
   */
  public Future<Void> stop() {
    vertx.cancelTimer(retentionTimer);
    vertx.cancelTimer(storageJobsTimer);
    return pipeline
        .stop()
        .compose(v -> vertx.executeBlocking(() -> closeSubscriber()))
        .compose(v -> vertx.undeploy(deploymentId))
        .compose(v -> vertx.executeBlocking(this::closeDb));
  }

  private Void closeSubscriber() {
    subscriber.close();
    return null;
  }

  private Void closeDb() {
    db.close();
    return null;
  }
}
