package org.energytrace.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.energytrace.ingest.fixtures.TestDatabase;
import org.energytrace.ingest.metrics.IngestMetrics;
import org.energytrace.ingest.model.Incoming;
import org.energytrace.ingest.quarantine.QuarantineService;
import org.energytrace.ingest.store.PgReadQueries.QuarantineView;
import org.energytrace.ingest.tenant.Scope;
import org.energytrace.ingest.validate.MessageValidator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Quarantine rows against the real database: one row per message however often the broker
 * redelivers it (V31), a bounded prefix of an oversized payload, and rows that quote a NUL stay
 * storable and listable.
 */
class PgQuarantineIT {
  static final Instant NOW = Instant.parse("2026-11-29T09:00:00Z");
  static final int MAX_PAYLOAD = 4096;
  static TestDatabase db;
  static Database database;
  final MessageValidator validator =
      new MessageValidator(
          Clock.fixed(NOW, ZoneOffset.UTC),
          MAX_PAYLOAD,
          Duration.ofMinutes(5),
          Duration.ofDays(400));
  final PgIngestStore store = new PgIngestStore(database.dataSource(), false, MAX_PAYLOAD);
  final String enterprise = "qr-" + UUID.randomUUID().toString().substring(0, 8);

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

  Incoming incoming(String topic, byte[] payload, Instant receivedAt) {
    return new Incoming(topic, payload, receivedAt, validator.validate(topic, payload));
  }

  String topic(String kind) {
    return "et/v1/" + enterprise + "/plant-1/gw-1/" + kind;
  }

  long rows() {
    return db.count(
        "select count(*) from quarantine where topic like 'et/v1/" + enterprise + "/%'");
  }

  @Test
  void quarantinesAMessageOnceHoweverOftenItArrivesAndCountsTheArrivals() {
    // issue 11: the broker redelivers what was not acknowledged (a restart, a reconnect); the
    // message is the same and must not become a second row
    byte[] payload = "{not json".getBytes(StandardCharsets.UTF_8);
    Incoming first = incoming(topic("telemetry"), payload, NOW);
    Incoming again = incoming(topic("telemetry"), payload, NOW.plusSeconds(30));

    BatchResult one = store.write(List.of(first, first));
    BatchResult two = store.write(List.of(again));
    store.quarantine(again, "store: as the pipeline quarantines a poison message");

    assertThat(one.quarantined()).isEqualTo(1);
    assertThat(two.quarantined()).isZero();
    assertThat(rows()).isEqualTo(1);
    assertThat(
            db.count(
                "select occurrences from quarantine where topic = '" + topic("telemetry") + "'"))
        .isEqualTo(4);
    assertThat(
            db.count(
                "select count(*) from quarantine where topic = '"
                    + topic("telemetry")
                    + "' and received_at = '"
                    + NOW
                    + "' and last_received_at = '"
                    + NOW.plusSeconds(30)
                    + "'"))
        .isEqualTo(1);
  }

  @Test
  void keepsTheSameBytesOnAnotherTopicAsAnotherMessage() {
    byte[] payload = "[]".getBytes(StandardCharsets.UTF_8);

    store.write(
        List.of(
            incoming(topic("telemetry"), payload, NOW),
            incoming(topic("production"), payload, NOW)));

    assertThat(rows()).isEqualTo(2);
  }

  @Test
  void keepsABoundedPrefixOfAnOversizedPayloadWithTheWholePayloadsHashAndLength() throws Exception {
    // issue 11: refused oversized payloads were kept whole; a flood of them filled the heap
    byte[] huge = ("{\"x\":\"" + "a".repeat(200_000) + "\"}").getBytes(StandardCharsets.UTF_8);

    store.write(List.of(incoming(topic("telemetry"), huge, NOW)));

    try (var c = db.connect();
        var st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "select octet_length(payload), payload_length, payload_sha256, payload_truncated,"
                    + " reason, quarantine_id from quarantine where topic = '"
                    + topic("telemetry")
                    + "'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(PgIngestStore.QUARANTINE_PREFIX_BYTES);
      assertThat(rs.getInt(2)).isEqualTo(huge.length);
      assertThat(rs.getBytes(3)).isEqualTo(MessageDigest.getInstance("SHA-256").digest(huge));
      assertThat(rs.getBoolean(4)).isTrue();
      assertThat(rs.getString(5))
          .startsWith("payload: " + huge.length + " bytes exceeds the limit");
      long id = rs.getLong(6);

      QuarantineService service =
          new QuarantineService(store, validator, stored -> {}, new IngestMetrics());
      PgIngestStore.Reprocessed r = service.reprocess(id);
      assertThat(r.released()).isFalse();
      assertThat(r.reason())
          .isEqualTo(
              "payload: only the first 65536 of "
                  + huge.length
                  + " bytes were kept (it exceeded ingest.max_payload_bytes); it cannot be"
                  + " re-processed");
    }
  }

  @Test
  void anOversizedPayloadKeptWholeIsValidatedAgainOnReprocessingAgainstTheLimitInForce() {
    // it said "only the first 5012 of 5012 bytes were kept … cannot be re-processed" when the
    // limit is under the kept prefix's size: the whole message was there to validate
    byte[] big = ("{not json" + " ".repeat(5000) + "}").getBytes(StandardCharsets.UTF_8);
    store.write(List.of(incoming(topic("telemetry"), big, NOW)));
    long id =
        db.count(
            "select quarantine_id from quarantine where payload_truncated and topic = '"
                + topic("telemetry")
                + "'");

    PgIngestStore.Reprocessed same =
        new QuarantineService(store, validator, stored -> {}, new IngestMetrics()).reprocess(id);
    assertThat(same.released()).isFalse();
    assertThat(same.reason())
        .startsWith("payload: " + big.length + " bytes exceeds the limit of " + MAX_PAYLOAD);

    // the operator raised ingest.max_payload_bytes: the message is read, and refused for what it is
    MessageValidator raised =
        new MessageValidator(
            Clock.fixed(NOW, ZoneOffset.UTC), 1 << 20, Duration.ofMinutes(5), Duration.ofDays(400));
    PgIngestStore.Reprocessed again =
        new QuarantineService(store, raised, stored -> {}, new IngestMetrics()).reprocess(id);
    assertThat(again.released()).isFalse();
    assertThat(again.reason()).doesNotContain("exceeds the limit").containsIgnoringCase("json");
  }

  @Test
  void quarantinesAStatusWithANulInItsReasonAsAStorableListableRowNamingTheField() {
    // issue 11: a NUL reached PostgreSQL text and failed there ("database unavailable")
    byte[] payload =
        ("{\"schema_version\":1,\"gateway\":\"gw-1\",\"state\":\"online\","
                + "\"ts\":\"2026-11-29T08:59:00Z\",\"reason\":\"boot\\u0000ed\"}")
            .getBytes(StandardCharsets.UTF_8);

    BatchResult r = store.write(List.of(incoming(topic("status"), payload, NOW)));

    assertThat(r.quarantined()).isEqualTo(1);
    List<QuarantineView> listed =
        new PgReadQueries(database.dataSource())
            .quarantine(Scope.ALL, "new", null, 1000).stream()
                .filter(q -> q.topic().equals(topic("status")))
                .toList();
    assertThat(listed)
        .singleElement()
        .satisfies(
            q -> {
              assertThat(q.reason())
                  .isEqualTo("/reason: contains a NUL character (U+0000), which cannot be stored");
              assertThat(q.payloadText()).contains("boot\\u0000ed");
            });
  }

  @Test
  void storesAReasonThatQuotesControlCharactersAsEscapes() {
    Incoming in = incoming(topic("telemetry"), "x".getBytes(StandardCharsets.UTF_8), NOW);

    store.quarantine(in, "store: ERROR: invalid byte sequence 0x00 in \u0000 here");

    assertThat(
            db.count(
                "select count(*) from quarantine where topic = '"
                    + topic("telemetry")
                    + "' and reason like '%\\\\u0000 here%'"))
        .isEqualTo(1);
  }
}
