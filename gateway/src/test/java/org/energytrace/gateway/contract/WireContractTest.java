package org.energytrace.gateway.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The gateway's side of the wire contract: docs/asyncapi.yaml and docs/schemas. */
class WireContractTest {

  private static final Path DOCS = Path.of("..", "docs");

  static Stream<Path> validExamples() throws IOException {
    return jsonFiles(DOCS.resolve("examples"));
  }

  static Stream<Path> invalidExamples() throws IOException {
    return jsonFiles(DOCS.resolve("examples/invalid"));
  }

  private static Stream<Path> jsonFiles(Path dir) throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(files).as("examples in " + dir).isNotEmpty();
    return files.stream();
  }

  /** The schema is chosen by the example's file-name prefix. */
  private static String messageOf(Path example) {
    String name = example.getFileName().toString();
    return WireContract.MESSAGES.stream()
        .filter(name::startsWith)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no schema for example " + name));
  }

  @ParameterizedTest
  @ValueSource(strings = {"telemetry", "status", "production"})
  void packagesTheSchemasOfDocsUnchanged(String message) throws IOException {
    String onDisk =
        Files.readString(
            DOCS.resolve("schemas/" + message + ".schema.json"), StandardCharsets.UTF_8);
    assertThat(WireContract.schemaText(message)).isEqualTo(onDisk);
  }

  @ParameterizedTest
  @MethodSource("validExamples")
  void acceptsEveryGoldenExample(Path example) throws IOException {
    assertThat(WireContract.violations(messageOf(example), Files.readString(example))).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("invalidExamples")
  void refusesEveryInvalidExample(Path example) throws IOException {
    assertThat(WireContract.violations(messageOf(example), Files.readString(example))).isNotEmpty();
  }

  @Nested
  class GatewayMessages {

    private final GatewayConfig config =
        new ConfigLoader(n -> null).load("classpath:demo/gateway.yaml");
    private final MessageCodec codec = new MessageCodec(config.gateway().id(), "0.1.0");
    private final Instant polled = Instant.parse("2026-11-30T03:00:00.123456Z");

    /** One poll of every demo point, with one bad and one uncertain reading among them. */
    private List<Reading> realisticPoll() {
      List<Reading> readings = new ArrayList<>();
      double value = 100.25;
      for (DeviceConfig device : config.devices()) {
        for (DeviceConfig.Point point : device.points()) {
          readings.add(Reading.good(point.target(), polled, value));
          value += 1234.5;
        }
      }
      readings.set(1, Reading.bad(readings.get(1).target(), polled, 0));
      readings.set(7, readings.get(7).withQuality(Quality.UNCERTAIN));
      return readings;
    }

    @Test
    void telemetryOfARealisticPollMatchesTheSchema() {
      List<Reading> meters = realisticPoll().stream().filter(r -> !r.isProduction()).toList();
      String json =
          new String(codec.encode(codec.telemetry(41, polled, meters)), StandardCharsets.UTF_8);

      assertThat(WireContract.violations("telemetry", json)).isEmpty();
      assertThat(json)
          .contains("\"ts\":\"2026-11-30T03:00:00.123Z\"")
          .contains("\"kind\":\"counter\",\"counter_bits\":64")
          .contains("\"quality\":\"bad\"")
          .contains("\"quality\":\"uncertain\"");
    }

    // docs/asyncapi.yaml: a 64-bit counter above 2^53 travels as its exact integer
    @Test
    void writesA64BitCounterDigitForDigitAndSmallValuesWithoutAnExponent() {
      var counter =
          PointTarget.MeterChannel.counter("line3-em", "AcActiveEnergyTotalImport", "WHR", 64);
      var power = PointTarget.MeterChannel.gauge("line3-em", "AcActivePowerTotal", "KWT");
      List<Reading> readings =
          List.of(
              Reading.of(counter, polled, new BigDecimal("81985529216486895"), Quality.GOOD),
              Reading.of(
                  counter,
                  polled.plusSeconds(1),
                  new BigDecimal("18446744073709551615"),
                  Quality.GOOD),
              Reading.good(power, polled, 41.37));
      String json =
          new String(codec.encode(codec.telemetry(43, polled, readings)), StandardCharsets.UTF_8);

      assertThat(WireContract.violations("telemetry", json)).isEmpty();
      assertThat(json)
          .contains("\"value\":81985529216486895,")
          .contains("\"value\":18446744073709551615,")
          .contains("\"value\":41.37,");
      // what a double would have made of it
      assertThat((double) 81985529216486895L).isEqualTo(8.1985529216486896E16);
    }

    @Test
    void productionCountsOfARealisticPollMatchTheSchema() {
      List<Reading> counts = realisticPoll().stream().filter(Reading::isProduction).toList();
      String json =
          new String(codec.encode(codec.production(42, polled, counts)), StandardCharsets.UTF_8);

      assertThat(counts).hasSize(3);
      assertThat(WireContract.violations("production", json)).isEmpty();
      assertThat(json).contains("\"cumulative\":true");
    }

    @Test
    void onlineStatusAndLastWillMatchTheSchema() {
      assertThat(
              WireContract.violations(
                  "status",
                  new String(
                      codec.encode(codec.online(polled, "started")), StandardCharsets.UTF_8)))
          .isEmpty();
      String will = new String(codec.encode(codec.lastWill()), StandardCharsets.UTF_8);
      assertThat(WireContract.violations("status", will)).isEmpty();
      // status.schema.json: the last will has no ts, since the broker sends it.
      assertThat(will).doesNotContain("\"ts\"");
    }
  }
}
