package org.energytrace.gateway.broker;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.energytrace.gateway.model.GatewayException;

/**
 * An embedded HiveMQ Community Edition MQTT 5 broker for demos on machines without Mosquitto.
 * Anonymous and in memory: sessions and queued messages live only as long as the broker, and its
 * temporary folder (configuration, a few working files) is deleted when it closes. HiveMQ's default
 * file persistence would leave about 1 GB of preallocated stores behind every run.
 */
public final class EmbeddedBroker implements AutoCloseable {

  private final EmbeddedHiveMQ hivemq;
  private final Path home;
  private final int port;

  public EmbeddedBroker(String bindAddress, int port) {
    this.port = port;
    try {
      home = Files.createTempDirectory("energytrace-hivemq");
      Path conf = Files.createDirectories(home.resolve("conf"));
      Files.createDirectories(home.resolve("data"));
      Files.createDirectories(home.resolve("extensions"));
      Files.writeString(
          conf.resolve("config.xml"),
          """
          <?xml version="1.0"?>
          <hivemq>
            <listeners>
              <tcp-listener>
                <port>%d</port>
                <bind-address>%s</bind-address>
              </tcp-listener>
            </listeners>
            <persistence>
              <mode>in-memory</mode>
            </persistence>
            <anonymous-usage-statistics>
              <enabled>false</enabled>
            </anonymous-usage-statistics>
          </hivemq>
          """
              .formatted(port, bindAddress),
          StandardCharsets.UTF_8);
      hivemq =
          EmbeddedHiveMQ.builder()
              .withConfigurationFolder(conf)
              .withDataFolder(home.resolve("data"))
              .withExtensionsFolder(home.resolve("extensions"))
              .withoutLoggingBootstrap()
              .build();
    } catch (IOException e) {
      throw new GatewayException(
          GatewayException.Code.STORAGE_FAILED, "cannot prepare the embedded broker", e);
    }
  }

  public void start() {
    try {
      hivemq.start().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new GatewayException(
          GatewayException.Code.BROKER_UNAVAILABLE,
          "embedded broker failed to start on port " + port,
          e);
    }
  }

  public int port() {
    return port;
  }

  /** The broker's temporary folder; gone once {@link #close()} has returned. */
  Path home() {
    return home;
  }

  @Override
  public void close() throws Exception {
    try {
      hivemq.stop().get(30, TimeUnit.SECONDS);
      hivemq.close();
    } finally {
      deleteRecursively(home);
    }
  }

  private static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
