package org.energytrace.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.energytrace.gateway.config.ConfigLoader;
import org.energytrace.gateway.fixtures.CountingModbusMeters;
import org.energytrace.gateway.fixtures.MosquittoProcess;
import org.energytrace.gateway.fixtures.PersistentSubscriber;
import org.energytrace.gateway.runtime.ConfigWatcher;
import org.energytrace.gateway.runtime.GatewayRuntime;
import org.energytrace.gateway.runtime.RunningGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Config reload while readings wait in the buffer: the new device is read, nothing is lost. */
class GatewayReloadIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static String config(String id, int brokerPort, int meterPort, Path data, int meters) {
    StringBuilder yaml =
        new StringBuilder(
            """
            gateway: {id: %s, enterprise: it, site: reload, data_dir: %s}
            mqtt: {url: "tcp://127.0.0.1:%d", reconnect_max_backoff: PT1S}
            poll_interval: PT0.2S
            devices:
            """
                .formatted(id, data, brokerPort));
    for (int unit = 1; unit <= meters; unit++) {
      yaml.append(
          ("  - {id: meter-%d, protocol: modbus, host: 127.0.0.1, port: %d, unit_id: %d, points: ["
                  + "{channel: AcActiveEnergyTotalImport, function: 3, address: 0, type: uint32,"
                  + " unit: WHR, kind: counter, counter_bits: 32}]}\n")
              .formatted(unit, meterPort, unit));
    }
    return yaml.toString();
  }

  @Test
  void appliesAChangedDeviceListWithoutLosingTheReadingsWaitingInTheBuffer() throws Exception {
    String id = "it-reload-" + UUID.randomUUID().toString().substring(0, 8);
    ConfigLoader loader = new ConfigLoader(Map.<String, String>of()::get);
    try (MosquittoProcess broker = new MosquittoProcess(dir.resolve("mosquitto")).start();
        CountingModbusMeters meters = new CountingModbusMeters(2, 1);
        PersistentSubscriber ingest =
            new PersistentSubscriber(
                broker.url(), "it-ingest-" + id, "et/v1/it/reload/" + id + "/telemetry")) {
      broker.stop(); // readings must wait in the buffer across the reload
      Path file = dir.resolve("gateway.yaml");
      Files.writeString(file, config(id, broker.port, meters.port, dir.resolve("data"), 1));
      try (RunningGateway gateway =
              GatewayRuntime.start(loader.load(file.toString()), Clock.systemUTC());
          AutoCloseable watcher =
              ConfigWatcher.watch(file, loader, gateway, Duration.ofMillis(200))) {
        await().atMost(Duration.ofSeconds(20)).until(() -> meters.served(1, 0) >= 5);
        assertThat(meters.served(2, 0)).isZero();

        Duration outage = gateway.brokerUnreachableFor().orElseThrow();
        Files.writeString(file, config(id, broker.port, meters.port, dir.resolve("data"), 2));
        await().atMost(Duration.ofSeconds(20)).until(() -> meters.served(2, 0) >= 5);
        assertThat(gateway.config().devices()).hasSize(2);
        // the outage is counted from its start, not from the reload (the health alarm came later
        // by up to its grace after every reload)
        assertThat(gateway.brokerUnreachableFor()).get().matches(d -> d.compareTo(outage) > 0);

        meters.pause(true);
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    gateway
                            .registry()
                            .get("gateway.readings.polled")
                            .tag("quality", "good")
                            .counter()
                            .count()
                        == meters.servedTotal());
        broker.start();
        long served = meters.servedTotal();
        await().atMost(Duration.ofSeconds(30)).until(() -> ingest.distinctGoodValues() == served);
        for (int unit = 1; unit <= 2; unit++) {
          for (long v = 1; v <= meters.served(unit, 0); v++) {
            assertThat(ingest.hasGood("meter-" + unit, "AcActiveEnergyTotalImport", v))
                .as("meter-%d value %d", unit, v)
                .isTrue();
          }
        }
        assertThat(gateway.buffer().dropped()).isZero();
      }
    }
  }

  @Test
  void aReloadWhileConnectedDoesNotTellTheBrokerTheGatewayWentOffline() throws Exception {
    // a reload closed the publisher as a stop does: it published the retained status "offline"
    // (reason "stopping"), so every config change showed the gateway going offline and back
    String id = "it-reload-" + UUID.randomUUID().toString().substring(0, 8);
    ConfigLoader loader = new ConfigLoader(Map.<String, String>of()::get);
    List<String> states = new CopyOnWriteArrayList<>();
    try (MosquittoProcess broker = new MosquittoProcess(dir.resolve("mosquitto")).start();
        CountingModbusMeters meters = new CountingModbusMeters(2, 1)) {
      MqttClient watcher = new MqttClient(broker.url(), "it-status-" + id, new MemoryPersistence());
      watcher.connect();
      watcher.subscribe(
          "et/v1/it/reload/" + id + "/status",
          1,
          (topic, m) -> states.add(JSON.readTree(m.getPayload()).get("state").asText()));
      Path file = dir.resolve("gateway.yaml");
      Files.writeString(file, config(id, broker.port, meters.port, dir.resolve("data"), 1));
      try (RunningGateway gateway =
              GatewayRuntime.start(loader.load(file.toString()), Clock.systemUTC());
          AutoCloseable reloads =
              ConfigWatcher.watch(file, loader, gateway, Duration.ofMillis(200))) {
        await().atMost(Duration.ofSeconds(20)).until(() -> states.contains("online"));
        Files.writeString(file, config(id, broker.port, meters.port, dir.resolve("data"), 2));
        await().atMost(Duration.ofSeconds(20)).until(() -> meters.served(2, 0) >= 5);
        // the reloaded publisher is connected and has said where it stands
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> gateway.brokerUnreachableFor().isEmpty());
        assertThat(states).as("status messages across the reload").doesNotContain("offline");
      }
      // a stop still says it
      await().atMost(Duration.ofSeconds(10)).until(() -> states.contains("offline"));
      watcher.disconnect();
      watcher.close();
    }
  }
}
