package org.energytrace.ingest.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.energytrace.ingest.IngestApp;
import org.energytrace.ingest.config.IngestConfig;
import org.energytrace.ingest.fixtures.Gateways;
import org.energytrace.ingest.fixtures.PrivateMosquitto;
import org.energytrace.ingest.fixtures.TestDatabase;
import org.energytrace.ingest.health.HealthCheck;
import org.energytrace.ingest.store.MessageNumbers;
import org.energytrace.ingest.store.MissingMessages;
import org.junit.jupiter.api.Test;

/**
 * A broker with Mosquitto's default queue limit (1 000 messages for a session whose client is away)
 * drops a gateway's messages while ingest is down, and both sides count them as delivered: the
 * fault-injection review lost 11 readings that way and only the broker's log said so. Ingest now
 * finds the numbers missing between those that arrived and counts them, exactly, and readiness
 * names them.
 */
class MissingMessagesEndToEndIT {
  static final String ENTERPRISE = "miss-" + UUID.randomUUID().toString().substring(0, 8);
  static final String TOPIC = "et/v1/" + ENTERPRISE + "/plant-1/gw-1/telemetry";
  static final int PUBLISHED = 1_500;

  @Test
  void theMessagesABrokerDroppedForAnAbsentIngestAreCountedAsMissing() throws Exception {
    Vertx vertx = Vertx.vertx();
    try (TestDatabase db = TestDatabase.create();
        PrivateMosquitto broker = PrivateMosquitto.likeTheLocalOne()) {
      String clientId = "et-it-miss-" + UUID.randomUUID();
      IngestConfig config =
          IngestConfig.defaults(db.url(), db.config().user(), broker.url(), clientId);
      // the meters register themselves (the gateway is registered below, as an operator would)
      config = config.withIngest(config.ingest().withAutoRegister(true));
      // ingest ran once (its session and subscriptions are at the broker), then went away
      IngestApp first = IngestApp.start(vertx, config).await();
      Gateways.register(db.dataSource(), ENTERPRISE + "/plant-1/gw-1");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> first.mqttSubscribed().toCompletableFuture().isDone());
      first.stop().await();

      // the gateway publishes meanwhile, every message QoS 1 and acknowledged by the broker
      MqttClient gateway =
          new MqttClient(broker.url(), "gw-1-" + UUID.randomUUID(), new MemoryPersistence());
      gateway.connect(new MqttConnectionOptions());
      Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(PUBLISHED + 60);
      for (int seq = 1; seq <= PUBLISHED; seq++) {
        publish(gateway, message(seq, t0.plusSeconds(seq)));
      }

      IngestApp again = IngestApp.start(vertx, config).await();
      WebClient http = WebClient.create(vertx);
      try {
        // what the broker kept comes in; then the gateway's next message, above the dropped ones
        settled(db, "select count(*) from reading");
        long kept = db.count("select count(*) from reading");
        assertThat(kept).as("the broker dropped some").isLessThan(PUBLISHED);
        publish(gateway, message(PUBLISHED + 1, t0.plusSeconds(PUBLISHED + 1)));
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> db.count("select count(*) from reading") == kept + 1);

        JsonObject before = ready(http, again);
        assertThat(before.getString("messages")).as(before.encode()).isEqualTo("UP");

        // ten minutes later (the grace for a replayed backlog)
        MissingMessages check =
            new MissingMessages(
                db.dataSource(),
                Clock.offset(Clock.systemUTC(), MissingMessages.GRACE.plusMinutes(1)));
        List<MessageNumbers.Gap> gaps = check.runOnce();
        assertThat(gaps).isNotEmpty().allMatch(g -> g.enterprise().equals(ENTERPRISE));
        // one reading a message: what is missing is exactly what was published and not stored
        long missing = PUBLISHED + 1 - (kept + 1);
        assertThat(gaps.stream().mapToLong(MessageNumbers.Gap::count).sum()).isEqualTo(missing);

        // readiness's part names the gateway and how many never arrived, and stays healthy
        HealthCheck.Result part = check.health().check().toCompletableFuture().get();
        assertThat(part.healthy()).isTrue();
        assertThat(part.state()).isEqualTo("DEGRADED");
        assertThat(part.detail())
            .startsWith(missing + " gateway message(s) never arrived: ")
            .contains(ENTERPRISE + "/gw-1 seq " + gaps.get(0).from());

        // a day later the loss is still counted, but readiness no longer shows it
        MissingMessages dayLater =
            new MissingMessages(
                db.dataSource(),
                Clock.offset(Clock.systemUTC(), MissingMessages.RECENT.plusMinutes(1)));
        assertThat(dayLater.runOnce()).isEqualTo(gaps);
        assertThat(dayLater.health().check().toCompletableFuture().get().state()).isEqualTo("UP");
      } finally {
        gateway.disconnect();
        gateway.close();
        http.close();
        again.stop().await();
      }
    } finally {
      vertx.close().await();
    }
  }

  static JsonObject ready(WebClient http, IngestApp app) {
    var r = http.get(app.httpPort(), "127.0.0.1", "/api/v1/health/ready").send().await();
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  /**
   * Publishes at QoS 1 as a gateway does, one at a time; Paho refuses a publish while its window of
   * unacknowledged ones is full ("Too many publishes in progress", seen on a loaded machine): then
   * it is sent again a moment later.
   */
  static void publish(MqttClient gateway, MqttMessage m) {
    await()
        .pollInterval(Duration.ofMillis(10))
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              try {
                gateway.publish(TOPIC, m);
                return true;
              } catch (MqttException e) {
                if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT) {
                  throw e;
                }
                return false;
              }
            });
  }

  static MqttMessage message(int seq, Instant ts) {
    String json =
        """
        {"schema_version":1,"gateway":"gw-1","seq":%d,"sent_at":"%s","points":[
         {"meter":"m1","channel":"AcActivePowerTotal","ts":"%s","value":%d,"unit":"KWT","quality":"good"}]}
        """
            .formatted(seq, ts, ts, seq);
    MqttMessage m = new MqttMessage(json.getBytes(StandardCharsets.UTF_8));
    m.setQos(1);
    return m;
  }

  /** Waits until {@code sql}'s count is above zero and has not changed over two seconds. */
  static void settled(TestDatabase db, String sql) {
    long[] last = {-1};
    await()
        .pollInterval(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              long n = db.count(sql);
              boolean same = n > 0 && n == last[0];
              last[0] = n;
              return same;
            });
  }
}
