package org.energytrace.gateway.cli;

import org.energytrace.gateway.config.ConfigException;
import org.energytrace.gateway.model.GatewayException;
import org.energytrace.gateway.runtime.GatewayRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code energytrace-gateway}: the subcommands, and how a failure becomes an exit code. */
@Command(
    name = "energytrace-gateway",
    mixinStandardHelpOptions = true,
    version = "energytrace-gateway " + GatewayRuntime.SOFTWARE_VERSION,
    description =
        "EnergyTrace edge gateway: reads meters over OPC UA and Modbus, publishes over MQTT.",
    subcommands = {
      RunCommand.class,
      SimulateCommand.class,
      CheckCommand.class,
      TrustCommand.class,
      BrokerCommand.class,
      DemoCommand.class
    })
public final class GatewayCommand {

  /** Exit code for an invalid configuration. */
  public static final int EXIT_CONFIG = 2;

  private static final Logger log = LoggerFactory.getLogger(GatewayCommand.class);

  private GatewayCommand() {}

  /**
   * The command line with its subcommands; an invalid configuration exits with code 2, printing
   * every problem; another failure of the gateway's own ({@link GatewayException}) with code 1 and
   * its one sentence in the log (the stack trace at debug level); anything else with code 1 and its
   * stack trace.
   */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new GatewayCommand());
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
          if (e instanceof GatewayException) {
            // a failure the gateway knows and words (a buffer another gateway holds, …): its
            // sentence is what the operator needs; the stack trace is for debugging only
            log.error("{} failed: {}", commandLine.getCommandName(), e.getMessage());
            log.debug("{} failed", commandLine.getCommandName(), e);
            return 1;
          }
          log.error("{} failed: {}", commandLine.getCommandName(), e.toString(), e);
          return 1;
        });
    return cli;
  }
}
