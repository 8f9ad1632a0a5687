package org.energytrace.ingest.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.energytrace.ingest.fixtures.Ports.freePort;
import static org.energytrace.ingest.fixtures.Ports.listening;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.energytrace.ingest.IngestApp;
import org.energytrace.ingest.config.IngestConfig;
import org.energytrace.ingest.config.MqttConfig;
import org.energytrace.ingest.fixtures.DemoSimulator;
import org.energytrace.ingest.fixtures.EnterpriseTopics;
import org.energytrace.ingest.fixtures.GatewayBufferFiles;
import org.energytrace.ingest.fixtures.GatewayBufferFiles.BufferedReading;
import org.energytrace.ingest.fixtures.Gateways;
import org.energytrace.ingest.fixtures.PrivateMosquitto;
import org.energytrace.ingest.fixtures.SecuredService;
import org.energytrace.ingest.fixtures.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault test, ending in the database: the simulated plant and the gateway run as the
 * real gateway jar in their own processes, a private Mosquitto configured like production
 * (persistence on, {@code max_queued_messages 0}), the ingest service in-process with a persistent
 * session, a fresh PostgreSQL database. While the gateway polls, the broker is stopped (SIGTERM);
 * during the outage the gateway is killed with SIGKILL and started again; then the broker returns
 * on the same port and persistence directory.
 *
 * <p><b>What is provable, and what this test claims.</b> The issue promises that "no reading that
 * reached the buffer is lost". A reading travelling between meter and disk at the instant of a
 * {@code kill -9} never reached the buffer and is not claimed. What the gateway read is therefore
 * taken from the gateway's own durable record: its buffer segment files, decoded and CRC-checked as
 * the gateway recovers them ({@link GatewayBufferFiles}). The first process's files are copied
 * right after the kill: they start at index 0, so they hold every reading it took, delivered or
 * not. At the end of the window the simulator stops, then the second process (SIGTERM); its files,
 * copied then, hold every reading it took (indexes continue the first's). A third start, with no
 * meter left to read, delivers what was still waiting; its buffer depth 0 with the broker connected
 * means everything buffered was acknowledged. Then:
 *
 * <ol>
 *   <li><b>Exact count.</b> Per channel, the distinct (meter, channel, ts) of good readings in the
 *       database — the server's de-duplication key — are exactly the good readings the gateway
 *       buffered: none lost, none invented, duplicates (QoS 1, crash replay, an OPC UA subscription
 *       re-sending its current value) counted once.
 *   <li><b>Every served value.</b> Every value the simulator journalled ({@code --journal}) for a
 *       channel the gateway reads, visible wholly while a gateway process was reading that channel,
 *       is in the database at its time (± a poll and the read time).
 *   <li><b>No gaps.</b> Consecutive stored timestamps of each Modbus channel (read at every poll)
 *       are at most a poll interval plus a tolerance apart, except across the instants the gateway
 *       process was dead (from the kill until the restart), where no reading could be taken. OPC UA
 *       points are monitored items that report changes, not polls; 2. covers them.
 * </ol>
 */
class GatewayOutageEndToEndIT {
  static final Path GATEWAY_JAR = Path.of("..", "gateway", "target", "energytrace-gateway.jar");
  static final Path DEMO_CONFIG =
      Path.of("..", "gateway", "src", "main", "resources", "demo", "gateway.yaml");
  static final Duration POLL = Duration.ofMillis(500);
  // a Modbus reading is stamped with the poll instant: the served value may change within the read
  static final Duration TOLERANCE = Duration.ofSeconds(1);
  // a busy two-core CI box delays a scheduled poll now and then; more than this is a gap
  static final Duration GAP = POLL.plus(Duration.ofMillis(1500));
  static final Set<String> MODBUS_METERS = Set.of("line2-em", "line3-em", "boiler-gas");
  static final ObjectMapper JSON = new ObjectMapper();

  final String enterprise = "outage-" + UUID.randomUUID().toString().substring(0, 8);
  final HttpClient http = HttpClient.newHttpClient();
  final List<String> timeline = new ArrayList<>();

  @TempDir Path work;
  TestDatabase db;
  PrivateMosquitto broker;
  Vertx vertx;
  IngestApp ingest;
  Process simulator;
  Process gateway;
  int opcUaPort;
  int modbusPort;
  int gatewayHttpPort;

  @AfterEach
  void stopEverything() throws Exception {
    for (Process p : new Process[] {gateway, simulator}) {
      if (p != null && p.isAlive()) {
        p.destroy();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      }
    }
    SecuredService.stop(ingest, vertx, broker, db);
  }

  @Test
  void databaseHoldsEveryReadingTheGatewayTookThroughABrokerOutageAndAKillNineOfTheGateway()
      throws Exception {
    assertThat(GATEWAY_JAR)
        .as("the gateway jar (built by the gateway module before ingest; mvn -pl gateway package)")
        .exists();
    db = TestDatabase.create();
    broker = PrivateMosquitto.start();
    startIngest();
    startSimulator();
    Path config = gatewayConfig();
    Path bufferDir = work.resolve("gateway-data").resolve("buffer");
    try {
      // 1. Data flows into the database.
      gateway = launchGateway(config);
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                assertAlive(gateway, "gateway");
                Map<String, Integer> counts = countByChannel(storedGood());
                for (String c :
                    List.of(
                        "line1-em/AcActivePowerTotal",
                        "line2-em/AcActivePowerTotal",
                        "line3-em/AcActivePowerTotal",
                        "boiler-gas/GasVolumeTotal")) {
                  // OPC UA reports changes and the model steps once a minute: one reading is flow
                  int atLeast = c.startsWith("line1-em/") ? 1 : 3;
                  assertThat(counts.getOrDefault(c, 0))
                      .as("readings of %s", c)
                      .isGreaterThanOrEqualTo(atLeast);
                }
              });

      // 2. The broker goes away while the gateway polls: readings pile up in its buffer.
      mark("data flowing");
      broker.stop();
      mark("broker stopped");
      await().atMost(Duration.ofSeconds(30)).until(() -> metric("gateway_buffer_depth", "") >= 60);

      // 3. kill -9 during the outage; what the killed process had buffered is on disk.
      gateway.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      Instant killedAt = Instant.now();
      mark("gateway killed");
      GatewayBufferFiles.copy(bufferDir, work.resolve("buffer-at-kill"));
      List<BufferedReading> firstProcess = GatewayBufferFiles.read(work.resolve("buffer-at-kill"));
      assertThat(firstProcess).as("readings buffered by the killed gateway").isNotEmpty();
      assertThat(firstProcess.get(0).index())
          .as("the killed gateway's segments still start at its first reading")
          .isZero();
      long firstIndexOfRestart = firstProcess.get(firstProcess.size() - 1).index() + 1;

      // 4. Restart during the outage: polling resumes on top of the recovered backlog.
      Instant restartedAt = Instant.now();
      gateway = launchGateway(config);
      mark("gateway restarted");
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                assertAlive(gateway, "gateway");
                return metric("gateway_readings_polled_total", "quality=\"good\"") >= 40;
              });

      // 5. The broker returns with its persisted sessions; backlog and live readings flow.
      broker.restart();
      Instant brokerBackAt = Instant.now();
      mark("broker restarted");
      await().atMost(Duration.ofSeconds(30)).until(() -> metric("gateway_mqtt_connected", "") == 1);
      // a few ticks of live data after the outage
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                var power = storedGood().get("line2-em/AcActivePowerTotal");
                return power != null && power.lastKey().isAfter(brokerBackAt.plusSeconds(8));
              });
      mark("live data after the outage");

      // 6. End of the window: the meters stop serving, then the gateway stops (SIGTERM). What it
      // has buffered is now final: each good reading was delivered or waits in its buffer.
      simulator.destroy();
      assertThat(simulator.waitFor(30, TimeUnit.SECONDS)).as("simulator stopped").isTrue();
      mark("simulator stopped");
      gateway.destroy();
      assertThat(gateway.waitFor(20, TimeUnit.SECONDS)).as("gateway stopped").isTrue();
      mark("second gateway stopped");
      GatewayBufferFiles.copy(bufferDir, work.resolve("buffer-at-end"));
      List<BufferedReading> secondProcess =
          GatewayBufferFiles.read(work.resolve("buffer-at-end")).stream()
              .filter(r -> r.index() >= firstIndexOfRestart)
              .toList();
      assertThat(secondProcess).as("readings buffered by the restarted gateway").isNotEmpty();
      assertThat(secondProcess.get(0).index())
          .as("the restarted gateway's readings follow the killed one's")
          .isEqualTo(firstIndexOfRestart);

      // 7. A third start, with no meter left to read, delivers whatever was still waiting.
      gateway = launchGateway(config);
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(50))
          .until(
              () -> {
                assertAlive(gateway, "gateway");
                return metric("gateway_mqtt_connected", "") == 1
                    && metric("gateway_buffer_depth", "") == 0;
              });
      mark("third gateway delivered its buffer");
      List<BufferedReading> taken = new ArrayList<>(firstProcess);
      taken.addAll(secondProcess);
      Map<String, TreeMap<Instant, Double>> buffered = goodMeterReadings(taken);

      // (1) exact count and the very same readings, per channel
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                Map<String, TreeMap<Instant, Double>> stored = storedGood();
                assertThat(countByChannel(stored))
                    .as("distinct (meter, channel, ts) per channel")
                    .isEqualTo(countByChannel(buffered));
                assertThat(stored).isEqualTo(buffered);
              });
      Map<String, TreeMap<Instant, Double>> stored = storedGood();

      // (2) every value the meters served while a gateway was reading
      Map<String, List<Window>> alive = new HashMap<>();
      addWindows(alive, firstProcess);
      addWindows(alive, secondProcess);
      List<String> unread = new ArrayList<>();
      Map<String, Integer> checkedPerChannel = new TreeMap<>();
      Map<String, List<Served>> journal = journal(work.resolve("served.jsonl"));
      for (String channel : buffered.keySet()) {
        List<Served> served = journal.get(channel);
        assertThat(served).as("journal of %s", channel).isNotNull();
        int checked = 0;
        for (int i = 0; i + 1 < served.size(); i++) {
          Instant from = served.get(i).from();
          Instant until = served.get(i + 1).from();
          if (alive.get(channel).stream().noneMatch(w -> w.covers(from, until))) {
            continue;
          }
          checked++;
          double value = served.get(i).value();
          boolean present =
              stored
                  .get(channel)
                  .subMap(from.minus(TOLERANCE), true, until.plus(TOLERANCE), true)
                  .values()
                  .stream()
                  .anyMatch(v -> v == value);
          if (!present) {
            unread.add(channel + "=" + value + " served " + from + ".." + until);
          }
        }
        checkedPerChannel.put(channel, checked);
      }
      assertThat(checkedPerChannel.values().stream().mapToInt(Integer::intValue).sum())
          .as("served values checked, per channel: %s", checkedPerChannel)
          .isGreaterThanOrEqualTo(10);
      assertThat(unread).as("served values missing from the database").isEmpty();

      // (3) no gaps in the polled channels, except across the dead gateway
      List<String> gaps = new ArrayList<>();
      for (var e : stored.entrySet()) {
        if (!MODBUS_METERS.contains(e.getKey().split("/")[0])) {
          continue;
        }
        Instant previous = null;
        for (Instant ts : e.getValue().keySet()) {
          if (previous != null
              && Duration.between(previous, ts).compareTo(GAP) > 0
              && !(previous.isBefore(killedAt) && ts.isAfter(restartedAt))) {
            gaps.add(e.getKey() + " " + previous + " -> " + ts);
          }
          previous = ts;
        }
      }
      assertThat(gaps).as("gaps longer than %s outside the kill..restart", GAP).isEmpty();
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError(
          e.getMessage()
              + "\n--- timeline ---\n"
              + String.join("\n", timeline)
              + "\n--- gateway log ---\n"
              + tail(work.resolve("gateway.log"))
              + "\n--- simulator log ---\n"
              + tail(work.resolve("simulator.log"))
              + "\n--- mosquitto log ---\n"
              + broker.log(),
          e);
    }
  }

  // ------------------------------------------------------------------------------------ set-up

  private void startIngest() {
    vertx = Vertx.vertx();
    IngestConfig defaults =
        IngestConfig.defaults(
            db.url(), db.config().user(), broker.url(), "et-outage-ingest-" + enterprise);
    MqttConfig m = defaults.mqtt();
    // a persistent session (expiry 1 h): the broker keeps what arrives while ingest reconnects
    MqttConfig mine =
        new MqttConfig(
            broker.url(),
            m.clientId(),
            null,
            null,
            EnterpriseTopics.of(enterprise),
            "",
            Duration.ofHours(1),
            m.queueCapacity(),
            Duration.ofMillis(200));
    // the demo gateway's registration, as mqtt-auth --register does it in docker-compose
    Gateways.register(db, enterprise + "/plant-1/gw-demo-01");
    ingest = IngestApp.start(vertx, defaults.withMqtt(mine)).await();
  }

  private void startSimulator() throws IOException {
    opcUaPort = freePort();
    modbusPort = freePort();
    simulator =
        launch(
            "simulator",
            Map.of(),
            DemoSimulator.args(opcUaPort, modbusPort, work.resolve("served.jsonl")));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              assertAlive(simulator, "simulator");
              return listening(opcUaPort) && listening(modbusPort);
            });
  }

  private Path gatewayConfig() throws IOException {
    String demo = Files.readString(DEMO_CONFIG);
    String yaml =
        demo.replace(
                "enterprise: ${ENV:ET_DEMO_ENTERPRISE:demo-brewery}", "enterprise: " + enterprise)
            .replace("poll_interval: PT1S", "poll_interval: PT0.5S")
            .replace(
                "  password: ${ENV:ET_MQTT_PASSWORD:}\n",
                "  password: ${ENV:ET_MQTT_PASSWORD:}\n  reconnect_max_backoff: PT1S\n");
    assertThat(yaml)
        .as("the demo config still has the lines this test adapts")
        .contains("enterprise: " + enterprise, "PT0.5S", "reconnect_max_backoff: PT1S");
    Path config = work.resolve("gateway.yaml");
    Files.writeString(config, yaml);
    gatewayHttpPort = freePort();
    return config;
  }

  private Process launchGateway(Path config) throws IOException {
    return launch(
        "gateway",
        Map.of(
            "ET_MQTT_URL", broker.url(),
            "ET_OPCUA_PORT", String.valueOf(opcUaPort),
            "ET_MODBUS_PORT", String.valueOf(modbusPort),
            "ET_SIM_HOST", "127.0.0.1",
            "ET_DATA_DIR", work.resolve("gateway-data").toString(),
            "ET_GATEWAY_HTTP", "127.0.0.1:" + gatewayHttpPort),
        "run",
        "--config",
        config.toString());
  }

  private Process launch(String name, Map<String, String> env, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-jar");
    command.add(GATEWAY_JAR.toAbsolutePath().toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve(name + ".log").toFile()));
    pb.environment().putAll(env);
    return pb.start();
  }

  // ------------------------------------------------------------------------------------ helpers

  record Served(double value, Instant from) {}

  /** The span from a process's first to its last good reading of a channel. */
  record Window(Instant first, Instant last) {
    boolean covers(Instant from, Instant until) {
      return !from.isBefore(first) && !until.isAfter(last);
    }
  }

  void mark(String event) {
    timeline.add(Instant.now() + " " + event);
  }

  static Map<String, TreeMap<Instant, Double>> goodMeterReadings(List<BufferedReading> readings) {
    Map<String, TreeMap<Instant, Double>> byChannel = new TreeMap<>();
    for (BufferedReading r : readings) {
      if (r.isMeterReading() && r.quality().equals("good")) {
        byChannel
            .computeIfAbsent(r.meter() + "/" + r.channel(), k -> new TreeMap<>())
            .put(r.ts(), r.value());
      }
    }
    return byChannel;
  }

  static void addWindows(Map<String, List<Window>> alive, List<BufferedReading> process) {
    goodMeterReadings(process)
        .forEach(
            (channel, readings) ->
                alive
                    .computeIfAbsent(channel, k -> new ArrayList<>())
                    .add(new Window(readings.firstKey(), readings.lastKey())));
  }

  static Map<String, Integer> countByChannel(Map<String, TreeMap<Instant, Double>> readings) {
    return readings.entrySet().stream()
        .collect(
            Collectors.toMap(
                Map.Entry::getKey, e -> e.getValue().size(), (a, b) -> a, TreeMap::new));
  }

  Map<String, TreeMap<Instant, Double>> storedGood() throws Exception {
    Map<String, TreeMap<Instant, Double>> byChannel = new TreeMap<>();
    try (Connection c = db.connect();
        var st =
            c.prepareStatement(
                """
                select m.code, ch.name, r.ts, r.value from reading r
                join channel ch using (channel_id) join meter m using (meter_id)
                join enterprise e on e.enterprise_id = r.enterprise_id
                where e.code = ? and r.quality = 0""")) {
      st.setString(1, enterprise);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          byChannel
              .computeIfAbsent(rs.getString(1) + "/" + rs.getString(2), k -> new TreeMap<>())
              .put(
                  rs.getTimestamp(3).toInstant(),
                  // the steam meter publishes GJ (GV), stored in the canonical kWh: compared as
                  // published (docs/asyncapi.yaml units)
                  rs.getString(2).equals("SteamHeatEnergyTotal")
                      ? rs.getDouble(4) / (1000 / 3.6)
                      : rs.getDouble(4));
        }
      }
    }
    return byChannel;
  }

  static Map<String, List<Served>> journal(Path file) throws IOException {
    Map<String, List<Served>> byChannel = new HashMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode n = JSON.readTree(line);
      byChannel
          .computeIfAbsent(
              n.get("meter").asText() + "/" + n.get("channel").asText(), k -> new ArrayList<>())
          .add(new Served(n.get("value").asDouble(), Instant.parse(n.get("from").asText())));
    }
    return byChannel;
  }

  /**
   * A counter or gauge of the running gateway's /metrics, summed over the series whose labels
   * contain {@code labels}; 0 when no such series exists yet, NaN when the gateway does not answer.
   */
  double metric(String name, String labels) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatewayHttpPort + "/metrics"))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      double sum = 0;
      Matcher m =
          Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? ([-0-9.eE+]+)$")
              .matcher(response.body());
      while (m.find()) {
        if (labels.isEmpty() || (m.group(1) != null && m.group(1).contains(labels))) {
          sum += Double.parseDouble(m.group(2));
        }
      }
      return sum;
    } catch (IOException e) {
      return Double.NaN;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Double.NaN;
    }
  }

  void assertAlive(Process p, String name) throws IOException {
    if (!p.isAlive()) {
      throw new AssertionError(
          name + " exited with " + p.exitValue() + ":\n" + tail(work.resolve(name + ".log")));
    }
  }

  static String tail(Path log) throws IOException {
    if (!Files.exists(log)) {
      return "";
    }
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }
}
