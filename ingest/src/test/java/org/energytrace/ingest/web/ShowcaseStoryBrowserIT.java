package org.energytrace.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.energytrace.ingest.auth.Role;
import org.energytrace.ingest.config.IngestConfig;
import org.energytrace.ingest.fixtures.BrowserSession;
import org.energytrace.ingest.fixtures.Gateways;
import org.energytrace.ingest.fixtures.PageChecks;
import org.energytrace.ingest.fixtures.SecuredService;
import org.energytrace.ingest.fixtures.TestAccess;
import org.energytrace.ingest.fixtures.TwoCarrierPlant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Issue 20: the pilot-site showcase tells the measure's story. On a plant like the demo's ({@link
 * TwoCarrierPlant}: electricity and gas, 10 % saved since two weeks ago, an approved baseline, two
 * measures described through {@code PUT .../story}, published), the answer of {@code GET
 * /api/v1/showcase/{enterprise}/{site}} carries the story's fields, an unpublished site's answer
 * carries none, and the page in headless Chromium at a 1080p wall screen and a 1366×768 office
 * screen, in Vietnamese and English, shows every element of the story without scrolling, with no
 * number wrapping inside itself and no panel more than half empty.
 */
class ShowcaseStoryBrowserIT {
  static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
  static final String PLANT = "story-" + SUFFIX;
  static final String HIDDEN = "unpub-" + SUFFIX;
  static final String PUBLIC = "https://energy.example.gov.vn/pilot/";

  /** A plant with a year's baseline (valid) whose reporting period its auditor signed off. */
  static final String VERIFIED = "verif-" + SUFFIX;

  // a year of baseline and the same saving as VERIFIED, its period signed off by nobody
  static final String UNSIGNED = "unsig-" + SUFFIX;

  static LocalDate verifiedFrom;
  static LocalDate verifiedTo;
  static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
  static final Path SCREENSHOTS = Path.of("target", "screenshots");
  static final List<Dimension> SCREENS =
      List.of(new Dimension(1920, 1080), new Dimension(1366, 768));
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @RegisterExtension static final BrowserSession session = new BrowserSession();
  static SecuredService svc;
  static ChromeDriver browser;
  static LocalDate measureDay;

  @BeforeAll
  static void start() throws Exception {
    // visitors' phones reach the service at a public address, not at the kiosk's 127.0.0.1
    svc =
        session.startService(
            c -> {
              IngestConfig priced = BrowserSession.pricedDashboards(c);
              return priced.withDashboards(priced.dashboards().withPublicUrl(PUBLIC));
            });
    LocalDate today = LocalDate.now(ZONE);
    measureDay = today.minusDays(14);
    new TwoCarrierPlant(PLANT, ZONE, today.minusDays(40), measureDay)
        .create(svc.db, svc.app.httpPort(), Instant.now(), 0.10);
    // issue 15: a year and two weeks of baseline (CalTRACK data sufficiency passes), the period
    // since the measure signed off "verified" by the enterprise's assigned auditor
    verifiedFrom = today.minusDays(14);
    verifiedTo = today.minusDays(1);
    int version =
        new TwoCarrierPlant(VERIFIED, ZONE, today.minusDays(14 + 380), verifiedFrom)
            .create(svc.db, svc.app.httpPort(), Instant.now(), 0.10);
    new TwoCarrierPlant(UNSIGNED, ZONE, today.minusDays(14 + 380), verifiedFrom)
        .create(svc.db, svc.app.httpPort(), Instant.now(), 0.10);
    // the dossier the sign-off names, as issued by getDossier (yesterday is not sealed yet)
    org.energytrace.ingest.fixtures.IssuedDossiers.record(
        svc.db, VERIFIED, TwoCarrierPlant.ENPI, version, verifiedFrom, verifiedTo, "5e".repeat(32));
    HttpResponse<String> signed =
        send(
            "POST",
            "/api/v1/enterprises/" + VERIFIED + "/enpis/" + TwoCarrierPlant.ENPI + "/signoffs",
            svc.access.auditorToken("auditor-" + VERIFIED, VERIFIED),
            new JsonObject()
                .put("baseline_version", version)
                .put("from", verifiedFrom.toString())
                .put("to", verifiedTo.toString())
                .put("opinion", "verified")
                .put("dossier_sha256", "5e".repeat(32)));
    assertThat(signed.statusCode()).as(signed.body()).isEqualTo(201);
    // another enterprise's site with a story, never published
    Gateways.register(svc.db, HIDDEN + "/plant-1/gw-1");
    svc.access.accounts().setPublished(HIDDEN, "plant-1", false);
    HttpResponse<String> put =
        send(
            "PUT",
            "/api/v1/enterprises/" + HIDDEN + "/sites/plant-1/story",
            svc.access.systemAdminToken(),
            TwoCarrierPlant.story(measureDay)
                .put("enterprise_name", new JsonObject().put("vi", "Bí mật").put("en", "Secret")));
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    session.account("viewer-" + SUFFIX, Role.ENTERPRISE_VIEWER, PLANT);

    browser = session.open("--hide-scrollbars", "--lang=vi-VN", "--window-size=1920,1080");
    Files.createDirectories(SCREENSHOTS);
  }

  static HttpResponse<String> send(String method, String path, String token, JsonObject body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + svc.app.httpPort() + path));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body.encode()));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The page's viewport is exactly this screen (a window's size includes the browser's bars). */
  static void screen(Dimension size) {
    browser.manage().window().setSize(new Dimension(size.getWidth() + 200, size.getHeight() + 300));
    browser.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        java.util.Map.of(
            "width",
            size.getWidth(),
            "height",
            size.getHeight(),
            "deviceScaleFactor",
            1,
            "mobile",
            false));
  }

  /** The days of savings the showcase's payback scales to a year, as the API gives them. */
  static int paybackDays() throws Exception {
    HttpResponse<String> r =
        send("GET", "/api/v1/showcase/" + PLANT + "/" + TwoCarrierPlant.SITE, null, null);
    int days = new JsonObject(r.body()).getJsonObject("payback").getInteger("days");
    assertThat(days).isBetween(1, 364);
    return days;
  }

  static String text(String id) {
    Object v =
        session.js(
            "const e = document.getElementById(arguments[0]); return e ? e.textContent : '';", id);
    return v == null ? "" : v.toString().trim();
  }

  @Test
  void theAnswerOfAPublishedSiteCarriesTheStoryItsFiguresAndItsVerificationStatus()
      throws Exception {
    HttpResponse<String> r =
        send("GET", "/api/v1/showcase/" + PLANT + "/" + TwoCarrierPlant.SITE, null, null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonObject b = new JsonObject(r.body());
    assertThat(b.getJsonObject("enterprise_name").getString("vi"))
        .isEqualTo("Công ty Bia Thử nghiệm");
    assertThat(b.getJsonObject("enterprise_name").getString("en"))
        .isEqualTo("Test Brewery Company");
    assertThat(b.getJsonObject("site_name").getString("en")).isEqualTo("Plant number 1");
    assertThat(b.getJsonObject("sector").getString("vi")).isEqualTo("Sản xuất bia");
    JsonArray measures = b.getJsonArray("measures");
    assertThat(measures).hasSize(2);
    JsonObject vsd = measures.getJsonObject(0);
    assertThat(vsd.getJsonObject("title").getString("en")).isEqualTo("VSDs on the brewhouse pumps");
    assertThat(vsd.getJsonObject("description").getString("vi")).isNotBlank();
    assertThat(vsd.getString("date")).isEqualTo(measureDay.toString());
    assertThat(vsd.getDouble("investment")).isEqualTo(450_000_000d);
    // SEC before and after: weekly, from the baseline's first week to yesterday's
    assertThat(b.getString("sec_bucket")).isEqualTo("week");
    JsonArray sec = b.getJsonArray("sec_series");
    assertThat(sec.size()).isBetween(6, 8);
    for (Object o : sec) {
      assertThat(((JsonObject) o).fieldNames()).contains("period", "actual", "baseline");
    }
    // a point starts on the measure's day: the week holding it is cut there, not one point of
    // the days before and after it
    assertThat(sec.stream().map(o -> ((JsonObject) o).getString("period")))
        .contains(measureDay.toString());
    JsonObject last = sec.getJsonObject(sec.size() - 2); // a whole week after the measure
    assertThat(1 - last.getDouble("actual") / last.getDouble("baseline")).isBetween(0.05, 0.15);
    JsonObject savings = b.getJsonObject("savings");
    assertThat(savings.getDouble("energy")).isPositive();
    assertThat(savings.getDouble("money")).isPositive();
    assertThat(savings.getDouble("co2")).isPositive();
    assertThat(savings.getDouble("fraction")).isBetween(0.05, 0.15);
    JsonObject band = savings.getJsonObject("band");
    assertThat(band.getDouble("low"))
        .isLessThan(savings.getDouble("energy"))
        .isLessThan(band.getDouble("high"));
    assertThat(band.getInteger("confidence")).isEqualTo(90);
    // payback: 1 070 000 000 VND over the money saved per year
    JsonObject payback = b.getJsonObject("payback");
    assertThat(payback.getDouble("investment")).isEqualTo(1_070_000_000d);
    assertThat(payback.getDouble("years"))
        .isCloseTo(
            1_070_000_000d / payback.getDouble("money_per_year"),
            org.assertj.core.data.Offset.offset(1e-9));
    // the baseline was submitted by the enterprise and approved by its assigned auditor (issue
    // 15), but no period was signed off (not built yet): still indicative, with the approval
    JsonObject v = b.getJsonObject("verification");
    assertThat(v.getString("status")).isEqualTo("indicative");
    assertThat(v.getString("baseline_status")).isEqualTo("approved");
    assertThat(v.getString("approved_at")).isNotBlank();
    assertThat(v.getBoolean("approved_by_auditor")).isTrue();
    assertThat(v.fieldNames()).contains("verified_at");
    assertThat(v.getValue("verified_at")).isNull();
    JsonObject live = b.getJsonObject("live");
    assertThat(live.fieldNames())
        .contains("power_kw", "energy_today_kwh", "power_meters", "online_within");
    assertThat(live.getJsonArray("power_meters")).isNotEmpty();
    assertThat(b.getString("qr_svg")).startsWith("<svg").contains("<path");
    // on the configured public address (its trailing slash dropped), not on the request's origin
    assertThat(b.getString("public_url"))
        .isEqualTo(
            "https://energy.example.gov.vn/pilot/showcase.html?enterprise="
                + PLANT
                + "&site="
                + TwoCarrierPlant.SITE);
  }

  @Test
  void aSiteThatDoesNotExistIsNotFoundWithoutNamingItsEnterpriseMissing() throws Exception {
    HttpResponse<String> r =
        send(
            "GET",
            "/api/v1/showcase/" + PLANT + "/no-such-site",
            svc.access.systemAdminToken(),
            null);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(404);
    // it said "enterprise <PLANT> not found" of an enterprise that exists
    assertThat(new JsonObject(r.body()).getString("message")).isEqualTo("not found");
  }

  @Test
  void theAnswerOfAnUnpublishedSiteIsNotFoundAndCarriesNoneOfItsStory() throws Exception {
    String token = svc.access.token(Role.ENTERPRISE_VIEWER, PLANT, Duration.ofHours(1));
    for (String who : new String[] {null, token}) {
      HttpResponse<String> r = send("GET", "/api/v1/showcase/" + HIDDEN + "/plant-1", who, null);
      // refused by the access gate (403: no site of that enterprise is in the caller's scope) or
      // not found (404: the enterprise is, that site is not); either way nothing of the site
      assertThat(r.statusCode()).as(r.body()).isIn(403, 404);
      JsonObject b = new JsonObject(r.body());
      assertThat(b.fieldNames())
          .doesNotContain(
              "enterprise_name",
              "site_name",
              "sector",
              "measures",
              "sec_series",
              "savings",
              "verification",
              "live");
      assertThat(r.body()).doesNotContain("Secret").doesNotContain("Bí mật");
    }
  }

  @Test
  void aStoryWithAWrongFieldIsRefusedNamingItAndAViewerMayNotWriteOne() throws Exception {
    TestAccess access = svc.access;
    JsonObject bad = TwoCarrierPlant.story(measureDay);
    bad.getJsonArray("measures").getJsonObject(1).put("date", "last week");
    HttpResponse<String> r =
        send(
            "PUT",
            "/api/v1/enterprises/" + PLANT + "/sites/" + TwoCarrierPlant.SITE + "/story",
            access.systemAdminToken(),
            bad);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(r.body()).getString("parameter")).isEqualTo("measures[1].date");
    r =
        send(
            "PUT",
            "/api/v1/enterprises/" + PLANT + "/sites/" + TwoCarrierPlant.SITE + "/story",
            access.token(Role.ENTERPRISE_VIEWER, PLANT, Duration.ofHours(1)),
            TwoCarrierPlant.story(measureDay));
    assertThat(r.statusCode()).isEqualTo(403);
  }

  /** What must be on the screen whatever the panel: who, verified or not, the QR code, live. */
  static final List<String> ALWAYS =
      List.of(
          "enterprise-name",
          "site-name",
          "sector",
          "verification-status",
          "verification-detail",
          "qr",
          "show-power",
          "show-energy",
          "pause");

  /** The story of each panel: what was done, the result, SEC before and after. */
  static final List<List<String>> PANELS =
      List.of(
          List.of(
              "measure-0",
              "measure-1",
              "story-fraction",
              "story-saved",
              "story-money",
              "story-payback"),
          List.of(
              "show-saved",
              "show-band",
              "show-since",
              "show-money",
              "show-co2",
              "show-payback",
              "show-investment"),
          List.of("sec-chart", "sec-summary", "sec-caption"));

  static final List<String> PANEL_IDS = List.of("panel-story", "panel-savings", "panel-sec");

  @Test
  void theShowcaseTellsTheStoryOnAWallAndAnOfficeScreenInBothLanguages() throws Exception {
    List<String> problems = new ArrayList<>();
    browser.manage().deleteAllCookies(); // a visitor, not signed in
    for (String lang : List.of("vi", "en")) {
      for (Dimension screen : SCREENS) {
        screen(screen);
        browser.get(
            "http://127.0.0.1:"
                + svc.app.httpPort()
                + "/showcase.html?enterprise="
                + PLANT
                + "&site="
                + TwoCarrierPlant.SITE
                + "&lang="
                + lang);
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> !text("show-saved").isEmpty() && !text("show-saved").equals("—"));
        session.js("document.getElementById('pause').click()");
        String where = lang + " " + screen.getWidth() + "x" + screen.getHeight();
        assertThat(session.js("return innerWidth + 'x' + innerHeight;"))
            .isEqualTo(screen.getWidth() + "x" + screen.getHeight());
        for (int p = 0; p < PANELS.size(); p++) {
          String at = where + " " + PANEL_IDS.get(p) + ": ";
          assertThat(session.js("return document.querySelector('.panel.active').id;"))
              .isEqualTo(PANEL_IDS.get(p));
          if (p == 2) {
            // the chart has drawn (ECharts renders on the next frame)
            await()
                .atMost(Duration.ofSeconds(5))
                .until(
                    () ->
                        Boolean.TRUE.equals(
                            session.js(
                                "const c = echarts.getInstanceByDom(document.getElementById('sec-chart'));"
                                    + " return !!c && c.getWidth() > 0;")));
          }
          List<String> ids = new ArrayList<>(ALWAYS);
          ids.addAll(PANELS.get(p));
          PageChecks.notFullyShown(browser, ids).forEach(x -> problems.add(at + x));
          PageChecks.numbersWrappingInsideThemselves(browser).forEach(x -> problems.add(at + x));
          PageChecks.chartTextsCutOff(browser).forEach(x -> problems.add(at + x));
          // the screen is filled: the page does not scroll, the panel takes most of the height
          // and is not more than half empty
          Object scroll =
              session.js(
                  "const d = document.documentElement;"
                      + " return [d.scrollWidth - d.clientWidth, d.scrollHeight - d.clientHeight];");
          assertThat(scroll).as(at + "scroll overflow").isEqualTo(List.of(0L, 0L));
          double height =
              ((Number)
                      session.js(
                          "return document.getElementById(arguments[0]).getBoundingClientRect()"
                              + ".height / innerHeight;",
                          PANEL_IDS.get(p)))
                  .doubleValue();
          assertThat(height).as(at + "share of the screen's height").isGreaterThan(0.5);
          double empty = PageChecks.emptyShare(browser, PANEL_IDS.get(p));
          assertThat(empty).as(at + "empty share of the panel").isLessThanOrEqualTo(0.5);
          if (lang.equals("vi")) {
            PageChecks.englishInVietnamese(browser, List.of("EnergyTrace"))
                .forEach(x -> problems.add(at + x));
          }
          Files.copy(
              ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(),
              SCREENSHOTS.resolve(
                  "showcase-story-"
                      + lang
                      + "-"
                      + screen.getWidth()
                      + "x"
                      + screen.getHeight()
                      + "-"
                      + (p + 1)
                      + ".png"),
              StandardCopyOption.REPLACE_EXISTING);
          session.js("document.getElementById('next').click()");
        }
        // the story's words in the page's language
        if (lang.equals("vi")) {
          assertThat(text("enterprise-name")).isEqualTo("Công ty Bia Thử nghiệm");
          assertThat(text("measure-0")).contains("Biến tần cho bơm nhà nấu");
          assertThat(text("verification-status")).isEqualTo("Mang tính tham khảo – chưa xác minh");
          // a baseline of 26 days fails the validity rules: said so, never "verified"
          assertThat(text("verification-detail"))
              .contains("được kiểm toán viên phê duyệt")
              .contains("kỳ báo cáo chưa được xác minh")
              .contains("chỉ mang tính tham khảo, chưa thể xác minh");
          assertThat(text("show-payback")).endsWith("năm");
          // the saving of less than a year scaled to one: the page says from how many days
          assertThat(text("show-investment")).contains("(ước tính từ " + paybackDays() + " ngày)");
        } else {
          assertThat(text("enterprise-name")).isEqualTo("Test Brewery Company");
          assertThat(text("site-name")).isEqualTo("Plant number 1");
          assertThat(text("sector")).isEqualTo("Beer manufacturing");
          assertThat(text("measure-1")).contains("Boiler economiser");
          assertThat(text("verification-status")).isEqualTo("Indicative – not verified");
          assertThat(text("verification-detail"))
              .contains("baseline approved by an auditor")
              .contains("period not verified")
              .contains("indicative, not verifiable");
          assertThat(text("show-payback")).endsWith("years");
          assertThat(text("show-investment"))
              .contains("(estimated from " + paybackDays() + " days)");
        }
        // the measure's date (one date for both measures) is marked on the SEC chart
        assertThat(
                session.js(
                    "return echarts.getInstanceByDom(document.getElementById('sec-chart'))"
                        + ".getOption().series[0].markLine.data.length;"))
            .isEqualTo(1L);
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void aPeriodItsAuditorSignedOffShowsAsVerifiedWithItsDateOnBothScreensInBothLanguages()
      throws Exception {
    HttpResponse<String> r =
        send("GET", "/api/v1/showcase/" + VERIFIED + "/" + TwoCarrierPlant.SITE, null, null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonObject v = new JsonObject(r.body()).getJsonObject("verification");
    assertThat(v.getString("status")).as(r.body()).isEqualTo("verified");
    assertThat(v.getBoolean("verifiable")).isTrue();
    assertThat(v.getString("approved_at")).isNotBlank();
    assertThat(v.getString("verified_at")).isNotBlank();
    JsonObject savings = new JsonObject(r.body()).getJsonObject("savings");
    // the verified period's saving
    assertThat(savings.getString("to")).isEqualTo(verifiedTo.toString());
    String verifiedOn =
        java.time.LocalDate.ofInstant(Instant.parse(v.getString("verified_at")), ZONE).toString();
    browser.manage().deleteAllCookies();
    List<String> problems = new ArrayList<>();
    for (String lang : List.of("vi", "en")) {
      for (Dimension screen : SCREENS) {
        screen(screen);
        browser.get(
            "http://127.0.0.1:"
                + svc.app.httpPort()
                + "/showcase.html?enterprise="
                + VERIFIED
                + "&site="
                + TwoCarrierPlant.SITE
                + "&lang="
                + lang);
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> !text("verification-status").isEmpty() && !text("show-saved").isEmpty());
        session.js("document.getElementById('pause').click()");
        String where = lang + " " + screen.getWidth() + "x" + screen.getHeight() + ": ";
        PageChecks.notFullyShown(browser, List.of("verification-status", "verification-detail"))
            .forEach(x -> problems.add(where + x));
        assertThat(session.js("return document.getElementById('verification').dataset.status;"))
            .isEqualTo("verified");
        String detail = text("verification-detail");
        if (lang.equals("vi")) {
          assertThat(text("verification-status")).isEqualTo("Đã xác minh");
          assertThat(detail).contains("kỳ báo cáo được xác minh").doesNotContain("tham khảo");
        } else {
          assertThat(text("verification-status")).isEqualTo("Verified");
          assertThat(detail).contains("period verified on").doesNotContain("indicative");
        }
        // the sign-off's date, as the page writes dates (the day of the month at least)
        assertThat(detail).contains(String.valueOf(Integer.parseInt(verifiedOn.substring(8))));
        // the headline saving says its period's end and its band beside "verified" (a visitor
        // read "10,5 % since 06/11" under the badge, the band only on the next panel, in MJ)
        String to = verifiedTo.toString();
        String shownTo =
            lang.equals("vi")
                ? to.substring(8) + "/" + to.substring(5, 7) + "/" + to.substring(0, 4)
                : null;
        assertThat(text("story-saved"))
            .contains(lang.equals("vi") ? "khoảng tin cậy 90 %" : "90 % confidence")
            .containsPattern("[0-9] %? ?– [0-9]");
        if (shownTo != null) {
          assertThat(text("story-saved")).contains(shownTo);
        }
        Files.copy(
            ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(),
            SCREENSHOTS.resolve(
                "showcase-verified-"
                    + lang
                    + "-"
                    + screen.getWidth()
                    + "x"
                    + screen.getHeight()
                    + ".png"),
            StandardCopyOption.REPLACE_EXISTING);
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void aTargetMetSaysItIsNotYetVerifiedUntilAnAuditorSignsThePeriod() throws Exception {
    // the overview said "8 % target: 9.7% / 8% – met" beside "period not verified": the measured
    // saving's verdict read as a verified one
    Map<String, List<String>> shown = new LinkedHashMap<>();
    for (String enterprise : List.of(VERIFIED, UNSIGNED)) {
      session.account("viewer-" + enterprise, Role.ENTERPRISE_VIEWER, enterprise);
      for (String lang : List.of("en", "vi")) {
        browser.manage().deleteAllCookies();
        session.signIn(
            "viewer-" + enterprise, "/overview.html?lang=" + lang + "&enterprise=" + enterprise);
        await()
            .atMost(Duration.ofSeconds(30))
            .ignoreExceptions()
            .until(() -> browser.findElements(By.cssSelector("#enpi-body .target")).size() == 2);
        shown.put(
            enterprise + " " + lang,
            browser.findElements(By.cssSelector("#enpi-body .target")).stream()
                .map(e -> e.getText())
                .toList());
      }
    }
    // both plants save about 10 %: the 8 % target is met, as measured
    assertThat(shown.get(VERIFIED + " en").get(0)).as("%s", shown).endsWith("– met");
    assertThat(shown.get(VERIFIED + " vi").get(0)).as("%s", shown).endsWith("– đạt");
    assertThat(shown.get(UNSIGNED + " en").get(0))
        .as("%s", shown)
        .endsWith("– met (as measured, not yet verified by an auditor)");
    assertThat(shown.get(UNSIGNED + " vi").get(0))
        .as("%s", shown)
        .endsWith("– đạt (theo số đo, chưa được kiểm toán viên xác minh)");
    // a target not met says nothing more
    assertThat(shown.get(UNSIGNED + " en").get(1)).as("%s", shown).endsWith("– not met");
  }

  @Test
  void thePanelsTurnAtAReadingPaceAndStopWhenPaused() {
    browser.manage().deleteAllCookies();
    screen(new Dimension(1366, 768));
    browser.get(
        "http://127.0.0.1:"
            + svc.app.httpPort()
            + "/showcase.html?enterprise="
            + PLANT
            + "&site="
            + TwoCarrierPlant.SITE
            + "&lang=en");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !text("show-saved").isEmpty() && !text("show-saved").equals("—"));
    assertThat(text("panel-pos")).isEqualTo("1 / 3");
    // still on the story a few seconds later: 20 s to read it, not the old 10 s for everything
    await()
        .during(Duration.ofSeconds(4))
        .atMost(Duration.ofSeconds(6))
        .until(() -> text("panel-pos").equals("1 / 3"));
    session.js("document.getElementById('next').click()");
    assertThat(text("panel-pos")).isEqualTo("2 / 3");
    session.js("document.getElementById('pause').click()");
    assertThat(text("pause")).isEqualTo("Play");
    session.js("document.getElementById('prev').click()");
    assertThat(text("panel-pos")).isEqualTo("1 / 3");
  }
}
