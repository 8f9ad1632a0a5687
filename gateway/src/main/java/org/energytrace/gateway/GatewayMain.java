package org.energytrace.gateway;

import org.energytrace.gateway.cli.BrokerCommand;
import org.energytrace.gateway.cli.CheckCommand;
import org.energytrace.gateway.cli.DemoCommand;
import org.energytrace.gateway.cli.RunCommand;
import org.energytrace.gateway.cli.SimulateCommand;
import org.energytrace.gateway.cli.TrustCommand;
import org.energytrace.gateway.config.ConfigException;
import org.energytrace.gateway.runtime.GatewayRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The gateway process: one class per subcommand in {@code cli}, objects built from configuration in
 * {@code runtime.GatewayRuntime}.
 */
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
public final class GatewayMain {

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

  private GatewayMain() {}

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line with its subcommands; an invalid configuration exits with code 2. */
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
}
