package org.energytrace.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;
import static org.energytrace.ingest.fixtures.MqttTestClient.publishIgnoringRefusal;
import static org.energytrace.ingest.fixtures.MqttTestClient.subscribeEverything;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.energytrace.ingest.fixtures.MqttTestClient;
import org.energytrace.ingest.fixtures.PrivateMosquitto;
import org.energytrace.ingest.fixtures.TestDatabase;
import org.energytrace.ingest.registry.PgRegistry;
import org.energytrace.ingest.store.Database;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A real Mosquitto (our own process on a free port; the machine's broker is left alone) configured
 * only from the files {@code ingest mqtt-auth} generates from the gateway registry: each gateway
 * publishes under its own topic subtree and nowhere else, ingest reads everything, unknown clients
 * and wrong passwords are refused.
 */
class MosquittoAclIT {
  static final String SUFFIX = UUID.randomUUID().toString().substring(0, 6);
  static final String A = "acl-a-" + SUFFIX;
  static final String B = "acl-b-" + SUFFIX;
  static final String INGEST_PASSWORD = "ingest-" + SUFFIX + "-secret";
  static TestDatabase db;
  static Path dir;
  static PrivateMosquitto mosquitto;
  static final Map<String, String> passwords = new HashMap<>();

  @BeforeAll
  static void start() throws Exception {
    db = TestDatabase.create();
    try (Database d = Database.open(db.config())) {
      d.migrate();
      PgRegistry registry = new PgRegistry(d.dataSource(), () -> {});
      registry.putGateway(
          new PgRegistry.GatewaySpec(A, "gw-a", "plant-1", List.of("plant-2"), false));
      registry.putGateway(new PgRegistry.GatewaySpec(B, "gw-b", "plant-1", List.of(), false));
    }
    dir = Files.createTempDirectory("et-mqtt-auth-");
    Path config = dir.resolve("ingest.yaml");
    Files.writeString(
        config,
        """
        db:
          url: %s
          user: %s
        mqtt:
          url: tcp://127.0.0.1:1883
          client_id: acl-it
          username: ingest
          password: ${ENV:ET_ACL_IT_UNSET:%s}
        """
            .formatted(db.url(), db.config().user(), INGEST_PASSWORD));

    String out = run("--config", config.toString(), "--out", dir.toString(), "--issue-missing");

    Matcher m = Pattern.compile("username (\\S+) password (\\S+)").matcher(out);
    while (m.find()) {
      passwords.put(m.group(1), m.group(2));
    }
    assertThat(passwords).containsOnlyKeys(A + ".gw-a", B + ".gw-b");
    mosquitto = PrivateMosquitto.withAuthFiles(dir);
  }

  static String run(String... args) {
    PrintStream original = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = new CommandLine(new MqttAuthCommand()).execute(args);
    } finally {
      System.setOut(original);
    }
    String out = buffer.toString(StandardCharsets.UTF_8);
    assertThat(code).as(out).isZero();
    return out;
  }

  @AfterAll
  static void stop() throws Exception {
    if (mosquitto != null) {
      mosquitto.close();
    }
    if (db != null) {
      db.close();
    }
  }

  static MqttClient connect(String user, String password) throws MqttException {
    return MqttTestClient.connect(mosquitto.url(), user, password);
  }

  @Test
  void gatewayACannotPublishUnderGatewayBWhileItsOwnTopicsArrive() throws Exception {
    MqttClient ingest = connect("ingest", INGEST_PASSWORD);
    List<String> received = subscribeEverything(ingest);
    MqttClient gatewayA = connect(A + ".gw-a", passwords.get(A + ".gw-a"));

    publishIgnoringRefusal(gatewayA, "et/v1/" + B + "/plant-1/gw-b/telemetry", "forged-for-b");
    publishIgnoringRefusal(
        gatewayA, "et/v1/" + A + "/plant-1/gw-other/telemetry", "forged-gateway");
    publishIgnoringRefusal(gatewayA, "et/v1/" + A + "/plant-9/gw-a/telemetry", "forged-site");
    gatewayA.publish(
        "et/v1/" + A + "/plant-2/gw-a/telemetry",
        "granted-site".getBytes(StandardCharsets.UTF_8),
        1,
        false);
    gatewayA.publish(
        "et/v1/" + A + "/plant-1/gw-a/telemetry", "own".getBytes(StandardCharsets.UTF_8), 1, false);

    // one publisher's QoS 1 messages arrive in order (MQTT 5 §4.6): once "own" is here, anything
    // published before it that the broker let through would be here too
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> received.stream().anyMatch(r -> r.endsWith(" own")));
    assertThat(received)
        .containsExactly(
            "et/v1/" + A + "/plant-2/gw-a/telemetry granted-site",
            "et/v1/" + A + "/plant-1/gw-a/telemetry own");
    gatewayA.disconnectForcibly();
    ingest.disconnectForcibly();
  }

  @Test
  void gatewayBPublishesUnderItsOwnTopic() throws Exception {
    MqttClient ingest = connect("ingest", INGEST_PASSWORD);
    List<String> received = subscribeEverything(ingest);
    MqttClient gatewayB = connect(B + ".gw-b", passwords.get(B + ".gw-b"));

    gatewayB.publish(
        "et/v1/" + B + "/plant-1/gw-b/status", "online".getBytes(StandardCharsets.UTF_8), 1, false);

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> received.contains("et/v1/" + B + "/plant-1/gw-b/status online"));
    gatewayB.disconnectForcibly();
    ingest.disconnectForcibly();
  }

  @Test
  void refusesAWrongPasswordAndAClientWithoutCredentials() {
    Throwable wrong = catchThrowable(() -> connect(A + ".gw-a", "not-the-password"));
    Throwable anonymous =
        catchThrowable(
            () ->
                new MqttClient(mosquitto.url(), "anon-" + SUFFIX, new MemoryPersistence())
                    .connect());

    assertThat(wrong).isInstanceOf(MqttException.class);
    assertThat(anonymous).isInstanceOf(MqttException.class);
  }

  @Test
  void writesOnlyHashesAndNoPasswordIntoTheBrokerFiles() throws Exception {
    String passwd = Files.readString(dir.resolve("passwd"));

    assertThat(passwd).contains(A + ".gw-a:$7$101$").contains("ingest:$7$101$");
    assertThat(passwords.values()).allSatisfy(p -> assertThat(passwd).doesNotContain(p));
    assertThat(passwd).doesNotContain(INGEST_PASSWORD);
    assertThat(Files.readString(dir.resolve("acl")))
        .contains("user " + A + ".gw-a\ntopic write et/v1/" + A + "/plant-1/gw-a/#\n");
  }
}
