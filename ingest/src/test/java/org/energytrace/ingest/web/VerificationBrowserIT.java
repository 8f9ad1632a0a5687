package org.energytrace.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.energytrace.ingest.auth.PgAccounts;
import org.energytrace.ingest.auth.Role;
import org.energytrace.ingest.config.IntegrityConfig;
import org.energytrace.ingest.fixtures.BrowserSession;
import org.energytrace.ingest.fixtures.PageChecks;
import org.energytrace.ingest.fixtures.SecuredService;
import org.energytrace.ingest.fixtures.TwoCarrierPlant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The verification page (/verification.html, issue 15) in headless Chromium: the enterprise's
 * administrator submits a baseline version, proposes a non-routine adjustment and submits a stored
 * resource baseline in the page; the assigned auditor approves them in the page, fetches the
 * period's dossier and signs the period off with its SHA-256; the sign-off shows its opinion and
 * hash, and a revised entry marks the resource baseline "to be re-verified" — in Vietnamese and
 * English, each state and figure equal to the API's. The enterprise's administrator also fits a new
 * baseline version in the page (its fit shown, the draft listed), an inverted period is refused
 * naming the field, and the enterprise's viewer and the auditor are offered no fit. Likewise the
 * enterprise's administrator stores a new lime baseline version in the page (its figures shown, the
 * draft listed under lime), an inverted period is refused naming the field with nothing stored, and
 * the viewer and the auditor are offered no such panel.
 *
 * <p>The plant ({@link TwoCarrierPlant}): 40 days of readings, the measure 14 days ago, version 1
 * of its EnPI baseline approved by another auditor; version 2 is fitted as a draft over the same
 * days; lime is used 40–44 kg a day, entered as usage.
 */
class VerificationBrowserIT {
  static final String S = UUID.randomUUID().toString().substring(0, 6);
  static final String E = "ver-" + S;
  static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
  static final LocalDate TODAY = LocalDate.now(ZONE);
  static final LocalDate FIRST = TODAY.minusDays(40);
  static final LocalDate MEASURE = TODAY.minusDays(14);
  static final LocalDate LAST = TODAY.minusDays(2);

  /** A day as a Vietnamese page writes it, in the API's messages too (07/11/2026). */
  static final DateTimeFormatter VI_DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

  static final String ENPI = TwoCarrierPlant.ENPI;
  static final String ADMIN = "ea-" + S;
  static final String AUDITOR = "au-" + S;
  static final String VIEWER = "ev-" + S;

  @TempDir static Path keys;
  @RegisterExtension static final BrowserSession session = new BrowserSession();
  static SecuredService svc;
  static ChromeDriver browser;
  static String token;

  @BeforeAll
  static void start() throws Exception {
    // days are sealed at once (no grace), so the dossier of a period up to two days ago is ready
    svc =
        session.startService(
            c ->
                c.withIntegrity(
                    new IntegrityConfig(
                        Duration.ZERO, Duration.ofHours(1), keys.resolve("key.pem"))));
    new TwoCarrierPlant(E, ZONE, FIRST, MEASURE)
        .create(svc.db, svc.app.httpPort(), Instant.now(), 0.1);
    token = svc.access.systemAdminToken();
    svc.ok(
        HttpMethod.PUT,
        "/api/v1/programme/facilities/" + E,
        token,
        new JsonObject()
            .put("legal_name_vi", "Công ty Bia Xác Minh")
            .put("vsic", "1103")
            .put("district", "Thủ Dầu Một"));
    call(
        HttpMethod.POST,
        "/enpis/" + ENPI + "/baselines",
        new JsonObject()
            .put("from", FIRST.toString())
            .put("to", MEASURE.minusDays(1).toString())
            .put("model", "ols"));
    call(
        HttpMethod.PUT,
        "/resources/lime",
        new JsonObject()
            .put("site", TwoCarrierPlant.SITE)
            .put("kind", "material")
            .put("unit", "kg"));
    JsonArray entries = new JsonArray();
    int i = 0;
    for (LocalDate d = FIRST; !d.isAfter(LAST); d = d.plusDays(1), i++) {
      entries.add(
          new JsonObject()
              .put("type", "usage")
              .put("day", d.toString())
              .put("quantity", 40 + i % 5));
    }
    call(HttpMethod.POST, "/resources/lime/entries", new JsonObject().put("entries", entries));
    call(
        HttpMethod.POST,
        "/resources/lime/baselines",
        new JsonObject()
            .put("product", "lager")
            .put("from", FIRST.toString())
            .put("to", MEASURE.minusDays(1).toString())
            .put("model", "ratio"));
    session.account(ADMIN, Role.ENTERPRISE_ADMIN, E);
    session.account(VIEWER, Role.ENTERPRISE_VIEWER, E);
    session.account(
        AUDITOR,
        Role.AUDITOR,
        null,
        List.of(new PgAccounts.Assignment(E, Instant.now().plus(Duration.ofDays(1)))));
    browser = session.open("--lang=vi-VN", "--window-size=1366,768");
  }

  static JsonObject call(HttpMethod method, String path, JsonObject body) {
    return new JsonObject(
        svc.ok(method, "/api/v1/enterprises/" + E + path, token, body).bodyAsString());
  }

  static JsonObject get(String path) throws Exception {
    return call(HttpMethod.GET, path, null);
  }

  static JsonObject baseline(int version) throws Exception {
    for (Object o : get("/enpis/" + ENPI + "/baselines").getJsonArray("baselines")) {
      JsonObject b = (JsonObject) o;
      if (b.getInteger("version") == version) {
        return b;
      }
    }
    throw new AssertionError("no baseline version " + version);
  }

  static JsonObject resourceBaseline(int version) throws Exception {
    for (Object o : get("/resources/lime/baselines").getJsonArray("baselines")) {
      JsonObject b = (JsonObject) o;
      if (b.getInteger("version") == version) {
        return b;
      }
    }
    throw new AssertionError("no lime baseline version " + version);
  }

  static boolean present(String id) {
    return !browser.findElements(By.id(id)).isEmpty();
  }

  /** Types into an element found again each time (the tables re-render under the reader). */
  static void type(String id, String value) {
    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions()
        .until(
            () -> {
              browser.findElement(By.id(id)).clear();
              browser.findElement(By.id(id)).sendKeys(value);
              return value.equals(browser.findElement(By.id(id)).getAttribute("value"));
            });
  }

  static void click(String id) {
    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions()
        .until(
            () -> {
              browser.findElement(By.id(id)).click();
              return true;
            });
  }

  /** Sets an input (a date) as the reader would, with its change event. */
  static void set(String id, String value) {
    session.js(
        "const e = document.getElementById('"
            + id
            + "'); e.value = '"
            + value
            + "'; e.dispatchEvent(new Event('change'));");
  }

  static void open(String lang) {
    browser.get(session.url("/verification.html?lang=" + lang + "&enterprise=" + E));
    await().atMost(Duration.ofSeconds(20)).until(() -> present("bl-2") && present("rb-lime-1"));
  }

  /**
   * Proper names and what people typed, shown as typed: codes, account and token names, and the
   * fixture's English comments on version 1 (the page translates labels, not what users wrote).
   */
  List<String> allowed(String user) throws Exception {
    JsonObject v1 = baseline(1);
    return List.of(
        v1.getString("submit_comment"),
        v1.getString("opinion"),
        v1.getString("submitted_by"),
        v1.getString("approved_by"),
        v1.getString("created_by"),
        baseline(2).getString("created_by"),
        resourceBaseline(1).getString("created_by"),
        E,
        ENPI,
        "Plant energy per hl (electricity + gas)",
        user,
        "auditor-" + E,
        "test-system_admin",
        "EnergyTrace",
        "lime",
        "lager",
        "ols",
        "ratio");
  }

  @Test
  void theEnterpriseSubmitsTheAuditorApprovesAndSignsOffThePeriodWithTheDossiersHash()
      throws Exception {
    // ---- the enterprise's administrator: submits version 2, proposes an adjustment, submits
    // the lime baseline; no auditor's step is offered
    session.signIn(ADMIN);
    open("vi");
    // on a phone the page scrolls only downwards (its SHA-256 field and the EnPI's list made it
    // 516 px wide at 390)
    browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
    try {
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () ->
                  assertThat(
                          session.js(
                              "const d = document.documentElement;"
                                  + " return d.scrollWidth - d.clientWidth;"))
                      .as(
                          "sideways scroll at 390 px, past the edge: %s",
                          session.js(
                              "const w = document.documentElement.clientWidth;"
                                  + " return [...document.querySelectorAll('main *')]"
                                  + ".filter(e => e.getBoundingClientRect().right > w + 0.5)"
                                  + ".slice(0, 8).map(e => e.tagName + '#' + e.id + '.'"
                                  + " + e.className + ' ' + Math.round(e.getBoundingClientRect()"
                                  + ".right)).join(', ');"))
                      .isEqualTo(0L));
    } finally {
      browser.manage().window().setSize(new org.openqa.selenium.Dimension(1366, 768));
    }
    assertThat(session.text("bl-2")).contains("bản nháp");
    assertThat(session.text("bl-1"))
        .contains("đã phê duyệt")
        .contains(baseline(1).getString("approved_by"));
    assertThat(present("bl-2-approve")).isFalse();
    assertThat(browser.findElement(By.id("so-form")).isDisplayed()).isFalse();
    // the enterprise's header links its own work, not the programme's (docs/dashboards.md)
    assertThat(
            browser.findElements(By.cssSelector("header nav a")).stream()
                .map(a -> a.getDomAttribute("href"))
                .toList())
        .contains("/verification.html?enterprise=" + E, "/reporting.html", "/cp-assessments.html")
        .doesNotContain("/programme.html", "/cp-edit.html");
    type("bl-2-text", "Mô hình OLS trên cùng các ngày trước giải pháp.");
    click("bl-2-submit");
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> session.text("bl-2").contains("đã gửi duyệt"));
    JsonObject submitted = baseline(2);
    assertThat(submitted.getString("status")).isEqualTo("submitted");
    assertThat(submitted.getString("submit_comment"))
        .isEqualTo("Mô hình OLS trên cùng các ngày trước giải pháp.");
    assertThat(session.text("bl-2"))
        .contains(submitted.getString("submit_comment"))
        .contains(ADMIN);

    set("adj-from", MEASURE.toString());
    set("adj-to", MEASURE.plusDays(6).toString());
    session.js("const m = document.getElementById('adj-method'); m.value = 'fixed_per_day';");
    type("adj-value", "50");
    type("adj-justification", "Ca làm thêm thứ Bảy trong tuần đầu.");
    click("adj-submit");
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> session.text("adj-result").contains("Đã gửi"));
    JsonObject adjustment =
        get("/enpis/" + ENPI + "/adjustments").getJsonArray("adjustments").getJsonObject(0);
    long adj = adjustment.getLong("id");
    assertThat(adjustment.getString("status")).isEqualTo("proposed");
    assertThat(adjustment.getDouble("value")).isEqualTo(50.0);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> session.text("adj-" + adj).contains("đề xuất"));
    assertThat(session.text("adj-" + adj)).contains("cố định mỗi ngày").contains("50");
    // a field the browser stops (a negative standard error): "Đã gửi đề xuất số …" of the earlier
    // proposal stood beside it as if this one had gone
    type("adj-stderror", "-1");
    click("adj-submit");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> session.text("adj-result").startsWith("Chưa gửi"));
    assertThat(session.text("adj-result")).doesNotContain("Đã gửi");
    assertThat(get("/enpis/" + ENPI + "/adjustments").getJsonArray("adjustments")).hasSize(1);
    type("adj-stderror", "");

    assertThat(session.text("rb-lime-1")).contains("bản nháp");
    click("rb-lime-1-submit");
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> session.text("rb-lime-1").contains("đã gửi duyệt"));
    assertThat(resourceBaseline(1).getString("status")).isEqualTo("submitted");
    assertThat(PageChecks.englishInVietnamese(browser, allowed(ADMIN))).isEmpty();

    // ---- the assigned auditor: approves in the page, a return without comments is named
    session.signIn(AUDITOR);
    open("vi");
    assertThat(present("bl-2-submit")).isFalse();
    assertThat(browser.findElement(By.id("adj-form")).isDisplayed()).isFalse();
    click("bl-2-return");
    await().atMost(Duration.ofSeconds(5)).until(() -> session.text("message").contains("comments"));
    assertThat(baseline(2).getString("status")).isEqualTo("submitted");
    type("bl-2-text", "Mô hình hợp lệ, đủ ngày.");
    click("bl-2-approve");
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> session.text("bl-2").contains("đã phê duyệt"));
    JsonObject approved = baseline(2);
    assertThat(approved.getString("status")).isEqualTo("approved");
    assertThat(approved.getString("approved_by_role")).isEqualTo("auditor");
    assertThat(approved.getString("opinion")).isEqualTo("Mô hình hợp lệ, đủ ngày.");
    assertThat(session.text("bl-2"))
        .contains(approved.getString("opinion"))
        .contains(approved.getString("approved_by"));
    assertThat(baseline(1).getString("status")).isEqualTo("superseded");
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> session.text("bl-1").contains("đã được thay thế"));

    click("adj-" + adj + "-approve");
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> session.text("adj-" + adj).contains("đã phê duyệt"));
    assertThat(get("/enpis/" + ENPI + "/adjustments").getJsonArray("adjustments"))
        .anyMatch(a -> ((JsonObject) a).getString("status").equals("approved"));

    type("rb-lime-1-text", "Kỳ cơ sở đủ dữ liệu.");
    click("rb-lime-1-approve");
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> session.text("rb-lime-1").contains("đã phê duyệt"));
    assertThat(resourceBaseline(1).getString("status")).isEqualTo("approved");

    // the sign-off: a hash the server never issued is refused naming the field
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> "2".equals(session.js("return document.getElementById('p-baseline').value;")));
    // the version selector follows a language switch, keeping the version chosen (it kept the
    // language the page opened in)
    String shown = "return document.getElementById('p-baseline').selectedOptions[0].text;";
    assertThat(session.js(shown)).isEqualTo("v2 · đã phê duyệt");
    browser.findElement(By.id("lang-switch")).click();
    await().atMost(Duration.ofSeconds(10)).until(() -> "v2 · approved".equals(session.js(shown)));
    browser.findElement(By.id("lang-switch")).click();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> "v2 · đã phê duyệt".equals(session.js(shown)));
    set("p-from", MEASURE.toString());
    set("p-to", LAST.toString());
    click("so-submit");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> session.text("so-result").contains("dossier_sha256"));
    assertThat(get("/enpis/" + ENPI + "/signoffs").getJsonArray("signoffs")).isEmpty();
    // the period's dossier, fetched by the page, and its SHA-256 computed there
    click("so-fetch");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                String.valueOf(session.js("return document.getElementById('so-hash').value;"))
                    .matches("[0-9a-f]{64}"));
    String hash = String.valueOf(session.js("return document.getElementById('so-hash').value;"));
    session.js(
        "const o = document.getElementById('so-opinion'); o.value ="
            + " 'verified_with_reservations';");
    type("so-comments", "Điều chỉnh giờ vận hành cần thêm chứng từ.");
    click("so-submit");
    await().atMost(Duration.ofSeconds(15)).until(() -> session.text("so-result").contains("Đã ký"));
    JsonArray list = get("/enpis/" + ENPI + "/signoffs").getJsonArray("signoffs");
    assertThat(list).hasSize(1);
    JsonObject so = list.getJsonObject(0);
    assertThat(so.getString("dossier_sha256")).isEqualTo(hash);
    assertThat(so.getString("opinion")).isEqualTo("verified_with_reservations");
    assertThat(so.getInteger("baseline_version")).isEqualTo(2);
    assertThat(so.getString("from")).isEqualTo(MEASURE.toString());
    assertThat(so.getString("to")).isEqualTo(LAST.toString());
    long id = so.getLong("id");
    await().atMost(Duration.ofSeconds(10)).until(() -> present("so-" + id));
    assertThat(session.text("so-" + id))
        .contains("xác nhận có bảo lưu")
        .contains("Điều chỉnh giờ vận hành cần thêm chứng từ.")
        .contains(
            so.getString("signed_by_account") != null
                ? so.getString("signed_by_account")
                : so.getString("signed_by"))
        .contains("hiện hành");
    assertThat(session.text("so-" + id + "-sha")).isEqualTo(hash);
    // the period's saving as the savings API says it: verified
    JsonObject savings =
        get("/enpis/" + ENPI + "/savings?baseline=2&from=" + MEASURE + "&to=" + LAST);
    assertThat(savings.getJsonObject("verification").getString("status")).isEqualTo("verified");
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> session.text("period-state").contains("đã xác minh"));
    // the dossier's hash is shown too: its hex letters may spell an English word ("be", "add")
    List<String> allowedWithHash = new java.util.ArrayList<>(allowed(AUDITOR));
    allowedWithHash.add(hash);
    assertThat(PageChecks.englishInVietnamese(browser, allowedWithHash)).isEmpty();

    // ---- an audited revision of a lime entry of the approved period: to be re-verified
    call(
        HttpMethod.POST,
        "/resources/lime/entries",
        new JsonObject()
            .put("reason", "phiếu xuất kho bị sót")
            .put(
                "entries",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("type", "usage")
                            .put("day", FIRST.plusDays(3).toString())
                            .put("quantity", 55))));
    JsonObject indicator =
        get("/resources/lime/indicator?baseline=1&from=" + MEASURE + "&to=" + TODAY.minusDays(1));
    assertThat(indicator.getJsonObject("stored_baseline").getBoolean("to_be_reverified")).isTrue();

    open("en");
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> session.text("rb-lime-1-mark").contains("to be re-verified"));
    assertThat(session.text("rb-lime-1")).contains("approved").contains("phiếu xuất kho bị sót");
    assertThat(session.text("bl-2"))
        .contains("approved")
        .contains(approved.getString("approved_by"));
    assertThat(session.text("bl-1")).contains("superseded");
    assertThat(session.text("adj-" + adj)).contains("approved").contains("fixed per day");
    assertThat(session.text("so-" + id)).contains("verified with reservations").contains("current");
    assertThat(session.text("so-" + id + "-sha")).isEqualTo(hash);
    // opened again, the period shown is the signed one, verified as the savings API says
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> session.text("period-state").contains("Period status: verified"));
    // the figures the auditor signs, beside the status (the page showed the status only)
    JsonObject split = savings.getJsonObject("savings_split");
    String unit = savings.getJsonObject("reporting_period").getString("energy_unit");
    java.text.NumberFormat en = java.text.NumberFormat.getIntegerInstance(java.util.Locale.ENGLISH);
    assertThat(session.text("period-savings"))
        .startsWith(
            "Savings of the period: "
                + en.format(Math.round(split.getDouble("savings")))
                + " "
                + unit)
        .contains("90 % confidence band " + en.format(Math.round(split.getDouble("savings_low"))))
        .contains(
            "adjusted baseline " + en.format(Math.round(split.getDouble("adjusted_baseline"))));
    assertThat(session.js("return document.getElementById('p-from').value;"))
        .isEqualTo(MEASURE.toString());
    assertThat(session.js("return document.getElementById('p-to').value;"))
        .isEqualTo(LAST.toString());
    assertThat(browser.findElement(By.id("dossier-en")).getAttribute("href"))
        .endsWith(
            "/enpis/" + ENPI + "/dossier?from=" + MEASURE + "&to=" + LAST + "&lang=en&baseline=2");

    // ---- a CT ratio change in the signed period, recorded after the dossier: the sign-off is to
    // be re-verified, and its line says which kind of counter event it was
    Instant ct = MEASURE.plusDays(3).atTime(6, 0).atZone(ZONE).toInstant();
    call(
        HttpMethod.POST,
        "/meters/main-em/channels/E/counter-events",
        new JsonObject()
            .put("ts", ct.toString())
            .put("kind", "multiplier_change")
            .put("register_value", registerAt(ct))
            .put("multiplier", 2));
    open("en");
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> session.text("so-" + id + "-why").contains("counter event"));
    assertThat(session.text("so-" + id + "-why"))
        .contains("a counter event (multiplier change) of main-em/E at")
        .contains("after the dossier");
  }

  /** A register value of main-em/E at {@code ts}: halfway between the readings around it. */
  static double registerAt(Instant ts) throws Exception {
    try (Connection c = svc.db.connect();
        PreparedStatement st =
            c.prepareStatement(
                "SELECT (SELECT value FROM reading r WHERE r.channel_id = ch.channel_id"
                    + " AND r.ts < ? ORDER BY r.ts DESC LIMIT 1),"
                    + " (SELECT value FROM reading r WHERE r.channel_id = ch.channel_id"
                    + " AND r.ts > ? ORDER BY r.ts LIMIT 1)"
                    + " FROM channel ch JOIN meter m USING (meter_id)"
                    + " WHERE m.code = 'main-em' AND ch.name = 'E'")) {
      st.setObject(1, OffsetDateTime.ofInstant(ts, ZoneOffset.UTC));
      st.setObject(2, OffsetDateTime.ofInstant(ts, ZoneOffset.UTC));
      try (ResultSet rs = st.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return (rs.getDouble(1) + rs.getDouble(2)) / 2;
      }
    }
  }

  static JsonObject newest() throws Exception {
    JsonObject max = null;
    for (Object o : get("/enpis/" + ENPI + "/baselines").getJsonArray("baselines")) {
      JsonObject b = (JsonObject) o;
      if (max == null || b.getInteger("version") > max.getInteger("version")) {
        max = b;
      }
    }
    return max;
  }

  /** The fit's figures as the page shows them, parsed (either language's decimal mark). */
  static void assertFigures(String shown, JsonObject stats) {
    Matcher m =
        Pattern.compile(
                "n = (\\d+) · R² = ([-−\\d.,]+) · CV\\(RMSE\\) = ([-−\\d.,]+) % · NMBE = ([-−\\d.,]+) %")
            .matcher(shown);
    assertThat(m.find()).as("figures in '%s'", shown).isTrue();
    assertThat(Integer.parseInt(m.group(1))).isEqualTo(stats.getInteger("n"));
    assertThat(number(m.group(2))).isCloseTo(stats.getDouble("r2"), within(0.0006));
    assertThat(number(m.group(3))).isCloseTo(stats.getDouble("cv_rmse") * 100, within(0.06));
    assertThat(number(m.group(4))).isCloseTo(stats.getDouble("nmbe") * 100, within(0.006));
  }

  static double number(String shown) {
    String s = shown.replace('−', '-');
    // one decimal mark at most in these figures (no thousands)
    return Double.parseDouble(s.replace(',', '.'));
  }

  @Test
  void theEnterprisesAdministratorFitsANewBaselineInThePageAndAnInvertedPeriodIsRefused()
      throws Exception {
    session.signIn(ADMIN);
    open("vi");
    // the company by its registry name, as the overview and trends title it (it showed the code)
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> session.text("enterprise-name").equals("– Công ty Bia Xác Minh (" + E + ")"));
    assertThat(browser.findElement(By.id("fit-form")).isDisplayed()).isTrue();
    assertThat(session.text("fit-form")).contains("Xây dựng đường cơ sở mới").contains("Kỳ cơ sở");
    int before = newest().getInteger("version");
    set("fit-from", FIRST.toString());
    set("fit-to", MEASURE.minusDays(1).toString());
    session.js("document.getElementById('fit-model').value = 'ols';");
    click("fit-submit");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> session.text("fit-version").contains("bản nháp"));
    JsonObject fitted = newest();
    int v = fitted.getInteger("version");
    assertThat(v).isEqualTo(before + 1);
    assertThat(fitted.getString("status")).isEqualTo("draft");
    assertThat(fitted.getString("model")).isEqualTo("ols");
    assertThat(fitted.getString("from")).isEqualTo(FIRST.toString());
    assertThat(fitted.getString("to")).isEqualTo(MEASURE.minusDays(1).toString());
    assertThat(fitted.getString("created_by")).isEqualTo(ADMIN);
    JsonObject fit = fitted.getJsonObject("fit");
    JsonObject stats = fit.getJsonObject("fit");
    JsonObject validity = fit.getJsonObject("validity");
    assertThat(session.text("fit-version"))
        .contains("Đã lập phiên bản " + v)
        .contains("hồi quy tuyến tính (OLS)");
    assertThat(fit.getString("form")).isEqualTo("ols");
    assertFigures(session.text("fit-figures"), stats);
    if (validity.getBoolean("valid")) {
      assertThat(session.text("fit-validity")).isEqualTo("đạt mọi quy tắc hợp lệ");
    } else {
      assertThat(session.text("fit-validity")).startsWith("không đạt quy tắc hợp lệ: ");
      // 26 days: less than a year of baseline data, said in Vietnamese
      assertThat(validity.getBoolean("data_sufficient")).isFalse();
      assertThat(session.text("fit-validity"))
          .contains("dữ liệu cơ sở chưa đủ (cần một năm, thiếu không quá 10 %)");
    }
    // the list shows the new draft with the same figures, and offers to submit it
    await().atMost(Duration.ofSeconds(15)).until(() -> present("bl-" + v));
    assertThat(session.text("bl-" + v))
        .contains("v" + v)
        .contains("bản nháp")
        .contains(ADMIN)
        // the model in words (the table showed "ols")
        .contains("hồi quy tuyến tính (OLS)");
    assertFigures(session.text("bl-" + v + "-fit"), stats);
    assertThat(browser.findElement(By.id("bl-" + v + "-submit")).isDisplayed()).isTrue();
    List<String> allowed = new java.util.ArrayList<>(allowed(ADMIN));
    allowed.add(fit.getString("form"));
    assertThat(PageChecks.englishInVietnamese(browser, allowed)).isEmpty();

    // an inverted period: refused, the API's message naming the field; nothing stored
    set("fit-from", MEASURE.minusDays(1).toString());
    set("fit-to", FIRST.toString());
    click("fit-submit");
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> session.text("fit-error").startsWith("Yêu cầu không hợp lệ: đến ngày (to): "));
    // in Vietnamese, the API's "must not be before from (…), got …" too
    assertThat(session.text("fit-error"))
        .contains(VI_DAY.format(FIRST))
        .contains("không được trước từ ngày (" + VI_DAY.format(MEASURE.minusDays(1)) + ")")
        .doesNotContain("before");
    assertThat(present("fit-version")).isFalse();
    assertThat(newest().getInteger("version")).isEqualTo(v);

    // in English: the panel's labels, the list's figures
    open("en");
    assertThat(session.text("fit-form")).contains("Fit a new baseline").contains("Baseline period");
    assertFigures(session.text("bl-" + v + "-fit"), stats);

    // the enterprise's viewer and the auditor see no fit
    for (String user : List.of(VIEWER, AUDITOR)) {
      session.signIn(user);
      open("vi");
      await().atMost(Duration.ofSeconds(15)).until(() -> present("bl-" + v));
      assertThat(browser.findElement(By.id("fit-form")).isDisplayed()).as(user).isFalse();
      assertThat(browser.findElement(By.tagName("main")).getText())
          .as(user)
          .doesNotContain("Xây dựng đường cơ sở mới")
          .doesNotContain("Khớp mô hình");
      assertThat(present("bl-" + v + "-submit")).as(user).isFalse();
    }
  }

  static JsonObject newestLime() throws Exception {
    JsonObject max = null;
    for (Object o : get("/resources/lime/baselines").getJsonArray("baselines")) {
      JsonObject b = (JsonObject) o;
      if (max == null || b.getInteger("version") > max.getInteger("version")) {
        max = b;
      }
    }
    return max;
  }

  /** A number as the page shows it in {@code lang} (vi: "." groups thousands, "," is decimal). */
  static double shown(String text, String lang) {
    String s = text.replace('−', '-');
    s = "vi".equals(lang) ? s.replace(".", "").replace(',', '.') : s.replace(",", "");
    return Double.parseDouble(s);
  }

  /** The stored version's figures as the panel shows them; the baseline use as shown. */
  static String assertResourceFigures(String shown, JsonObject fit, String lang) {
    Matcher m =
        Pattern.compile(
                "([-−\\d.,]+) (\\S+) · (\\d+) \\S+ · R² = ([-−\\d.,]+) · CV\\(RMSE\\) = ([-−\\d.,]+) %")
            .matcher(shown);
    assertThat(m.find()).as("figures in '%s'", shown).isTrue();
    assertThat(shown(m.group(1), lang)).isCloseTo(fit.getDouble("baseline_sec"), within(0.00006));
    assertThat(Integer.parseInt(m.group(3))).isEqualTo(fit.getInteger("periods"));
    assertThat(shown(m.group(4), lang)).isCloseTo(fit.getDouble("r2"), within(0.0006));
    assertThat(shown(m.group(5), lang)).isCloseTo(fit.getDouble("cv_rmse") * 100, within(0.06));
    return m.group(1) + " " + m.group(2);
  }

  @Test
  void theEnterprisesAdministratorStoresAResourceBaselineInThePageAndAnInvertedPeriodIsRefused()
      throws Exception {
    session.signIn(ADMIN);
    open("vi");
    assertThat(browser.findElement(By.id("rfit-form")).isDisplayed()).isTrue();
    assertThat(session.text("rfit-form"))
        .contains("Lưu đường cơ sở tài nguyên mới")
        .contains("Tài nguyên")
        .contains("Sản phẩm");
    // the enterprise's resource and products to choose from
    assertThat(session.text("rfit-resource")).contains("lime");
    assertThat(session.text("rfit-product")).contains("lager").contains("stout");
    int before = newestLime().getInteger("version");
    session.js("document.getElementById('rfit-resource').value = 'lime';");
    session.js("document.getElementById('rfit-product').value = 'lager';");
    set("rfit-from", FIRST.toString());
    set("rfit-to", MEASURE.minusDays(1).toString());
    session.js("document.getElementById('rfit-model').value = 'ols';");
    click("rfit-submit");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> present("rfit-version") && session.text("rfit-version").contains("bản nháp"));
    JsonObject stored = newestLime();
    int v = stored.getInteger("version");
    assertThat(v).isEqualTo(before + 1);
    assertThat(stored.getString("status")).isEqualTo("draft");
    assertThat(stored.getString("product")).isEqualTo("lager");
    assertThat(stored.getString("model")).isEqualTo("ols");
    assertThat(stored.getString("from")).isEqualTo(FIRST.toString());
    assertThat(stored.getString("to")).isEqualTo(MEASURE.minusDays(1).toString());
    assertThat(stored.getString("created_by")).isEqualTo(ADMIN);
    JsonObject fit = stored.getJsonObject("fit");
    // the model in words, as the EnPI's baseline list names it (it showed the code "ols")
    String form =
        switch (stored.getString("model_form")) {
          case "ols" -> "hồi quy tuyến tính (OLS)";
          case "ratio" -> "tỷ lệ theo sản lượng (ratio)";
          default -> stored.getString("model_form");
        };
    assertThat(session.text("rfit-version"))
        .contains("Đã lưu phiên bản " + v + " của lime theo sản phẩm lager")
        .contains("mô hình " + form);
    String sec = assertResourceFigures(session.text("rfit-figures"), fit, "vi");
    assertThat(session.text("rfit-figures")).startsWith("Suất tiêu hao cơ sở ");
    List<?> failed = fit.getJsonObject("verifiability").getJsonArray("failed_checks").getList();
    if (failed.isEmpty()) {
      assertThat(session.text("rfit-validity")).isEqualTo("đạt mọi quy tắc hợp lệ");
    } else {
      assertThat(session.text("rfit-validity")).startsWith("không đạt quy tắc hợp lệ: ");
    }
    // the list under lime shows the new draft with the same figures, and offers to submit it
    await().atMost(Duration.ofSeconds(15)).until(() -> present("rb-lime-" + v));
    assertThat(session.text("rb-lime-" + v))
        .contains("v" + v)
        .contains("lager")
        .contains("bản nháp")
        .contains(ADMIN)
        .contains(form + " · " + sec);
    assertThat(browser.findElement(By.id("rb-lime-" + v + "-submit")).isDisplayed()).isTrue();
    List<String> allowed = new java.util.ArrayList<>(allowed(ADMIN));
    allowed.add(stored.getString("model_form"));
    allowed.add("OLS");
    allowed.add("stout");
    assertThat(PageChecks.englishInVietnamese(browser, allowed)).isEmpty();

    // an inverted period: refused, the API's message naming the field; nothing stored
    set("rfit-from", MEASURE.minusDays(1).toString());
    set("rfit-to", FIRST.toString());
    click("rfit-submit");
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                present("rfit-error")
                    && session
                        .text("rfit-error")
                        .startsWith("Yêu cầu không hợp lệ: đến ngày (to): "));
    assertThat(session.text("rfit-error"))
        .contains(VI_DAY.format(MEASURE.minusDays(1)))
        .contains("không được trước từ ngày")
        .doesNotContain("before");
    assertThat(present("rfit-version")).isFalse();
    assertThat(newestLime().getInteger("version")).isEqualTo(v);

    // in English: the panel's labels, the list's figures
    open("en");
    assertThat(session.text("rfit-form"))
        .contains("Store a new resource baseline")
        .contains("Baseline period");
    await().atMost(Duration.ofSeconds(15)).until(() -> present("rb-lime-" + v));
    assertThat(session.text("rb-lime-" + v))
        .contains("draft")
        .contains("lager")
        .contains(
            switch (stored.getString("model_form")) {
              case "ols" -> "linear regression (OLS)";
              case "ratio" -> "ratio to production";
              default -> stored.getString("model_form");
            });

    // the enterprise's viewer and the auditor are offered no such panel
    for (String user : List.of(VIEWER, AUDITOR)) {
      session.signIn(user);
      open("vi");
      await().atMost(Duration.ofSeconds(15)).until(() -> present("rb-lime-" + v));
      assertThat(browser.findElement(By.id("rfit-form")).isDisplayed()).as(user).isFalse();
      assertThat(browser.findElement(By.tagName("main")).getText())
          .as(user)
          .doesNotContain("Lưu đường cơ sở tài nguyên mới")
          .doesNotContain("Lưu đường cơ sở");
      assertThat(present("rb-lime-" + v + "-submit")).as(user).isFalse();
    }
  }
}
