package org.energytrace.ingest.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.energytrace.ingest.auth.Role;
import org.energytrace.ingest.config.IntegrityConfig;
import org.energytrace.ingest.config.SecurityConfig;
import org.energytrace.ingest.fixtures.IssuedDossiers;
import org.energytrace.ingest.fixtures.MeteredPlant;
import org.energytrace.ingest.fixtures.SecuredService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A counter event recorded for a signed-off period (docs/verification.md §1.4): a reviewer recorded
 * a CT ratio change inside a verified period, its savings went from 10.5 % to 1.7 %, and every page
 * still said "verified"; an auditor could also sign off a dossier made before the event. The event
 * changes the energy derived from readings that did not change, which the seals do not see.
 */
class CounterEventReverifyIT {
  static final String E = "cev-" + UUID.randomUUID().toString().substring(0, 6);
  static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
  static final int DAYS = 12;
  static final LocalDate FIRST = LocalDate.now(ZONE).minusDays(DAYS + 1);
  static final LocalDate BASE_TO = FIRST.plusDays(5);
  static final LocalDate REP_FROM = FIRST.plusDays(6);
  static final LocalDate REP_TO = FIRST.plusDays(DAYS - 1);
  static final double[] COUNTER = new double[DAYS + 1];

  static SecuredService svc;
  static String enterpriseAdmin;
  static String viewer;
  static String auditor;

  static double quantity(int i) {
    return 10 + 3 * (i % 6) + (i * i % 5);
  }

  static double energy(int i) {
    double e = 100 + 2 * quantity(i) + (i % 2 == 0 ? 0.5 : -0.5) * (i % 6);
    return i < 6 ? e : 0.9 * e;
  }

  static Instant midnight(LocalDate day) {
    return day.atStartOfDay(ZONE).toInstant();
  }

  @BeforeAll
  static void start() throws Exception {
    svc =
        SecuredService.start(
            SecurityConfig.defaults(),
            c -> c.withIntegrity(IntegrityConfig.defaults().withSealGrace(Duration.ZERO)));
    String admin = svc.access.systemAdminToken();
    MeteredPlant.create(svc, admin, E, "gw-1", List.of("m1"), List.of("p1"));
    List<String> points = new ArrayList<>();
    COUNTER[0] = 5_000;
    for (int i = 0; i <= DAYS; i++) {
      if (i > 0) {
        COUNTER[i] = COUNTER[i - 1] + energy(i - 1);
      }
      points.add(
          String.format(
              Locale.ROOT,
              "{\"meter\":\"m1\",\"channel\":\"E\",\"ts\":\"%s\",\"value\":%s,\"unit\":\"KWH\","
                  + "\"quality\":\"good\",\"kind\":\"counter\",\"counter_bits\":32}",
              midnight(FIRST.plusDays(i)),
              COUNTER[i]));
    }
    svc.broker.publish(
        "et/v1/" + E + "/plant-1/gw-1/telemetry",
        "{\"schema_version\":1,\"gateway\":\"gw-1\",\"seq\":1,\"sent_at\":\""
            + Instant.now()
            + "\",\"points\":["
            + String.join(",", points)
            + "]}");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                svc.db.count(
                        "select count(*) from interval_energy ie join enterprise e using"
                            + " (enterprise_id) where e.code = '"
                            + E
                            + "'")
                    >= DAYS);
    MeteredPlant.production(
        svc, admin, E, List.of("p1"), FIRST, DAYS, CounterEventReverifyIT::quantity);
    enterpriseAdmin = svc.access.token(Role.ENTERPRISE_ADMIN, E, Duration.ofHours(1));
    viewer = svc.access.token(Role.ENTERPRISE_VIEWER, E, Duration.ofHours(1));
    auditor = svc.access.auditorToken("cev-aud-" + E, E);
    JsonObject definition = MeteredPlant.facilityEnpi("plant-1");
    definition.put("products", new JsonArray().add("p1"));
    ok(enterpriseAdmin, HttpMethod.PUT, "/enpis/sec", definition);
    ok(
        enterpriseAdmin,
        HttpMethod.POST,
        "/enpis/sec/baselines",
        new JsonObject()
            .put("from", FIRST.toString())
            .put("to", BASE_TO.toString())
            .put("model", "ols"));
    ok(enterpriseAdmin, HttpMethod.POST, "/enpis/sec/baselines/1/submit", new JsonObject());
    ok(
        auditor,
        HttpMethod.POST,
        "/enpis/sec/baselines/1/approve",
        new JsonObject().put("opinion", "fine"));
    svc.app.integrity().runOnce();
    IssuedDossiers.record(svc.db, E, "sec", 1, REP_FROM, REP_TO, "cd".repeat(32));
    ok(auditor, HttpMethod.POST, "/enpis/sec/signoffs", signoff("cd"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (svc != null) {
      svc.close();
    }
  }

  static JsonObject signoff(String hashByte) {
    return new JsonObject()
        .put("baseline_version", 1)
        .put("from", REP_FROM.toString())
        .put("to", REP_TO.toString())
        .put("opinion", "verified")
        .put("dossier_sha256", hashByte.repeat(32));
  }

  @Test
  void aMultiplierChangeRecordedInASignedOffPeriodMakesItToBeReverifiedAndRefusesAnOlderDossier()
      throws Exception {
    JsonObject before = verification();
    assertThat(before.getString("status")).as(before.encodePrettily()).isEqualTo("verified");
    double savedBefore = savings().getDouble("savings");
    // a dossier the auditor downloaded before the event
    IssuedDossiers.record(svc.db, E, "sec", 1, REP_FROM, REP_TO, "ab".repeat(32));

    // a CT ratio change two days before the period's end, the register between its readings
    LocalDate day = REP_TO.minusDays(2);
    int i = (int) java.time.temporal.ChronoUnit.DAYS.between(FIRST, day);
    JsonObject recorded =
        ok(
            enterpriseAdmin,
            HttpMethod.POST,
            "/meters/m1/channels/E/counter-events",
            new JsonObject()
                .put("ts", midnight(day).plus(Duration.ofHours(6)).toString())
                .put("kind", "multiplier_change")
                .put("register_value", COUNTER[i] + 1)
                .put("multiplier", 2));

    // the period's savings changed with it: to be re-verified, the event named
    JsonObject after = verification();
    assertThat(after.getString("status")).as(after.encodePrettily()).isEqualTo("to_be_reverified");
    JsonObject event = after.getJsonArray("counter_events").getJsonObject(0);
    assertThat(event.getString("meter") + "/" + event.getString("channel")).isEqualTo("m1/E");
    assertThat(event.getString("change")).isEqualTo("recorded");
    assertThat(event.getString("kind")).isEqualTo("multiplier_change");
    assertThat(savings().getDouble("savings")).isNotEqualTo(savedBefore);
    JsonObject signed =
        ok(viewer, HttpMethod.GET, "/enpis/sec/signoffs", null)
            .getJsonArray("signoffs")
            .getJsonObject(0);
    assertThat(signed.getBoolean("to_be_reverified")).isTrue();
    assertThat(signed.getJsonArray("reverify_because")).containsExactly("counter_event");

    // a sign-off naming the dossier made before the event: refused, naming why
    HttpResponse<Buffer> refused =
        svc.withToken(HttpMethod.POST, "/api/v1/enterprises/" + E + "/enpis/sec/signoffs", auditor)
            .sendJsonObject(signoff("ab"))
            .await();
    assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(409);
    assertThat(refused.bodyAsJsonObject().getString("parameter")).isEqualTo("dossier_sha256");
    assertThat(refused.bodyAsString())
        .contains("a meter replacement or multiplier change of the period was recorded or deleted");

    // a dossier made after it is signed off and stands verified
    IssuedDossiers.record(svc.db, E, "sec", 1, REP_FROM, REP_TO, "e0".repeat(32));
    ok(auditor, HttpMethod.POST, "/enpis/sec/signoffs", signoff("e0"));
    assertThat(verification().getString("status")).isEqualTo("verified");

    // the event deleted after that dossier: to be re-verified again, the deletion named with the
    // kind of the event it removed
    ok(
        enterpriseAdmin,
        HttpMethod.DELETE,
        "/meters/m1/channels/E/counter-events/" + recorded.getLong("id"),
        null);
    JsonObject deleted = verification();
    assertThat(deleted.getString("status")).isEqualTo("to_be_reverified");
    JsonObject removal = deleted.getJsonArray("counter_events").getJsonObject(0);
    assertThat(removal.getString("change")).isEqualTo("deleted");
    assertThat(removal.getString("kind")).isEqualTo("multiplier_change");
  }

  @Test
  void theOverviewNamesProductionCountedForAProductNobodyDeclared() {
    // a typo in a gateway's production mapping ("ghost" for p1) was stored and fed nothing, with
    // no trace anywhere
    Instant now = Instant.now();
    svc.broker.publish(
        "et/v1/" + E + "/plant-1/gw-1/production",
        "{\"schema_version\":1,\"gateway\":\"gw-1\",\"seq\":2,\"sent_at\":\""
            + now
            + "\",\"counts\":[{\"line\":\"l9\",\"product\":\"ghost\",\"ts\":\""
            + now.minusSeconds(60)
            + "\",\"quantity\":12,\"unit\":\"TNE\",\"cumulative\":true,"
            + "\"quality\":\"good\"}]}");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                svc.db.count(
                        "select count(*) from production_count pc join enterprise e using"
                            + " (enterprise_id) where e.code = '"
                            + E
                            + "' and pc.product = 'ghost'")
                    == 1);
    JsonArray undeclared =
        ok(viewer, HttpMethod.GET, "/overview", null).getJsonArray("undeclared_production");
    assertThat(undeclared).hasSize(1);
    JsonObject u = undeclared.getJsonObject(0);
    assertThat(u.getString("product")).isEqualTo("ghost");
    assertThat(u.getString("line")).isEqualTo("l9");
    assertThat(u.getLong("counts")).isEqualTo(1L);
  }

  static JsonObject savings() {
    return ok(
            viewer,
            HttpMethod.GET,
            "/enpis/sec/savings?baseline=1&from=" + REP_FROM + "&to=" + REP_TO,
            null)
        .getJsonObject("savings_split");
  }

  static JsonObject verification() {
    return ok(
            viewer,
            HttpMethod.GET,
            "/enpis/sec/savings?baseline=1&from=" + REP_FROM + "&to=" + REP_TO,
            null)
        .getJsonObject("verification");
  }

  static JsonObject ok(String token, HttpMethod method, String path, JsonObject body) {
    var r = svc.withToken(method, "/api/v1/enterprises/" + E + path, token);
    HttpResponse<Buffer> response =
        body == null ? r.send().await() : r.sendJsonObject(body).await();
    assertThat(response.statusCode())
        .as(method + " " + path + " " + response.bodyAsString())
        .isBetween(200, 201);
    return response.bodyAsJsonObject();
  }
}
