package org.energytrace.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.energytrace.ingest.config.MqttConfig;
import org.energytrace.ingest.fixtures.MqttTestClient;
import org.energytrace.ingest.fixtures.PrivateMosquitto;
import org.junit.jupiter.api.Test;

/**
 * The demo's fresh session against a private Mosquitto with persistent sessions: a stopped demo's
 * session had queued another demo's readings of the same plant, which the restarted demo stored
 * (found by a fault-injection review on a shared broker).
 */
class FreshSessionIT {
  static final String TOPIC = "et/v1/demo-brewery/plant-1/gw-demo-01/telemetry";

  @Test
  void dropsWhatTheBrokerQueuedForTheDemosSessionAndLeavesOtherSessionsAlone() throws Exception {
    try (PrivateMosquitto mosquitto = PrivateMosquitto.start()) {
      String demo = "et-it-fresh-" + UUID.randomUUID();
      String other = "et-it-kept-" + UUID.randomUUID();
      // both sessions subscribe, then go away (a stopped demo; another subscriber)
      for (String id : List.of(demo, other)) {
        MqttClient c = client(mosquitto.url(), id);
        c.subscribe(TOPIC, 1);
        c.disconnect();
        c.close();
      }
      // another demo publishes the same plant's topic meanwhile: queued for both sessions
      MqttClient publisher = new MqttClient(mosquitto.url(), "et-it-pub-" + UUID.randomUUID());
      publisher.connect();
      publisher.publish(TOPIC, "another demo's reading".getBytes(StandardCharsets.UTF_8), 1, false);
      publisher.disconnect();
      publisher.close();

      FreshSession.discard(config(mosquitto.url(), demo));

      // the other session still has its message: the broker did keep it, for whom it was kept
      List<String> kept = new CopyOnWriteArrayList<>();
      MqttClient control = resumed(mosquitto.url(), other, kept);
      await().atMost(Duration.ofSeconds(10)).until(() -> kept.size() == 1);
      control.disconnect();
      control.close();
      // the demo's session starts empty: nothing of the other demo comes in
      List<String> received = new CopyOnWriteArrayList<>();
      MqttClient restarted = new MqttClient(mosquitto.url(), demo, new MemoryPersistence());
      restarted.setCallback(MqttTestClient.recorder(received));
      IMqttToken token = restarted.connectWithResult(options());
      assertThat(token.getSessionPresent()).as("a session was present").isFalse();
      restarted.subscribe(TOPIC, 1);
      // a queued message comes at once after CONNACK; none does
      await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(received::isEmpty);
      restarted.disconnect();
      restarted.close();
    }
  }

  @Test
  void aBrokerThatCannotBeReachedIsSaidAndIsNoError() {
    String line = FreshSession.forDemo(config("tcp://127.0.0.1:1", "et-it-nobroker"));
    assertThat(line)
        .startsWith("the broker at tcp://127.0.0.1:1 did not take the session's reset (")
        .endsWith("); ingest connects when it can");
  }

  static MqttConfig config(String url, String clientId) {
    return new MqttConfig(
        url,
        clientId,
        null,
        null,
        List.of(TOPIC),
        "",
        Duration.ofHours(1),
        100,
        Duration.ofMillis(100));
  }

  static MqttConnectionOptions options() {
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(false);
    o.setSessionExpiryInterval(3600L);
    return o;
  }

  static MqttClient client(String url, String id) throws MqttException {
    MqttClient c = new MqttClient(url, id, new MemoryPersistence());
    c.connect(options());
    return c;
  }

  static MqttClient resumed(String url, String id, List<String> into) throws MqttException {
    MqttClient c = new MqttClient(url, id, new MemoryPersistence());
    c.setCallback(MqttTestClient.recorder(into));
    IMqttToken token = c.connectWithResult(options());
    assertThat(token.getSessionPresent()).as("the other session is present").isTrue();
    return c;
  }
}
