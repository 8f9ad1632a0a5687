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
import org.energytrace.ingest.fixtures.Gateways;
import org.energytrace.ingest.fixtures.PrivateMosquitto;
import org.energytrace.ingest.fixtures.TestBroker;
import org.energytrace.ingest.fixtures.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * Horizontal scale: two ingest instances subscribe through one MQTT 5 shared subscription ({@code
 * $share/ingest/...}); the broker splits the stream between them, every reading is stored once and
 * no message is processed by both.
 */
class SharedSubscriptionIT {
  static final int MESSAGES = 400;

  @Test
  void twoInstancesOnASharedSubscriptionSplitOneStreamWithNoLossAndNoDoubleCount()
      throws Exception {
    String enterprise = "shared-" + UUID.randomUUID().toString().substring(0, 8);
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
    Vertx vertx = Vertx.vertx();
    try (TestDatabase db = TestDatabase.create();
        PrivateMosquitto mosquitto = PrivateMosquitto.start();
        TestBroker gateway = TestBroker.connect(mosquitto.url())) {
      Gateways.register(db, enterprise + "/plant-1/gw-1");
      IngestApp a =
          IngestApp.start(
                  vertx,
                  DeliveryFixtures.config(
                      db, db.url(), mosquitto.url(), "et-it-shared-a", "ingest"))
              .await();
      IngestApp b =
          IngestApp.start(
                  vertx,
                  DeliveryFixtures.config(
                      db, db.url(), mosquitto.url(), "et-it-shared-b", "ingest"))
              .await();
      await().atMost(Duration.ofSeconds(20)).until(() -> a.mqttConnected() && b.mqttConnected());

      for (int seq = 0; seq < MESSAGES; seq++) {
        gateway.publish(topic(enterprise), message(t0, seq));
      }

      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> db.count(countSql(enterprise)) == (long) MESSAGES * POINTS_PER_MESSAGE);
      await()
          .atMost(Duration.ofSeconds(5))
          .until(
              () -> a.metrics().messagesProcessed() + b.metrics().messagesProcessed() == MESSAGES);
      assertThat(a.metrics().messagesProcessed()).isPositive();
      assertThat(b.metrics().messagesProcessed()).isPositive();
      assertThat(a.metrics().duplicates() + b.metrics().duplicates()).isZero();
      assertThat(a.metrics().pointsStored() + b.metrics().pointsStored())
          .isEqualTo((double) MESSAGES * POINTS_PER_MESSAGE);
      assertThat(db.count(sumSql(enterprise))).isEqualTo(expectedSum(MESSAGES));
      a.stop().await();
      b.stop().await();
    } finally {
      vertx.close().await();
    }
  }
}
