package org.energytrace.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.energytrace.ingest.fixtures.MqttTestClient.publishIgnoringRefusal;
import static org.energytrace.ingest.fixtures.MqttTestClient.subscribeEverything;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.energytrace.ingest.fixtures.MqttTestClient;
import org.energytrace.ingest.fixtures.PrivateMosquitto;
import org.energytrace.ingest.fixtures.SecuredService;
import org.energytrace.ingest.fixtures.TestDatabase;
import org.energytrace.ingest.registry.PgRegistry;
import org.energytrace.ingest.store.Database;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * What the docker-compose {@code mqtt-auth} job does on an empty registry, twice (every {@code
 * docker compose up} runs it again): {@code mqtt-auth --register ENTERPRISE/SITE/GATEWAY=VAR}
 * registers the gateway and gives it the password from the environment, and the generated files let
 * a real Mosquitto (our own process on a free port; the machine's broker is left alone) accept that
 * gateway under its own topic subtree only. The first run is in-process, the second is the shaded
 * jar with real environment variables, as the compose job runs it.
 */
class MqttAuthRegisterIT {
  static final Path JAR = Path.of("target", "energytrace-ingest.jar");
  static final String SUFFIX = UUID.randomUUID().toString().substring(0, 6);
  static final String DEMO = "demo-brewery";
  static final String OTHER = "other-" + SUFFIX;
  static final String DEMO_USER = DEMO + ".gw-demo-01";
  static final String INGEST_PASSWORD = "ingest-" + SUFFIX + "-secret";
  static final Map<String, String> ENV =
      Map.of(
          "ET_IT_GATEWAY_PASSWORD", "gateway-" + SUFFIX + "-password",
          "ET_IT_OTHER_PASSWORD", "other-" + SUFFIX + "-password",
          "ET_IT_INGEST_PASSWORD", INGEST_PASSWORD);
  static final String[] REGISTER = {
    "--register", DEMO + "/plant-1/gw-demo-01=ET_IT_GATEWAY_PASSWORD",
    "--register", OTHER + "/plant-1/gw-other=ET_IT_OTHER_PASSWORD"
  };

  static TestDatabase db;
  static Path dir;
  static Path config;
  static PrivateMosquitto mosquitto;
  static String firstOutput;
  static String secondOutput;
  static String passwdAfterFirst;

  @BeforeAll
  static void runTheJobTwiceAndStartMosquitto() throws Exception {
    assertThat(JAR).as("the shaded jar (built by package, before failsafe)").isRegularFile();
    db = TestDatabase.create();
    dir = Files.createTempDirectory("et-mqtt-register-");
    config = dir.resolve("ingest.yaml");
    Files.writeString(
        config,
        """
        db:
          url: %s
          user: %s
        mqtt:
          url: tcp://127.0.0.1:1883
          client_id: register-it
          username: ingest
          password: ${ENV:ET_IT_INGEST_PASSWORD}
        """
            .formatted(db.url(), db.config().user()));

    firstOutput = runInProcess(REGISTER);
    passwdAfterFirst = Files.readString(dir.resolve("passwd"));
    // an operator grants an extra site through the registry (same code as PUT .../gateways/{g})
    try (Database d = Database.open(db.config())) {
      new PgRegistry(d.dataSource(), () -> {})
          .putGateway(
              new PgRegistry.GatewaySpec(DEMO, "gw-demo-01", "plant-1", List.of("plant-2"), false));
    }
    secondOutput = runJar(REGISTER);
    mosquitto = PrivateMosquitto.withAuthFiles(dir);
  }

  static String[] args(String... extra) {
    String[] base = {"--config", config.toString(), "--out", dir.toString()};
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return all;
  }

  record InProcess(int code, String out, String err) {}

  static InProcess inProcess(String... extra) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream outBuffer = new ByteArrayOutputStream();
    ByteArrayOutputStream errBuffer = new ByteArrayOutputStream();
    System.setOut(new PrintStream(outBuffer, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(errBuffer, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = new CommandLine(new MqttAuthCommand(ENV::get)).execute(args(extra));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    return new InProcess(
        code,
        outBuffer.toString(StandardCharsets.UTF_8),
        errBuffer.toString(StandardCharsets.UTF_8));
  }

  static String runInProcess(String... extra) {
    InProcess r = inProcess(extra);
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    return r.out();
  }

  static String runJar(String... extra) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        new java.util.ArrayList<>(List.of(java, "-Xmx256m", "-jar", JAR.toString(), "mqtt-auth"));
    command.addAll(List.of(args(extra)));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().putAll(ENV);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("mqtt-auth finished: %s", out).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  @AfterAll
  static void stop() throws Exception {
    SecuredService.stop(null, null, mosquitto, db);
  }

  static MqttClient connect(String user, String password) throws MqttException {
    return MqttTestClient.connect(mosquitto.url(), user, password);
  }

  @Nested
  class OnAnEmptyRegistry {
    @Test
    void registersEnterpriseSiteAndGatewayAndSetsThePasswordFromTheEnvironment() {
      assertThat(firstOutput)
          .contains("registered gateway " + DEMO + "/plant-1/gw-demo-01")
          .contains("registered gateway " + OTHER + "/plant-1/gw-other")
          .contains(
              "gateway credentials set: username "
                  + DEMO_USER
                  + " (password from ET_IT_GATEWAY_PASSWORD)");
      assertThat(firstOutput + secondOutput)
          .doesNotContain(ENV.get("ET_IT_GATEWAY_PASSWORD"))
          .doesNotContain(ENV.get("ET_IT_OTHER_PASSWORD"));
      assertThat(db.count("select count(*) from enterprise")).isEqualTo(2);
      assertThat(db.count("select count(*) from gateway")).isEqualTo(2);
      assertThat(db.count("select count(*) from gateway_credential")).isEqualTo(2);
    }

    @Test
    void changesNothingWhenRunAgainWithTheSamePasswords() throws IOException {
      assertThat(secondOutput)
          .doesNotContain("registered gateway")
          .contains("gateway credentials unchanged: username " + DEMO_USER)
          .contains("gateway credentials unchanged: username " + OTHER + ".gw-other");
      // the same hash (same salt): the broker's password file does not change between runs
      assertThat(
              Files.readString(dir.resolve("passwd")).lines().filter(l -> !l.startsWith("ingest:")))
          .containsExactlyElementsOf(
              passwdAfterFirst.lines().filter(l -> !l.startsWith("ingest:")).toList());
      assertThat(db.count("select count(*) from gateway")).isEqualTo(2);
      assertThat(db.count("select count(*) from audit_log where action = 'gateway.credentials'"))
          .isEqualTo(2);
      assertThat(db.count("select count(*) from audit_log where action = 'gateway.put'"))
          .isEqualTo(2);
    }

    @Test
    void keepsTheSitesGrantedThroughTheRegistryWhenRunAgain() throws IOException {
      assertThat(Files.readString(dir.resolve("acl")))
          .contains(
              "user "
                  + DEMO_USER
                  + "\ntopic write et/v1/demo-brewery/plant-1/gw-demo-01/#\n"
                  + "topic write et/v1/demo-brewery/plant-2/gw-demo-01/#\n");
    }

    @Test
    void refusesAGatewayNamedAtAnotherSiteThanItIsRegisteredAt() {
      InProcess r = inProcess("--register", DEMO + "/plant-9/gw-demo-01=ET_IT_GATEWAY_PASSWORD");

      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err())
          .contains("gateway gw-demo-01 of demo-brewery is registered at site plant-1");
      assertThat(db.count("select count(*) from site where code = 'plant-9'")).isZero();
    }
  }

  @Nested
  class TheBrokerConfiguredFromTheFiles {
    @Test
    void letsTheRegisteredGatewayPublishUnderItsOwnSubtreeOnly() throws Exception {
      MqttClient ingest = connect("ingest", INGEST_PASSWORD);
      List<String> received = subscribeEverything(ingest);
      String password = ENV.get("ET_IT_GATEWAY_PASSWORD");
      for (String forged :
          List.of(
              "et/v1/" + OTHER + "/plant-1/gw-other/telemetry",
              "et/v1/demo-brewery/plant-1/gw-demo-02/telemetry",
              "et/v1/demo-brewery/plant-9/gw-demo-01/telemetry")) {
        publishIgnoringRefusal(mosquitto.url(), DEMO_USER, password, forged, "forged");
      }
      MqttClient gateway = connect(DEMO_USER, password);
      gateway.publish(
          "et/v1/demo-brewery/plant-1/gw-demo-01/telemetry",
          "own".getBytes(StandardCharsets.UTF_8),
          1,
          false);

      // each forged publish was answered before the next left, and the broker routes a PUBLISH as
      // it handles it: once "own" is here, any forged message it had let through would be too
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> received.stream().anyMatch(r -> r.endsWith(" own")));
      assertThat(received).containsExactly("et/v1/demo-brewery/plant-1/gw-demo-01/telemetry own");
      gateway.disconnectForcibly(0, 500, false);
      ingest.disconnectForcibly(0, 500, false);
    }

    @Test
    void letsTheOtherRegisteredGatewaySignInWithItsOwnPasswordOnly() throws Exception {
      MqttClient other = connect(OTHER + ".gw-other", ENV.get("ET_IT_OTHER_PASSWORD"));
      other.disconnectForcibly(0, 500, false);

      assertThat(
              org.assertj.core.api.Assertions.catchThrowable(
                  () -> connect(OTHER + ".gw-other", ENV.get("ET_IT_GATEWAY_PASSWORD"))))
          .isInstanceOf(MqttException.class);
    }
  }
}
