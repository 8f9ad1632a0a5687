package org.energytrace.gateway.cli;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.energytrace.gateway.demo.Demo;
import org.energytrace.gateway.runtime.Lifecycle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gateway demo}: broker, simulated brewery and gateway in one process. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Broker (if none listens), simulator and gateway in one process, with the packaged demo"
          + " config.",
      "A port or broker given here or in the environment is used, or the demo stops naming it;"
          + " when the usual port (4840, 5020) is taken, a free one is used and logged."
    })
public final class DemoCommand implements Callable<Integer> {

  @Option(
      names = {"--mqtt-url", "--mqtt"},
      paramLabel = "URL",
      description =
          "Broker to publish to. Default: ET_MQTT_URL, else tcp://localhost:1883 (an embedded"
              + " broker is started there when nothing listens).")
  URI mqtt;

  @Option(
      names = "--opcua-port",
      paramLabel = "PORT",
      description =
          "Port of the simulator's OPC UA server. Default: ET_OPCUA_PORT, else 4840, else a free"
              + " port.")
  Integer opcUaPort;

  @Option(
      names = "--modbus-port",
      paramLabel = "PORT",
      description =
          "Port of the simulator's Modbus TCP server. Default: ET_MODBUS_PORT, else 5020, else a"
              + " free port.")
  Integer modbusPort;

  @Option(
      names = "--journal",
      paramLabel = "FILE",
      description = "Write every served value change as a JSON line here.")
  Path journal;

  @Option(
      names = "--history",
      paramLabel = "DURATION",
      defaultValue = "P60D",
      description =
          "Publish the plant's readings of this long before now (every 15 minutes, from local"
              + " midnight) before going live; PT0S for none. Default: ${DEFAULT-VALUE}")
  Duration history;

  @Option(
      names = "--history-after",
      paramLabel = "INSTANT",
      description =
          "Publish only the history after this instant (e.g. 2026-12-06T04:41:25Z), what a"
              + " restart has not published yet; the plant's history still starts where --history"
              + " says, so its counters continue. ingest demo passes its newest stored reading.")
  Instant historyAfter;

  @Option(
      names = "--measure-date",
      paramLabel = "DATE",
      description =
          "Day the energy-saving measure starts (site time). Default: 30 days before today.")
  LocalDate measureDate;

  @Mixin ParentProcess parent = new ParentProcess();

  @Override
  public Integer call() throws Exception {
    if (!parent.stopWithIt()) {
      return 2;
    }
    Demo.Running demo =
        Demo.start(
            new Demo.Options(
                mqtt,
                opcUaPort,
                modbusPort,
                Optional.ofNullable(journal),
                history,
                Optional.ofNullable(measureDate),
                Optional.ofNullable(historyAfter)));
    Lifecycle.runUntilShutdown(demo.started());
    return 0;
  }
}
