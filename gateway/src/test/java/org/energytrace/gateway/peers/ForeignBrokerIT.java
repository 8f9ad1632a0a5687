package org.energytrace.gateway.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.energytrace.gateway.buffer.MemoryReadingBuffer;
import org.energytrace.gateway.config.GatewayIdentity;
import org.energytrace.gateway.config.MqttConfig;
import org.energytrace.gateway.config.PublishConfig;
import org.energytrace.gateway.fixtures.FreePorts;
import org.energytrace.gateway.fixtures.TcpProxy;
import org.energytrace.gateway.fixtures.WireContract;
import org.energytrace.gateway.model.OverflowPolicy;
import org.energytrace.gateway.model.PointTarget;
import org.energytrace.gateway.model.Reading;
import org.energytrace.gateway.publish.MessageCodec;
import org.energytrace.gateway.publish.MqttPublisher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/**
 * The publisher against aedes (npm), an MQTT broker we did not write that speaks MQTT 3.1.1 only
 * and refuses an MQTT 5 CONNECT (CONNACK return code 1, "unacceptable protocol version"; Paho's
 * MQTT 5 client reads that as "Invalid Return code"). Before, the gateway retried MQTT 5 forever;
 * now {@code mqtt.version: auto} (the default) falls back to 3.1.1 and says so once, and {@code
 * version: 5} names the protocol version in its error.
 *
 * <p>aedes and its lock file live in src/test/peers/aedes; the test installs them with {@code npm
 * ci} into target/peers/aedes (a directory the build owns) the first time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForeignBrokerIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path SOURCE = ForeignPeersIT.PEERS.resolve("aedes");
  private static final Path INSTALLED = Path.of("target", "peers", "aedes");

  private ForeignPeersIT.Peer aedes;
  private int port;
  private final GatewayIdentity identity =
      new GatewayIdentity("gw-aedes", "it-enterprise", "it-site", Path.of("."));
  private TcpProxy proxy;
  private MqttPublisher publisher;
  private ListAppender<ILoggingEvent> logs;
  private Logger publisherLog;

  @BeforeAll
  void startAedes() throws Exception {
    ForeignPeersIT.requireCommand("node", "Node.js is required (apt-get install nodejs npm)");
    Files.createDirectories(INSTALLED);
    for (String file : List.of("package.json", "package-lock.json", "broker.mjs")) {
      Files.copy(
          SOURCE.resolve(file), INSTALLED.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
    if (!Files.isDirectory(INSTALLED.resolve("node_modules").resolve("aedes"))) {
      ForeignPeersIT.requireCommand(
          "npm", "npm is required to install aedes (apt-get install npm)");
      Process npm =
          new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
              .directory(INSTALLED.toFile())
              .redirectErrorStream(true)
              .start();
      String out = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(npm.waitFor()).as("npm ci in %s:%n%s", INSTALLED, out).isZero();
    }
    port = FreePorts.next();
    aedes =
        new ForeignPeersIT.Peer(INSTALLED, "node", "broker.mjs", "--port", String.valueOf(port));
  }

  @AfterAll
  void stopAedes() throws InterruptedException {
    if (aedes != null) {
      aedes.close();
    }
  }

  @BeforeEach
  void watchTheLog() throws IOException {
    proxy = new TcpProxy("127.0.0.1", port);
    publisherLog = (Logger) LoggerFactory.getLogger(MqttPublisher.class);
    logs = new ListAppender<>();
    logs.start();
    publisherLog.addAppender(logs);
  }

  @AfterEach
  void stop() throws IOException {
    if (publisher != null) {
      publisher.close();
    }
    publisherLog.detachAppender(logs);
    proxy.close();
  }

  private MemoryReadingBuffer start(MqttConfig.Version version) {
    MemoryReadingBuffer buffer = new MemoryReadingBuffer(10_000, OverflowPolicy.DROP_OLDEST);
    MqttConfig mqtt =
        MqttConfig.anonymous(URI.create("tcp://127.0.0.1:" + proxy.port()), identity.id())
            .withReconnectMaxBackoff(Duration.ofSeconds(1))
            .withVersion(version);
    publisher =
        new MqttPublisher(
            identity,
            mqtt,
            new PublishConfig(20, 5, 10_000),
            buffer,
            new MessageCodec(identity.id(), "0.1.0-it"),
            Clock.systemUTC());
    publisher.start();
    return buffer;
  }

  private static List<Reading> readings(int from, int to) {
    List<Reading> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      out.add(
          Reading.good(
              PointTarget.MeterChannel.counter("m1", "AcActiveEnergyTotalImport", "KWH", 32),
              Instant.parse("2026-11-30T03:00:00Z").plusSeconds(i),
              i));
    }
    return out;
  }

  private List<String> warnings(String containing) {
    return logs.list.stream()
        .filter(e -> e.getLevel() == Level.WARN)
        .map(ILoggingEvent::getFormattedMessage)
        .filter(m -> m.contains(containing))
        .toList();
  }

  @Test
  void fallsBackToMqtt311WhenTheBrokerRefusesMqtt5AndSaysSoOnce() throws Exception {
    List<String> telemetry = new CopyOnWriteArrayList<>();
    List<String> status = new CopyOnWriteArrayList<>();
    MqttClient subscriber =
        new MqttClient("tcp://127.0.0.1:" + port, "it-aedes-sub", new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
    subscriber.connect(options);
    subscriber.subscribe(
        identity.topic("#"),
        1,
        (topic, message) ->
            (topic.endsWith("/telemetry") ? telemetry : status)
                .add(new String(message.getPayload(), StandardCharsets.UTF_8)));
    try {
      MemoryReadingBuffer buffer = start(MqttConfig.Version.AUTO);
      buffer.append(readings(0, 50));
      await().atMost(Duration.ofSeconds(20)).until(() -> points(telemetry) == 50);
      assertThat(publisher.isConnected()).isTrue();
      assertThat(publisher.protocolVersion()).isEqualTo("3.1.1");
      assertThat(telemetry)
          .allSatisfy(m -> assertThat(WireContract.violations("telemetry", m)).isEmpty());

      // a cut connection reconnects with 3.1.1 straight away: no second MQTT 5 attempt, no
      // second warning
      proxy.killConnections();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> status.stream().anyMatch(s -> s.contains("\"reconnected\"")));
      buffer.append(readings(50, 60));
      await().atMost(Duration.ofSeconds(20)).until(() -> points(telemetry) == 60);
      assertThat(warnings("refused MQTT 5")).hasSize(1);
      assertThat(warnings("refused MQTT 5").get(0)).contains("MQTT 3.1.1", "mqtt.version");
    } finally {
      subscriber.disconnect();
      subscriber.close();
    }
  }

  @Test
  void namesTheProtocolVersionWhenConfiguredForMqtt5AndTheBrokerRefusesIt() {
    start(MqttConfig.Version.V5);
    await().atMost(Duration.ofSeconds(20)).until(() -> !warnings("cannot connect").isEmpty());
    assertThat(warnings("cannot connect").get(0))
        .contains("with MQTT 5", "may not speak MQTT 5", "mqtt.version");
    assertThat(publisher.isConnected()).isFalse();
    assertThat(publisher.unreachableFor()).isPresent();
  }

  private static int points(List<String> messages) {
    int n = 0;
    for (String m : messages) {
      try {
        JsonNode root = JSON.readTree(m);
        n += root.get("points").size();
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + m, e);
      }
    }
    return n;
  }
}
