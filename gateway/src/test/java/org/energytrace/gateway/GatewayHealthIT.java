package org.energytrace.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.energytrace.gateway.config.ConfigLoader;
import org.energytrace.gateway.fixtures.CountingModbusMeters;
import org.energytrace.gateway.fixtures.FreePorts;
import org.energytrace.gateway.fixtures.MutableClock;
import org.energytrace.gateway.runtime.GatewayRuntime;
import org.energytrace.gateway.runtime.RunningGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /health} of a gateway whose broker is gone: up while the buffer covers a short outage, 503
 * once the oldest reading waiting for delivery is older than {@code http.health.max_buffer_age} and
 * once the broker has been unreachable longer than {@code http.health.broker_grace}. Before, it
 * answered 200 "up" with {@code mqtt_connected: false} and a growing buffer for ever. Time is an
 * injected clock the test moves.
 */
class GatewayHealthIT {

  @TempDir Path dir;

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> health(int port) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void turnsUnhealthyWhenTheOldestUnsentReadingIsTooOldAndWhenTheBrokerIsGoneBeyondTheGrace()
      throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-30T03:00:00Z"));
    try (CountingModbusMeters meters = new CountingModbusMeters(1, 1)) {
      String yaml =
          """
          gateway: {id: gw-health, enterprise: it, site: health, data_dir: %s}
          mqtt: {url: "tcp://127.0.0.1:%d", reconnect_max_backoff: PT1S}
          buffer: {type: memory}
          http:
            listen: 127.0.0.1:0
            health: {broker_grace: PT10M, max_buffer_age: PT1M}
          poll_interval: PT0.2S
          devices:
            - {id: meter-1, protocol: modbus, host: 127.0.0.1, port: %d, unit_id: 1, points: [
               {channel: AcActiveEnergyTotalImport, function: 3, address: 0, type: uint32,
                unit: WHR, kind: counter, counter_bits: 32}]}
          """
              .formatted(dir.resolve("data"), FreePorts.next(), meters.port);
      try (RunningGateway gateway =
          GatewayRuntime.start(
              new ConfigLoader(Map.<String, String>of()::get).parse("health.yaml", yaml), clock)) {
        int port = gateway.httpPort().orElseThrow();
        await().atMost(Duration.ofSeconds(20)).until(() -> gateway.buffer().size() >= 3);

        HttpResponse<String> fresh = health(port);
        assertThat(fresh.statusCode()).isEqualTo(200);
        assertThat(fresh.body()).contains("\"status\":\"up\"", "\"mqtt_connected\":false");

        clock.advance(Duration.ofMinutes(2)); // readings wait longer than max_buffer_age
        HttpResponse<String> stale = health(port);
        assertThat(stale.statusCode()).isEqualTo(503);
        assertThat(stale.body())
            .contains("\"status\":\"degraded\"", "the oldest reading waiting for delivery is")
            .doesNotContain("no broker connection");

        clock.advance(Duration.ofMinutes(10)); // and the broker is gone beyond the grace
        HttpResponse<String> gone = health(port);
        assertThat(gone.statusCode()).isEqualTo(503);
        assertThat(gone.body()).contains("no broker connection for 720 s");
      }
    }
  }
}
