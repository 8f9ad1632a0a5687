package org.energytrace.gateway.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.energytrace.gateway.config.ConfigLoader;
import org.energytrace.gateway.config.DeviceConfig;
import org.energytrace.gateway.config.GatewayConfig;
import org.energytrace.gateway.fixtures.WireContract;
import org.energytrace.gateway.model.PointTarget;
import org.energytrace.gateway.model.Quality;
import org.energytrace.gateway.model.Reading;
import org.energytrace.gateway.publish.MessageCodec;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PlantHistoryTest {

  private static final ZoneId HCMC = ZoneId.of("Asia/Ho_Chi_Minh");

  /** Tuesday 2026-12-01 14:37:12.345 site time. */
  private static final Instant NOW = Instant.parse("2026-12-01T07:37:12.345Z");

  private static final GatewayConfig DEMO =
      new ConfigLoader(Map.<String, String>of()::get).load("classpath:demo/gateway.yaml");

  private static final List<PointTarget> TARGETS =
      DEMO.devices().stream()
          .flatMap(d -> d.points().stream())
          .map(DeviceConfig.Point::target)
          .toList();

  private static FactoryModel model(Instant start) {
    return FactoryModel.demoBrewery(
        new SimulationParameters(LocalDate.of(2026, 11, 25), 10, HCMC, 42), start);
  }

  @Test
  void startsAtLocalMidnightOfTheDayTheHistoryReachesBackTo() {
    // 2026-11-21 14:37 site time, the day's midnight is 2026-11-20T17:00Z
    assertThat(PlantHistory.start(NOW, Duration.ofDays(10), HCMC))
        .isEqualTo(Instant.parse("2026-11-20T17:00:00Z"));
  }

  @Nested
  class Messages {

    @Test
    void batchesOfTheHistoryAreValidTelemetryAndProductionMessages() {
      Instant start = PlantHistory.start(NOW, Duration.ofDays(2), HCMC);
      List<Reading> history =
          PlantHistory.readings(model(start), TARGETS, NOW, Duration.ofMinutes(15));
      assertThat(history).allMatch(r -> r.quality() == Quality.GOOD);
      assertThat(history).allMatch(r -> !r.ts().isBefore(start) && r.ts().isBefore(NOW));
      // every configured point at every quarter hour from midnight two days ago until now
      long steps = Duration.between(start, NOW).toMinutes() / 15 + 1;
      assertThat(history).hasSize((int) steps * TARGETS.size());

      MessageCodec codec = new MessageCodec("gw-demo-01", "test");
      int max = DEMO.publish().maxPointsPerMessage();
      List<Reading> telemetry = history.stream().filter(r -> !r.isProduction()).toList();
      List<Reading> production = history.stream().filter(Reading::isProduction).toList();
      assertThat(production).isNotEmpty();
      long seq = 0;
      for (int i = 0; i < telemetry.size(); i += max) {
        String json =
            new String(
                codec.encode(
                    codec.telemetry(
                        seq++, NOW, telemetry.subList(i, Math.min(telemetry.size(), i + max)))),
                StandardCharsets.UTF_8);
        assertThat(WireContract.violations("telemetry", json)).as(json).isEmpty();
      }
      for (int i = 0; i < production.size(); i += max) {
        String json =
            new String(
                codec.encode(
                    codec.production(
                        seq++, NOW, production.subList(i, Math.min(production.size(), i + max)))),
                StandardCharsets.UTF_8);
        assertThat(WireContract.violations("production", json)).as(json).isEmpty();
      }
    }
  }

  @Nested
  class Continuity {

    @Test
    void liveCountersContinueFromTheLastReadingOfTheHistory() {
      Instant start = PlantHistory.start(NOW, Duration.ofDays(3), HCMC);
      FactoryModel model = model(start);
      List<Reading> history = PlantHistory.readings(model, TARGETS, NOW, Duration.ofMinutes(15));
      // the simulator takes the same model over and ticks every second from now
      PlantSnapshot live = model.advanceTo(NOW.plusSeconds(1));
      // and serves what a model that never published a history would serve at that instant
      PlantSnapshot untouched = model(start).advanceTo(NOW.plusSeconds(1));
      assertThat(live).isEqualTo(untouched);

      Map<PointTarget, Reading> lastOfHistory = new LinkedHashMap<>();
      history.forEach(r -> lastOfHistory.put(r.target(), r));
      List<String> notContinuous = new ArrayList<>();
      for (Reading last : lastOfHistory.values()) {
        boolean counter =
            last.isProduction()
                || ((PointTarget.MeterChannel) last.target()).kind() == PointTarget.Kind.COUNTER;
        if (!counter) {
          continue;
        }
        double liveValue = PlantHistory.servedValue(last.target()).applyAsDouble(live);
        // between the last quarter hour and now the plant ran on: a counter never goes back and
        // rises by at most the plant's largest hourly rate over 15 minutes
        if (liveValue < last.value() || liveValue - last.value() > 2_000) {
          notContinuous.add(last.target() + ": " + last.value() + " -> " + liveValue);
        }
      }
      assertThat(notContinuous).isEmpty();
      assertThat(lastOfHistory.values())
          .allMatch(r -> Duration.between(r.ts(), NOW).compareTo(Duration.ofMinutes(15)) < 0);
    }

    @Test
    void theSameStartGivesTheSameHistoryAfterARestart() {
      // a restarted demo republishes identical readings, which the server de-duplicates
      Instant start = PlantHistory.start(NOW, Duration.ofDays(1), HCMC);
      List<Reading> first =
          PlantHistory.readings(model(start), TARGETS, NOW, Duration.ofMinutes(15));
      List<Reading> again =
          PlantHistory.readings(
              model(start), TARGETS, NOW.plus(Duration.ofHours(2)), Duration.ofMinutes(15));
      assertThat(again.subList(0, first.size())).isEqualTo(first);
    }
  }
}
