package org.energytrace.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.energytrace.ingest.fixtures.Telemetry.point;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.energytrace.ingest.auth.Role;
import org.energytrace.ingest.config.SecurityConfig;
import org.energytrace.ingest.fixtures.BrowserSession;
import org.energytrace.ingest.fixtures.SecuredService;
import org.energytrace.ingest.fixtures.Telemetry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The counter anomalies an enterprise administrator and an auditor are shown: four wrong high
 * readings in a row (more than the spike rule undoes) were booked as a rise and a reset of the
 * whole register, and nothing said so; both are listed now as implausible against the channel's
 * usual rate, a genuine reset to zero is listed as plausible, a reset on a channel too new to judge
 * says it cannot be judged, and a plain channel lists nothing.
 */
class CounterAnomaliesIT {
  static final String ENTERPRISE = "can-" + UUID.randomUUID().toString().substring(0, 8);
  static final String URI = "/api/v1/enterprises/" + ENTERPRISE + "/counter-anomalies";
  static final Instant START = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(3));
  static final int STEPS = 192; // two days of quarter hours
  static final double STEP = 5; // kWh a quarter hour: 20 kWh/h

  static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
  static SecuredService svc;
  static String token;

  @BeforeAll
  static void start() {
    svc = SecuredService.start(SecurityConfig.defaults());
    token = svc.access.systemAdminToken();
    List<String> points = new ArrayList<>();
    for (int i = 0; i <= STEPS; i++) {
      Instant t = at(i);
      // four readings 5 000 kWh too high (i = 100..103), then right again
      points.add(
          point(
              "Spiky", t, 1_000 + STEP * i + (i >= 100 && i <= 103 ? 5_000 : 0), "KWH", "counter"));
      // power lost at i = 120: the register restarts from zero
      points.add(
          point("Restart", t, i < 120 ? 2_000 + STEP * i : 3 + STEP * (i - 120), "KWH", "counter"));
      points.add(point("Plain", t, 7_000 + STEP * i, "KWH", "counter"));
      // a second meter, whose register restarts at i = 150
      points.add(
          point("Other", t, i < 150 ? 4_000 + STEP * i : 2 + STEP * (i - 150), "KWH", "counter")
              .replace("\"meter\":\"em\"", "\"meter\":\"em2\""));
      // a meter installed at i = 180 that restarts at i = 186: too few intervals to judge
      if (i >= 180) {
        points.add(
            point("Young", t, i < 186 ? 900 + STEP * i : 1 + STEP * (i - 186), "KWH", "counter"));
      }
    }
    // "Fine" runs at the usual 20 kWh/h, read every quarter hour, then for a minute every 5 s: its
    // register (a float32 at millions of kWh) moves in 0.25 kWh steps, the first after 45 s, in a
    // 5-second interval (180 kWh/h over those 5 s)
    for (int i = 0; i <= STEPS; i++) {
      points.add(point("Fine", at(i), 2_500_000 + STEP * i, "KWH", "counter"));
    }
    for (int k = 1; k <= 12; k++) {
      double register = 2_500_000 + STEP * STEPS + (k >= 9 ? 0.25 : 0);
      points.add(point("Fine", at(STEPS).plusSeconds(5L * k), register, "KWH", "counter"));
    }
    Telemetry.storeAsGateway(svc.db.config(), ENTERPRISE, points);
  }

  @AfterAll
  static void stop() throws Exception {
    if (svc != null) {
      svc.close();
    }
  }

  static Instant at(int i) {
    return START.plus(Duration.ofMinutes(15L * i));
  }

  static HttpResponse<Buffer> get(String query) {
    return svc.withToken(HttpMethod.GET, URI + query, token).send().await();
  }

  static List<JsonObject> anomalies(String query) {
    HttpResponse<Buffer> r = get(query);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject().getJsonArray("anomalies").stream()
        .map(JsonObject.class::cast)
        .toList();
  }

  static JsonObject one(List<JsonObject> list, String channel, String how) {
    List<JsonObject> found =
        list.stream()
            .filter(a -> a.getString("channel").equals(channel) && a.getString("how").equals(how))
            .toList();
    assertThat(found).as(channel + " " + how + " in " + list).hasSize(1);
    return found.get(0);
  }

  @Test
  void aRunOfWrongHighReadingsShowsAsAnImplausibleRiseAndAnImplausibleReset() {
    List<JsonObject> list = anomalies("");
    JsonObject rise = one(list, "Spiky", "difference");
    assertThat(rise.getString("start")).isEqualTo(at(99).toString());
    assertThat(rise.getString("end")).isEqualTo(at(100).toString());
    assertThat(rise.getDouble("energy")).isCloseTo(5_000 + STEP, within(1e-6));
    assertThat(rise.getDouble("per_hour")).isCloseTo(4 * (5_000 + STEP), within(1e-6));
    assertThat(rise.getDouble("usual_per_hour")).isCloseTo(4 * STEP, within(1e-6));
    assertThat(rise.getBoolean("implausible")).isTrue();
    // the way back down: the whole register value booked in a quarter hour
    JsonObject reset = one(list, "Spiky", "reset");
    assertThat(reset.getString("end")).isEqualTo(at(104).toString());
    assertThat(reset.getDouble("energy")).isCloseTo(1_000 + STEP * 104, within(1e-6));
    assertThat(reset.getBoolean("implausible")).isTrue();
    assertThat(reset.getString("unit")).isEqualTo("KWH");
  }

  @Test
  void aGenuineResetIsListedAsPlausibleAndAPlainChannelNotAtAll() {
    List<JsonObject> list = anomalies("");
    JsonObject reset = one(list, "Restart", "reset");
    assertThat(reset.getString("end")).isEqualTo(at(120).toString());
    assertThat(reset.getDouble("energy")).isCloseTo(3, within(1e-6));
    assertThat(reset.getBoolean("implausible")).isFalse();
    assertThat(list).noneMatch(a -> a.getString("channel").equals("Plain"));
    assertThat(list.stream().filter(a -> a.getString("channel").equals("Restart"))).hasSize(1);
  }

  @Test
  void aRegistersStepsInSecondsLongIntervalsAreNoHighRate() {
    // the demo's line meter showed "0.25 kWh / 0 min, 8.9 × the usual: IMPLAUSIBLE" every 50 s: a
    // rate is judged over at least a quarter hour, the usual one over quarter hours
    assertThat(anomalies("")).noneMatch(a -> a.getString("channel").equals("Fine"));
  }

  @Test
  void aResetOnAChannelTooNewToJudgeSaysItCannotBeJudged() {
    JsonObject reset = one(anomalies(""), "Young", "reset");
    assertThat(reset.getValue("usual_per_hour")).isNull();
    assertThat(reset.getValue("implausible")).isNull();
  }

  @Test
  void theWindowIsTheIntervalsEndingInFromTo() {
    // only the second day: the spike (i = 100..104) and the restart (i = 120) are in it, from the
    // first day's usual rate; the first day alone has none of them
    assertThat(anomalies("?from=" + at(96) + "&to=" + at(STEPS)))
        .extracting(a -> a.getString("channel") + " " + a.getString("how"))
        .containsExactly(
            "Spiky difference", "Spiky reset", "Restart reset", "Other reset", "Young reset");
    assertThat(anomalies("?from=" + START + "&to=" + at(96))).isEmpty();
  }

  @Test
  void oneMetersAnomaliesAreAskedByTheMeterNotCutByTheOthers() {
    // the meter page asked for the enterprise's first 1 000 and kept its meter's: another meter's
    // anomalies could push its own out of the answer
    assertThat(anomalies("?limit=1"))
        .extracting(a -> a.getString("meter") + " " + a.getString("channel"))
        .containsExactly("em Spiky");
    assertThat(anomalies("?meter=em2&limit=1"))
        .extracting(
            a -> a.getString("meter") + " " + a.getString("channel") + " " + a.getString("how"))
        .containsExactly("em2 Other reset");
    assertThat(anomalies("?meter=em"))
        .isNotEmpty()
        .allMatch(a -> a.getString("meter").equals("em"));
    HttpResponse<Buffer> bad = get("?meter=" + URLEncoder.encode("em 2", StandardCharsets.UTF_8));
    assertThat(bad.statusCode()).as(bad.bodyAsString()).isEqualTo(400);
    assertThat(bad.bodyAsJsonObject().getString("parameter")).isEqualTo("meter");
    // a meter the enterprise does not have is not "no anomalies": it answered an empty list
    HttpResponse<Buffer> unknown = get("?meter=nosuch");
    assertThat(unknown.statusCode()).as(unknown.bodyAsString()).isEqualTo(404);
    assertThat(unknown.bodyAsString()).contains("meter 'nosuch'");
  }

  @Test
  void theMeterPageListsThemInTheSitesTimeWithTheirJudgement() throws Exception {
    ChromeDriver browser =
        BrowserSession.signedIn(svc, "cav-" + ENTERPRISE, Role.ENTERPRISE_VIEWER, ENTERPRISE);
    try {
      browser.get(
          "http://127.0.0.1:"
              + svc.app.httpPort()
              + "/meter.html?lang=en&enterprise="
              + ENTERPRISE
              + "&meter=em");
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> browser.findElement(By.id("anomalies")).getText().contains("IMPLAUSIBLE"));
      String table = browser.findElement(By.id("anomalies")).getText();
      // the spike's way back down at i = 104, shown in the site's zone (UTC+7), not the browser's
      String local = at(104).atZone(ZoneId.of("Asia/Ho_Chi_Minh")).format(HH_MM);
      String utc = at(104).atZone(ZoneOffset.UTC).format(HH_MM);
      assertThat(table)
          .contains("reset (booked from zero)")
          .contains("plausible")
          .contains("too few intervals to judge")
          .contains(local)
          .doesNotContain(utc + ":");
      assertThat(table.lines().filter(l -> l.contains("IMPLAUSIBLE"))).hasSize(2);
      assertThat(table).doesNotContain("Other");
    } finally {
      browser.quit();
    }
  }

  @Test
  void aBadWindowIsRefusedNamingTheParameter() {
    HttpResponse<Buffer> r = get("?from=" + at(10) + "&to=" + at(5));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.bodyAsJsonObject().getString("parameter")).isEqualTo("from");
    HttpResponse<Buffer> bad = get("?to=yesterday");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.bodyAsString()).contains("to");
  }
}
