package org.energytrace.ingest.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.energytrace.ingest.delivery.DeliveryFixtures.*;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.energytrace.ingest.IngestApp;
import org.energytrace.ingest.config.IngestConfig;
import org.energytrace.ingest.fixtures.Gateways;
import org.energytrace.ingest.fixtures.PrivateMosquitto;
import org.energytrace.ingest.fixtures.TcpRelay;
import org.energytrace.ingest.fixtures.TestBroker;
import org.energytrace.ingest.fixtures.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Ack after commit: PostgreSQL is cut off from ingest (through a relay we control, so the shared
 * server keeps running for everybody else) while a gateway keeps publishing to a production-like
 * private Mosquitto. Nothing is acknowledged before it is committed, so every reading ends up
 * stored exactly once, even when ingest restarts during the outage.
 */
class DatabaseOutageIT {
  static TestDatabase db;
  static TcpRelay relay;
  static PrivateMosquitto mosquitto;
  static TestBroker gateway;
  Vertx vertx;
  IngestApp app;
  String enterprise;
  String clientId;
  final Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));

  @BeforeAll
  static void services() {
    db = TestDatabase.create();
    String[] hp = hostPort(db.url());
    relay = TcpRelay.to(hp[0], Integer.parseInt(hp[1]));
    mosquitto = PrivateMosquitto.start();
    gateway = TestBroker.connect(mosquitto.url());
  }

  @AfterAll
  static void stopServices() throws Exception {
    gateway.close();
    mosquitto.close();
    relay.close();
    db.close();
  }

  @BeforeEach
  void startIngest() {
    relay.restore();
    enterprise = "out-" + UUID.randomUUID().toString().substring(0, 8);
    Gateways.register(db, enterprise + "/plant-1/gw-1");
    clientId = "et-it-outage-" + UUID.randomUUID();
    vertx = Vertx.vertx();
    app = IngestApp.start(vertx, config()).await();
    await().atMost(Duration.ofSeconds(20)).until(app::mqttConnected);
  }

  IngestConfig config() {
    return DeliveryFixtures.config(
        db, viaPort(db.url(), relay.port()), mosquitto.url(), clientId, "");
  }

  @AfterEach
  void stopIngest() {
    relay.restore();
    if (app != null) {
      app.stop().await();
    }
    vertx.close().await();
  }

  void publish(int from, int to) {
    for (int seq = from; seq < to; seq++) {
      gateway.publish(topic(enterprise), message(t0, seq));
    }
  }

  long stored() {
    return db.count(countSql(enterprise));
  }

  double queued(IngestApp a) {
    return a.metrics().registry().get("ingest.queue.messages").gauge().value();
  }

  @Test
  void storesEveryReadingExactlyOnceWhenTheDatabaseIsCutWhilePublishingAndComesBack() {
    publish(0, 20);
    await().atMost(Duration.ofSeconds(15)).until(() -> stored() == 20L * POINTS_PER_MESSAGE);

    relay.cut();
    publish(20, 100);
    await().atMost(Duration.ofSeconds(20)).until(() -> app.metrics().retries() >= 2);
    assertThat(stored()).isEqualTo(20L * POINTS_PER_MESSAGE);
    relay.restore();

    await().atMost(Duration.ofSeconds(30)).until(() -> stored() == 100L * POINTS_PER_MESSAGE);
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(3))
        .until(() -> stored() == 100L * POINTS_PER_MESSAGE);
    assertThat(db.count(sumSql(enterprise))).isEqualTo(expectedSum(100));
  }

  @Test
  // ack after commit: messages taken from the broker but never committed were never acknowledged,
  // so the broker hands them to the next ingest process with the same persistent session
  void losesNothingWhenIngestRestartsWhileTheDatabaseIsDown() {
    publish(0, 10);
    await().atMost(Duration.ofSeconds(15)).until(() -> stored() == 10L * POINTS_PER_MESSAGE);
    relay.cut();
    publish(10, 60);
    await().atMost(Duration.ofSeconds(20)).until(() -> app.metrics().retries() >= 1);

    app.stop().await();
    app = null;
    relay.restore();
    app = IngestApp.start(vertx, config()).await();

    await().atMost(Duration.ofSeconds(30)).until(() -> stored() == 60L * POINTS_PER_MESSAGE);
    assertThat(db.count(sumSql(enterprise))).isEqualTo(expectedSum(60));
  }

  @Test
  // backpressure: with the database down, ingest holds at most its queue and one batch; the rest
  // waits in the broker instead of in ingest's memory
  void stopsTakingMessagesWhileTheDatabaseIsDownInsteadOfBufferingThem() {
    relay.cut();
    publish(0, 300);
    await().atMost(Duration.ofSeconds(20)).until(() -> app.metrics().retries() >= 1);
    double receivedAtCut = app.metrics().registry().get("ingest.mqtt.received").gauge().value();

    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(4))
        .until(() -> queued(app) <= QUEUE_CAPACITY);
    double received = app.metrics().registry().get("ingest.mqtt.received").gauge().value();
    // one batch (at most 200 points = 20 messages) plus the queue plus Paho's thread holding one
    assertThat(received).isLessThanOrEqualTo(20 + QUEUE_CAPACITY + 1);
    assertThat(received).isEqualTo(receivedAtCut);
    relay.restore();

    await().atMost(Duration.ofSeconds(30)).until(() -> stored() == 300L * POINTS_PER_MESSAGE);
    assertThat(db.count(sumSql(enterprise))).isEqualTo(expectedSum(300));
  }
}
