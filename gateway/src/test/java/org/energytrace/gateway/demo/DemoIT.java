package org.energytrace.gateway.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.energytrace.gateway.config.ConfigException;
import org.energytrace.gateway.fixtures.FreePorts;
import org.energytrace.gateway.fixtures.GatewayProcess;
import org.energytrace.gateway.fixtures.LocalMosquitto;
import org.energytrace.gateway.fixtures.MqttRecorder;
import org.energytrace.gateway.runtime.Lifecycle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13: the demo starts on a machine where other programs already hold its usual ports, and the
 * settings a user gives (options or environment) are used or refused at once, naming them.
 */
class DemoIT {

  @TempDir Path dir;

  private final List<AutoCloseable> held = new ArrayList<>();

  @AfterEach
  void release() {
    Lifecycle.closeInReverse(held);
  }

  /** Holds a loopback port the way another program would (if none does already). */
  private void occupy(int port) {
    try {
      ServerSocket socket = new ServerSocket();
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
      held.add(socket);
    } catch (IOException e) {
      // already held by another program: occupied all the same
    }
    assertThat(DemoPorts.free(port)).as("port %d is held", port).isFalse();
  }

  /** A program on a port that accepts connections and never speaks MQTT (an HTTP server, say). */
  private int notABroker() throws IOException {
    ServerSocket socket = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"));
    held.add(socket);
    Thread t =
        new Thread(
            () -> {
              while (!socket.isClosed()) {
                try (Socket s = socket.accept()) {
                  s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes());
                } catch (IOException e) {
                  // closed
                }
              }
            },
            "not-a-broker");
    t.setDaemon(true);
    t.start();
    return socket.getLocalPort();
  }

  private Map<String, String> env(String enterprise) {
    return Map.of(
        "ET_DATA_DIR",
        dir.resolve("data").toString(),
        "ET_DEMO_ENTERPRISE",
        enterprise,
        "ET_MQTT_URL",
        LocalMosquitto.URL);
  }

  private static Demo.Options options(Integer opcUa, Integer modbus) {
    return new Demo.Options(
        null, opcUa, modbus, Optional.empty(), Duration.ZERO, Optional.empty(), Optional.empty());
  }

  @Test
  void runsOnOtherPortsWhenTheUsualOnesAreTakenAndPublishes() throws Exception {
    LocalMosquitto.requireRunning();
    occupy(DemoPorts.OPCUA_PORT);
    occupy(DemoPorts.MODBUS_PORT);
    String enterprise =
        "it-demo-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());

    Demo.Running demo = Demo.start(options(null, null), env(enterprise)::get);
    held.add(() -> Lifecycle.closeInReverse(demo.started()));

    assertThat(demo.opcUaPort()).isNotIn(DemoPorts.OPCUA_PORT, DemoPorts.MODBUS_PORT);
    assertThat(demo.modbusPort()).isNotIn(DemoPorts.OPCUA_PORT, DemoPorts.MODBUS_PORT);
    assertThat(demo.mqtt()).isEqualTo(URI.create(LocalMosquitto.URL));
    try (MqttRecorder recorder = new MqttRecorder(LocalMosquitto.URL, demo.topics())) {
      String telemetry = demo.topics().replace("#", "telemetry");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  recorder.on(telemetry).stream()
                      .flatMap(m -> stream(m.json().get("points")))
                      .anyMatch(p -> p.get("meter").asText().equals("line2-em")));
      // the OPC UA server on its other port feeds the gateway too
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  recorder.on(telemetry).stream()
                      .flatMap(m -> stream(m.json().get("points")))
                      .anyMatch(
                          p ->
                              p.get("meter").asText().equals("line1-em")
                                  && p.get("quality").asText().equals("good")));
      recorder.clearRetained(demo.topics().replace("#", "status"));
    }
  }

  @Test
  void withHistoryAfterOnlyTheHistoryAfterThatInstantIsPublished() throws Exception {
    // ingest demo, started again, passes its newest stored reading: the history before it was
    // published by the last run, and its quarter hours after the live start were extra readings
    LocalMosquitto.requireRunning();
    String enterprise =
        "it-demo-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    Instant now = Instant.now();
    Instant after = now.minus(Duration.ofHours(2)).minusSeconds(7 * 60 + 30);
    try (MqttRecorder recorder =
        new MqttRecorder(LocalMosquitto.URL, "et/v1/" + enterprise + "/#")) {
      Demo.Running demo =
          Demo.start(
              new Demo.Options(
                  null,
                  FreePorts.next(),
                  FreePorts.next(),
                  Optional.empty(),
                  Duration.ofHours(6),
                  Optional.empty(),
                  Optional.of(after)),
              env(enterprise)::get);
      held.add(() -> Lifecycle.closeInReverse(demo.started()));
      String telemetry = demo.topics().replace("#", "telemetry");
      // the buffer publishes in order: once a live reading is in, the whole history is
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> timestamps(recorder, telemetry).anyMatch(ts -> !ts.isBefore(now)));
      List<Instant> history =
          timestamps(recorder, telemetry)
              .filter(ts -> ts.isBefore(now))
              .distinct()
              .sorted()
              .toList();

      List<Instant> expected = new ArrayList<>();
      Instant t = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3));
      for (; t.isBefore(now); t = t.plus(Demo.HISTORY_STEP)) {
        if (t.isAfter(after)) {
          expected.add(t);
        }
      }
      assertThat(history).isEqualTo(expected);
      recorder.clearRetained(demo.topics().replace("#", "status"));
    }
  }

  private static Stream<Instant> timestamps(MqttRecorder recorder, String topic) {
    return recorder.on(topic).stream()
        .flatMap(m -> stream(m.json().get("points")))
        .map(p -> Instant.parse(p.get("ts").asText()));
  }

  private static Stream<JsonNode> stream(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    array.forEach(out::add);
    return out.stream();
  }

  @Nested
  class WhatTheUserAskedFor {

    @Test
    void aPortGivenOnTheCommandLineThatIsTakenStopsTheDemoNamingThePortAndTheOption() {
      int taken = FreePorts.next();
      occupy(taken);
      int modbus = FreePorts.next();

      assertThatThrownBy(() -> Demo.start(options(taken, modbus), env("it-demo")::get))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("port " + taken + " (--opcua-port " + taken + ")")
          .hasMessageContaining("is taken by another program")
          .hasMessageContaining("--opcua-port (or ET_OPCUA_PORT)");
      // nothing was left running
      assertThat(DemoPorts.free(modbus)).isTrue();
    }

    @Test
    void aPortFromTheEnvironmentIsUsedAndATakenOneIsNamedWithItsVariable() {
      int taken = FreePorts.next();
      occupy(taken);
      Map<String, String> env = Map.of("ET_MODBUS_PORT", String.valueOf(taken));
      int free = FreePorts.next();

      assertThat(
              DemoPorts.listenPort(
                  "OPC UA",
                  null,
                  Map.of("ET_OPCUA_PORT", String.valueOf(free))::get,
                  "ET_OPCUA_PORT",
                  4840,
                  "--opcua-port"))
          .isEqualTo(free);
      assertThatThrownBy(
              () ->
                  DemoPorts.listenPort(
                      "Modbus", null, env::get, "ET_MODBUS_PORT", 5020, "--modbus-port"))
          .hasMessageContaining("port " + taken + " (ET_MODBUS_PORT=" + taken + ")");
    }

    @Test
    void aBrokerUrlHeldByAProgramThatIsNotABrokerIsSaidToBeSo() throws Exception {
      URI url = URI.create("tcp://127.0.0.1:" + notABroker());

      assertThat(DemoPorts.probe("127.0.0.1", url.getPort()))
          .isEqualTo(DemoPorts.Peer.SOMETHING_ELSE);
      assertThatThrownBy(() -> DemoPorts.broker(url, n -> null))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining(
              "127.0.0.1:"
                  + url.getPort()
                  + " (--mqtt-url "
                  + url
                  + ") is held by a program"
                  + " that is not an MQTT broker")
          .hasMessageContaining("--mqtt-url");
    }

    @Test
    void whenTheUsualBrokerPortIsHeldByAnotherProgramTheDemoStartsItsOwnBrokerElsewhere()
        throws Exception {
      URI usual = URI.create("tcp://127.0.0.1:" + notABroker());

      DemoPorts.Broker broker = DemoPorts.broker(null, n -> null, usual);

      assertThat(broker.embedded()).isTrue();
      assertThat(broker.url().getPort()).isNotEqualTo(usual.getPort());
      assertThat(DemoPorts.free(broker.url().getPort())).isTrue();
    }

    @Test
    void aRunningMqttBrokerIsRecognisedAndAnEmptyPortIsNot() {
      LocalMosquitto.requireRunning();
      assertThat(DemoPorts.probe(LocalMosquitto.HOST, LocalMosquitto.PORT))
          .isEqualTo(DemoPorts.Peer.MQTT_BROKER);
      assertThat(DemoPorts.probe("127.0.0.1", FreePorts.next())).isEqualTo(DemoPorts.Peer.NOTHING);
    }
  }

  // "environment variables work everywhere the README says": the simulator listens where
  // ET_OPCUA_PORT and ET_MODBUS_PORT say, so the demo config (which reads them) finds it
  @Test
  void theSimulatorListensOnThePortsTheEnvironmentGives() throws Exception {
    int opcUa = FreePorts.next();
    int modbus = FreePorts.next();
    Path log = dir.resolve("simulate.log");
    assertThat(GatewayProcess.JAR).exists();
    ProcessBuilder pb =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m",
                "-jar",
                GatewayProcess.JAR.toString(),
                "simulate",
                "--bind",
                "127.0.0.1")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().put("ET_OPCUA_PORT", String.valueOf(opcUa));
    pb.environment().put("ET_MODBUS_PORT", String.valueOf(modbus));
    Process simulator = pb.start();
    try {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> !DemoPorts.free(opcUa) && !DemoPorts.free(modbus));
      assertThat(simulator.isAlive()).as(Files.readString(log)).isTrue();
      try (Socket s = new Socket("127.0.0.1", modbus);
          InputStream in = s.getInputStream()) {
        assertThat(s.isConnected()).isTrue();
      }
    } finally {
      simulator.destroy();
      simulator.waitFor(15, TimeUnit.SECONDS);
    }
  }
}
