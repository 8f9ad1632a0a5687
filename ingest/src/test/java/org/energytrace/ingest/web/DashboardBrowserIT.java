package org.energytrace.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.energytrace.ingest.IngestApp;
import org.energytrace.ingest.auth.Role;
import org.energytrace.ingest.config.DashboardConfig;
import org.energytrace.ingest.config.IngestConfig;
import org.energytrace.ingest.fixtures.TcpRelay;
import org.energytrace.ingest.fixtures.TestAccess;
import org.energytrace.ingest.fixtures.TestBroker;
import org.energytrace.ingest.fixtures.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

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
  static final String PASSWORD = "pw-" + UUID.randomUUID();
  static final AtomicLong SEQ = new AtomicLong();

  static TestDatabase db;
  static TestBroker broker;
  static Vertx vertx;
  static IngestApp app;
  static TcpRelay relay;
  static ChromeDriver browser;
  static Instant t0;

  @BeforeAll
  static void start() throws Exception {
    assertThat(LivePageBrowserIT.CHROMIUM).as("Chromium (apt-get install chromium)").exists();
    assertThat(LivePageBrowserIT.CHROMEDRIVER).as("apt-get install chromium-driver").exists();
    db = TestDatabase.create();
    broker = TestBroker.connect();
    vertx = Vertx.vertx();
    app =
        IngestApp.start(
                vertx,
                IngestConfig.defaults(
                        db.url(), db.config().user(), TestBroker.URL, "et-dash-" + SUFFIX)
                    .withDashboards(DashboardConfig.defaults().withTariff(2000, "VND")))
            .await();
    await().atMost(Duration.ofSeconds(20)).until(app::mqttConnected);
    relay = TcpRelay.to("127.0.0.1", app.httpPort());

    t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(120);
    publish(ENTERPRISE, "line1-em", 182.4, t0);
    publish(HIDDEN, "secret-meter", 777.7, t0);
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> db.count("select count(*) from meter where code = 'secret-meter'") == 1);
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> db.count("select count(*) from meter where code = 'line1-em'") >= 1);
    TestAccess access = TestAccess.of(db);
    access.user("viewer-" + SUFFIX, Role.ENTERPRISE_VIEWER, ENTERPRISE, List.of(), PASSWORD);
    access.publish(ENTERPRISE, "plant-1");

    ChromeOptions options = new ChromeOptions();
    options.setBinary(LivePageBrowserIT.CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--lang=vi-VN",
        "--window-size=1366,768",
        "--user-data-dir=" + Files.createTempDirectory("et-chromium-"));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(LivePageBrowserIT.CHROMEDRIVER.toFile())
            .build();
    browser = new ChromeDriver(service, options);
    Files.createDirectories(SCREENSHOTS);
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    if (relay != null) {
      relay.close();
    }
    if (app != null) {
      app.stop().await();
    }
    if (vertx != null) {
      vertx.close().await();
    }
    if (broker != null) {
      broker.close();
    }
    if (db != null) {
      db.close();
    }
  }

  static void publish(String enterprise, String meter, double power, Instant at) {
    long seq = SEQ.incrementAndGet();
    broker.publish(
        "et/v1/" + enterprise + "/plant-1/gw-1/telemetry",
        """
        {"schema_version":1,"gateway":"gw-1","seq":%d,"sent_at":"%s","points":[
         {"meter":"%s","channel":"AcActivePowerTotal","ts":"%s","value":%s,"unit":"KWT","quality":"good"},
         {"meter":"%s","channel":"AcActiveEnergyTotalImport","ts":"%s","value":%s,"unit":"KWH","kind":"counter","quality":"good"}]}
        """
            .formatted(seq, at, meter, at, power, meter, at, 1000 + seq * 3));
  }

  static String url(String path) {
    return "http://127.0.0.1:" + relay.port() + path;
  }

  static String text(String id) {
    try {
      return browser.findElement(By.id(id)).getText();
    } catch (StaleElementReferenceException | org.openqa.selenium.NoSuchElementException e) {
      return "";
    }
  }

  static Object js(String script) {
    return ((JavascriptExecutor) browser).executeScript(script);
  }

  static void screenshot(String name) throws Exception {
    for (Dimension size : List.of(new Dimension(1366, 768), new Dimension(1920, 1080))) {
      browser.manage().window().setSize(size);
      Thread.yield();
      js("window.dispatchEvent(new Event('resize'))");
      Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
      Files.copy(
          shot,
          SCREENSHOTS.resolve(name + "-" + size.getWidth() + "x" + size.getHeight() + ".png"),
          StandardCopyOption.REPLACE_EXISTING);
    }
    browser.manage().window().setSize(new Dimension(1366, 768));
  }

  static String liveState() {
    return String.valueOf(js("return document.getElementById('live-state').dataset.state;"));
  }

  @Test
  @Order(1)
  void signsInAndTheOverviewShowsAReadingPublishedOverMqttWithoutReload() throws Exception {
    browser.get(url("/login.html?next=/overview.html"));
    screenshot("login");
    browser.findElement(By.id("username")).sendKeys("viewer-" + SUFFIX);
    browser.findElement(By.id("password")).sendKeys(PASSWORD);
    browser.findElement(By.cssSelector("form#login button[type=submit]")).click();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> browser.getCurrentUrl().contains("overview"));
    // Vietnamese is the default language: one decimal, comma as the decimal separator
    await().atMost(Duration.ofSeconds(15)).until(() -> text("power-line1-em").equals("182,4"));
    await().atMost(Duration.ofSeconds(10)).until(() -> "live".equals(liveState()));
    js("window.__etNoReload = 'still here';");

    publish(ENTERPRISE, "line1-em", 199.75, t0.plusSeconds(60));

    // issue 6: values update live within 2 s of a reading being stored
    await().atMost(Duration.ofSeconds(10)).until(() -> text("power-line1-em").equals("199,8"));
    assertThat(text("kpi-power")).isEqualTo("199,8");
    assertThat(js("return window.__etNoReload;")).isEqualTo("still here");
    assertThat(browser.getPageSource()).doesNotContain(HIDDEN);
    screenshot("overview");
  }

  @Test
  @Order(2)
  void switchingLanguageShowsEnglishThenVietnameseLabelsAndNumberFormats() {
    publish(ENTERPRISE, "line1-em", 1234.5, t0.plusSeconds(70));
    await().atMost(Duration.ofSeconds(10)).until(() -> text("power-line1-em").equals("1.234,5"));
    browser.findElement(By.id("lang-switch")).click();
    await().atMost(Duration.ofSeconds(5)).until(() -> text("power-line1-em").equals("1,234.5"));
    assertThat(browser.findElement(By.cssSelector("[data-i18n='kpi.power']")).getText())
        .isEqualTo("Power now");
    browser.findElement(By.id("lang-switch")).click();
    await().atMost(Duration.ofSeconds(5)).until(() -> text("power-line1-em").equals("1.234,5"));
    assertThat(browser.findElement(By.cssSelector("[data-i18n='kpi.power']")).getText())
        .isEqualTo("Công suất hiện tại");
    assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("vi");
    // dates as dd/MM/yyyy (vi-VN writes the time first: 10:07:50 29/11/2026)
    String lastSeen =
        browser.findElement(By.cssSelector("#row-line1-em td:nth-child(6)")).getText();
    assertThat(lastSeen).containsPattern("(^|\\s)\\d{2}/\\d{2}/\\d{4}$");
  }

  @Test
  @Order(3)
  void aDroppedLiveConnectionIsShownAndRecovers() {
    await().atMost(Duration.ofSeconds(10)).until(() -> "live".equals(liveState()));
    relay.cut();
    await().atMost(Duration.ofSeconds(10)).until(() -> "offline".equals(liveState()));
    assertThat(text("live-state")).isEqualTo("mất kết nối – đang thử lại");
    relay.restore();
    await().atMost(Duration.ofSeconds(20)).until(() -> "live".equals(liveState()));
    publish(ENTERPRISE, "line1-em", 321.0, t0.plusSeconds(80));
    await().atMost(Duration.ofSeconds(10)).until(() -> text("power-line1-em").equals("321"));
  }

  @Test
  @Order(4)
  void aPageForANonexistentMeterShowsAClearMessage() throws Exception {
    browser.get(url("/meter.html?enterprise=" + ENTERPRISE + "&meter=no-such-meter"));
    await().atMost(Duration.ofSeconds(10)).until(() -> !text("message").isEmpty());
    assertThat(text("message"))
        .isEqualTo("Không tìm thấy công tơ “no-such-meter” của doanh nghiệp “" + ENTERPRISE + "”.");
    assertThat(browser.getPageSource()).doesNotContain("Exception").doesNotContain("at org.");
    browser.get(url("/meter.html?enterprise=" + ENTERPRISE + "&meter=line1-em"));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> text("ch-AcActivePowerTotal").contains("321"));
    screenshot("meter");
    browser.get(url("/trends.html?enterprise=" + ENTERPRISE + "&meter=line1-em&from=2026-01-01"));
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> !text("sum-a").isEmpty() && !text("sum-sec").isEmpty());
    screenshot("trends");
  }

  @Test
  @Order(5)
  void theShowcaseShowsNoDataOfAnUnpublishedEnterprise() throws Exception {
    browser.manage().deleteAllCookies(); // an anonymous visitor
    browser.get(url("/showcase.html"));
    await().atMost(Duration.ofSeconds(10)).until(() -> text("sites").contains(ENTERPRISE));
    assertThat(browser.getPageSource()).doesNotContain(HIDDEN);

    browser.get(url("/showcase.html?enterprise=" + HIDDEN + "&site=plant-1"));
    await().atMost(Duration.ofSeconds(10)).until(() -> !text("message").isEmpty());
    assertThat(text("message")).isEqualTo("Nhà máy này không có trên trang trưng bày.");
    assertThat(browser.getPageSource()).doesNotContain("777").doesNotContain("secret-meter");

    browser.get(url("/showcase.html?enterprise=" + ENTERPRISE + "&site=plant-1"));
    await().atMost(Duration.ofSeconds(10)).until(() -> text("show-power").equals("321"));
    assertThat(browser.getPageSource()).doesNotContain(HIDDEN).doesNotContain("777");
    screenshot("showcase");
  }
}
