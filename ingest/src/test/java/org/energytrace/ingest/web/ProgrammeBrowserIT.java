package org.energytrace.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.http.HttpMethod;
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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The programme page (issue 16) in headless Chromium on a database of its own: the map and the
 * table filtered together, a facility's lifecycle timeline with who recorded each step and its
 * evidence, recording a step and a training through the forms, and the report links.
 */
class ProgrammeBrowserIT {
  static final String S = UUID.randomUUID().toString().substring(0, 8);
  static final String ADMIN = "padmin-" + S;
  static final String PA = "pa-" + S;
  static final String PB = "pb-" + S;
  static final String PC = "pc-" + S;
  static final String PD = "pd-" + S;
  static final String TDM = "Thủ Dầu Một";
  static final String DA = "Dĩ An";

  @RegisterExtension static final BrowserSession session = new BrowserSession();
  static SecuredService svc;
  static ChromeDriver browser;

  @BeforeAll
  static void start() throws Exception {
    svc = session.startService();
    session.account(ADMIN, Role.SYSTEM_ADMIN, null);
    String token = svc.access.systemAdminToken();
    facility(token, PA, "Bia A", "1103", TDM, 10.98, 106.65);
    facility(token, PB, "Giấy B", "1701", TDM, 11.00, 106.70);
    facility(token, PC, "Thép C", "2410", DA, 10.90, 106.77);
    facility(token, PD, "Dệt D", "1311", DA, null, null);
    svc.ok(
        HttpMethod.POST,
        "/api/v1/programme/facilities/" + PA + "/cp-steps",
        token,
        new JsonObject()
            .put("stage", "aware")
            .put("date", "2026-01-10")
            .put("detail", "workshop")
            .put(
                "attachment",
                new JsonObject()
                    .put("name", "danh-sach-hoi-thao.pdf")
                    .put("content_type", "application/pdf")
                    .put("data", "JVBERi0xLjQK")));
    svc.ok(
        HttpMethod.POST,
        "/api/v1/programme/facilities/" + PA + "/cp-steps",
        token,
        new JsonObject()
            .put("stage", "potential_assessed")
            .put("date", "2026-02-01")
            .put("potential", true));
    // a detail typed in the user's words, not one of the page's labels
    svc.ok(
        HttpMethod.POST,
        "/api/v1/programme/facilities/" + PA + "/cp-steps",
        token,
        new JsonObject()
            .put("stage", "assessment_done")
            .put("date", "2026-03-01")
            .put("detail", "đánh giá chi tiết, trọng tâm: lò hơi"));
    svc.ok(
        HttpMethod.POST,
        "/api/v1/programme/facilities/" + PB + "/cp-steps",
        token,
        new JsonObject().put("stage", "aware").put("date", "2026-01-20").put("detail", "visit"));
    svc.ok(
        HttpMethod.PUT,
        "/api/v1/programme/facilities/" + PB + "/officers/o1",
        token,
        new JsonObject().put("name", "Phạm Thị D"));
    browser = session.open("--lang=vi-VN", "--window-size=1366,900");
    session.signIn(ADMIN);
  }

  static void facility(
      String token, String e, String name, String vsic, String district, Double lat, Double lon) {
    JsonObject p =
        new JsonObject()
            .put("legal_name_vi", "Công ty " + name)
            .put("short_name", name)
            .put("vsic", vsic)
            .put("district", district);
    if (lat != null) {
      p.put("latitude", lat).put("longitude", lon);
    }
    svc.ok(HttpMethod.PUT, "/api/v1/programme/facilities/" + e, token, p);
  }

  static int count(String css) {
    return browser.findElements(By.cssSelector(css)).size();
  }

  static void choose(String id, String value) {
    session.js(
        "const s = document.getElementById(arguments[0]); s.value = arguments[1];"
            + " s.dispatchEvent(new Event('change'));",
        id,
        value);
  }

  static void shows(int rows, int points) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> count("#facilities tr") == rows && count("#map circle.pt") == points);
  }

  static void open(String query) {
    browser.get(session.url("/programme.html?lang=vi&as_of=2026-06-30" + query));
    shows(4, 3);
  }

  @Test
  void filteringByDistrictSectorAndStageChangesTheTableAndTheMapTogether() {
    open("");
    // PD has no coordinates: in the table, not on the map, and said so
    assertThat(session.text("map-note"))
        .contains("3 cơ sở trên bản đồ")
        .contains("1 cơ sở chưa có tọa độ");
    // one colour per district
    String a = browser.findElement(By.id("pt-" + PA)).getAttribute("fill");
    assertThat(browser.findElement(By.id("pt-" + PB)).getAttribute("fill")).isEqualTo(a);
    assertThat(browser.findElement(By.id("pt-" + PC)).getAttribute("fill")).isNotEqualTo(a);

    choose("f-district", TDM);
    shows(2, 2);
    assertThat(count("#pt-" + PA) + count("#pt-" + PB)).isEqualTo(2);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> session.text("ind-aware").contains("2 trên 2"));
    // the indicators' date reads like every other date of the Vietnamese page
    assertThat(session.text("ind-scope")).startsWith("Tính đến ngày 30/06/2026 · ");
    // and the energy the savings add up to, as the report's section 2 (the page had none)
    assertThat(session.text("ind-energy"))
        .startsWith("Năng lượng tiết kiệm đã xác minh: ")
        .contains(" TOE (")
        .contains("ước tính, chưa xác minh: ");
    choose("f-sector", "1701");
    shows(1, 1);
    assertThat(count("#pt-" + PB)).isEqualTo(1);
    choose("f-sector", "");
    choose("f-district", "");
    choose("f-stage", "not_reached");
    // no step for PC and PD (another test records steps for PB only): PC on the map, PD without
    // coordinates in the table only
    shows(2, 1);
    assertThat(count("#fac-" + PC) + count("#fac-" + PD) + count("#pt-" + PC)).isEqualTo(3);
    choose("f-stage", "");
    choose("f-district", DA);
    shows(2, 1);
    assertThat(count("#pt-" + PC)).isEqualTo(1);
    assertThat(
            PageChecks.englishInVietnamese(
                browser,
                List.of(
                    TDM,
                    DA,
                    "VSIC",
                    "EnergyTrace",
                    ADMIN,
                    "PDF",
                    "XLSX",
                    "Bia A",
                    "Giấy B",
                    "Thép C",
                    "Dệt D")))
        .isEmpty();
  }

  @Test
  void theTimelineShowsTheStepsOfAFacilityWithWhoRecordedThemAndTheirEvidence() {
    open("&facility=" + PA);
    await().atMost(Duration.ofSeconds(10)).until(() -> count("#timeline > li") == 3);
    List<String> steps =
        browser.findElements(By.cssSelector("#timeline > li")).stream()
            .map(e -> e.getText())
            .toList();
    assertThat(steps.get(0))
        .contains("10/01/2026")
        .contains("đã nhận thức (hội thảo)")
        .contains("ghi nhận bởi");
    assertThat(steps.get(1))
        .contains("01/02/2026")
        .contains("đã đánh giá tiềm năng — có tiềm năng");
    // a label's key is worded in the page's language, a detail typed is shown as typed
    assertThat(steps.get(2))
        .contains("01/03/2026")
        .contains("đã đánh giá SXSH (đánh giá chi tiết, trọng tâm: lò hơi)");
    assertThat(session.text("timeline")).doesNotContain("programme.detail.");
    browser.get(session.url("/programme.html?lang=en&as_of=2026-06-30&facility=" + PA));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> session.text("timeline").contains("aware (workshop)"));
    assertThat(session.text("timeline"))
        .contains("assessment done (đánh giá chi tiết, trọng tâm: lò hơi)")
        .doesNotContain("programme.detail.");
    open("&facility=" + PA);
    await().atMost(Duration.ofSeconds(10)).until(() -> count("#timeline > li") == 3);
    var evidence = browser.findElement(By.cssSelector("#timeline > li .evidence a"));
    assertThat(evidence.getText()).isEqualTo("danh-sach-hoi-thao.pdf");
    assertThat(evidence.getAttribute("href")).endsWith("/attachment");
    assertThat(session.text("p-title")).contains("Công ty Bia A");

    // a point of the map opens its facility
    browser.findElement(By.id("pt-" + PC)).click();
    await().atMost(Duration.ofSeconds(10)).until(() -> session.text("p-title").contains("Thép C"));
    assertThat(session.text("timeline")).contains("Chưa có bước nào được ghi nhận.");
    assertThat(browser.findElement(By.id("pt-" + PC)).getAttribute("class")).contains("selected");
  }

  @Test
  void recordingAStepAndATrainingThroughTheFormsShowsThemInTheProfile() {
    open("&facility=" + PB);
    await().atMost(Duration.ofSeconds(10)).until(() -> count("#timeline > li") == 1);
    choose("s-stage", "potential_assessed");
    assertThat(browser.findElement(By.id("s-potential-label")).isDisplayed()).isTrue();
    assertThat(browser.findElement(By.id("s-detail-label")).isDisplayed()).isFalse();
    session.js("document.getElementById('s-date').value = '2026-03-05'");
    choose("s-potential", "true");
    browser.findElement(By.cssSelector("#step-form button[type=submit]")).click();
    await().atMost(Duration.ofSeconds(10)).until(() -> count("#timeline > li") == 2);
    String added = browser.findElements(By.cssSelector("#timeline > li")).get(1).getText();
    assertThat(added)
        .contains("05/03/2026")
        .contains("đã đánh giá tiềm năng — có tiềm năng")
        .contains("ghi nhận bởi " + ADMIN);
    assertThat(session.text("s-result")).isEqualTo("Đã ghi nhận.");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> session.text("fac-" + PB).contains("đã đánh giá tiềm năng"));
    // a facility without the year's energy: "no" with the figures said incomplete, not "no" alone
    assertThat(session.text("fac-" + PB)).contains("không (số liệu năm chưa đủ)");
    assertThat(
            browser.findElement(By.cssSelector("#fac-" + PB + " td.warn")).getDomAttribute("title"))
        .contains("chưa có năng lượng kê khai hoặc đo đếm của năm");

    // a date in the future is refused, naming the field
    session.js("document.getElementById('s-date').value = '2099-01-01'");
    browser.findElement(By.cssSelector("#step-form button[type=submit]")).click();
    await().atMost(Duration.ofSeconds(10)).until(() -> session.text("s-result").contains("date"));
    assertThat(count("#timeline > li")).isEqualTo(2);

    assertThat(session.text("officer-o1")).contains("Phạm Thị D").contains("chưa được đào tạo");
    session.js(
        "document.getElementById('t-course').value = 'SXSH cơ bản';"
            + " document.getElementById('t-date').value = '2026-04-02';");
    browser.findElement(By.cssSelector("#training-form button[type=submit]")).click();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> session.text("officer-o1").contains("đã được đào tạo"));
    assertThat(session.text("officer-o1")).contains("02/04/2026 · SXSH cơ bản");
  }

  @Test
  void theReportLinksDownloadThePeriodsReportInTheChosenLanguage() {
    open("");
    choose("r-period", "2026-H1");
    choose("r-lang", "en");
    String pdf = browser.findElement(By.id("rep-province-pdf")).getAttribute("href");
    assertThat(pdf).endsWith("/api/v1/programme/report?period=2026-H1&lang=en&format=pdf");
    assertThat(count("#rep-district")).isZero();
    choose("f-district", TDM);
    await().atMost(Duration.ofSeconds(10)).until(() -> count("#rep-district-xlsx") == 1);
    String xlsx = browser.findElement(By.id("rep-district-xlsx")).getAttribute("href");
    assertThat(xlsx)
        .contains(
            "/api/v1/programme/districts/Th%E1%BB%A7%20D%E1%BA%A7u%20M%E1%BB%99t/report?period=2026-H1&lang=en&format=xlsx");
    // the link answers the workbook to the signed-in officer
    Object answer =
        ((JavascriptExecutor) browser)
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + " fetch(arguments[0]).then(r => done(r.status + ' ' + r.headers.get('Content-Type')));",
                xlsx);
    assertThat(answer)
        .isEqualTo("200 application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  }

  @Test
  void changingATargetInThePageMovesTheProgressBarAndItsLabelAndKeepsTheHistory() {
    open("");
    // nothing stored: the default targets, aware 90 %
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> browser.findElement(By.id("targets")).isDisplayed());
    assertThat(browser.findElement(By.id("tg-aware")).getAttribute("value")).isEqualTo("90");
    // and that the decision's table is carried past its validity, as the report's notes say
    assertThat(session.text("tg-source"))
        .contains("mặc định")
        .contains("có hiệu lực đến 31/12/2020 và được áp dụng tiếp");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> session.text("ind-aware").contains("mục tiêu 90"));
    String share = session.text("ind-aware");
    int before = Integer.parseInt(bar("ind-aware").getAttribute("aria-valuenow"));
    assertThat(before).isLessThan(100);

    // the province lowers it to 20 % from June: the figure reaches it, the bar fills up
    session.js(
        "document.getElementById('tg-aware').value = '20';"
            + " document.getElementById('tg-from').value = '2026-06-01';"
            + " document.getElementById('tg-reason').value = 'Điều chỉnh kế hoạch giữa kỳ';");
    browser.findElement(By.cssSelector("#targets-form button[type=submit]")).click();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> session.text("ind-aware").contains("mục tiêu 20"));
    assertThat(bar("ind-aware").getAttribute("aria-valuenow")).isEqualTo("100");
    assertThat(session.text("tg-result")).isEqualTo("Đã lưu mục tiêu.");
    assertThat(session.text("tg-source"))
        .contains("01/06/2026")
        .contains("Điều chỉnh kế hoạch giữa kỳ");
    assertThat(session.text("tg-history")).contains("Điều chỉnh kế hoạch giữa kỳ").contains(ADMIN);
    // the share itself did not change, only what it is measured against
    assertThat(session.text("ind-aware").split("·")[0]).isEqualTo(share.split("·")[0]);

    // a higher saving level below the lower one is refused in the page's words and percent (the
    // API's "must be above saving_low (0.08), got 0.05" spoke fractions); nothing changes
    session.js(
        "document.getElementById('tg-saving_high').value = '5';"
            + " document.getElementById('tg-reason').value = 'thử sai';");
    browser.findElement(By.cssSelector("#targets-form button[type=submit]")).click();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> session.text("tg-result").startsWith("Mức tiết kiệm cao (5 %) phải lớn hơn"));
    assertThat(browser.findElement(By.id("tg-saving_high")).getAttribute("aria-invalid"))
        .isEqualTo("true");
    assertThat(session.text("tg-history")).doesNotContain("thử sai");
  }

  static org.openqa.selenium.WebElement bar(String figure) {
    return browser.findElement(By.cssSelector("#" + figure + " .bar"));
  }

  @Test
  void theNavigationBarLeadsToTheProgrammeReportingAndCleanerProductionPages() {
    open("");
    assertThat(
            browser
                .findElement(By.cssSelector("header nav a[href='/programme.html']"))
                .getAttribute("aria-current"))
        .isEqualTo("page");
    // the province's staff (here the system administrator) also have the CP section's editor
    List<List<String>> pages =
        List.of(
            List.of("/reporting.html", "Báo cáo định kỳ", "Báo cáo định kỳ của chương trình SXSH"),
            List.of("/cp.html", "Sản xuất sạch hơn", "Sản xuất sạch hơn trong tỉnh"),
            List.of("/cp-assessments.html", "Đánh giá SXSH", "Đánh giá sản xuất sạch hơn"),
            List.of("/cp-edit.html", "Biên tập mục SXSH", "Biên tập mục sản xuất sạch hơn"),
            List.of(
                "/programme.html", "Chương trình SXSH", "Chương trình sản xuất sạch hơn của tỉnh"));
    for (List<String> p : pages) {
      By link = By.cssSelector("header nav a[href='" + p.get(0) + "']");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> count("header nav a[href='" + p.get(0) + "']") == 1);
      assertThat(browser.findElement(link).getText()).isEqualTo(p.get(1));
      browser.findElement(link).click();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  browser.getCurrentUrl().endsWith(p.get(0))
                      && session.text("main").contains(p.get(2)));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  "page"
                      .equals(
                          browser
                              .findElement(By.cssSelector("header nav a[href='" + p.get(0) + "']"))
                              .getAttribute("aria-current")));
    }
    // in English the same links speak English
    browser.get(session.url("/cp.html?lang=en"));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> session.text("top").contains("CP programme"));
    assertThat(session.text("top"))
        .contains("Period reports", "Cleaner production", "CP assessments");
  }
}
