package org.energytrace.gateway.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.energytrace.gateway.config.ConfigException;
import org.energytrace.gateway.config.ConfigLoader;
import org.energytrace.gateway.model.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the config file (every {@code period}) and reloads the gateway when its content changes.
 * An invalid new config is logged with every problem and the running one is kept.
 */
public final class ConfigWatcher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ConfigWatcher.class);

  private final ScheduledExecutorService watcher =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("config-watcher"));
  private final Path file;
  private final ConfigLoader loader;
  private final RunningGateway gateway;
  private String last;

  private ConfigWatcher(Path file, ConfigLoader loader, RunningGateway gateway) {
    this.file = file;
    this.loader = loader;
    this.gateway = gateway;
    this.last = readQuietly(file);
  }

  public static ConfigWatcher watch(
      Path file, ConfigLoader loader, RunningGateway gateway, Duration period) {
    ConfigWatcher w = new ConfigWatcher(file, loader, gateway);
    w.watcher.scheduleWithFixedDelay(
        w::check, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    return w;
  }

  private void check() {
    String now = readQuietly(file);
    if (now == null || now.equals(last)) {
      return;
    }
    last = now;
    try {
      gateway.reload(loader.parse(file.toString(), now));
    } catch (ConfigException e) {
      log.error("config {} changed but is not applied: {}", file, e.getMessage());
    } catch (RuntimeException e) {
      log.error("config {} changed but reloading failed: {}", file, e.toString(), e);
    }
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public void close() {
    watcher.shutdownNow();
  }
}
