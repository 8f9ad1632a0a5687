package org.energytrace.ingest.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.energytrace.ingest.auth.Role;
import org.energytrace.ingest.config.IntegrityConfig;
import org.energytrace.ingest.config.SecurityConfig;
import org.energytrace.ingest.fixtures.BrowserSession;
import org.energytrace.ingest.fixtures.IssuedDossiers;
import org.energytrace.ingest.fixtures.MeteredPlant;
import org.energytrace.ingest.fixtures.SecuredService;
import org.energytrace.ingest.fixtures.Zips;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A reading that arrives late for a day of a signed-off period (docs/verification.md §1.4, §3): the
 * period was verified on the data sealed then, so the savings and the sign-off now say "to be
 * re-verified" and name the late data — first waiting for its seal, then with the revision link the
 * sealing job appends. An auditor found a late outlier that rewrote a verified period while the
 * status stayed "verified". Here the late reading lies on the counter's track (the day's energy is
 * unchanged): the signed dossier's readings no longer match the stored ones all the same.
 */
class LateDataReverifyIT {
  static final String SUFFIX = UUID.randomUUID().toString().substring(0, 6);
  static final String E = "late-" + SUFFIX;
  static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
  static final int DAYS = 12;
  // every day of the plant lies before today, so the sealing job (grace 0) seals all of them
  static final LocalDate FIRST = LocalDate.now(ZONE).minusDays(DAYS + 1);
  static final LocalDate BASE_TO = FIRST.plusDays(5);
  static final LocalDate REP_FROM = FIRST.plusDays(6);
  static final LocalDate REP_TO = FIRST.plusDays(DAYS - 1);

  static SecuredService svc;
  static String admin;
  static String enterpriseAdmin;
  static String viewer;
  static String auditor;
  static int seq;
  static final double[] COUNTER = new double[DAYS + 1];

  static double quantity(int i) {
    return 10 + 3 * (i % 6) + (i * i % 5);
  }

  /** Day i's energy: 100 + 2 × output, 10 % less after the measure, with some noise. */
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
    admin = svc.access.systemAdminToken();
    MeteredPlant.create(svc, admin, E, "gw-1", List.of("m1"), List.of("p1", "p2", "p3"));
    // the counter at every local midnight: day i's energy is the difference of two of them
    List<String> points = new ArrayList<>();
    COUNTER[0] = 5_000;
    for (int i = 0; i <= DAYS; i++) {
      if (i > 0) {
        COUNTER[i] = COUNTER[i - 1] + energy(i - 1);
      }
      points.add(point(midnight(FIRST.plusDays(i)), COUNTER[i]));
    }
    publish(points);
    awaitReadings(points.size());
    MeteredPlant.production(
        svc, admin, E, List.of("p1", "p3"), FIRST, DAYS, LateDataReverifyIT::quantity);
    // p2's output comes from the gateway's cumulative count at every local midnight
    List<String> counts = new ArrayList<>();
    double count = 700;
    for (int i = 0; i <= DAYS; i++) {
      if (i > 0) {
        count += quantity(i - 1);
      }
      counts.add(count(midnight(FIRST.plusDays(i)), count));
    }
    publishCounts(counts);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                svc.db.count(
                        "select count(*) from production_count c join enterprise e"
                            + " using (enterprise_id) where e.code = '"
                            + E
                            + "'")
                    >= counts.size());
    enterpriseAdmin = svc.access.token(Role.ENTERPRISE_ADMIN, E, Duration.ofHours(1));
    viewer = svc.access.token(Role.ENTERPRISE_VIEWER, E, Duration.ofHours(1));
    auditor = svc.access.auditorToken("laud-" + SUFFIX, E);
    approved("sec", "p1");
    approved("cnt", "p2");
    approved("dos", "p3");
    // every past day sealed, then the auditor signs the reporting periods off
    svc.app.integrity().runOnce();
    signedOff("sec");
    signedOff("cnt");
  }

  /** EnPI {@code enpi} of m1 and {@code product}, its baseline 1 approved by the auditor. */
  static void approved(String enpi, String product) {
    JsonObject definition = MeteredPlant.facilityEnpi("plant-1");
    definition.put("products", new JsonArray().add(product));
    ok(enterpriseAdmin, HttpMethod.PUT, "/enpis/" + enpi, definition);
    ok(
        enterpriseAdmin,
        HttpMethod.POST,
        "/enpis/" + enpi + "/baselines",
        new JsonObject()
            .put("from", FIRST.toString())
            .put("to", BASE_TO.toString())
            .put("model", "ols"));
    ok(
        enterpriseAdmin,
        HttpMethod.POST,
        "/enpis/" + enpi + "/baselines/1/submit",
        new JsonObject());
    ok(
        auditor,
        HttpMethod.POST,
        "/enpis/" + enpi + "/baselines/1/approve",
        new JsonObject().put("opinion", "fine"));
  }

  static void signedOff(String enpi) throws Exception {
    IssuedDossiers.record(svc.db, E, enpi, 1, REP_FROM, REP_TO, "cd".repeat(32));
    ok(
        auditor,
        HttpMethod.POST,
        "/enpis/" + enpi + "/signoffs",
        new JsonObject()
            .put("baseline_version", 1)
            .put("from", REP_FROM.toString())
            .put("to", REP_TO.toString())
            .put("opinion", "verified")
            .put("dossier_sha256", "cd".repeat(32)));
  }

  @Test
  void aSignOffOnADossierMadeBeforeThePeriodsDataChangedIsRefusedNamingWhatChanged()
      throws Exception {
    // an auditor's recheck: the dossier downloaded, a figure changed and sealed during the review,
    // then the sign-off on the old dossier said "verified" with nothing to re-verify; later it was
    // taken and marked "to be re-verified" from its first moment: an opinion on figures that were
    // no longer the period's
    IssuedDossiers.record(svc.db, E, "dos", 1, REP_FROM, REP_TO, "ef".repeat(32));
    LocalDate day = FIRST.plusDays(10);
    ok(
        enterpriseAdmin,
        HttpMethod.POST,
        "/production",
        new JsonObject()
            .put(
                "quantities",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("product", "p3")
                            .put("day", day.toString())
                            .put("quantity", quantity(10) + 3))));
    svc.app.integrity().runOnce(); // the late row's seal revision, before the signature
    JsonObject signoff =
        new JsonObject()
            .put("baseline_version", 1)
            .put("from", REP_FROM.toString())
            .put("to", REP_TO.toString())
            .put("opinion", "verified")
            .put("dossier_sha256", "ef".repeat(32));
    HttpResponse<Buffer> refused =
        svc.withToken(HttpMethod.POST, "/api/v1/enterprises/" + E + "/enpis/dos/signoffs", auditor)
            .sendJsonObject(signoff)
            .await();
    assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(409);
    assertThat(refused.bodyAsString())
        .contains("dossier_sha256")
        .contains("was made before the period's data changed")
        .contains("data arrived for days of the period that were already sealed")
        .contains("fetch the period's dossier again");
    // nothing was signed: the period is not verified, and the late row is listed
    assertThat(ok(viewer, HttpMethod.GET, "/enpis/dos/signoffs", null).getJsonArray("signoffs"))
        .isEmpty();
    JsonObject v =
        ok(
                viewer,
                HttpMethod.GET,
                "/enpis/dos/savings?baseline=1&from=" + REP_FROM + "&to=" + REP_TO,
                null)
            .getJsonObject("verification");
    assertThat(v.getString("status"))
        .as(v.encodePrettily())
        .isNotIn("verified", "to_be_reverified");
    // the dossier made after the change is signed off, and stands verified
    IssuedDossiers.record(svc.db, E, "dos", 1, REP_FROM, REP_TO, "e0".repeat(32));
    ok(
        auditor,
        HttpMethod.POST,
        "/enpis/dos/signoffs",
        signoff.put("dossier_sha256", "e0".repeat(32)));
    JsonObject signed =
        ok(viewer, HttpMethod.GET, "/enpis/dos/signoffs", null)
            .getJsonArray("signoffs")
            .getJsonObject(0);
    assertThat(signed.getBoolean("to_be_reverified")).as(signed.encodePrettily()).isFalse();
    assertThat(
            ok(
                    viewer,
                    HttpMethod.GET,
                    "/enpis/dos/savings?baseline=1&from=" + REP_FROM + "&to=" + REP_TO,
                    null)
                .getJsonObject("verification")
                .getString("status"))
        .isEqualTo("verified");
  }

  @Test
  void aFirstQuantityThatReplacesTheCountersFigureOfASignedOffDayIsAnAuditedRevision() {
    // the reviewer's finding: it was stored without a reason and the period stayed verified
    LocalDate day = FIRST.plusDays(9);
    double counted = quantity(9);
    JsonObject quantity =
        new JsonObject()
            .put(
                "quantities",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("product", "p2")
                            .put("day", day.toString())
                            .put("quantity", counted + 5)));
    var refused =
        svc.withToken(HttpMethod.POST, "/api/v1/enterprises/" + E + "/production", enterpriseAdmin)
            .sendJsonObject(quantity)
            .await();
    assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(400);
    assertThat(refused.bodyAsJsonObject().getString("parameter")).isEqualTo("reason");
    assertThat(refused.bodyAsJsonObject().getString("message"))
        .contains("period cnt/1 " + REP_FROM + ".." + REP_TO);
    // the counters' own figure entered again changes nothing, so it needs no reason
    JsonObject same = quantity.copy();
    same.getJsonArray("quantities").getJsonObject(0).put("quantity", counted);
    assertThat(ok(enterpriseAdmin, HttpMethod.POST, "/production", same).getJsonArray("replaced"))
        .isEmpty();

    quantity.put("reason", "the filler's counter missed a pallet");
    JsonObject stored = ok(enterpriseAdmin, HttpMethod.POST, "/production", quantity);
    // the answer says which figure it replaced (it said only {"stored": 1})
    JsonObject replaced = stored.getJsonArray("replaced").getJsonObject(0);
    assertThat(replaced.getString("product")).isEqualTo("p2");
    assertThat(replaced.getString("day")).isEqualTo(day.toString());
    assertThat(replaced.getDouble("old_quantity")).isEqualTo(counted);
    assertThat(replaced.getString("old_source")).as("entered just above").isEqualTo("entered");
    assertThat(replaced.getDouble("quantity")).isEqualTo(counted + 5);
    JsonObject v =
        ok(
                viewer,
                HttpMethod.GET,
                "/enpis/cnt/savings?baseline=1&from=" + REP_FROM + "&to=" + REP_TO,
                null)
            .getJsonObject("verification");
    assertThat(v.getString("status")).isEqualTo("to_be_reverified");
    JsonObject revision = v.getJsonArray("revisions").getJsonObject(0);
    assertThat(revision.getString("product")).isEqualTo("p2");
    assertThat(revision.getString("day")).isEqualTo(day.toString());
    assertThat(revision.getDouble("old_quantity")).as("the counters' figure").isEqualTo(counted);
    assertThat(revision.getDouble("new_quantity")).isEqualTo(counted + 5);
    // the sign-off says why it is to be re-verified (the verification page said only that it was)
    assertThat(
            ok(viewer, HttpMethod.GET, "/enpis/cnt/signoffs", null)
                .getJsonArray("signoffs")
                .getJsonObject(0)
                .getJsonArray("reverify_because"))
        .containsExactly("production_revised");

    // a first quantity of another day replaces the counters' figure: the answer lists it with its
    // source (it listed only entered quantities, so this one went unsaid)
    LocalDate other = FIRST.plusDays(7);
    JsonObject first =
        ok(
            enterpriseAdmin,
            HttpMethod.POST,
            "/production",
            new JsonObject()
                .put("reason", "the filler's counter stopped for an hour")
                .put(
                    "quantities",
                    new JsonArray()
                        .add(
                            new JsonObject()
                                .put("product", "p2")
                                .put("day", other.toString())
                                .put("quantity", quantity(7) + 2))));
    assertThat(first.getJsonArray("replaced")).hasSize(1);
    JsonObject fromCounters = first.getJsonArray("replaced").getJsonObject(0);
    assertThat(fromCounters.getString("product")).isEqualTo("p2");
    assertThat(fromCounters.getString("day")).isEqualTo(other.toString());
    assertThat(fromCounters.getDouble("old_quantity")).isEqualTo(quantity(7));
    assertThat(fromCounters.getString("old_source")).isEqualTo("counters");
    assertThat(fromCounters.getDouble("quantity")).isEqualTo(quantity(7) + 2);
  }

  @AfterAll
  static void stop() throws Exception {
    if (svc != null) {
      svc.close();
    }
  }

  @Test
  void aLateReadingOfASignedOffDayMakesThePeriodToBeReverifiedAndNamesIt() throws Exception {
    JsonObject before = verification();
    assertThat(before.getString("status")).as(before.encodePrettily()).isEqualTo("verified");
    assertThat(before.getJsonArray("late_data")).isEmpty();
    assertThat(signoff().getBoolean("to_be_reverified")).isFalse();
    assertThat(signoff().getJsonArray("reverify_because")).isEmpty();
    double savings = savings().getJsonObject("reporting").getDouble("savings");

    // noon of the third reporting day, on the counter's track: the day's energy stays the same
    int i = 8;
    LocalDate day = FIRST.plusDays(i);
    Instant noon = midnight(day).plus(Duration.ofHours(12));
    publish(List.of(point(noon, (COUNTER[i] + COUNTER[i + 1]) / 2)));
    awaitReadings(DAYS + 2);

    JsonObject waiting = verification();
    assertThat(waiting.getString("status")).isEqualTo("to_be_reverified");
    assertThat(waiting.getBoolean("to_be_reverified")).isTrue();
    JsonObject late = waiting.getJsonArray("late_data").getJsonObject(0);
    assertThat(late.getString("series")).isEqualTo("m1/E");
    assertThat(late.getString("kind")).isEqualTo("reading");
    assertThat(late.getString("day")).isEqualTo(day.toString());
    assertThat(late.getValue("revision")).as("not sealed yet").isNull();
    // the reading itself, so that the auditor need not search readings.csv for it
    JsonArray readings = late.getJsonArray("readings");
    assertThat(readings).hasSize(1);
    assertThat(readings.getJsonObject(0).getString("ts")).isEqualTo(noon.toString());
    assertThat(readings.getJsonObject(0).getDouble("value"))
        .isCloseTo((COUNTER[i] + COUNTER[i + 1]) / 2, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(readings.getJsonObject(0).getString("received_at")).isNotBlank();
    assertThat(signoff().getBoolean("to_be_reverified")).isTrue();
    assertThat(savings().getJsonObject("reporting").getDouble("savings"))
        .as("the figures themselves did not move")
        .isCloseTo(savings, org.assertj.core.api.Assertions.within(1e-6));

    // the sealing job appends the day's revision link: still to be re-verified, now with it
    svc.app.integrity().runOnce();
    JsonObject sealed = verification();
    assertThat(sealed.getString("status")).isEqualTo("to_be_reverified");
    JsonArray list = sealed.getJsonArray("late_data");
    assertThat(list).hasSize(1);
    assertThat(list.getJsonObject(0).getInteger("revision")).isEqualTo(1);
    assertThat(list.getJsonObject(0).getString("sealed_at")).isNotBlank();
    // the baseline's days got no late data: only the period's sign-off is concerned
    assertThat(sealed.getJsonArray("revisions")).isEmpty();
    assertThat(signoff().getJsonArray("reverify_because")).containsExactly("late_data");
    // the verification page says why, and names the reading (it said only "to be re-verified")
    ChromeDriver browser = BrowserSession.signedIn(svc, "lrv-" + SUFFIX, Role.ENTERPRISE_VIEWER, E);
    try {
      browser.get(
          "http://127.0.0.1:"
              + svc.app.httpPort()
              + "/verification.html?lang=en&enterprise="
              + E
              + "&enpi=sec");
      String id = "so-" + signoff().getLong("id");
      await()
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions() // the sign-offs are drawn once the page has them
          .until(() -> browser.findElement(By.id(id + "-why")).getText().contains("m1/E"));
      String why = browser.findElement(By.id(id + "-reverify")).getText();
      assertThat(why)
          .contains("to be re-verified")
          .contains("data arrived late for sealed days of the period")
          .contains("meter reading m1/E for", "received after the dossier", "received at")
          .doesNotContain("production figure of the period was revised");
      assertThat(browser.findElement(By.id("dossier-links")).isDisplayed()).isTrue();
      // the approved baseline's row: the period it verifies is to be re-verified (it said
      // "verified: <period>" beside figures that changed after the sign-off)
      var dayShown = java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy");
      assertThat(browser.findElement(By.id("bl-1-so-" + signoff().getLong("id"))).getText())
          .startsWith(
              "to be re-verified: "
                  + REP_FROM.format(dayShown)
                  + " – "
                  + REP_TO.format(dayShown)
                  + " · ")
          .endsWith(", before the data changed");
      // the period's own status: signed off, then changed (it read "Baseline status: to be
      // re-verified · period verified on …", and trends said the same baseline was "approved")
      browser.executeScript(
          "for (const [id, v] of [['p-from', arguments[0]], ['p-to', arguments[1]]]) {"
              + " const e = document.getElementById(id); e.value = v;"
              + " e.dispatchEvent(new Event('change')); }",
          REP_FROM.toString(),
          REP_TO.toString());
      await()
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .until(
              () ->
                  browser
                      .findElement(By.id("period-status"))
                      .getText()
                      .startsWith("Period status: to be re-verified"));
      assertThat(browser.findElement(By.id("period-status")).getText())
          .contains("verified on ", ", before the data changed")
          .doesNotContain("Baseline status");
      // the overview's saving to date runs to yesterday, past the signed-off period: it said only
      // "Baseline status: approved", not that the period the auditor signed is to be re-verified
      browser.get(
          "http://127.0.0.1:" + svc.app.httpPort() + "/overview.html?lang=en&enterprise=" + E);
      await()
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .until(() -> !browser.findElement(By.id("signed-period")).getText().isEmpty());
      var shownDay = java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy");
      assertThat(browser.findElement(By.id("signed-period")).getText())
          .startsWith(
              "Newest period signed off by the auditor: "
                  + REP_FROM.format(shownDay)
                  + " – "
                  + REP_TO.format(shownDay))
          .contains("verified on ", ", before the data changed", "to be re-verified");
    } finally {
      browser.quit();
    }
    // a province officer may not download a dossier (getDossier): the page says so instead of
    // links that failed with nothing said
    ChromeDriver officer =
        BrowserSession.signedIn(svc, "lro-" + SUFFIX, Role.PROVINCE_OFFICER, null);
    try {
      officer.get(
          "http://127.0.0.1:"
              + svc.app.httpPort()
              + "/verification.html?lang=en&enterprise="
              + E
              + "&enpi=sec");
      await()
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .until(() -> officer.findElement(By.id("dossier-notforrole")).isDisplayed());
      assertThat(officer.findElement(By.id("dossier-notforrole")).getText())
          .contains("for the enterprise and its assigned auditor");
      assertThat(officer.findElement(By.id("dossier-links")).isDisplayed()).isFalse();
    } finally {
      officer.quit();
    }
    // a new dossier of the period lists that sign-off as current but to be re-verified (a reviewer
    // read plain "current" beside it)
    HttpResponse<Buffer> dossier =
        svc.withToken(
                HttpMethod.GET,
                "/api/v1/enterprises/"
                    + E
                    + "/enpis/sec/dossier?lang=en&from="
                    + REP_FROM
                    + "&to="
                    + REP_TO,
                admin)
            .send()
            .await();
    assertThat(dossier.statusCode()).as(dossier.bodyAsString()).isEqualTo(200);
    try (XSSFWorkbook wb =
        new XSSFWorkbook(
            new ByteArrayInputStream(Zips.unzip(dossier.body().getBytes()).get("report.xlsx")))) {
      StringBuilder text = new StringBuilder();
      wb.getSheetAt(0)
          .forEach(row -> row.forEach(cell -> text.append(cell.toString()).append('\n')));
      // and what changed, as the verification page lists it (the report said only "data changed")
      assertThat(text.toString())
          .contains(
              "current, to be re-verified (data changed after the dossier it names): late readings"
                  + " of m1/E for "
                  + day
                  + " received after it");
    }
  }

  // ---- helpers ----

  static JsonObject savings() {
    return ok(
        viewer,
        HttpMethod.GET,
        "/enpis/sec/savings?baseline=1&from=" + REP_FROM + "&to=" + REP_TO,
        null);
  }

  static JsonObject verification() {
    return savings().getJsonObject("verification");
  }

  static JsonObject signoff() {
    return ok(viewer, HttpMethod.GET, "/enpis/sec/signoffs", null)
        .getJsonArray("signoffs")
        .getJsonObject(0);
  }

  static String point(Instant ts, double value) {
    return String.format(
        Locale.ROOT,
        "{\"meter\":\"m1\",\"channel\":\"E\",\"ts\":\"%s\",\"value\":%s,\"unit\":\"KWH\","
            + "\"quality\":\"good\",\"kind\":\"counter\",\"counter_bits\":32}",
        ts,
        value);
  }

  static String count(Instant ts, double quantity) {
    return String.format(
        Locale.ROOT,
        "{\"line\":\"l1\",\"product\":\"p2\",\"ts\":\"%s\",\"quantity\":%s,"
            + "\"unit\":\"TNE\",\"cumulative\":true,\"quality\":\"good\"}",
        ts,
        quantity);
  }

  static void publishCounts(List<String> counts) {
    String payload =
        "{\"schema_version\":1,\"gateway\":\"gw-1\",\"seq\":"
            + (++seq)
            + ",\"sent_at\":\""
            + Instant.now()
            + "\",\"counts\":["
            + String.join(",", counts)
            + "]}";
    svc.broker.publish("et/v1/" + E + "/plant-1/gw-1/production", payload);
  }

  static void publish(List<String> points) {
    String payload =
        "{\"schema_version\":1,\"gateway\":\"gw-1\",\"seq\":"
            + (++seq)
            + ",\"sent_at\":\""
            + Instant.now()
            + "\",\"points\":["
            + String.join(",", points)
            + "]}";
    svc.broker.publish("et/v1/" + E + "/plant-1/gw-1/telemetry", payload);
  }

  static void awaitReadings(long n) {
    String mine = " from quarantine where topic like 'et/v1/" + E + "/%'";
    String readings =
        "select count(*) from reading r join enterprise e using (enterprise_id) where e.code = '"
            + E
            + "'";
    await()
        .atMost(Duration.ofSeconds(30))
        .failFast(
            () -> {
              if (svc.db.count("select count(*)" + mine) > 0) {
                throw new AssertionError(svc.db.rows("select reason" + mine).toString());
              }
            })
        .until(() -> svc.db.count(readings) >= n);
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
