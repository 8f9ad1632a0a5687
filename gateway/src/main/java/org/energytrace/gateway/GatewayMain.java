package org.energytrace.gateway;

import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
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
import java.util.concurrent.CountDownLatch;
import org.energytrace.gateway.broker.EmbeddedBroker;
import org.energytrace.gateway.buffer.FileReadingBuffer;
import org.energytrace.gateway.buffer.MemoryReadingBuffer;
import org.energytrace.gateway.buffer.ReadingBuffer;
import org.energytrace.gateway.buffer.SeqStore;
import org.energytrace.gateway.config.BufferConfig;
import org.energytrace.gateway.config.ConfigException;
import org.energytrace.gateway.config.ConfigLoader;
import org.energytrace.gateway.config.DeviceConfig;
import org.energytrace.gateway.config.GatewayConfig;
import org.energytrace.gateway.modbus.ModbusMeterDriver;
import org.energytrace.gateway.model.GatewayException;
import org.energytrace.gateway.model.Reading;
import org.energytrace.gateway.opcua.ClientPki;
import org.energytrace.gateway.opcua.OpcUaMeterDriver;
import org.energytrace.gateway.ops.BufferMetrics;
import org.energytrace.gateway.ops.Health;
import org.energytrace.gateway.ops.OpsHttpServer;
import org.energytrace.gateway.poll.MeterDriver;
import org.energytrace.gateway.poll.Poller;
import org.energytrace.gateway.publish.MessageCodec;
import org.energytrace.gateway.publish.MqttPublisher;
import org.energytrace.gateway.simulator.FactoryModel;
import org.energytrace.gateway.simulator.PlantHistory;
import org.energytrace.gateway.simulator.ServedValueJournal;
import org.energytrace.gateway.simulator.SimulatedMeters;
import org.energytrace.gateway.simulator.SimulationParameters;
import org.energytrace.gateway.simulator.Simulator;
import org.energytrace.gateway.simulator.SimulatorModbusServer;
import org.energytrace.gateway.simulator.SimulatorOpcUaServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The gateway process and its composition root: the only place that builds objects from
 * configuration and wires them together.
 */
@Command(
    name = "energytrace-gateway",
    mixinStandardHelpOptions = true,
    version = "energytrace-gateway " + GatewayMain.SOFTWARE_VERSION,
    description =
        "EnergyTrace edge gateway: reads meters over OPC UA and Modbus, publishes over MQTT.",
    subcommands = {
      GatewayMain.Run.class,
      GatewayMain.Simulate.class,
      GatewayMain.Check.class,
      GatewayMain.Trust.class,
      GatewayMain.Broker.class,
      GatewayMain.Demo.class
    })
public final class GatewayMain {

  public static final String SOFTWARE_VERSION = "0.1.0";
  public static final String DEMO_CONFIG = "classpath:demo/gateway.yaml";

  /** Readings per buffer append when a backlog is handed over at start. */
  private static final int BACKLOG_CHUNK = 1_000;

  /** Exit code for an invalid configuration. */
  public static final int EXIT_CONFIG = 2;

  static {
    // Structured logs on request; must run before the first logger is created.
    if ("json".equalsIgnoreCase(System.getenv("ET_LOG_FORMAT"))
        && System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "logback-json.xml");
    }
  }

  private static final Logger log = LoggerFactory.getLogger(GatewayMain.class);

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new GatewayMain());
    // every subcommand has --help and --version (mixinStandardHelpOptions), with the same version
    for (CommandLine sub : cli.getSubcommands().values()) {
      sub.getCommandSpec().version(cli.getCommandSpec().version());
    }
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (e instanceof ConfigException) {
            commandLine.getErr().println(e.getMessage());
            commandLine.getErr().flush();
            return EXIT_CONFIG;
          }
          log.error("{} failed: {}", commandLine.getCommandName(), e.toString(), e);
          return 1;
        });
    return cli;
  }

  // ---------------------------------------------------------------- wiring

  /** The running gateway: pollers feeding a buffer that the publisher drains. */
  static RunningGateway startGateway(GatewayConfig config, Clock clock) {
    return startGateway(config, clock, List.of());
  }

  /**
   * Starts the gateway with {@code backlog} (e.g. the demo plant's history) already in the buffer:
   * the publisher sends it like readings that waited out a broker outage.
   */
  static RunningGateway startGateway(GatewayConfig config, Clock clock, List<Reading> backlog) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    List<MeterDriver> drivers = drivers(config, clock);
    preflight(drivers);
    ReadingBuffer buffer = bufferFor(config, new SeqStore(config.gateway().dataDir()));
    for (int i = 0; i < backlog.size(); i += BACKLOG_CHUNK) {
      buffer.append(backlog.subList(i, Math.min(backlog.size(), i + BACKLOG_CHUNK)));
    }
    BufferMetrics.bind(buffer, clock, registry);
    RunningGateway running = new RunningGateway(config, clock, registry, buffer);
    running.startPipeline(config, drivers);
    running.http =
        config
            .http()
            .map(
                h ->
                    new OpsHttpServer(
                        h.bind(),
                        h.port(),
                        registry,
                        () ->
                            new Health(
                                running.publisher.isConnected(),
                                running.publisher.protocolVersion(),
                                running.publisher.unreachableFor(),
                                buffer.size(),
                                BufferMetrics.oldestAgeSeconds(buffer, clock),
                                buffer.dropped(),
                                running.poller.deviceHealth(),
                                h.brokerGrace(),
                                h.maxBufferAge())))
            .orElse(null);
    log.info(
        "gateway {} publishing to {} under {} ({} buffer {})",
        config.gateway().id(),
        config.mqtt().url(),
        config.gateway().topic("#"),
        config.buffer().type().name().toLowerCase(java.util.Locale.ROOT),
        config.buffer().type() == BufferConfig.Type.FILE ? config.buffer().dir() : "");
    return running;
  }

  private static ReadingBuffer bufferFor(GatewayConfig config, SeqStore seq) {
    BufferConfig b = config.buffer();
    return switch (b.type()) {
      case FILE ->
          new FileReadingBuffer(
              b.dir(),
              b.maxBytes(),
              b.overflow(),
              b.replayRate(),
              Math.max(10_000, config.publish().maxPointsPerMessage() * 20),
              seq);
      case MEMORY -> new MemoryReadingBuffer(config.publish().bufferCapacity(), b.overflow(), seq);
    };
  }

  /**
   * A started gateway; closing stops polling first, then publishing, then the buffer. {@link
   * #reload} swaps pollers and publisher for a new configuration while the buffer (and what it
   * holds) stays.
   */
  public static final class RunningGateway implements AutoCloseable {
    private final Clock clock;
    private final PrometheusMeterRegistry registry;
    private final ReadingBuffer buffer;
    private OpsHttpServer http;
    private volatile GatewayConfig config;
    private volatile Poller poller;
    private volatile MqttPublisher publisher;

    RunningGateway(
        GatewayConfig config, Clock clock, PrometheusMeterRegistry registry, ReadingBuffer buffer) {
      this.config = config;
      this.clock = clock;
      this.registry = registry;
      this.buffer = buffer;
      registry.gauge(
          "gateway.mqtt.connected",
          this,
          r -> r.publisher != null && r.publisher.isConnected() ? 1 : 0);
    }

    private void startPipeline(GatewayConfig next, List<MeterDriver> drivers) {
      MqttPublisher newPublisher =
          new MqttPublisher(
              next.gateway(),
              next.mqtt(),
              next.publish(),
              buffer,
              new MessageCodec(next.gateway().id(), SOFTWARE_VERSION),
              clock,
              registry);
      Poller newPoller = new Poller(drivers, next.pollInterval(), buffer, registry);
      newPublisher.start();
      newPoller.start();
      publisher = newPublisher;
      poller = newPoller;
      config = next;
    }

    /**
     * Applies a changed configuration: devices, MQTT, publishing and the poll interval. The buffer,
     * the gateway identity and the HTTP endpoint stay as they are (changing them needs a restart,
     * and the log says so). Readings already buffered are kept and published.
     *
     * @throws ConfigException when the new devices disagree with their servers; the old
     *     configuration then keeps running
     */
    public synchronized void reload(GatewayConfig next) {
      GatewayConfig applied = next;
      if (!next.gateway().equals(config.gateway())
          || !next.buffer().equals(config.buffer())
          || !next.http().equals(config.http())) {
        log.warn(
            "config reload: changes to gateway, buffer or http take effect only after a restart");
        applied =
            next.withGateway(config.gateway()).withBuffer(config.buffer()).withHttp(config.http());
      }
      List<MeterDriver> drivers = drivers(applied, clock);
      preflight(drivers);
      poller.close();
      publisher.close();
      startPipeline(applied, drivers);
      log.info(
          "config reloaded: {} devices, buffer kept ({} readings waiting)",
          applied.devices().size(),
          buffer.size());
    }

    public GatewayConfig config() {
      return config;
    }

    public PrometheusMeterRegistry registry() {
      return registry;
    }

    public ReadingBuffer buffer() {
      return buffer;
    }

    /** The operations endpoint's port, when one is configured. */
    public Optional<Integer> httpPort() {
      return Optional.ofNullable(http).map(OpsHttpServer::port);
    }

    @Override
    public synchronized void close() {
      poller.close();
      publisher.close();
      if (buffer instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          log.warn("closing the buffer failed: {}", e.toString());
        }
      }
      if (http != null) {
        http.close();
      }
    }
  }

  /**
   * Watches the config file (every {@code period}) and reloads the gateway when its content
   * changes. An invalid new config is logged with every problem and the running one is kept.
   */
  static AutoCloseable watchConfig(
      Path file, ConfigLoader loader, RunningGateway gateway, Duration period) {
    java.util.concurrent.ScheduledExecutorService watcher =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "config-watcher");
              t.setDaemon(true);
              return t;
            });
    String[] last = {readQuietly(file)};
    watcher.scheduleWithFixedDelay(
        () -> {
          String now = readQuietly(file);
          if (now == null || now.equals(last[0])) {
            return;
          }
          last[0] = now;
          try {
            gateway.reload(loader.parse(file.toString(), now));
          } catch (ConfigException e) {
            log.error("config {} changed but is not applied: {}", file, e.getMessage());
          } catch (RuntimeException e) {
            log.error("config {} changed but reloading failed: {}", file, e.toString(), e);
          }
        },
        period.toMillis(),
        period.toMillis(),
        java.util.concurrent.TimeUnit.MILLISECONDS);
    return watcher::shutdownNow;
  }

  private static String readQuietly(Path file) {
    try {
      return java.nio.file.Files.readString(file);
    } catch (java.io.IOException e) {
      return null;
    }
  }

  static List<MeterDriver> drivers(GatewayConfig config, Clock clock) {
    Optional<ClientPki> pki =
        config.devices().stream()
                .anyMatch(d -> d instanceof DeviceConfig.OpcUa o && o.security().isSecure())
            ? Optional.of(pki(config))
            : Optional.empty();
    List<MeterDriver> drivers = new ArrayList<>();
    for (DeviceConfig device : config.devices()) {
      drivers.add(driverFor(device, clock, pki));
    }
    return drivers;
  }

  static ClientPki pki(GatewayConfig config) {
    return ClientPki.open(
        config.gateway().dataDir().resolve("pki"),
        OpcUaMeterDriver.applicationUri(),
        new ClientPki.Subject(
            config.gateway().id(),
            Optional.of(config.gateway().enterprise()),
            Optional.of(config.gateway().site())));
  }

  /** The one place that knows which driver reads which protocol. */
  private static MeterDriver driverFor(DeviceConfig device, Clock clock, Optional<ClientPki> pki) {
    if (device instanceof DeviceConfig.OpcUa opcUa) {
      return new OpcUaMeterDriver(opcUa, clock, pki);
    }
    return new ModbusMeterDriver((DeviceConfig.Modbus) device, clock);
  }

  /** Checks what can only be checked against the servers (OPC UA EngineeringUnits). */
  private static void preflight(List<MeterDriver> drivers) {
    List<String> problems = new ArrayList<>();
    for (MeterDriver driver : drivers) {
      if (driver instanceof OpcUaMeterDriver opcUa) {
        try {
          opcUa.preflight();
        } catch (GatewayException e) {
          problems.add(e.getMessage());
        }
      }
    }
    if (!problems.isEmpty()) {
      drivers.forEach(MeterDriver::close);
      throw new ConfigException(
          "the servers",
          problems.stream()
              .map(p -> new ConfigException.Problem("devices", 0, "units", p))
              .toList());
    }
  }

  static Simulator startSimulator(
      String bindAddress,
      String hostname,
      int opcUaPort,
      int modbusPort,
      FactoryModel model,
      Duration tick,
      Optional<Path> journal)
      throws Exception {
    Clock clock = Clock.systemUTC();
    Simulator simulator =
        new Simulator(
            model,
            clock,
            tick,
            new SimulatorOpcUaServer(bindAddress, hostname, opcUaPort),
            new SimulatorModbusServer(bindAddress, modbusPort, SimulatedMeters.registerMaps()),
            journal.map(ServedValueJournal::new));
    simulator.start();
    log.info(
        "simulator: OPC UA opc.tcp://{}:{}{} (namespace {}), Modbus TCP {}:{} (unit 1 SDM630, unit 2 iEM3xxx, unit 3 gas)",
        hostname,
        opcUaPort,
        SimulatorOpcUaServer.PATH,
        SimulatorOpcUaServer.NAMESPACE_URI,
        bindAddress,
        modbusPort);
    journal.ifPresent(
        j -> log.info("simulator: journal of served values in {}", j.toAbsolutePath()));
    return simulator;
  }

  /** Blocks until the JVM is asked to stop, then closes everything in reverse order. */
  static void runUntilShutdown(List<AutoCloseable> started) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info("stopping");
                  for (int i = started.size() - 1; i >= 0; i--) {
                    try {
                      started.get(i).close();
                    } catch (Exception e) {
                      log.warn("error while stopping: {}", e.toString());
                    }
                  }
                  stopped.countDown();
                },
                "shutdown"));
    stopped.await();
  }

  // ---------------------------------------------------------------- commands

  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description = "Poll the configured devices and publish over MQTT.")
  static final class Run implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--config",
        required = true,
        description = "Gateway YAML (a file, or classpath:demo/gateway.yaml).")
    String config;

    @Override
    public Integer call() throws Exception {
      GatewayConfig loaded;
      try {
        loaded = ConfigLoader.fromSystemEnvironment().load(config);
      } catch (ConfigException e) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(e.getMessage());
        err.flush();
        return EXIT_CONFIG;
      }
      RunningGateway gateway = startGateway(loaded, Clock.systemUTC());
      List<AutoCloseable> started = new ArrayList<>(List.of(gateway));
      if (!config.startsWith(ConfigLoader.CLASSPATH_PREFIX)) {
        started.add(
            watchConfig(
                Path.of(config),
                ConfigLoader.fromSystemEnvironment(),
                gateway,
                Duration.ofSeconds(2)));
      }
      runUntilShutdown(started);
      return 0;
    }
  }

  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description =
          "Validate the config, read every device once and print its current values with units"
              + " and quality (commissioning). Exit 0 when every point reads good, 2 for an invalid"
              + " config, 3 when a device or point could not be read.")
  static final class Check implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", required = true, description = "Gateway YAML.")
    String config;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      GatewayConfig loaded;
      List<MeterDriver> drivers;
      try {
        loaded = ConfigLoader.fromSystemEnvironment().load(config);
        out.println("config " + config + ": valid, " + loaded.devices().size() + " devices");
        drivers = drivers(loaded, Clock.systemUTC());
        preflight(drivers);
      } catch (ConfigException e) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(e.getMessage());
        err.flush();
        return EXIT_CONFIG;
      }
      boolean allGood = true;
      out.printf(
          "%-16s %-16s %-28s %20s %-5s %-9s %-24s %s%n",
          "DEVICE", "METER/LINE", "CHANNEL", "VALUE", "UNIT", "QUALITY", "TIMESTAMP", "PROBLEM");
      for (MeterDriver driver : drivers) {
        try (driver) {
          List<Reading> readings = driver.poll();
          Map<org.energytrace.gateway.model.PointTarget, String> problems = driver.lastProblems();
          // one cause for every point (an unreachable or untrusted server): say it once
          java.util.Set<String> causes = new java.util.HashSet<>(problems.values());
          boolean deviceWide =
              readings.size() > 1
                  && causes.size() == 1
                  && readings.stream()
                      .allMatch(r -> r.quality() == org.energytrace.gateway.model.Quality.BAD);
          for (Reading r : readings) {
            String who;
            String channel;
            String unit;
            if (r.target() instanceof org.energytrace.gateway.model.PointTarget.MeterChannel m) {
              who = m.meter();
              channel = m.channel();
              unit = m.unit();
            } else {
              var line = (org.energytrace.gateway.model.PointTarget.ProductionLine) r.target();
              who = line.line();
              channel = "ProductionCount";
              unit = line.unit();
            }
            boolean bad = r.quality() == org.energytrace.gateway.model.Quality.BAD;
            allGood &= !bad;
            String problem =
                bad && !deviceWide ? forConfig(problems.getOrDefault(r.target(), ""), config) : "";
            out.printf(
                "%-16s %-16s %-28s %20s %-5s %-9s %-24s %s%n",
                driver.deviceId(),
                who,
                channel,
                bad ? "-" : r.plainValue(),
                unit,
                r.quality().wire(),
                r.ts(),
                problem);
          }
          if (deviceWide) {
            out.println(
                "  device "
                    + driver.deviceId()
                    + ": "
                    + forConfig(causes.iterator().next(), config));
          }
        }
      }
      out.println(allGood ? "all points read good" : "some points could not be read (see above)");
      out.flush();
      return allGood ? 0 : 3;
    }
  }

  /** In a message for the operator, names the config file being checked. */
  private static String forConfig(String message, String config) {
    return message.replace("<your config>", config);
  }

  @Command(
      name = "trust",
      mixinStandardHelpOptions = true,
      description =
          "Show the certificate of each secure OPC UA server in the config; with --yes, add it to"
              + " the gateway's trusted folder ({data_dir}/pki/trusted/certs).")
  static final class Trust implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", required = true, description = "Gateway YAML.")
    String config;

    @Option(names = "--device", description = "Only this device.")
    String device;

    @Option(names = "--yes", description = "Trust the certificates shown (after checking them).")
    boolean yes;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      GatewayConfig loaded;
      try {
        loaded = ConfigLoader.fromSystemEnvironment().load(config);
      } catch (ConfigException e) {
        spec.commandLine().getErr().println(e.getMessage());
        spec.commandLine().getErr().flush();
        return EXIT_CONFIG;
      }
      int found = 0;
      int failed = 0;
      try (ClientPki pki = pki(loaded)) {
        out.println(
            "gateway certificate: "
                + ClientPki.subject(pki.certificate())
                + " SHA-1 "
                + ClientPki.thumbprint(pki.certificate())
                + " (the servers must trust it too: "
                + pki.directory().resolve("own")
                + ")");
        for (DeviceConfig d : loaded.devices()) {
          if (!(d instanceof DeviceConfig.OpcUa opcUa)
              || !opcUa.security().isSecure()
              || (device != null && !device.equals(d.id()))) {
            continue;
          }
          found++;
          java.security.cert.X509Certificate server;
          try {
            server = OpcUaMeterDriver.serverCertificate(opcUa);
          } catch (GatewayException e) {
            failed++;
            out.printf(
                "device %s at %s:%n  skipped: %s%n",
                d.id(),
                opcUa.endpoint(),
                e.getMessage().replaceFirst("^device " + d.id() + ": ", ""));
            continue;
          } catch (Exception e) {
            failed++;
            out.printf(
                "device %s at %s:%n  skipped: cannot get its endpoints: %s%n",
                d.id(),
                opcUa.endpoint(),
                e instanceof java.util.concurrent.TimeoutException
                    ? "no answer within " + opcUa.timeout().multipliedBy(2)
                    : String.valueOf(
                        e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
            continue;
          }
          out.printf(
              "device %s at %s:%n  subject %s%n  SHA-1   %s%n  valid   %s .. %s%n",
              d.id(),
              opcUa.endpoint(),
              ClientPki.subject(server),
              ClientPki.thumbprint(server),
              server.getNotBefore().toInstant(),
              server.getNotAfter().toInstant());
          if (yes) {
            pki.trust(server);
            out.println("  trusted");
          } else {
            out.println("  not trusted yet: compare the fingerprint, then re-run with --yes");
          }
        }
      }
      if (found == 0) {
        out.println("no secure OPC UA device" + (device == null ? "" : " named " + device));
        out.flush();
        return 1;
      }
      if (failed > 0) {
        out.println(failed + " of " + found + " secure servers could not be shown (see above)");
        out.flush();
        return 1;
      }
      out.flush();
      return 0;
    }
  }

  @Command(
      name = "simulate",
      mixinStandardHelpOptions = true,
      description = "Serve a simulated brewery over OPC UA and Modbus TCP.")
  static final class Simulate implements Callable<Integer> {
    @Option(
        names = "--opcua-port",
        defaultValue = "4840",
        description = "Default: ${DEFAULT-VALUE}")
    int opcUaPort;

    @Option(
        names = "--modbus-port",
        defaultValue = "5020",
        description = "Default: ${DEFAULT-VALUE}")
    int modbusPort;

    @Option(
        names = "--measure-date",
        defaultValue = "2026-12-01",
        description = "Day the energy-saving measure starts (site time). Default: ${DEFAULT-VALUE}")
    LocalDate measureDate;

    @Option(
        names = "--saving-percent",
        defaultValue = "10",
        description = "Saving of energy per unit made after the measure. Default: ${DEFAULT-VALUE}")
    double savingPercent;

    @Option(
        names = "--seed",
        defaultValue = "42",
        description = "Random seed. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(
        names = "--tick",
        defaultValue = "PT1S",
        description = "Update period. Default: ${DEFAULT-VALUE}")
    Duration tick;

    @Option(
        names = "--journal",
        description = "Write every served value change as a JSON line here.")
    Path journal;

    @Option(
        names = "--zone",
        defaultValue = "Asia/Ho_Chi_Minh",
        description = "Site time zone. Default: ${DEFAULT-VALUE}")
    ZoneId zone;

    @Option(
        names = "--history",
        defaultValue = "PT0S",
        description =
            "Start the plant this long ago (at local midnight), so that its counters continue a"
                + " history of that length. Default: ${DEFAULT-VALUE}")
    Duration history;

    @Option(
        names = "--bind",
        defaultValue = "0.0.0.0",
        description = "Bind address. Default: ${DEFAULT-VALUE}")
    String bind;

    @Option(
        names = "--hostname",
        defaultValue = "localhost",
        description = "Host name the OPC UA endpoint advertises. Default: ${DEFAULT-VALUE}")
    String hostname;

    @Override
    public Integer call() throws Exception {
      SimulationParameters parameters =
          new SimulationParameters(measureDate, savingPercent, zone, seed);
      Instant now = Instant.now();
      Simulator simulator =
          startSimulator(
              bind,
              hostname,
              opcUaPort,
              modbusPort,
              FactoryModel.demoBrewery(
                  parameters, history.isZero() ? now : PlantHistory.start(now, history, zone)),
              tick,
              Optional.ofNullable(journal));
      runUntilShutdown(List.of(simulator));
      return 0;
    }
  }

  @Command(
      name = "broker",
      mixinStandardHelpOptions = true,
      description = "Run an embedded MQTT 5 broker (HiveMQ CE).")
  static final class Broker implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "1883", description = "Default: ${DEFAULT-VALUE}")
    int port;

    @Option(names = "--bind", defaultValue = "0.0.0.0", description = "Default: ${DEFAULT-VALUE}")
    String bind;

    @Override
    public Integer call() throws Exception {
      EmbeddedBroker broker = new EmbeddedBroker(bind, port);
      broker.start();
      log.info("embedded MQTT 5 broker (HiveMQ CE) listening on {}:{}", bind, port);
      runUntilShutdown(List.of(broker));
      return 0;
    }
  }

  @Command(
      name = "demo",
      mixinStandardHelpOptions = true,
      description =
          "Broker (if none listens), simulator and gateway in one process, with the packaged demo config.")
  static final class Demo implements Callable<Integer> {
    /** The demo's measure starts this many days before today, so half the history is after it. */
    static final int DEMO_MEASURE_DAYS_AGO = 30;

    static final Duration HISTORY_STEP = Duration.ofMinutes(15);

    /**
     * How often the demo's simulator changes its values. The demo config samples its OPC UA points
     * at half this period, so that no change is skipped (docs/gateway.md, OPC UA).
     */
    static final Duration SIMULATOR_TICK = Duration.ofSeconds(1);

    @Option(
        names = "--mqtt",
        defaultValue = "tcp://localhost:1883",
        description = "Default: ${DEFAULT-VALUE}")
    URI mqtt;

    @Option(
        names = "--opcua-port",
        defaultValue = "4840",
        description = "Default: ${DEFAULT-VALUE}")
    int opcUaPort;

    @Option(
        names = "--modbus-port",
        defaultValue = "5020",
        description = "Default: ${DEFAULT-VALUE}")
    int modbusPort;

    @Option(
        names = "--journal",
        description = "Write every served value change as a JSON line here.")
    Path journal;

    @Option(
        names = "--history",
        defaultValue = "P60D",
        description =
            "Publish the plant's readings of this long before now (every 15 minutes, from local"
                + " midnight) before going live; PT0S for none. Default: ${DEFAULT-VALUE}")
    Duration history;

    @Option(
        names = "--measure-date",
        description =
            "Day the energy-saving measure starts (site time). Default: 30 days before today.")
    LocalDate measureDate;

    @Override
    public Integer call() throws Exception {
      List<AutoCloseable> started = new ArrayList<>();
      String host = mqtt.getHost();
      int port = mqtt.getPort() > 0 ? mqtt.getPort() : 1883;
      boolean local = "localhost".equals(host) || "127.0.0.1".equals(host);
      if (EmbeddedBroker.listening(host, port)) {
        log.info("demo: using the MQTT broker already listening at {}:{}", host, port);
      } else if (local) {
        EmbeddedBroker broker = new EmbeddedBroker("127.0.0.1", port);
        broker.start();
        started.add(broker);
        log.info(
            "demo: nothing listened on {}; started an embedded MQTT 5 broker (HiveMQ CE) there",
            port);
      } else {
        log.warn("demo: no broker at {}:{} yet; the gateway will keep retrying", host, port);
      }
      Map<String, String> overrides = new HashMap<>();
      overrides.put("ET_MQTT_URL", mqtt.toString());
      overrides.put("ET_SIM_HOST", "127.0.0.1");
      overrides.put("ET_OPCUA_PORT", String.valueOf(opcUaPort));
      overrides.put("ET_MODBUS_PORT", String.valueOf(modbusPort));
      GatewayConfig config =
          new ConfigLoader(
                  name -> overrides.containsKey(name) ? overrides.get(name) : System.getenv(name))
              .load(DEMO_CONFIG);
      Instant now = Instant.now();
      SimulationParameters defaults = SimulationParameters.defaults();
      LocalDate measure =
          measureDate != null
              ? measureDate
              : LocalDate.ofInstant(now, defaults.zone()).minusDays(DEMO_MEASURE_DAYS_AGO);
      SimulationParameters parameters =
          new SimulationParameters(
              measure, defaults.savingPercent(), defaults.zone(), defaults.seed());
      Instant historyStart =
          history.isZero() ? now : PlantHistory.start(now, history, parameters.zone());
      FactoryModel model = FactoryModel.demoBrewery(parameters, historyStart);
      // the model runs from the history's start to now, then the simulator continues it live:
      // the live counters carry on from the last reading of the history
      List<Reading> past =
          PlantHistory.readings(
              model,
              config.devices().stream()
                  .flatMap(d -> d.points().stream())
                  .map(DeviceConfig.Point::target)
                  .toList(),
              now,
              HISTORY_STEP);
      log.info(
          "demo: measure from {} (saving {} %); publishing {} readings of history since {}",
          measure, parameters.savingPercent(), past.size(), historyStart);
      started.add(
          startSimulator(
              "127.0.0.1",
              "127.0.0.1",
              opcUaPort,
              modbusPort,
              model,
              SIMULATOR_TICK,
              Optional.ofNullable(journal)));
      started.add(startGateway(config, Clock.systemUTC(), past));
      log.info(
          "demo: running; watch it with: mosquitto_sub -h {} -p {} -t '{}' -v",
          host,
          port,
          config.gateway().topic("#"));
      runUntilShutdown(started);
      return 0;
    }
  }
}
