package org.energytrace.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.energytrace.ingest.fixtures.Gateways;
import org.energytrace.ingest.fixtures.TestDatabase;
import org.energytrace.ingest.metrics.IngestMetrics;
import org.energytrace.ingest.model.Incoming;
import org.energytrace.ingest.validate.MessageValidator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateways' message numbers against the real database (V97): a message a broker dropped past
 * its queue limit was counted as delivered by the gateway and never seen by ingest, and nothing but
 * the broker's log said so (a fault-injection review lost 11 readings that way). Its number is now
 * missing between the numbers that arrived, and said once it stays missing.
 */
class MessageNumbersIT {
  static final Instant NOW = Instant.parse("2026-11-29T09:00:00Z");
  static final String TOPIC = "et/v1/seq-co/plant-1/gw-1/telemetry";
  static TestDatabase db;
  static Database database;
  final MessageValidator validator =
      new MessageValidator(
          Clock.fixed(NOW, ZoneOffset.UTC), 1 << 20, Duration.ofMinutes(5), Duration.ofDays(400));

  @BeforeAll
  static void migrate() {
    db = TestDatabase.create();
    database = Database.open(db.config());
    database.migrate();
    Gateways.register(
        database.dataSource(), "seq-co/plant-1/gw-1", "seq-co/plant-1/gw-2", "seq-co/plant-1/gw-3");
  }

  @AfterAll
  static void drop() {
    database.close();
    db.close();
  }

  /** One batch of telemetry messages of {@code gateway} with these numbers. */
  void write(PgIngestStore store, String gateway, int... seqs) {
    List<Incoming> batch = new ArrayList<>();
    for (int seq : seqs) {
      String ts = NOW.minusSeconds(600 - seq).toString();
      byte[] payload =
          PgIngestStoreIT.power(gateway, "m-" + gateway, seq, ts, seq)
              .getBytes(StandardCharsets.UTF_8);
      String topic = TOPIC.replace("gw-1", gateway);
      batch.add(new Incoming(topic, payload, NOW, validator.validate(topic, payload)));
    }
    store.write(batch);
  }

  List<String> gaps() {
    return MessageNumbers.gaps(database.dataSource(), Instant.now().plus(Duration.ofDays(1)))
        .stream()
        .filter(g -> !g.gateway().equals("gw-3"))
        .map(g -> g.gateway() + " " + g.from() + ".." + g.to())
        .toList();
  }

  /** The stored ranges of gw-1 and gw-2. */
  long ranges() {
    return db.count(
        "select count(*) from gateway_message_range join gateway using (gateway_id)"
            + " where code in ('gw-1', 'gw-2')");
  }

  @Test
  void aNumberMissingBetweenThoseThatArrivedIsAGapUntilItsMessageComes() {
    PgIngestStore store = new PgIngestStore(database.dataSource(), true);
    write(store, "gw-1", 1, 2, 3);
    write(store, "gw-1", 6, 5); // 4 dropped by the broker; the batch out of order
    write(store, "gw-1", 2, 3); // redeliveries change nothing
    write(store, "gw-2", 10, 11, 14, 12); // another gateway: 13 missing within one batch
    assertThat(gaps()).containsExactly("gw-1 4..4", "gw-2 13..13");
    // one range a gateway for what came in order
    assertThat(ranges()).isEqualTo(4);

    // a late backlog closes them: one range each again
    write(store, "gw-1", 4);
    write(store, "gw-2", 13, 15);
    assertThat(gaps()).isEmpty();
    assertThat(ranges()).isEqualTo(2);
  }

  @Test
  void aGapIsCountedAndSaidOnceItIsOlderThanTheGraceAMessageOnItsWayHas() {
    PgIngestStore store = new PgIngestStore(database.dataSource(), true);
    write(store, "gw-3", 100, 101, 104);
    IngestMetrics metrics = new IngestMetrics();
    MissingMessages fresh = new MissingMessages(database.dataSource(), Clock.systemUTC());
    fresh.instrument(metrics);
    // just now: a backlog may still be on its way
    assertThat(fresh.runOnce()).isEmpty();
    assertThat(missing(metrics)).isZero();

    MissingMessages later =
        new MissingMessages(
            database.dataSource(),
            Clock.offset(Clock.systemUTC(), MissingMessages.GRACE.plusMinutes(1)));
    IngestMetrics laterMetrics = new IngestMetrics();
    later.instrument(laterMetrics);
    assertThat(later.runOnce())
        .singleElement()
        .satisfies(
            g -> {
              assertThat(g.enterprise()).isEqualTo("seq-co");
              assertThat(g.gateway()).isEqualTo("gw-3");
              assertThat(g.from()).isEqualTo(102);
              assertThat(g.to()).isEqualTo(103);
              assertThat(g.count()).isEqualTo(2);
            });
    assertThat(missing(laterMetrics)).isEqualTo(2.0);

    write(store, "gw-3", 102, 103);
    assertThat(later.runOnce()).isEmpty();
    assertThat(missing(laterMetrics)).isZero();
  }

  static double missing(IngestMetrics metrics) {
    Gauge g = metrics.registry().find("ingest.messages.missing").gauge();
    assertThat(g).as("the gauge is registered").isNotNull();
    return g.value();
  }
}
