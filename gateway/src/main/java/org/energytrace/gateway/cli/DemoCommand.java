package org.energytrace.gateway.cli;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.energytrace.gateway.demo.Demo;
import org.energytrace.gateway.runtime.Lifecycle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gateway demo}: broker, simulated brewery and gateway in one process. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Broker (if none listens), simulator and gateway in one process, with the packaged demo config.")
public final class DemoCommand implements Callable<Integer> {

  @Option(
      names = "--mqtt",
      defaultValue = "tcp://localhost:1883",
      description = "Default: ${DEFAULT-VALUE}")
  URI mqtt;

  @Option(names = "--opcua-port", defaultValue = "4840", description = "Default: ${DEFAULT-VALUE}")
  int opcUaPort;

  @Option(names = "--modbus-port", defaultValue = "5020", description = "Default: ${DEFAULT-VALUE}")
  int modbusPort;

  @Option(names = "--journal", description = "Write every served value change as a JSON line here.")
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
    Lifecycle.runUntilShutdown(
        Demo.start(
            new Demo.Options(
                mqtt,
                opcUaPort,
                modbusPort,
                Optional.ofNullable(journal),
                history,
                Optional.ofNullable(measureDate))));
    return 0;
  }
}
