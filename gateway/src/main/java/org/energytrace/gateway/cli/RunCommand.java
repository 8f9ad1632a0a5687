package org.energytrace.gateway.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.energytrace.gateway.config.ConfigLoader;
import org.energytrace.gateway.runtime.ConfigWatcher;
import org.energytrace.gateway.runtime.GatewayRuntime;
import org.energytrace.gateway.runtime.Lifecycle;
import org.energytrace.gateway.runtime.RunningGateway;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code gateway run}: poll, buffer and publish until stopped; reload when the file changes. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Poll the configured devices and publish over MQTT.")
public final class RunCommand implements Callable<Integer> {

  /** How often the config file is checked for changes. */
  static final Duration WATCH_PERIOD = Duration.ofSeconds(2);

  @Mixin ConfigFile config;

  @Override
  public Integer call() throws Exception {
    RunningGateway gateway = GatewayRuntime.start(config.load(), Clock.systemUTC());
    List<AutoCloseable> started = new ArrayList<>(List.of(gateway));
    if (!config.location.startsWith(ConfigLoader.CLASSPATH_PREFIX)) {
      started.add(
          ConfigWatcher.watch(
              Path.of(config.location),
              ConfigLoader.fromSystemEnvironment(),
              gateway,
              WATCH_PERIOD));
    }
    Lifecycle.runUntilShutdown(started);
    return 0;
  }
}
