package org.energytrace.gateway.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.energytrace.gateway.runtime.Lifecycle;
import org.energytrace.gateway.simulator.FactoryModel;
import org.energytrace.gateway.simulator.PlantHistory;
import org.energytrace.gateway.simulator.SimulationParameters;
import org.energytrace.gateway.simulator.Simulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gateway simulate}: the simulated brewery's OPC UA and Modbus servers. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = "Serve a simulated brewery over OPC UA and Modbus TCP.")
public final class SimulateCommand implements Callable<Integer> {

  // the demo config reads the same variables: with ET_OPCUA_PORT=14840 both gateway simulate and
  // gateway run --config classpath:demo/gateway.yaml use port 14840
  @Option(
      names = "--opcua-port",
      paramLabel = "PORT",
      defaultValue = "${env:ET_OPCUA_PORT:-4840}",
      description = "Default: ET_OPCUA_PORT, else 4840 (now ${DEFAULT-VALUE}).")
  int opcUaPort;

  @Option(
      names = "--modbus-port",
      paramLabel = "PORT",
      defaultValue = "${env:ET_MODBUS_PORT:-5020}",
      description = "Default: ET_MODBUS_PORT, else 5020 (now ${DEFAULT-VALUE}).")
  int modbusPort;

  @Option(
      names = "--measure-date",
      paramLabel = "DATE",
      description =
          "Day the energy-saving measure starts (site time). Default: 30 days before today (as"
              + " the demo's).")
  LocalDate measureDate;

  @Option(
      names = "--saving-percent",
      paramLabel = "PERCENT",
      defaultValue = "10",
      description = "Saving of energy per unit made after the measure. Default: ${DEFAULT-VALUE}")
  double savingPercent;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "42",
      description = "Random seed. Default: ${DEFAULT-VALUE}")
  long seed;

  @Option(
      names = "--tick",
      paramLabel = "DURATION",
      defaultValue = "PT1S",
      description = "Update period. Default: ${DEFAULT-VALUE}")
  Duration tick;

  @Option(
      names = "--journal",
      paramLabel = "FILE",
      description = "Write every served value change as a JSON line here.")
  Path journal;

  @Option(
      names = "--zone",
      paramLabel = "ZONE",
      defaultValue = "Asia/Ho_Chi_Minh",
      description = "Site time zone. Default: ${DEFAULT-VALUE}")
  ZoneId zone;

  @Option(
      names = "--history",
      paramLabel = "DURATION",
      defaultValue = "PT0S",
      description =
          "Start the plant this long ago (at local midnight), so that its counters continue a"
              + " history of that length. Default: ${DEFAULT-VALUE}")
  Duration history;

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      defaultValue = "127.0.0.1",
      description =
          "Bind address; 0.0.0.0 serves other hosts (the meters have no authentication)."
              + " Default: ${DEFAULT-VALUE}")
  String bind;

  @Option(
      names = "--hostname",
      paramLabel = "HOST",
      defaultValue = "localhost",
      description = "Host name the OPC UA endpoint advertises. Default: ${DEFAULT-VALUE}")
  String hostname;

  @Override
  public Integer call() throws Exception {
    SimulationParameters parameters =
        new SimulationParameters(
            measureDate != null ? measureDate : LocalDate.now(zone).minusDays(30),
            savingPercent,
            zone,
            seed);
    Instant now = Instant.now();
    Instant start = history.isZero() ? now : PlantHistory.start(now, history, zone);
    Simulator simulator =
        Simulator.serve(
            bind,
            hostname,
            opcUaPort,
            modbusPort,
            FactoryModel.demoBrewery(parameters, start),
            tick,
            Optional.ofNullable(journal));
    Lifecycle.runUntilShutdown(List.of(simulator));
    return 0;
  }
}
