package org.energytrace.ingest.service;

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
import java.util.UUID;
import org.energytrace.ingest.IngestApp;
import org.energytrace.ingest.config.IngestConfig;
import org.energytrace.ingest.fixtures.Gateways;
import org.energytrace.ingest.fixtures.LiveStream;
import org.energytrace.ingest.fixtures.SecuredService;
import org.energytrace.ingest.fixtures.TestAccess;
import org.energytrace.ingest.fixtures.TestBroker;
import org.energytrace.ingest.fixtures.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole service in-process against the real local PostgreSQL and Mosquitto: MQTT in, rows in
 * the database, HTTP and SSE out. Each test uses its own enterprise so tests stay independent.
 */
class IngestServiceIT {
  static TestDatabase db;
  static TestBroker broker;
  static Vertx vertx;
  static IngestApp app;
  static WebClient http;
  static String token;

  String enterprise;
  String topic;
  final Instant ts = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);

  @BeforeAll
  static void start() {
    db = TestDatabase.create();
    broker = TestBroker.connect();
    vertx = Vertx.vertx();
    IngestConfig config =
        IngestConfig.defaults(
            db.url(), db.config().user(), TestBroker.URL, "et-it-ingest-" + UUID.randomUUID());
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
  void newEnterprise() {
    enterprise = "it-" + UUID.randomUUID().toString().substring(0, 8);
    topic = "et/v1/" + enterprise + "/plant-1/gw-demo-01/telemetry";
    Gateways.register(db, enterprise + "/plant-1/gw-demo-01");
  }

  static HttpResponse<Buffer> get(String path) {
    return http.get(app.httpPort(), "127.0.0.1", path)
        .bearerTokenAuthentication(token)
        .send()
        .await();
  }

  String telemetry(long seq, Instant at, double power, double energy) {
    return """
        {"schema_version":1,"gateway":"gw-demo-01","seq":%d,"sent_at":"%s","points":[
         {"meter":"line1-em","channel":"AcActivePowerTotal","ts":"%s","value":%s,"unit":"KWT","quality":"good","kind":"gauge"},
         {"meter":"line1-em","channel":"AcActiveEnergyTotalImport","ts":"%s","value":%s,"unit":"KWH","quality":"good","kind":"counter","counter_bits":32}]}
        """
        .formatted(seq, at, at, power, at, energy);
  }

  static JsonArray quarantinedOf(String enterprise) {
    return get("/api/v1/quarantine?limit=100&enterprise=" + enterprise)
        .bodyAsJsonObject()
        .getJsonArray("quarantine");
  }

  @Test
  void listsAMessageRefusedBeforeItsEnterpriseWasRegisteredUnderThatEnterprise() {
    enterprise = "it-late-" + UUID.randomUUID().toString().substring(0, 8);
    topic = "et/v1/" + enterprise + "/plant-1/gw-demo-01/telemetry";
    broker.publish(topic, "{not json");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                db.count(
                        "select count(*) from quarantine where enterprise_id is null"
                            + " and topic = '"
                            + topic
                            + "'")
                    == 1);
    assertThat(quarantinedOf(enterprise)).as("no enterprise of that code yet").isEmpty();

    // an operator registers the gateway (and with it the enterprise); auto_register does not
    Gateways.register(db, enterprise + "/plant-1/gw-demo-01");
    broker.publish(topic, telemetry(1, ts, 1.0, 2.0));
    await().atMost(Duration.ofSeconds(10)).until(() -> readings() == 2);

    assertThat(quarantinedOf(enterprise))
        .singleElement()
        .satisfies(q -> assertThat(((JsonObject) q).getString("enterprise")).isEqualTo(enterprise));
  }

  long readings() {
    return db.count(
        "select count(*) from reading r join enterprise e using (enterprise_id) where e.code = '"
            + enterprise
            + "'");
  }

  @Test
  void keepsTheUnitEachReadingWasPublishedInWhenItIsNotTheChannels() {
    broker.publish(topic, telemetry(1, ts, 182.4, 1000.0)); // registers the channels in kW / kWh
    await().atMost(Duration.ofSeconds(10)).until(() -> readings() == 2);
    broker.publish(
        topic,
        """
        {"schema_version":1,"gateway":"gw-demo-01","seq":2,"sent_at":"%s","points":[
         {"meter":"line1-em","channel":"AcActivePowerTotal","ts":"%s","value":181250,"unit":"WTT","quality":"good","kind":"gauge"}]}
        """
            .formatted(ts, ts.plusSeconds(1)));
    await().atMost(Duration.ofSeconds(10)).until(() -> readings() == 3);

    JsonArray rows =
        get("/api/v1/enterprises/"
                + enterprise
                + "/meters/line1-em/readings?channel=AcActivePowerTotal&from="
                + ts.minusSeconds(1)
                + "&to="
                + ts.plusSeconds(2))
            .bodyAsJsonObject()
            .getJsonArray("readings");

    assertThat(rows).hasSize(2);
    JsonObject asRegistered = rows.getJsonObject(0);
    JsonObject inWatts = rows.getJsonObject(1);
    assertThat(asRegistered.getString("unit")).isEqualTo("KWT");
    assertThat(asRegistered.getString("published_unit")).isEqualTo("KWT");
    assertThat(asRegistered.getDouble("published_value")).isEqualTo(182.4);
    assertThat(inWatts.getString("unit")).isEqualTo("KWT");
    assertThat(inWatts.getDouble("value")).isEqualTo(181.25);
    assertThat(inWatts.getString("published_unit")).isEqualTo("WTT");
    assertThat(inWatts.getDouble("published_value")).isEqualTo(181250.0);
  }

  @Test
  void storesPublishedTelemetryWithMeterChannelUnitAndServesItOverHttp() {
    broker.publish(topic, telemetry(1, ts, 182.4, 1048576.25));

    await().atMost(Duration.ofSeconds(10)).until(() -> readings() == 2);
    JsonObject body =
        get("/api/v1/enterprises/"
                + enterprise
                + "/meters/line1-em/readings?channel=AcActivePowerTotal&from="
                + ts.minusSeconds(1)
                + "&to="
                + ts.plusSeconds(1))
            .bodyAsJsonObject();
    JsonArray rows = body.getJsonArray("readings");
    assertThat(rows).hasSize(1);
    assertThat(rows.getJsonObject(0).getString("unit")).isEqualTo("KWT");
    assertThat(rows.getJsonObject(0).getString("ts")).isEqualTo(ts.toString());
    assertThat(rows.getJsonObject(0).getDouble("value")).isEqualTo(182.4);
    assertThat(rows.getJsonObject(0).getString("quality")).isEqualTo("good");

    JsonArray meters = get("/api/v1/meters").bodyAsJsonObject().getJsonArray("meters");
    JsonObject meter =
        meters.stream()
            .map(JsonObject.class::cast)
            .filter(m -> m.getString("enterprise").equals(enterprise))
            .findFirst()
            .orElseThrow();
    assertThat(meter.getString("site")).isEqualTo("plant-1");
    assertThat(meter.getJsonArray("channels").getJsonObject(0).getString("kind"))
        .isEqualTo("counter");
    assertThat(meter.getJsonArray("channels").getJsonObject(0).getDouble("latest_value"))
        .isEqualTo(1048576.25);
  }

  @Test
  void absorbsTheSameBatchPublishedTwice() {
    // delivery is at least once: a gateway replays after a crash (asyncapi.yaml)
    String batch = telemetry(7, ts, 10.0, 20.0);
    broker.publish(topic, batch);
    broker.publish(topic, batch);
    broker.publish(topic, telemetry(8, ts.plusSeconds(1), 11.0, 21.0));

    await().atMost(Duration.ofSeconds(10)).until(() -> readings() == 4);
    await()
        .during(Duration.ofMillis(500))
        .atMost(Duration.ofSeconds(5))
        .until(() -> readings() == 4);
    assertThat(
            db.count(
                "select last_seq from gateway g join enterprise e using (enterprise_id)"
                    + " where e.code = '"
                    + enterprise
                    + "'"))
        .isEqualTo(8);
  }

  @Test
  void quarantinesAMalformedMessageWithItsReasonWhileTrafficBeforeAndAfterIsStored() {
    broker.publish(topic, telemetry(1, ts, 1.0, 2.0));
    broker.publish(
        topic,
        """
        {"schema_version":1,"gateway":"gw-demo-01","seq":2,"sent_at":"%s","points":[
         {"meter":"line1-em","channel":"AcActivePowerTotal","ts":"%s","value":"12.5","unit":"KWT","quality":"good"}]}
        """
            .formatted(ts, ts.plusSeconds(1)));
    broker.publish(topic, "{not json");
    broker.publish(topic, telemetry(3, ts.plusSeconds(2), 3.0, 4.0));

    await().atMost(Duration.ofSeconds(10)).until(() -> readings() == 4);
    // listed for the enterprise even when refused before the other batch in flight registered it
    await().atMost(Duration.ofSeconds(10)).until(() -> quarantinedOf(enterprise).size() == 2);
    assertThat(
            quarantinedOf(enterprise).stream()
                .map(JsonObject.class::cast)
                .map(q -> q.getString("reason")))
        .anyMatch(r -> r.equals("/points/0/value: string found, number expected"))
        .anyMatch(r -> r.startsWith("payload: not acceptable JSON"));
  }

  @Test
  void quarantinesOnlyTheRefusedPointAndStoresTheOthers() {
    String payload =
        """
        {"schema_version":1,"gateway":"gw-demo-01","seq":1,"sent_at":"%s","points":[
         {"meter":"boiler-gas","channel":"GasVolumeTotal","ts":"%s","value":5,"unit":"MTQ","quality":"good","kind":"counter"},
         {"meter":"boiler-gas","channel":"GasVolumeTotal","ts":"%s","value":6,"unit":"MTQ","quality":"good","kind":"counter"}]}
        """
            .formatted(ts, ts, Instant.now().plus(Duration.ofHours(2)));
    broker.publish(topic, payload);

    await().atMost(Duration.ofSeconds(10)).until(() -> readings() == 1);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                db.count(
                        "select count(*) from quarantine q join enterprise e using (enterprise_id)"
                            + " where e.code = '"
                            + enterprise
                            + "' and q.reason like 'some points refused: /points/1/ts:%future%'")
                    == 1);
  }

  @Test
  void reportsHealthUpWhenDatabaseAndBrokerAreConnected() {
    HttpResponse<Buffer> res = get("/api/v1/health");

    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.bodyAsJsonObject())
        .isEqualTo(
            new JsonObject()
                .put("status", "UP")
                .put("db", "UP")
                .put("mqtt", "UP")
                .put("pipeline", "UP")
                .put("storage", "UP")
                .put("integrity", "UP")
                .put("messages", "UP"));
  }

  @Test
  void answers400NamingTheBadParameterAnd404ForAnUnknownMeter() {
    HttpResponse<Buffer> bad =
        get("/api/v1/enterprises/" + enterprise + "/meters/line1-em/readings?from=yesterday");
    HttpResponse<Buffer> missing =
        get("/api/v1/enterprises/" + enterprise + "/meters/no-such-meter/readings");

    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.bodyAsJsonObject().getString("parameter")).isEqualTo("from");
    assertThat(missing.statusCode()).isEqualTo(404);
  }

  @Test
  void servesTheOpenApiDocumentTheLivePageAndMetrics() {
    assertThat(get("/api/v1/openapi.yaml").bodyAsString()).startsWith("openapi: 3.1.0");
    assertThat(get("/").bodyAsString()).contains("<script type=\"module\" src=\"/js/live.js\">");
    assertThat(get("/js/live.js").bodyAsString()).contains("EventSource");
    assertThat(get("/metrics").bodyAsString()).contains("ingest_messages_total");
  }

  @Test
  void pushesAStoredReadingToALiveSubscriber() throws Exception {
    try (LiveStream events =
        LiveStream.open(
            app.httpPort(), "enterprise=" + enterprise, "Authorization", "Bearer " + token)) {
      assertThat(events.status()).isEqualTo(200);
      assertThat(events.contentType()).startsWith("text/event-stream");
      await().atMost(Duration.ofSeconds(5)).until(() -> events.contains("connected"));

      broker.publish(topic, telemetry(1, ts, 42.5, 99.0));

      await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("\"value\":42.5"));
      assertThat(events.text())
          .contains("event: reading")
          .contains("\"enterprise\":\"" + enterprise + "\"");
    }
  }

  @Test
  // a dashboard subscribes to what its page shows; the reading arrives within 1 s of its commit
  void deliversOnlySubscribedChannelsToALiveClientWithinOneSecondOfCommit() throws Exception {
    try (LiveStream events =
        LiveStream.open(
            app.httpPort(),
            "enterprise=" + enterprise + "&channel=line1-em/AcActivePowerTotal&meter=other-meter",
            "Authorization",
            "Bearer " + token)) {
      assertThat(events.status()).isEqualTo(200);
      await().atMost(Duration.ofSeconds(5)).until(() -> events.contains("connected"));

      broker.publish(topic, telemetry(1, ts, 42.75, 1234.5));
      await()
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> readings() == 2);

      await()
          .atMost(Duration.ofSeconds(1))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> events.contains("\"value\":42.75"));
      assertThat(events.text()).doesNotContain("AcActiveEnergyTotalImport");
    }
  }

  @Test
  void refusesALiveSubscriptionWithAMalformedChannelNamingTheParameter() {
    HttpResponse<Buffer> res = get("/api/v1/live?channel=no-slash-here");

    assertThat(res.statusCode()).isEqualTo(400);
    assertThat(res.bodyAsJsonObject().getString("parameter")).isEqualTo("channel");
    // what each channel must look like (it said only "channel: is malformed")
    assertThat(res.bodyAsJsonObject().getString("message"))
        .startsWith("channel: is malformed; expected each text matching ^[a-z0-9]")
        .contains("/[A-Za-z]");
  }

  @Test
  void answersLivenessWithoutDependenciesAndReadinessWithDatabaseAndBroker() {
    HttpResponse<Buffer> live = get("/api/v1/health/live");
    HttpResponse<Buffer> ready = get("/api/v1/health/ready");

    assertThat(live.statusCode()).isEqualTo(200);
    assertThat(live.bodyAsJsonObject()).isEqualTo(new JsonObject().put("status", "UP"));
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.bodyAsJsonObject())
        .isEqualTo(
            new JsonObject()
                .put("status", "UP")
                .put("db", "UP")
                .put("mqtt", "UP")
                .put("pipeline", "UP")
                .put("storage", "UP")
                .put("integrity", "UP")
                .put("messages", "UP"));
  }

  @Test
  void exportsJvmAndConnectionPoolMetersAndDuplicatesByWhereTheyWereFound() {
    broker.publish(topic, telemetry(3, ts, 1.0, 2.0));
    broker.publish(topic, telemetry(3, ts, 1.0, 2.0));
    await().atMost(Duration.ofSeconds(10)).until(() -> readings() == 2);

    String scrape = get("/metrics").bodyAsString();

    assertThat(scrape)
        .contains("jvm_memory_used_bytes")
        .contains("jvm_threads_live_threads")
        .contains("hikaricp_connections_active")
        .contains("ingest_points_duplicate_total{where=\"stored\"}")
        .contains("ingest_points_duplicate_total{where=\"batch\"}");
  }
}
