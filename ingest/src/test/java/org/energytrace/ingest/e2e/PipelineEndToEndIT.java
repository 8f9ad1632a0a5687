package org.energytrace.ingest.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.energytrace.ingest.fixtures.Ports.freePort;
import static org.energytrace.ingest.fixtures.Ports.listening;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.energytrace.ingest.IngestApp;
import org.energytrace.ingest.config.IngestConfig;
import org.energytrace.ingest.config.MqttConfig;
import org.energytrace.ingest.fixtures.DemoSimulator;
import org.energytrace.ingest.fixtures.EnterpriseTopics;
import org.energytrace.ingest.fixtures.Gateways;
import org.energytrace.ingest.fixtures.SecuredService;
import org.energytrace.ingest.fixtures.TestBroker;
import org.energytrace.ingest.fixtures.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole pipeline with real parts: the simulated plant's OPC UA (Milo) and Modbus TCP servers
 * and the gateway run as the real gateway jar in their own processes, the real local Mosquitto, the
 * ingest service in-process, the real PostgreSQL. The simulator journals every value it serves; the
 * test proves that exactly those values arrive, with the right meter, channel, unit and timestamp.
 */
class PipelineEndToEndIT {
  static final Path GATEWAY_JAR = Path.of("..", "gateway", "target", "energytrace-gateway.jar");
  static final Path DEMO_CONFIG =
      Path.of("..", "gateway", "src", "main", "resources", "demo", "gateway.yaml");
  static final Duration POLL = Duration.ofMillis(500);
  // a Modbus reading is stamped with the poll instant: the served value may change within the read
  static final Duration TOLERANCE = POLL.plusMillis(500);

  static final List<String> CHANNELS =
      List.of(
          "line1-em/AcActivePowerTotal",
          "line1-em/AcActiveEnergyTotalImport",
          "line2-em/AcActivePowerTotal",
          "line2-em/AcActiveEnergyTotalImport",
          "line3-em/AcActivePowerTotal",
          "line3-em/AcActiveEnergyTotalImport",
          "boiler-gas/GasVolumeTotal");

  static final String ENTERPRISE = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
  static final ObjectMapper JSON = new ObjectMapper();

  static Path work;
  static Path journal;
  static TestDatabase db;
  static TestBroker broker;
  static Vertx vertx;
  static IngestApp ingest;
  static Process simulator;
  static Process gateway;

  @BeforeAll
  static void startThePipeline() throws Exception {
    assertThat(GATEWAY_JAR)
        .as("the gateway jar (built by the gateway module before ingest; mvn -pl gateway package)")
        .exists();
    work = Files.createTempDirectory("et-e2e-");
    journal = work.resolve("served.jsonl");
    db = TestDatabase.create();
    broker = TestBroker.connect();

    vertx = Vertx.vertx();
    IngestConfig defaults =
        IngestConfig.defaults(
            db.url(), db.config().user(), TestBroker.URL, "et-e2e-ingest-" + UUID.randomUUID());
    MqttConfig m = defaults.mqtt();
    // only this test's enterprise: other tests or a running demo may share the broker
    MqttConfig mine = EnterpriseTopics.only(m, ENTERPRISE);
    // the demo gateway's registration, as mqtt-auth --register does it in docker-compose
    Gateways.register(db, ENTERPRISE + "/plant-1/gw-demo-01");
    ingest = IngestApp.start(vertx, defaults.withMqtt(mine)).await();

    int opcUaPort = freePort();
    int modbusPort = freePort();
    simulator = launch("simulator", Map.of(), DemoSimulator.args(opcUaPort, modbusPort, journal));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> listening(opcUaPort) && listening(modbusPort));

    Path config = work.resolve("gateway.yaml");
    Files.writeString(
        config,
        Files.readString(DEMO_CONFIG)
            .replace(
                "enterprise: ${ENV:ET_DEMO_ENTERPRISE:demo-brewery}", "enterprise: " + ENTERPRISE)
            .replace("poll_interval: PT1S", "poll_interval: PT0.5S"));
    // the demo config changes over time: fail here, not after a silent 90 s wait for data
    assertThat(Files.readString(config))
        .contains("enterprise: " + ENTERPRISE)
        .contains("poll_interval: PT0.5S");
    gateway =
        launch(
            "gateway",
            Map.of(
                "ET_MQTT_URL", TestBroker.URL,
                "ET_OPCUA_PORT", String.valueOf(opcUaPort),
                "ET_MODBUS_PORT", String.valueOf(modbusPort),
                "ET_SIM_HOST", "127.0.0.1",
                "ET_DATA_DIR", work.resolve("gateway-data").toString()),
            "run",
            "--config",
            config.toString());
  }

  @AfterAll
  static void stopThePipeline() throws Exception {
    for (Process p : new Process[] {gateway, simulator}) {
      if (p != null) {
        p.destroy();
        if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      }
    }
    SecuredService.stop(ingest, vertx, broker, db);
  }

  @Test
  void servedValuesArriveInTheDatabaseWithMeterChannelUnitTimestampAndValue() {
    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(
            () -> {
              assertProcessesAlive();
              Map<String, Long> counts = readingCounts();
              for (String channel : CHANNELS) {
                // line1-em is read over an OPC UA subscription, which reports changes, and the
                // plant model steps once a minute; the Modbus meters are polled every 0.5 s
                long atLeast = channel.startsWith("line1-em/") ? 1 : 5;
                assertThat(counts.getOrDefault(channel, 0L))
                    .as("readings of %s", channel)
                    .isGreaterThanOrEqualTo(atLeast);
              }
            });

    // every stored reading is one the simulator served around its timestamp; the journal is
    // written right after the value is served, so retry until it has caught up
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () -> {
              Map<String, List<Served>> served = journal();
              List<Stored> stored = storedReadings();
              assertThat(stored).isNotEmpty();
              for (Stored r : stored) {
                List<Served> history = served.get(r.meter() + "/" + r.channel());
                assertThat(history).as("journal of %s/%s", r.meter(), r.channel()).isNotNull();
                assertThat(r.unit()).as("unit of %s", r).isEqualTo(history.get(0).unit());
                assertThat(r.quality()).as("quality of %s", r).isEqualTo(0);
                assertThat(servedAround(history, r.ts()))
                    .as("values served around %s for %s/%s", r.ts(), r.meter(), r.channel())
                    .contains(r.value());
              }
            });
  }

  @Test
  void productionCountsArriveAsTheSimulatorServedThem() {
    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(
            () -> {
              assertProcessesAlive();
              Map<String, List<Served>> served = journal();
              List<Stored> counts = storedProduction();
              for (String line : List.of("line-1", "line-2", "line-3")) {
                assertThat(counts).as("counts of %s", line).anyMatch(c -> c.meter().equals(line));
              }
              for (Stored c : counts) {
                List<Served> history = served.get(c.meter() + "/ProductionCount");
                assertThat(history).as("journal of %s", c.meter()).isNotNull();
                assertThat(c.unit()).isEqualTo("H87");
                assertThat(servedAround(history, c.ts())).contains(c.value());
              }
            });
  }

  @Test
  void aMalformedMessageLandsInQuarantineWhileValidTrafficContinues() throws Exception {
    await().atMost(Duration.ofSeconds(90)).until(() -> totalReadings() > 0);
    String topic = "et/v1/" + ENTERPRISE + "/plant-1/gw-demo-01/telemetry";
    broker.publish(
        topic,
        "{\"schema_version\":1,\"gateway\":\"gw-demo-01\",\"seq\":\"not-a-number\","
            + "\"sent_at\":\"2026-11-29T08:00:01Z\",\"points\":[]}");

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              List<String[]> rows = quarantine(topic);
              assertThat(rows).hasSize(1);
              assertThat(rows.get(0)[0]).contains("/seq");
              assertThat(rows.get(0)[1]).contains("not-a-number");
            });
    Instant quarantinedAt = quarantinedAt(topic);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertProcessesAlive();
              assertThat(readingsReceivedAfter(quarantinedAt)).isGreaterThan(0);
            });
  }

  // ------------------------------------------------------------------------------------ helpers

  record Served(String unit, double value, Instant from) {}

  record Stored(String meter, String channel, String unit, Instant ts, double value, int quality) {}

  /** The values visible at some instant within {@code ts ± TOLERANCE}. */
  static List<Double> servedAround(List<Served> history, Instant ts) {
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < history.size(); i++) {
      Instant from = history.get(i).from();
      Instant until = i + 1 < history.size() ? history.get(i + 1).from() : Instant.MAX;
      if (!from.isAfter(ts.plus(TOLERANCE)) && until.isAfter(ts.minus(TOLERANCE))) {
        values.add(history.get(i).value());
      }
    }
    return values;
  }

  static Map<String, List<Served>> journal() throws IOException {
    Map<String, List<Served>> byChannel = new HashMap<>();
    for (String line : Files.readAllLines(journal, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode n = JSON.readTree(line);
      byChannel
          .computeIfAbsent(
              n.get("meter").asText() + "/" + n.get("channel").asText(), k -> new ArrayList<>())
          .add(
              new Served(
                  n.get("unit").asText(),
                  n.get("value").asDouble(),
                  Instant.parse(n.get("from").asText())));
    }
    return byChannel;
  }

  static Map<String, Long> readingCounts() throws SQLException {
    Map<String, Long> counts = new HashMap<>();
    try (Connection c = db.connect();
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    """
                    select m.code, ch.name, count(*) from reading r
                    join channel ch using (channel_id) join meter m using (meter_id)
                    join enterprise e on e.enterprise_id = r.enterprise_id
                    where e.code = '%s' group by 1, 2"""
                        .formatted(ENTERPRISE))) {
      while (rs.next()) {
        counts.put(rs.getString(1) + "/" + rs.getString(2), rs.getLong(3));
      }
    }
    return counts;
  }

  static long totalReadings() throws SQLException {
    return readingCounts().values().stream().mapToLong(Long::longValue).sum();
  }

  static List<Stored> storedReadings() throws SQLException {
    List<Stored> rows = new ArrayList<>();
    try (Connection c = db.connect();
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    """
                    select m.code, ch.name, ch.unit, r.ts, r.value, r.quality from reading r
                    join channel ch using (channel_id) join meter m using (meter_id)
                    join enterprise e on e.enterprise_id = r.enterprise_id
                    where e.code = '%s' and ch.name in
                      ('AcActivePowerTotal', 'AcActiveEnergyTotalImport', 'GasVolumeTotal')"""
                        .formatted(ENTERPRISE))) {
      while (rs.next()) {
        rows.add(
            new Stored(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getTimestamp(4).toInstant(),
                rs.getDouble(5),
                rs.getInt(6)));
      }
    }
    return rows;
  }

  static List<Stored> storedProduction() throws SQLException {
    List<Stored> rows = new ArrayList<>();
    try (Connection c = db.connect();
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    """
                    select p.line, p.unit, p.ts, p.quantity, p.quality from production_count p
                    join enterprise e using (enterprise_id) where e.code = '%s'"""
                        .formatted(ENTERPRISE))) {
      while (rs.next()) {
        rows.add(
            new Stored(
                rs.getString(1),
                "ProductionCount",
                rs.getString(2),
                rs.getTimestamp(3).toInstant(),
                rs.getDouble(4),
                rs.getInt(5)));
      }
    }
    return rows;
  }

  static List<String[]> quarantine(String topic) throws SQLException {
    List<String[]> rows = new ArrayList<>();
    try (Connection c = db.connect();
        var st = c.prepareStatement("select reason, payload from quarantine where topic = ?")) {
      st.setString(1, topic);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          rows.add(
              new String[] {rs.getString(1), new String(rs.getBytes(2), StandardCharsets.UTF_8)});
        }
      }
    }
    return rows;
  }

  static Instant quarantinedAt(String topic) throws SQLException {
    try (Connection c = db.connect();
        var st = c.prepareStatement("select max(received_at) from quarantine where topic = ?")) {
      st.setString(1, topic);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getTimestamp(1).toInstant();
      }
    }
  }

  static long readingsReceivedAfter(Instant at) throws SQLException {
    try (Connection c = db.connect();
        var st =
            c.prepareStatement(
                "select count(*) from reading r join enterprise e using (enterprise_id)"
                    + " where e.code = ? and r.received_at > ?")) {
      st.setString(1, ENTERPRISE);
      st.setTimestamp(2, Timestamp.from(at));
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  static void assertProcessesAlive() throws IOException {
    for (var e : Map.of("simulator", simulator, "gateway", gateway).entrySet()) {
      if (!e.getValue().isAlive()) {
        throw new AssertionError(
            e.getKey()
                + " exited with "
                + e.getValue().exitValue()
                + ":\n"
                + Files.readString(work.resolve(e.getKey() + ".log")));
      }
    }
  }

  static Process launch(String name, Map<String, String> env, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-jar");
    command.add(GATEWAY_JAR.toAbsolutePath().toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.redirectOutput(work.resolve(name + ".log").toFile());
    pb.environment().putAll(env);
    return pb.start();
  }
}
