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
 * The accounts page (/accounts.html, docs/security.md "The accounts page") in headless Chromium: an
 * enterprise's administrator creates a viewer account on the page, its initial password shown once;
 * a bad name, an existing name and a role the administrator may not give are refused naming the
 * field or the rule, with nothing created. The new account signs in on the sign-in page with the
 * password read off the screen, is sent to change it, changes it on the page: the new one signs in,
 * the initial one no longer. Disabling an account on the page ends its sessions and its sign-in;
 * enabling it again gives them back. A viewer sees only the own-password form and a clear word, no
 * list and no management form. Vietnamese (no English left) and English.
 */
class AccountsBrowserIT {
  static final String S = UUID.randomUUID().toString().substring(0, 6);
  static final String E = "acc-" + S;
  static final String OTHER_E = "acc-x-" + S;
  static final String ADMIN = "ea-" + S;
  static final String VIEWER = "ev-" + S;
  static final String TO_DISABLE = "ev2-" + S;
  static final String STRANGER = "ev3-" + S;
  static final String SYSADMIN = "sa-" + S;

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
    session.account(TO_DISABLE, Role.ENTERPRISE_VIEWER, E);
    // an account of another enterprise: not listed to this enterprise's administrator
    session.account(STRANGER, Role.ENTERPRISE_VIEWER, OTHER_E);
    session.account(SYSADMIN, Role.SYSTEM_ADMIN, null);
    browser = session.open("--lang=vi-VN", "--window-size=1366,900");
  }

  /** The account named {@code username} as the API lists it to the system administrator. */
  static Optional<JsonObject> listed(String username) {
    return svc
        .ok(HttpMethod.GET, "/api/v1/users", adminToken, null)
        .bodyAsJsonObject()
        .getJsonArray("users")
        .stream()
        .map(o -> (JsonObject) o)
        .filter(o -> o.getString("username").equals(username))
        .findFirst();
  }

  static int accounts() {
    return svc.ok(HttpMethod.GET, "/api/v1/users", adminToken, null)
        .bodyAsJsonObject()
        .getJsonArray("users")
        .size();
  }

  /** The status of a sign-in through the API. */
  static int signInStatus(String username, String password) {
    return svc.login(username, password).statusCode();
  }

  void open(String lang) {
    browser.get(session.url("/accounts.html?lang=" + lang));
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                browser.findElements(By.cssSelector("#acc-rows tr")).size() > 0
                    || browser.findElement(By.id("acc-denied")).isDisplayed()
                    || browser.findElement(By.id("acc-first")).isDisplayed());
  }

  String invalid(String id) {
    return browser.findElement(By.id(id)).getAttribute("aria-invalid");
  }

  void awaitStatus(String id, String start) {
    await().atMost(Duration.ofSeconds(15)).until(() -> session.text(id).startsWith(start));
  }

  @Test
  void theAdministratorCreatesAViewerWhoSignsInWithTheInitialPasswordAndChangesIt()
      throws Exception {
    String created = "nv-" + S;
    session.signIn(ADMIN);
    open("vi");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> session.headerLinks().contains("/accounts.html"));
    assertThat(
            browser
                .findElement(By.cssSelector("header nav a[href='/accounts.html']"))
                .getAttribute("aria-current"))
        .isEqualTo("page");
    assertThat(session.text("acc-title")).isEqualTo("Tài khoản người dùng");
    assertThat(session.text("acc-whose"))
        .isEqualTo("Danh sách gồm các tài khoản của doanh nghiệp " + E + ".");
    // the enterprise's accounts, not another enterprise's; the own one marked, without "Change"
    assertThat(session.text("acc-" + ADMIN)).contains("(bạn)").contains("Quản trị doanh nghiệp");
    assertThat(browser.findElements(By.id("acc-" + ADMIN + "-change"))).isEmpty();
    assertThat(session.text("acc-" + VIEWER))
        .contains("Người xem của doanh nghiệp")
        .contains(E)
        .contains("Đang hoạt động");
    assertThat(browser.findElements(By.id("acc-" + STRANGER))).isEmpty();
    // an enterprise's administrator gives the enterprise's two roles, for their own enterprise
    assertThat(
            new Select(browser.findElement(By.id("acc-role")))
                .getOptions().stream().map(WebElement::getText).toList())
        .containsExactly("Người xem của doanh nghiệp", "Quản trị doanh nghiệp");
    assertThat(browser.findElement(By.id("acc-enterprise")).getDomProperty("value")).isEqualTo(E);
    assertThat(browser.findElement(By.id("acc-enterprise")).getDomProperty("readOnly"))
        .isEqualTo("true");
    // no password field in the management form: the platform makes the initial one
    assertThat(browser.findElements(By.cssSelector("#acc-form input[type=password]"))).isEmpty();
    int before = accounts();

    // a name the API does not take: refused naming it, the field marked, nothing created
    session.type("acc-username", "Nguyen Van B");
    session.click("acc-submit");
    awaitStatus("acc-status", "Yêu cầu không hợp lệ");
    assertThat(session.text("acc-status")).contains("username");
    assertThat(invalid("acc-username")).isEqualTo("true");
    assertThat(session.shown("acc-initial")).isFalse();
    assertThat(accounts()).isEqualTo(before);

    // an existing name: the page says to change that account instead; it stays as it was
    session.type("acc-username", VIEWER);
    new Select(browser.findElement(By.id("acc-role"))).selectByVisibleText("Quản trị doanh nghiệp");
    session.click("acc-submit");
    awaitStatus("acc-status", "Đã có tài khoản “" + VIEWER + "”");
    assertThat(invalid("acc-username")).isEqualTo("true");
    assertThat(listed(VIEWER).orElseThrow().getString("role")).isEqualTo("enterprise_viewer");

    // a role the administrator may not give (a page altered in the browser): the API refuses it
    session.type("acc-username", created);
    session.js(
        "const r = document.getElementById('acc-role');"
            + " r.append(new Option('x', 'system_admin')); r.value = 'system_admin';");
    session.click("acc-submit");
    awaitStatus("acc-status", "Bị từ chối:");
    assertThat(listed(created)).isEmpty();
    assertThat(accounts()).isEqualTo(before);

    // a viewer of the enterprise: created, the initial password shown once, with the warning
    open("vi");
    session.type("acc-username", created);
    new Select(browser.findElement(By.id("acc-role")))
        .selectByVisibleText("Người xem của doanh nghiệp");
    session.click("acc-submit");
    awaitStatus("acc-status", "Đã tạo tài khoản “" + created + "”.");
    assertThat(session.shown("acc-initial")).isTrue();
    assertThat(session.text("h-initial")).isEqualTo("Mật khẩu ban đầu của “" + created + "”");
    assertThat(session.text("acc-initial-once"))
        .startsWith("Hãy chuyển mật khẩu này cho người dùng qua một kênh an toàn ngay bây giờ");
    String initial = session.text("acc-initial-value");
    assertThat(initial).hasSizeGreaterThanOrEqualTo(12);
    JsonObject kept = listed(created).orElseThrow();
    assertThat(kept.getString("role")).isEqualTo("enterprise_viewer");
    assertThat(kept.getString("enterprise")).isEqualTo(E);
    assertThat(kept.getBoolean("disabled")).isFalse();
    assertThat(kept.getBoolean("must_change_password")).isTrue();
    // made now, never signed in: the list says so; the administrator's own sign-in is listed
    assertThat(kept.getString("last_sign_in_at")).isNull();
    assertThat(Instant.parse(kept.getString("created_at")))
        .isAfter(Instant.now().minusSeconds(120));
    assertThat(session.text("acc-" + created + "-signin"))
        .startsWith("chưa đăng nhập\ntạo lúc ")
        .contains(BrowserSession.day(kept.getString("created_at")));
    String adminSignIn = listed(ADMIN).orElseThrow().getString("last_sign_in_at");
    assertThat(adminSignIn).isNotNull();
    assertThat(session.text("acc-" + ADMIN + "-signin"))
        .contains(BrowserSession.day(adminSignIn))
        .doesNotContain("chưa đăng nhập");
    assertThat(accounts()).isEqualTo(before + 1);
    assertThat(session.text("acc-" + created))
        .contains("Người xem của doanh nghiệp")
        .contains(E)
        .contains("Đang hoạt động")
        .contains("chưa đổi mật khẩu ban đầu");
    // the form is ready for the next account
    assertThat(browser.findElement(By.id("acc-username")).getDomProperty("value")).isEmpty();
    assertThat(
            PageChecks.englishInVietnamese(
                browser, List.of(E, ADMIN, VIEWER, TO_DISABLE, created, initial, "EnergyTrace")))
        .isEmpty();
    assertThat(PageChecks.numbersWrappingInsideThemselves(browser)).isEmpty();
    session.screenshot("accounts-created-vi");
    // passed on: gone from the page, and no later view shows it
    session.click("acc-initial-done");
    assertThat(session.shown("acc-initial")).isFalse();
    assertThat(browser.getPageSource()).doesNotContain(initial);
    open("vi");
    assertThat(browser.getPageSource()).doesNotContain(initial);

    // the new account signs in on the sign-in page with that password, and is sent to change it
    browser.manage().deleteAllCookies();
    browser.get(session.url("/login.html?lang=vi"));
    BrowserSession.submitSignIn(browser, created, initial);
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> browser.getCurrentUrl().contains("/accounts.html"));
    open("vi");
    assertThat(session.text("acc-first")).startsWith("Bạn đang dùng mật khẩu ban đầu");
    assertThat(session.text("acc-title")).isEqualTo("Tài khoản của tôi");
    assertThat(session.shown("acc-form")).isFalse();
    assertThat(session.shown("pw-form")).isTrue();
    assertThat(session.text("acc-pw-who")).contains(created);

    String fresh = "Mat khau moi " + S + " 2026";
    // the two new ones differ: said before anything is sent
    session.type("pw-current", initial);
    session.type("pw-new", fresh);
    session.type("pw-repeat", fresh + "x");
    session.click("pw-submit");
    awaitStatus("pw-status", "Hai lần nhập mật khẩu mới không giống nhau.");
    assertThat(invalid("pw-repeat")).isEqualTo("true");
    // too short: the API names the new password
    session.type("pw-new", "ngan");
    session.type("pw-repeat", "ngan");
    session.click("pw-submit");
    awaitStatus("pw-status", "Yêu cầu không hợp lệ");
    // in the page's words, the field named (it read "new_password: must be at least 12
    // characters" on the Vietnamese page)
    assertThat(session.text("pw-status"))
        .isEqualTo("Yêu cầu không hợp lệ: mật khẩu mới (new_password): tối thiểu 12 ký tự");
    assertThat(invalid("pw-new")).isEqualTo("true");
    // a wrong current password: refused, said so, nothing changed
    session.type("pw-current", initial + "-sai");
    session.type("pw-new", fresh);
    session.type("pw-repeat", fresh);
    session.click("pw-submit");
    awaitStatus("pw-status", "Mật khẩu hiện tại không đúng");
    assertThat(invalid("pw-current")).isEqualTo("true");
    assertThat(browser.getPageSource()).doesNotContain(initial).doesNotContain(fresh);
    // the right one: changed; the viewer then sees their page without management
    session.type("pw-current", initial);
    session.click("pw-submit");
    awaitStatus("pw-status", "Đã đổi mật khẩu.");
    await().atMost(Duration.ofSeconds(10)).until(() -> session.shown("acc-denied"));
    assertThat(session.shown("acc-first")).isFalse();
    assertThat(session.shown("pw-next")).isTrue();
    assertThat(browser.findElement(By.id("pw-next-link")).getDomAttribute("href"))
        .isEqualTo("/overview.html");
    assertThat(session.shown("acc-form")).isFalse();
    assertThat(browser.getPageSource()).doesNotContain(initial).doesNotContain(fresh);

    // the new password signs in, the initial one no longer
    assertThat(signInStatus(created, initial)).isEqualTo(401);
    assertThat(svc.login(created, fresh).bodyAsJsonObject().getBoolean("must_change_password"))
        .isFalse();
    assertThat(listed(created).orElseThrow().getBoolean("must_change_password")).isFalse();
    // its sign-ins are noted: the last one is the one just made
    Instant lastSignIn = Instant.parse(listed(created).orElseThrow().getString("last_sign_in_at"));
    assertThat(lastSignIn).isAfter(Instant.parse(kept.getString("created_at")));
    // this browser's session goes on (a new one came with the change)
    open("vi");
    assertThat(session.text("who")).contains(created);
    assertThat(session.shown("acc-denied")).isTrue();
  }

  @Test
  void disablingAnAccountOnThePageEndsItsSignInAndEnablingGivesItBack() {
    SecuredService.Session open = svc.session(TO_DISABLE, session.password());
    assertThat(
            svc.request(HttpMethod.GET, "/api/v1/auth/me", open)
                .send()
                .await()
                .bodyAsJsonObject()
                .getString("role"))
        .isEqualTo("enterprise_viewer");
    session.signIn(ADMIN);
    open("en");
    session.click("acc-" + TO_DISABLE + "-change");
    assertThat(session.text("h-edit")).isEqualTo("Change account “" + TO_DISABLE + "”");
    assertThat(browser.findElement(By.id("acc-username")).getDomProperty("readOnly"))
        .isEqualTo("true");
    assertThat(
            new Select(browser.findElement(By.id("acc-role"))).getFirstSelectedOption().getText())
        .isEqualTo("Enterprise viewer");
    assertThat(browser.findElement(By.id("acc-disabled")).isSelected()).isFalse();
    session.click("acc-disabled");
    session.click("acc-submit");
    awaitStatus("acc-status", "Account “" + TO_DISABLE + "” saved.");
    assertThat(session.text("acc-" + TO_DISABLE + "-state")).isEqualTo("Disabled");
    assertThat(listed(TO_DISABLE).orElseThrow().getBoolean("disabled")).isTrue();
    // its role and enterprise are as they were
    assertThat(listed(TO_DISABLE).orElseThrow().getString("role")).isEqualTo("enterprise_viewer");
    assertThat(listed(TO_DISABLE).orElseThrow().getString("enterprise")).isEqualTo(E);
    // it can no longer sign in, and its open session has ended
    assertThat(signInStatus(TO_DISABLE, session.password())).isEqualTo(401);
    assertThat(
            svc.request(HttpMethod.GET, "/api/v1/auth/me", open)
                .send()
                .await()
                .bodyAsJsonObject()
                .getString("role"))
        .isEqualTo("anonymous");

    // enabled again on the page: it signs in with its password as before
    session.click("acc-" + TO_DISABLE + "-change");
    assertThat(browser.findElement(By.id("acc-disabled")).isSelected()).isTrue();
    session.click("acc-disabled");
    session.click("acc-submit");
    awaitStatus("acc-status", "Account “" + TO_DISABLE + "” saved.");
    assertThat(session.text("acc-" + TO_DISABLE + "-state")).isEqualTo("Enabled");
    assertThat(signInStatus(TO_DISABLE, session.password())).isEqualTo(200);
  }

  @Test
  void aViewerChangesOnlyTheirOwnPasswordAndIsOfferedNoManagement() {
    session.signIn(VIEWER);
    open("vi");
    assertThat(session.text("acc-denied"))
        .isEqualTo(
            "Vai trò của bạn (Người xem của doanh nghiệp) không quản lý tài khoản. Bạn có thể đổi"
                + " mật khẩu của mình ở dưới; để tạo hoặc thay đổi tài khoản, hãy đề nghị quản trị"
                + " viên doanh nghiệp hoặc quản trị hệ thống.");
    assertThat(session.text("acc-title")).isEqualTo("Tài khoản của tôi");
    assertThat(session.shown("acc-form")).isFalse();
    assertThat(session.shown("acc-rows")).isFalse();
    assertThat(browser.findElements(By.cssSelector("#acc-rows tr"))).isEmpty();
    assertThat(session.shown("pw-form")).isTrue();
    // the header links the page for every signed-in role, named as the own account
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> session.headerLinks().contains("/accounts.html"));
    assertThat(browser.findElement(By.cssSelector("header nav a[href='/accounts.html']")).getText())
        .isEqualTo("Tài khoản của tôi");
    assertThat(PageChecks.englishInVietnamese(browser, List.of(E, VIEWER, "EnergyTrace")))
        .isEmpty();

    open("en");
    assertThat(session.text("acc-denied"))
        .startsWith("Your role (Enterprise viewer) does not manage accounts.");
    assertThat(session.text("h-password")).isEqualTo("Change my password");
    assertThat(session.shown("acc-form")).isFalse();
    // the API agrees: the viewer may not list accounts
    SecuredService.Session viewer = svc.session(VIEWER, session.password());
    assertThat(svc.request(HttpMethod.GET, "/api/v1/users", viewer).send().await().statusCode())
        .isEqualTo(403);
  }

  @Test
  void theSystemAdministratorCreatesAnAuditorAssignedToAnEnterpriseUntilADay() {
    String auditor = "kt-" + S;
    session.signIn(SYSADMIN);
    open("vi");
    assertThat(session.text("acc-whose")).isEqualTo("Danh sách gồm mọi tài khoản.");
    // every enterprise's accounts
    assertThat(session.text("acc-" + STRANGER)).contains(OTHER_E);
    assertThat(
            new Select(browser.findElement(By.id("acc-role")))
                .getOptions().stream().map(WebElement::getText).toList())
        .containsExactly(
            "Người xem của doanh nghiệp",
            "Quản trị doanh nghiệp",
            "Kiểm toán viên",
            "Cán bộ cấp tỉnh",
            "Cán bộ cấp huyện",
            "Cán bộ khu công nghiệp",
            "Quản trị hệ thống");
    session.type("acc-username", auditor);
    new Select(browser.findElement(By.id("acc-role"))).selectByVisibleText("Kiểm toán viên");
    assertThat(session.shown("acc-enterprise")).isFalse();
    assertThat(session.shown("acc-assignments")).isTrue();
    // a day the API cannot read: refused naming the assignment, the list marked, nothing created
    session.type("acc-assignments", E + " 30/06/2027");
    session.click("acc-submit");
    awaitStatus("acc-status", "Yêu cầu không hợp lệ");
    assertThat(session.text("acc-status")).contains("assignments[0].expires_at");
    assertThat(invalid("acc-assignments")).isEqualTo("true");
    assertThat(listed(auditor)).isEmpty();

    session.type("acc-assignments", E + " 2027-06-30");
    session.click("acc-submit");
    awaitStatus("acc-status", "Đã tạo tài khoản “" + auditor + "”.");
    JsonObject kept = listed(auditor).orElseThrow();
    assertThat(kept.getString("role")).isEqualTo("auditor");
    assertThat(kept.getString("enterprise")).isNull();
    JsonObject assignment = kept.getJsonArray("assignments").getJsonObject(0);
    assertThat(assignment.getString("enterprise")).isEqualTo(E);
    // until the end of that day in the province's zone, where the page shows dates (the browser's
    // zone, UTC here, made the list say the next day)
    assertThat(java.time.Instant.parse(assignment.getString("expires_at")))
        .isEqualTo(
            java.time.LocalDate.of(2027, 7, 1)
                .atStartOfDay(java.time.ZoneId.of("Asia/Ho_Chi_Minh"))
                .toInstant()
                .minusSeconds(1));
    assertThat(session.text("acc-" + auditor))
        .contains("Kiểm toán viên")
        .contains(E + " đến 30/06/2027");
    assertThat(session.text("acc-initial-value")).isNotEmpty();
    assertThat(
            PageChecks.englishInVietnamese(
                browser,
                List.of(
                    E,
                    OTHER_E,
                    ADMIN,
                    VIEWER,
                    TO_DISABLE,
                    STRANGER,
                    SYSADMIN,
                    auditor,
                    "nv-" + S,
                    session.text("acc-initial-value"),
                    "EnergyTrace")))
        .isEmpty();
  }
}
