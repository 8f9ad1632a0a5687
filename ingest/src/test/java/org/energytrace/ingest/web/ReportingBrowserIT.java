package org.energytrace.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.energytrace.ingest.auth.Role;
import org.energytrace.ingest.fixtures.BrowserSession;
import org.energytrace.ingest.fixtures.PageChecks;
import org.energytrace.ingest.fixtures.SecuredService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

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
  static final String D1 = "Thủ Dầu Một";
  static final String F1 = "rb1-" + S;
  static final String F2 = "rb2-" + S;
  static final String F3 = "rb3-" + S;

  @RegisterExtension static final BrowserSession session = new BrowserSession();
  static SecuredService svc;
  static ChromeDriver browser;
  static String token;

  @BeforeAll
  static void start() throws Exception {
    svc = session.startService();
    token = svc.access.systemAdminToken();
    String[][] facilities = {
      {F1, "Bia Sài Gòn", D1}, {F2, "Giấy Bình Dương", D1}, {F3, "Thép Dĩ An", "Dĩ An"}
    };
    for (String[] f : facilities) {
      call(
          HttpMethod.PUT,
          "/api/v1/programme/facilities/" + f[0],
          new JsonObject()
              .put("legal_name_vi", "Công ty " + f[1])
              .put("short_name", f[1])
              .put("vsic", "1103")
              .put("district", f[2]));
    }
    call(
        HttpMethod.POST,
        "/api/v1/programme/facilities/" + F1 + "/cp-steps",
        new JsonObject().put("stage", "applying").put("date", "2026-03-01"));
    call(
        HttpMethod.PUT,
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
        HttpMethod.POST,
        "/api/v1/programme/reporting-periods",
        new JsonObject().put("period", "2026-H1").put("deadline", "2026-07-31"));
    session.account("ea-" + S, Role.ENTERPRISE_ADMIN, F1);
    session.account("do-" + S, Role.DISTRICT_OFFICER, null);
    session.account("po-" + S, Role.PROVINCE_OFFICER, null);
    call(
        HttpMethod.PUT,
        "/api/v1/programme/officer-areas/do-" + S,
        new JsonObject().put("districts", new JsonArray().add(D1)));
    browser = session.open("--lang=vi-VN", "--window-size=1366,768");
  }

  static void call(HttpMethod method, String path, JsonObject body) {
    svc.ok(method, path, token, body);
  }

  @Test
  void anEnterpriseSubmitsItsPrefilledReportAndItsDistrictOfficerSeesTheLateList() {
    session.signIn("ea-" + S);
    browser.get(session.url("/reporting.html?lang=vi&period=2026-H1"));
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> session.text("report-status").contains("chưa lập"));
    // the deadline has passed and nothing is submitted: late
    assertThat(session.text("report-status")).contains("trễ hạn");
    assertThat(session.text("period-info")).contains("31/07/2026").contains("quá hạn");
    // the period in words, as the programme page says it (it read "2026-H1")
    assertThat(
            new Select(browser.findElement(By.id("f-period"))).getFirstSelectedOption().getText())
        .isEqualTo("6 tháng đầu năm 2026");
    assertThat(session.text("rep-cp")).contains("đang áp dụng").contains("30/06/2026");
    // a declaration is the whole year's, and the row says the days it covers
    assertThat(session.text("rep-energy"))
        .contains("01/01/2026 – 31/12/2026")
        .contains("điện")
        .contains("50.000 kWh");
    assertThat(
            PageChecks.englishInVietnamese(
                browser,
                List.of("Bia Sài Gòn", "2026-H1", "EnergyTrace", "ea-" + S, "SEC", "EnPI", "kWh")))
        .isEmpty();

    browser.findElement(By.id("notes")).sendKeys("Đã thay nồi hơi tháng 3.");
    // asked first: a submitted report is the enterprise's last word on it
    browser.findElement(By.id("submit")).click();
    org.openqa.selenium.Alert ask = browser.switchTo().alert();
    assertThat(ask.getText()).startsWith("Nộp báo cáo?").contains("chỉ cán bộ Sở mở lại được");
    ask.dismiss();
    assertThat(session.text("report-status")).doesNotContain("đã nộp");
    browser.findElement(By.id("submit")).click();
    browser.switchTo().alert().accept();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> session.text("report-status").contains("đã nộp"));
    assertThat(session.text("message")).isEqualTo("Đã nộp báo cáo.");
    assertThat(session.text("report-status"))
        .contains("nộp sau hạn")
        .contains("số liệu như lúc nộp");
    assertThat(browser.findElement(By.id("report-actions")).isDisplayed()).isFalse();
    assertThat(browser.findElement(By.id("notes")).getAttribute("readOnly")).isEqualTo("true");

    browser.get(session.url("/reporting.html?lang=en&period=2026-H1"));
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> session.text("report-status").contains("submitted"));
    assertThat(session.text("rep-cp")).contains("applying");
    // an enterprise sees no area status and no administration
    assertThat(browser.findElement(By.id("status")).isDisplayed()).isFalse();
    assertThat(browser.findElement(By.id("admin")).isDisplayed()).isFalse();

    session.signIn("do-" + S);
    browser.get(session.url("/reporting.html?lang=vi&period=2026-H1"));
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> browser.findElements(By.cssSelector("#status-rows tr")).size() == 2);
    assertThat(session.text("st-" + F1)).contains("đã nộp");
    assertThat(session.text("st-" + F2)).contains("chưa lập").contains("trễ hạn");
    assertThat(browser.findElements(By.cssSelector("#late li"))).hasSize(1);
    assertThat(session.text("late-" + F2)).contains("Giấy Bình Dương");
    assertThat(session.text("count-late")).contains("1");
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
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> session.text("report-status").contains("đã nộp"));
    assertThat(session.text("report-title")).contains("Công ty Bia Sài Gòn");
    assertThat(browser.findElement(By.id("notes")).getAttribute("value"))
        .isEqualTo("Đã thay nồi hơi tháng 3.");
    // signed in without a page to return to, the officer starts on the programme page (the
    // overview, one enterprise's, said only "choose an enterprise"), which names their district
    // (it was "the province's programme")
    browser.manage().deleteAllCookies();
    browser.get(session.url("/login.html?lang=vi"));
    session.signInOnThePage("do-" + S);
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> browser.getCurrentUrl().endsWith("/programme.html"));
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                browser
                    .findElement(By.cssSelector("main h1"))
                    .getText()
                    .equals("Chương trình sản xuất sạch hơn — " + D1));
  }

  @Test
  void theProvinceOpensAPeriodAndSeesTheOutbox() {
    session.signIn("po-" + S);
    browser.get(session.url("/reporting.html?lang=en"));
    await().atMost(Duration.ofSeconds(15)).until(() -> !session.text("status-rows").isEmpty());
    assertThat(browser.findElements(By.cssSelector("#status-rows tr"))).hasSize(3);
    browser.findElement(By.id("new-period")).sendKeys("2026-H2");
    session.js(
        "const d = document.getElementById('new-deadline'); d.value = '2027-01-31';"
            + " d.dispatchEvent(new Event('change'));");
    browser.findElement(By.id("create")).click();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                "2026-H2"
                    .equals(
                        session
                            .js("return document.getElementById('f-period').value;")
                            .toString()));
    assertThat(session.text("period-info")).contains("Deadline");
    assertThat(session.text("admin")).contains("No mail sending is configured");
  }
}
