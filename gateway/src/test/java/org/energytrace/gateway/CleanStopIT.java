package org.energytrace.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.energytrace.gateway.fixtures.CountingModbusMeters;
import org.energytrace.gateway.fixtures.FreePorts;
import org.energytrace.gateway.fixtures.GatewayProcess;
import org.energytrace.gateway.fixtures.MosquittoProcess;
import org.energytrace.gateway.fixtures.PersistentSubscriber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A clean stop (SIGTERM) of the packaged gateway delivers what it has read: the poll under way
 * finishes, whatever waits in the buffer is published at once (no lingering) and the gateway waits
 * for the broker's acknowledgements (up to {@code publish.stop_timeout}) before it disconnects.
 * Before, the readings of the last poll stayed in the buffer until the next start. A linger of 30 s
 * makes "still waiting in the buffer" certain at the moment of the stop.
 */
class CleanStopIT {

  @TempDir Path dir;

  @Test
  void deliversEveryReadingItPolledBeforeItStopsOnSigterm() throws Exception {
    String id = "it-stop-" + UUID.randomUUID().toString().substring(0, 8);
    int httpPort = FreePorts.next();
    try (MosquittoProcess broker = new MosquittoProcess(dir.resolve("mosquitto")).start();
        CountingModbusMeters meters = new CountingModbusMeters(2, 2);
        PersistentSubscriber ingest =
            new PersistentSubscriber(
                broker.url(), "it-ingest-" + id, "et/v1/it/stop/" + id + "/telemetry")) {
      Path config = dir.resolve("gateway.yaml");
      Files.writeString(
          config,
          """
          gateway: {id: %s, enterprise: it, site: stop, data_dir: %s}
          mqtt: {url: "%s"}
          publish: {max_points_per_message: 10000, max_linger: PT30S, stop_timeout: PT10S}
          buffer: {type: file}
          http: {listen: "127.0.0.1:%d"}
          poll_interval: PT0.3S
          devices:
            - {id: meter-1, protocol: modbus, host: 127.0.0.1, port: %d, unit_id: 1, points: [
                {channel: AcActiveEnergyTotalImport, function: 3, address: 0, type: uint32, unit: WHR, kind: counter, counter_bits: 32},
                {channel: AcActiveEnergyTotalExport, function: 3, address: 2, type: uint32, unit: WHR, kind: counter, counter_bits: 32}]}
            - {id: meter-2, protocol: modbus, host: 127.0.0.1, port: %d, unit_id: 2, points: [
                {channel: AcActiveEnergyTotalImport, function: 3, address: 0, type: uint32, unit: WHR, kind: counter, counter_bits: 32},
                {channel: AcActiveEnergyTotalExport, function: 3, address: 2, type: uint32, unit: WHR, kind: counter, counter_bits: 32}]}
          """
              .formatted(
                  id, dir.resolve("data"), broker.url(), httpPort, meters.port, meters.port));
      Path log = dir.resolve("gateway.log");
      GatewayProcess gateway = new GatewayProcess(config, log, httpPort);
      try {
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    gateway.metric("gateway_mqtt_connected", "") == 1
                        && gateway.metric("gateway_readings_polled_total", "quality=\"good\"")
                            >= 4 * 5);
      } finally {
        gateway.close(); // SIGTERM, and wait for the process to end
      }
      assertThat(gateway.isAlive()).isFalse();
      long served = meters.servedTotal();
      String gatewayLog = gateway.log();
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(ingest.distinctGoodValues())
                      .as("readings received of %d served; gateway log:%n%s", served, gatewayLog)
                      .isEqualTo(served));
      assertThat(ingest.distinctGoodValues())
          .as("gateway log:%n%s", gateway.log())
          .isEqualTo(served);
      assertThat(gateway.log()).contains("every buffered reading was acknowledged by the broker");
    }
  }

  @Test
  void aStopWithTheBrokerDownSaysHowManyReadingsTheBufferKeeps() throws Exception {
    String id = "it-stop-down-" + UUID.randomUUID().toString().substring(0, 8);
    int httpPort = FreePorts.next();
    int nothing = FreePorts.next(); // no broker listens there
    try (CountingModbusMeters meters = new CountingModbusMeters(1, 1)) {
      Path config = dir.resolve("gateway-down.yaml");
      Files.writeString(
          config,
          """
          gateway: {id: %s, enterprise: it, site: stop, data_dir: %s}
          mqtt: {url: "tcp://127.0.0.1:%d"}
          buffer: {type: file}
          http: {listen: "127.0.0.1:%d"}
          poll_interval: PT0.3S
          devices:
            - {id: meter-1, protocol: modbus, host: 127.0.0.1, port: %d, unit_id: 1, points: [
                {channel: AcActiveEnergyTotalImport, function: 3, address: 0, type: uint32, unit: WHR, kind: counter, counter_bits: 32}]}
          """
              .formatted(id, dir.resolve("data-down"), nothing, httpPort, meters.port));
      GatewayProcess gateway =
          new GatewayProcess(config, dir.resolve("gateway-down.log"), httpPort);
      try {
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> gateway.metric("gateway_readings_polled_total", "quality=\"good\"") >= 5);
      } finally {
        gateway.close();
      }
      // before, the log ended at "stopping": nothing said the readings wait in the buffer
      assertThat(gateway.log())
          .containsPattern(
              "stopping with [1-9][0-9]* readings not yet acknowledged \\(the broker is not"
                  + " connected\\); the buffer keeps them for the next start");
    }
  }
}
