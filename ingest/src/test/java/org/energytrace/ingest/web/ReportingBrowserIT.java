package org.energytrace.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.energytrace.ingest.IngestApp;
import org.energytrace.ingest.auth.Role;
import org.energytrace.ingest.config.IngestConfig;
import org.energytrace.ingest.fixtures.Chromium;
import org.energytrace.ingest.fixtures.CspViolations;
import org.energytrace.ingest.fixtures.PageChecks;
import org.energytrace.ingest.fixtures.TestAccess;
import org.energytrace.ingest.fixtures.TestBroker;
import org.energytrace.ingest.fixtures.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The reporting page (/reporting.html, issue 16) in headless Chromium: an enterprise's period
 * report pre-filled, with notes and submission; its district officer's reporting status and late
 * list; the province's period administration with the reminders' outbox; Vietnamese and English.
 *
 * <p>Period 2026-H1 (deadline 31 July 2026, passed): F1 and F2 in district D1, F3 in D2; F1 is
 * applying CP since 1 March 2026 and declared 50,000 kWh of electricity for 2026.
 */
class ReportingBrowserIT {
  static final String S = UUID.randomUUID().toString().substring(0, 6);
  static final String PASSWORD = "pw-" + UUID.randomUUID();
  static final String D1 = "Thủ Dầu Một";
  static final String F1 = "rb1-" + S;
  static final String F2 = "rb2-" + S;
  static final String F3 = "rb3-" + S;

  static TestDatabase db;
  static TestBroker broker;
  static Vertx vertx;
  static IngestApp app;
  static ChromeDriver browser;
  static String token;

  @BeforeAll
  static void start() throws Exception {
    Chromium.requireInstalled();
    db = TestDatabase.create();
    broker = TestBroker.connect();
    vertx = Vertx.vertx();
    app =
        IngestApp.start(
                vertx,
                IngestConfig.defaults(db.url(), db.config().user(), TestBroker.URL, "et-rep-" + S))
            .await();
    TestAccess access = TestAccess.of(db);
    token = access.systemAdminToken();
    String[][] facilities = {
      {F1, "Bia Sài Gòn", D1}, {F2, "Giấy Bình Dương", D1}, {F3, "Thép Dĩ An", "Dĩ An"}
    };
    for (String[] f : facilities) {
      call(
          "PUT",
          "/api/v1/programme/facilities/" + f[0],
          new JsonObject()
              .put("legal_name_vi", "Công ty " + f[1])
              .put("short_name", f[1])
              .put("vsic", "1103")
              .put("district", f[2]));
    }
    call(
        "POST",
        "/api/v1/programme/facilities/" + F1 + "/cp-steps",
        new JsonObject().put("stage", "applying").put("date", "2026-03-01"));
    call(
        "PUT",
        "/api/v1/programme/facilities/" + F1 + "/energy/2026",
        new JsonObject()
            .put(
                "energy",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("carrier", "electricity")
                            .put("unit", "kWh")
                            .put("amount", 50_000))));
    call(
        "POST",
        "/api/v1/programme/reporting-periods",
        new JsonObject().put("period", "2026-H1").put("deadline", "2026-07-31"));
    access.user("ea-" + S, Role.ENTERPRISE_ADMIN, F1, List.of(), PASSWORD);
    access.user("do-" + S, Role.DISTRICT_OFFICER, null, List.of(), PASSWORD);
    access.user("po-" + S, Role.PROVINCE_OFFICER, null, List.of(), PASSWORD);
    call(
        "PUT",
        "/api/v1/programme/officer-areas/do-" + S,
        new JsonObject().put("districts", new JsonArray().add(D1)));
    browser = Chromium.start("--lang=vi-VN", "--window-size=1366,768");
  }

  @AfterEach
  void pagesRanUnderTheContentSecurityPolicy() {
    assertThat(CspViolations.since(browser)).isEmpty();
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    if (app != null) {
      app.stop().await();
    }
    if (vertx != null) {
      vertx.close().await();
    }
    if (broker != null) {
      broker.close();
    }
    if (db != null) {
      db.close();
    }
  }

  static void call(String method, String path, JsonObject body) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url(path)))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.encode()))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path + " " + r.body()).isBetween(200, 201);
  }

  static String url(String path) {
    return "http://127.0.0.1:" + app.httpPort() + path;
  }

  static Object js(String script) {
    return ((JavascriptExecutor) browser).executeScript(script);
  }

  static String text(String id) {
    try {
      return browser.findElement(By.id(id)).getText();
    } catch (StaleElementReferenceException | org.openqa.selenium.NoSuchElementException e) {
      return "";
    }
  }

  static void signIn(String user) {
    browser.manage().deleteAllCookies();
    browser.get(url("/login.html"));
    browser.findElement(By.id("username")).sendKeys(user);
    browser.findElement(By.id("password")).sendKeys(PASSWORD);
    browser.findElement(By.cssSelector("form#login button[type=submit]")).click();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !browser.getCurrentUrl().contains("/login.html"));
  }

  @Test
  void anEnterpriseSubmitsItsPrefilledReportAndItsDistrictOfficerSeesTheLateList() {
    signIn("ea-" + S);
    browser.get(url("/reporting.html?lang=vi&period=2026-H1"));
    await().atMost(Duration.ofSeconds(15)).until(() -> text("report-status").contains("chưa lập"));
    // the deadline has passed and nothing is submitted: late
    assertThat(text("report-status")).contains("trễ hạn");
    assertThat(text("period-info")).contains("31/07/2026").contains("quá hạn");
    assertThat(text("rep-cp")).contains("đang áp dụng").contains("30/06/2026");
    assertThat(text("rep-energy")).contains("2026").contains("điện").contains("50.000 kWh");
    assertThat(
            PageChecks.englishInVietnamese(
                browser,
                List.of("Bia Sài Gòn", "2026-H1", "EnergyTrace", "ea-" + S, "SEC", "EnPI", "kWh")))
        .isEmpty();

    browser.findElement(By.id("notes")).sendKeys("Đã thay nồi hơi tháng 3.");
    browser.findElement(By.id("submit")).click();
    await().atMost(Duration.ofSeconds(10)).until(() -> text("report-status").contains("đã nộp"));
    assertThat(text("report-status")).contains("nộp sau hạn").contains("số liệu như lúc nộp");
    assertThat(browser.findElement(By.id("report-actions")).isDisplayed()).isFalse();
    assertThat(browser.findElement(By.id("notes")).getAttribute("readOnly")).isEqualTo("true");

    browser.get(url("/reporting.html?lang=en&period=2026-H1"));
    await().atMost(Duration.ofSeconds(15)).until(() -> text("report-status").contains("submitted"));
    assertThat(text("rep-cp")).contains("applying");
    // an enterprise sees no area status and no administration
    assertThat(browser.findElement(By.id("status")).isDisplayed()).isFalse();
    assertThat(browser.findElement(By.id("admin")).isDisplayed()).isFalse();

    signIn("do-" + S);
    browser.get(url("/reporting.html?lang=vi&period=2026-H1"));
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> browser.findElements(By.cssSelector("#status-rows tr")).size() == 2);
    assertThat(text("st-" + F1)).contains("đã nộp");
    assertThat(text("st-" + F2)).contains("chưa lập").contains("trễ hạn");
    assertThat(browser.findElements(By.cssSelector("#late li"))).hasSize(1);
    assertThat(text("late-" + F2)).contains("Giấy Bình Dương");
    assertThat(text("count-late")).contains("1");
    assertThat(
            PageChecks.englishInVietnamese(
                browser,
                List.of(
                    "Bia Sài Gòn",
                    "Giấy Bình Dương",
                    "2026-H1",
                    D1,
                    "EnergyTrace",
                    "do-" + S,
                    "SEC",
                    "EnPI")))
        .isEmpty();
    // the officer opens the submitted report of a facility of the area
    browser.findElement(By.cssSelector("#st-" + F1 + " a")).click();
    await().atMost(Duration.ofSeconds(15)).until(() -> text("report-status").contains("đã nộp"));
    assertThat(text("report-title")).contains("Công ty Bia Sài Gòn");
    assertThat(browser.findElement(By.id("notes")).getAttribute("value"))
        .isEqualTo("Đã thay nồi hơi tháng 3.");
  }

  @Test
  void theProvinceOpensAPeriodAndSeesTheOutbox() {
    signIn("po-" + S);
    browser.get(url("/reporting.html?lang=en"));
    await().atMost(Duration.ofSeconds(15)).until(() -> !text("status-rows").isEmpty());
    assertThat(browser.findElements(By.cssSelector("#status-rows tr"))).hasSize(3);
    browser.findElement(By.id("new-period")).sendKeys("2026-H2");
    js(
        "const d = document.getElementById('new-deadline'); d.value = '2027-01-31';"
            + " d.dispatchEvent(new Event('change'));");
    browser.findElement(By.id("create")).click();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                "2026-H2"
                    .equals(js("return document.getElementById('f-period').value;").toString()));
    assertThat(text("period-info")).contains("Deadline");
    assertThat(text("admin")).contains("No mail sending is configured");
  }
}
