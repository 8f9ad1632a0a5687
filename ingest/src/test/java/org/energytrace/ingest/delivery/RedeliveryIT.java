package org.energytrace.ingest.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.energytrace.ingest.delivery.DeliveryFixtures.*;

import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.energytrace.ingest.config.IngestConfig;
import org.energytrace.ingest.fixtures.Gateways;
import org.energytrace.ingest.fixtures.PrivateMosquitto;
import org.energytrace.ingest.fixtures.TestBroker;
import org.energytrace.ingest.fixtures.TestDatabase;
import org.energytrace.ingest.metrics.IngestMetrics;
import org.energytrace.ingest.mqtt.InboundMessage;
import org.energytrace.ingest.mqtt.MessageSource;
import org.energytrace.ingest.mqtt.PahoSubscriber;
import org.energytrace.ingest.pipeline.IngestPipeline;
import org.energytrace.ingest.store.Database;
import org.energytrace.ingest.store.PgIngestStore;
import org.energytrace.ingest.validate.MessageValidator;
import org.junit.jupiter.api.Test;

/**
 * A broker redelivery of messages that were stored but whose acknowledgement never reached the
 * broker (ingest died between commit and PUBACK): the redelivered readings are absorbed by the
 * idempotent store and counted as duplicates, never stored twice.
 */
class RedeliveryIT {
  final Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));

  /** A source whose acknowledgements are lost, as when the process dies right after commit. */
  record AcksLost(PahoSubscriber delegate) implements MessageSource {
    @Override
    public InboundMessage poll(Duration timeout) throws InterruptedException {
      return delegate.poll(timeout);
    }

    @Override
    public void ack(InboundMessage message) {}

    @Override
    public boolean isConnected() {
      return delegate.isConnected();
    }
  }

  @Test
  void absorbsTheBrokersRedeliveryOfStoredButUnacknowledgedMessagesAndCountsThemAsDuplicates()
      throws Exception {
    String enterprise = "redeliver-" + UUID.randomUUID().toString().substring(0, 8);
    try (TestDatabase db = TestDatabase.create();
        PrivateMosquitto mosquitto = PrivateMosquitto.start();
        TestBroker gateway = TestBroker.connect(mosquitto.url());
        Database database = Database.open(db.config())) {
      database.migrate();
      Gateways.register(database.dataSource(), enterprise + "/plant-1/gw-1");
      Vertx vertx = Vertx.vertx();
      IngestConfig config =
          DeliveryFixtures.config(
              db, db.url(), mosquitto.url(), "et-it-redeliver-" + UUID.randomUUID(), "");
      Clock clock = Clock.systemUTC();
      MessageValidator validator =
          new MessageValidator(clock, 1 << 20, Duration.ofMinutes(5), Duration.ofDays(400));
      PgIngestStore store = new PgIngestStore(database.dataSource(), true);

      PahoSubscriber first = new PahoSubscriber(config.mqtt(), clock);
      IngestMetrics firstMetrics = new IngestMetrics();
      IngestPipeline lossy =
          new IngestPipeline(
              vertx, new AcksLost(first), validator, store, firstMetrics, config.ingest());
      first.start();
      lossy.start();
      await().atMost(Duration.ofSeconds(10)).until(first::isConnected);
      for (int seq = 0; seq < 10; seq++) {
        gateway.publish(topic(enterprise), message(t0, seq));
      }
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> db.count(countSql(enterprise)) == 10L * POINTS_PER_MESSAGE);
      lossy.stop().await();
      first.close();

      PahoSubscriber second = new PahoSubscriber(config.mqtt(), clock);
      IngestMetrics secondMetrics = new IngestMetrics();
      IngestPipeline pipeline =
          new IngestPipeline(vertx, second, validator, store, secondMetrics, config.ingest());
      second.start();
      pipeline.start();

      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> secondMetrics.duplicates() == 10.0 * POINTS_PER_MESSAGE);
      assertThat(secondMetrics.pointsStored()).isZero();
      assertThat(db.count(countSql(enterprise))).isEqualTo(10L * POINTS_PER_MESSAGE);
      assertThat(db.count(sumSql(enterprise))).isEqualTo(expectedSum(10));
      pipeline.stop().await();
      second.close();
      vertx.close().await();
    }
  }
}
