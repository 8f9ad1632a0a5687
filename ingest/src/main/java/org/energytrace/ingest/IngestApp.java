package org.energytrace.ingest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.Json;
import java.lang.invoke.MethodHandles;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.energytrace.ingest.api.ApiRoutes;
import org.energytrace.ingest.api.HealthRoutes;
import org.energytrace.ingest.auth.Security;
import org.energytrace.ingest.config.IngestConfig;
import org.energytrace.ingest.health.DatabaseCheck;
import org.energytrace.ingest.integrity.IntegrityJob;
import org.energytrace.ingest.live.LiveFeed;
import org.energytrace.ingest.metrics.IngestMetrics;
import org.energytrace.ingest.mqtt.PahoSubscriber;
import org.energytrace.ingest.pipeline.IngestPipeline;
import org.energytrace.ingest.quarantine.QuarantineService;
import org.energytrace.ingest.registry.PgRegistry;
import org.energytrace.ingest.store.Database;
import org.energytrace.ingest.store.MissingMessages;
import org.energytrace.ingest.store.PgIngestStore;
import org.energytrace.ingest.store.PgReadQueries;
import org.energytrace.ingest.store.Retention;
import org.energytrace.ingest.store.StorageJobs;
import org.energytrace.ingest.validate.MessageValidator;
import org.energytrace.ingest.web.HttpVerticle;
import org.energytrace.ingest.web.SecurityHeaders;
import org.energytrace.ingest.web.Uploads;
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
 *
 * <p>The objects are built on a worker thread: building them reads files (the message schemas, the
 * API document, the bundled programme tables, the server key), which must not block the event loop.
 * Each feature's objects are built by its own class ({@link EnpiWiring}, {@link
 * VerificationWiring}, {@link ProgrammeWiring}, …); the periodic jobs are {@link Schedules}.
 */
public final class IngestApp {
  private static final Logger LOG = LoggerFactory.getLogger(IngestApp.class);

  private final Vertx vertx;
  private final IngestConfig config;
  private final Clock clock;
  private final Database db;
  private final Uploads uploads;
  private final IngestMetrics metrics;
  private final PahoSubscriber subscriber;
  private final IngestPipeline pipeline;
  private final StorageJobs storageJobs;
  private final MissingMessages missingMessages;
  private final DatabaseCheck dbCheck;
  private final Security security;
  private final LiveFeed live;
  private final IntegrityWiring integrity;
  private final ProgrammeWiring programme;
  private final HttpVerticle http;

  /** Set when started: the HTTP verticle's deployment and the periodic jobs' timers. */
  private String deploymentId;

  private final List<Long> timers = new ArrayList<>();

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
        .compose(
            db ->
                vertx
                    .executeBlocking(() -> Uploads.open(vertx, config.http()))
                    .onFailure(e -> db.close())
                    .compose(
                        uploads ->
                            vertx
                                .executeBlocking(
                                    () -> new IngestApp(vertx, config, clock, db, uploads, metrics))
                                .onFailure(
                                    e -> {
                                      uploads.close();
                                      db.close();
                                    }))
                    .compose(IngestApp::deploy));
  }

  private static Database openDatabase(IngestConfig config) {
    Database db = Database.open(config.db());
    if (config.db().migrateOnStart()) {
      try {
        var result = db.migrate();
        LOG.info(
            "database schema at version {} ({} migrations applied)",
            Database.schemaVersion(result),
            result.migrationsExecuted);
      } catch (RuntimeException e) {
        db.close();
        throw e;
      }
    }
    return db;
  }

  /** Blocking (on a worker thread): builds the service's objects; nothing runs yet. */
  private IngestApp(
      Vertx vertx,
      IngestConfig config,
      Clock clock,
      Database db,
      Uploads uploads,
      IngestMetrics metrics) {
    this.vertx = vertx;
    this.config = config;
    this.clock = clock;
    this.db = db;
    this.uploads = uploads;
    this.metrics = metrics;
    var p = config.ingest();
    var ds = db.dataSource();
    MessageValidator validator =
        new MessageValidator(clock, p.maxPayloadBytes(), p.clockSkew(), p.maxAge());
    subscriber = new PahoSubscriber(config.mqtt(), p.maxPayloadBytes(), clock);
    PgIngestStore store =
        new PgIngestStore(
            ds, p.autoRegister(), p.maxPayloadBytes(), config.integrity().sealGrace(), clock);
    pipeline = new IngestPipeline(vertx, subscriber, validator, store, metrics, p, clock);
    QuarantineService quarantine =
        new QuarantineService(store, validator, stored -> LiveFeed.publish(vertx, stored), metrics);
    security = Security.create(vertx, config.security(), config.http(), uploads, ds, clock);
    var limits = config.security();
    live =
        new LiveFeed(
            vertx,
            limits.liveMaxStreamsPerPrincipal(),
            limits.liveMaxStreamsPerIp(),
            limits.liveReauthorizeEvery(),
            security::reauthorize,
            Security.PRINCIPALS_CHANGED);
    metrics.gauge("ingest.live.streams", "open live streams (Server-Sent Events)", live::open);
    PgRegistry registry = new PgRegistry(ds, store::forgetRegistry);
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
    storageJobs = new StorageJobs(ds, clock);
    storageJobs.instrument(metrics);
    // gateway messages that never arrived, by their numbers (docs/ingest.md, "Missing messages")
    missingMessages = new MissingMessages(ds, clock);
    missingMessages.instrument(metrics);
    ApiRoutes api =
        new ApiRoutes(vertx, db, new PgReadQueries(ds), quarantine, registry, live, clock);
    dbCheck = new DatabaseCheck(ds);
    // tamper evidence (issue 15): day seals, the integrity check and its nightly run
    integrity = IntegrityWiring.wire(vertx, ds, config.integrity(), metrics, clock);
    HealthRoutes health =
        HealthWiring.routes(
            vertx,
            config,
            dbCheck,
            subscriber,
            pipeline,
            storageJobs,
            integrity.job(),
            missingMessages);
    EnpiWiring enpi = EnpiWiring.wire(vertx, ds, config.dashboards(), clock);
    ResourceWiring resources = ResourceWiring.wire(vertx, ds, clock);
    DashboardWiring dashboards =
        DashboardWiring.wire(vertx, ds, config.dashboards(), enpi, resources, clock);
    VerificationWiring verification =
        VerificationWiring.wire(
            vertx,
            ds,
            config.integrity().serverKeyFile(),
            enpi,
            integrity,
            config.dashboards().tariffs(),
            clock);
    CpWiring cp = CpWiring.wire(vertx, ds, enpi.analytics(), clock);
    programme =
        ProgrammeWiring.wire(
            vertx,
            ds,
            config.mail(),
            config.dashboards().gridFactorYear(),
            config.dashboards().publicUrl(),
            enpi,
            cp.implemented(),
            clock);
    http =
        new HttpVerticle(
            config.http(),
            new SecurityHeaders(config.security().showcaseFrameAncestors()),
            router -> {
              security.mount(router); // the access gate goes in front of every API route
              health.mount(router);
              api.mount(router);
              enpi.routes().mount(router);
              enpi.weather().mount(router);
              dashboards.dashboards().mount(router);
              dashboards.stories().mount(router);
              verification.verification().mount(router);
              verification.periods().mount(router);
              verification.calibrations().mount(router);
              integrity.routes().mount(router);
              verification.dossiers().mount(router);
              resources.routes().mount(router);
              programme.programme().mount(router);
              programme.reporting().mount(router);
              programme.reports().mount(router);
              programme.targets().mount(router);
              cp.routes().mount(router);
              security.seal(router); // the API router, once every operation is bound
            },
            metrics);
    // what a class initialiser reads is read here, not on the event loop at its first use: Vert.x's
    // JSON codec (Jackson's databind, at the first JSON answer); the API document is loaded off the
    // event loop by Security#loadContract before HTTP deploys
    initialise(Json.class);
  }

  private static void initialise(Class<?>... classes) {
    MethodHandles.Lookup lookup = MethodHandles.lookup();
    for (Class<?> c : classes) {
      try {
        lookup.ensureInitialized(c);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /**
   * Creates the configured administrator (hashing a password: on a worker thread), deploys HTTP,
   * then starts the pipeline, the subscriber and the periodic jobs.
   */
  private Future<IngestApp> deploy() {
    return vertx
        .executeBlocking(security::bootstrap)
        .onSuccess(line -> line.ifPresent(LOG::info))
        .compose(v -> security.loadContract())
        .compose(v -> vertx.deployVerticle(http))
        .map(
            id -> {
              deploymentId = id;
              pipeline.start();
              subscriber.start();
              timers.add(Schedules.retention(vertx, new Retention(db.dataSource(), clock)));
              timers.add(Schedules.storageJobs(vertx, storageJobs));
              timers.add(Schedules.missingMessages(vertx, missingMessages));
              timers.add(
                  Schedules.integrity(vertx, integrity.job(), config.integrity().sealEvery()));
              timers.add(Schedules.reminders(vertx, programme.periodReports()));
              if (programme.mailer() != null) {
                timers.add(Schedules.mailer(vertx, programme.mailer(), config.mail().sendEvery()));
              }
              LOG.info(
                  "ingest listening on http://{}:{}/ ; MQTT {}",
                  config.http().host(),
                  http.actualPort(),
                  config.mqtt());
              return this;
            })
        .onFailure(
            e -> {
              dbCheck.close();
              live.close();
              uploads.close();
              closeQuietly(subscriber, db);
            });
  }

  /** The sealing job and nightly integrity check (its last result for readiness). */
  public IntegrityJob integrity() {
    return integrity.job();
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
  public CompletionStage<Void> mqttSubscribed() {
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
    timers.forEach(vertx::cancelTimer);
    live.close();
    return pipeline
        .stop()
        .compose(v -> vertx.executeBlocking(() -> closeSubscriber()))
        .compose(v -> vertx.undeploy(deploymentId))
        .compose(v -> security.close().recover(e -> Future.succeededFuture()))
        .compose(
            v ->
                vertx.executeBlocking(
                    () -> {
                      uploads.close();
                      return null;
                    }))
        .compose(v -> vertx.executeBlocking(this::closeDb));
  }

  private Void closeSubscriber() {
    subscriber.close();
    return null;
  }

  private Void closeDb() {
    dbCheck.close();
    db.close();
    return null;
  }
}
