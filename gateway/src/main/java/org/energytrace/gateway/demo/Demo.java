package org.energytrace.gateway.demo;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo in one process: an embedded broker when none listens, the simulated brewery, and a
 * gateway with the packaged demo config that first publishes the plant's history, then goes live.
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

  /** What the demo runs with. */
  public record Options(
      URI mqtt,
      int opcUaPort,
      int modbusPort,
      Optional<Path> journal,
      Duration history,
      Optional<LocalDate> measureDate) {}

  private Demo() {}

  /** Starts everything; returns what was started, in order, for a reverse close. */
  public static List<AutoCloseable> start(Options options) throws Exception {
    List<AutoCloseable> started = new ArrayList<>();
    try {
      startBroker(options.mqtt()).ifPresent(started::add);
      GatewayConfig config = config(options);
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
      log.info(
          "demo: measure from {} (saving {} %); publishing {} readings of history since {}",
          measure, parameters.savingPercent(), past.size(), historyStart);
      started.add(
          Simulator.serve(
              "127.0.0.1",
              "127.0.0.1",
              options.opcUaPort(),
              options.modbusPort(),
              model,
              SIMULATOR_TICK,
              options.journal()));
      started.add(GatewayRuntime.start(config, Clock.systemUTC(), past));
      log.info(
          "demo: running; watch it with: mosquitto_sub -h {} -p {} -t '{}' -v",
          options.mqtt().getHost(),
          port(options.mqtt()),
          config.gateway().topic("#"));
      return started;
    } catch (Exception | Error e) {
      Lifecycle.closeInReverse(started);
      throw e;
    }
  }

  private static Optional<EmbeddedBroker> startBroker(URI mqtt) {
    String host = mqtt.getHost();
    int port = port(mqtt);
    boolean local = "localhost".equals(host) || "127.0.0.1".equals(host);
    if (EmbeddedBroker.listening(host, port)) {
      log.info("demo: using the MQTT broker already listening at {}:{}", host, port);
      return Optional.empty();
    }
    if (!local) {
      log.warn("demo: no broker at {}:{} yet; the gateway will keep retrying", host, port);
      return Optional.empty();
    }
    EmbeddedBroker broker = new EmbeddedBroker("127.0.0.1", port);
    broker.start();
    log.info(
        "demo: nothing listened on {}; started an embedded MQTT 5 broker (HiveMQ CE) there", port);
    return Optional.of(broker);
  }

  /** The packaged demo config, pointed at the demo's broker and simulator. */
  private static GatewayConfig config(Options options) {
    Map<String, String> overrides = new HashMap<>();
    overrides.put("ET_MQTT_URL", options.mqtt().toString());
    overrides.put("ET_SIM_HOST", "127.0.0.1");
    overrides.put("ET_OPCUA_PORT", String.valueOf(options.opcUaPort()));
    overrides.put("ET_MODBUS_PORT", String.valueOf(options.modbusPort()));
    return new ConfigLoader(
            name -> overrides.containsKey(name) ? overrides.get(name) : System.getenv(name))
        .load(CONFIG);
  }

  private static int port(URI mqtt) {
    return mqtt.getPort() > 0 ? mqtt.getPort() : 1883;
  }
}
