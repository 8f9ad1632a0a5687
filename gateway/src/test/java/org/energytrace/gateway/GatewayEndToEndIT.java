package org.energytrace.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.energytrace.gateway.config.DeviceConfig;
import org.energytrace.gateway.config.GatewayConfig;
import org.energytrace.gateway.config.GatewayIdentity;
import org.energytrace.gateway.config.MqttConfig;
import org.energytrace.gateway.fixtures.LocalMosquitto;
import org.energytrace.gateway.fixtures.MqttRecorder;
import org.energytrace.gateway.fixtures.SimulatedPlant;
import org.energytrace.gateway.fixtures.WireContract;
import org.energytrace.gateway.model.PointTarget;
import org.energytrace.gateway.runtime.GatewayRuntime;
import org.energytrace.gateway.simulator.ServedValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Simulator → demo config → gateway → local Mosquitto, in one process: what the simulator serves
 * (and journals) is exactly what arrives on the gateway's topics.
 */
class GatewayEndToEndIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @BeforeAll
  static void needsMosquitto() {
    LocalMosquitto.requireRunning();
  }

  private static JsonNode json(String payload) {
    try {
      return JSON.readTree(payload);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void publishesExactlyTheServedValuesOfEveryDemoPoint() throws Exception {
    Path journal = dir.resolve("journal.jsonl");
    try (SimulatedPlant plant =
        new SimulatedPlant(SimulatedPlant.MONDAY_MORNING, Optional.of(journal))) {
      List<ServedValue> served = plant.tick(Duration.ofSeconds(1));
      GatewayConfig demo = plant.demoConfig();
      String id = "it-e2e-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
      // its own enterprise: under the demo's, a demo running on the same broker took these
      // messages from an unknown gateway into its quarantine
      GatewayIdentity identity =
          new GatewayIdentity(id, id, demo.gateway().site(), dir.resolve("data"));
      MqttConfig mqtt = MqttConfig.anonymous(URI.create(LocalMosquitto.URL), id);
      GatewayConfig config = demo.withGateway(identity).withMqtt(mqtt);

      try (MqttRecorder recorder = new MqttRecorder(LocalMosquitto.URL, identity.topic("#"));
          AutoCloseable gateway = GatewayRuntime.start(config, Clock.systemUTC())) {
        await()
            .atMost(Duration.ofSeconds(20))
            .untilAsserted(
                () -> assertThat(arrived(recorder, identity)).containsAll(expected(served, demo)));

        assertThat(recorder.on(identity.topic("telemetry")))
            .allSatisfy(
                m -> assertThat(WireContract.violations("telemetry", m.payload())).isEmpty());
        assertThat(recorder.on(identity.topic("production")))
            .allSatisfy(
                m -> assertThat(WireContract.violations("production", m.payload())).isEmpty());
      }
      // Stopping, the gateway left a retained offline status: leave the broker as it was found.
      try (MqttRecorder cleaner = new MqttRecorder(LocalMosquitto.URL, identity.topic("status"))) {
        cleaner.clearRetained(identity.topic("status"));
      }
      // The journal names every served value the way the demo config maps it.
      List<String> lines = Files.readAllLines(journal);
      assertThat(lines).isNotEmpty();
      for (ServedValue v : served) {
        assertThat(lines)
            .anySatisfy(
                l -> {
                  JsonNode n = json(l);
                  assertThat(n.get("meter").asText()).isEqualTo(v.meter());
                  assertThat(n.get("channel").asText()).isEqualTo(v.channel());
                  assertThat(n.get("unit").asText()).isEqualTo(v.unit());
                  assertThat(n.get("value").asDouble()).isEqualTo(v.value());
                });
      }
    }
  }

  /**
   * meter|channel|value of the served values the demo config reads (the simulator also serves
   * meters the demo leaves out: the brewhouse water and heat meters, the water flow).
   */
  private static List<String> expected(List<ServedValue> served, GatewayConfig demo) {
    List<String> read = new ArrayList<>();
    for (DeviceConfig device : demo.devices()) {
      for (DeviceConfig.Point point : device.points()) {
        read.add(
            point.target() instanceof PointTarget.MeterChannel m
                ? m.meter() + "|" + m.channel()
                : ((PointTarget.ProductionLine) point.target()).line() + "|ProductionCount");
      }
    }
    List<String> out = new ArrayList<>();
    for (ServedValue v : served) {
      if (read.contains(v.meter() + "|" + v.channel())) {
        out.add(v.meter() + "|" + v.channel() + "|" + v.value());
      }
    }
    assertThat(out).as("served values the demo config reads").hasSize(read.size());
    return out;
  }

  private static List<String> arrived(MqttRecorder recorder, GatewayIdentity identity) {
    List<String> out = new ArrayList<>();
    for (MqttRecorder.Received m : recorder.on(identity.topic("telemetry"))) {
      for (JsonNode p : json(m.payload()).get("points")) {
        if (p.get("quality").asText().equals("good")) {
          out.add(
              p.get("meter").asText()
                  + "|"
                  + p.get("channel").asText()
                  + "|"
                  + p.get("value").asDouble());
        }
      }
    }
    for (MqttRecorder.Received m : recorder.on(identity.topic("production"))) {
      for (JsonNode c : json(m.payload()).get("counts")) {
        out.add(c.get("line").asText() + "|ProductionCount|" + c.get("quantity").asDouble());
      }
    }
    return out;
  }
}
