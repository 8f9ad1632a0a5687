package org.energytrace.gateway.cli;

import org.energytrace.gateway.config.ConfigException;
import org.energytrace.gateway.config.ConfigLoader;
import org.energytrace.gateway.config.GatewayConfig;
import picocli.CommandLine.Option;

/**
 * The {@code --config} option of the commands that read a gateway configuration. An invalid file
 * throws {@link ConfigException}, which the command line turns into every problem on stderr and
 * exit code 2.
 */
final class ConfigFile {

  @Option(
      names = "--config",
      required = true,
      paramLabel = "FILE",
      description = "Gateway YAML (a file, or classpath:demo/gateway.yaml).")
  String location;

  GatewayConfig load() {
    return ConfigLoader.fromSystemEnvironment().load(location);
  }

  /** In a message for the operator, names the config file being checked. */
  String mention(String message) {
    return message.replace("<your config>", location);
  }
}
