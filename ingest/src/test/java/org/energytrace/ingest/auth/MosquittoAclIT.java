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
import org.energytrace.ingest.fixtures.SecuredService;
import org.energytrace.ingest.fixtures.TestDatabase;
import org.energytrace.ingest.registry.PgRegistry;
import org.energytrace.ingest.store.Database;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A real Mosquitto (our own process on a free port; the machine's broker is left alone) configured
 * as docker-compose.yml configures it, from the files {@code ingest mqtt-auth} generates from the
 * gateway registry: each gateway publishes under its own topic subtree and nowhere else, ingest
 * reads everything, unknown clients and wrong passwords are refused, and no account can take over
 * another's client id.
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
    SecuredService.stop(null, null, mosquitto, db);
  }

  static MqttClient connect(String user, String password) throws MqttException {
    return MqttTestClient.connect(mosquitto.url(), user, password);
  }

  @Test
  void gatewayACannotPublishUnderGatewayBWhileItsOwnTopicsArrive() throws Exception {
    MqttClient ingest = connect("ingest", INGEST_PASSWORD);
    List<String> received = subscribeEverything(ingest);
    String user = A + ".gw-a";
    String password = passwords.get(user);

    publishIgnoringRefusal(
        mosquitto.url(), user, password, "et/v1/" + B + "/plant-1/gw-b/telemetry", "forged-for-b");
    publishIgnoringRefusal(
        mosquitto.url(),
        user,
        password,
        "et/v1/" + A + "/plant-1/gw-other/telemetry",
        "forged-gateway");
    publishIgnoringRefusal(
        mosquitto.url(), user, password, "et/v1/" + A + "/plant-9/gw-a/telemetry", "forged-site");
    MqttClient gatewayA = connect(user, password);
    gatewayA.publish(
        "et/v1/" + A + "/plant-2/gw-a/telemetry",
        "granted-site".getBytes(StandardCharsets.UTF_8),
        1,
        false);
    gatewayA.publish(
        "et/v1/" + A + "/plant-1/gw-a/telemetry", "own".getBytes(StandardCharsets.UTF_8), 1, false);

    // each forged publish was answered (PUBACK or refusal) before the next one left, and the broker
    // routes a PUBLISH as it handles it: once "own" is here, anything published before it that
    // the broker let through would be here too
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> received.stream().anyMatch(r -> r.endsWith(" own")));
    assertThat(received)
        .containsExactly(
            "et/v1/" + A + "/plant-2/gw-a/telemetry granted-site",
            "et/v1/" + A + "/plant-1/gw-a/telemetry own");
    gatewayA.disconnectForcibly(0, 500, false);
    ingest.disconnectForcibly(0, 500, false);
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
    gatewayB.disconnectForcibly(0, 500, false);
    ingest.disconnectForcibly(0, 500, false);
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

  @Test
  void aGatewayConnectingWithIngestsClientIdNeitherDisconnectsIngestNorTakesOverItsSession()
      throws Exception {
    // issue 11: a gateway account connected with ingest's client id and clean start off, the
    // broker handed it ingest's session (subscriptions, queued messages) and disconnected ingest.
    // The generated settings pin client ids to accounts (use_username_as_clientid).
    String ingestClientId = "energytrace-ingest-" + SUFFIX;
    MqttClient ingest =
        MqttTestClient.connectPersistent(
            mosquitto.url(), ingestClientId, "ingest", INGEST_PASSWORD);
    List<String> received = subscribeEverything(ingest);
    List<MqttClient> intruders = new java.util.ArrayList<>();
    List<String> stolen = new java.util.concurrent.CopyOnWriteArrayList<>();
    // ingest's configured client id, and the one the broker gives it (its username)
    for (String id : List.of(ingestClientId, "ingest")) {
      MqttClient intruder =
          MqttTestClient.connectPersistent(
              mosquitto.url(), id, A + ".gw-a", passwords.get(A + ".gw-a"));
      intruder.setCallback(
          new org.eclipse.paho.mqttv5.client.MqttCallback() {
            @Override
            public void messageArrived(
                String topic, org.eclipse.paho.mqttv5.common.MqttMessage message) {
              stolen.add(topic);
            }

            @Override
            public void disconnected(org.eclipse.paho.mqttv5.client.MqttDisconnectResponse r) {}

            @Override
            public void mqttErrorOccurred(MqttException e) {}

            @Override
            public void deliveryComplete(org.eclipse.paho.mqttv5.client.IMqttToken t) {}

            @Override
            public void connectComplete(boolean reconnect, String uri) {}

            @Override
            public void authPacketArrived(
                int reason, org.eclipse.paho.mqttv5.common.packet.MqttProperties p) {}
          });
      intruders.add(intruder);
    }
    MqttClient gatewayB = connect(B + ".gw-b", passwords.get(B + ".gw-b"));

    gatewayB.publish(
        "et/v1/" + B + "/plant-1/gw-b/telemetry",
        "after-the-intruders".getBytes(StandardCharsets.UTF_8),
        1,
        false);

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> received.stream().anyMatch(r -> r.endsWith(" after-the-intruders")));
    assertThat(ingest.isConnected()).as("ingest still connected").isTrue();
    assertThat(stolen).as("messages of ingest's session delivered to the intruder").isEmpty();
    for (MqttClient c : intruders) {
      // the second took over the first: both are the gateway's own account
      if (c.isConnected()) {
        c.disconnectForcibly(0, 500, false);
      }
    }
    gatewayB.disconnectForcibly(0, 500, false);
    ingest.disconnectForcibly(0, 500, false);
  }
}
