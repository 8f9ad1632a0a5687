package org.energytrace.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.energytrace.ingest.fixtures.Telemetry.point;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.energytrace.ingest.config.SecurityConfig;
import org.energytrace.ingest.fixtures.SecuredService;
import org.energytrace.ingest.fixtures.Telemetry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Recording a meter replacement or a CT-ratio change over the API re-derives the channel's interval
 * energy: the energy over the day then equals the counter difference adjusted for the event, the
 * rollups follow, and removing the event restores what was derived without it. Every refusal names
 * the field and changes nothing.
 */
class CounterEventApiIT {
  static final String ENTERPRISE = "cev-" + UUID.randomUUID().toString().substring(0, 8);
  static final String BASE = "/api/v1/enterprises/" + ENTERPRISE + "/meters/em/channels/";
  static final Instant START = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(2));
  static final int STEPS = 96; // a day of quarter hours
  static final Instant SWAP = START.plus(Duration.ofMinutes(15L * 40 + 7)); // between readings
  static final Instant CT = START.plus(Duration.ofMinutes(15L * 60)); // at a reading

  // "Old" and "New" publish in Wh (stored in kWh): the old meter runs 1 000 000 Wh + 2 000 Wh a
  // quarter hour until the swap, read 500 Wh more when removed; the new one opens at 100 Wh and
  // adds 1 500 Wh a quarter hour.
  static final double OLD_FIRST = 1_000_000;
  static final double OLD_STEP = 2_000;
  static final double CLOSING = OLD_FIRST + OLD_STEP * 40 + 500;
  static final double OPENING = 100;
  static final double NEW_STEP = 1_500;
  // "Ct" publishes kWh: 10 kWh a quarter hour of register; the CT ratio doubles at the 60th.
  static final double CT_STEP = 10;

  static SecuredService svc;
  static String token;

  @BeforeAll
  static void start() {
    svc = SecuredService.start(SecurityConfig.defaults());
    token = svc.access.systemAdminToken();
    writeTheDay();
  }

  @AfterAll
  static void stop() throws Exception {
    if (svc != null) {
      svc.close();
    }
  }

  static void writeTheDay() {
    List<String> points = new ArrayList<>();
    for (int i = 0; i <= STEPS; i++) {
      Instant t = START.plus(Duration.ofMinutes(15L * i));
      double swapped = t.isBefore(SWAP) ? OLD_FIRST + OLD_STEP * i : OPENING + NEW_STEP * (i - 40);
      points.add(point("Swapped", t, swapped, "WHR", "counter"));
      points.add(point("Ct", t, 5_000 + CT_STEP * i, "KWH", "counter"));
      points.add(point("Power", t, 42.0 + i, "KWT", "gauge"));
    }
    Telemetry.storeAsGateway(svc.db.config(), ENTERPRISE, points);
  }

  static HttpResponse<Buffer> get(String path) {
    return svc.withToken(HttpMethod.GET, path, token).send().await();
  }

  static HttpResponse<Buffer> post(String channel, JsonObject body) {
    return svc.withToken(HttpMethod.POST, BASE + channel + "/counter-events", token)
        .sendJsonObject(body)
        .await();
  }

  static HttpResponse<Buffer> delete(String channel, String id) {
    return svc.withToken(HttpMethod.DELETE, BASE + channel + "/counter-events/" + id, token)
        .send()
        .await();
  }

  static HttpResponse<Buffer> delete(String channel, long id) {
    return delete(channel, Long.toString(id));
  }

  /** Sum of the channel's energy at a resolution over the whole day (kWh). */
  static double energy(String channel, String resolution) {
    HttpResponse<Buffer> res =
        get(
            BASE
                + channel
                + "/series?resolution="
                + resolution
                + "&from="
                + START.minus(Duration.ofDays(1))
                + "&to="
                + START.plus(Duration.ofDays(2))
                + "&limit=10000");
    assertThat(res.statusCode()).as(res.bodyAsString()).isEqualTo(200);
    return res.bodyAsJsonObject().getJsonArray("rows").stream()
        .map(JsonObject.class::cast)
        .mapToDouble(r -> r.getDouble("energy"))
        .sum();
  }

  static JsonArray events(String channel) {
    HttpResponse<Buffer> res = get(BASE + channel + "/counter-events");
    assertThat(res.statusCode()).as(res.bodyAsString()).isEqualTo(200);
    return res.bodyAsJsonObject().getJsonArray("events");
  }

  static long audited(String action) {
    return svc.db.count(
        "SELECT count(*) FROM audit_log WHERE action = '"
            + action
            + "' AND enterprise = '"
            + ENTERPRISE
            + "'");
  }

  @Test
  void aRecordedReplacementMakesTheDaysEnergyTheCounterDifferenceAdjustedForIt() {
    double before = energy("Swapped", "raw");
    double lastNew = OPENING + NEW_STEP * (STEPS - 40);
    double expected = ((CLOSING - OLD_FIRST) + (lastNew - OPENING)) / 1000; // kWh
    assertThat(before).as("without the event the drop is not a replacement").isNotEqualTo(expected);
    long recordsBefore = audited("counter_event.record");
    long deletesBefore = audited("counter_event.delete");

    HttpResponse<Buffer> res =
        post(
            "Swapped",
            new JsonObject()
                .put("ts", SWAP.toString())
                .put("kind", "replacement")
                .put("closing_value", CLOSING)
                .put("opening_value", OPENING)
                .put("note", "SDM630 exchanged"));

    assertThat(res.statusCode()).as(res.bodyAsString()).isEqualTo(201);
    JsonObject recorded = res.bodyAsJsonObject();
    assertThat(recorded.getString("unit")).isEqualTo("KWH");
    assertThat(recorded.getDouble("closing_value")).isCloseTo(CLOSING / 1000, within(1e-9));
    assertThat(recorded.getDouble("opening_value")).isCloseTo(OPENING / 1000, within(1e-9));
    assertThat(recorded.getDouble("multiplier")).isEqualTo(1.0);
    assertThat(energy("Swapped", "raw")).isCloseTo(expected, within(1e-9));
    for (String resolution : List.of("15m", "1h", "1d")) {
      assertThat(energy("Swapped", resolution)).as(resolution).isCloseTo(expected, within(1e-9));
    }
    JsonArray listed = events("Swapped");
    assertThat(listed).hasSize(1);
    assertThat(listed.getJsonObject(0).getLong("id")).isEqualTo(recorded.getLong("id"));
    assertThat(listed.getJsonObject(0).getString("note")).isEqualTo("SDM630 exchanged");
    // the entry is written once the answer has gone (ChangeAudit): it follows within moments
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> audited("counter_event.record") == recordsBefore + 1);

    HttpResponse<Buffer> removed = delete("Swapped", recorded.getLong("id"));

    assertThat(removed.statusCode()).as(removed.bodyAsString()).isEqualTo(200);
    assertThat(events("Swapped")).isEmpty();
    assertThat(energy("Swapped", "raw")).isCloseTo(before, within(1e-9));
    assertThat(energy("Swapped", "1d")).isCloseTo(before, within(1e-9));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> audited("counter_event.delete") == deletesBefore + 1);
    assertThat(delete("Swapped", recorded.getLong("id")).statusCode()).isEqualTo(404);
  }

  @Test
  void aRecordedCtRatioChangeMultipliesTheEnergyAfterIt() {
    double before = energy("Ct", "raw");
    assertThat(before).isCloseTo(CT_STEP * STEPS, within(1e-9));

    HttpResponse<Buffer> res =
        post(
            "Ct",
            new JsonObject()
                .put("ts", CT.toString())
                .put("kind", "multiplier_change")
                .put("register_value", 5_000 + CT_STEP * 60)
                .put("multiplier", 2)
                .put("note", "CT 100/5 -> 200/5"));

    assertThat(res.statusCode()).as(res.bodyAsString()).isEqualTo(201);
    double expected = CT_STEP * 60 + 2 * CT_STEP * (STEPS - 60);
    assertThat(energy("Ct", "raw")).isCloseTo(expected, within(1e-9));
    assertThat(energy("Ct", "1h")).isCloseTo(expected, within(1e-9));
  }

  @Test
  void refusesBadEventsNamingTheFieldAndChangesNothing() {
    double energyBefore = energy("Swapped", "raw");
    int eventsBefore = events("Swapped").size();
    JsonObject good =
        new JsonObject()
            .put("ts", SWAP.minusSeconds(60).toString())
            .put("kind", "replacement")
            .put("closing_value", 1.0)
            .put("opening_value", 0.0);

    assertRefused(post("Swapped", good.copy().put("ts", "yesterday")), 400, "ts");
    assertRefused(
        post("Swapped", good.copy().put("ts", Instant.now().plusSeconds(3600).toString())),
        400,
        "ts");
    assertRefused(post("Swapped", good.copy().put("kind", "swap")), 400, "kind");
    JsonObject noClosing = good.copy();
    noClosing.remove("closing_value");
    assertRefused(post("Swapped", noClosing), 400, "closing_value");
    assertRefused(post("Swapped", good.copy().put("opening_value", -3)), 400, "opening_value");
    assertRefused(post("Swapped", good.copy().put("opening_value", "zero")), 400, "opening_value");
    assertRefused(post("Swapped", good.copy().put("register_value", 5)), 400, "register_value");
    assertRefused(post("Swapped", good.copy().put("multiplier", 0)), 400, "multiplier");
    assertRefused(post("Swapped", good.copy().put("unit", "KWT")), 400, "unit");
    assertRefused(post("Swapped", good.copy().put("colsing_value", 1)), 400, "colsing_value");
    assertRefused(
        post(
            "Ct",
            new JsonObject()
                .put("ts", CT.minusSeconds(60).toString())
                .put("kind", "multiplier_change")
                .put("register_value", 5_000)),
        400,
        "multiplier");
    HttpResponse<Buffer> gauge = post("Power", good);
    assertThat(gauge.statusCode()).as(gauge.bodyAsString()).isEqualTo(409);
    assertThat(gauge.bodyAsJsonObject().getString("message")).contains("Power", "gauge");
    assertThat(post("NoSuch", good).statusCode()).isEqualTo(404);
    assertThat(delete("Swapped", 999_999_999).statusCode()).isEqualTo(404);
    assertRefused(delete("Swapped", "latest"), 400, "event");

    assertThat(events("Swapped")).hasSize(eventsBefore);
    assertThat(energy("Swapped", "raw")).isEqualTo(energyBefore);
  }

  @Test
  void refusesARegisterReadingTheStoredReadingsContradict() {
    // an operator's closing 100 on a water register that read 152 700: 152 600 m³ in one interval
    double energyBefore = energy("Swapped", "raw");
    int eventsBefore = events("Swapped").size();
    int ctEventsBefore = events("Ct").size();
    JsonObject replacement =
        new JsonObject()
            .put("ts", SWAP.toString())
            .put("kind", "replacement")
            .put("closing_value", 100)
            .put("opening_value", OPENING);
    HttpResponse<Buffer> low = post("Swapped", replacement);
    assertRefused(low, 409, "closing_value");
    // the reading's time in the site's zone (the default, the province's)
    String before =
        START
            .plus(Duration.ofMinutes(15L * 40))
            .atZone(java.time.ZoneId.of("Asia/Ho_Chi_Minh"))
            .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
    assertThat(low.bodyAsJsonObject().getString("message"))
        .isEqualTo(
            "closing_value: 100 Wh is below the register's reading before the event, "
                + (long) (OLD_FIRST + OLD_STEP * 40)
                + " Wh at "
                + before
                + " (a register does not run backwards): give the old register's last reading");
    // the new register cannot open above what it read next (1 600 Wh a quarter hour later)
    HttpResponse<Buffer> high =
        post(
            "Swapped",
            replacement.copy().put("closing_value", CLOSING).put("opening_value", 7_600));
    assertRefused(high, 409, "opening_value");
    assertThat(high.bodyAsJsonObject().getString("message"))
        .contains("7600 Wh is above the register's reading after the event, 1600 Wh at ")
        .endsWith("give the new register's first reading");
    // a change of multiplier: its one reading between the two around it
    HttpResponse<Buffer> ct =
        post(
            "Ct",
            new JsonObject()
                .put("ts", CT.minusSeconds(60).toString())
                .put("kind", "multiplier_change")
                .put("register_value", 4_000)
                .put("multiplier", 2));
    assertRefused(ct, 409, "register_value");
    assertThat(events("Swapped")).hasSize(eventsBefore);
    assertThat(events("Ct")).hasSize(ctEventsBefore);
    assertThat(energy("Swapped", "raw")).isEqualTo(energyBefore);
  }

  @Test
  void refusesASecondEventAtTheSameInstant() {
    JsonObject event =
        new JsonObject()
            .put("ts", START.plus(Duration.ofHours(23)).toString())
            .put("kind", "multiplier_change")
            .put("register_value", 5_000 + CT_STEP * 92)
            .put("multiplier", 1);
    HttpResponse<Buffer> first = post("Ct", event);
    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(201);

    HttpResponse<Buffer> second = post("Ct", event.copy().put("multiplier", 3));

    assertThat(second.statusCode()).as(second.bodyAsString()).isEqualTo(409);
    assertThat(second.bodyAsJsonObject().getString("message")).contains("already has an event");
    assertThat(delete("Ct", first.bodyAsJsonObject().getLong("id")).statusCode()).isEqualTo(200);
  }

  static void assertRefused(HttpResponse<Buffer> res, int status, String parameter) {
    assertThat(res.statusCode()).as(res.bodyAsString()).isEqualTo(status);
    assertThat(res.bodyAsJsonObject().getString("parameter"))
        .as(res.bodyAsString())
        .isEqualTo(parameter);
    assertThat(res.bodyAsJsonObject().getString("message")).startsWith(parameter + ": ");
  }
}
