package org.energytrace.gateway.demo;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.energytrace.gateway.broker.EmbeddedBroker;
import org.energytrace.gateway.config.ConfigLoader;
import org.energytrace.gateway.config.DeviceConfig;
import org.energytrace.gateway.config.GatewayConfig;
import org.energytrace.gateway.model.Reading;
import org.energytrace.gateway.runtime.GatewayRuntime;
import org.energytrace.gateway.runtime.Lifecycle;
import org.energytrace.gateway.simulator.FactoryModel;
import org.energytrace.gateway.simulator.PlantHistory;
import org.energytrace.gateway.simulator.SimulationParameters;
import org.energytrace.gateway.simulator.Simulator;
import org.energytrace.gateway.simulator.SimulatorOpcUaServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo in one process: an embedded broker when none listens, the simulated brewery, and a
 * gateway with the packaged demo config that first publishes the plant's history, then goes live.
 * It starts on a machine where other programs hold the usual ports ({@link DemoPorts}): the ports
 * asked for (options, or ET_OPCUA_PORT, ET_MODBUS_PORT, ET_MQTT_URL) are used or refused at once;
 * the usual ones are used when free, else free ones, and the log names them.
 */
public final class Demo {

  /** The packaged demo gateway config. */
  public static final String CONFIG = "classpath:demo/gateway.yaml";

  /** The demo's measure starts this many days before today, so half the history is after it. */
  public static final int MEASURE_DAYS_AGO = 30;

  /** The step of the published history. */
  public static final Duration HISTORY_STEP = Duration.ofMinutes(15);

  /**
   * How often the demo's simulator changes its values. The demo config samples its OPC UA points at
   * half this period, so that no change is skipped (docs/gateway.md, OPC UA).
   */
  public static final Duration SIMULATOR_TICK = Duration.ofSeconds(1);

  private static final Logger log = LoggerFactory.getLogger(Demo.class);
  private static final String LOOPBACK = "127.0.0.1";

  /**
   * What the demo runs with. A null port or URL was not given on the command line: it comes from
   * the environment (ET_OPCUA_PORT, ET_MODBUS_PORT, ET_MQTT_URL) or is the usual one.
   */
  public record Options(
      URI mqtt,
      Integer opcUaPort,
      Integer modbusPort,
      Optional<Path> journal,
      Duration history,
      Optional<LocalDate> measureDate,
      Optional<Instant> historyAfter) {}

  /** A running demo: what it started (to close in reverse), and where its parts listen. */
  public record Running(
      List<AutoCloseable> started, URI mqtt, int opcUaPort, int modbusPort, String topics) {}

  private Demo() {}

  /** Starts everything with the process environment. */
  public static Running start(Options options) throws Exception {
    return start(options, System::getenv);
  }

  /**
   * Starts everything; {@code environment} gives the variables the demo and its config read.
   * Nothing is left running when a part cannot start.
   */
  public static Running start(Options options, UnaryOperator<String> environment) throws Exception {
    List<AutoCloseable> started = new ArrayList<>();
    try {
      int opcUaPort =
          DemoPorts.listenPort(
              "simulator's OPC UA server",
              options.opcUaPort(),
              environment,
              "ET_OPCUA_PORT",
              DemoPorts.OPCUA_PORT,
              "--opcua-port");
      int modbusPort =
          DemoPorts.listenPort(
              "simulator's Modbus server",
              options.modbusPort(),
              environment,
              "ET_MODBUS_PORT",
              DemoPorts.MODBUS_PORT,
              "--modbus-port");
      DemoPorts.Broker broker = DemoPorts.broker(options.mqtt(), environment);
      if (broker.embedded()) {
        started.add(embeddedBroker(broker.url()));
      }
      GatewayConfig config = config(broker.url(), opcUaPort, modbusPort, environment);
      Instant now = Instant.now();
      SimulationParameters defaults = SimulationParameters.defaults();
      LocalDate measure =
          options
              .measureDate()
              .orElse(LocalDate.ofInstant(now, defaults.zone()).minusDays(MEASURE_DAYS_AGO));
      SimulationParameters parameters =
          new SimulationParameters(
              measure, defaults.savingPercent(), defaults.zone(), defaults.seed());
      Instant historyStart =
          options.history().isZero()
              ? now
              : PlantHistory.start(now, options.history(), parameters.zone());
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
      // a restart leaves out what the last run published: the model still runs from the
      // history's start, so what follows lies on the same trajectory
      Optional<Instant> after = options.historyAfter();
      if (after.isPresent()) {
        past = past.stream().filter(r -> r.ts().isAfter(after.get())).toList();
      }
      log.info(
          "demo: measure from {} (saving {} %); publishing {} readings of history since {}",
          measure,
          parameters.savingPercent(),
          past.size(),
          after.filter(historyStart::isBefore).orElse(historyStart));
      started.add(
          Simulator.serve(
              LOOPBACK, LOOPBACK, opcUaPort, modbusPort, model, SIMULATOR_TICK, options.journal()));
      started.add(GatewayRuntime.start(config, Clock.systemUTC(), past));
      String topics = config.gateway().topic("#");
      log.info(
          "demo: running: broker {}, simulator OPC UA opc.tcp://{}:{}{} and Modbus TCP {}:{};"
              + " watch it with: mosquitto_sub -h {} -p {} -t '{}' -v",
          broker.url(),
          LOOPBACK,
          opcUaPort,
          SimulatorOpcUaServer.PATH,
          LOOPBACK,
          modbusPort,
          broker.url().getHost(),
          port(broker.url()),
          topics);
      return new Running(List.copyOf(started), broker.url(), opcUaPort, modbusPort, topics);
    } catch (Exception | Error e) {
      Lifecycle.closeInReverse(started);
      throw e;
    }
  }

  private static EmbeddedBroker embeddedBroker(URI url) {
    EmbeddedBroker broker = new EmbeddedBroker(LOOPBACK, port(url));
    broker.start();
    log.info(
        "demo: nothing listened on {}; started an embedded MQTT 5 broker (HiveMQ CE) there",
        port(url));
    return broker;
  }

  /**
   * The packaged demo config, pointed at the demo's broker and simulator; every other variable it
   * reads (ET_DATA_DIR, ET_DEMO_ENTERPRISE, ET_GATEWAY_HTTP, credentials) comes from the
   * environment.
   */
  private static GatewayConfig config(
      URI mqtt, int opcUaPort, int modbusPort, UnaryOperator<String> environment) {
    Map<String, String> overrides =
        Map.of(
            "ET_MQTT_URL", mqtt.toString(),
            "ET_SIM_HOST", LOOPBACK,
            "ET_OPCUA_PORT", String.valueOf(opcUaPort),
            "ET_MODBUS_PORT", String.valueOf(modbusPort));
    return new ConfigLoader(
            name -> overrides.containsKey(name) ? overrides.get(name) : environment.apply(name))
        .load(CONFIG);
  }

  private static int port(URI mqtt) {
    return mqtt.getPort() > 0 ? mqtt.getPort() : 1883;
  }
}
