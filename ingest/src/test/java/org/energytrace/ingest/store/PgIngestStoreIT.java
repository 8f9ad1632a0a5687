package org.energytrace.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.energytrace.ingest.fixtures.Examples;
import org.energytrace.ingest.fixtures.TestDatabase;
import org.energytrace.ingest.validate.MessageValidator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The store against the real database, without MQTT. */
class PgIngestStoreIT {
  static final Instant NOW = Instant.parse("2026-11-29T09:00:00Z");
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
  }

  @AfterAll
  static void drop() {
    database.close();
    db.close();
  }

  Incoming incoming(String topic, byte[] payload) {
    return new Incoming(topic, payload, NOW, validator.validate(topic, payload));
  }

  @Test
  // the last will (no ts, stamped with its arrival) is newer than the online message
  void storesTheGoldenExamplesOfEveryKindInOneBatch() {
    PgIngestStore store = new PgIngestStore(database.dataSource(), true);
    List<Incoming> batch =
        Examples.jsonFiles(Examples.VALID).stream()
            .map(
                p ->
                    incoming(
                        Examples.topicFor(p).replace("demo-brewery", "golden"), Examples.bytes(p)))
            .toList();

    BatchResult first = store.write(batch);
    BatchResult replay = store.write(batch);

    assertThat(first.stored()).hasSize(4);
    assertThat(first.productionStored()).isEqualTo(3);
    assertThat(replay.stored()).isEmpty();
    assertThat(replay.duplicates()).isEqualTo(4);
    assertThat(replay.productionStored()).isZero();
    assertThat(
            db.count(
                "select count(*) from gateway where code = 'gw-demo-01' and status = 'offline'"
                    + " and last_seq = 1042"))
        .isEqualTo(1);
  }

  @Test
  void quarantinesPointsOfUnknownMetersWhenAutoRegistrationIsOff() {
    PgIngestStore registering = new PgIngestStore(database.dataSource(), true);
    PgIngestStore strict = new PgIngestStore(database.dataSource(), false);
    String topic = "et/v1/strict-co/plant-1/gw-1/telemetry";
    String known =
        """
        {"schema_version":1,"gateway":"gw-1","seq":1,"sent_at":"2026-11-29T08:00:01Z","points":[
         {"meter":"known-em","channel":"AcActivePowerTotal","ts":"2026-11-29T08:00:00Z","value":1,"unit":"KWT","quality":"good"}]}
        """;
    registering.write(List.of(incoming(topic, known.getBytes(StandardCharsets.UTF_8))));
    String mixed =
        """
        {"schema_version":1,"gateway":"gw-1","seq":2,"sent_at":"2026-11-29T08:01:01Z","points":[
         {"meter":"known-em","channel":"AcActivePowerTotal","ts":"2026-11-29T08:01:00Z","value":2,"unit":"KWT","quality":"good"},
         {"meter":"stranger-em","channel":"AcActivePowerTotal","ts":"2026-11-29T08:01:00Z","value":3,"unit":"KWT","quality":"good"}]}
        """;

    BatchResult result =
        strict.write(List.of(incoming(topic, mixed.getBytes(StandardCharsets.UTF_8))));

    assertThat(result.stored()).extracting(StoredReading::meter).containsExactly("known-em");
    assertThat(result.quarantined()).isEqualTo(1);
    assertThat(
            db.count(
                "select count(*) from quarantine where reason like"
                    + " '%stranger-em%unknown meter or channel (ingest.auto_register is off)'"))
        .isEqualTo(1);
    assertThat(db.count("select count(*) from meter where code = 'stranger-em'")).isZero();
  }

  @Test
  void refusesAPointWhoseUnitDiffersFromTheRegisteredChannel() {
    PgIngestStore store = new PgIngestStore(database.dataSource(), true);
    String topic = "et/v1/unit-co/plant-1/gw-1/telemetry";
    String kw =
        """
        {"schema_version":1,"gateway":"gw-1","seq":1,"sent_at":"2026-11-29T08:00:01Z","points":[
         {"meter":"m1","channel":"AcActivePowerTotal","ts":"2026-11-29T08:00:00Z","value":1,"unit":"KWT","quality":"good"}]}
        """;
    store.write(List.of(incoming(topic, kw.getBytes(StandardCharsets.UTF_8))));

    BatchResult watts =
        store.write(
            List.of(
                incoming(
                    topic,
                    kw.replace("KWT", "WTT")
                        .replace("08:00:00Z", "08:00:10Z")
                        .getBytes(StandardCharsets.UTF_8))));

    assertThat(watts.stored()).isEmpty();
    assertThat(watts.quarantined()).isEqualTo(1);
  }
}
