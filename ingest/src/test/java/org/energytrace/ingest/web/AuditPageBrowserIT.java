package org.energytrace.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.AnalyticsException.Code;
import org.energytrace.analytics.units.DataCsv;
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
 * The audit log page (/audit.html, docs/security.md "The audit log") in headless Chromium, on
 * entries made through the API: a refused sign-in, a token issued, refusals of another enterprise's
 * administrator reading this one's data (more than one page of them) and the same administrator
 * refused the other enterprise's data. The enterprise's administrator sees exactly what listAudit
 * answers them — the same entries in the same order, with the same actor, action, outcome and
 * target — and nothing of the other enterprise nor the sign-in refusal that belongs to none; "more"
 * brings the older ones; the action filter narrows the table to what the API answers for it; the
 * chain check says in words that the chain is intact, and where it is broken once an entry is
 * edited in the database. An auditor sees their assigned enterprise; a viewer and a province
 * officer get a clear word, no table and no header link. Vietnamese (no English left but codes) and
 * English.
 */
class AuditPageBrowserIT {
  static final String S = UUID.randomUUID().toString().substring(0, 6);
  static final String E = "aud-" + S;
  static final String OTHER = "aud-o-" + S;
  static final String ADMIN = "ea-" + S;
  static final String OTHER_ADMIN = "oa-" + S;
  static final String VIEWER = "ev-" + S;
  static final String AUDITOR = "au-" + S;
  static final String OFFICER = "po-" + S;
  static final String SYSADMIN = "sa-" + S;

  /** An auditor assigned to both enterprises. */
  static final String AUDITOR_BOTH = "au-both-" + S;

  static final String TOKEN = "erp-" + S;

  /** Refusals of the other enterprise's administrator on this enterprise: more than a page. */
  static final int REFUSALS = 103;

  static final Map<String, String> OUTCOME_VI =
      Map.of("success", "Thành công", "denied", "Bị từ chối", "failure", "Thất bại");

  @RegisterExtension static final BrowserSession session = new BrowserSession();
  static SecuredService svc;
  static ChromeDriver browser;
  static String systemToken;

  /** A token of an enterprise administrator of E: the API's answer to that role. */
  static String enterpriseToken;

  static long tokenId;

  @BeforeAll
  static void start() throws Exception {
    svc = session.startService();
    systemToken = svc.access.systemAdminToken();
    session.account(ADMIN, Role.ENTERPRISE_ADMIN, E);
    session.account(OTHER_ADMIN, Role.ENTERPRISE_ADMIN, OTHER);
    session.account(VIEWER, Role.ENTERPRISE_VIEWER, E);
    session.account(OFFICER, Role.PROVINCE_OFFICER, null);
    session.account(SYSADMIN, Role.SYSTEM_ADMIN, null);
    session.account(
        AUDITOR,
        Role.AUDITOR,
        null,
        List.of(new PgAccounts.Assignment(E, Instant.now().plus(Duration.ofDays(1)))));
    session.account(
        AUDITOR_BOTH,
        Role.AUDITOR,
        null,
        List.of(
            new PgAccounts.Assignment(E, Instant.now().plus(Duration.ofDays(1))),
            new PgAccounts.Assignment(OTHER, Instant.now().plus(Duration.ofDays(1)))));
    enterpriseToken = svc.access.token(Role.ENTERPRISE_ADMIN, E, Duration.ofDays(1));

    // a refused sign-in (login.failure: no enterprise)
    assertThat(svc.login(ADMIN, "not-the-password-" + S).statusCode()).isEqualTo(401);
    // a token issued by the administrator (token.create, enterprise E)
    SecuredService.Session admin = svc.session(ADMIN, session.password());
    var created =
        svc.request(HttpMethod.POST, "/api/v1/tokens", admin)
            .sendJsonObject(
                new JsonObject()
                    .put("name", TOKEN)
                    .put("role", "enterprise_viewer")
                    .put("enterprise", E))
            .await();
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    tokenId = created.bodyAsJsonObject().getLong("id");
    // the administrator refused the other enterprise's data (access.denied, enterprise OTHER)
    assertThat(
            svc.request(HttpMethod.GET, "/api/v1/enterprises/" + OTHER + "/lines", admin)
                .send()
                .await()
                .statusCode())
        .isEqualTo(403);
    // the other enterprise's administrator refused this one's data, again and again
    // (access.denied, enterprise E: a signed-in principal's refusals are one entry each)
    SecuredService.Session other = svc.session(OTHER_ADMIN, session.password());
    for (int i = 0; i < REFUSALS; i++) {
      assertThat(
              svc.request(HttpMethod.GET, "/api/v1/enterprises/" + E + "/lines", other)
                  .send()
                  .await()
                  .statusCode())
          .isEqualTo(403);
    }
    // the audit entries are written after the answers: wait for all of them
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                entries(systemToken, "action=access.denied&limit=1000").stream()
                        .filter(x -> x.getString("actor").equals(OTHER_ADMIN))
                        .count()
                    == REFUSALS);
    browser = session.open("--lang=vi-VN", "--window-size=1366,900");
  }

  /** listAudit's entries for {@code query}, asked with {@code token}. */
  static List<JsonObject> entries(String token, String query) {
    return svc
        .ok(HttpMethod.GET, "/api/v1/audit?" + query, token, null)
        .bodyAsJsonObject()
        .getJsonArray("entries")
        .stream()
        .map(o -> (JsonObject) o)
        .toList();
  }

  void open(String query) {
    browser.get(session.url("/audit.html?" + query));
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                browser.findElements(By.cssSelector("#aud-rows tr")).size() > 0
                    || browser.findElement(By.id("aud-denied")).isDisplayed());
  }

  /** The table's rows as the page shows them: the entry's id and each column's text. */
  @SuppressWarnings("unchecked")
  List<Map<String, String>> rows() {
    return (List<Map<String, String>>)
        session.js(
            """
            return [...document.querySelectorAll('#aud-rows tr[id]')].map(tr => {
              const c = k => tr.querySelector('td.aud-' + k).innerText.trim();
              return { id: tr.id.slice(4), at: c('at'), actor: c('actor'), role: c('role'),
                action: c('action'), outcome: c('outcome'), enterprise: c('enterprise'),
                target: c('target'), detail: c('detail'),
                code: tr.querySelector('td.aud-action code').textContent };
            });
            """);
  }

  /** The page's rows are the API's entries: same ids in the same order, same fields shown. */
  /**
   * The rows of a CSV text, each line's cells read strictly (RFC 4180 quoting) by the parser the
   * analytics command line reads its inputs with; the states' JSON holds no line break.
   */
  static List<List<String>> csvRows(String text) {
    return text.lines()
        .map(
            line ->
                DataCsv.cells(
                    line,
                    problem -> new AnalyticsException(Code.INVALID_INPUT, problem + ": " + line)))
        .toList();
  }

  static void sameAsTheApi(List<Map<String, String>> rows, List<JsonObject> api) {
    assertThat(rows.stream().map(r -> Long.parseLong(r.get("id"))).toList())
        .isEqualTo(api.stream().map(x -> x.getLong("id")).toList());
    for (int i = 0; i < rows.size(); i++) {
      Map<String, String> r = rows.get(i);
      JsonObject x = api.get(i);
      assertThat(r.get("actor")).startsWith(x.getString("actor"));
      assertThat(r.get("code")).isEqualTo(x.getString("action"));
      // the action in the reader's words over its code: every action of these entries has words
      assertThat(r.get("action").lines().toList())
          .as("the action cell of %s", x.getString("action"))
          .hasSize(2)
          .last()
          .isEqualTo(x.getString("action"));
      assertThat(r.get("outcome")).endsWith(OUTCOME_VI.get(x.getString("outcome")));
      assertThat(r.get("enterprise"))
          .isEqualTo(x.getString("enterprise") == null ? "—" : x.getString("enterprise"));
      assertThat(r.get("target")).isEqualTo(Objects.toString(x.getString("target"), ""));
      assertThat(r.get("at")).contains(BrowserSession.day(x.getString("at")));
    }
  }

  /** Codes and names the page shows as they are: accounts, enterprises, actions, targets. */
  static List<String> codes(List<JsonObject> shown) {
    List<String> out = new ArrayList<>(List.of(E, OTHER, ADMIN, OTHER_ADMIN, "EnergyTrace"));
    for (JsonObject x : shown) {
      out.add(x.getString("action"));
      if (x.getString("target") != null) {
        out.add(x.getString("target"));
      }
    }
    return out;
  }

  /** The number of entries the chain check said it recomputed, from its sentence. */
  static long recomputed(String sentence) {
    Matcher m = Pattern.compile("(\\d[\\d.,]*) (mục|entries)").matcher(sentence);
    assertThat(m.find()).as(sentence).isTrue();
    return Long.parseLong(m.group(1).replaceAll("[.,]", ""));
  }

  @Test
  void theEnterpriseAdministratorSeesTheirEnterprisesEntriesAsTheApiAnswersThem() throws Exception {
    String signIns =
        "select count(*) from audit_log where action = 'login.success' and actor = '" + ADMIN + "'";
    long signedInBefore = svc.db.count(signIns);
    session.signIn(ADMIN);
    // the sign-in's own entry is written after the answer: the page and the API both hold it
    await().atMost(Duration.ofSeconds(10)).until(() -> svc.db.count(signIns) > signedInBefore);
    open("lang=vi");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> session.headerLinks().contains("/audit.html"));
    assertThat(
            browser
                .findElement(By.cssSelector("header nav a[href='/audit.html']"))
                .getAttribute("aria-current"))
        .isEqualTo("page");
    assertThat(session.text("top")).contains("Nhật ký kiểm toán");
    assertThat(session.text("aud-whose"))
        .isEqualTo("Bạn xem các mục của doanh nghiệp của bạn: " + E + ".");
    // their enterprise is the only one: no enterprise to choose
    assertThat(session.shown("aud-enterprise-label")).isFalse();
    assertThat(session.shown("aud-denied")).isFalse();

    // the newest 100, exactly as the API answers the enterprise's administrator
    List<JsonObject> api = entries(enterpriseToken, "limit=100");
    assertThat(api).hasSize(100);
    List<Map<String, String>> rows = rows();
    sameAsTheApi(rows, api);
    assertThat(session.text("aud-status")).isEqualTo("Đang hiển thị 100 mục mới nhất.");
    // newest first: the administrator's sign-in, then the other administrator's refusals
    assertThat(rows.get(0).get("code")).isEqualTo("login.success");
    assertThat(rows.get(0).get("actor")).startsWith(ADMIN);
    assertThat(rows.get(0).get("outcome")).isEqualTo("✓ Thành công");
    Map<String, String> refused =
        rows.stream().filter(r -> r.get("actor").startsWith(OTHER_ADMIN)).findFirst().orElseThrow();
    assertThat(refused.get("actor")).startsWith(OTHER_ADMIN);
    assertThat(refused.get("role")).isEqualTo("Quản trị doanh nghiệp");
    assertThat(refused.get("code")).isEqualTo("access.denied");
    assertThat(refused.get("outcome")).isEqualTo("⊘ Bị từ chối");
    assertThat(refused.get("enterprise")).isEqualTo(E);
    assertThat(refused.get("target")).isEqualTo("/api/v1/enterprises/" + E + "/lines");
    // the refusal in the page's words (the operation and path as they are), above the record as
    // the server wrote it
    String request = "listLines GET /api/v1/enterprises/" + E + "/lines: ";
    assertThat(refused.get("detail").lines())
        .containsExactly(
            request + "doanh nghiệp nằm ngoài phạm vi được giao cho tài khoản",
            request + "enterprise out of scope");
    // the time in the page's format: day and time of day
    assertThat(refused.get("at")).containsPattern("\\d\\d:\\d\\d:\\d\\d");
    assertThat(rows).noneMatch(r -> !r.get("enterprise").equals(E));
    assertThat(PageChecks.englishInVietnamese(browser, codes(api))).isEmpty();
    assertThat(PageChecks.numbersWrappingInsideThemselves(browser)).isEmpty();

    // "more": the older entries too, the token issued and the administrator's first sign-in
    assertThat(session.text("aud-more")).isEqualTo("Xem thêm 100 mục cũ hơn");
    session.click("aud-more");
    await().atMost(Duration.ofSeconds(10)).until(() -> rows().size() > 100);
    List<JsonObject> all = entries(enterpriseToken, "limit=200");
    assertThat(all).hasSizeLessThan(200);
    rows = rows();
    sameAsTheApi(rows, all);
    assertThat(session.text("aud-status"))
        .isEqualTo("Đang hiển thị tất cả " + all.size() + " mục phù hợp.");
    assertThat(session.shown("aud-more")).isFalse();
    // the entries shown as a CSV file: every one, in the table's order, with the API's fields
    session.js(
        "window.__csv = null; const make = URL.createObjectURL;"
            + " URL.createObjectURL = b => { b.text().then(t => window.__csv = t); return make(b); };");
    session.click("aud-csv");
    await().atMost(Duration.ofSeconds(5)).until(() -> session.js("return window.__csv;") != null);
    List<List<String>> csv = csvRows(String.valueOf(session.js("return window.__csv;")));
    List<String> cols = csv.get(0);
    assertThat(cols)
        .containsExactly(
            "id",
            "at",
            "actor",
            "actor_role",
            "action",
            "outcome",
            "enterprise",
            "target",
            "client_ip",
            "detail",
            "repeat_count",
            "chain_seq",
            "hash",
            "before",
            "after");
    assertThat(csv).hasSize(all.size() + 1);
    for (int i = 0; i < all.size(); i++) {
      JsonObject x = all.get(i);
      Map<String, String> line = new java.util.HashMap<>();
      for (int c = 0; c < cols.size(); c++) {
        line.put(cols.get(c), csv.get(i + 1).get(c));
      }
      assertThat(line.get("id")).isEqualTo(String.valueOf(x.getLong("id")));
      for (String k : List.of("at", "actor", "action", "outcome", "target", "detail", "hash")) {
        assertThat(line.get(k)).as(k).isEqualTo(Objects.toString(x.getValue(k), ""));
      }
      assertThat(line.get("chain_seq")).isEqualTo(Objects.toString(x.getValue("chain_seq"), ""));
      for (String k : List.of("before", "after")) {
        Object state = x.getValue(k);
        assertThat(line.get(k).isEmpty() ? null : new JsonObject(line.get(k)))
            .as(k)
            .isEqualTo(state);
      }
    }
    Map<String, String> issued =
        rows.stream().filter(r -> r.get("code").equals("token.create")).findFirst().orElseThrow();
    assertThat(issued.get("actor")).startsWith(ADMIN);
    assertThat(issued.get("target")).isEqualTo("token:" + tokenId);
    assertThat(issued.get("outcome")).isEqualTo("✓ Thành công");
    // nothing of the other enterprise, nor the refused sign-in, which belongs to no enterprise
    List<JsonObject> everything = entries(systemToken, "limit=10000");
    List<String> notTheirs =
        everything.stream()
            .filter(x -> !E.equals(x.getString("enterprise")))
            .map(x -> String.valueOf(x.getLong("id")))
            .toList();
    assertThat(notTheirs).isNotEmpty();
    assertThat(rows).noneMatch(r -> notTheirs.contains(r.get("id")));
    assertThat(everything)
        .anyMatch(
            x ->
                x.getString("action").equals("login.failure")
                    && x.getString("actor").equals(ADMIN)
                    && x.getString("outcome").equals("failure"));
    assertThat(everything)
        .anyMatch(
            x ->
                x.getString("action").equals("access.denied")
                    && x.getString("actor").equals(ADMIN)
                    && OTHER.equals(x.getString("enterprise")));
    assertThat(rows).noneMatch(r -> r.get("code").equals("login.failure"));
    session.screenshot("audit-enterprise-vi");

    // the action filter: exactly what the API answers for it, and the address keeps it
    session.type("aud-action", "token.create");
    session.click("aud-apply");
    await().atMost(Duration.ofSeconds(10)).until(() -> rows().size() == 1);
    List<JsonObject> filtered = entries(enterpriseToken, "action=token.create&limit=100");
    sameAsTheApi(rows(), filtered);
    assertThat(browser.getCurrentUrl()).contains("action=token.create");
    assertThat(session.text("aud-status")).isEqualTo("Đang hiển thị tất cả 1 mục phù hợp.");
    session.type("aud-action", "access.denied");
    session.click("aud-apply");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> rows().stream().allMatch(r -> r.get("code").equals("access.denied")));
    sameAsTheApi(rows(), entries(enterpriseToken, "action=access.denied&limit=100"));
    assertThat(rows()).allMatch(r -> r.get("outcome").equals("⊘ Bị từ chối"));
    // an action no entry has: said so; a malformed one: the API's refusal naming the field
    session.type("aud-action", "no.such_action");
    session.click("aud-apply");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> session.text("aud-rows").equals("Không có mục nào phù hợp với bộ lọc."));
    session.type("aud-action", "Token-Create");
    session.click("aud-apply");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> session.text("aud-rows").startsWith("Yêu cầu không hợp lệ"));
    assertThat(session.text("aud-rows")).contains("action");
    assertThat(browser.findElement(By.id("aud-action")).getAttribute("aria-invalid"))
        .isEqualTo("true");
    session.click("aud-clear");
    await().atMost(Duration.ofSeconds(10)).until(() -> rows().size() == 100);
    assertThat(browser.getCurrentUrl()).doesNotContain("action=");

    // outcome and days: today's successes in the province's calendar (where the page shows times;
    // the browser here runs on UTC), as the API answers them for the same instants
    java.time.ZoneId province = java.time.ZoneId.of("Asia/Ho_Chi_Minh");
    String today = java.time.LocalDate.now(province).toString();
    String since = java.time.LocalDate.parse(today).atStartOfDay(province).toInstant().toString();
    String until =
        java.time.LocalDate.parse(today).plusDays(1).atStartOfDay(province).toInstant().toString();
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("aud-outcome")))
        .selectByValue("success");
    session.js(
        "document.getElementById('aud-from').value = arguments[0];"
            + " document.getElementById('aud-to').value = arguments[0];",
        today);
    session.click("aud-apply");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                !rows().isEmpty()
                    && rows().stream().allMatch(r -> r.get("outcome").equals("✓ Thành công")));
    sameAsTheApi(
        rows(),
        entries(
            enterpriseToken,
            "outcome=success&since="
                + java.net.URLEncoder.encode(since, java.nio.charset.StandardCharsets.UTF_8)
                + "&until="
                + java.net.URLEncoder.encode(until, java.nio.charset.StandardCharsets.UTF_8)
                + "&limit=100"));
    assertThat(browser.getCurrentUrl()).contains("outcome=success").contains("from=" + today);
    // a day before any entry: none
    session.js("document.getElementById('aud-to').value = '2020-01-01';");
    session.js("document.getElementById('aud-from').value = '2020-01-01';");
    session.click("aud-apply");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> session.text("aud-rows").equals("Không có mục nào phù hợp với bộ lọc."));
    session.click("aud-clear");
    await().atMost(Duration.ofSeconds(10)).until(() -> rows().size() == 100);

    // the chain check, in words: intact, as checkIntegrity answers
    long before = checkIntegrity().getLong("entries");
    session.click("aud-check");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> session.text("aud-chain-result").startsWith("Chuỗi nguyên vẹn:"));
    long after = checkIntegrity().getLong("entries");
    assertThat(recomputed(session.text("aud-chain-result"))).isBetween(before, after);
    assertThat(session.text("aud-chain-result")).contains("không mục nào bị sửa, xóa hay chèn");
    assertThat(PageChecks.englishInVietnamese(browser, codes(api))).isEmpty();

    // an entry edited in the database: the check names it, as the API does
    long seq =
        svc.db.count(
            "select chain_seq from audit_log where action = 'token.create' and target = 'token:"
                + tokenId
                + "'");
    String actor = svc.db.text("select actor from audit_log where chain_seq = " + seq);
    assertThat(actor).isEqualTo(ADMIN);
    svc.db.execute("update audit_log set actor = 'someone-else' where chain_seq = " + seq);
    try {
      session.click("aud-check");
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> session.text("aud-chain-result").startsWith("Chuỗi bị đứt"));
      assertThat(checkIntegrity().getJsonObject("first_break").getLong("seq")).isEqualTo(seq);
      assertThat(session.text("aud-chain-result"))
          .startsWith("Chuỗi bị đứt tại mục số " + seq + " ");
      session.screenshot("audit-chain-broken-vi");
    } finally {
      svc.db.execute("update audit_log set actor = '" + actor + "' where chain_seq = " + seq);
    }
    session.click("aud-check");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> session.text("aud-chain-result").startsWith("Chuỗi nguyên vẹn:"));

    // in English
    open("lang=en");
    assertThat(session.text("h-entries")).isEqualTo("Entries");
    assertThat(session.text("aud-status")).isEqualTo("The newest 100 entries are shown.");
    assertThat(
            rows().stream()
                .filter(r -> r.get("actor").startsWith(OTHER_ADMIN))
                .findFirst()
                .orElseThrow()
                .get("outcome"))
        .isEqualTo("⊘ Denied");
    assertThat(session.text("aud-more")).isEqualTo("Show 100 older entries");
  }

  /** checkIntegrity's audit_chain for E today, as the system administrator asks it. */
  static JsonObject checkIntegrity() {
    String today = LocalDate.now().toString();
    return svc.ok(
            HttpMethod.GET,
            "/api/v1/enterprises/" + E + "/integrity?from=" + today + "&to=" + today,
            systemToken,
            null)
        .bodyAsJsonObject()
        .getJsonObject("audit_chain");
  }

  @Test
  void anAuditorSeesTheirAssignedEnterpriseAndTheSystemAdministratorTheSignInRefusal() {
    session.signIn(AUDITOR);
    open("lang=vi");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> session.headerLinks().contains("/audit.html"));
    assertThat(session.text("aud-whose"))
        .isEqualTo("Bạn xem các mục của các doanh nghiệp được phân công cho bạn: " + E + ".");
    assertThat(rows()).isNotEmpty().allMatch(r -> r.get("enterprise").equals(E));
    String auditorToken = svc.access.auditorToken("au2-" + S, E);
    session.type("aud-action", "token.create");
    session.click("aud-apply");
    await().atMost(Duration.ofSeconds(10)).until(() -> rows().size() == 1);
    sameAsTheApi(rows(), entries(auditorToken, "action=token.create&limit=100"));

    // an auditor of two enterprises chooses one of them: exactly the API's answer for it
    session.signIn(AUDITOR_BOTH);
    open("lang=vi");
    assertThat(session.text("aud-whose")).endsWith(": " + E + ", " + OTHER + ".");
    Select choice = new Select(browser.findElement(By.id("aud-enterprise-choice")));
    assertThat(choice.getOptions().stream().map(WebElement::getText).toList())
        .containsExactly("Mọi doanh nghiệp của tôi", E, OTHER);
    choice.selectByValue(OTHER);
    session.click("aud-apply");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> rows().stream().allMatch(r -> r.get("enterprise").equals(OTHER)));
    List<JsonObject> other = entries(systemToken, "enterprise=" + OTHER + "&limit=100");
    sameAsTheApi(rows(), other);
    // the administrator of E refused the other enterprise's data is there, under OTHER
    assertThat(rows())
        .anyMatch(r -> r.get("actor").startsWith(ADMIN) && r.get("code").equals("access.denied"));
    assertThat(browser.getCurrentUrl()).contains("enterprise=" + OTHER);

    // the system administrator sees the refused sign-in, which belongs to no enterprise
    session.signIn(SYSADMIN);
    open("lang=vi&action=login.failure");
    await().atMost(Duration.ofSeconds(10)).until(() -> rows().size() > 0);
    List<JsonObject> api = entries(systemToken, "action=login.failure&limit=100");
    sameAsTheApi(rows(), api);
    Map<String, String> failed =
        rows().stream().filter(r -> r.get("actor").startsWith(ADMIN)).findFirst().orElseThrow();
    assertThat(failed.get("outcome")).isEqualTo("✗ Thất bại");
    assertThat(failed.get("role")).isEqualTo("Chưa đăng nhập");
    assertThat(failed.get("enterprise")).isEqualTo("—");
    assertThat(session.text("aud-whose")).startsWith("Bạn xem mọi mục");
    assertThat(PageChecks.englishInVietnamese(browser, codes(api))).isEmpty();
    // they name an enterprise: its refusals, the newest 100 of them, as the API answers
    session.type("aud-enterprise", E);
    session.type("aud-action", "access.denied");
    session.click("aud-apply");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> rows().size() == 100 && rows().get(0).get("enterprise").equals(E));
    sameAsTheApi(
        rows(), entries(systemToken, "action=access.denied&enterprise=" + E + "&limit=100"));
    assertThat(session.shown("aud-more")).isTrue();
  }

  @Test
  void aViewerAndAProvinceOfficerAreToldTheyMayNotReadTheLogAndShownNoTable() {
    for (List<String> who :
        List.of(
            List.of(VIEWER, "Người xem của doanh nghiệp", "Enterprise viewer"),
            List.of(OFFICER, "Cán bộ cấp tỉnh", "Province officer"))) {
      session.signIn(who.get(0));
      open("lang=vi");
      assertThat(session.text("aud-denied"))
          .isEqualTo(
              "Vai trò của bạn ("
                  + who.get(1)
                  + ") không được xem nhật ký kiểm toán. Nhật ký dành cho quản trị hệ thống, quản"
                  + " trị doanh nghiệp (các mục của doanh nghiệp mình) và kiểm toán viên (các"
                  + " doanh nghiệp được phân công).");
      assertThat(session.shown("aud-rows")).as(who.get(0)).isFalse();
      assertThat(session.shown("aud-form")).as(who.get(0)).isFalse();
      assertThat(browser.findElements(By.cssSelector("#aud-rows tr"))).isEmpty();
      await().atMost(Duration.ofSeconds(10)).until(() -> session.text("who").contains(who.get(0)));
      assertThat(session.headerLinks()).as(who.get(0)).doesNotContain("/audit.html");
      assertThat(session.text("top")).doesNotContain("Nhật ký kiểm toán");
      assertThat(PageChecks.englishInVietnamese(browser, List.of(E, who.get(0), "EnergyTrace")))
          .as(who.get(0))
          .isEmpty();

      open("lang=en");
      assertThat(session.text("aud-denied"))
          .startsWith("Your role (" + who.get(2) + ") may not read the audit log.");
      assertThat(session.shown("aud-rows")).isFalse();
      // the API agrees
      SecuredService.Session s = svc.session(who.get(0), session.password());
      assertThat(svc.request(HttpMethod.GET, "/api/v1/audit", s).send().await().statusCode())
          .isEqualTo(403);
    }
  }
}
