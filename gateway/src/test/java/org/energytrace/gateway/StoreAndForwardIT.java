package org.energytrace.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.energytrace.gateway.fixtures.CountingModbusMeters;
import org.energytrace.gateway.fixtures.FreePorts;
import org.energytrace.gateway.fixtures.GatewayProcess;
import org.energytrace.gateway.fixtures.MosquittoProcess;
import org.energytrace.gateway.fixtures.PersistentSubscriber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault tests of store and forward with the real Mosquitto (our own process, configured as a
 * no-loss deployment must be) and the packaged gateway as its own OS process.
 *
 * <p>The meters serve counters (1, 2, 3, … per point), so the subscriber can check exactly which
 * readings arrived: after the faults, every value every point served arrived with quality good, and
 * the distinct (meter, channel, ts) — the server's de-duplication key — number exactly the readings
 * served. Duplicates on the wire are allowed (QoS 1 and crash replay), loss is not. And {@code seq}
 * keeps its promise through all of it (docs/asyncapi.yaml): numbers from 0 without a gap, a number
 * always with the same points, a reading never under two numbers.
 */
class StoreAndForwardIT {

  private static final int METERS = 3;
  private static final int POINTS = 4;
  private static final String[] CHANNELS = {
    "AcActiveEnergyTotalImport",
    "AcActiveEnergyTotalExport",
    "AcReactiveEnergyTotalImport",
    "AcApparentEnergyTotal"
  };

  @TempDir Path dir;

  private Path writeConfig(String gatewayId, int brokerPort, int meterPort, int httpPort)
      throws Exception {
    StringBuilder yaml = new StringBuilder();
    yaml.append(
        """
        gateway:
          id: %s
          enterprise: it
          site: faults
          data_dir: %s
        mqtt:
          url: tcp://127.0.0.1:%d
          reconnect_max_backoff: PT1S
        publish:
          max_points_per_message: 50
        buffer:
          type: file
          max_bytes: 16MB
        http:
          listen: 127.0.0.1:%d
        poll_interval: PT0.2S
        devices:
        """
            .formatted(gatewayId, dir.resolve("gateway-data"), brokerPort, httpPort));
    for (int unit = 1; unit <= METERS; unit++) {
      yaml.append(
          """
            - id: meter-%d
              protocol: modbus
              host: 127.0.0.1
              port: %d
              unit_id: %d
              timeout: PT1S
              points:
          """
              .formatted(unit, meterPort, unit));
      for (int p = 0; p < POINTS; p++) {
        yaml.append(
            "      - {channel: %s, function: 3, address: %d, type: uint32, unit: WHR, kind: counter, counter_bits: 32}\n"
                .formatted(CHANNELS[p], 2 * p));
      }
    }
    Path file = dir.resolve("gateway.yaml");
    Files.writeString(file, yaml.toString());
    return file;
  }

  @Test
  void deliversEveryServedReadingThroughABrokerOutageAndKillNinesOfTheGatewayWithSeqIntact()
      throws Exception {
    String id = "it-saf-" + UUID.randomUUID().toString().substring(0, 8);
    int httpPort = FreePorts.next();
    Path gatewayLog = dir.resolve("gateway.log");
    try (MosquittoProcess broker = new MosquittoProcess(dir.resolve("mosquitto")).start();
        CountingModbusMeters meters = new CountingModbusMeters(METERS, POINTS);
        PersistentSubscriber ingest =
            new PersistentSubscriber(
                broker.url(), "it-ingest-" + id, "et/v1/it/faults/" + id + "/telemetry")) {
      Path config = writeConfig(id, broker.port, meters.port, httpPort);
      GatewayProcess gateway = new GatewayProcess(config, gatewayLog, httpPort);
      try {
        // 1. Normal operation.
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> ingest.distinctGoodValues() >= METERS * POINTS * 3);

        // 2. The broker goes away while the gateway keeps polling.
        broker.stop();
        long servedAtOutage = meters.servedTotal();
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> meters.servedTotal() >= servedAtOutage + METERS * POINTS * 10);

        // 3. kill -9 during the outage. The meters stop serving first and the test waits until
        // the gateway reports every served reading taken by its buffer, so "served" is exact:
        // a reading still travelling between meter and disk when the power goes is not
        // claimed by the issue ("no reading that reached the buffer is lost").
        meters.pause(true);
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    gateway.metric("gateway_readings_polled_total", "quality=\"good\"")
                        == meters.servedTotal());
        gateway.kill9();
      } catch (AssertionError | RuntimeException e) {
        gateway.kill9();
        throw new AssertionError(e.getMessage() + "\n--- gateway log ---\n" + tail(gatewayLog), e);
      }

      // 4. Restart during the outage: polling resumes, the buffer still holds the backlog.
      long servedBeforeSecond = meters.servedTotal();
      meters.pause(false);
      try (GatewayProcess second = new GatewayProcess(config, gatewayLog, httpPort)) {
        long servedAtRestart = meters.servedTotal();
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> meters.servedTotal() >= servedAtRestart + METERS * POINTS * 5);

        // 5. The broker returns; the backlog drains while live readings keep flowing, and the
        // gateway is killed again with messages in flight (sealed, maybe delivered, not acked).
        broker.start();
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> ingest.isConnected() && second.metric("gateway_mqtt_connected", "") == 1);
        long seqsBefore = ingest.distinctSeqs();
        await().atMost(Duration.ofSeconds(30)).until(() -> ingest.distinctSeqs() >= seqsBefore + 3);
        // As in 3., the meters stop serving and the kill waits until this process's buffer took
        // every reading served to it: a reading read but not yet on disk at kill -9 is not
        // claimed, and counting it as served made this test fail now and then.
        meters.pause(true);
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    second.metric("gateway_readings_polled_total", "quality=\"good\"")
                        == meters.servedTotal() - servedBeforeSecond);
        second.kill9();
      }

      // 6. Started once more: what was in flight goes out again under its own numbers.
      long servedAtSecondRestart = meters.servedTotal();
      meters.pause(false);
      try (GatewayProcess restarted = new GatewayProcess(config, gatewayLog, httpPort)) {
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    restarted.metric("gateway_mqtt_connected", "") == 1
                        && meters.servedTotal() >= servedAtSecondRestart + METERS * POINTS * 3);
        long servedAtRestart = servedAtSecondRestart;
        meters.pause(true);
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    restarted.metric("gateway_readings_polled_total", "quality=\"good\"")
                        >= meters.servedTotal() - servedAtRestart);
        long served = meters.servedTotal();
        try {
          await().atMost(Duration.ofSeconds(60)).until(() -> ingest.distinctGoodValues() == served);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
          throw new AssertionError(
              "received "
                  + ingest.distinctGoodValues()
                  + " of "
                  + served
                  + " served; missing: "
                  + missing(meters, ingest)
                  + "; gateway published "
                  + restarted.metric("gateway_publish_readings_total", "")
                  + ", buffer depth "
                  + restarted.metric("gateway_buffer_depth", "")
                  + "\n--- gateway log ---\n"
                  + tail(gatewayLog)
                  + "\n--- mosquitto log ---\n"
                  + broker.log(),
              e);
        }

        // Every value 1..served of every point arrived with quality good: no gaps.
        assertThat(missing(meters, ingest)).isEmpty();
        // The server's de-duplication key counts each served reading exactly once.
        assertThat(ingest.distinctGoodReadings()).isEqualTo(served);
        assertThat(restarted.metric("gateway_buffer_dropped_total", "")).isZero();
        // seq: from 0, no gap, each number one content, each reading one number
        assertThat(ingest.lowestSeq()).isZero();
        assertThat(ingest.seqProblems()).isEmpty();
      }
    }
  }

  private static List<String> missing(CountingModbusMeters meters, PersistentSubscriber ingest) {
    List<String> missing = new ArrayList<>();
    for (int unit = 1; unit <= METERS; unit++) {
      for (int p = 0; p < POINTS; p++) {
        for (long v = 1; v <= meters.served(unit, p); v++) {
          if (!ingest.hasGood("meter-" + unit, CHANNELS[p], v)) {
            missing.add("meter-" + unit + "/" + CHANNELS[p] + "=" + v);
          }
        }
      }
    }
    return missing.size() > 20 ? missing.subList(0, 20) : missing;
  }

  private static String tail(Path log) throws IOException {
    if (!Files.exists(log)) {
      return "";
    }
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
  }
}
