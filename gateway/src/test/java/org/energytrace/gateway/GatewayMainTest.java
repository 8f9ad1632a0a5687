package org.energytrace.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.energytrace.gateway.buffer.FileReadingBuffer;
import org.energytrace.gateway.cli.GatewayCommand;
import org.energytrace.gateway.config.ConfigLoader;
import org.energytrace.gateway.config.DeviceConfig;
import org.energytrace.gateway.demo.Demo;
import org.energytrace.gateway.model.OverflowPolicy;
import org.energytrace.gateway.model.PointTarget;
import org.energytrace.gateway.runtime.GatewayRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

class GatewayMainTest {

  @TempDir Path dir;

  @Test
  void runExitsWithCode2AndNamesEveryBadFieldOfTheConfigFile() throws Exception {
    Path config = dir.resolve("gateway.yaml");
    Files.writeString(
        config,
        """
        gateway: {id: gw-1, enterprise: Demo Brewery, site: plant-1, data_dir: ./data}
        mqtt: {url: "tcp://localhost:1883", username: "${ENV:ET_TEST_SURELY_UNSET_USER}"}
        poll_interval: PT0.01S
        devices:
          - id: em
            protocol: modbus
            host: localhost
            unit_id: 1
            points:
              - {channel: AcActivePowerTotal, function: 4, address: 70000, type: float32, order: ABDC, unit: kW}
        """);
    StringWriter err = new StringWriter();
    CommandLine cli = GatewayMain.commandLine();
    cli.setErr(new PrintWriter(err));

    int exit = cli.execute("run", "--config", config.toString());

    assertThat(exit).isEqualTo(GatewayMain.EXIT_CONFIG).isEqualTo(2);
    String file = config.toString();
    assertThat(err.toString())
        .contains("invalid configuration " + file + " (6 problems)")
        .contains(file + ":1: gateway.enterprise: 'Demo Brewery' does not match")
        .contains(
            file + ":2: mqtt.username: environment variable ET_TEST_SURELY_UNSET_USER is not set")
        .contains(file + ":3: poll_interval: must be at least PT0.1S")
        .contains(file + ":10: devices[0].points[0].address: must be 0..65535, was 70000")
        .contains(
            file
                + ":10: devices[0].points[0].order: must be one of ABCD, DCBA, BADC, CDAB, was 'ABDC'")
        .contains(
            file
                + ":10: devices[0].points[0].unit: 'kW' is a unit symbol; write its UN/CEFACT"
                + " code KWT");
  }

  @Test
  void runExitsWithCode2WhenTheConfigFileIsMissing() {
    StringWriter err = new StringWriter();
    CommandLine cli = GatewayMain.commandLine();
    cli.setErr(new PrintWriter(err));

    int exit = cli.execute("run", "--config", dir.resolve("nope.yaml").toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("nope.yaml: file: cannot read");
  }

  // a second gateway on the same data_dir printed the right sentence and a 20-line stack trace
  @Test
  void runOnADataDirAnotherGatewayHoldsSaysSoInOneSentenceAndKeepsTheStackTraceForDebug()
      throws Exception {
    Path data = dir.resolve("data");
    Path config = dir.resolve("gateway.yaml");
    Files.writeString(
        config,
        """
        gateway: {id: gw-1, enterprise: demo, site: plant-1, data_dir: %s}
        mqtt: {url: "tcp://127.0.0.1:1"}
        poll_interval: PT1S
        devices:
          - id: em
            protocol: modbus
            host: 127.0.0.1
            port: 1
            unit_id: 1
            points:
              - {channel: AcActivePowerTotal, function: 4, address: 52, type: float32, unit: KWT}
        """
            .formatted(data));
    Logger logger = (Logger) LoggerFactory.getLogger(GatewayCommand.class);
    Level level = logger.getLevel();
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    logger.addAppender(logs);
    logger.setLevel(Level.DEBUG);
    StringWriter err = new StringWriter();
    CommandLine cli = GatewayMain.commandLine();
    cli.setErr(new PrintWriter(err));
    int exit;
    try (FileReadingBuffer held =
        new FileReadingBuffer(
            data.resolve("buffer"), 1 << 20, OverflowPolicy.DROP_OLDEST, 0, 100)) {
      exit = cli.execute("run", "--config", config.toString());
    } finally {
      logger.detachAppender(logs);
      logger.setLevel(level);
    }

    assertThat(exit).isEqualTo(1);
    assertThat(logs.list)
        .filteredOn(e -> e.getLevel() == Level.ERROR)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getFormattedMessage())
                  .isEqualTo(
                      "run failed: buffer "
                          + data.resolve("buffer")
                          + " is in use by another gateway process");
              assertThat(e.getThrowableProxy()).isNull();
            });
    assertThat(logs.list)
        .filteredOn(e -> e.getLevel() == Level.DEBUG)
        .singleElement()
        .satisfies(e -> assertThat(e.getThrowableProxy()).isNotNull());
  }

  // issue 14: "gateway run --help" exited 2 with "Missing required option"
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {"run", "check", "trust", "simulate", "broker", "demo"})
  void everySubcommandPrintsItsUsageOnHelpAndExitsZero(String command) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = GatewayMain.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));

    assertThat(cli.execute(command, "--help")).as(err.toString()).isZero();
    assertThat(out.toString()).contains("Usage: energytrace-gateway " + command);
    assertThat(err.toString()).doesNotContain("Missing required option");
    // values named by what they are, not by Java fields ("--measure-date=<measureDate>")
    assertThat(out.toString()).doesNotContainPattern("=<[a-z]+[A-Z][A-Za-z]*>");

    StringWriter version = new StringWriter();
    CommandLine again = GatewayMain.commandLine();
    again.setOut(new PrintWriter(version));
    assertThat(again.execute(command, "--version")).isZero();
    assertThat(version.toString())
        .contains("energytrace-gateway " + GatewayRuntime.SOFTWARE_VERSION);
  }

  @Test
  void theSimulatorsMeasureDateIsThirtyDaysAgoAsTheDemosNotAFixedDay() {
    // it was 2026-12-01 whatever the day
    StringWriter out = new StringWriter();
    CommandLine help = GatewayMain.commandLine();
    help.setOut(new PrintWriter(out));
    help.execute("simulate", "--help");
    assertThat(out.toString().replaceAll("\\s+", " "))
        .contains("--measure-date=DATE")
        .contains("Default: 30 days before today")
        .doesNotContain("2026-12-01");
  }

  @Test
  void trustWithoutASecureOpcUaDeviceSaysSoAndMakesNoCertificate() throws Exception {
    Path data = dir.resolve("data");
    Path config = dir.resolve("gateway.yaml");
    Files.writeString(
        config,
        """
        gateway: {id: gw-1, enterprise: demo, site: plant-1, data_dir: %s}
        mqtt: {url: "tcp://localhost:1883"}
        poll_interval: PT1S
        devices:
          - id: em
            protocol: modbus
            host: localhost
            unit_id: 1
            points:
              - {channel: AcActivePowerTotal, function: 4, address: 52, type: float32, unit: KWT}
        """
            .formatted(data));
    StringWriter out = new StringWriter();
    CommandLine cli = GatewayMain.commandLine();
    cli.setOut(new PrintWriter(out));

    assertThat(cli.execute("trust", "--config", config.toString(), "--yes")).isEqualTo(1);
    assertThat(out.toString()).contains("no secure OPC UA device");
    assertThat(data.resolve("pki")).doesNotExist();
  }

  // the simulator's meters and the embedded broker take anyone: other hosts only when asked
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"simulate", "broker"})
  void theSimulatorAndTheBrokerListenOnLoopbackUnlessToldOtherwise(String command) {
    CommandLine cli = GatewayMain.commandLine();
    cli.parseArgs(command);
    CommandLine sub = cli.getSubcommands().get(command);
    assertThat(sub.getParseResult().matchedOptionValue("--bind", "unset")).isEqualTo("unset");
    assertThat(sub.getCommandSpec().findOption("--bind").getValue().toString())
        .isEqualTo("127.0.0.1");
    StringWriter out = new StringWriter();
    CommandLine help = GatewayMain.commandLine();
    help.setOut(new PrintWriter(out));
    help.execute(command, "--help");
    assertThat(out.toString().replaceAll("\\s+", " ")).contains("Default: 127.0.0.1");
  }

  // OPC 10000-4 §5.12.1.2: sampled at its own update period a counter skipped values; the demo
  // samples at half the simulator's period and queues counter changes without discarding any
  @Test
  void theDemoSamplesItsOpcUaPointsAtHalfTheSimulatorsUpdatePeriodAndKeepsEveryCounterChange() {
    var config = new ConfigLoader(n -> null).load(Demo.CONFIG);
    var opcUa =
        config.devices().stream()
            .filter(d -> d instanceof DeviceConfig.OpcUa)
            .map(DeviceConfig.OpcUa.class::cast)
            .toList();
    assertThat(opcUa).isNotEmpty();
    for (var device : opcUa) {
      for (var point : device.points()) {
        Duration sampling = point.samplingInterval().orElse(device.samplingInterval());
        assertThat(sampling.multipliedBy(2))
            .as("%s %s", device.id(), point.node())
            .isLessThanOrEqualTo(Demo.SIMULATOR_TICK);
        boolean counter =
            point.target() instanceof PointTarget.ProductionLine
                || (point.target() instanceof PointTarget.MeterChannel m
                    && m.kind() == PointTarget.Kind.COUNTER);
        if (counter) {
          assertThat(point.queueSize()).as(point.node()).isGreaterThan(1);
          assertThat(point.discardOldest()).as(point.node()).isFalse();
        }
      }
    }
  }
}
