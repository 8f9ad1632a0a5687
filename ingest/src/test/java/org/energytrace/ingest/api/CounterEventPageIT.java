package org.energytrace.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.energytrace.ingest.fixtures.Telemetry.point;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.energytrace.ingest.auth.Role;
import org.energytrace.ingest.config.SecurityConfig;
import org.energytrace.ingest.fixtures.BrowserSession;
import org.energytrace.ingest.fixtures.SecuredService;
import org.energytrace.ingest.fixtures.Telemetry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * An enterprise administrator records a meter replacement on the meter page (it could only be
 * recorded through the API): the time typed in the site's zone is the instant stored, the
 * derivation's own "reset" at the swap leaves the counter anomalies, a refusal names the field on
 * the form, and removing the event recorded by mistake brings the reset back. A viewer sees the
 * events but no form and no remove button.
 */
class CounterEventPageIT {
  static final String ENTERPRISE = "cep-" + UUID.randomUUID().toString().substring(0, 8);
  static final String API = "/api/v1/enterprises/" + ENTERPRISE;
  static final ZoneId SITE_ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
  static final Instant START = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(2));
  static final int STEPS = 96;
  // the old meter runs 48 000 kWh + 5 kWh a quarter hour and closes 2 kWh after its 40th reading;
  // the new one opens at 0.2 kWh
  static final Instant SWAP = START.plus(Duration.ofMinutes(15L * 40 + 7));
  static final double CLOSING = 48_000 + 5 * 40 + 2;
  static final double OPENING = 0.2;
  static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

  static SecuredService svc;
  static String token;

  @BeforeAll
  static void start() {
    svc = SecuredService.start(SecurityConfig.defaults());
    token = svc.access.systemAdminToken();
    List<String> points = new ArrayList<>();
    for (int i = 0; i <= STEPS; i++) {
      Instant t = START.plus(Duration.ofMinutes(15L * i));
      double v = t.isBefore(SWAP) ? 48_000 + 5 * i : OPENING + 5 * (i - 40) - 2;
      points.add(point("E", t, v, "KWH", "counter"));
      points.add(point("P", t, 20, "KWT", "gauge"));
    }
    Telemetry.storeAsGateway(svc.db.config(), ENTERPRISE, points);
  }

  @AfterAll
  static void stop() throws Exception {
    if (svc != null) {
      svc.close();
    }
  }

  static JsonArray events() {
    HttpResponse<Buffer> r =
        svc.withToken(HttpMethod.GET, API + "/meters/em/channels/E/counter-events", token)
            .send()
            .await();
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject().getJsonArray("events");
  }

  /** The derivation's own resets of channel E in the window of the data. */
  static List<String> resets() {
    HttpResponse<Buffer> r =
        svc.withToken(
                HttpMethod.GET,
                API
                    + "/counter-anomalies?meter=em&from="
                    + START
                    + "&to="
                    + START.plus(Duration.ofDays(1)),
                token)
            .send()
            .await();
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject().getJsonArray("anomalies").stream()
        .map(JsonObject.class::cast)
        .filter(a -> a.getString("channel").equals("E"))
        .map(a -> a.getString("how") + " " + a.getString("end"))
        .toList();
  }

  static ChromeDriver signedIn(String user, Role role) throws Exception {
    ChromeDriver browser = BrowserSession.signedIn(svc, user, role, ENTERPRISE);
    browser.get(
        "http://127.0.0.1:"
            + svc.app.httpPort()
            + "/meter.html?lang=en&enterprise="
            + ENTERPRISE
            + "&meter=em");
    return browser;
  }

  static void set(ChromeDriver browser, String id, String value) {
    WebElement input = browser.findElement(By.id(id));
    ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]", input, value);
  }

  @Test
  void anAdministratorRecordsAReplacementInTheSitesTimeAndRemovesItAgain() throws Exception {
    String swapEnd = START.plus(Duration.ofMinutes(15L * 41)).toString();
    assertThat(resets())
        .as("before: the swap booked as a reset")
        .containsExactly("reset " + swapEnd);
    ChromeDriver browser = signedIn("cep-admin-" + ENTERPRISE, Role.ENTERPRISE_ADMIN);
    try {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> browser.findElement(By.id("ev-form")).isDisplayed());
      // the multiplier change's fields are not asked for a replacement
      assertThat(browser.findElement(By.id("ev-register")).isDisplayed()).isFalse();
      // a time in the future: refused naming the field, on the form, nothing stored
      set(browser, "ev-ts", local(Instant.now().plus(Duration.ofDays(1))));
      browser.findElement(By.id("ev-closing")).sendKeys(String.valueOf(CLOSING));
      browser.findElement(By.id("ev-opening")).sendKeys(String.valueOf(OPENING));
      browser.findElement(By.id("ev-submit")).click();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> browser.findElement(By.id("ev-status")).getText().contains("future"));
      assertThat(browser.findElement(By.id("ev-ts")).getAttribute("aria-invalid"))
          .isEqualTo("true");
      assertThat(events()).isEmpty();

      // the swap's wall-clock time at the site (UTC+7), as the operator reads it off the job sheet
      set(browser, "ev-ts", local(SWAP));
      // a closing reading below what the register read before it: refused naming the field and
      // the reading (it was stored, and booked the register's whole count in one interval)
      set(browser, "ev-closing", "100");
      browser.findElement(By.id("ev-submit")).click();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  browser
                      .findElement(By.id("ev-status"))
                      .getText()
                      .contains("is below the register's reading before the event"));
      assertThat(browser.findElement(By.id("ev-closing")).getAttribute("aria-invalid"))
          .isEqualTo("true");
      assertThat(events()).isEmpty();
      set(browser, "ev-closing", String.valueOf(CLOSING));
      browser.findElement(By.id("ev-note")).sendKeys("SDM630 exchanged");
      browser.findElement(By.id("ev-submit")).click();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> browser.findElement(By.id("ev-status")).getText().contains("recorded"));
      JsonArray stored = events();
      assertThat(stored).hasSize(1);
      JsonObject e = stored.getJsonObject(0);
      assertThat(e.getString("ts")).isEqualTo(SWAP.toString());
      assertThat(e.getString("kind")).isEqualTo("replacement");
      assertThat(e.getDouble("closing_value")).isCloseTo(CLOSING, within(1e-9));
      assertThat(e.getDouble("opening_value")).isCloseTo(OPENING, within(1e-9));
      assertThat(e.getString("note")).isEqualTo("SDM630 exchanged");
      String row = browser.findElement(By.id("ev-" + e.getLong("id"))).getText();
      assertThat(row).contains("replacement", "48,202", "SDM630 exchanged");
      assertThat(resets()).as("the swap is no reset any more").isEmpty();

      // a live reading redraws the channels' table, not the events': the remove button under the
      // pointer stays the same element (it was replaced every second, and a click could be lost)
      WebElement remove = browser.findElement(By.id("ev-" + e.getLong("id") + "-delete"));
      svc.broker.publish(
          "et/v1/" + ENTERPRISE + "/plant-1/gw-1/telemetry",
          new String(
              Telemetry.message(
                  1_000,
                  Instant.now(),
                  List.of(point("P", Instant.now().minusSeconds(1), 33.5, "KWT", "gauge"))),
              java.nio.charset.StandardCharsets.UTF_8));
      await()
          .atMost(Duration.ofSeconds(20))
          .ignoreExceptions()
          .until(() -> browser.findElement(By.id("ch-P")).getText().contains("33.5"));
      assertThat(remove.isDisplayed()).as("the same button, not a stale one").isTrue();

      // removed as recorded by mistake, after the operator confirms
      remove.click();
      assertThat(browser.switchTo().alert().getText()).contains("replacement", "channel E");
      browser.switchTo().alert().accept();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () -> browser.findElement(By.id("events")).getText().contains("No counter events"));
      assertThat(events()).isEmpty();
      assertThat(resets()).containsExactly("reset " + swapEnd);
    } finally {
      browser.quit();
    }
  }

  @Test
  void aViewerSeesTheEventsButNoFormToChangeThem() throws Exception {
    ChromeDriver browser = signedIn("cep-view-" + ENTERPRISE, Role.ENTERPRISE_VIEWER);
    try {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> browser.findElement(By.id("events")).getText().contains("counter events"));
      assertThat(browser.findElement(By.id("ev-form")).isDisplayed()).isFalse();
      assertThat(browser.findElements(By.cssSelector("#events button"))).isEmpty();
    } finally {
      browser.quit();
    }
  }

  /** An instant as a datetime-local input holds it, in the site's zone. */
  static String local(Instant at) {
    return at.atZone(SITE_ZONE).format(LOCAL);
  }
}
