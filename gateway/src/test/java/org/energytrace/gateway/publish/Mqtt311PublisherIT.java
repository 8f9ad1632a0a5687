package org.energytrace.gateway.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.energytrace.gateway.buffer.MemoryReadingBuffer;
import org.energytrace.gateway.config.GatewayIdentity;
import org.energytrace.gateway.config.MqttConfig;
import org.energytrace.gateway.config.PublishConfig;
import org.energytrace.gateway.fixtures.MosquittoProcess;
import org.energytrace.gateway.fixtures.MqttRecorder;
import org.energytrace.gateway.fixtures.MqttRecorder.Received;
import org.energytrace.gateway.fixtures.Readings;
import org.energytrace.gateway.fixtures.TcpProxy;
import org.energytrace.gateway.fixtures.WireContract;
import org.energytrace.gateway.model.OverflowPolicy;
import org.energytrace.gateway.model.PointTarget;
import org.energytrace.gateway.model.Reading;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The publisher over MQTT 3.1.1 ({@code mqtt.version: 3.1.1}) against our own Mosquitto, through a
 * TCP relay the test can cut. Mosquitto logs the protocol of each client ({@code p2} is 3.1.1,
 * {@code p5} is 5), so the test knows which protocol was spoken; an MQTT 5 subscriber receives what
 * a 3.1.1 publisher sends.
 */
class Mqtt311PublisherIT {

  @TempDir Path dir;

  private final GatewayIdentity identity =
      new GatewayIdentity("gw-v311", "it-enterprise", "it-site", Path.of("."));
  private MosquittoProcess broker;
  private TcpProxy proxy;
  private MqttRecorder recorder;
  private MqttPublisher publisher;

  @BeforeEach
  void setUp() throws Exception {
    broker = new MosquittoProcess(dir.resolve("mosquitto")).start();
    proxy = new TcpProxy("127.0.0.1", broker.port);
    recorder = new MqttRecorder(broker.url(), identity.topic("#"));
  }

  @AfterEach
  void tearDown() throws Exception {
    if (publisher != null) {
      publisher.close();
    }
    recorder.close();
    proxy.close();
    broker.close();
  }

  private MemoryReadingBuffer startPublisher() {
    MemoryReadingBuffer buffer = new MemoryReadingBuffer(10_000, OverflowPolicy.DROP_OLDEST);
    MqttConfig mqtt =
        MqttConfig.anonymous(URI.create("tcp://127.0.0.1:" + proxy.port()), identity.id())
            .withReconnectMaxBackoff(Duration.ofSeconds(1))
            .withVersion(MqttConfig.Version.V3_1_1);
    publisher =
        new MqttPublisher(
            identity,
            mqtt,
            new PublishConfig(50, 5, 10_000),
            buffer,
            new MessageCodec(identity.id(), "0.1.0-it"),
            Clock.systemUTC());
    publisher.start();
    return buffer;
  }

  private static boolean hasState(List<Received> messages, String state) {
    return messages.stream().anyMatch(m -> m.json().get("state").asText().equals(state));
  }

  @Test
  void publishesSchemaValidTelemetryAtQos1AndARetainedOnlineStatusOverMqtt311() throws Exception {
    MemoryReadingBuffer buffer = startPublisher();
    buffer.append(Readings.counters(120, 3));
    buffer.append(
        List.of(
            Reading.good(
                new PointTarget.ProductionLine("line-1", "crate-beer", "H87"),
                Instant.parse("2026-11-30T03:00:00Z"),
                152_340)));

    String telemetry = identity.topic("telemetry");
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                recorder.on(telemetry).stream().mapToInt(m -> m.json().get("points").size()).sum()
                        == 120
                    && !recorder.on(identity.topic("production")).isEmpty());
    await().atMost(Duration.ofSeconds(5)).until(() -> buffer.size() == 0);

    // Mosquitto's connect line names its protocol: p2 is MQTT 3.1.1 (p1 3.1, p5 MQTT 5).
    assertThat(broker.log()).contains("as " + identity.id() + " (p2, c1");
    assertThat(recorder.on(telemetry))
        .allSatisfy(
            m -> {
              assertThat(m.qos()).isEqualTo(1);
              assertThat(m.json().get("points").size()).isLessThanOrEqualTo(50);
              assertThat(WireContract.violations("telemetry", m.payload())).isEmpty();
            });
    assertThat(recorder.on(identity.topic("production")))
        .allSatisfy(m -> assertThat(WireContract.violations("production", m.payload())).isEmpty());
    try (MqttRecorder late = new MqttRecorder(broker.url(), identity.topic("status"))) {
      await().atMost(Duration.ofSeconds(5)).until(() -> !late.received().isEmpty());
      Received status = late.received().get(0);
      assertThat(status.retained()).isTrue();
      assertThat(status.json().get("state").asText()).isEqualTo("online");
      assertThat(WireContract.violations("status", status.payload())).isEmpty();
    }
  }

  @Test
  void leavesTheRetainedOfflineLastWillWhenTheConnectionIsCutAndReconnectsOverMqtt311()
      throws Exception {
    MemoryReadingBuffer buffer = startPublisher();
    String status = identity.topic("status");
    await().atMost(Duration.ofSeconds(10)).until(() -> hasState(recorder.on(status), "online"));

    proxy.killConnections();

    // MQTT 3.1.1 §3.1.2.5: the server publishes the Will Message when the network connection is
    // closed without a DISCONNECT.
    await().atMost(Duration.ofSeconds(10)).until(() -> hasState(recorder.on(status), "offline"));
    Received will =
        recorder.on(status).stream()
            .filter(m -> m.json().get("state").asText().equals("offline"))
            .findFirst()
            .orElseThrow();
    assertThat(will.json().get("reason").asText()).isEqualTo("connection lost");
    assertThat(WireContract.violations("status", will.payload())).isEmpty();

    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () -> {
              List<Received> all = recorder.on(status);
              JsonNode last = all.get(all.size() - 1).json();
              return last.get("state").asText().equals("online")
                  && last.get("reason").asText().equals("reconnected");
            });
    buffer.append(Readings.counters(3, 3));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !recorder.on(identity.topic("telemetry")).isEmpty());
  }
}
