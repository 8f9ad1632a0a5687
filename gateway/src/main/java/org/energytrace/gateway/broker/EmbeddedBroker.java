package org.energytrace.gateway.broker;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.energytrace.gateway.model.GatewayException;

/**
 * An embedded HiveMQ Community Edition MQTT 5 broker for demos on machines without Mosquitto.
 * Anonymous, no persistence worth keeping: its data lives in a temporary folder.
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

  @Override
  public void close() throws Exception {
    hivemq.stop().get(30, TimeUnit.SECONDS);
    hivemq.close();
  }
}
