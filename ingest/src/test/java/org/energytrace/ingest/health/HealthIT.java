package org.energytrace.ingest.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.sql.Connection;
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
 * Liveness and readiness of the running service against a real PostgreSQL (behind a relay the test
 * can cut) and a private Mosquitto (which the test can freeze). A probe is answered within a probe
 * timeout of one second (Kubernetes' default {@code timeoutSeconds}) whatever the database does,
 * and readiness names the part that is down: {@code db}, {@code mqtt} or {@code pipeline}.
 */
class HealthIT {
  /** A probe's timeout: the request fails when the answer takes longer. */
  static final long PROBE_TIMEOUT_MS = 1_000;

  static final Duration KEEP_ALIVE = Duration.ofSeconds(2);
  static TestDatabase db;
  static TcpRelay relay;
  static PrivateMosquitto mosquitto;
  Vertx vertx;
  IngestApp app;
  WebClient http;
  String enterprise;

  @BeforeAll
  static void services() {
    db = TestDatabase.create();
    String[] hostPort = db.url().replaceFirst("^jdbc:postgresql://([^/]+)/.*$", "$1").split(":");
    relay = TcpRelay.to(hostPort[0], Integer.parseInt(hostPort[1]));
    mosquitto = PrivateMosquitto.start();
  }

  @AfterAll
  static void stopServices() {
    mosquitto.close();
    relay.close();
    db.close();
  }

  @BeforeEach
  void startIngest() {
    relay.restore();
    enterprise = "health-" + UUID.randomUUID().toString().substring(0, 8);
    Gateways.register(db, enterprise + "/plant-1/gw-1");
    IngestConfig d =
        IngestConfig.defaults(
            db.url(), db.config().user(), mosquitto.url(), "et-it-health-" + UUID.randomUUID());
    IngestConfig config =
        d.withDb(
                d.db()
                    .withUrl(
                        db.url().replaceFirst("//[^/]+/", "//127.0.0.1:" + relay.port() + "/")))
            .withMqtt(
                d.mqtt().withTiming(KEEP_ALIVE, Duration.ofMillis(200), Duration.ofSeconds(1)))
            .withIngest(d.ingest().withStallTimeout(Duration.ofSeconds(2)));
    vertx = Vertx.vertx();
    app = IngestApp.start(vertx, config).await();
    http = WebClient.create(vertx);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> probe("/api/v1/health/ready").statusCode() == 200);
  }

  @AfterEach
  void stopIngest() {
    relay.restore();
    mosquitto.thaw();
    app.stop().await();
    vertx.close().await();
  }

  HttpResponse<Buffer> probe(String path) {
    return http.get(app.httpPort(), "127.0.0.1", path).timeout(PROBE_TIMEOUT_MS).send().await();
  }

  @Test
  void answersLivenessAndReadinessWithinTheProbeTimeoutDuringADatabaseOutageNamingTheDatabase() {
    // issue 11: both answered 503 after 5 s with an authentication error — the access gate asked
    // the database for the caller's principal; a liveness probe would have restarted ingest
    relay.cut();

    HttpResponse<Buffer> live = probe("/api/v1/health/live");
    HttpResponse<Buffer> ready = probe("/api/v1/health/ready");
    HttpResponse<Buffer> health = probe("/api/v1/health");

    assertThat(live.statusCode()).isEqualTo(200);
    assertThat(live.bodyAsJsonObject()).isEqualTo(new JsonObject().put("status", "UP"));
    for (HttpResponse<Buffer> r : java.util.List.of(ready, health)) {
      assertThat(r.statusCode()).isEqualTo(503);
      JsonObject body = r.bodyAsJsonObject();
      assertThat(body.getString("status")).isEqualTo("DOWN");
      assertThat(body.getString("db")).isEqualTo("DOWN");
      assertThat(body.getString("mqtt")).isEqualTo("UP");
      assertThat(body.getJsonObject("details").getString("db")).isNotBlank();
    }

    relay.restore();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> probe("/api/v1/health/ready").statusCode() == 200);
  }

  @Test
  void reportsThePipelineDownWhenMessagesWaitLongerThanTheStallTimeoutWhileTheDatabaseAnswers()
      throws Exception {
    // a stuck transaction (here: our lock on reading) stalls the pipeline; the database still
    // answers pings, so only the pipeline can tell readiness that nothing is being stored
    try (Connection locker = db.connect();
        TestBroker gateway = TestBroker.connect(mosquitto.url())) {
      locker.setAutoCommit(false);
      locker.createStatement().execute("LOCK TABLE reading IN EXCLUSIVE MODE");
      Instant ts = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(30);
      gateway.publish(
          "et/v1/" + enterprise + "/plant-1/gw-1/telemetry",
          """
          {"schema_version":1,"gateway":"gw-1","seq":1,"sent_at":"%s","points":[
           {"meter":"m1","channel":"AcActivePowerTotal","ts":"%s","value":1,"unit":"KWT","quality":"good"}]}
          """
              .formatted(ts, ts));

      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  "DOWN"
                      .equals(
                          probe("/api/v1/health/ready").bodyAsJsonObject().getString("pipeline")));
      HttpResponse<Buffer> stalled = probe("/api/v1/health/ready");
      assertThat(stalled.statusCode()).isEqualTo(503);
      assertThat(stalled.bodyAsJsonObject().getString("db")).isEqualTo("UP");
      assertThat(stalled.bodyAsJsonObject().getString("mqtt")).isEqualTo("UP");
      assertThat(stalled.bodyAsJsonObject().getJsonObject("details").getString("pipeline"))
          .contains("ingest.stall_timeout");

      locker.rollback();
    }
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> probe("/api/v1/health/ready").statusCode() == 200);
    assertThat(
            db.count(
                "select count(*) from reading r join enterprise e using (enterprise_id)"
                    + " where e.code = '"
                    + enterprise
                    + "'"))
        .isEqualTo(1);
  }

  @Test
  void reportsTheBrokerDownWithinOneAndAHalfKeepAlivesWhenItHangs() {
    // issue 11: with the broker frozen (SIGSTOP) readiness said mqtt UP for 40 s: its TCP
    // connection stays open, only the keep-alive ping (MQTT 5 §3.1.2.10) can tell
    mosquitto.freeze();

    await()
        .atMost(KEEP_ALIVE.multipliedBy(3).dividedBy(2).plusSeconds(1))
        .until(
            () ->
                "DOWN".equals(probe("/api/v1/health/ready").bodyAsJsonObject().getString("mqtt")));
    assertThat(probe("/api/v1/health/ready").statusCode()).isEqualTo(503);
    assertThat(probe("/api/v1/health/live").statusCode()).isEqualTo(200);

    mosquitto.thaw();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> probe("/api/v1/health/ready").statusCode() == 200);
  }
}
