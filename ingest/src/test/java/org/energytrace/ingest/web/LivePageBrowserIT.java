package org.energytrace.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.energytrace.ingest.auth.Role;
import org.energytrace.ingest.fixtures.BrowserSession;
import org.energytrace.ingest.fixtures.CspViolations;
import org.energytrace.ingest.fixtures.Gateways;
import org.energytrace.ingest.fixtures.SecuredService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The live page in a real headless Chromium (Debian's chromium and chromium-driver): a reading
 * published over MQTT appears on the open page without a reload. Screenshots go to
 * target/screenshots.
 */
class LivePageBrowserIT {
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  @RegisterExtension static final BrowserSession session = new BrowserSession();
  static SecuredService svc;
  static ChromeDriver browser;

  final String enterprise = "web-" + UUID.randomUUID().toString().substring(0, 8);
  final String topic = "et/v1/" + enterprise + "/plant-1/gw-web-01/telemetry";

  @BeforeAll
  static void start() throws Exception {
    svc = session.startService();
    browser = session.open("--window-size=1366,768");
    Files.createDirectories(SCREENSHOTS);
  }

  String telemetry(long seq, Instant at, double power) {
    return """
        {"schema_version":1,"gateway":"gw-web-01","seq":%d,"sent_at":"%s","points":[
         {"meter":"line1-em","channel":"AcActivePowerTotal","ts":"%s","value":%s,"unit":"KWT","quality":"good"}]}
        """
        .formatted(seq, at, at, power);
  }

  WebElement powerCell() {
    List<WebElement> cells =
        browser.findElements(
            By.xpath(
                "//tr[td[1]='"
                    + enterprise
                    + "' and td[3]='line1-em' and td[4]='AcActivePowerTotal']/td[5]"));
    return cells.isEmpty() ? null : cells.get(0);
  }

  @Test
  void theBrowserEnforcesThePolicyAndTheTestsSeeWhatItBlocks() {
    browser.get(session.url("/"));
    CspViolations.since(browser);

    // an inline script added by a script: the page's CSP (script-src 'self') must refuse it
    Object ran =
        ((JavascriptExecutor) browser)
            .executeScript(
                "const s = document.createElement('script');"
                    + " s.textContent = 'window.__etInline = 1;';"
                    + " document.body.append(s); return window.__etInline === 1;");

    assertThat(ran).isEqualTo(false);
    await().atMost(Duration.ofSeconds(5)).until(() -> !CspViolations.since(browser).isEmpty());
  }

  @Test
  void showsANewReadingPublishedOverMqttWithoutReloadingThePage() throws Exception {
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(30);
    Gateways.register(svc.db, enterprise + "/plant-1/gw-web-01");
    svc.broker.publish(topic, telemetry(1, t0, 182.4));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                svc.db.count(
                        "select count(*) from reading r join enterprise e using (enterprise_id)"
                            + " where e.code = '"
                            + enterprise
                            + "'")
                    == 1);

    // the page is public: anonymous visitors see published sites only (docs/security.md)
    svc.access.publish(enterprise, "plant-1");
    // in English: the page follows the language of the other pages (Vietnamese by default)
    browser.get(session.url("/?lang=en"));
    // the page re-renders its table on every event: an element found a moment ago may be stale
    await()
        .atMost(Duration.ofSeconds(15))
        .ignoreException(StaleElementReferenceException.class)
        .until(() -> powerCell() != null && powerCell().getText().equals("182.4"));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> browser.findElement(By.id("state")).getText().equals("live"));
    // the reading's time in the province's zone, as every other page shows it, whatever the
    // browser's (UTC on this machine: a reviewer read "12:29:36 UTC" beside "19:29" elsewhere)
    String shown =
        t0.atZone(java.time.ZoneId.of("Asia/Ho_Chi_Minh"))
            .format(java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss"));
    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreException(StaleElementReferenceException.class)
        .untilAsserted(
            () ->
                assertThat(powerCell().findElement(By.xpath("../td[7]")).getText())
                    .contains(shown)
                    .contains("GMT+7"));
    // a marker that a reload would wipe
    ((JavascriptExecutor) browser).executeScript("window.__etNoReload = 'still here';");

    svc.broker.publish(topic, telemetry(2, t0.plusSeconds(1), 199.75));

    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreException(StaleElementReferenceException.class)
        .until(() -> powerCell() != null && powerCell().getText().equals("199.75"));
    assertThat(((JavascriptExecutor) browser).executeScript("return window.__etNoReload;"))
        .isEqualTo("still here");
    // an anonymous visitor is offered "sign in"; a signed-in one is not (it was offered to all);
    // the pages that need an account are offered to a signed-in one only
    assertThat(browser.findElements(By.id("signin"))).hasSize(1);
    String visitor = browser.findElement(By.tagName("footer")).getText();
    assertThat(visitor)
        .doesNotContain("Overview", "Trends", "Quarantine", "Tổng quan", "Xu hướng", "cách ly");
    session.account("live-viewer-" + enterprise, Role.ENTERPRISE_VIEWER, enterprise);
    session.signIn("live-viewer-" + enterprise);
    browser.get(session.url("/?lang=en"));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> browser.findElements(By.id("signin")).isEmpty());
    assertThat(browser.findElement(By.tagName("footer")).getText()).doesNotEndWith("· ");
    assertThat(browser.findElement(By.id("member-links")).isDisplayed()).isTrue();
    assertThat(browser.findElement(By.id("member-quarantine")).isDisplayed()).isTrue();
    Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, SCREENSHOTS.resolve("live-page.png"), StandardCopyOption.REPLACE_EXISTING);
    // on a phone the page does not scroll sideways (its eight columns pushed it to twice the
    // screen's width): the table scrolls in its place, the heading and the footer stay in view
    browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
    try {
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () -> {
                assertThat(
                        ((JavascriptExecutor) browser)
                            .executeScript(
                                "const d = document.documentElement;"
                                    + " return d.scrollWidth - d.clientWidth;"))
                    .as("sideways scroll on a phone")
                    .isEqualTo(0L);
                assertThat(
                        ((JavascriptExecutor) browser)
                            .executeScript(
                                "const t = document.querySelector('table');"
                                    + " return t.scrollWidth > t.clientWidth;"))
                    .as("the table scrolls in its place")
                    .isEqualTo(true);
              });
      Files.copy(
          ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(),
          SCREENSHOTS.resolve("live-page-390x844.png"),
          StandardCopyOption.REPLACE_EXISTING);
    } finally {
      browser.manage().window().setSize(new org.openqa.selenium.Dimension(1366, 768));
    }
  }
}
