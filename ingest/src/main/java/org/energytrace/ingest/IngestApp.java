package org.energytrace.ingest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.energytrace.ingest.api.ApiRoutes;
import org.energytrace.ingest.api.HealthRoutes;
import org.energytrace.ingest.audit.PgAuditLog;
import org.energytrace.ingest.auth.Security;
import org.energytrace.ingest.config.IngestConfig;
import org.energytrace.ingest.cp.CpAchievements;
import org.energytrace.ingest.cp.CpCatalogue;
import org.energytrace.ingest.cp.CpRoutes;
import org.energytrace.ingest.cp.PgCpAssessments;
import org.energytrace.ingest.cp.PgCpGuidance;
import org.energytrace.ingest.cp.PgCpHighlights;
import org.energytrace.ingest.cp.PgCpPublic;
import org.energytrace.ingest.dashboard.DashboardRoutes;
import org.energytrace.ingest.dashboard.PgDashboard;
import org.energytrace.ingest.enpi.EnpiAnalytics;
import org.energytrace.ingest.enpi.EnpiRoutes;
import org.energytrace.ingest.enpi.PgBaselines;
import org.energytrace.ingest.enpi.PgEnpiData;
import org.energytrace.ingest.enpi.PgEnpiStore;
import org.energytrace.ingest.enpi.PgTemperatures;
import org.energytrace.ingest.enpi.WeatherRoutes;
import org.energytrace.ingest.health.DatabaseCheck;
import org.energytrace.ingest.health.HealthCheck;
import org.energytrace.ingest.health.Readiness;
import org.energytrace.ingest.integrity.IntegrityCheck;
import org.energytrace.ingest.integrity.IntegrityJob;
import org.energytrace.ingest.integrity.IntegrityRoutes;
import org.energytrace.ingest.integrity.PgSeals;
import org.energytrace.ingest.live.LiveFeed;
import org.energytrace.ingest.metrics.IngestMetrics;
import org.energytrace.ingest.mqtt.PahoSubscriber;
import org.energytrace.ingest.pipeline.IngestPipeline;
import org.energytrace.ingest.production.PgProduction;
import org.energytrace.ingest.programme.PeriodReports;
import org.energytrace.ingest.programme.PgProgramme;
import org.energytrace.ingest.programme.PgProgrammeTargets;
import org.energytrace.ingest.programme.PgReporting;
import org.energytrace.ingest.programme.ProgrammeExport;
import org.energytrace.ingest.programme.ProgrammeReportRoutes;
import org.energytrace.ingest.programme.ProgrammeRoutes;
import org.energytrace.ingest.programme.ProgrammeTargetRoutes;
import org.energytrace.ingest.programme.ReminderMailer;
import org.energytrace.ingest.programme.ReportingRoutes;
import org.energytrace.ingest.programme.SignoffSteps;
import org.energytrace.ingest.quarantine.QuarantineService;
import org.energytrace.ingest.registry.PgRegistry;
import org.energytrace.ingest.resource.PgResourceBaselines;
import org.energytrace.ingest.resource.PgResources;
import org.energytrace.ingest.resource.ResourceIndicators;
import org.energytrace.ingest.resource.ResourceRoutes;
import org.energytrace.ingest.resource.ResourceShowcase;
import org.energytrace.ingest.showcase.PgSiteStories;
import org.energytrace.ingest.showcase.SiteStoryRoutes;
import org.energytrace.ingest.store.Database;
import org.energytrace.ingest.store.PgIngestStore;
import org.energytrace.ingest.store.PgReadQueries;
import org.energytrace.ingest.store.Retention;
import org.energytrace.ingest.store.StorageJobs;
import org.energytrace.ingest.validate.MessageValidator;
import org.energytrace.ingest.verification.CalibrationRoutes;
import org.energytrace.ingest.verification.PeriodRoutes;
import org.energytrace.ingest.verification.PgAdjustments;
import org.energytrace.ingest.verification.PgBaselineLifecycle;
import org.energytrace.ingest.verification.PgCalibrations;
import org.energytrace.ingest.verification.PgPeriodRecords;
import org.energytrace.ingest.verification.PgSignoffs;
import org.energytrace.ingest.verification.VerificationRoutes;
import org.energytrace.ingest.verification.dossier.DossierRoutes;
import org.energytrace.ingest.verification.dossier.DossierService;
import org.energytrace.ingest.verification.dossier.ServerKey;
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
  private final DatabaseCheck dbCheck;
  private final Web web;

  /** The HTTP side's parts that need stopping: live streams, the refusal audit, the uploads. */
  private record Web(LiveFeed live, Security security, Uploads uploads) {}

  private final long storageJobsTimer;
  private final StorageJobs storageJobs;
  private final long integrityTimer;
  private long remindersTimer = -1;
  private long mailerTimer = -1;
  private final IntegrityJob integrity;

  private IngestApp(
      Vertx vertx,
      Database db,
      PahoSubscriber subscriber,
      IngestPipeline pipeline,
      HttpVerticle http,
      String deploymentId,
      IngestMetrics metrics,
      long retentionTimer,
      DatabaseCheck dbCheck,
      Web web,
      long storageJobsTimer,
      StorageJobs storageJobs,
      long integrityTimer,
      IntegrityJob integrity) {
    this.integrityTimer = integrityTimer;
    this.integrity = integrity;
    this.retentionTimer = retentionTimer;
    this.dbCheck = dbCheck;
    this.web = web;
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
        .compose(
            db ->
                vertx
                    .executeBlocking(() -> Uploads.open(vertx, config.http()))
                    .onFailure(e -> db.close())
                    .compose(uploads -> wire(vertx, config, clock, db, uploads, metrics)));
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
      Vertx vertx,
      IngestConfig config,
      Clock clock,
      Database db,
      Uploads uploads,
      IngestMetrics metrics) {
    var p = config.ingest();
    MessageValidator validator =
        new MessageValidator(clock, p.maxPayloadBytes(), p.clockSkew(), p.maxAge());
    PahoSubscriber subscriber = new PahoSubscriber(config.mqtt(), p.maxPayloadBytes(), clock);
    PgIngestStore store =
        new PgIngestStore(
            db.dataSource(),
            p.autoRegister(),
            p.maxPayloadBytes(),
            config.integrity().sealGrace(),
            clock);
    IngestPipeline pipeline =
        new IngestPipeline(vertx, subscriber, validator, store, metrics, p, clock);
    QuarantineService quarantine =
        new QuarantineService(store, validator, stored -> LiveFeed.publish(vertx, stored), metrics);
    Security security =
        Security.create(vertx, config.security(), config.http(), uploads, db.dataSource(), clock);
    var limits = config.security();
    LiveFeed live =
        new LiveFeed(
            vertx,
            limits.liveMaxStreamsPerPrincipal(),
            limits.liveMaxStreamsPerIp(),
            limits.liveReauthorizeEvery(),
            security::reauthorize,
            Security.PRINCIPALS_CHANGED);
    metrics.gauge("ingest.live.streams", "open live streams (Server-Sent Events)", live::open);
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
            vertx, db, new PgReadQueries(db.dataSource()), quarantine, registry, live, clock);
    DatabaseCheck dbCheck = new DatabaseCheck(db.dataSource());
    // tamper evidence (issue 15): day seals, the integrity check and its nightly run
    PgAuditLog auditLog = new PgAuditLog(db.dataSource());
    PgSeals seals = new PgSeals(db.dataSource(), config.integrity().sealGrace(), clock);
    IntegrityCheck integrityCheck = new IntegrityCheck(db.dataSource(), seals, auditLog);
    IntegrityJob integrity = new IntegrityJob(seals, integrityCheck).instrument(metrics);
    IntegrityRoutes integrityRoutes = new IntegrityRoutes(vertx, integrityCheck);
    HealthRoutes health =
        new HealthRoutes(
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
                    integrity.health())));
    PgEnpiStore enpiStore = new PgEnpiStore(db.dataSource());
    PgPeriodRecords periodRecords = new PgPeriodRecords(db.dataSource());
    PgTemperatures temperatures = new PgTemperatures(db.dataSource());
    EnpiAnalytics analytics =
        new EnpiAnalytics(
            enpiStore,
            new PgEnpiData(db.dataSource()),
            new PgBaselines(db.dataSource()),
            periodRecords,
            temperatures,
            clock);
    WeatherRoutes weather = new WeatherRoutes(vertx, temperatures, clock);
    EnpiRoutes enpi =
        new EnpiRoutes(
            vertx,
            enpiStore,
            new PgProduction(db.dataSource()),
            analytics,
            config.dashboards().tariffs(),
            clock);
    // resources beyond metered electricity (issue 17, docs/resources.md)
    PgResources resourceStore = new PgResources(db.dataSource());
    ResourceIndicators resourceIndicators =
        new ResourceIndicators(
            resourceStore, org.energytrace.analytics.units.ConversionTable.bundled());
    PgResourceBaselines resourceBaselines = new PgResourceBaselines(db.dataSource());
    DashboardRoutes dashboards =
        new DashboardRoutes(
            vertx,
            new PgDashboard(db.dataSource()),
            enpiStore,
            new PgSiteStories(db.dataSource()),
            analytics,
            config.dashboards(),
            new ResourceShowcase(resourceStore, resourceIndicators, resourceBaselines),
            clock);
    // the verification dossier (issue 15): signed by the server key, its public half published
    ServerKey serverKey = ServerKey.loadOrCreate(config.integrity().serverKeyFile());
    DossierRoutes dossiers =
        new DossierRoutes(
            vertx,
            new DossierService(
                db.dataSource(),
                enpiStore,
                new PgBaselines(db.dataSource()),
                analytics,
                seals,
                auditLog,
                integrityCheck,
                periodRecords,
                serverKey,
                clock),
            serverKey);
    VerificationRoutes verification =
        new VerificationRoutes(vertx, new PgBaselineLifecycle(db.dataSource()), analytics, clock);
    // a sign-off records the programme's "savings verified" step in its transaction (issue 16):
    // the programme answers verification's interface, so that neither imports the other both ways
    PeriodRoutes periods =
        new PeriodRoutes(
            vertx,
            new PgSignoffs(db.dataSource(), new SignoffSteps(analytics)),
            new PgAdjustments(db.dataSource()),
            clock);
    // meter calibration records (issue 15): listed per meter in the dossier
    CalibrationRoutes calibrations =
        new CalibrationRoutes(vertx, new PgCalibrations(db.dataSource()), clock);
    SiteStoryRoutes stories =
        new SiteStoryRoutes(
            vertx, new PgSiteStories(db.dataSource()), new PgAuditLog(db.dataSource()), clock);
    ResourceRoutes resources =
        new ResourceRoutes(vertx, resourceStore, resourceIndicators, resourceBaselines, clock);
    ProgrammeExport programmeExport = new ProgrammeExport(db.dataSource());
    ProgrammeRoutes programme =
        new ProgrammeRoutes(vertx, new PgProgramme(db.dataSource()), programmeExport, clock);
    ProgrammeReportRoutes programmeReports =
        new ProgrammeReportRoutes(vertx, programmeExport, db.dataSource());
    ProgrammeTargetRoutes programmeTargets =
        new ProgrammeTargetRoutes(vertx, new PgProgrammeTargets(db.dataSource()), clock);
    // cleaner-production assessments (issue 18)
    PgCpAssessments cpStore = new PgCpAssessments(db.dataSource());
    // the programme's reporting periods, period reports and reminders (issue 16)
    PeriodReports periodReports =
        new PeriodReports(
            new PgReporting(db.dataSource()),
            programmeExport,
            analytics,
            enpiStore,
            new org.energytrace.ingest.cp.ImplementedOptions(cpStore),
            clock);
    // reminders by e-mail when an SMTP server is configured, else they stay in the outbox
    ReminderMailer mailer =
        config.mail().enabled()
            ? new ReminderMailer(vertx, config.mail(), periodReports.store(), clock)
            : null;
    ReportingRoutes reporting = new ReportingRoutes(vertx, periodReports, mailer);
    CpRoutes cp =
        new CpRoutes(
            vertx,
            cpStore,
            new CpCatalogue(cpStore, analytics, clock),
            new PgCpPublic(db.dataSource()),
            new PgCpGuidance(db.dataSource()),
            new PgCpHighlights(db.dataSource()),
            new CpAchievements(new ProgrammeExport(db.dataSource()), clock),
            clock);
    HttpVerticle http =
        new HttpVerticle(
            config.http(),
            new SecurityHeaders(config.security().showcaseFrameAncestors()),
            router -> {
              security.mount(router); // the access gate goes in front of every API route
              health.mount(router);
              api.mount(router);
              enpi.mount(router);
              weather.mount(router);
              dashboards.mount(router);
              stories.mount(router);
              verification.mount(router);
              periods.mount(router);
              calibrations.mount(router);
              integrityRoutes.mount(router);
              dossiers.mount(router);
              resources.mount(router);
              programme.mount(router);
              reporting.mount(router);
              programmeReports.mount(router);
              programmeTargets.mount(router);
              cp.mount(router);
              security.seal(router); // the API router, once every operation is bound
            },
            metrics);
    return vertx
        .executeBlocking(security::bootstrap)
        .onSuccess(line -> line.ifPresent(LOG::info))
        .compose(v -> security.loadContract())
        .compose(v -> vertx.deployVerticle(http))
        .map(
            id -> {
              pipeline.start();
              subscriber.start();
              long retention = scheduleRetention(vertx, new Retention(db.dataSource(), clock));
              long jobs = scheduleStorageJobs(vertx, storageJobs);
              long sealing = scheduleIntegrity(vertx, integrity, config.integrity().sealEvery());
              long reminders = scheduleReminders(vertx, periodReports);
              long mailing =
                  mailer == null ? -1 : scheduleMailer(vertx, mailer, config.mail().sendEvery());
              LOG.info(
                  "ingest listening on http://{}:{}/ ; MQTT {}",
                  config.http().host(),
                  http.actualPort(),
                  config.mqtt());
              IngestApp app =
                  new IngestApp(
                      vertx,
                      db,
                      subscriber,
                      pipeline,
                      http,
                      id,
                      metrics,
                      retention,
                      dbCheck,
                      new Web(live, security, uploads),
                      jobs,
                      storageJobs,
                      sealing,
                      integrity);
              app.remindersTimer = reminders;
              app.mailerTimer = mailing;
              return app;
            })
        .onFailure(
            e -> {
              dbCheck.close();
              live.close();
              uploads.close();
              closeQuietly(subscriber, db);
            });
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

  /**
   * First a minute after start, then every {@code integrity.seal_every}: seals the ready days,
   * appends revisions for late data, and checks when a new day was sealed (IntegrityJob).
   */
  private static long scheduleIntegrity(Vertx vertx, IntegrityJob job, Duration every) {
    return vertx.setPeriodic(
        Duration.ofMinutes(1).toMillis(),
        every.toMillis(),
        t ->
            vertx
                .executeBlocking(job::runOnce, false)
                .onFailure(e -> LOG.warn("sealing or checking day seals failed", e)));
  }

  /**
   * First a minute after start, then hourly: records the reporting reminders due (an enterprise is
   * reminded once per period; docs/programme-reporting.md). Ends with the Vert.x instance.
   */
  private static long scheduleReminders(Vertx vertx, PeriodReports reports) {
    return vertx.setPeriodic(
        Duration.ofMinutes(1).toMillis(),
        Duration.ofHours(1).toMillis(),
        t ->
            vertx
                .executeBlocking(reports::remindAll, false)
                .onSuccess(
                    n -> {
                      if (n > 0) {
                        LOG.info("programme reporting: {} reminders recorded", n);
                      }
                    })
                .onFailure(e -> LOG.warn("recording the reporting reminders failed", e)));
  }

  /**
   * Every {@code mail.send_every} (first after one period): sends the queued reminders by e-mail
   * and retries those that failed (docs/programme-reporting.md, "Reminders").
   */
  private static long scheduleMailer(Vertx vertx, ReminderMailer mailer, Duration every) {
    return vertx.setPeriodic(
        every.toMillis(),
        t ->
            vertx
                .executeBlocking(mailer::sendQueued, false)
                .onSuccess(
                    run -> {
                      if (run.sent() > 0 || run.failed() > 0) {
                        LOG.info(
                            "programme reporting: {} reminders e-mailed, {} failed (retried later)",
                            run.sent(),
                            run.failed());
                      }
                    })
                .onFailure(e -> LOG.warn("e-mailing the reporting reminders failed", e)));
  }

  /** The sealing job and nightly integrity check (its last result for readiness). */
  public IntegrityJob integrity() {
    return integrity;
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
    vertx.cancelTimer(retentionTimer);
    vertx.cancelTimer(storageJobsTimer);
    vertx.cancelTimer(integrityTimer);
    vertx.cancelTimer(remindersTimer);
    if (mailerTimer >= 0) {
      vertx.cancelTimer(mailerTimer);
    }
    web.live().close();
    return pipeline
        .stop()
        .compose(v -> vertx.executeBlocking(() -> closeSubscriber()))
        .compose(v -> vertx.undeploy(deploymentId))
        .compose(v -> web.security().close().recover(e -> Future.succeededFuture()))
        .compose(
            v ->
                vertx.executeBlocking(
                    () -> {
                      web.uploads().close();
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
