package org.energytrace.ingest.quarantine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.energytrace.ingest.IngestApp;
import org.energytrace.ingest.config.IngestConfig;
import org.energytrace.ingest.fixtures.SecuredService;
import org.energytrace.ingest.fixtures.TestAccess;
import org.energytrace.ingest.fixtures.TestBroker;
import org.energytrace.ingest.fixtures.TestDatabase;
import org.energytrace.ingest.fixtures.VietnameseRefusals;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The service with auto-registration off (production setting) against the local PostgreSQL and
 * Mosquitto: bad input of every kind is quarantined with a precise reason while the valid data
 * around it is stored, and quarantined messages are released over the API once the registry is
 * fixed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QuarantineWorkflowIT {
  static final int MAX_PAYLOAD = 16 * 1024;
  static TestDatabase db;
  static TestBroker broker;
  static Vertx vertx;
  static IngestApp app;
  static WebClient http;
  static String token;

  String enterprise;
  final Instant ts = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(120);

  @BeforeAll
  static void start() {
    db = TestDatabase.create();
    broker = TestBroker.connect();
    vertx = Vertx.vertx();
    IngestConfig defaults =
        IngestConfig.defaults(
            db.url(), db.config().user(), TestBroker.URL, "et-it-quarantine-" + UUID.randomUUID());
    var p = defaults.ingest();
    IngestConfig config =
        defaults.withIngest(
            new org.energytrace.ingest.config.PipelineConfig(
                false,
                MAX_PAYLOAD,
                p.clockSkew(),
                p.maxAge(),
                p.batchMaxRows(),
                p.batchMaxWait(),
                p.retryDelay(),
                p.inFlight()));
    app = IngestApp.start(vertx, config).await();
    http = WebClient.create(vertx);
    token = TestAccess.of(db).systemAdminToken();
    await().atMost(Duration.ofSeconds(20)).until(() -> get("/api/v1/health").statusCode() == 200);
  }

  @AfterAll
  static void stop() throws Exception {
    SecuredService.stop(app, vertx, broker, db);
  }

  @BeforeEach
  void provision() {
    enterprise = "q-" + UUID.randomUUID().toString().substring(0, 8);
    HttpResponse<Buffer> gw =
        put(
            "/api/v1/enterprises/" + enterprise + "/gateways/gw-1",
            new JsonObject().put("site", "plant-1").put("auto_register_meters", false));
    assertThat(gw.statusCode()).isEqualTo(200);
    assertThat(putMeter("known-em").statusCode()).isEqualTo(200);
  }

  static HttpResponse<Buffer> get(String path) {
    return http.get(app.httpPort(), "127.0.0.1", path)
        .bearerTokenAuthentication(token)
        .send()
        .await();
  }

  static HttpResponse<Buffer> post(String path) {
    return http.post(app.httpPort(), "127.0.0.1", path)
        .bearerTokenAuthentication(token)
        .send()
        .await();
  }

  static HttpResponse<Buffer> put(String path, JsonObject body) {
    return http.put(app.httpPort(), "127.0.0.1", path)
        .bearerTokenAuthentication(token)
        .sendJsonObject(body)
        .await();
  }

  HttpResponse<Buffer> putMeter(String meter) {
    return put(
        "/api/v1/enterprises/" + enterprise + "/meters/" + meter,
        new JsonObject()
            .put("site", "plant-1")
            .put("gateway", "gw-1")
            .put(
                "channels",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("name", "AcActivePowerTotal")
                            .put("unit", "KWT")
                            .put("kind", "gauge"))));
  }

  String topic() {
    return "et/v1/" + enterprise + "/plant-1/gw-1/telemetry";
  }

  static String point(String meter, Instant at, String value) {
    return """
        {"meter":"%s","channel":"AcActivePowerTotal","ts":"%s","value":%s,"unit":"KWT","quality":"good"}"""
        .formatted(meter, at, value);
  }

  String batch(int seq, String... points) {
    return """
        {"schema_version":1,"gateway":"gw-1","seq":%d,"sent_at":"%s","points":[%s]}"""
        .formatted(seq, ts, String.join(",", points));
  }

  long stored() {
    return db.count(
        "select count(*) from reading r join enterprise e using (enterprise_id) where e.code = '"
            + enterprise
            + "'");
  }

  List<JsonObject> quarantined() {
    JsonArray rows =
        get("/api/v1/quarantine?status=new&limit=100&enterprise=" + enterprise)
            .bodyAsJsonObject()
            .getJsonArray("quarantine");
    return rows.stream().map(JsonObject.class::cast).toList();
  }

  List<String> reasonsOfTopic(String topicLike) {
    return get("/api/v1/quarantine?limit=1000")
        .bodyAsJsonObject()
        .getJsonArray("quarantine")
        .stream()
        .map(JsonObject.class::cast)
        .filter(q -> q.getString("topic").contains(topicLike))
        .map(q -> q.getString("reason"))
        .toList();
  }

  @Test
  void quarantinesEveryKindOfBadInputWithAPreciseReasonAndKeepsTheValidDataAroundIt() {
    String topic = topic();
    broker.publish(topic, batch(1, point("known-em", ts, "1.0")));
    // oversized
    broker.publish(
        topic, batch(2, point("known-em", ts.plusSeconds(1), "2" + "0".repeat(MAX_PAYLOAD))));
    // deep JSON
    broker.publish(topic, "[".repeat(100) + "]".repeat(100));
    // NaN and Infinity are not JSON; a number beyond double range is not finite
    broker.publish(topic, batch(3, point("known-em", ts.plusSeconds(3), "NaN")));
    broker.publish(topic, batch(4, point("known-em", ts.plusSeconds(4), "1e400")));
    // wrong type
    broker.publish(topic, batch(5, point("known-em", ts.plusSeconds(5), "\"7\"")));
    // unknown meter beside a valid point: the valid one is kept
    broker.publish(
        topic,
        batch(
            6,
            point("ghost-em", ts.plusSeconds(6), "6"),
            point("known-em", ts.plusSeconds(6), "6")));
    // far in the future
    broker.publish(topic, batch(7, point("known-em", Instant.now().plus(Duration.ofDays(3)), "7")));
    // another enterprise's gateway publishing here
    String other = "o-" + UUID.randomUUID().toString().substring(0, 8);
    put(
        "/api/v1/enterprises/" + other + "/gateways/gw-foreign",
        new JsonObject().put("site", "plant-1"));
    String foreignTopic = "et/v1/" + enterprise + "/plant-1/gw-foreign/telemetry";
    broker.publish(
        foreignTopic,
        batch(8, point("known-em", ts.plusSeconds(8), "8")).replace("gw-1", "gw-foreign"));
    broker.publish(topic, batch(9, point("known-em", ts.plusSeconds(9), "9")));

    await().atMost(Duration.ofSeconds(15)).until(() -> stored() == 3);
    await().atMost(Duration.ofSeconds(15)).until(() -> reasonsOfTopic(enterprise).size() == 8);
    assertThat(reasonsOfTopic(enterprise))
        .anyMatch(
            r ->
                r.startsWith("payload: " + (MAX_PAYLOAD + 1))
                    || r.contains("exceeds the limit of " + MAX_PAYLOAD))
        .anyMatch(r -> r.startsWith("payload: not acceptable JSON") && r.contains("nesting depth"))
        .anyMatch(r -> r.startsWith("payload: not acceptable JSON") && r.contains("NaN"))
        .anyMatch(
            r ->
                r.equals("/points/0/value: a number too large for a double (at most ±1.8E308)")
                    || r.equals("/points/0/value: 1.0E400 is not a finite double"))
        .anyMatch(r -> r.equals("/points/0/value: string found, number expected"))
        .anyMatch(
            r ->
                r.startsWith("some points refused: meter 'ghost-em'")
                    && r.contains("unknown meter or channel"))
        .anyMatch(r -> r.startsWith("/points/0/ts:") && r.contains("is in the future"))
        .anyMatch(
            r ->
                r.equals(
                    "topic: gateway 'gw-foreign' belongs to another enterprise and may not publish"
                        + " for enterprise '"
                        + enterprise
                        + "'"));
    assertThat(get("/api/v1/health").statusCode()).isEqualTo(200);
  }

  /**
   * Every reason the tests above got a message quarantined with (oversized, deep, not finite, of
   * the wrong kind, an unknown meter, from the future, another enterprise's gateway, another value
   * for a stored reading…) reads in Vietnamese on a Vietnamese quarantine page. Runs last.
   */
  @Order(Integer.MAX_VALUE)
  @Test
  void everyReasonAboveReadsInVietnamese() throws Exception {
    JsonArray listed =
        get("/api/v1/quarantine?limit=10000").bodyAsJsonObject().getJsonArray("quarantine");
    List<String> reasons =
        listed.stream().map(q -> ((JsonObject) q).getString("reason")).distinct().toList();
    assertThat(reasons)
        .as("the tests above ran first")
        .anyMatch(r -> r.contains("unknown meter or channel"))
        .anyMatch(r -> r.contains("another reading is stored for this time"));
    assertThat(VietnameseRefusals.reasonsInEnglish(reasons)).isEmpty();
  }

  /** {@code ingest_messages_total{outcome}} so far. */
  static double messages(String outcome) {
    return app.metrics()
        .registry()
        .get("ingest.messages")
        .tag("outcome", outcome)
        .counter()
        .count();
  }

  /** The change of {@code ingest_messages_total} by outcome (stored, partial, refused) since. */
  static List<Double> messagesSince(List<Double> before) {
    return List.of(
        messages("stored") - before.get(0),
        messages("partial") - before.get(1),
        messages("refused") - before.get(2));
  }

  static List<Double> messagesNow() {
    return messagesSince(List.of(0.0, 0.0, 0.0));
  }

  /**
   * The list says how often a message came and when last, and of an oversized one how much of how
   * much was kept with the whole payload's hash: the columns were stored but not shown, so a source
   * resending forever looked like one message and a cut payload like a whole one.
   */
  @Test
  void theListSaysHowOftenAMessageCameAndWhatOfAnOversizedOneWasKept() throws Exception {
    String again = "resent, not json " + java.util.UUID.randomUUID();
    for (int i = 0; i < 3; i++) {
      broker.publish(topic(), again);
    }
    byte[] big = new byte[MAX_PAYLOAD + 1000];
    java.util.Arrays.fill(big, (byte) 'x');
    broker.publish(topic(), big);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              List<JsonObject> q = quarantined();
              return q.stream()
                      .anyMatch(
                          r ->
                              again.equals(r.getString("payload_text"))
                                  && r.getInteger("occurrences") == 3)
                  && q.stream().anyMatch(r -> r.getBoolean("payload_truncated"));
            });
    JsonObject resent =
        quarantined().stream()
            .filter(r -> again.equals(r.getString("payload_text")))
            .findFirst()
            .orElseThrow();
    assertThat(Instant.parse(resent.getString("last_received_at")))
        .isAfterOrEqualTo(Instant.parse(resent.getString("received_at")));
    assertThat(resent.getBoolean("payload_truncated")).isFalse();
    assertThat(resent.getLong("payload_length")).isEqualTo(again.length());
    JsonObject cut =
        quarantined().stream()
            .filter(r -> r.getBoolean("payload_truncated"))
            .findFirst()
            .orElseThrow();
    assertThat(cut.getInteger("occurrences")).isEqualTo(1);
    assertThat(cut.getLong("payload_length")).isEqualTo(big.length);
    // kept: its first 64 KiB (QuarantineRows.QUARANTINE_PREFIX_BYTES), here all of it
    assertThat(cut.getInteger("payload_bytes")).isLessThanOrEqualTo(big.length);
    assertThat(cut.getString("payload_sha256"))
        .isEqualTo(
            java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(big)));
  }

  @Test
  void aSecondReadingOfAnotherValueForAStoredKeyIsQuarantinedAndTheStoredOneKept() {
    List<Double> before = messagesNow();
    String topic = topic();
    broker.publish(topic, batch(1, point("known-em", ts, "10.5")));
    await().atMost(Duration.ofSeconds(10)).until(() -> stored() == 1);
    // the same message again (a redelivery, a replay): absorbed, nothing quarantined
    broker.publish(topic, batch(1, point("known-em", ts, "10.5")));
    // another message with another value at the same time, beside a new reading
    broker.publish(
        topic,
        batch(2, point("known-em", ts, "99.25"), point("known-em", ts.plusSeconds(1), "11")));
    // two values for one new key inside one message: the first is stored, the second refused
    broker.publish(
        topic,
        batch(
            3,
            point("known-em", ts.plusSeconds(2), "12"),
            point("known-em", ts.plusSeconds(2), "13")));

    await().atMost(Duration.ofSeconds(10)).until(() -> stored() == 3);
    await().atMost(Duration.ofSeconds(10)).until(() -> quarantined().size() == 2);
    assertThat(quarantined())
        .extracting(q -> q.getString("reason"))
        .containsExactlyInAnyOrder(
            "some points refused: meter 'known-em' channel 'AcActivePowerTotal' at "
                + ts
                + ": another reading is stored for this time (stored 10.5 KWT good, this message"
                + " 99.25 KWT good); the stored reading is kept",
            "some points refused: meter 'known-em' channel 'AcActivePowerTotal' at "
                + ts.plusSeconds(2)
                + ": another reading is stored for this time (stored 12.0 KWT good, this message"
                + " 13.0 KWT good); the stored reading is kept");
    assertThat(
            db.text(
                "select string_agg(value::text, ',' order by ts) from reading r join enterprise e"
                    + " using (enterprise_id) where e.code = '"
                    + enterprise
                    + "'"))
        .isEqualTo("10.5,11,12");
    assertThat(app.metrics().conflicting()).isGreaterThanOrEqualTo(2);
    // the first message and its replay stored; the two with a conflicting reading partial (their
    // other reading is stored), not counted as stored as validation alone would have it
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> messagesSince(before).stream().mapToDouble(d -> d).sum() == 4);
    assertThat(messagesSince(before)).containsExactly(2.0, 2.0, 0.0);

    // re-processing cannot release it: the conflict is still there
    long id =
        quarantined().stream()
            .filter(q -> q.getString("reason").contains("99.25"))
            .findFirst()
            .orElseThrow()
            .getLong("id");
    HttpResponse<Buffer> again = post("/api/v1/quarantine/" + id + "/reprocess");
    assertThat(again.statusCode()).isEqualTo(422);
    assertThat(again.bodyAsJsonObject().getString("status")).isEqualTo("new");
    assertThat(again.bodyAsJsonObject().getString("reason")).contains("stored 10.5 KWT good");
    assertThat(quarantined()).hasSize(2);
  }

  static HttpResponse<Buffer> post(String path, JsonObject body) {
    return http.post(app.httpPort(), "127.0.0.1", path)
        .bearerTokenAuthentication(token)
        .sendJsonObject(body)
        .await();
  }

  static List<Long> ids(JsonObject discarded) {
    return discarded.getJsonArray("ids").stream().map(o -> ((Number) o).longValue()).toList();
  }

  @Test
  void discardsTheMessagesWhoseReasonContainsATextOldestFirstEachAudited() {
    String topic = topic();
    for (int i = 1; i <= 3; i++) {
      broker.publish(topic, batch(i, point("retired-em", ts.plusSeconds(i), "1")));
    }
    broker.publish(topic, batch(4, point("late-em", ts.plusSeconds(4), "2")));
    await().atMost(Duration.ofSeconds(10)).until(() -> quarantined().size() == 4);
    // what the overview says without reading the messages: how many, and the newest arrival
    JsonObject summary =
        get("/api/v1/quarantine/summary?enterprise=" + enterprise).bodyAsJsonObject();
    assertThat(summary.getLong("in_quarantine")).isEqualTo(4);
    assertThat(summary.getString("newest_received_at"))
        .isEqualTo(quarantined().get(0).getString("received_at"));
    String discard = "/api/v1/quarantine/discard?enterprise=" + enterprise + "&reason_contains=";
    // what would go: listed first by the same text (letter case ignored)
    List<Long> retired =
        get(
                "/api/v1/quarantine?status=new&enterprise="
                    + enterprise
                    + "&reason_contains=%27RETIRED-EM%27")
            .bodyAsJsonObject()
            .getJsonArray("quarantine")
            .stream()
            .map(q -> ((JsonObject) q).getLong("id"))
            .sorted()
            .toList();
    assertThat(retired).hasSize(3);

    // a text too short to be a reason, or none: refused, naming the parameter; nothing discarded
    for (String bad : List.of(discard + "em", discard.substring(0, discard.indexOf('&')))) {
      HttpResponse<Buffer> r = post(bad, new JsonObject());
      assertThat(r.statusCode()).as(bad).isEqualTo(400);
      assertThat(r.bodyAsString()).as(bad).contains("reason_contains");
    }
    assertThat(quarantined()).hasSize(4);

    HttpResponse<Buffer> first =
        post(
            discard + "%27retired-em%27&limit=2",
            new JsonObject().put("reason", "meter retired-em was removed"));
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.bodyAsJsonObject().getInteger("discarded")).isEqualTo(2);
    assertThat(ids(first.bodyAsJsonObject())).containsExactly(retired.get(0), retired.get(1));
    JsonObject rest = post(discard + "%27retired-em%27", new JsonObject()).bodyAsJsonObject();
    assertThat(rest.getInteger("discarded")).isEqualTo(1);
    assertThat(ids(rest)).containsExactly(retired.get(2));
    assertThat(
            post(discard + "retired-em", new JsonObject())
                .bodyAsJsonObject()
                .getInteger("discarded"))
        .isEqualTo(0);

    // the other message stays; the discarded ones are kept for the record
    assertThat(
            get("/api/v1/quarantine/summary?enterprise=" + enterprise)
                .bodyAsJsonObject()
                .getLong("in_quarantine"))
        .isEqualTo(1);
    assertThat(quarantined())
        .singleElement()
        .satisfies(q -> assertThat(q.getString("reason")).contains("'late-em'"));
    assertThat(
            get("/api/v1/quarantine?status=discarded&enterprise=" + enterprise)
                .bodyAsJsonObject()
                .getJsonArray("quarantine"))
        .hasSize(3);
    // each audited with its state before and after, under its enterprise
    for (long id : retired) {
      assertThat(
              db.text(
                  "select action || '|' || enterprise || '|' || coalesce(detail, '-') || '|'"
                      + " || (before_state->>'status') || '|' || (after_state->>'status')"
                      + " from audit_log where target = 'quarantine:"
                      + id
                      + "'"))
          .as("audit of %d", id)
          .isEqualTo(
              "quarantine.discard|"
                  + enterprise
                  + "|"
                  + (id == retired.get(2) ? "-" : "meter retired-em was removed")
                  + "|new|discarded");
    }
  }

  @Test
  void releasesAQuarantinedMessageOverTheApiOnceItsMeterIsRegistered() {
    List<Double> before = messagesNow();
    broker.publish(topic(), batch(1, point("late-em", ts, "12.5")));
    await().atMost(Duration.ofSeconds(10)).until(() -> quarantined().size() == 1);
    // valid as a message, but nothing of it could be stored: refused, not stored
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> messagesSince(before).stream().mapToDouble(d -> d).sum() == 1);
    assertThat(messagesSince(before)).containsExactly(0.0, 0.0, 1.0);
    JsonObject q = quarantined().get(0);
    assertThat(q.getString("reason")).contains("'late-em'").contains("unknown meter or channel");
    long id = q.getLong("id");

    HttpResponse<Buffer> early = post("/api/v1/quarantine/" + id + "/reprocess");
    assertThat(putMeter("late-em").statusCode()).isEqualTo(200);
    // an id left empty is no message: not the bulk re-process the path without it would be
    HttpResponse<Buffer> empty = post("/api/v1/quarantine//reprocess");
    assertThat(empty.statusCode()).as(empty.bodyAsString()).isEqualTo(404);
    assertThat(empty.bodyAsJsonObject().getString("message"))
        .isEqualTo("no such operation: POST /api/v1/quarantine//reprocess");
    assertThat(quarantined())
        .singleElement()
        .satisfies(m -> assertThat(m.getLong("id")).isEqualTo(id));
    assertThat(stored()).isZero();
    HttpResponse<Buffer> fixed = post("/api/v1/quarantine/" + id + "/reprocess");
    HttpResponse<Buffer> again = post("/api/v1/quarantine/" + id + "/reprocess");

    assertThat(early.statusCode()).isEqualTo(422);
    assertThat(early.bodyAsJsonObject().getString("status")).isEqualTo("new");
    assertThat(fixed.statusCode()).isEqualTo(200);
    assertThat(fixed.bodyAsJsonObject().getString("status")).isEqualTo("released");
    assertThat(fixed.bodyAsJsonObject().getInteger("readings_stored")).isEqualTo(1);
    assertThat(again.statusCode()).isEqualTo(404);
    assertThat(stored()).isEqualTo(1);
    assertThat(quarantined()).isEmpty();
    JsonArray readings =
        get("/api/v1/enterprises/"
                + enterprise
                + "/meters/late-em/readings?from="
                + ts.minusSeconds(1)
                + "&to="
                + ts.plusSeconds(1))
            .bodyAsJsonObject()
            .getJsonArray("readings");
    assertThat(readings).hasSize(1);
    assertThat(readings.getJsonObject(0).getDouble("value")).isEqualTo(12.5);
  }

  @Test
  void releasesEveryMessageOfAnEnterpriseInBulkAndReportsThoseStillRefused() {
    broker.publish(topic(), batch(1, point("bulk-em", ts, "1")));
    broker.publish(topic(), batch(2, point("bulk-em", ts.plusSeconds(1), "2")));
    broker.publish(topic(), batch(3, point("never-em", ts.plusSeconds(2), "3")));
    await().atMost(Duration.ofSeconds(10)).until(() -> quarantined().size() == 3);
    assertThat(putMeter("bulk-em").statusCode()).isEqualTo(200);

    JsonObject result =
        post("/api/v1/quarantine/reprocess?enterprise=" + enterprise).bodyAsJsonObject();

    assertThat(result.getInteger("tried")).isEqualTo(3);
    assertThat(result.getInteger("released")).isEqualTo(2);
    assertThat(result.getInteger("still_refused")).isEqualTo(1);
    assertThat(stored()).isEqualTo(2);
    assertThat(quarantined())
        .singleElement()
        .satisfies(q -> assertThat(q.getInteger("attempts")).isEqualTo(1));
  }
}
