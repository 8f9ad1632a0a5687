package org.energytrace.ingest.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.energytrace.ingest.auth.Role;
import org.energytrace.ingest.config.SecurityConfig;
import org.energytrace.ingest.fixtures.Gateways;
import org.energytrace.ingest.fixtures.SecuredService;
import org.energytrace.ingest.store.MissingMessages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The overview shows the enterprise its gateways: what each last said of itself over MQTT, when its
 * last message came, and which of its numbered messages never arrived. Before, the status messages
 * were stored and shown nowhere, and a lost message was seen only by the operator (readiness, a
 * metric, the log).
 */
class GatewaysOverviewIT {
  static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
  static final String E = "gwo-" + SUFFIX;
  static final String OTHER = "gwo-other-" + SUFFIX;
  static SecuredService svc;
  static String viewer;

  @BeforeAll
  static void start() {
    svc = SecuredService.start(SecurityConfig.defaults());
    Gateways.register(
        svc.db.dataSource(), E + "/plant-1/gw-1", E + "/plant-2/gw-2", E + "/plant-3/gw-3");
    Gateways.register(svc.db.dataSource(), OTHER + "/plant-1/gw-1");
    viewer = svc.access.token(Role.ENTERPRISE_VIEWER, E, Duration.ofHours(1));
  }

  @AfterAll
  static void stop() throws Exception {
    svc.close();
  }

  static void telemetry(String enterprise, String gateway, int seq, Instant ts) {
    svc.broker.publish(
        "et/v1/" + enterprise + "/plant-1/" + gateway + "/telemetry",
        """
        {"schema_version":1,"gateway":"%s","seq":%d,"sent_at":"%s","points":[
         {"meter":"m1","channel":"AcActivePowerTotal","ts":"%s","value":%d,"unit":"KWT","quality":"good"}]}
        """
            .formatted(gateway, seq, ts, ts, seq));
  }

  static JsonArray gateways() {
    return svc.enterpriseOk(viewer, HttpMethod.GET, E, "/overview", null).getJsonArray("gateways");
  }

  static JsonObject gateway(JsonArray gateways, String code) {
    return gateways.stream()
        .map(JsonObject.class::cast)
        .filter(g -> g.getString("gateway").equals(code))
        .findFirst()
        .orElseThrow(() -> new AssertionError(code + " not in " + gateways.encode()));
  }

  @Test
  void eachGatewaySaysItsStatusItsLastMessageAndTheNumbersThatNeverArrived() {
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
    svc.broker.publish(
        "et/v1/" + E + "/plant-1/gw-1/status",
        """
        {"schema_version":1,"gateway":"gw-1","state":"online","ts":"%s","reason":"started","software_version":"0.9.1"}
        """
            .formatted(t0));
    // messages 4 and 5 were lost between gateway and broker; another enterprise loses one too
    for (int seq : new int[] {1, 2, 3, 6}) {
      telemetry(E, "gw-1", seq, t0.plusSeconds(seq));
    }
    telemetry(OTHER, "gw-1", 1, t0);
    telemetry(OTHER, "gw-1", 3, t0.plusSeconds(3));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                svc.count(
                        "select count(*) from gateway_message_range r join gateway g using"
                            + " (gateway_id) join enterprise e on e.enterprise_id ="
                            + " g.enterprise_id where e.code in ('"
                            + E
                            + "', '"
                            + OTHER
                            + "')")
                    == 4);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> "online".equals(gateway(gateways(), "gw-1").getString("status")));

    // just now: 4 and 5 may be a backlog still on its way, so nothing is missing yet
    JsonArray listed = gateways();
    assertThat(listed.stream().map(g -> ((JsonObject) g).getString("gateway")))
        .as("by code, and only this enterprise's")
        .containsExactly("gw-1", "gw-2", "gw-3");
    JsonObject gw1 = listed.getJsonObject(0);
    assertThat(gw1.getString("site")).isEqualTo("plant-1");
    assertThat(gw1.getString("status_at")).isEqualTo(t0.toString());
    assertThat(gw1.getString("status_reason")).isEqualTo("started");
    assertThat(gw1.getString("software_version")).isEqualTo("0.9.1");
    assertThat(gw1.getLong("last_seq")).isEqualTo(6);
    assertThat(Instant.parse(gw1.getString("last_seen"))).isAfter(t0);
    assertThat(gw1.getLong("messages_missing")).isZero();
    assertThat(gw1.getJsonArray("missing")).isEmpty();

    // the numbers above the gap came eleven minutes ago (past the grace a backlog has)
    Gateways.messagesArrivedEarlier(svc.db, E, Duration.ofMinutes(11));
    JsonObject overview = svc.enterpriseOk(viewer, HttpMethod.GET, E, "/overview", null);
    assertThat(overview.getString("messages_missing_after"))
        .isEqualTo(MissingMessages.GRACE.toString());
    gw1 = gateway(overview.getJsonArray("gateways"), "gw-1");
    assertThat(gw1.getLong("messages_missing")).isEqualTo(2);
    assertThat(gw1.getInteger("missing_ranges")).isEqualTo(1);
    JsonObject gap = gw1.getJsonArray("missing").getJsonObject(0);
    assertThat(gap.getLong("from")).isEqualTo(4);
    assertThat(gap.getLong("to")).isEqualTo(5);
    assertThat(gap.getLong("count")).isEqualTo(2);
    assertThat(Instant.parse(gap.getString("since"))).isBefore(Instant.now().minusSeconds(600));

    // a gateway that never sent anything is listed as such; the other enterprise's is not listed
    JsonObject gw2 = gateway(overview.getJsonArray("gateways"), "gw-2");
    assertThat(gw2.getString("site")).isEqualTo("plant-2");
    assertThat(gw2.getString("status")).isNull();
    assertThat(gw2.getString("last_seen")).isNull();
    assertThat(gw2.getValue("last_seq")).isNull();
    assertThat(overview.encode()).doesNotContain(OTHER);

    // the late backlog arrives: the gap is gone
    telemetry(E, "gw-1", 4, t0.plusSeconds(4));
    telemetry(E, "gw-1", 5, t0.plusSeconds(5));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> gateway(gateways(), "gw-1").getLong("messages_missing") == 0);
  }

  @Test
  void aGatewayWhoseConnectionWasLostIsOfflineWithTheLastWillsReason() {
    svc.broker.publish(
        "et/v1/" + E + "/plant-3/gw-3/status",
        """
        {"schema_version":1,"gateway":"gw-3","state":"offline","reason":"connection lost"}
        """);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> "offline".equals(gateway(gateways(), "gw-3").getString("status")));
    JsonObject gw3 = gateway(gateways(), "gw-3");
    assertThat(gw3.getString("status_reason")).isEqualTo("connection lost");
    // the broker sends the last will without a time: it counts from when ingest received it
    assertThat(Instant.parse(gw3.getString("status_at")))
        .isBetween(Instant.now().minusSeconds(60), Instant.now());
  }
}
