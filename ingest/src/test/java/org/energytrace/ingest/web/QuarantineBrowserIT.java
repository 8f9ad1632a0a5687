package org.energytrace.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The quarantine page (/quarantine.html, docs/ingest.md "Validation and quarantine") in headless
 * Chromium. An enterprise's administrator, in Vietnamese: sees the enterprise's refused messages
 * with the service's reasons; re-processes one that can now be stored (it leaves the list, its
 * reading is stored) and one that cannot (it stays, with the reason); lists the messages of a
 * retired meter by a text of their reason and discards them all after a confirmation, each audited
 * with the reason typed; discards one after a confirmation, and a cancelled discard changes
 * nothing. An enterprise viewer, in English, reads the list but is offered no action; a province
 * officer gets a clear word and no header link. The enterprise's overview says that messages wait
 * in quarantine and links them; a province officer's overview does not ask.
 */
class QuarantineBrowserIT {
  static final String S = UUID.randomUUID().toString().substring(0, 6);
  static final String E = "qua-" + S;
  static final String OTHER = "qub-" + S;
  static final String ADMIN = "qa-" + S;
  static final String VIEWER = "qv-" + S;
  static final String OFFICER = "qp-" + S;

  @RegisterExtension static final BrowserSession session = new BrowserSession();
  static SecuredService svc;
  static ChromeDriver browser;
  static String adminToken;

  @BeforeAll
  static void start() throws Exception {
    svc = session.startService();
    adminToken = svc.access.systemAdminToken();
    for (String e : List.of(E, OTHER)) {
      // meters register themselves once the gateway may: a re-processed message is then stored
      svc.ok(
          HttpMethod.PUT,
          "/api/v1/enterprises/" + e + "/gateways/gw-1",
          adminToken,
          new JsonObject().put("site", "plant-1").put("auto_register_meters", true));
    }
    session.account(ADMIN, Role.ENTERPRISE_ADMIN, E);
    session.account(VIEWER, Role.ENTERPRISE_VIEWER, OTHER);
    session.account(OFFICER, Role.PROVINCE_OFFICER, null);
    browser = session.open("--lang=vi-VN", "--window-size=1366,900");
  }

  static String topic(String e) {
    return "et/v1/" + e + "/plant-1/gw-1/telemetry";
  }

  /** A telemetry message of one reading of {@code meter}, a minute before now plus {@code s}. */
  static String message(String meter, int s) {
    Instant ts = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60 + s);
    return """
        {"schema_version":1,"gateway":"gw-1","seq":%d,"sent_at":"%s","points":[
         {"meter":"%s","channel":"P","ts":"%s","value":%d.5,"unit":"KWT","quality":"good"}]}"""
        .formatted(s, ts, meter, ts, s);
  }

  /** A quarantine row as the store writes one, with the reason it gives; its id. */
  static long quarantined(String e, String payload, String reason) {
    return svc.quarantine(e, topic(e), payload, reason);
  }

  /** What the service records for {@code {"schema_version":1,}}. */
  static final String BROKEN =
      "payload: not acceptable JSON at line 1 column 21: Unexpected end-of-input within/between"
          + " Object entries";

  /** The reason of a row as recorded (English) and, on a Vietnamese page, in words above it. */
  String reasonShown(long id, String which) {
    List<WebElement> cell =
        browser.findElements(By.cssSelector("#qua-" + id + " td.reason > span"));
    return switch (which) {
      case "words" -> cell.size() == 2 ? cell.get(0).getText() : null;
      default -> {
        WebElement recorded = cell.get(cell.size() - 1);
        assertThat(recorded.getDomAttribute("lang")).isEqualTo("en");
        yield recorded.getText();
      }
    };
  }

  static String unknownMeter(String meter) {
    return "meter '"
        + meter
        + "' channel 'P' at 2026-12-05T10:00:00Z: unknown meter or channel (ingest.auto_register"
        + " is off and gateway 'gw-1' may not register meters)";
  }

  void open(String lang, String query) {
    browser.get(session.url("/quarantine.html?lang=" + lang + query));
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                !session.text("qua-status-line").isEmpty()
                    || browser.findElement(By.id("qua-denied")).isDisplayed());
  }

  /** The ids of the rows the page lists. */
  List<Long> rows() {
    return browser.findElements(By.cssSelector("#qua-rows tr")).stream()
        .map(tr -> Long.parseLong(tr.getDomAttribute("id").substring("qua-".length())))
        .toList();
  }

  static String statusOf(long id) {
    return svc.db.text("select status from quarantine where quarantine_id = " + id);
  }

  @Test
  void theAdministratorReprocessesDiscardsOneAndDiscardsAllOfARetiredMeterEachAudited()
      throws Exception {
    long storable = quarantined(E, message("m1", 1), unknownMeter("m1"));
    List<Long> retired = new java.util.ArrayList<>();
    for (int i = 2; i <= 4; i++) {
      retired.add(quarantined(E, message("retired-em", i), unknownMeter("retired-em")));
    }
    long broken = quarantined(E, "{\"schema_version\":1,", BROKEN);
    long foreign = quarantined(OTHER, message("m9", 9), unknownMeter("m9"));
    // the broken message came three times; a retired meter's was cut (over the size limit)
    try (var c = svc.db.connect();
        var st = c.createStatement()) {
      st.executeUpdate(
          "UPDATE quarantine SET occurrences = 3, last_received_at = received_at + interval '5"
              + " minutes' WHERE quarantine_id = "
              + broken);
      st.executeUpdate(
          "UPDATE quarantine SET payload_truncated = true, payload_length = 2000000 WHERE"
              + " quarantine_id = "
              + retired.get(1));
    }

    session.signIn(ADMIN);
    open("vi", "");
    assertThat(session.text("qua-" + broken + "-occurrences")).startsWith("nhận 3 lần, lần cuối ");
    assertThat(session.text("qua-" + retired.get(1) + "-truncated"))
        .startsWith("vượt giới hạn kích thước: giữ ")
        .contains(" trong 2.000.000 byte; SHA-256 của cả bản tin ");
    assertThat(session.shown("qua-" + retired.get(0) + "-occurrences")).isFalse();
    // the header links the page for the role, marked as the current page
    assertThat(session.headerLinks()).contains("/quarantine.html");
    assertThat(
            browser
                .findElement(By.cssSelector("header nav a[href='/quarantine.html']"))
                .getAttribute("aria-current"))
        .isEqualTo("page");
    // the enterprise's messages, newest first; not another enterprise's
    assertThat(rows())
        .containsExactly(broken, retired.get(2), retired.get(1), retired.get(0), storable);
    assertThat(rows()).doesNotContain(foreign);
    assertThat(session.text("qua-status-line")).isEqualTo("5 bản tin.");
    assertThat(session.text("qua-" + broken)).contains("đang cách ly");
    // the reason in Vietnamese words, the service's record beneath (what the filter searches)
    assertThat(reasonShown(broken, "words"))
        .isEqualTo(
            "nội dung bản tin: không phải JSON hợp lệ ở dòng 1 cột 21: dữ liệu kết thúc giữa chừng"
                + " (giữa các mục của một đối tượng)");
    assertThat(reasonShown(broken, "recorded")).isEqualTo(BROKEN);
    assertThat(reasonShown(storable, "words"))
        .isEqualTo(
            "công tơ “m1” kênh “P” lúc 2026-12-05T10:00:00Z: công tơ hoặc kênh chưa được đăng ký"
                + " (ingest.auto_register đang tắt và gateway “gw-1” không được tự đăng ký công"
                + " tơ)");
    assertThat(reasonShown(storable, "recorded")).isEqualTo(unknownMeter("m1"));
    assertThat(session.shown("qua-bulk")).isFalse();
    assertThat(
            PageChecks.englishInVietnamese(
                browser,
                List.of("EnergyTrace", "MQTT", "UTF", topic(E), E, "ingest.auto_register")))
        .isEmpty();

    // a message that still cannot be stored: it stays, with the reason
    session.click("qua-" + broken + "-reprocess");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> session.text("qua-action-result").startsWith("Bản tin " + broken + " vẫn"));
    assertThat(session.text("qua-action-result"))
        .isEqualTo(
            "Bản tin "
                + broken
                + " vẫn bị từ chối và ở lại trong cách ly: nội dung bản tin: không phải JSON hợp lệ"
                + " ở dòng 1 cột 21: dữ liệu kết thúc giữa chừng (giữa các mục của một đối tượng) ("
                + BROKEN
                + ")");
    assertThat(rows()).contains(broken);
    // one that can now be stored (its gateway registers meters): released, its reading stored
    session.click("qua-" + storable + "-reprocess");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> session.text("qua-action-result").startsWith("Bản tin " + storable + " đã"));
    assertThat(session.text("qua-action-result")).contains("1 số đo mới");
    assertThat(rows()).doesNotContain(storable).contains(broken);
    assertThat(statusOf(storable)).isEqualTo("released");
    assertThat(
            svc.count(
                "select count(*) from reading r join enterprise e using (enterprise_id)"
                    + " where e.code = '"
                    + E
                    + "'"))
        .isEqualTo(1);

    // the retired meter's messages, by a text of their reason (letter case ignored)
    session.type("qua-reason", "RETIRED-EM");
    session.click("qua-apply");
    await().atMost(Duration.ofSeconds(10)).until(() -> rows().size() == 3);
    assertThat(browser.getCurrentUrl()).contains("reason_contains=RETIRED-EM");
    assertThat(session.shown("qua-bulk")).isTrue();
    assertThat(session.text("qua-bulk-what"))
        .startsWith("Loại bỏ 3 bản tin đang cách ly có lý do chứa “RETIRED-EM”.");
    Instant before = Instant.now();
    session.type("qua-bulk-why", "Đồng hồ retired-em đã tháo");
    session.click("qua-bulk-discard");
    // nothing goes before the confirmation
    assertThat(session.shown("qua-bulk-confirm")).isTrue();
    assertThat(retired).allSatisfy(id -> assertThat(statusOf(id)).isEqualTo("new"));
    session.click("qua-bulk-confirm");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                session
                    .text("qua-action-result")
                    .equals("Đã loại bỏ 3 bản tin có lý do chứa “RETIRED-EM”."));
    assertThat(session.text("qua-status-line"))
        .isEqualTo("Không có bản tin nào phù hợp với bộ lọc.");
    assertThat(retired).allSatisfy(id -> assertThat(statusOf(id)).isEqualTo("discarded"));
    assertThat(
            svc.count(
                "select count(*) from audit_log where action = 'quarantine.discard'"
                    + " and actor = '"
                    + ADMIN
                    + "' and enterprise = '"
                    + E
                    + "' and detail = 'Đồng hồ retired-em đã tháo'"))
        .isEqualTo(3);
    assertThat(svc.audited("quarantine.discard", before)).isEqualTo(3);

    // the discarded ones stay on record, listed by their status
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("qua-status")))
        .selectByVisibleText("đã loại bỏ");
    session.click("qua-apply");
    await().atMost(Duration.ofSeconds(10)).until(() -> rows().size() == 3);
    assertThat(browser.findElements(By.id("qua-" + retired.get(0) + "-discard"))).isEmpty();

    // one message: a cancelled discard changes nothing; a confirmed one discards it
    session.click("qua-clear");
    await().atMost(Duration.ofSeconds(10)).until(() -> rows().equals(List.of(broken)));
    session.click("qua-" + broken + "-discard");
    session.click("qua-" + broken + "-cancel");
    assertThat(statusOf(broken)).isEqualTo("new");
    session.click("qua-" + broken + "-discard");
    session.click("qua-" + broken + "-confirm");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> session.text("qua-action-result").equals("Đã loại bỏ bản tin " + broken + "."));
    assertThat(statusOf(broken)).isEqualTo("discarded");
    assertThat(session.text("qua-status-line")).isEqualTo("Không có bản tin nào đang bị cách ly.");
    assertThat(statusOf(foreign)).isEqualTo("new");
  }

  @Test
  void aViewerReadsTheListWithoutActionsAndAProvinceOfficerIsToldTheRoleMayNotRead()
      throws Exception {
    long id = quarantined(OTHER, message("m8", 8), unknownMeter("viewer-em"));
    session.signIn(VIEWER);
    // the overview says that messages of the enterprise wait in quarantine, and links them
    browser.get(session.url("/overview.html?lang=en&enterprise=" + OTHER));
    await().atMost(Duration.ofSeconds(15)).until(() -> session.shown("quarantine-note"));
    long waiting =
        svc.count(
            "select count(*) from quarantine q join enterprise e using (enterprise_id)"
                + " where q.status = 'new' and e.code = '"
                + OTHER
                + "'");
    assertThat(session.text("quarantine-note"))
        .startsWith(
            "Messages of this enterprise refused and in quarantine: "
                + waiting
                + " (the newest received at")
        .endsWith("See the quarantined messages");
    assertThat(browser.findElement(By.id("quarantine-link")).getDomAttribute("href"))
        .isEqualTo("/quarantine.html?enterprise=" + OTHER);
    open("en", "&reason_contains=viewer-em");
    assertThat(rows()).containsExactly(id);
    assertThat(session.text("qua-" + id)).contains("in quarantine");
    // on an English page the reason is the record alone
    assertThat(reasonShown(id, "words")).isNull();
    assertThat(reasonShown(id, "recorded")).isEqualTo(unknownMeter("viewer-em"));
    // nothing to act with: no action column, no button, no bulk discard although a text is chosen
    assertThat(session.shown("qua-col-actions")).isFalse();
    assertThat(browser.findElements(By.cssSelector("#qua-rows button"))).isEmpty();
    assertThat(session.shown("qua-bulk")).isFalse();

    session.signIn(OFFICER);
    open("en", "");
    assertThat(session.text("qua-denied"))
        .isEqualTo(
            "Your role (Province officer) may not read the quarantined messages. The page is open"
                + " to the system administrator, enterprise administrators and viewers, and"
                + " auditors.");
    assertThat(session.shown("content")).isFalse();
    assertThat(session.headerLinks()).doesNotContain("/quarantine.html");

    // the officer's overview of the enterprise does not ask for the quarantine it may not read:
    // no note, and no refusal in the audit log (a signed-in role's refusal is an entry of its own)
    Instant since = Instant.now();
    browser.get(session.url("/overview.html?lang=en&enterprise=" + OTHER));
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> session.shown("content") || session.shown("message"));
    String refusals =
        "select count(*) from audit_log where action = 'access.denied' and actor = '"
            + OFFICER
            + "' and at >= '"
            + since
            + "'";
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(3))
        .until(() -> svc.count(refusals) == 0);
    assertThat(session.shown("quarantine-note")).isFalse();
  }
}
