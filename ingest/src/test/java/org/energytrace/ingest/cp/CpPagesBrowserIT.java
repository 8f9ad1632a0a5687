package org.energytrace.ingest.cp;

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
 * The CP pages in headless Chromium (issue 18): an enterprise's administrator lists the
 * assessments, opens one and sees its steps, options and report downloads; a province officer adds
 * an activity, records an attendee and publishes it on the editing page, and the public page then
 * shows it. Vietnamese by default, English on the switch, under the content security policy.
 */
class CpPagesBrowserIT {
  @RegisterExtension static final BrowserSession session = new BrowserSession();
  static SecuredService svc;
  static ChromeDriver browser;
  static final String S = UUID.randomUUID().toString().substring(0, 6);
  static final String E = "cpp-" + S;

  @BeforeAll
  static void start() throws Exception {
    svc = session.startService();
    String admin = svc.access.systemAdminToken();
    ok(admin, HttpMethod.PUT, "/api/v1/enterprises/" + E + "/gateways/gw-1", site());
    ok(
        admin,
        HttpMethod.PUT,
        "/api/v1/programme/facilities/" + E,
        new JsonObject()
            .put("legal_name_vi", "Công ty Bia " + S)
            .put("vsic", "1103")
            .put("district", "Dĩ An " + S));
    String a = "/api/v1/enterprises/" + E + "/cp-assessments/sxsh-1";
    ok(admin, HttpMethod.PUT, a, CpAssessmentIT.assessment());
    ok(
        admin,
        HttpMethod.PUT,
        a + "/options/r1",
        CpAssessmentIT.option("better_process_control", 120_000_000, 80_000_000, "implement")
            .put("implemented_on", "2026-03-01")
            .put("description", "Điều khiển nhiệt độ nấu theo công thức"));
    ok(
        admin,
        HttpMethod.PUT,
        a + "/options/r2",
        CpAssessmentIT.option("onsite_recovery", 35_500_000, 14_200_000, "later")
            .put("description", "Thu hồi nước ngưng"));
    session.account("cpp-e-" + S, Role.ENTERPRISE_ADMIN, E);
    session.account("cpp-p-" + S, Role.PROVINCE_OFFICER, null);
    browser = session.open("--lang=vi-VN", "--window-size=1366,900");
  }

  static JsonObject site() {
    return new JsonObject().put("site", "plant-1");
  }

  static void ok(String token, HttpMethod m, String uri, JsonObject body) {
    svc.ok(m, uri, token, body);
  }

  /**
   * The text of element {@code id}, "" when absent; read again when the page re-rendered the list
   * between finding the element and reading it.
   */
  static String text(String id) {
    for (int attempt = 1; ; attempt++) {
      try {
        var found = browser.findElements(By.id(id));
        return found.isEmpty() ? "" : found.get(0).getText();
      } catch (org.openqa.selenium.StaleElementReferenceException rerendered) {
        if (attempt == 5) {
          throw rerendered;
        }
      }
    }
  }

  @Test
  void anAdministratorOpensAnAssessmentWithItsStepsOptionsAndReports() {
    session.signIn("cpp-e-" + S, "/cp-assessments.html");
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> !text("a-" + E + "-sxsh-1").isEmpty());
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(
          browser.getCurrentUrl()
              + " "
              + browser.manage().logs().get("browser").getAll()
              + " "
              + browser.getPageSource(),
          e);
    }
    // 1 of 2 options implemented; totals of the options not rejected
    assertThat(text("a-" + E + "-sxsh-1"))
        .contains("Đánh giá SXSH chi tiết 2026")
        .contains("hoàn thành")
        .contains("1/2")
        .contains("155.500.000")
        .contains("94.200.000");
    // the headers say what the totals are of (read beside "1/2 implemented" as money spent)
    assertThat(browser.findElement(By.cssSelector("main table thead")).getText())
        .contains("Đầu tư (các giải pháp không bị loại, cả giải pháp chưa thực hiện)")
        .contains("Tiết kiệm/năm (các giải pháp không bị loại)");
    browser.findElement(By.cssSelector("#a-" + E + "-sxsh-1 a")).click();
    await().atMost(Duration.ofSeconds(10)).until(() -> !text("opt-r1").isEmpty());
    // 120 000 000 / 80 000 000 = 1.5 years
    assertThat(text("opt-r1"))
        .contains("Kiểm soát quá trình tốt hơn")
        .contains("120.000.000")
        .contains("80.000.000")
        .contains("1,5 năm")
        .contains("thực hiện");
    assertThat(text("opt-r2")).contains("2,5 năm").contains("nghiên cứu thêm");
    // tasks 1-13 done, 14 begun: steps 1-4 done, 5 in progress, 6 not started
    assertThat(text("step-1")).contains("hoàn thành");
    assertThat(text("step-5")).contains("đang thực hiện");
    assertThat(text("step-6")).contains("chưa bắt đầu");
    assertThat(browser.findElement(By.id("dl-docx-vi")).getDomAttribute("href"))
        .isEqualTo(
            "/api/v1/enterprises/" + E + "/cp-assessments/sxsh-1/report?format=docx&lang=vi");
    assertThat(browser.findElement(By.id("dl-pdf-en")).getDomAttribute("href"))
        .endsWith("report?format=pdf&lang=en");
    assertThat(
            PageChecks.englishInVietnamese(
                browser,
                List.of(
                    "EnergyTrace",
                    "SXSH",
                    "PDF",
                    "XLSX",
                    "DOCX",
                    E,
                    "sxsh-1",
                    "r1",
                    "r2",
                    "plant-1",
                    "cpp-e-" + S)))
        .isEmpty();
    assertThat(PageChecks.numbersWrappingInsideThemselves(browser)).isEmpty();

    browser.findElement(By.id("lang-switch")).click();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> text("opt-r1").contains("Better process control"));
    assertThat(text("opt-r1")).contains("120,000,000").contains("1.5 years");
    assertThat(text("step-6")).contains("not started");
    browser.findElement(By.id("lang-switch")).click();
  }

  @Test
  void aProvinceOfficerAddsAnActivityRecordsAnAttendeeAndPublishesIt() {
    session.signIn("cpp-p-" + S, "/cp-edit.html");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !browser.findElements(By.id("item-form")).isEmpty());
    String code = "ws-" + S;
    browser.findElement(By.id("i-code")).sendKeys(code);
    new Select(browser.findElement(By.id("i-kind"))).selectByValue("workshop");
    browser.findElement(By.id("i-title-vi")).sendKeys("Hội thảo SXSH ngành bia " + S);
    ((org.openqa.selenium.JavascriptExecutor) browser)
        .executeScript("document.getElementById('i-date').value = '2026-03-12'");
    browser.findElement(By.cssSelector("#item-form button[type=submit]")).click();
    await().atMost(Duration.ofSeconds(10)).until(() -> text("item-" + code).contains("bản nháp"));
    // a draft: not on the public section
    assertThat(publicActivities()).doesNotContain(code);

    new Select(browser.findElement(By.id("a-item"))).selectByValue(code);
    browser.findElement(By.id("a-enterprise")).sendKeys(E);
    browser.findElement(By.id("a-person")).sendKeys("Nguyễn Văn An");
    new Select(browser.findElement(By.id("a-role"))).selectByValue("staff");
    browser.findElement(By.cssSelector("#attend-form button[type=submit]")).click();
    await().atMost(Duration.ofSeconds(10)).until(() -> text("message").contains("Đã ghi nhận"));
    assertThat(text("item-" + code)).contains("1");
    // the attendance made the enterprise aware (its CP step)
    assertThat(
            svc.count(
                "select count(*) from programme_cp_step s join enterprise e using (enterprise_id)"
                    + " where e.code = '"
                    + E
                    + "' and s.stage = 'aware' and s.detail = 'workshop'"))
        .isEqualTo(1);

    browser.findElement(By.id("pub-item-" + code)).click();
    await().atMost(Duration.ofSeconds(10)).until(() -> text("item-" + code).contains("đã công bố"));
    assertThat(publicActivities()).contains(code);
    assertThat(
            svc.count(
                "select count(*) from audit_log where action = 'cp.public.update' and target = '"
                    + code
                    + "'"))
        .isEqualTo(1);
    assertThat(
            PageChecks.englishInVietnamese(
                browser, List.of("EnergyTrace", "SXSH", "VSIC", "TOE", "PDF", E, code, S)))
        .isEmpty();

    browser.findElement(By.id("lang-switch")).click();
    await().atMost(Duration.ofSeconds(10)).until(() -> text("item-" + code).contains("published"));
    assertThat(text("item-" + code)).contains("Workshop");
    browser.findElement(By.id("lang-switch")).click();
  }

  static List<String> publicActivities() {
    var r = svc.request(HttpMethod.GET, "/api/v1/cp-public", null).send().await();
    JsonArray acts = r.bodyAsJsonObject().getJsonArray("activities");
    return acts.stream().map(o -> ((JsonObject) o).getString("code")).toList();
  }
}
