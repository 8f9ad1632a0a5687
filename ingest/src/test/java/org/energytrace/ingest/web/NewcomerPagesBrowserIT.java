package org.energytrace.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.energytrace.ingest.auth.Role;
import org.energytrace.ingest.fixtures.BrowserSession;
import org.energytrace.ingest.fixtures.PageChecks;
import org.energytrace.ingest.fixtures.SecuredService;
import org.energytrace.ingest.fixtures.TwoCarrierPlant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * What a newcomer meets on the pages (issue 13), in a real headless Chromium whose time zone is not
 * the site's and whose date differs from the site's: sign-in and back, the showcase list for an
 * administrator, every figure that two pages show read from both and compared, and the showcase's
 * "Power now" keeping every meter's last value.
 */
class NewcomerPagesBrowserIT {
  static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
  static final String PLANT = "first-" + SUFFIX;
  static final ZoneId SITE_ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
  static final AtomicLong SEQ = new AtomicLong(1_000_000);

  /**
   * A browser zone whose date differs from the site's now: 11 h behind UTC while the site's clock
   * is before 17:00 (its date is then a day ahead of Pago Pago's), else 14 h ahead (a day ahead of
   * the site's).
   */
  static final String BROWSER_ZONE =
      ZonedDateTime.now(SITE_ZONE).getHour() < 17 ? "Pacific/Pago_Pago" : "Pacific/Kiritimati";

  @RegisterExtension static final BrowserSession session = new BrowserSession();
  static SecuredService svc;
  static ChromeDriver browser;

  @BeforeAll
  static void start() throws Exception {
    svc = session.startService(BrowserSession::pricedDashboards);
    LocalDate today = LocalDate.now(SITE_ZONE);
    // closed on Sundays like the demo brewery: the baseline period has days without production
    new TwoCarrierPlant(PLANT, SITE_ZONE, today.minusDays(40), today.minusDays(14))
        .withSundaysOff()
        .create(svc.db, svc.app.httpPort(), Instant.now(), 0.10);
    session.account("viewer-" + SUFFIX, Role.ENTERPRISE_VIEWER, PLANT);
    session.account("admin-" + SUFFIX, Role.SYSTEM_ADMIN, null);

    // the browser's own zone, not the site's (Chromium reads TZ)
    browser = session.open(Map.of("TZ", BROWSER_ZONE), "--lang=vi-VN", "--window-size=1366,768");
  }

  /** A number as the Vietnamese page writes it (1.234,5), read back. */
  static double viNumber(String text) {
    return Double.parseDouble(text.replaceAll("[^0-9,\\-]", "").replace(',', '.'));
  }

  static JsonObject showcaseJson() throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            session.url("/api/v1/showcase/" + PLANT + "/" + TwoCarrierPlant.SITE)))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new JsonObject(r.body());
  }

  static void publishPower(String meter, double kw, Instant at) {
    svc.broker.publish(
        "et/v1/"
            + PLANT
            + "/"
            + TwoCarrierPlant.SITE
            + "/"
            + TwoCarrierPlant.GATEWAY
            + "/telemetry",
        """
        {"schema_version":1,"gateway":"%s","seq":%d,"sent_at":"%s","points":[
         {"meter":"%s","channel":"AcActivePowerTotal","ts":"%s","value":%s,"unit":"KWT","quality":"good"}]}
        """
            .formatted(
                TwoCarrierPlant.GATEWAY, SEQ.incrementAndGet(), Instant.now(), meter, at, kw));
  }

  @Test
  void aPageThatNeedsSignInSendsToTheSignInPageAndBackToTheSamePage() {
    browser.manage().deleteAllCookies();
    String page = "/trends.html?enterprise=" + PLANT;
    browser.get(session.url(page));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> browser.getCurrentUrl().contains("/login.html?next="));
    assertThat(browser.getCurrentUrl())
        .isEqualTo(session.url("/login.html?next=%2Ftrends.html%3Fenterprise%3D" + PLANT));
    session.signInOnThePage("viewer-" + SUFFIX);
    assertThat(browser.getCurrentUrl()).isEqualTo(session.url(page));
  }

  @Test
  void signingInNeverLeavesTheSiteWhateverNextSays() {
    // an open redirect would send a phished user, signed in, to another site
    for (String next :
        List.of(
            "//evil.example/x",
            "/%5Cevil.example/x",
            "https://evil.example/",
            "javascript:alert(1)",
            "/%09/evil.example")) {
      browser.manage().deleteAllCookies();
      browser.get(session.url("/login.html?next=" + next));
      session.signInOnThePage("viewer-" + SUFFIX);
      assertThat(browser.getCurrentUrl()).as(next).isEqualTo(session.url("/overview.html"));
    }
  }

  @Test
  void theShowcaseListsThePublishedSiteForAnAdministratorAsForAnyone() {
    browser.manage().deleteAllCookies();
    browser.get(session.url("/showcase.html"));
    await().atMost(Duration.ofSeconds(10)).until(() -> session.text("sites").contains(PLANT));
    // a visitor picks a plant by the names its story gives, its codes beside them
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> session.text("sites").contains("Nhà máy số 1 — Công ty Bia Thử nghiệm"));
    assertThat(session.text("sites")).contains("(" + PLANT + " / " + TwoCarrierPlant.SITE + ")");

    session.signIn("admin-" + SUFFIX);
    browser.get(session.url("/showcase.html"));
    await().atMost(Duration.ofSeconds(10)).until(() -> !session.text("sites").isEmpty());
    assertThat(session.text("sites")).contains(PLANT).doesNotContain("Chưa có nhà máy nào");
  }

  @Test
  void everyFigureTwoPagesShowIsTheSameOnBothInABrowserOfAnotherZone() throws Exception {
    // the browser's zone and date are not the site's: "yesterday" differs between them
    assertThat(session.js("return Intl.DateTimeFormat().resolvedOptions().timeZone;"))
        .isEqualTo(BROWSER_ZONE);
    String browserToday = String.valueOf(session.js("const d = new Date(); return d.getDate();"));
    assertThat(browserToday).isNotEqualTo(String.valueOf(LocalDate.now(SITE_ZONE).getDayOfMonth()));

    session.signIn("viewer-" + SUFFIX);
    browser.get(session.url("/overview.html?enterprise=" + PLANT));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                !session.textContent("kpi-savings").isEmpty()
                    && !session.text("kpi-sec-day-period").isEmpty());
    String savingsOverview = session.textContent("kpi-savings");
    String moneyOverview = session.textContent("kpi-money");
    double periodOverview = number(session.text("kpi-sec-day-period"));

    browser.get(session.url("/trends.html?enterprise=" + PLANT));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> session.text("sum-sec").contains("TB kỳ cơ sở"));
    double periodTrends = number(session.text("sum-sec").replaceAll(".*TB kỳ cơ sở: ", ""));
    Object trendsTo = session.js("return document.getElementById('to').value;");
    // the period's SEC is its total energy over its total production, as the overview and the
    // baseline line count it (it was the plain mean of the daily SECs, without the days without
    // production); the days with incomplete data (today) are left out
    double secTrends = number(session.text("sum-sec").replaceAll("^.*?\\) ([0-9.,]+) .*$", "$1"));
    double secApi =
        ((Number)
                browser.executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                        + " const e = encodeURIComponent(arguments[0]);"
                        + " const from = document.getElementById('from').value,"
                        + " to = document.getElementById('to').value;"
                        + " fetch('/api/v1/enterprises/' + e + '/overview').then(r => r.json())"
                        + ".then(o => fetch('/api/v1/enterprises/' + e + '/enpis/'"
                        + " + encodeURIComponent(o.enpis[0].enpi) + '/sec?bucket=day&from=' + from"
                        + " + '&to=' + to)).then(r => r.json()).then(s => {"
                        + " const d = s.points.filter(p => p.complete !== false);"
                        + " done(d.reduce((a, p) => a + (p.energy || 0), 0)"
                        + " / d.reduce((a, p) => a + (p.production || 0), 0)); })"
                        + ".catch(x => done(-1));",
                    PLANT))
            .doubleValue();
    assertThat(secTrends).as("the trends period's SEC").isCloseTo(secApi, within(0.0005));

    browser.manage().deleteAllCookies(); // the showcase as the public sees it
    browser.get(
        session.url("/showcase.html?enterprise=" + PLANT + "&site=" + TwoCarrierPlant.SITE));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !session.textContent("show-saved").equals("—"));
    String savingsShowcase = session.textContent("show-saved");
    // the exact amount is the first part of the line under the shortened one ("32,3 Tr ₫")
    String moneyShowcase = session.textContent("show-tariff").split(" · ")[0];

    // issue 13: 153 749 vs 159 759 MJ saved; 1.000 vs 0.95 MJ/pcs baseline period average
    assertThat(savingsShowcase).as("energy saved since the measure").isEqualTo(savingsOverview);
    assertThat(moneyShowcase).as("money saved").isEqualTo(moneyOverview).contains("₫");
    // the tariffs in the same currency symbol as the money (they said "VND/kWh" beside "₫")
    assertThat(session.textContent("show-tariff")).contains(" ₫/kWh").doesNotContain("VND");
    assertThat(periodTrends).as("baseline period average SEC").isEqualTo(periodOverview);
    // the trends' default period ends on the site's today, not the browser's
    assertThat(trendsTo).isEqualTo(LocalDate.now(SITE_ZONE).toString());
  }

  @Test
  void theTrendsPeriodStartsAtTheSitesMidnightAndItsTimeAxisReadsTheSitesClock() {
    session.signIn("viewer-" + SUFFIX);
    LocalDate from = LocalDate.now(SITE_ZONE).minusDays(3);
    browser.get(
        session.url(
            "/trends.html?enterprise="
                + PLANT
                + "&meter=main-em&from="
                + from
                + "&to="
                + from.plusDays(1)));
    await().atMost(Duration.ofSeconds(30)).until(() -> !session.text("sum-a").isEmpty());
    // the plant reads its meters at 00:00, 06:00, 12:00 and 18:00 site time: the first hour of
    // the period is the site's midnight, drawn at 00:00 on the axis (ECharts in UTC over
    // instants moved by the site's offset), whatever the browser's zone
    Object first =
        session.js(
            "const o = echarts.getInstanceByDom(document.getElementById('chart-a')).getOption();"
                + " return [o.useUTC, o.series[0].data[0][0]];");
    assertThat(first)
        .isEqualTo(
            List.of(true, from.atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toEpochMilli()));
  }

  @Test
  void powerNowKeepsEveryMetersLastValueAndNamesTheStaleOnes() throws Exception {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    publishPower("press-em", 40, now.minusSeconds(2));
    publishPower("pump-em", 25, now.minusSeconds(2));
    // a meter last heard half an hour ago: its value counts, marked stale with its age
    publishPower("old-em", 10, now.minus(Duration.ofMinutes(30)));
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> showcaseJson().getJsonArray("power_meters").size() >= 4);
    double before = showcaseJson().getDouble("power_kw");

    browser.manage().deleteAllCookies();
    browser.get(
        session.url("/showcase.html?enterprise=" + PLANT + "&site=" + TwoCarrierPlant.SITE));
    await().atMost(Duration.ofSeconds(15)).until(() -> shownPower() != null);
    assertThat(shownPower()).isCloseTo(before, org.assertj.core.data.Offset.offset(0.001));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                "live"
                    .equals(
                        session.js("return document.getElementById('live-state').dataset.state;")));

    // one meter reports: the total is every meter's last value with this one's new value (the old
    // page summed only the meters heard since its last reload: 50 kW)
    publishPower("press-em", 50, Instant.now());
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(shownPower())
                    .isCloseTo(before - 40 + 50, org.assertj.core.data.Offset.offset(0.001)));
    String stale =
        String.valueOf(
            session.js("return document.getElementById('show-power-note').dataset.stale;"));
    assertThat(List.of(stale.split(","))).contains("old-em").doesNotContain("press-em", "pump-em");
    assertThat(session.textContent("show-power-note")).contains("old-em (30 phút trước)");
  }

  /**
   * Proper names and codes a Vietnamese page shows as they are: the plant's enterprise, site, meter
   * and channel codes, the account's name, the EnPI name the enterprise typed (in English), the
   * product name and the API's endpoint names on the live page.
   */
  static final List<String> PROPER_NAMES =
      List.of(
          "Plant energy per hl (electricity + gas)",
          PLANT,
          "viewer-" + SUFFIX,
          TwoCarrierPlant.SITE,
          "main-em",
          "boiler-gas",
          "press-em",
          "pump-em",
          "old-em",
          "AcActivePowerTotal",
          "GasVolumeTotal",
          "EnergyTrace",
          "openapi.yaml",
          "quarantine",
          "health",
          "Server-Sent Events",
          "/api/v1/live");

  @Test
  void noNumberWrapsInsideItselfAndNoEnglishIsLeftOnAVietnamesePage() throws Exception {
    session.signIn("viewer-" + SUFFIX);
    List<String> problems = new ArrayList<>();
    for (String lang : List.of("en", "vi")) {
      for (Dimension size : List.of(new Dimension(1366, 768), new Dimension(800, 1280))) {
        browser.manage().window().setSize(size);
        for (String page :
            List.of(
                "/overview.html?enterprise=" + PLANT,
                "/trends.html?enterprise=" + PLANT + "&meter=main-em",
                "/meter.html?enterprise=" + PLANT + "&meter=main-em",
                "/showcase.html?enterprise=" + PLANT + "&site=" + TwoCarrierPlant.SITE,
                "/showcase.html",
                "/",
                // a viewer does not manage API tokens: the page says so
                "/tokens.html",
                // nor read the audit log: the page says so
                "/audit.html",
                // a viewer changes only their own password there: the page says so
                "/accounts.html",
                // a viewer reads the refused messages, without actions
                "/quarantine.html",
                "/login.html")) {
          browser.get(session.url(page + (page.contains("?") ? "&" : "?") + "lang=" + lang));
          String where = page + " (" + lang + ", " + size.getWidth() + "px): ";
          awaitLoaded(page);
          int panels = page.startsWith("/showcase.html?") ? 3 : 1;
          if (panels > 1) {
            session.js("document.getElementById('pause').click()");
          }
          for (int panel = 0; panel < panels; panel++) {
            PageChecks.numbersWrappingInsideThemselves(browser)
                .forEach(p -> problems.add(where + p));
            PageChecks.chartTextsCutOff(browser).forEach(p -> problems.add(where + p));
            if (lang.equals("vi")) {
              PageChecks.englishInVietnamese(browser, PROPER_NAMES)
                  .forEach(p -> problems.add(where + p));
            }
            if (panels > 1) {
              session.js("document.getElementById('next').click()");
            }
          }
          if (page.startsWith("/trends") || page.startsWith("/overview")) {
            fullPageScreenshot(
                page.substring(1, page.indexOf('.')) + "-first-" + lang + "-" + size.getWidth());
            browser.manage().window().setSize(size);
          }
        }
      }
    }
    browser.manage().window().setSize(new Dimension(1366, 768));
    assertThat(problems).isEmpty();
  }

  @Test
  void aPageOfAnotherRolesWorkSaysSoInsteadOfShowingFormsThatCanOnlyFail() {
    session.signIn("viewer-" + SUFFIX);
    for (String page : List.of("/programme.html", "/cp-edit.html")) {
      browser.get(session.url(page + "?lang=vi"));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> session.text("message").startsWith("Trang này không dành cho vai trò"));
      assertThat(session.text("message")).as(page).contains("(Người xem của doanh nghiệp)");
      // the title stays; no form, table or filter is shown
      assertThat(browser.findElement(By.tagName("h1")).isDisplayed()).isTrue();
      assertThat(browser.findElements(By.cssSelector("main form, main table, main select")))
          .as(page)
          .noneMatch(e -> e.isDisplayed());
    }
  }

  @Test
  void onANarrowScreenTheLinksStayInOneRowAndOnlyTheTableScrollsSideways() {
    session.signIn("viewer-" + SUFFIX);
    browser.manage().window().setSize(new Dimension(520, 900));
    try {
      browser.get(session.url("/overview.html?enterprise=" + PLANT + "&lang=vi"));
      awaitLoaded("/overview.html");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> browser.findElements(By.cssSelector("header#top nav a")).size() >= 5);
      // one row of links under the brand (it was a column as tall as the screen)
      List<?> tops =
          (List<?>)
              session.js(
                  "return [...document.querySelectorAll('header#top nav a')]"
                      + ".map(a => a.getBoundingClientRect().top);");
      assertThat(tops.stream().distinct()).hasSize(1);
      long header =
          ((Number) session.js("return document.getElementById('top').offsetHeight;")).longValue();
      long viewport = ((Number) session.js("return window.innerHeight;")).longValue();
      assertThat(header).isLessThan(viewport / 4);
      // the meters' table scrolls inside its card; the page itself does not scroll sideways
      assertThat(
              (Boolean)
                  session.js(
                      "return document.documentElement.scrollWidth"
                          + " <= document.documentElement.clientWidth;"))
          .isTrue();
    } finally {
      browser.manage().window().setSize(new Dimension(1366, 768));
    }
  }

  /** The whole page, for a person to look at (target/screenshots). */
  private static void fullPageScreenshot(String name) throws Exception {
    long height =
        ((Number) session.js("return document.documentElement.scrollHeight;")).longValue();
    Dimension size = browser.manage().window().getSize();
    browser.manage().window().setSize(new Dimension(size.getWidth(), (int) height + 120));
    session.js("window.dispatchEvent(new Event('resize'))");
    java.nio.file.Path shot =
        ((org.openqa.selenium.TakesScreenshot) browser)
            .getScreenshotAs(org.openqa.selenium.OutputType.FILE)
            .toPath();
    java.nio.file.Path dir = java.nio.file.Path.of("target", "screenshots");
    Files.createDirectories(dir);
    Files.copy(shot, dir.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  /** The element each page fills in once it shows its data, by the start of its path. */
  private static final Map<String, String> KEY_ELEMENTS = new LinkedHashMap<>();

  static {
    KEY_ELEMENTS.put("/overview", "kpi-money");
    KEY_ELEMENTS.put("/trends", "sum-prod");
    KEY_ELEMENTS.put("/meter", "channels");
    KEY_ELEMENTS.put("/showcase.html?", "show-saved");
    KEY_ELEMENTS.put("/showcase", "sites");
    // a viewer's answer on the pages of other roles' work
    KEY_ELEMENTS.put("/tokens", "tok-denied");
    KEY_ELEMENTS.put("/audit", "aud-denied");
    KEY_ELEMENTS.put("/accounts", "acc-denied");
    // a viewer reads the enterprise's refused messages (none here: the page says so)
    KEY_ELEMENTS.put("/quarantine", "qua-status-line");
  }

  /** The first key element whose path start {@code page} has; "/" alone is the live table. */
  private static String keyElement(String page) {
    if (page.equals("/")) {
      return "rows";
    }
    for (Map.Entry<String, String> e : KEY_ELEMENTS.entrySet()) {
      if (page.startsWith(e.getKey())) {
        return e.getValue();
      }
    }
    return null;
  }

  /** Waits until the page shows its data (the key element of each page filled in). */
  private static void awaitLoaded(String page) {
    String id = keyElement(page);
    if (id == null) {
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> !browser.findElements(By.id("username")).isEmpty());
      return;
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              String v = session.textContent(id).trim();
              return !v.isEmpty()
                  && !v.equals("—")
                  && (!id.equals("rows") || v.contains("main-em"))
                  && (!id.equals("sum-prod") || !session.textContent("sum-sec").isEmpty());
            });
  }

  private static Double shownPower() {
    Object v =
        session.js(
            "const e = document.getElementById('show-power'); return e.dataset.value || null;");
    return v == null ? null : Double.valueOf(v.toString());
  }

  private static final Pattern NUMBER = Pattern.compile("(-?[0-9.]+(?:,[0-9]+)?)");

  /** The first number of a Vietnamese text. */
  private static double number(String text) {
    Matcher m = NUMBER.matcher(text.replaceAll("^[^0-9-]*", ""));
    assertThat(m.find()).as(text).isTrue();
    return viNumber(m.group(1));
  }

  // ---- the CP programme page (issue 16) ----

  @Test
  void theProgrammePageShowsFacilitiesAndIndicatorsAgainstTargetsFilteredByDistrict()
      throws Exception {
    String token = svc.access.systemAdminToken();
    String[][] facilities = {
      {"prog-a-" + SUFFIX, "Bia Thủ Dầu Một", "1103", "Thủ Dầu Một"},
      {"prog-b-" + SUFFIX, "Giấy Thủ Dầu Một", "1701", "Thủ Dầu Một"},
      {"prog-c-" + SUFFIX, "Thép Dĩ An", "2410", "Dĩ An"}
    };
    for (String[] f : facilities) {
      svc.ok(
          HttpMethod.PUT,
          "/api/v1/programme/facilities/" + f[0],
          token,
          new JsonObject()
              .put("legal_name_vi", "Công ty " + f[1])
              .put("short_name", f[1])
              .put("vsic", f[2])
              .put("district", f[3]));
    }
    // a and b aware; a assessed with potential and applying; c not reached
    for (String e : List.of(facilities[0][0], facilities[1][0])) {
      svc.ok(
          HttpMethod.POST,
          "/api/v1/programme/facilities/" + e + "/cp-steps",
          token,
          new JsonObject()
              .put("stage", "aware")
              .put("date", "2026-01-10")
              .put("detail", "workshop"));
    }
    svc.ok(
        HttpMethod.POST,
        "/api/v1/programme/facilities/" + facilities[0][0] + "/cp-steps",
        token,
        new JsonObject().put("stage", "applying").put("date", "2026-03-01"));

    session.signIn("admin-" + SUFFIX);
    browser.get(session.url("/programme.html?lang=vi&as_of=2026-06-30"));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> browser.findElements(By.cssSelector("#facilities tr")).size() == 3);
    await().atMost(Duration.ofSeconds(10)).until(() -> session.text("ind-aware").contains("66,7"));
    // aware 2 of 3 = 66.7 % against a target of 90 %: the bar is 74 % full
    assertThat(session.text("ind-aware")).contains("2 trên 3").contains("mục tiêu 90%");
    assertThat(browser.findElement(By.cssSelector("#ind-aware .bar")).getAttribute("aria-valuenow"))
        .isEqualTo("74");
    assertThat(session.text("fac-prog-a-" + SUFFIX)).contains("đang áp dụng");
    assertThat(session.text("fac-prog-c-" + SUFFIX)).contains("chưa tiếp cận");
    List<String> names =
        List.of(
            "Thủ Dầu Một",
            "Dĩ An",
            "Bia",
            "Giấy",
            "Thép",
            "VSIC",
            "EnergyTrace",
            "admin-" + SUFFIX);
    assertThat(PageChecks.englishInVietnamese(browser, names)).isEmpty();
    assertThat(PageChecks.numbersWrappingInsideThemselves(browser)).isEmpty();

    // one district: its facilities, and its indicators computed over them only
    session.js(
        "const s = document.getElementById('f-district'); s.value = 'Thủ Dầu Một';"
            + " s.dispatchEvent(new Event('change'));");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> browser.findElements(By.cssSelector("#facilities tr")).size() == 2);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> session.text("ind-aware").contains("2 trên 2"));

    browser.get(session.url("/programme.html?lang=en&as_of=2026-06-30"));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> session.text("ind-aware").contains("Facilities aware of CP"));
    assertThat(session.text("ind-aware")).contains("2 of 3").contains("target 90%");
    assertThat(session.text("fac-prog-a-" + SUFFIX)).contains("applying");
  }

  // ---- the public CP section (issue 18) ----

  @Test
  void theCpSectionShowsWhatWasPublishedToAnyoneAndNothingElse() throws Exception {
    String token = svc.access.systemAdminToken();
    svc.ok(
        HttpMethod.PUT,
        "/api/v1/cp-public/items/ws-" + SUFFIX,
        token,
        new JsonObject()
            .put("kind", "workshop")
            .put("title_vi", "Hội thảo sản xuất sạch hơn ngành bia")
            .put("title_en", "Cleaner-production workshop for breweries")
            .put("body_vi", "Chia sẻ kinh nghiệm thu hồi nước ngưng.")
            .put("date", "2026-03-12")
            .put("attendance", 45)
            .put("published", true));
    svc.ok(
        HttpMethod.PUT,
        "/api/v1/cp-public/items/plan-" + SUFFIX,
        token,
        new JsonObject()
            .put("kind", "plan")
            .put("title_vi", "Kế hoạch sản xuất sạch hơn năm 2026")
            .put("plan_year", 2026)
            .put("published", true));
    svc.ok(
        HttpMethod.PUT,
        "/api/v1/cp-public/items/draft-" + SUFFIX,
        token,
        new JsonObject().put("kind", "news").put("title_vi", "Bản nháp nội bộ"));

    browser.manage().deleteAllCookies(); // nobody signed in
    browser.get(session.url("/cp.html?lang=vi"));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> session.text("item-ws-" + SUFFIX).contains("Hội thảo sản xuất sạch hơn"));
    assertThat(session.text("item-ws-" + SUFFIX))
        .contains("45 người tham dự")
        .contains("Hội thảo ·");
    assertThat(session.text("item-plan-" + SUFFIX)).contains("2026");
    assertThat(browser.findElements(By.id("item-draft-" + SUFFIX))).isEmpty();
    assertThat(browser.getPageSource()).doesNotContain("Bản nháp nội bộ");
    assertThat(session.text("catalogue")).contains("Chưa có nội dung được công bố.");
    assertThat(PageChecks.englishInVietnamese(browser, List.of("EnergyTrace", "VSIC", "SXSH")))
        .isEmpty();
    assertThat(PageChecks.numbersWrappingInsideThemselves(browser)).isEmpty();

    browser.get(session.url("/cp.html?lang=en"));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> session.text("item-ws-" + SUFFIX).contains("Cleaner-production workshop"));
    assertThat(session.text("item-ws-" + SUFFIX)).contains("45 attendees");
    // no English title: the plan is shown in Vietnamese rather than not at all
    assertThat(session.text("item-plan-" + SUFFIX)).contains("Kế hoạch sản xuất sạch hơn năm 2026");
  }
}
