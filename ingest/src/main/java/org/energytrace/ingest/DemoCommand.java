package org.energytrace.ingest;

import static org.energytrace.ingest.IngestMain.CONFIG_ERROR;
import static org.energytrace.ingest.IngestMain.DEMO_ENTERPRISE;
import static org.energytrace.ingest.IngestMain.DEMO_GATEWAY;
import static org.energytrace.ingest.IngestMain.DEMO_SITE;
import static org.energytrace.ingest.IngestMain.serve;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import org.energytrace.ingest.auth.Role;
import org.energytrace.ingest.auth.Secrets;
import org.energytrace.ingest.config.ConfigException;
import org.energytrace.ingest.config.ConfigLoader;
import org.energytrace.ingest.config.IngestConfig;
import org.energytrace.ingest.cp.CpDemo;
import org.energytrace.ingest.demo.DemoAccounts;
import org.energytrace.ingest.demo.DemoDates;
import org.energytrace.ingest.demo.DemoHistory;
import org.energytrace.ingest.demo.DemoPorts;
import org.energytrace.ingest.demo.DemoSeeder;
import org.energytrace.ingest.demo.GatewayProcesses;
import org.energytrace.ingest.enpi.EnpiAnalytics;
import org.energytrace.ingest.enpi.PgBaselines;
import org.energytrace.ingest.enpi.PgEnpiData;
import org.energytrace.ingest.enpi.PgEnpiStore;
import org.energytrace.ingest.mqtt.FreshSession;
import org.energytrace.ingest.programme.ProgrammeDemo;
import org.energytrace.ingest.programme.SignoffSteps;
import org.energytrace.ingest.resource.DemoResources;
import org.energytrace.ingest.store.Database;
import org.energytrace.ingest.verification.PgPeriodRecords;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ingest demo}: the demo's settings (options, else their environment variables, else the
 * usual ports or free ones), the database, the demo accounts, the gateway jar's children (broker,
 * gateway demo) and the service, wired here like {@link IngestMain}'s other commands.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Create the database if missing, migrate, start the gateway demo (simulated brewery and"
          + " gateway) as a child process and serve with auto-registration.",
      "Each option defaults to its environment variable, else the usual value. A port or broker"
          + " asked for must be usable, or the demo stops at once naming it; a usual port that"
          + " is taken is replaced by a free one, which is printed. When the gateway demo (or"
          + " the demo's own broker) exits, the demo stops with code 1."
    })
final class DemoCommand implements Callable<Integer> {
  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "HTTP port. Default: ET_HTTP_PORT, else 8080, else a free port.")
  Integer port;

  @Option(
      names = "--db-url",
      paramLabel = "JDBC_URL",
      description = "Default: ET_DB_URL, else jdbc:postgresql://localhost:5432/energytrace.")
  String dbUrl;

  @Option(
      names = {"--mqtt", "--mqtt-url"},
      paramLabel = "URL",
      description =
          "Broker. Default: ET_MQTT_URL, else tcp://localhost:1883; where no broker listens"
              + " there, the demo starts an embedded one (on a free port when another program"
              + " holds 1883).")
  String mqtt;

  @Option(
      names = "--opcua-port",
      paramLabel = "PORT",
      description = "The simulator's OPC UA port. Default: ET_OPCUA_PORT, else 4840, else free.")
  Integer opcUaPort;

  @Option(
      names = "--modbus-port",
      paramLabel = "PORT",
      description = "The simulator's Modbus port. Default: ET_MODBUS_PORT, else 5020, else free.")
  Integer modbusPort;

  @Option(
      names = "--gateway-jar",
      paramLabel = "JAR",
      description =
          "The gateway's shaded jar. Default: gateway/target/energytrace-gateway.jar below the"
              + " working folder, else beside this jar's module in the source tree.")
  Path gatewayJar;

  @Option(
      names = "--history",
      paramLabel = "DURATION",
      defaultValue = "P395D",
      description =
          "An ISO-8601 duration (P90D: 90 days), the history of the demo plant: the last 30"
              + " days (or the second half of a shorter"
              + " history) are after the measure and published by the demo gateway; the days"
              + " before it are loaded directly on a first run. Default: ${DEFAULT-VALUE} (a"
              + " 365-day baseline); at least P9D (a five-day baseline)")
  Duration history;

  /**
   * The days the demo EnPI's baseline needs at the least: an ordinary least-squares model of four
   * parameters (the intercept and the three products' quantities) takes five points.
   */
  static final int MIN_BASELINE_DAYS = 5;

  /** The shortest {@code --history} whose days before the measure make a baseline. */
  static Duration shortestHistory() {
    Duration d = Duration.ofDays(1);
    while (DemoDates.baselineDays(d) < MIN_BASELINE_DAYS) {
      d = d.plusDays(1);
    }
    return d;
  }

  /** How long the demo waits for the gateway's history before giving up on the baseline. */
  static final Duration SEED_TIMEOUT = Duration.ofMinutes(10);

  /** Where the options' defaults come from (the process environment; a test's map). */
  UnaryOperator<String> environment = System::getenv;

  /** Holds the demo's lock on its database while the demo runs ({@link DemoDatabase#lock}). */
  private Connection demoLock;

  @Override
  public Integer call() {
    IngestConfig config;
    DemoPorts.Broker broker;
    Integer simulatorOpcUa;
    Integer simulatorModbus;
    // a fresh administrator password for every demo run, printed with the address
    String adminPassword = Secrets.password();
    if (DemoDates.baselineDays(history) < MIN_BASELINE_DAYS) {
      // the measure starts halfway: a shorter history leaves fewer than five baseline days
      System.err.println(
          "demo: --history "
              + history
              + " is too short: the measure starts halfway through the history and the baseline"
              + " needs at least "
              + MIN_BASELINE_DAYS
              + " whole days before it; give P"
              + shortestHistory().toDays()
              + "D or more");
      return CONFIG_ERROR;
    }
    try {
      int httpPort = DemoPorts.httpPort(port, environment, DemoPorts.HTTP_PORT);
      simulatorOpcUa =
          DemoPorts.simulatorPort(
              "the simulator's OPC UA server",
              opcUaPort,
              environment,
              "ET_OPCUA_PORT",
              "--opcua-port");
      simulatorModbus =
          DemoPorts.simulatorPort(
              "the simulator's Modbus server",
              modbusPort,
              environment,
              "ET_MODBUS_PORT",
              "--modbus-port");
      broker = DemoPorts.broker(mqtt, environment, DemoPorts.MQTT_URL);
      IngestConfig base = new ConfigLoader(environment).loadResource("ingest-demo.yaml");
      config =
          base.withHttp(base.http().withPort(httpPort))
              .withMqtt(base.mqtt().withUrl(broker.url().toString()))
              .withSecurity(base.security().withAdminPassword(adminPassword));
      if (dbUrl != null) {
        config = config.withDb(config.db().withUrl(dbUrl));
      }
    } catch (DemoPorts.RefusedException e) {
      System.err.println("demo: " + e.getMessage());
      return CONFIG_ERROR;
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
      demoLock = DemoDatabase.lock(config.db()).orElse(null);
    } catch (RuntimeException | SQLException e) {
      System.err.println("PostgreSQL: " + e.getMessage());
      return 1;
    }
    if (demoLock == null) {
      System.err.println(
          "demo: another demo is running on "
              + config.db().url()
              + " (--db-url / ET_DB_URL): stop it first, or give this one a database of its own");
      return CONFIG_ERROR;
    }
    // the measure halfway through the history: the pages show a baseline before it and
    // savings after it; both processes get the same dates, and a later run against the same
    // database keeps the first run's (the plant's model continues where it left off)
    Optional<Instant> first;
    DemoDates dates;
    Optional<Instant> published;
    List<DemoAccounts.Account> accounts;
    Map<String, String> gatewayEnv = new HashMap<>();
    try (Database probe = Database.open(config.db())) {
      // auto-registration adds meters and channels only: the demo gateway is registered as an
      // operator would, once (a later run keeps what was changed through the API)
      probe.migrate();
      DemoDatabase identity = DemoDatabase.of(probe);
      // one broker session per database: a fixed client id on a shared broker would hand this
      // database the messages queued for another demo database (another run, another version)
      config = config.withMqtt(config.mqtt().withClientId(identity.clientId(config.mqtt())));
      System.out.println("MQTT client id " + config.mqtt().clientId());
      // one gateway buffer per database too: two demos of two databases started from the same
      // folder would otherwise share ./data/gateway, and the second stop at its lock
      if (System.getenv("ET_DATA_DIR") == null) {
        gatewayEnv.put("ET_DATA_DIR", identity.gatewayDataDir());
      }
      DemoDatabase.registerGateway(probe);
      first = DemoDates.firstReading(probe.dataSource(), DEMO_ENTERPRISE);
      dates = DemoDates.of(first, Instant.now(), history, ZoneId.of(DemoSeeder.ZONE));
      published = DemoDates.lastPublished(probe.dataSource(), DEMO_ENTERPRISE);
      accounts =
          ProgrammeDemo.seed(
              probe.dataSource(),
              DEMO_ENTERPRISE,
              DemoAccounts.seed(probe.dataSource(), DEMO_ENTERPRISE, Clock.systemUTC()),
              dates.measureDate(),
              Clock.systemUTC());
    } catch (RuntimeException e) {
      System.err.println("PostgreSQL: " + e.getMessage());
      return 1;
    }
    LocalDate historyStart = dates.historyStart();
    LocalDate measureDate = dates.measureDate();
    if (!measureDate.isBefore(LocalDate.now(ZoneId.of(DemoSeeder.ZONE)))) {
      System.err.println(
          "demo: the database holds a demo plant stored since "
              + historyStart
              + ", too recent for a measure on "
              + measureDate
              + " with --history "
              + history
              + " (an older demo's history?); use a new database (--db-url) or drop this one");
      return 1;
    }
    if (first.isEmpty()) {
      // the baseline year through ingest's own write path, before the gateway publishes
      try (Database db = Database.open(config.db())) {
        long started = System.nanoTime();
        DemoHistory.Loaded h =
            DemoHistory.load(
                db.dataSource(),
                config,
                DEMO_ENTERPRISE,
                DEMO_SITE,
                DEMO_GATEWAY,
                historyStart,
                measureDate,
                Clock.systemUTC());
        System.out.printf(
            "demo: loaded the plant's history %s..%s in %.1f s: %d counter readings (every 15"
                + " minutes), %d production figures, %d days without production %s%n",
            historyStart,
            measureDate.minusDays(1),
            (System.nanoTime() - started) / 1e9,
            h.readingsStored(),
            h.productionRows(),
            h.missingDays().size(),
            h.missingDays());
      } catch (RuntimeException e) {
        System.err.println("demo: loading the demo plant's history failed: " + e.getMessage());
        return 1;
      }
    }
    if (first.isPresent()) {
      System.out.println(
          "demo: continuing the demo plant stored since "
              + historyStart
              + " (measure from "
              + measureDate
              + "); the gateway publishes its history after "
              + published.orElseThrow()
              + ", the newest reading every channel has");
    }
    CompletableFuture<Integer> failed = new CompletableFuture<>();
    GatewayProcesses children =
        new GatewayProcesses(
            jar.get(),
            message -> {
              System.err.println(message);
              failed.complete(1);
            });
    if (broker.embedded()) {
      try {
        children.startBroker(broker.url().getPort());
        System.out.println(
            "demo: no MQTT broker at "
                + (mqtt != null ? mqtt : DemoPorts.MQTT_URL)
                + "; started an embedded one at "
                + broker.url());
      } catch (Exception e) {
        System.err.println("could not start the embedded broker: " + e.getMessage());
        return 1;
      }
    }
    List<String> gatewayArgs = new ArrayList<>();
    gatewayArgs.addAll(
        List.of(
            "--mqtt-url",
            broker.url().toString(),
            "--history",
            dates.history().toString(),
            "--measure-date",
            measureDate.toString()));
    if (first.isPresent()) {
      // what the last run published stays as it is: published again, the history's quarter
      // hours within its live hours were readings of their own beside the live ones
      gatewayArgs.addAll(List.of("--history-after", published.orElseThrow().toString()));
    }
    if (simulatorOpcUa != null) {
      gatewayArgs.addAll(List.of("--opcua-port", simulatorOpcUa.toString()));
    }
    if (simulatorModbus != null) {
      gatewayArgs.addAll(List.of("--modbus-port", simulatorModbus.toString()));
    }
    if (!broker.embedded()) {
      // a shared broker kept this database's session while the demo was stopped, with whatever
      // reached the demo plant's topics meanwhile (another demo, a test run)
      System.out.println("demo: " + FreshSession.forDemo(config.mqtt()));
    }
    String admin = config.security().adminUsername();
    IngestConfig running = config;
    return serve(
        config,
        banner(admin, adminPassword, accounts),
        app -> {
          // the gateway publishes its history at once: subscribe first, or it is lost
          try {
            app.mqttSubscribed().toCompletableFuture().get(60, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          } catch (ExecutionException | TimeoutException e) {
            System.err.println(
                "demo: not subscribed to the broker "
                    + broker.url()
                    + " after 60 s; starting the gateway anyway");
          }
          try {
            children.startDemo(gatewayArgs, gatewayEnv);
          } catch (Exception e) {
            System.err.println("could not start the gateway demo: " + e.getMessage());
            failed.complete(1);
            return;
          }
          seedInBackground(running, historyStart, measureDate);
        },
        failed,
        children::close);
  }

  /** What the demo prints once it serves: where to look, and who to sign in as. */
  static String banner(String admin, String adminPassword, List<DemoAccounts.Account> accounts) {
    StringBuilder b = new StringBuilder();
    b.append("EnergyTrace demo is running.\n")
        .append("  Overview:  http://localhost:{port}/overview.html\n")
        .append("  Sign in:   http://localhost:{port}/login.html\n")
        .append("  Showcase:  http://localhost:{port}/showcase.html (public, no sign-in)\n")
        .append(
            "  Programme: http://localhost:{port}/programme.html (province, district and park"
                + " officers)\n")
        .append("  CP section: http://localhost:{port}/cp.html (public, no sign-in)\n")
        .append("  Accounts (new passwords every run):\n")
        .append(String.format("    %-34s %-24s %s%n", "system_admin", admin, adminPassword));
    for (DemoAccounts.Account a : accounts) {
      b.append(
          String.format(
              "    %-34s %-24s %s%n",
              a.role().wire()
                  + (a.role().seesAllEnterprises()
                      ? ""
                      : " (" + ProgrammeDemo.area(a.role()).orElse(DEMO_ENTERPRISE) + ")"),
              a.username(),
              a.password()));
    }
    b.append("  Stop with Ctrl-C.");
    return b.toString();
  }

  /** Describes the demo plant and, once its history is in, approves its baseline. */
  private static void seedInBackground(
      IngestConfig config, LocalDate historyStart, LocalDate measureDate) {
    // one daemon thread from a named factory: the demo's seeding must not keep the JVM alive
    ExecutorService seeding =
        Executors.newSingleThreadExecutor(DemoSeeder.daemonThreads("demo-seeding"));
    seeding.execute(
        () -> {
          try (Database db = Database.open(config.db())) {
            PgEnpiStore store = new PgEnpiStore(db.dataSource());
            EnpiAnalytics analytics =
                new EnpiAnalytics(
                    store,
                    new PgEnpiData(db.dataSource()),
                    new PgBaselines(db.dataSource()),
                    new PgPeriodRecords(db.dataSource()),
                    Clock.systemUTC());
            new DemoSeeder(
                    db.dataSource(), store, analytics, Clock.systemUTC(), Duration.ofSeconds(5))
                .withDossiers(config.integrity())
                .followingSignoffs(new SignoffSteps(analytics, config.dashboards().tariffs()))
                .seed(DEMO_ENTERPRISE, historyStart, measureDate, SEED_TIMEOUT)
                .map(
                    s ->
                        DemoResources.seedAfter(
                            db.dataSource(), DEMO_ENTERPRISE, historyStart, measureDate, s))
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
                                + measureDate
                                + "; one non-routine adjustment rejected and the period"
                                + " signed off by "
                                + DemoAccounts.username(Role.AUDITOR)));
            CpDemo.seed(db.dataSource(), DEMO_ENTERPRISE, measureDate, Clock.systemUTC());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } catch (RuntimeException e) {
            System.err.println("demo: seeding the demo plant failed: " + e);
          }
        });
    seeding.shutdown();
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
          Path.of(DemoCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
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
}
