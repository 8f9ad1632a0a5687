package org.energytrace.ingest.cp;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.energytrace.ingest.auth.Role;
import org.energytrace.ingest.config.SecurityConfig;
import org.energytrace.ingest.fixtures.SecuredService;
import org.energytrace.ingest.fixtures.SecuredService.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The public CP section (issue 18): province officers write news, activities and the yearly plan,
 * every change audited; anyone reads, without signing in, only what was published.
 */
class CpPublicIT {
  static SecuredService svc;
  static final String S = UUID.randomUUID().toString().substring(0, 6);
  static Session province;
  static Session enterpriseAdmin;

  @BeforeAll
  static void start() {
    svc = SecuredService.start(SecurityConfig.defaults());
    svc.access.user("pub-p-" + S, Role.PROVINCE_OFFICER, null, List.of(), "pw-" + S);
    province = svc.session("pub-p-" + S, "pw-" + S);
    svc.access.user("pub-e-" + S, Role.ENTERPRISE_ADMIN, "pub-ent-" + S, List.of(), "pw-" + S);
    enterpriseAdmin = svc.session("pub-e-" + S, "pw-" + S);
  }

  @AfterAll
  static void stop() throws Exception {
    if (svc != null) {
      svc.close();
    }
  }

  static int put(Session s, String code, JsonObject body) {
    return svc.request(HttpMethod.PUT, "/api/v1/cp-public/items/" + code, s)
        .sendJsonObject(body)
        .await()
        .statusCode();
  }

  static JsonObject anonymous() {
    var r = svc.request(HttpMethod.GET, "/api/v1/cp-public", null).send().await();
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  static List<String> codes(JsonArray items) {
    return items.stream().map(o -> ((JsonObject) o).getString("code")).toList();
  }

  static long audited(String action, String code) {
    return svc.count(
        "select count(*) from audit_log where action = '"
            + action
            + "' and target = '"
            + code
            + "'");
  }

  @Test
  void onlyPublishedItemsAreShownToThePublicAndEveryEditIsAudited() {
    String workshop = "ws-" + S;
    String draft = "draft-" + S;
    String plan = "plan-" + S;
    assertThat(
            put(
                province,
                workshop,
                new JsonObject()
                    .put("kind", "workshop")
                    .put("title_vi", "Hội thảo SXSH ngành bia")
                    .put("title_en", "CP workshop for breweries")
                    .put("date", "2026-03-12")
                    .put("attendance", 45)
                    .put("published", true)))
        .isEqualTo(201);
    JsonObject draftBody =
        new JsonObject().put("kind", "news").put("title_vi", "Bản nháp chưa công bố " + S);
    assertThat(put(province, draft, draftBody)).isEqualTo(201);
    assertThat(
            put(
                province,
                plan,
                new JsonObject()
                    .put("kind", "plan")
                    .put("title_vi", "Kế hoạch SXSH năm 2026")
                    .put("plan_year", 2026)
                    .put("published", true)))
        .isEqualTo(201);

    JsonObject shown = anonymous();
    assertThat(codes(shown.getJsonArray("activities"))).contains(workshop).doesNotContain(draft);
    assertThat(shown.encode()).doesNotContain("Bản nháp chưa công bố " + S);
    assertThat(codes(shown.getJsonArray("plans"))).contains(plan);
    JsonObject ws =
        shown.getJsonArray("activities").stream()
            .map(JsonObject.class::cast)
            .filter(o -> o.getString("code").equals(workshop))
            .findFirst()
            .orElseThrow();
    assertThat(ws.getInteger("attendance")).isEqualTo(45);
    assertThat(shown.getJsonObject("catalogue").getJsonArray("entries")).isNotNull();

    // published later: shown, and the change audited with the state before
    assertThat(put(province, draft, draftBody.copy().put("published", true))).isEqualTo(200);
    assertThat(codes(anonymous().getJsonArray("activities"))).contains(draft);
    assertThat(audited("cp.public.create", draft)).isEqualTo(1);
    assertThat(audited("cp.public.update", draft)).isEqualTo(1);
    assertThat(
            svc.db.text(
                "select before_state->>'published' from audit_log where action ="
                    + " 'cp.public.update' and target = '"
                    + draft
                    + "'"))
        .isEqualTo("false");
  }

  @Test
  void onlyTheProvincesStaffEditAndBadFieldsAreNamed() {
    JsonObject body = new JsonObject().put("kind", "news").put("title_vi", "Tin");
    assertThat(put(enterpriseAdmin, "x-" + S, body)).isEqualTo(403);
    assertThat(put(null, "x-" + S, body)).isEqualTo(401);
    var r =
        svc.request(HttpMethod.PUT, "/api/v1/cp-public/items/p-" + S, province)
            .sendJsonObject(new JsonObject().put("kind", "plan").put("title_vi", "Kế hoạch"))
            .await();
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.bodyAsJsonObject().getString("parameter")).isEqualTo("plan_year");
    var k =
        svc.request(HttpMethod.PUT, "/api/v1/cp-public/items/p-" + S, province)
            .sendJsonObject(new JsonObject().put("kind", "party").put("title_vi", "x"))
            .await();
    assertThat(k.bodyAsJsonObject().getString("parameter")).isEqualTo("kind");
  }

  static JsonObject call(HttpMethod m, String uri, JsonObject body, int status) {
    var r = svc.request(m, uri, province).sendJsonObject(body).await();
    assertThat(r.statusCode()).as(uri + " " + r.bodyAsString()).isEqualTo(status);
    return r.bodyAsJsonObject();
  }

  static void registered(String enterprise) {
    var site =
        svc.withToken(
                HttpMethod.PUT,
                "/api/v1/enterprises/" + enterprise + "/gateways/gw-" + enterprise,
                svc.access.systemAdminToken())
            .sendJsonObject(new JsonObject().put("site", "plant-1"))
            .await();
    assertThat(site.statusCode()).as(site.bodyAsString()).isBetween(200, 201);
    call(
        HttpMethod.PUT,
        "/api/v1/programme/facilities/" + enterprise,
        new JsonObject()
            .put("legal_name_vi", "Công ty " + enterprise)
            .put("vsic", "1103")
            .put("district", "Tân Uyên " + S)
            .put("registered_on", "2020-01-01"),
        201);
  }

  @Test
  void achievementsAndPilotSitesShowOnlyWhenPublishedAndThePageShowsNothingElse() throws Exception {
    String shown = "pa-" + S;
    String hidden = "pb-" + S;
    registered(shown);
    registered(hidden);
    // 2025: the first facility's officer came to a workshop of that year (aware by attendance)
    call(
        HttpMethod.PUT,
        "/api/v1/cp-public/items/ws25-" + S,
        new JsonObject()
            .put("kind", "workshop")
            .put("title_vi", "Hội thảo SXSH 2025")
            .put("date", "2025-05-20")
            .put("published", true),
        201);
    call(
        HttpMethod.POST,
        "/api/v1/cp-public/items/ws25-" + S + "/attendance",
        new JsonObject().put("enterprise", shown).put("person", "Phạm Văn D").put("role", "staff"),
        201);

    // an open period cannot be published
    var open =
        svc.request(HttpMethod.PUT, "/api/v1/cp-achievements/2100", province)
            .sendJsonObject(new JsonObject().put("published", true))
            .await();
    assertThat(open.statusCode()).isEqualTo(409);
    assertThat(open.bodyAsJsonObject().getString("parameter")).isEqualTo("period");
    // nor a period whose facilities' reports are still being collected (the demo published
    // 2026-H1 with 14 reports missing); once its reporting period is closed, it can
    call(
        HttpMethod.POST,
        "/api/v1/programme/reporting-periods",
        new JsonObject().put("period", "2023").put("deadline", "2024-03-31"),
        201);
    var collecting =
        svc.request(HttpMethod.PUT, "/api/v1/cp-achievements/2023", province)
            .sendJsonObject(new JsonObject().put("published", true))
            .await();
    assertThat(collecting.statusCode()).as(collecting.bodyAsString()).isEqualTo(409);
    assertThat(collecting.bodyAsJsonObject().getString("message"))
        .contains("2023's period reports are still being collected (deadline 2024-03-31)");
    var closed =
        svc.request(HttpMethod.POST, "/api/v1/programme/reporting-periods/2023/close", province)
            .send()
            .await();
    assertThat(closed.statusCode()).as(closed.bodyAsString()).isEqualTo(200);
    call(
        HttpMethod.PUT,
        "/api/v1/cp-achievements/2023",
        new JsonObject().put("published", true),
        200);
    call(
        HttpMethod.PUT,
        "/api/v1/cp-achievements/2023",
        new JsonObject().put("published", false),
        200);
    // nor a period before any facility was in the programme: it published a row of zeros
    var empty =
        svc.request(HttpMethod.PUT, "/api/v1/cp-achievements/2001-H1", province)
            .sendJsonObject(new JsonObject().put("published", true))
            .await();
    assertThat(empty.statusCode()).as(empty.bodyAsString()).isEqualTo(409);
    assertThat(empty.bodyAsJsonObject().getString("message"))
        .contains("no facility was in the programme in 2001-H1");
    // 2025 published: hand-worked, 1 of the 2 facilities aware, nobody trained
    JsonObject y2025 =
        call(
            HttpMethod.PUT,
            "/api/v1/cp-achievements/2025",
            new JsonObject().put("published", true),
            200);
    JsonObject figures = y2025.getJsonObject("figures");
    assertThat(figures.getInteger("facilities")).isEqualTo(2);
    assertThat(figures.getJsonObject("aware").getInteger("numerator")).isEqualTo(1);
    assertThat(figures.getJsonObject("aware").getDouble("share")).isEqualTo(0.5);
    assertThat(figures.getJsonObject("officers_trained").getInteger("denominator")).isZero();
    assertThat(figures.encode()).doesNotContain(shown).doesNotContain(hidden);
    // 2024 published, then withdrawn: audited both ways
    call(
        HttpMethod.PUT,
        "/api/v1/cp-achievements/2024",
        new JsonObject().put("published", true),
        200);
    call(
        HttpMethod.PUT,
        "/api/v1/cp-achievements/2024",
        new JsonObject().put("published", false),
        200);
    assertThat(audited("cp.achievement.unpublish", "cp-achievements/2024")).isEqualTo(1);

    // pilot sites: one published with its site published; one whose site is not; one draft
    svc.access.publish(shown, "plant-1");
    call(
        HttpMethod.PUT,
        "/api/v1/cp-pilot-sites/pilot-" + shown,
        new JsonObject()
            .put("enterprise", shown)
            .put("site", "plant-1")
            .put("title_vi", "Nhà máy bia trình diễn " + S)
            .put("title_en", "Pilot brewery " + S)
            .put("published", true),
        201);
    call(
        HttpMethod.PUT,
        "/api/v1/cp-pilot-sites/pilot-" + hidden,
        new JsonObject()
            .put("enterprise", hidden)
            .put("site", "plant-1")
            .put("title_vi", "Cơ sở chưa công bố " + S)
            .put("published", true),
        201);
    call(
        HttpMethod.PUT,
        "/api/v1/cp-pilot-sites/draft-" + shown,
        new JsonObject()
            .put("enterprise", shown)
            .put("site", "plant-1")
            .put("title_vi", "Điểm trình diễn nháp " + S),
        201);
    var noSite =
        svc.request(HttpMethod.PUT, "/api/v1/cp-pilot-sites/x-" + S, province)
            .sendJsonObject(
                new JsonObject()
                    .put("enterprise", shown)
                    .put("site", "nowhere")
                    .put("title_vi", "x"))
            .await();
    assertThat(noSite.statusCode()).isEqualTo(409);
    assertThat(noSite.bodyAsJsonObject().getString("parameter")).isEqualTo("site");

    // guidance: one published, one draft
    for (String g : List.of("gpub-" + S, "gdraft-" + S)) {
      call(
          HttpMethod.PUT,
          "/api/v1/cp-guidance/" + g,
          new JsonObject()
              .put("sector", "1103")
              .put(
                  "title_vi",
                  (g.startsWith("gpub") ? "Hướng dẫn ngành bia " : "Hướng dẫn nháp ") + S)
              .put("body_vi", "Kiểm soát rò rỉ hơi.")
              .put("published", g.startsWith("gpub")),
          201);
    }

    JsonObject section = anonymous();
    assertThat(codes(section.getJsonArray("guidance"))).containsExactly("gpub-" + S);
    assertThat(
            section.getJsonArray("achievements").stream()
                .map(o -> ((JsonObject) o).getString("period")))
        .containsExactly("2025");
    assertThat(codes(section.getJsonArray("pilot_sites"))).containsExactly("pilot-" + shown);
    assertThat(section.getJsonArray("pilot_sites").getJsonObject(0).getString("showcase"))
        .isEqualTo("/showcase.html?enterprise=" + shown + "&site=plant-1");

    // the page, signed out, in headless Chromium
    org.openqa.selenium.chrome.ChromeDriver browser =
        org.energytrace.ingest.fixtures.Chromium.start("--lang=vi-VN", "--window-size=1366,768");
    try {
      browser.get("http://127.0.0.1:" + svc.app.httpPort() + "/cp.html?lang=vi");
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(10))
          .until(
              () -> !browser.findElements(org.openqa.selenium.By.id("achievement-2025")).isEmpty());
      String row = browser.findElement(org.openqa.selenium.By.id("achievement-2025")).getText();
      assertThat(row).contains("1/2 (50").contains("2025");
      var pilot = browser.findElement(org.openqa.selenium.By.id("pilot-pilot-" + shown));
      assertThat(pilot.getText()).contains("Nhà máy bia trình diễn " + S);
      assertThat(pilot.findElement(org.openqa.selenium.By.tagName("a")).getDomAttribute("href"))
          .isEqualTo("/showcase.html?enterprise=" + shown + "&site=plant-1");
      String source = browser.getPageSource();
      assertThat(source)
          .doesNotContain("achievement-2024")
          .doesNotContain("Cơ sở chưa công bố " + S)
          .doesNotContain("Điểm trình diễn nháp " + S)
          .doesNotContain("Hướng dẫn nháp " + S);
      // a visitor's header links only the public pages (docs/dashboards.md, "Navigation"), not
      // the overview and trends that would only send them to the sign-in form
      assertThat(
              browser.findElements(org.openqa.selenium.By.cssSelector("header nav a")).stream()
                  .map(a -> a.getDomAttribute("href"))
                  .toList())
          .contains("/showcase.html", "/cp.html")
          .doesNotContain(
              "/overview.html",
              "/trends.html",
              "/programme.html",
              "/reporting.html",
              "/verification.html",
              "/cp-assessments.html",
              "/cp-edit.html",
              "/tokens.html",
              "/audit.html",
              "/quarantine.html",
              "/accounts.html");
      var note = browser.findElement(org.openqa.selenium.By.id("guidance-gpub-" + S));
      assertThat(note.getText()).contains("Hướng dẫn ngành bia " + S).contains("Tải về (PDF)");
      assertThat(note.findElement(org.openqa.selenium.By.tagName("a")).getDomAttribute("href"))
          .isEqualTo("/api/v1/cp-public/guidance/gpub-" + S + "/document?lang=vi");
      assertThat(
              org.energytrace.ingest.fixtures.PageChecks.englishInVietnamese(
                  browser, List.of("EnergyTrace", "VSIC", "SXSH", "TOE", "PDF")))
          .isEmpty();
      browser.get("http://127.0.0.1:" + svc.app.httpPort() + "/cp.html?lang=en");
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(10))
          .until(
              () ->
                  !browser.findElements(org.openqa.selenium.By.id("pilot-pilot-" + shown)).isEmpty()
                      && browser
                          .findElement(org.openqa.selenium.By.id("pilot-pilot-" + shown))
                          .getText()
                          .contains("Pilot brewery " + S));
      assertThat(browser.findElement(org.openqa.selenium.By.id("achievement-2025")).getText())
          .contains("1/2 (50");
      assertThat(org.energytrace.ingest.fixtures.CspViolations.since(browser)).isEmpty();
    } finally {
      browser.quit();
    }
  }
}
