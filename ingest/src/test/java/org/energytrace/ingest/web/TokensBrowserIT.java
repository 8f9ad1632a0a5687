package org.energytrace.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.energytrace.ingest.auth.PgAccounts;
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
import org.openqa.selenium.support.ui.Select;

/**
 * The API tokens page (/tokens.html, docs/security.md "API tokens") in headless Chromium: the
 * enterprise's administrator issues a read-only token in the page, and the secret read off the
 * screen reads the API (Bearer) but is refused a change; a write token issued in the page makes
 * that change; the list shows both as the API keeps them; a wrong expiry is refused naming the
 * field with nothing issued; the secret is shown once; revoking one in the page, after its
 * confirmation, makes its secret get 401. A district officer issues a token of their own role for
 * one of their districts (another district is refused naming it), and its secret reads that
 * district's enterprise only, read-only. An enterprise viewer and an auditor get a clear word, no
 * form and no header link. Vietnamese (no English left) and English.
 */
class TokensBrowserIT {
  static final String S = UUID.randomUUID().toString().substring(0, 6);
  static final String E = "tok-" + S;
  static final String ADMIN = "ea-" + S;
  static final String VIEWER = "ev-" + S;
  static final String AUDITOR = "au-" + S;
  static final String OFFICER = "do-" + S;
  // the programme registry: enterprise FA lies in district D1, FB in D2; the officer holds both
  static final String FA = "tok-fa-" + S;
  static final String FB = "tok-fb-" + S;
  static final String D1 = "Huyện Một " + S;
  static final String D2 = "Huyện Hai " + S;
  static final String D3 = "Huyện Ba " + S;

  @RegisterExtension static final BrowserSession session = new BrowserSession();
  static SecuredService svc;
  static ChromeDriver browser;
  static String adminToken;

  @BeforeAll
  static void start() throws Exception {
    svc = session.startService();
    adminToken = svc.access.systemAdminToken();
    session.account(ADMIN, Role.ENTERPRISE_ADMIN, E);
    session.account(VIEWER, Role.ENTERPRISE_VIEWER, E);
    session.account(
        AUDITOR,
        Role.AUDITOR,
        null,
        List.of(new PgAccounts.Assignment(E, Instant.now().plus(Duration.ofDays(1)))));
    facility(FA, D1);
    facility(FB, D2);
    session.account(OFFICER, Role.DISTRICT_OFFICER, null);
    svc.ok(
        HttpMethod.PUT,
        "/api/v1/programme/officer-areas/" + OFFICER,
        adminToken,
        new JsonObject().put("districts", List.of(D1, D2)));
    browser = session.open("--lang=vi-VN", "--window-size=1366,900");
  }

  static void facility(String e, String district) {
    svc.ok(
        HttpMethod.PUT,
        "/api/v1/programme/facilities/" + e,
        adminToken,
        new JsonObject()
            .put("legal_name_vi", "Công ty " + e)
            .put("vsic", "1050")
            .put("district", district));
    svc.ok(
        HttpMethod.PUT,
        "/api/v1/programme/facilities/" + e + "/officers/o1",
        adminToken,
        new JsonObject().put("name", "Nguyễn Văn A"));
  }

  /** The status of a GET of {@code uri} sent with {@code secret} as its Bearer token. */
  static int get(String secret, String uri) {
    return svc.withToken(HttpMethod.GET, uri, secret).send().await().statusCode();
  }

  /** The token named {@code name} as the API lists it to the system administrator. */
  static Optional<JsonObject> listed(String name) {
    return svc
        .ok(HttpMethod.GET, "/api/v1/tokens", adminToken, null)
        .bodyAsJsonObject()
        .getJsonArray("tokens")
        .stream()
        .map(o -> (JsonObject) o)
        .filter(o -> o.getString("name").equals(name))
        .findFirst();
  }

  /** The status of a GET of the tokens list sent with {@code secret} as its Bearer token. */
  static int read(String secret) {
    return svc.withToken(HttpMethod.GET, "/api/v1/tokens", secret).send().await().statusCode();
  }

  /**
   * The status of a change sent with {@code secret}: it issues a viewer token of the enterprise.
   */
  static int write(String secret, String name) {
    return svc.withToken(HttpMethod.POST, "/api/v1/tokens", secret)
        .sendJsonObject(
            new JsonObject()
                .put("name", name)
                .put("role", "enterprise_viewer")
                .put("enterprise", E))
        .await()
        .statusCode();
  }

  void open(String lang) {
    browser.get(session.url("/tokens.html?lang=" + lang));
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                browser.findElements(By.cssSelector("#tok-rows tr")).size() > 0
                    || browser.findElement(By.id("tok-denied")).isDisplayed());
  }

  @Test
  void theAdministratorIssuesAReadOnlyTokenWhoseSecretReadsButMayNotWriteAndRevokesIt()
      throws Exception {
    String readOnly = "erp-doc-" + S, writer = "erp-ghi-" + S;
    session.signIn(ADMIN);
    open("vi");
    // the header links the page for a role that manages tokens, marked as the current page
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> session.headerLinks().contains("/tokens.html"));
    assertThat(
            browser
                .findElement(By.cssSelector("header nav a[href='/tokens.html']"))
                .getAttribute("aria-current"))
        .isEqualTo("page");
    assertThat(session.text("top")).contains("Khóa API");
    assertThat(session.text("tok-rows")).isEqualTo("Chưa có khóa nào.");
    assertThat(session.shown("tok-form")).isTrue();
    assertThat(session.shown("tok-denied")).isFalse();
    // an enterprise's administrator grants the enterprise's roles, for their own enterprise
    assertThat(
            new Select(browser.findElement(By.id("tok-role")))
                .getOptions().stream().map(WebElement::getText).toList())
        .containsExactly("Người xem của doanh nghiệp", "Quản trị doanh nghiệp");
    assertThat(browser.findElement(By.id("tok-enterprise")).getDomProperty("value")).isEqualTo(E);
    assertThat(browser.findElement(By.id("tok-enterprise")).getDomProperty("readOnly"))
        .isEqualTo("true");
    // read-only unless the person clears it
    assertThat(browser.findElement(By.id("tok-readonly")).isSelected()).isTrue();

    // 400 days: refused naming the expiry, nothing issued, no secret shown
    session.type("tok-name", readOnly);
    new Select(browser.findElement(By.id("tok-role"))).selectByVisibleText("Quản trị doanh nghiệp");
    session.type("tok-days", "400");
    session.click("tok-submit");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> session.text("tok-status").startsWith("Yêu cầu không hợp lệ"));
    // in the page's language (it said "must be in the future and at most 366 days away")
    assertThat(session.text("tok-status"))
        .contains("expires_at")
        .contains("không quá 366 ngày")
        .doesNotContain("days");
    assertThat(browser.findElement(By.id("tok-days")).getAttribute("aria-invalid"))
        .isEqualTo("true");
    assertThat(session.shown("tok-secret")).isFalse();
    assertThat(listed(readOnly)).isEmpty();

    // 30 days, read-only: issued; the secret is on the screen once, with the warning
    session.type("tok-days", "30");
    session.click("tok-submit");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> session.text("tok-status").equals("Đã cấp khóa “" + readOnly + "”."));
    assertThat(session.shown("tok-secret")).isTrue();
    assertThat(session.text("h-secret")).isEqualTo("Khóa vừa cấp: “" + readOnly + "”");
    assertThat(session.text("tok-secret-once"))
        .startsWith("Hãy sao chép khóa ngay bây giờ: khóa sẽ không được hiển thị lại.");
    String secret = session.text("tok-secret-value");
    assertThat(secret).startsWith("et_");

    // the token the API keeps is the one the page issued and lists
    JsonObject kept = listed(readOnly).orElseThrow();
    long id = kept.getLong("id");
    assertThat(kept.getString("role")).isEqualTo("enterprise_admin");
    assertThat(kept.getString("enterprise")).isEqualTo(E);
    assertThat(kept.getBoolean("write")).isFalse();
    assertThat(kept.getString("created_by")).isEqualTo(ADMIN);
    assertThat(Duration.between(Instant.now(), Instant.parse(kept.getString("expires_at"))))
        .isBetween(Duration.ofDays(30).minusMinutes(5), Duration.ofDays(30));
    assertThat(session.text("tok-" + id))
        .contains(readOnly)
        .contains("Quản trị doanh nghiệp")
        .contains(E)
        .contains("chỉ đọc")
        .contains(ADMIN)
        .contains(BrowserSession.day(kept.getString("created_at")))
        .contains(BrowserSession.day(kept.getString("expires_at")))
        .contains("Đang hiệu lực");
    assertThat(session.text("tok-" + id + "-used")).isEqualTo("chưa dùng");

    // the secret read off the screen authenticates a read, and is refused a change (read-only)
    assertThat(read(secret)).isEqualTo(200);
    assertThat(write(secret, "con-" + S)).isEqualTo(403);
    assertThat(listed("con-" + S)).isEmpty();
    // the form is ready for the next token: empty name, read-only again
    assertThat(browser.findElement(By.id("tok-name")).getDomProperty("value")).isEmpty();
    assertThat(browser.findElement(By.id("tok-readonly")).isSelected()).isTrue();
    assertThat(
            PageChecks.englishInVietnamese(
                browser, List.of(E, ADMIN, readOnly, secret, "EnergyTrace")))
        .isEmpty();
    assertThat(PageChecks.numbersWrappingInsideThemselves(browser)).isEmpty();
    session.screenshot("tokens-issued-vi");

    // once stored, the secret is gone from the page, and it does not come back
    session.click("tok-secret-done");
    assertThat(session.shown("tok-secret")).isFalse();
    assertThat(browser.getPageSource()).doesNotContain(secret);
    open("vi");
    assertThat(session.text("tok-" + id)).contains(readOnly);
    assertThat(browser.getPageSource()).doesNotContain(secret);
    // it was used: the list says when (the API's last_used_at, as the page writes times)
    String usedAt = listed(readOnly).orElseThrow().getString("last_used_at");
    assertThat(usedAt).isNotNull();
    assertThat(session.text("tok-" + id + "-used")).contains(BrowserSession.day(usedAt));

    // in English: a write token (read-only cleared) makes the change the read-only one may not
    open("en");
    assertThat(session.text("h-create")).isEqualTo("Issue a new token");
    session.type("tok-name", writer);
    new Select(browser.findElement(By.id("tok-role")))
        .selectByVisibleText("Enterprise administrator");
    session.click("tok-readonly");
    session.click("tok-submit");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> session.text("tok-status").equals("Token “" + writer + "” issued."));
    assertThat(session.text("tok-secret-once"))
        .startsWith("Copy it now: it will not be shown again.");
    String writeSecret = session.text("tok-secret-value");
    assertThat(writeSecret).startsWith("et_").isNotEqualTo(secret);
    long writeId = listed(writer).orElseThrow().getLong("id");
    assertThat(listed(writer).orElseThrow().getBoolean("write")).isTrue();
    assertThat(session.text("tok-" + writeId)).contains("read and write").contains("Active");
    assertThat(session.text("tok-" + id)).contains("read-only").contains("Active");
    assertThat(write(writeSecret, "con-" + S)).isEqualTo(201);
    assertThat(listed("con-" + S)).isPresent();

    // revoking asks first: cancelled, the token still works
    session.click("tok-" + id + "-revoke");
    assertThat(session.text("tok-" + id + "-question"))
        .isEqualTo(
            "Revoke token “"
                + readOnly
                + "”? Programs using it are refused (401) from their next request; this cannot be"
                + " undone.");
    session.click("tok-" + id + "-cancel");
    assertThat(session.shown("tok-" + id + "-question")).isFalse();
    assertThat(read(secret)).isEqualTo(200);
    assertThat(listed(readOnly).orElseThrow().getString("revoked_at")).isNull();

    // confirmed: revoked, the same secret gets 401, the list says so and offers no revoke
    session.click("tok-" + id + "-revoke");
    session.click("tok-" + id + "-confirm");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> session.text("tok-list-status").equals("Token “" + readOnly + "” revoked."));
    assertThat(read(secret)).isEqualTo(401);
    JsonObject revoked = listed(readOnly).orElseThrow();
    assertThat(revoked.getString("revoked_at")).isNotNull();
    assertThat(session.text("tok-" + id + "-state"))
        .startsWith("Revoked at")
        .contains(BrowserSession.day(revoked.getString("revoked_at")));
    assertThat(browser.findElements(By.id("tok-" + id + "-revoke"))).isEmpty();
    // the other token is untouched
    assertThat(read(writeSecret)).isEqualTo(200);
    assertThat(session.text("tok-" + writeId + "-state")).isEqualTo("Active");
    session.screenshot("tokens-revoked-en");

    // in Vietnamese the revoked token reads so, with no English left
    open("vi");
    assertThat(session.text("tok-" + id + "-state")).startsWith("Đã thu hồi lúc");
    assertThat(
            PageChecks.englishInVietnamese(
                browser,
                // the token issued with the write token names that token as its issuer
                List.of(E, ADMIN, readOnly, writer, "con-" + S, "token:" + writeId, "EnergyTrace")))
        .isEmpty();
  }

  @Test
  void aViewerAndAnAuditorAreToldTheyDoNotManageTokensAndOfferedNoFormAndNoLink() {
    for (List<String> who :
        List.of(
            List.of(VIEWER, "Người xem của doanh nghiệp", "Enterprise viewer"),
            List.of(AUDITOR, "Kiểm toán viên", "Auditor"))) {
      session.signIn(who.get(0));
      open("vi");
      assertThat(session.text("tok-denied"))
          .isEqualTo(
              "Vai trò của bạn ("
                  + who.get(1)
                  + ") không quản lý khóa API. Nếu một chương trình cần khóa, hãy đề nghị quản trị"
                  + " viên doanh nghiệp hoặc quản trị hệ thống cấp.");
      assertThat(session.shown("tok-form")).as(who.get(0)).isFalse();
      assertThat(session.shown("tok-rows")).as(who.get(0)).isFalse();
      assertThat(browser.findElements(By.cssSelector("#tok-rows tr"))).isEmpty();
      // the header has loaded its role links, and not this one
      await().atMost(Duration.ofSeconds(10)).until(() -> session.text("who").contains(who.get(0)));
      assertThat(session.headerLinks()).as(who.get(0)).doesNotContain("/tokens.html");
      assertThat(session.text("top")).doesNotContain("Khóa API");
      assertThat(PageChecks.englishInVietnamese(browser, List.of(E, who.get(0), "EnergyTrace")))
          .as(who.get(0))
          .isEmpty();

      open("en");
      assertThat(session.text("tok-denied"))
          .startsWith("Your role (" + who.get(2) + ") does not manage API tokens.");
      assertThat(session.shown("tok-form")).isFalse();
    }
    // the API agrees: the viewer may not list tokens
    SecuredService.Session viewer = svc.session(VIEWER, session.password());
    assertThat(svc.request(HttpMethod.GET, "/api/v1/tokens", viewer).send().await().statusCode())
        .isEqualTo(403);
  }

  @Test
  void aDistrictOfficerIssuesATokenOfTheirOwnRoleForOneOfTheirDistricts() throws Exception {
    String name = "bao-cao-" + S;
    session.signIn(OFFICER);
    open("vi");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> session.headerLinks().contains("/tokens.html"));
    assertThat(session.text("tok-whose"))
        .isEqualTo("Danh sách gồm các khóa do chính tài khoản của bạn cấp.");
    // their own role only; no enterprise; the districts, empty meaning all of theirs
    assertThat(
            new Select(browser.findElement(By.id("tok-role")))
                .getOptions().stream().map(WebElement::getText).toList())
        .containsExactly("Cán bộ cấp huyện");
    assertThat(session.shown("tok-enterprise")).isFalse();
    assertThat(session.shown("tok-areas")).isTrue();
    assertThat(session.text("tok-areas-label"))
        .contains("Huyện (mỗi dòng một tên)")
        .contains("Để trống: mọi khu vực bạn phụ trách.");
    assertThat(browser.findElement(By.id("tok-readonly")).isSelected()).isTrue();

    // a district that is not theirs: refused naming it, nothing issued
    session.type("tok-name", name);
    session.type("tok-areas", D3);
    session.click("tok-submit");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> session.text("tok-status").startsWith("Bị từ chối:"));
    assertThat(session.text("tok-status")).contains(D3);
    assertThat(listed(name)).isEmpty();

    // one of theirs: issued for that district only, read-only
    session.type("tok-areas", D1);
    session.click("tok-submit");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> session.text("tok-status").equals("Đã cấp khóa “" + name + "”."));
    String secret = session.text("tok-secret-value");
    JsonObject kept = listed(name).orElseThrow();
    assertThat(kept.getString("role")).isEqualTo("district_officer");
    assertThat(kept.getJsonArray("districts")).containsExactly(D1);
    assertThat(kept.getBoolean("write")).isFalse();
    assertThat(session.text("tok-" + kept.getLong("id")))
        .contains("Cán bộ cấp huyện")
        .contains("Huyện: " + D1)
        .contains("chỉ đọc");
    assertThat(get(secret, "/api/v1/programme/facilities/" + FA)).isEqualTo(200);
    assertThat(get(secret, "/api/v1/programme/facilities/" + FB)).isEqualTo(403);
    assertThat(
            svc.withToken(
                    HttpMethod.POST,
                    "/api/v1/programme/facilities/" + FA + "/officers/o1/trainings",
                    secret)
                .sendJsonObject(
                    new JsonObject()
                        .put("course", "SXSH " + S)
                        .put("date", "2026-02-01")
                        .put("completed", true))
                .await()
                .statusCode())
        .isEqualTo(403);
    assertThat(
            PageChecks.englishInVietnamese(
                browser, List.of(OFFICER, name, secret, D1, "EnergyTrace")))
        .isEmpty();
  }
}
