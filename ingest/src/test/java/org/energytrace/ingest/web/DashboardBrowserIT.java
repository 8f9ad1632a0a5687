package org.energytrace.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.energytrace.ingest.auth.Role;
import org.energytrace.ingest.fixtures.BrowserSession;
import org.energytrace.ingest.fixtures.Gateways;
import org.energytrace.ingest.fixtures.PageChecks;
import org.energytrace.ingest.fixtures.SecuredService;
import org.energytrace.ingest.fixtures.TcpRelay;
import org.energytrace.ingest.fixtures.TwoCarrierPlant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The dashboards (docs/dashboards.md) in a real headless Chromium (Debian's chromium and
 * chromium-driver, no browser download), signed in through the sign-in page. The browser reaches
 * the service through a {@link TcpRelay}, so a test can drop the live connection. Screenshots of
 * every page at 1366×768 and 1920×1080 go to target/screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserIT {
  static final Path SCREENSHOTS = Path.of("target", "screenshots");
  static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
  static final String ENTERPRISE = "dash-" + SUFFIX;
  static final String HIDDEN = "hidden-" + SUFFIX;
  static final AtomicLong SEQ = new AtomicLong();
  // a plant like the demo's: electricity and natural gas in one MJ EnPI, 10 % saved since the
  // measure two weeks ago
  static final String PLANT = "plant-" + SUFFIX;
  static final ZoneId PLANT_ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
  static final double PLANT_SAVING = 0.10;
  // an office screen, a 1080p wall screen and a 10" tablet in landscape and portrait
  static final List<Dimension> SIZES =
      List.of(
          new Dimension(1366, 768),
          new Dimension(1920, 1080),
          new Dimension(1280, 800),
          new Dimension(800, 1280));

  @RegisterExtension static final BrowserSession session = new BrowserSession();
  static SecuredService svc;
  static TcpRelay relay;
  static ChromeDriver browser;
  static Instant t0;

  @BeforeAll
  static void start() throws Exception {
    svc = session.startService(BrowserSession::pricedDashboards);
    relay = TcpRelay.to("127.0.0.1", svc.app.httpPort());
    session.reachThrough(relay);

    t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(120);
    Gateways.register(svc.db, ENTERPRISE + "/plant-1/gw-1", HIDDEN + "/plant-1/gw-1");
    publish(ENTERPRISE, "line1-em", 182.4, t0);
    publish(HIDDEN, "secret-meter", 777.7, t0);
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> svc.db.count("select count(*) from meter where code = 'secret-meter'") == 1);
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> svc.db.count("select count(*) from meter where code = 'line1-em'") >= 1);
    session.account("viewer-" + SUFFIX, Role.ENTERPRISE_VIEWER, ENTERPRISE);
    svc.access.publish(ENTERPRISE, "plant-1");
    LocalDate today = LocalDate.now(PLANT_ZONE);
    new TwoCarrierPlant(PLANT, PLANT_ZONE, today.minusDays(40), today.minusDays(14))
        .create(svc.db, svc.app.httpPort(), Instant.now(), PLANT_SAVING);
    session.account("plant-viewer-" + SUFFIX, Role.ENTERPRISE_VIEWER, PLANT);

    browser = session.open("--lang=vi-VN", "--window-size=1366,768");
    Files.createDirectories(SCREENSHOTS);
  }

  static void publish(String enterprise, String meter, double power, Instant at) {
    long seq = SEQ.incrementAndGet();
    svc.broker.publish(
        "et/v1/" + enterprise + "/plant-1/gw-1/telemetry",
        """
        {"schema_version":1,"gateway":"gw-1","seq":%d,"sent_at":"%s","points":[
         {"meter":"%s","channel":"AcActivePowerTotal","ts":"%s","value":%s,"unit":"KWT","quality":"good"},
         {"meter":"%s","channel":"AcActiveEnergyTotalImport","ts":"%s","value":%s,"unit":"KWH","kind":"counter","quality":"good"}]}
        """
            .formatted(seq, at, meter, at, power, meter, at, 1000 + seq * 3));
  }

  /**
   * Screenshots of the page at every size; at each, the page must not scroll sideways and every
   * element of {@code keyIds} must be shown, inside the page's width and, once scrolled to, inside
   * the window (a key number pushed off screen or under another column fails).
   */
  static void screenshot(String name, String... keyIds) throws Exception {
    for (Dimension size : SIZES) {
      browser.manage().window().setSize(size);
      session.js("window.dispatchEvent(new Event('resize'))");
      String where = name + " at " + size.getWidth() + "x" + size.getHeight();
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () -> {
                assertThat(layoutProblems(keyIds)).as(where).isEmpty();
                // issue 13: no number wraps inside itself ("9,553,3|80 ₫")
                assertThat(PageChecks.numbersWrappingInsideThemselves(browser)).as(where).isEmpty();
              });
      session.js("window.scrollTo(0, 0)");
      Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
      Files.copy(
          shot,
          SCREENSHOTS.resolve(name + "-" + size.getWidth() + "x" + size.getHeight() + ".png"),
          StandardCopyOption.REPLACE_EXISTING);
    }
    browser.manage().window().setSize(new Dimension(1366, 768));
    session.js("window.dispatchEvent(new Event('resize'))");
  }

  @SuppressWarnings("unchecked")
  static List<String> layoutProblems(String... keyIds) {
    return (List<String>)
        ((JavascriptExecutor) browser)
            .executeScript(
                """
                const out = [], doc = document.documentElement;
                if (doc.scrollWidth > doc.clientWidth)
                  out.push("scrolls sideways: " + doc.scrollWidth + " > " + doc.clientWidth);
                for (const id of arguments[0]) {
                  const e = document.getElementById(id);
                  if (!e) { out.push(id + ": missing"); continue; }
                  e.scrollIntoView({ block: "center", inline: "nearest" });
                  const r = e.getBoundingClientRect();
                  if (r.width === 0 || r.height === 0) { out.push(id + ": not shown"); continue; }
                  const value = e.matches("input, select, .chart") ? "x" : e.textContent.trim();
                  if (!value || value === "—")
                    out.push(id + ": no value ('" + e.textContent + "')");
                  if (r.left < 0 || r.right > doc.clientWidth) out.push(id + ": outside the width");
                  // the text itself must stay inside its card (a long number must not run
                  // under the next card)
                  const box = (e.closest(".big, .card, figure, td, form") || e).getBoundingClientRect();
                  const range = document.createRange();
                  range.selectNodeContents(e);
                  const tr = range.getBoundingClientRect();
                  if (tr.width > 0 && (tr.left < box.left - 1 || tr.right > box.right + 1))
                    out.push(id + ": text runs out of its box (" + Math.round(tr.right) + " > "
                      + Math.round(box.right) + ")");
                  if (r.top < 0 || r.bottom > window.innerHeight) out.push(id + ": outside the window");
                }
                return out;
                """,
                List.of(keyIds));
  }

  /** A number as the Vietnamese page writes it (1.234,5), read back. */
  static double viNumber(String text) {
    return Double.parseDouble(text.replaceAll("[^0-9,\\-]", "").replace(',', '.'));
  }

  static String liveState() {
    return String.valueOf(
        session.js("return document.getElementById('live-state').dataset.state;"));
  }

  @Test
  @Order(1)
  void signsInAndTheOverviewShowsAReadingPublishedOverMqttWithoutReload() throws Exception {
    browser.get(session.url("/login.html?next=/overview.html"));
    screenshot("login", "username", "password");
    browser.findElement(By.id("username")).sendKeys("viewer-" + SUFFIX);
    browser.findElement(By.id("password")).sendKeys(session.password());
    browser.findElement(By.cssSelector("form#login button[type=submit]")).click();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> browser.getCurrentUrl().contains("overview"));
    // Vietnamese is the default language: one decimal, comma as the decimal separator
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> session.text("power-line1-em").equals("182,4"));
    await().atMost(Duration.ofSeconds(10)).until(() -> "live".equals(liveState()));
    session.js("window.__etNoReload = 'still here';");

    publish(ENTERPRISE, "line1-em", 199.75, t0.plusSeconds(60));

    // issue 6: values update live within 2 s of a reading being stored
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> session.text("power-line1-em").equals("199,8"));
    assertThat(session.text("kpi-power")).isEqualTo("199,8");
    assertThat(session.js("return window.__etNoReload;")).isEqualTo("still here");
    assertThat(browser.getPageSource()).doesNotContain(HIDDEN);
    screenshot("overview", "kpi-power", "kpi-energy", "power-line1-em");
  }

  @Test
  @Order(2)
  void switchingLanguageShowsEnglishThenVietnameseLabelsAndNumberFormats() {
    publish(ENTERPRISE, "line1-em", 1234.5, t0.plusSeconds(70));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> session.text("power-line1-em").equals("1.234,5"));
    browser.findElement(By.id("lang-switch")).click();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> session.text("power-line1-em").equals("1,234.5"));
    assertThat(browser.findElement(By.cssSelector("[data-i18n='kpi.power']")).getText())
        .isEqualTo("Power now");
    browser.findElement(By.id("lang-switch")).click();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> session.text("power-line1-em").equals("1.234,5"));
    assertThat(browser.findElement(By.cssSelector("[data-i18n='kpi.power']")).getText())
        .isEqualTo("Công suất hiện tại");
    assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("vi");
    // dates as dd/MM/yyyy (vi-VN writes the time first: 10:07:50 29/11/2026)
    String lastSeen =
        browser.findElement(By.cssSelector("#row-line1-em td:nth-child(6)")).getText();
    assertThat(lastSeen).containsPattern("(^|\\s)\\d{2}/\\d{2}/\\d{4}$");
  }

  @Test
  @Order(9)
  void aReloadAnsweredAfterALiveReadingDoesNotPutTheOlderPowerBack() {
    session.signIn("viewer-" + SUFFIX, "/overview.html");
    await().atMost(Duration.ofSeconds(15)).until(() -> "live".equals(liveState()));
    await().atMost(Duration.ofSeconds(15)).until(() -> !session.text("power-line1-em").isEmpty());
    // the overview's answers arrive 2 s late: the reload on reconnect is asked for at once (its
    // data older than the reading published below) and answered after that reading was shown
    // (__etLate counts the late answers once the page has rendered them: a task queued after
    // the body was read runs after the page's await chain and its synchronous render)
    session.js(
        "window.__etLate = 0; const f = window.fetch;"
            + " window.fetch = (u, o) => f(u, o).then(r => {"
            + " if (!String(u).endsWith('/overview')) return r;"
            + " const json = r.json.bind(r);"
            + " r.json = () => json().then(j => { setTimeout(() => window.__etLate++, 0); return j; });"
            + " return new Promise(ok => setTimeout(() => ok(r), 2000)); });");
    relay.cut();
    await().atMost(Duration.ofSeconds(10)).until(() -> "offline".equals(liveState()));
    relay.restore();
    await().atMost(Duration.ofSeconds(20)).until(() -> "live".equals(liveState()));
    publish(ENTERPRISE, "line1-em", 345.6, t0.plusSeconds(100));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> session.text("power-line1-em").equals("345,6"));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> ((Number) session.js("return window.__etLate;")).intValue() >= 1);
    // the late answer was rendered (render is synchronous after it): the newer value stays
    assertThat(session.text("power-line1-em")).isEqualTo("345,6");
    assertThat(session.text("kpi-power")).isEqualTo("345,6");
  }

  @Test
  @Order(3)
  void aDroppedLiveConnectionIsShownAndRecovers() {
    await().atMost(Duration.ofSeconds(10)).until(() -> "live".equals(liveState()));
    // the overview snapshot the page asks for when the feed reopens is held back (read in full
    // first), so that a reading arrives live while it is on its way, as happens under load
    session.js(
        "const real = window.fetch; window.__etHeld = [];"
            + "window.fetch = (url, opts) => { const p = real(url, opts);"
            + " if (!String(url).includes('/overview')) return p;"
            + " return p.then(r => r.text().then(body => new Promise(resolve =>"
            + " window.__etHeld.push(() => resolve(new Response(body,"
            + " { status: r.status, headers: r.headers })))))); };"
            + "window.__etRelease = () => { window.fetch = real;"
            + " const held = window.__etHeld; window.__etHeld = []; held.forEach(f => f()); };");
    relay.cut();
    await().atMost(Duration.ofSeconds(10)).until(() -> "offline".equals(liveState()));
    assertThat(session.text("live-state")).isEqualTo("mất kết nối – đang thử lại");
    relay.restore();
    await().atMost(Duration.ofSeconds(20)).until(() -> "live".equals(liveState()));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> ((Number) session.js("return window.__etHeld.length;")).intValue() > 0);
    publish(ENTERPRISE, "line1-em", 321.0, t0.plusSeconds(80));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> session.text("power-line1-em").equals("321"));

    // the older snapshot lands after the live reading: the newer value stays (it went back to
    // 1.234,5 and the test failed whenever the machine was busy)
    session.js("window.__etRelease();");
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                session.text("power-line1-em").equals("321")
                    && session.text("kpi-power").equals("321"));
  }

  @Test
  @Order(4)
  void aPageForANonexistentMeterShowsAClearMessage() throws Exception {
    browser.get(session.url("/meter.html?enterprise=" + ENTERPRISE + "&meter=no-such-meter"));
    await().atMost(Duration.ofSeconds(10)).until(() -> !session.text("message").isEmpty());
    assertThat(session.text("message"))
        .isEqualTo("Không tìm thấy công tơ “no-such-meter” của doanh nghiệp “" + ENTERPRISE + "”.");
    assertThat(browser.getPageSource()).doesNotContain("Exception").doesNotContain("at org.");
    browser.get(session.url("/meter.html?enterprise=" + ENTERPRISE + "&meter=line1-em"));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> session.text("ch-AcActivePowerTotal").contains("321"));
    screenshot("meter", "ch-AcActivePowerTotal");
    browser.get(
        session.url("/trends.html?enterprise=" + ENTERPRISE + "&meter=line1-em&from=2026-01-01"));
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> !session.text("sum-a").isEmpty() && !session.text("sum-sec").isEmpty());
    screenshot("trends", "sum-a", "sum-sec");
  }

  @Test
  @Order(5)
  void theShowcaseShowsNoDataOfAnUnpublishedEnterprise() throws Exception {
    browser.manage().deleteAllCookies(); // an anonymous visitor
    browser.get(session.url("/showcase.html"));
    await().atMost(Duration.ofSeconds(10)).until(() -> session.text("sites").contains(ENTERPRISE));
    assertThat(browser.getPageSource()).doesNotContain(HIDDEN);

    browser.get(session.url("/showcase.html?enterprise=" + HIDDEN + "&site=plant-1"));
    await().atMost(Duration.ofSeconds(10)).until(() -> !session.text("message").isEmpty());
    assertThat(session.text("message")).isEqualTo("Nhà máy này không có trên trang trưng bày.");
    assertThat(pageWithoutSuffix()).doesNotContain("777").doesNotContain("secret-meter");

    browser.get(session.url("/showcase.html?enterprise=" + ENTERPRISE + "&site=plant-1"));
    await().atMost(Duration.ofSeconds(10)).until(() -> session.text("show-power").equals("321"));
    assertThat(browser.getPageSource()).doesNotContain(HIDDEN);
    assertThat(pageWithoutSuffix()).doesNotContain("777");
    session.js("document.getElementById('pause').click()");
    screenshot("showcase", "show-power");
  }

  /**
   * The page's source without this run's random suffix, which is in the addresses and may itself
   * hold "777" (the hidden enterprise's reading, looked for), and without ECharts' instance ids (a
   * time in milliseconds: "ec_1796577729123" failed a run).
   */
  String pageWithoutSuffix() {
    return browser
        .getPageSource()
        .replace(SUFFIX, "")
        .replaceAll("_echarts_instance_=\"[^\"]*\"", "");
  }

  @Test
  @Order(6)
  void aPlantWithElectricityAndGasShowsMoneySavedAndCo2AvoidedOnTheOverview() throws Exception {
    session.signIn("plant-viewer-" + SUFFIX, "/overview.html");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                !session.text("kpi-money").isEmpty() && !session.text("kpi-co2-avoided").isEmpty());
    // issue 6: money saved and CO2 avoided of an MJ EnPI over electricity and natural gas
    assertThat(session.text("kpi-money")).isNotEqualTo("—").contains("₫");
    assertThat(viNumber(session.text("kpi-money"))).isPositive();
    assertThat(session.text("kpi-co2-avoided")).isNotEqualTo("—");
    assertThat(viNumber(session.text("kpi-co2-avoided"))).isPositive();
    assertThat(session.textContent("kpi-money").length()).isPositive();
    // each carrier is named with its share, and the grid factor year the page used is stated
    String co2Note =
        browser
            .findElement(By.cssSelector("#kpi-co2-avoided"))
            .findElement(By.xpath("../.."))
            .getText();
    assertThat(co2Note).contains("điện").contains("khí đốt").contains("2023");
    // the day's SEC is compared with the baseline model's SEC at that day's output: about the
    // simulated saving below it
    double day = viNumber(session.text("kpi-sec-day"));
    double model = viNumber(session.text("kpi-sec-day-model").replaceAll(".*: ", ""));
    assertThat(1 - day / model).isBetween(PLANT_SAVING - 0.06, PLANT_SAVING + 0.06);
    // issue 15: the saving names its baseline's status, and a 26-day baseline fails the validity
    // rules: "indicative, not verifiable", and no target says "met" (vi: "đạt")
    assertThat(session.text("savings-verification"))
        .contains("Trạng thái đường cơ sở: đã phê duyệt")
        .contains("chỉ mang tính tham khảo, chưa thể xác minh")
        .contains("dữ liệu cơ sở chưa đủ (cần một năm, thiếu không quá 10 %)");
    List<WebElement> targets = browser.findElements(By.cssSelector("#enpi-body .target"));
    assertThat(targets).hasSize(2);
    for (WebElement target : targets) {
      assertThat(target.getText()).contains("chỉ mang tính tham khảo").doesNotEndWith("– đạt");
    }
    screenshot(
        "overview-plant",
        "kpi-power",
        "kpi-sec-day",
        "kpi-sec-month",
        "kpi-savings",
        "kpi-money",
        "kpi-co2-avoided");
  }

  @Test
  @Order(7)
  void theShowcaseOfThePlantShowsMoneyCo2AndTheBaselineModelsSec() throws Exception {
    browser.manage().deleteAllCookies(); // anonymous: the plant is published
    browser.get(
        session.url("/showcase.html?enterprise=" + PLANT + "&site=" + TwoCarrierPlant.SITE));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !session.textContent("show-saved").equals("—"));
    session.js("document.getElementById('pause').click()");
    assertThat(session.textContent("show-money")).isNotEqualTo("—").contains("₫");
    assertThat(viNumber(session.textContent("show-money"))).isPositive();
    assertThat(viNumber(session.textContent("show-co2"))).isPositive();
    assertThat(session.textContent("show-co2-note")).contains("2023");
    // the SEC trend's text equivalent names the baseline model's SEC (a regression baseline)
    assertThat(session.textContent("sec-summary")).contains("mô hình cơ sở").doesNotContain("—");
    // and says which change is the saving: after against the model, not against before (a
    // visitor read both percentages without a word on why they differ)
    JsonObject secSummary = getAsAdmin("/api/v1/showcase/" + PLANT + "/" + TwoCarrierPlant.SITE);
    secSummary = secSummary.getJsonObject("sec_summary");
    double after = secSummary.getDouble("after");
    assertThat(session.textContent("sec-summary"))
        .contains(
            "Sau biện pháp so với mô hình cơ sở ở cùng sản lượng: "
                + viPercent(1 - after / secSummary.getDouble("model"))
                + "; so với trước biện pháp: "
                + viPercent(1 - after / secSummary.getDouble("before"))
                + ", gồm cả thay đổi về sản lượng và cơ cấu sản phẩm.");
    screenshot("showcase-plant", "show-power", "show-energy");
    session.js("document.getElementById('next').click()");
    screenshot("showcase-plant-savings", "show-saved", "show-money", "show-co2");
    session.js("document.getElementById('next').click()");
    screenshot("showcase-plant-sec", "sec-chart", "sec-summary");
  }

  @Test
  @Order(8)
  void trendsOfTheGasMeterShowVolumeInNm3AndAFlowDerivedFromIt() throws Exception {
    session.signIn("plant-viewer-" + SUFFIX, "/overview.html");
    LocalDate today = LocalDate.now(PLANT_ZONE);
    browser.get(
        session.url(
            "/trends.html?enterprise="
                + PLANT
                + "&meter=boiler-gas&from="
                + today.minusDays(7)
                + "&to="
                + today));
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(session.text("sum-a"))
                    .as("message: " + session.text("message"))
                    .isNotEmpty());
    assertThat(session.text("sum-a")).contains("Nm³").contains("Nm³/h").doesNotContain("kWh");
    assertThat(
            session.js(
                "return echarts.getInstanceByDom(document.getElementById('chart-a'))"
                    + ".getOption().yAxis.map(a => a.name).join('|');"))
        .isEqualTo("Nm³/h|Nm³");
    assertThat(session.text("sum-sec"))
        .contains("mô hình cơ sở")
        .contains("Trạng thái đường cơ sở: đã phê duyệt")
        .contains("chỉ mang tính tham khảo, chưa thể xác minh");
    // the CSV says the unit of every row: volume in Nm3, not kWh
    session.js(
        "window.__csv = null; const make = URL.createObjectURL;"
            + " URL.createObjectURL = b => { b.text().then(t => window.__csv = t); return make(b); };");
    browser.findElement(By.id("csv")).click();
    await().atMost(Duration.ofSeconds(5)).until(() -> session.js("return window.__csv;") != null);
    List<String> lines = List.of(String.valueOf(session.js("return window.__csv;")).split("\n"));
    assertThat(lines.get(0)).isEqualTo("series,period,time,value,unit");
    // values as measured, without binary arithmetic's noise (10.720000000088476 Nm3/h)
    assertThat(lines).noneMatch(l -> l.matches(".*,-?[0-9]+\\.[0-9]{12,},.*"));
    assertThat(lines).anyMatch(l -> l.startsWith("volume,A,") && l.endsWith(",Nm3"));
    assertThat(lines).anyMatch(l -> l.startsWith("flow,A,") && l.endsWith(",Nm3/h"));
    assertThat(lines)
        .noneMatch(l -> (l.startsWith("volume") || l.startsWith("flow")) && l.contains("kWh"));
    // and what the charts draw from the baseline: its period's average SEC and its days
    assertThat(lines).anyMatch(l -> l.startsWith("baseline_period_sec,baseline,"));
    assertThat(lines).anyMatch(l -> l.startsWith("daily_energy,baseline,"));
    assertThat(lines).anyMatch(l -> l.startsWith("production,baseline,"));
    screenshot("trends-gas", "sum-a", "sum-sec", "sum-prod");
    browser.get(session.url("/meter.html?enterprise=" + PLANT + "&meter=main-em"));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !session.text("ch-AcActivePowerTotal").isEmpty());
    screenshot("meter-plant", "ch-AcActivePowerTotal", "ch-E");
  }

  @Test
  @Order(9)
  void theOverviewShowsAPanelPerResourceInVietnameseAndEnglish() throws Exception {
    // issue 17: the plant's gas (metered) and its malt (daily use entries) as resources
    String admin = svc.access.systemAdminToken();
    var client = io.vertx.ext.web.client.WebClient.create(svc.vertx);
    String base = "/api/v1/enterprises/" + PLANT;
    java.util.function.BiFunction<String, JsonObject, Integer> put =
        (path, body) ->
            client
                .put(svc.app.httpPort(), "127.0.0.1", base + path)
                .bearerTokenAuthentication(admin)
                .sendJsonObject(body)
                .await()
                .statusCode();
    assertThat(
            put.apply(
                "/resources/gas",
                new JsonObject()
                    .put("site", "plant-1")
                    .put("kind", "energy")
                    .put("carrier", "natural_gas")
                    .put("unit", "Nm3")
                    .put("name", "Khí đốt lò hơi")
                    .put("meter", "boiler-gas")
                    .put("channel", "GasVolumeTotal")))
        .isEqualTo(200);
    assertThat(
            put.apply(
                "/resources/malt",
                new JsonObject()
                    .put("site", "plant-1")
                    .put("kind", "material")
                    .put("unit", "kg")
                    .put("name", "Malt")))
        .isEqualTo(200);
    LocalDate today = LocalDate.now(PLANT_ZONE);
    io.vertx.core.json.JsonArray entries = new io.vertx.core.json.JsonArray();
    for (LocalDate d = today.minusDays(40); d.isBefore(today); d = d.plusDays(1)) {
      entries.add(
          new JsonObject()
              .put("type", "usage")
              .put("day", d.toString())
              .put("quantity", d.isBefore(today.minusDays(14)) ? 500 : 450));
      // a weekly invoice with its money (issue 17): 3 500 kg at 15 000 VND/kg
      if (d.getDayOfWeek() == java.time.DayOfWeek.MONDAY) {
        entries.add(
            new JsonObject()
                .put("type", "invoice")
                .put("day", d.toString())
                .put("ref", "HD-" + d)
                .put("quantity", 3500)
                .put("amount", 52_500_000));
      }
    }
    var posted =
        client
            .post(svc.app.httpPort(), "127.0.0.1", base + "/resources/malt/entries")
            .bearerTokenAuthentication(admin)
            .sendJsonObject(new JsonObject().put("entries", entries))
            .await();
    assertThat(posted.statusCode()).as(posted.bodyAsString()).isEqualTo(200);
    // coal with a single stock count: its use cannot be computed (an opening and a closing count
    // are needed), which the panel says as such, not as a server failure
    assertThat(
            put.apply(
                "/resources/coal",
                new JsonObject()
                    .put("site", "plant-1")
                    .put("kind", "energy")
                    .put("carrier", "coal_grade_5_6")
                    .put("unit", "t")
                    .put("name", "Than")))
        .isEqualTo(200);
    var counted =
        client
            .post(svc.app.httpPort(), "127.0.0.1", base + "/resources/coal/entries")
            .bearerTokenAuthentication(admin)
            .sendJsonObject(
                new JsonObject()
                    .put(
                        "entries",
                        new io.vertx.core.json.JsonArray()
                            .add(
                                new JsonObject()
                                    .put("type", "delivery")
                                    .put("day", today.minusDays(20).toString())
                                    .put("quantity", 30))
                            .add(
                                new JsonObject()
                                    .put("type", "stock_count")
                                    .put("day", today.minusDays(10).toString())
                                    .put("quantity", 12))))
            .await();
    assertThat(counted.statusCode()).as(counted.bodyAsString()).isEqualTo(200);
    client.close();

    session.signIn("plant-viewer-" + SUFFIX, "/overview.html");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                !session.text("res-gas-sec").isEmpty() && !session.text("res-malt-sec").isEmpty());
    // per unit of the EnPI's first product, in the site's units, Vietnamese number format
    assertThat(session.textContent("res-intro")).startsWith("Trên mỗi đơn vị lager");
    assertThat(session.textContent("res-gas")).contains("Khí đốt lò hơi").contains("năng lượng");
    assertThat(session.textContent("res-gas")).contains("Nm³/hl").contains("Mục tiêu 8 %");
    assertThat(session.textContent("res-malt")).contains("nguyên liệu").contains("kg/hl");
    assertThat(viNumber(session.text("res-gas-sec"))).isPositive();
    assertThat(viNumber(session.text("res-malt-sec"))).isPositive();
    assertThat(session.textContent("res-malt-savings")).startsWith("Tiết kiệm").contains("kg");
    assertThat(session.textContent("res-gas-error")).isEmpty();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !session.textContent("res-coal-error").isEmpty());
    assertThat(session.textContent("res-coal-error"))
        .startsWith("Chưa tính được từ dữ liệu đã lưu cho kỳ này.")
        .doesNotContain("Máy chủ");
    // the server's reason follows, marked as English for the reader and for assistive technology
    assertThat(
            session.js(
                "const s = document.querySelector('#res-coal-error [lang=en]');"
                    + " return s ? s.textContent : null;"))
        .asString()
        .contains("stock of coal")
        .contains("an opening and a closing stock count are needed");
    // the invoiced cost per hl, as the API computes it for the panel's periods
    JsonObject enpiBaseline =
        getAsAdmin(base + "/enpis/" + TwoCarrierPlant.ENPI + "/baselines")
            .getJsonArray("baselines")
            .getJsonObject(0);
    JsonObject malt =
        getAsAdmin(
            base
                + "/resources/malt/indicator?product=lager&baseline_from="
                + enpiBaseline.getString("from")
                + "&baseline_to="
                + enpiBaseline.getString("to")
                + "&from="
                + LocalDate.parse(enpiBaseline.getString("to")).plusDays(1)
                + "&to="
                + today.minusDays(1));
    assertThat(session.textContent("res-malt-cost"))
        .startsWith("Chi phí theo hoá đơn trên đơn vị sản phẩm: ")
        // the currency as the money beside it writes it: ₫/hl (it said VND/hl beside "… ₫")
        .contains(viInt(malt.getDouble("reporting_cost_per_unit")) + " ₫/hl")
        .contains("kỳ cơ sở " + viInt(malt.getDouble("baseline_cost_per_unit")) + " ₫/hl")
        .doesNotContain("VND");
    browser.findElement(By.id("lang-switch")).click();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> session.textContent("res-intro").startsWith("Per unit of lager"));
    assertThat(session.textContent("res-malt")).contains("material").contains("Saved");
    // against the EnPI's baseline period: nobody approved it as malt's baseline, so no target is
    // met whatever the saving (the overview said "8 % target: met" for such a resource)
    assertThat(session.textContent("res-malt-label"))
        .contains("no baseline of this resource is approved by an auditor");
    assertThat(session.textContent("res-malt")).doesNotContain(": met");
    assertThat(session.textContent("res-coal-error"))
        .startsWith("Cannot be computed from the data stored for this period.");
    assertThat(browser.findElement(By.cssSelector("[data-i18n='res.title']")).getText())
        .startsWith("Resources per unit of product");
    browser.findElement(By.id("lang-switch")).click();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> session.textContent("res-intro").startsWith("Trên mỗi đơn vị"));
    screenshot("overview-resources", "res-gas-sec", "res-malt-sec");
  }

  /** The showcase's entry of {@code resource}. */
  static JsonObject resourceOf(io.vertx.core.json.JsonArray resources, String resource) {
    return resources.stream()
        .map(o -> (JsonObject) o)
        .filter(r -> resource.equals(r.getString("resource")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + resource + " in " + resources));
  }

  /** A whole number as the Vietnamese pages write it (9.900). */
  static String viInt(double v) {
    return String.format(java.util.Locale.forLanguageTag("vi-VN"), "%,.0f", v);
  }

  /** A SEC as the Vietnamese pages write it with three decimals (1.234,567). */
  /** As the showcase writes a SEC of 0,1 or more: up to three decimals, Vietnamese separators. */
  static String viUpTo3(double v) {
    java.text.NumberFormat f =
        java.text.NumberFormat.getInstance(java.util.Locale.forLanguageTag("vi-VN"));
    f.setMaximumFractionDigits(3);
    return f.format(v);
  }

  static String viFixed3(double v) {
    return String.format(java.util.Locale.forLanguageTag("vi-VN"), "%,.3f", v);
  }

  /** A fraction as the pages write a percentage in Vietnamese: "10,1%". */
  static String viPercent(double fraction) {
    java.text.NumberFormat f =
        java.text.NumberFormat.getInstance(java.util.Locale.forLanguageTag("vi-VN"));
    f.setMaximumFractionDigits(1);
    return f.format(fraction * 100) + "%";
  }

  static JsonObject getAsAdmin(String path) {
    var client = io.vertx.ext.web.client.WebClient.create(svc.vertx);
    try {
      var r =
          client
              .get(svc.app.httpPort(), "127.0.0.1", path)
              .bearerTokenAuthentication(svc.access.systemAdminToken())
              .send()
              .await();
      assertThat(r.statusCode()).as(path + ": " + r.bodyAsString()).isEqualTo(200);
      return r.bodyAsJsonObject();
    } finally {
      client.close();
    }
  }

  @Test
  @Order(10)
  void trendsShowAResourcesSecPerPeriodAgainstItsBaselineAsTheApiReportsIt() throws Exception {
    // issue 17 on the trends page: malt (declared with its daily use in @Order(9)) per hl of lager
    // over the days shown after the EnPI's baseline, against the baseline period's SEC
    session.signIn("plant-viewer-" + SUFFIX, "/overview.html");
    LocalDate today = LocalDate.now(PLANT_ZONE);
    browser.get(
        session.url(
            "/trends.html?enterprise="
                + PLANT
                + "&meter=main-em&resource=malt&from="
                + today.minusDays(10)
                + "&to="
                + today));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(session.text("sum-res"))
                    .as("message: " + session.text("message"))
                    .contains("Malt"));
    String base = "/api/v1/enterprises/" + PLANT;
    JsonObject baseline =
        getAsAdmin(base + "/enpis/" + TwoCarrierPlant.ENPI + "/baselines")
            .getJsonArray("baselines")
            .getJsonObject(0);
    // the days shown after the baseline, up to yesterday (today is not complete)
    LocalDate from = LocalDate.parse(baseline.getString("to")).plusDays(1);
    if (from.isBefore(today.minusDays(10))) {
      from = today.minusDays(10);
    }
    JsonObject ind =
        getAsAdmin(
            base
                + "/resources/malt/indicator?product=lager&baseline_from="
                + baseline.getString("from")
                + "&baseline_to="
                + baseline.getString("to")
                + "&from="
                + from
                + "&to="
                + today.minusDays(1));
    assertThat(session.text("sum-res"))
        .contains(viFixed3(ind.getDouble("reporting_sec")) + " kg/hl")
        .contains(viFixed3(ind.getDouble("baseline_sec")) + " kg/hl")
        .contains("trên đơn vị lager")
        // the EnPI's baseline is approved, but not as malt's baseline (a reviewer read
        // "baseline approved" beside malt, which had none)
        .contains("chưa có đường cơ sở của tài nguyên này được kiểm toán viên phê duyệt")
        .doesNotContain("Trạng thái đường cơ sở: đã phê duyệt")
        // a 26-day baseline fails the data sufficiency rule: indicative (issue 15)
        .contains("chỉ mang tính tham khảo, chưa thể xác minh");
    // the chart draws exactly the API's periods
    @SuppressWarnings("unchecked")
    List<Object> drawn =
        (List<Object>)
            session.js(
                "return echarts.getInstanceByDom(document.getElementById('chart-res'))"
                    + ".getOption().series[0].data;");
    List<Double> api =
        ind.getJsonObject("reporting").getJsonArray("periods").stream()
            .map(o -> ((JsonObject) o).getDouble("sec"))
            .toList();
    assertThat(drawn).hasSize(api.size());
    for (int i = 0; i < api.size(); i++) {
      assertThat(((Number) drawn.get(i)).doubleValue())
          .isCloseTo(api.get(i), org.assertj.core.data.Offset.offset(1e-9));
    }
    browser.findElement(By.id("lang-switch")).click();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> session.text("sum-res").contains("per unit of lager"));
    assertThat(session.text("sum-res"))
        .contains("indicative, not verifiable")
        .contains("no baseline of this resource is approved by an auditor");
    browser.findElement(By.id("lang-switch")).click();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> session.text("sum-res").contains("trên đơn vị"));
    screenshot("trends-resource", "res-select", "chart-res", "sum-res");
  }

  @Test
  @Order(11)
  void theShowcaseShowsTheSitesResourcesFromItsApprovedBaselineAsIndicative() throws Exception {
    browser.manage().deleteAllCookies(); // anonymous: the plant is published
    // the product named as the enterprise names it (the demo's read "per unit of can-beer")
    svc.db.execute(
        "UPDATE product SET name = 'bia lager' WHERE code = 'lager' AND enterprise_id ="
            + " (SELECT enterprise_id FROM enterprise WHERE code = '"
            + PLANT
            + "')");
    // what the public's answer holds (issue 17 on the showcase)
    var client = io.vertx.ext.web.client.WebClient.create(svc.vertx);
    JsonObject show =
        client
            .get(
                svc.app.httpPort(),
                "127.0.0.1",
                "/api/v1/showcase/" + PLANT + "/" + TwoCarrierPlant.SITE)
            .send()
            .await()
            .bodyAsJsonObject();
    client.close();
    assertThat(show.getString("resources_product")).isEqualTo("lager");
    assertThat(show.getString("resources_product_name")).isEqualTo("bia lager");
    // no dashboards.public_url here: the QR code's address is on the origin the request used
    assertThat(show.getString("public_url"))
        .isEqualTo(
            "http://127.0.0.1:"
                + svc.app.httpPort()
                + "/showcase.html?enterprise="
                + PLANT
                + "&site="
                + TwoCarrierPlant.SITE);
    io.vertx.core.json.JsonArray resources = show.getJsonArray("resources");
    assertThat(resources.stream().map(o -> ((JsonObject) o).getString("resource")))
        .containsExactlyInAnyOrder("coal", "gas", "malt");
    JsonObject malt = resourceOf(resources, "malt");
    // coal (one stock count, @Order(9)): listed, indicative, with the reason it has no figure
    JsonObject coal = resourceOf(resources, "coal");
    assertThat(coal.getString("status")).isEqualTo("indicative");
    assertThat(coal.getString("note")).contains("stock count");
    // no figure of the enterprise's books: the day of the one count was in it
    assertThat(coal.getString("note")).doesNotContainPattern("[0-9]");
    assertThat(malt.getJsonObject("baseline").getString("status")).isEqualTo("approved");
    assertThat(malt.getJsonObject("baseline").getBoolean("approved_by_auditor")).isTrue();
    // a 26-day baseline: indicative, and no target met whatever the band
    assertThat(malt.getString("status")).isEqualTo("indicative");
    assertThat(malt.getJsonArray("failed_checks")).contains("data_sufficient");
    assertThat(malt.getJsonArray("targets").stream().map(o -> ((JsonObject) o).getString("status")))
        .containsOnly("INDICATIVE");
    // no entry of the enterprise's books on the public page
    assertThat(malt.fieldNames()).doesNotContain("entries", "periods", "notes");

    browser.get(
        session.url("/showcase.html?enterprise=" + PLANT + "&site=" + TwoCarrierPlant.SITE));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !session.textContent("show-res-malt-sec").isEmpty());
    session.js("document.getElementById('pause').click()");
    assertThat(session.textContent("panel-pos")).endsWith("/ 4");
    assertThat(session.textContent("show-res-malt-sec"))
        .isEqualTo(viFixed3(malt.getDouble("reporting_sec")));
    assertThat(session.textContent("show-res-malt-base"))
        .isEqualTo("Trước " + viFixed3(malt.getDouble("baseline_sec")) + " kg/hl");
    assertThat(session.textContent("show-res-malt-saved")).contains("tiết kiệm").contains("kg");
    assertThat(session.textContent("show-res-malt-status"))
        .startsWith("chỉ mang tính tham khảo, chưa thể xác minh")
        .contains("dữ liệu cơ sở chưa đủ (cần một năm, thiếu không quá 10 %)")
        .doesNotContain(": đạt");
    assertThat(session.textContent("res-heading"))
        .isEqualTo("Nước, nhiên liệu và nguyên liệu trên mỗi đơn vị bia lager");
    // a per-unit figure below 0,1 is shown in a smaller unit, the baseline's and the period's in
    // the same one (a reviewer read coal at 0,0003618 t per can); the pages' own function, in
    // this browser
    assertThat(
            ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                        + " import('/js/i18n.js').then(m => done(JSON.stringify(["
                        + " m.secScale([0.0000119, 0.0000132], 't/pcs'),"
                        + " m.secScale([0.0002022, 0.0002297], 'GJ/pcs'),"
                        + " m.secScale([0.003795], 'm3/HLT'),"
                        + " m.secScale([0.05, 0.2], 't/pcs'),"
                        + " m.secScale([16.5], 'kg/HLT')])))"))
        .isEqualTo(
            "[{\"factor\":1000000,\"unit\":\"g/pcs\"},{\"factor\":1000,\"unit\":\"MJ/pcs\"},"
                + "{\"factor\":1000,\"unit\":\"l/HLT\"},{\"factor\":1,\"unit\":\"t/pcs\"},"
                + "{\"factor\":1,\"unit\":\"kg/HLT\"}]");
    // the visitor reads why coal has no figure in Vietnamese; the server's reason is marked English
    assertThat(session.textContent("show-res-coal-note"))
        .startsWith("Chưa tính được từ dữ liệu đã lưu cho kỳ này.");
    assertThat(
            session.js(
                "const s = document.querySelector('#show-res-coal-note [lang=en]');"
                    + " return s ? s.textContent : null;"))
        .isEqualTo(coal.getString("note"));
    for (int i = 0; i < 3; i++) {
      session.js("document.getElementById('next').click()");
    }
    assertThat(session.textContent("panel-pos")).isEqualTo("4 / 4");
    screenshot("showcase-plant-resources", "show-res-malt-sec", "show-res-gas-sec");
    // on a phone the resources' figures stay in their cards (a visitor's page scrolled sideways:
    // "0,0001999 GJ/sp" ran out of its card)
    browser.manage().window().setSize(new Dimension(390, 844));
    try {
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () -> {
                assertThat(
                        session.js(
                            "const d = document.documentElement; return d.scrollWidth - d.clientWidth;"))
                    .as("sideways scroll on a phone")
                    .isEqualTo(0L);
                for (String r : List.of("malt", "gas")) {
                  assertThat(
                          session.js(
                              "const v = document.querySelector('#show-res-' + arguments[0] + ' .value');"
                                  + " const c = v.closest('.big').getBoundingClientRect();"
                                  + " return [...v.children].every(s => s.getBoundingClientRect().right"
                                  + " <= c.right + 1);",
                              r))
                      .as(r + "'s figure inside its card")
                      .isEqualTo(true);
                }
              });
    } finally {
      browser.manage().window().setSize(new Dimension(1366, 768));
    }
    browser.findElement(By.id("lang-switch")).click();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> session.textContent("res-heading").startsWith("Water, fuels and materials"));
    assertThat(session.textContent("show-res-malt-status"))
        .startsWith("indicative, not verifiable");
    assertThat(session.textContent("show-res-malt")).contains("material");
    browser.findElement(By.id("lang-switch")).click();
  }

  /**
   * The overview's gateways table: the status message the gateway sent, its last message, and the
   * messages it numbered that never arrived, in Vietnamese and English.
   */
  @Test
  @Order(12)
  void theOverviewShowsTheGatewaysStatusAndTheMessagesThatNeverArrived() throws Exception {
    Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(30);
    svc.broker.publish(
        "et/v1/" + ENTERPRISE + "/plant-1/gw-1/status",
        """
        {"schema_version":1,"gateway":"gw-1","state":"online","ts":"%s","reason":"started","software_version":"0.9.1"}
        """
            .formatted(at));
    // the next two messages are lost on their way: the one after them arrives
    long lost = SEQ.get() + 1;
    SEQ.addAndGet(2);
    publish(ENTERPRISE, "line1-em", 150.0, t0.plusSeconds(90));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                svc.db.count(
                        "select count(*) from gateway g join enterprise e using (enterprise_id)"
                            + " where e.code = '"
                            + ENTERPRISE
                            + "' and g.last_seq = "
                            + (lost + 2)
                            + " and g.status = 'online'")
                    == 1);
    // eleven minutes later: past the grace a replayed backlog has
    Gateways.messagesArrivedEarlier(svc.db, ENTERPRISE, Duration.ofMinutes(11));
    session.js("localStorage.setItem('et.lang', 'vi');");
    session.signIn("viewer-" + SUFFIX, "/overview.html?enterprise=" + ENTERPRISE);
    // the latest first; number 2 went to the other enterprise's gateway in start()
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () ->
                assertThat(session.textContent("gw-gw-1-missing"))
                    .startsWith(
                        "3 bản tin không bao giờ đến: số "
                            + lost
                            + "–"
                            + (lost + 1)
                            + " (các số sau")
                    .contains("; số 2 (các số sau"));
    WebElement row = browser.findElement(By.id("gw-gw-1"));
    assertThat(row.getText())
        .contains("trực tuyến từ")
        .contains("(đã khởi động)")
        .contains("0.9.1");
    assertThat(browser.getPageSource()).doesNotContain(HIDDEN);
    screenshot("overview-gateways", "gw-gw-1-missing");

    browser.findElement(By.id("lang-switch")).click();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> session.textContent("gw-gw-1-missing").startsWith("3 messages"));
    assertThat(session.textContent("gw-gw-1-missing"))
        .startsWith("3 messages never arrived: seq " + lost + "–" + (lost + 1) + " (the numbers")
        .contains("; seq 2 (the numbers");
    assertThat(browser.findElement(By.id("gw-gw-1")).getText())
        .contains("online since")
        .contains("(started)");
    browser.findElement(By.id("lang-switch")).click();
  }
}
