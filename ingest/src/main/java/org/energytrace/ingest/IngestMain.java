package org.energytrace.ingest;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.energytrace.ingest.auth.MqttAuthCommand;
import org.energytrace.ingest.auth.Secrets;
import org.energytrace.ingest.config.ConfigException;
import org.energytrace.ingest.config.ConfigLoader;
import org.energytrace.ingest.config.IngestConfig;
import org.energytrace.ingest.config.SecurityConfig;
import org.energytrace.ingest.demo.DemoDates;
import org.energytrace.ingest.demo.DemoSeeder;
import org.energytrace.ingest.enpi.EnpiAnalytics;
import org.energytrace.ingest.enpi.PgBaselines;
import org.energytrace.ingest.enpi.PgEnpiData;
import org.energytrace.ingest.enpi.PgEnpiStore;
import org.energytrace.ingest.metrics.IngestMetrics;
import org.energytrace.ingest.store.Database;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Command line of the ingest service: {@code serve}, {@code migrate}, {@code demo}. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = "EnergyTrace ingest: MQTT telemetry into PostgreSQL, HTTP API and live pages.",
    subcommands = {
      IngestMain.Serve.class,
      IngestMain.Migrate.class,
      IngestMain.Demo.class,
      MqttAuthCommand.class
    })
public final class IngestMain implements Runnable {
  static final int CONFIG_ERROR = 2;

  /** The enterprise of the gateway demo's plant (gateway/src/main/resources/demo/gateway.yaml). */
  static final String DEMO_ENTERPRISE = "demo-brewery";

  /** The demo gateway's site and id (the same file). */
  static final String DEMO_SITE = "plant-1";

  static final String DEMO_GATEWAY = "gw-demo-01";

  public static void main(String[] args) {
    int code = new CommandLine(new IngestMain()).execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  /** Loads the config; on error prints every problem and returns empty. */
  static Optional<IngestConfig> load(Path file) {
    try {
      return Optional.of(ConfigLoader.withSystemEnv().load(file));
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      return Optional.empty();
    }
  }

  /** Starts the service and keeps the JVM alive until it is stopped (SIGTERM, Ctrl-C). */
  static int serve(IngestConfig config, String banner) {
    return serve(config, banner, app -> {});
  }

  /** As {@link #serve(IngestConfig, String)}, running {@code started} once the service is up. */
  static int serve(
      IngestConfig config, String banner, java.util.function.Consumer<IngestApp> started) {
    // one Prometheus registry for Vert.x's own meters (HTTP server, event bus, worker pools) and
    // the service's
    IngestMetrics metrics = new IngestMetrics();
    Vertx vertx =
        Vertx.builder()
            .with(
                new VertxOptions()
                    .setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
            .withMetrics(new MicrometerMetricsFactory(metrics.registry()))
            .build();
    IngestApp app;
    try {
      app = IngestApp.start(vertx, config, Clock.systemUTC(), metrics).await(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("ingest failed to start: " + e.getMessage());
      vertx.close();
      return 1;
    }
    CountDownLatch done = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    app.stop().compose(v -> vertx.close()).await(15, TimeUnit.SECONDS);
                  } catch (Exception e) {
                    System.err.println("ingest: unclean stop: " + e.getMessage());
                  }
                  done.countDown();
                },
                "ingest-shutdown"));
    if (banner != null) {
      System.out.println(banner.replace("{port}", Integer.toString(app.httpPort())));
    }
    started.accept(app);
    try {
      done.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  @Command(name = "serve", description = "Run the service.")
  static final class Serve implements Callable<Integer> {
    @Option(names = "--config", required = true, description = "YAML configuration file")
    Path config;

    @Override
    public Integer call() {
      Optional<IngestConfig> c = load(config);
      if (c.isEmpty()) {
        return CONFIG_ERROR;
      }
      List<String> refusals = SecurityConfig.productionRefusals(c.get());
      if (!refusals.isEmpty()) {
        System.err.println(
            "refusing to start in security.mode production:\n  " + String.join("\n  ", refusals));
        return CONFIG_ERROR;
      }
      return serve(c.get(), null);
    }
  }

  @Command(name = "migrate", description = "Apply the database migrations and exit.")
  static final class Migrate implements Callable<Integer> {
    @Option(names = "--config", required = true, description = "YAML configuration file")
    Path config;

    @Override
    public Integer call() {
      Optional<IngestConfig> c = load(config);
      if (c.isEmpty()) {
        return CONFIG_ERROR;
      }
      try (Database db = Database.open(c.get().db())) {
        var result = db.migrate();
        System.out.println(
            "migrated "
                + c.get().db().url()
                + ": "
                + result.migrationsExecuted
                + " migrations applied, schema version "
                + (result.targetSchemaVersion == null
                    ? result.initialSchemaVersion
                    : result.targetSchemaVersion));
        return 0;
      } catch (RuntimeException e) {
        System.err.println("migration failed: " + e.getMessage());
        return 1;
      }
    }
  }

  @Command(
      name = "demo",
      description =
          "Create the database if missing, migrate, start the gateway demo as a child process and"
              + " serve with auto-registration.")
  static final class Demo implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "8080", description = "HTTP port (${DEFAULT-VALUE})")
    int port;

    @Option(
        names = "--db-url",
        defaultValue = "jdbc:postgresql://localhost:5432/energytrace",
        description = "JDBC URL (${DEFAULT-VALUE})")
    String dbUrl;

    @Option(
        names = "--mqtt",
        defaultValue = "tcp://localhost:1883",
        description = "broker URL (${DEFAULT-VALUE})")
    String mqtt;

    @Option(names = "--gateway-jar", description = "the gateway's shaded jar")
    Path gatewayJar;

    @Option(
        names = "--history",
        defaultValue = "P60D",
        description =
            "history the demo gateway publishes before going live; the measure starts halfway"
                + " (${DEFAULT-VALUE})")
    java.time.Duration history;

    /** How long the demo waits for the gateway's history before giving up on the baseline. */
    static final java.time.Duration SEED_TIMEOUT = java.time.Duration.ofMinutes(10);

    @Override
    public Integer call() {
      IngestConfig config;
      // a fresh administrator password for every demo run, printed with the address
      String adminPassword = Secrets.password();
      try {
        IngestConfig base = ConfigLoader.withSystemEnv().loadResource("ingest-demo.yaml");
        config =
            base.withHttp(base.http().withPort(port))
                .withDb(base.db().withUrl(dbUrl))
                .withMqtt(base.mqtt().withUrl(mqtt))
                .withSecurity(base.security().withAdminPassword(adminPassword));
      } catch (ConfigException | IllegalArgumentException e) {
        System.err.println(e.getMessage());
        return CONFIG_ERROR;
      }
      Optional<Path> jar = findGatewayJar(gatewayJar);
      if (jar.isEmpty()) {
        System.err.println(
            "gateway jar not found: build it with `mvn -pl gateway package` or pass --gateway-jar"
                + " (looked for "
                + candidates(gatewayJar)
                + ")");
        return 1;
      }
      try {
        if (Database.createDatabaseIfMissing(config.db())) {
          System.out.println("created database " + config.db().url());
        }
      } catch (RuntimeException e) {
        System.err.println("PostgreSQL: " + e.getMessage());
        return 1;
      }
      // the measure halfway through the history: the pages show a baseline before it and
      // savings after it; both processes get the same dates, and a later run against the same
      // database keeps the first run's (the plant's model continues where it left off)
      Optional<java.time.Instant> first;
      try (Database probe = Database.open(config.db())) {
        // auto-registration adds meters and channels only: the demo gateway is registered as an
        // operator would, once (a later run keeps what was changed through the API)
        probe.migrate();
        if (new org.energytrace.ingest.auth.GatewayCredentials(probe.dataSource())
            .registeredSite(DEMO_ENTERPRISE, DEMO_GATEWAY)
            .isEmpty()) {
          new org.energytrace.ingest.registry.PgRegistry(probe.dataSource(), () -> {})
              .putGateway(
                  new org.energytrace.ingest.registry.PgRegistry.GatewaySpec(
                      DEMO_ENTERPRISE, DEMO_GATEWAY, DEMO_SITE, List.of(), true));
        }
        first = DemoDates.firstReading(probe.dataSource(), DEMO_ENTERPRISE);
      } catch (RuntimeException e) {
        System.err.println("PostgreSQL: " + e.getMessage());
        return 1;
      }
      DemoDates dates =
          DemoDates.of(
              first, java.time.Instant.now(), history, java.time.ZoneId.of(DemoSeeder.ZONE));
      java.time.LocalDate historyStart = dates.historyStart();
      java.time.LocalDate measureDate = dates.measureDate();
      if (first.isPresent()) {
        System.out.println(
            "demo: continuing the demo plant stored since "
                + historyStart
                + " (measure from "
                + measureDate
                + ")");
      }
      return serve(
          config,
          "EnergyTrace demo: open http://localhost:{port}/ (the demo plant is public);"
              + " API sign-in: POST /api/v1/auth/login as "
              + config.security().adminUsername()
              + " with password "
              + adminPassword,
          app -> {
            // the gateway publishes its history at once: subscribe first, or it is lost
            try {
              app.mqttSubscribed()
                  .toCompletableFuture()
                  .get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return;
            } catch (java.util.concurrent.ExecutionException
                | java.util.concurrent.TimeoutException e) {
              System.err.println(
                  "demo: not subscribed to the broker after 30 s; starting the gateway anyway");
            }
            try {
              startGateway(jar.get(), mqtt, dates.history(), measureDate);
            } catch (Exception e) {
              System.err.println("could not start the gateway demo: " + e.getMessage());
              return;
            }
            seedInBackground(config, historyStart, measureDate);
          });
    }

    /** Describes the demo plant and, once its history is in, approves its baseline. */
    private static void seedInBackground(
        IngestConfig config, java.time.LocalDate historyStart, java.time.LocalDate measureDate) {
      Thread seeding =
          new Thread(
              () -> {
                try (Database db = Database.open(config.db())) {
                  PgEnpiStore store = new PgEnpiStore(db.dataSource());
                  EnpiAnalytics analytics =
                      new EnpiAnalytics(
                          store,
                          new PgEnpiData(db.dataSource()),
                          new PgBaselines(db.dataSource()),
                          Clock.systemUTC());
                  new DemoSeeder(
                          db.dataSource(),
                          store,
                          analytics,
                          Clock.systemUTC(),
                          java.time.Duration.ofSeconds(5))
                      .seed(DEMO_ENTERPRISE, historyStart, measureDate, SEED_TIMEOUT)
                      .ifPresent(
                          s ->
                              System.out.println(
                                  "demo ready: EnPI "
                                      + s.enpi()
                                      + " with approved baseline v"
                                      + s.baselineVersion()
                                      + " ("
                                      + s.from()
                                      + ".."
                                      + s.to()
                                      + "), savings from "
                                      + measureDate));
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                  System.err.println("demo: seeding the demo plant failed: " + e);
                }
              },
              "demo-seeding");
      seeding.setDaemon(true);
      seeding.start();
    }

    private static List<Path> candidates(Path explicit) {
      List<Path> paths = new ArrayList<>();
      if (explicit != null) {
        paths.add(explicit);
        return paths;
      }
      paths.add(Path.of("gateway", "target", "energytrace-gateway.jar"));
      try {
        Path self =
            Path.of(IngestMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        // ingest/target/energytrace-ingest.jar -> ../../gateway/target/
        paths.add(
            self.getParent().resolve("../../gateway/target/energytrace-gateway.jar").normalize());
      } catch (Exception e) {
        // no code source: only the working-directory candidate
      }
      return paths;
    }

    static Optional<Path> findGatewayJar(Path explicit) {
      return candidates(explicit).stream().filter(Files::isRegularFile).findFirst();
    }

    private static Process startGateway(
        Path jar, String mqtt, java.time.Duration history, java.time.LocalDate measureDate)
        throws Exception {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process p =
          new ProcessBuilder(
                  java,
                  "-jar",
                  jar.toString(),
                  "demo",
                  "--mqtt",
                  mqtt,
                  "--history",
                  history.toString(),
                  "--measure-date",
                  measureDate.toString())
              .redirectErrorStream(true)
              .start();
      Thread forward =
          new Thread(
              () -> {
                try (BufferedReader r =
                    new BufferedReader(
                        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                  for (String line = r.readLine(); line != null; line = r.readLine()) {
                    System.out.println("[gateway] " + line);
                  }
                } catch (Exception e) {
                  // child gone
                }
              },
              "gateway-output");
      forward.setDaemon(true);
      forward.start();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    p.destroy();
                    try {
                      if (!p.waitFor(5, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                      }
                    } catch (InterruptedException e) {
                      p.destroyForcibly();
                    }
                  },
                  "gateway-stop"));
      System.out.println("started gateway demo (pid " + p.pid() + ") from " + jar);
      return p;
    }
  }
}
