package org.energytrace.ingest;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.energytrace.ingest.auth.MqttAuthCommand;
import org.energytrace.ingest.config.ConfigException;
import org.energytrace.ingest.config.ConfigLoader;
import org.energytrace.ingest.config.IngestConfig;
import org.energytrace.ingest.config.SecurityConfig;
import org.energytrace.ingest.metrics.IngestMetrics;
import org.energytrace.ingest.store.Database;
import org.energytrace.ingest.verification.dossier.DossierRoutes;
import org.energytrace.ingest.verification.dossier.ServerKey;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Command line of the ingest service: {@code serve}, {@code migrate}, {@code demo}, {@code
 * mqtt-auth}, {@code server-key}.
 */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    // every subcommand answers --version too (it printed nothing)
    version = "energytrace-ingest " + IngestMain.VERSION,
    scope = CommandLine.ScopeType.INHERIT,
    description = "EnergyTrace ingest: MQTT telemetry into PostgreSQL, HTTP API and live pages.",
    subcommands = {
      IngestMain.Serve.class,
      IngestMain.Migrate.class,
      DemoCommand.class,
      MqttAuthCommand.class,
      IngestMain.ServerKeyCommand.class
    })
public final class IngestMain implements Runnable {
  /** The software version (the Maven project's). */
  static final String VERSION = "0.1.0";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

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
    // no command: a bad command line, as for gateway and analytics (exit 2)
    throw new CommandLine.ParameterException(
        spec.commandLine(), "name a command: serve, migrate, demo, mqtt-auth or server-key");
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

  /** A command that reads the configuration file named by {@code --config} first. */
  abstract static class ConfigCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, description = "YAML configuration file")
    Path config;

    @Override
    public final Integer call() {
      Optional<IngestConfig> c = load(config);
      return c.isEmpty() ? CONFIG_ERROR : call(c.get());
    }

    /** Runs the command with the configuration read. */
    abstract Integer call(IngestConfig c);
  }

  /** Starts the service and keeps the JVM alive until it is stopped (SIGTERM, Ctrl-C). */
  static int serve(IngestConfig config, String banner) {
    return serve(config, banner, app -> {});
  }

  /** As {@link #serve(IngestConfig, String)}, running {@code started} once the service is up. */
  static int serve(IngestConfig config, String banner, Consumer<IngestApp> started) {
    return serve(config, banner, started, new CompletableFuture<>(), () -> {});
  }

  /**
   * As {@link #serve(IngestConfig, String, Consumer)}; returns early with the code {@code failed}
   * completes with (the demo's child died), the caller then exits with it. On a stop, {@code
   * beforeStop} runs first, while the service still takes messages (the demo stops its gateway
   * child there, so what the child sends as it stops is stored, not left in the broker's session).
   */
  static int serve(
      IngestConfig config,
      String banner,
      Consumer<IngestApp> started,
      CompletableFuture<Integer> failed,
      Runnable beforeStop) {
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
    // the JVM takes a shutdown hook as an unstarted thread: one from a named factory
    ThreadFactory shutdown = r -> new Thread(r, "ingest-shutdown");
    Runtime.getRuntime()
        .addShutdownHook(
            shutdown.newThread(
                () -> {
                  try {
                    beforeStop.run();
                    app.stop().compose(v -> vertx.close()).await(15, TimeUnit.SECONDS);
                  } catch (Exception e) {
                    System.err.println("ingest: unclean stop: " + e.getMessage());
                  }
                  done.countDown();
                }));
    if (banner != null) {
      System.out.println(banner.replace("{port}", Integer.toString(app.httpPort())));
    }
    failed.thenRun(done::countDown);
    started.accept(app);
    try {
      done.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // the shutdown hook stops the service when the caller exits with this code
    return failed.getNow(0);
  }

  @Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the service.")
  static final class Serve extends ConfigCommand {
    @Override
    Integer call(IngestConfig c) {
      List<String> refusals = SecurityConfig.productionRefusals(c);
      if (!refusals.isEmpty()) {
        System.err.println(
            "refusing to start in security.mode production:\n  " + String.join("\n  ", refusals));
        return CONFIG_ERROR;
      }
      return serve(c, null);
    }
  }

  @Command(
      name = "server-key",
      mixinStandardHelpOptions = true,
      description =
          "Print the public key that verifies dossiers (PEM; creates the key file, 0600, when"
              + " absent). Auditors pass it to 'analytics verify --public-key'; the service also"
              + " serves it at "
              + DossierRoutes.KEY_PATH
              + ".")
  static final class ServerKeyCommand extends ConfigCommand {
    @Override
    Integer call(IngestConfig c) {
      ServerKey key = ServerKey.loadOrCreate(c.integrity().serverKeyFile());
      System.out.print(key.publicPem());
      System.err.println(
          "key id " + key.keyId() + ", file " + key.file().toAbsolutePath() + " (back it up)");
      return 0;
    }
  }

  @Command(
      name = "migrate",
      mixinStandardHelpOptions = true,
      description = "Apply the database migrations and exit.")
  static final class Migrate extends ConfigCommand {
    @Override
    Integer call(IngestConfig c) {
      try (Database db = Database.open(c.db())) {
        var result = db.migrate();
        System.out.println(
            "migrated "
                + c.db().url()
                + ": "
                + result.migrationsExecuted
                + " migrations applied, schema version "
                + Database.schemaVersion(result));
        return 0;
      } catch (RuntimeException e) {
        System.err.println("migration failed: " + e.getMessage());
        return 1;
      }
    }
  }
}
