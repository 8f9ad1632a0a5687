package org.energytrace.gateway;

import org.energytrace.gateway.cli.GatewayCommand;
import picocli.CommandLine;

/**
 * The gateway process. The commands are in {@code cli} (one class each), the objects they run are
 * built from configuration in {@code runtime.GatewayRuntime}.
 */
public final class GatewayMain {

  /** Exit code for an invalid configuration. */
  public static final int EXIT_CONFIG = GatewayCommand.EXIT_CONFIG;

  static {
    // Structured logs on request; must run before the first logger is created.
    if ("json".equalsIgnoreCase(System.getenv("ET_LOG_FORMAT"))
        && System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "logback-json.xml");
    }
  }

  private GatewayMain() {}

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line with its subcommands; an invalid configuration exits with code 2. */
  public static CommandLine commandLine() {
    return GatewayCommand.commandLine();
  }
}
