package org.energytrace.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.energytrace.ingest.auth.Role;
import org.energytrace.ingest.fixtures.BrowserSession;
import org.energytrace.ingest.fixtures.MeteredPlant;
import org.energytrace.ingest.fixtures.PageChecks;
import org.energytrace.ingest.fixtures.SecuredService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The meter page's calibration records (docs/verification.md §1.6) in headless Chromium: the
 * enterprise's administrator records a calibration with its certificate file in the page and sees
 * it in the table (the link downloads the same bytes), a bad entry shows the API's refusal naming
 * the field and stores nothing, a correction marks the corrected record; a viewer sees the records
 * but no form. Vietnamese and English.
 *
 * <p>Meter m1 has no record at the start (the administrator's test records them); meter m2 has one
 * recorded over the API with a certificate file (the viewer's test reads it).
 */
class MeterCalibrationBrowserIT {
  static final String S = UUID.randomUUID().toString().substring(0, 6);
  static final String E = "cal-" + S;
  static final DateTimeFormatter DMY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
  static final LocalDate TODAY = LocalDate.now();

  /** Bytes that are no text in any encoding: the download must give back exactly these. */
  static final byte[] CERTIFICATE = {'%', 'P', 'D', 'F', '-', 0, (byte) 0xff, (byte) 0x80, 13, 10};

  @RegisterExtension static final BrowserSession session = new BrowserSession();
  static SecuredService svc;
  static ChromeDriver browser;
  static String token;
  static Path certificateFile;

  @BeforeAll
  static void start() throws Exception {
    svc = session.startService();
    token = svc.access.systemAdminToken();
    call(HttpMethod.PUT, "/gateways/gw-1", new JsonObject().put("site", "plant-1"));
    for (String meter : List.of("m1", "m2")) {
      call(
          HttpMethod.PUT,
          "/meters/" + meter,
          MeteredPlant.meter("plant-1", "gw-1", MeteredPlant.powerChannel()));
    }
    call(
        HttpMethod.POST,
        "/meters/m2/calibrations",
        new JsonObject()
            .put("calibrated_on", TODAY.minusDays(100).toString())
            .put("valid_until", TODAY.plusYears(2).toString())
            .put("certificate", "KĐ-" + S)
            .put("lab", "Trung tâm Kỹ thuật 3")
            .put("result", "passed")
            .put(
                "attachment",
                new JsonObject()
                    .put("name", "m2-" + S + ".pdf")
                    .put("media_type", "application/pdf")
                    .put("content_base64", Base64.getEncoder().encodeToString(CERTIFICATE))));
    session.account("ea-" + S, Role.ENTERPRISE_ADMIN, E);
    session.account("ev-" + S, Role.ENTERPRISE_VIEWER, E);
    certificateFile = Files.createTempFile("gcn-" + S + "-", ".pdf");
    Files.write(certificateFile, CERTIFICATE);
    certificateFile.toFile().deleteOnExit();
    browser = session.open("--lang=vi-VN", "--window-size=1366,900");
  }

  static void call(HttpMethod method, String path, JsonObject body) {
    svc.ok(method, "/api/v1/enterprises/" + E + path, token, body);
  }

  static JsonArray listed(String meter) {
    return svc.ok(
            HttpMethod.GET,
            "/api/v1/enterprises/" + E + "/meters/" + meter + "/calibrations",
            token,
            null)
        .bodyAsJsonObject()
        .getJsonArray("calibrations");
  }

  void open(String meter, String lang) {
    browser.get(session.url("/meter.html?enterprise=" + E + "&meter=" + meter + "&lang=" + lang));
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> browser.findElements(By.cssSelector("#cal-rows tr")).size() > 0);
  }

  /** Types a day into a date input as the browser's picker would leave it. */
  void day(String id, LocalDate d) {
    session.js(
        "const e = document.getElementById(arguments[0]); e.value = arguments[1];"
            + " e.dispatchEvent(new Event('change'));",
        id,
        d.toString());
  }

  /** The certificate link's file as this signed-in browser downloads it, in base64. */
  String download(String linkId) {
    return (String)
        session.js(
            "return (async () => { const r = await fetch(document.getElementById(arguments[0]).href,"
                + " { credentials: 'same-origin' }); if (!r.ok) return 'HTTP ' + r.status;"
                + " const b = new Uint8Array(await r.arrayBuffer()); let s = '';"
                + " for (const x of b) s += String.fromCharCode(x); return btoa(s); })();",
            linkId);
  }

  /** The whole page as the browser shows it, to target/screenshots (for a person to look at). */
  @Test
  void theAdministratorRecordsACalibrationAndSeesItARefusalNamesTheFieldAndACorrectionIsMarked()
      throws Exception {
    session.signIn("ea-" + S);
    open("m1", "vi");
    assertThat(session.text("h-cal")).isEqualTo("Hiệu chuẩn");
    assertThat(session.text("cal-rows")).isEqualTo("Chưa có bản ghi hiệu chuẩn nào.");
    assertThat(browser.findElement(By.id("cal-form")).isDisplayed()).isTrue();
    assertThat(session.text("cal-form")).contains("Ghi nhận hiệu chuẩn");

    LocalDate on = TODAY.minusDays(40), until = on.plusYears(2).minusDays(1);
    day("cal-on", on);
    day("cal-until", until);
    session.type("cal-lab", "QUATEST 3");
    session.type("cal-certificate", "Q3-" + S);
    new Select(browser.findElement(By.id("cal-result"))).selectByVisibleText("Đạt");
    browser.findElement(By.id("cal-file")).sendKeys(certificateFile.toAbsolutePath().toString());
    browser.findElement(By.id("cal-submit")).click();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> session.text("cal-status").startsWith("Đã ghi nhận bản ghi hiệu chuẩn số"));

    // the page shows the record the API keeps
    JsonArray stored = listed("m1");
    assertThat(stored).hasSize(1);
    long id = stored.getJsonObject(0).getLong("id");
    assertThat(session.text("cal-status"))
        .isEqualTo("Đã ghi nhận bản ghi hiệu chuẩn số " + id + ".");
    String row = session.text("cal-" + id);
    assertThat(row)
        .contains(on.format(DMY))
        .contains(until.format(DMY))
        .contains("QUATEST 3")
        .contains("Q3-" + S)
        .contains("Đạt")
        .contains(certificateFile.getFileName().toString())
        .contains("ea-" + S)
        .contains("Hiện hành");
    assertThat(download("cal-" + id + "-file"))
        .isEqualTo(Base64.getEncoder().encodeToString(CERTIFICATE));
    // the form is empty again for the next record
    assertThat(browser.findElement(By.id("cal-lab")).getAttribute("value")).isEmpty();
    assertThat(
            PageChecks.englishInVietnamese(
                browser,
                List.of(
                    E,
                    "m1",
                    "ea-" + S,
                    "QUATEST 3",
                    "Q3-" + S,
                    certificateFile.getFileName().toString(),
                    "EnergyTrace",
                    "SHA-256",
                    "KiB",
                    "P",
                    "kW")))
        .isEmpty();

    // valid until a day before the calibration, and no laboratory: refused in the page's language
    // naming both fields at once (a reviewer got "valid_until: ends …" in English, one at a time),
    // nothing stored
    day("cal-on", on);
    day("cal-until", on.minusDays(1));
    session.type("cal-certificate", "Q3-" + S + "-b");
    browser.findElement(By.id("cal-submit")).click();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> session.text("cal-status").startsWith("Chưa gửi được, hãy sửa:"));
    assertThat(session.text("cal-status"))
        .contains("Có hiệu lực đến: trước ngày hiệu chuẩn")
        .contains("Phòng thí nghiệm: cần nhập")
        .doesNotContain("valid_until");
    assertThat(browser.findElement(By.id("cal-until")).getAttribute("aria-invalid"))
        .isEqualTo("true");
    assertThat(browser.findElement(By.id("cal-lab")).getAttribute("aria-invalid"))
        .isEqualTo("true");
    assertThat(listed("m1")).hasSize(1);
    assertThat(browser.findElements(By.cssSelector("#cal-rows tr"))).hasSize(1);

    // in English: a correction of the record, first dated in the future (refused), then right
    open("m1", "en");
    assertThat(session.text("h-cal")).isEqualTo("Calibrations");
    day("cal-on", TODAY.plusDays(3));
    session.type("cal-lab", "QUATEST 3");
    session.type("cal-certificate", "Q3-" + S + "-R");
    new Select(browser.findElement(By.id("cal-result"))).selectByVisibleText("Adjusted");
    new Select(browser.findElement(By.id("cal-corrects"))).selectByValue(String.valueOf(id));
    browser.findElement(By.id("cal-submit")).click();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> session.text("cal-status").startsWith("Not sent yet; please correct:"));
    assertThat(session.text("cal-status")).contains("Calibrated on: is in the future");
    assertThat(browser.findElement(By.id("cal-on")).getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(listed("m1")).hasSize(1);

    day("cal-on", on);
    browser.findElement(By.id("cal-submit")).click();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> session.text("cal-status").startsWith("Calibration record"));
    JsonArray after = listed("m1");
    assertThat(after).hasSize(2);
    long correction = after.getJsonObject(1).getLong("id");
    assertThat(after.getJsonObject(0).getLong("corrected_by")).isEqualTo(correction);
    assertThat(session.text("cal-" + id + "-state")).isEqualTo("Corrected by record " + correction);
    assertThat(session.text("cal-" + correction))
        .contains("Q3-" + S + "-R")
        .contains("Adjusted")
        .contains("no expiry stated")
        .contains("Corrects record " + id)
        .contains("Current");
    // the corrected record can no longer be chosen for a correction
    assertThat(
            new Select(browser.findElement(By.id("cal-corrects")))
                .getOptions().stream().map(o -> o.getAttribute("value")).toList())
        .containsExactly("", String.valueOf(correction));
    session.screenshot("meter-calibrations-en");
  }

  @Test
  void aViewerSeesTheRecordsAndTheCertificateButNoForm() {
    session.signIn("ev-" + S);
    open("m2", "en");
    JsonArray stored = listed("m2");
    assertThat(stored).hasSize(1);
    long id = stored.getJsonObject(0).getLong("id");
    assertThat(session.text("cal-" + id))
        .contains(TODAY.minusDays(100).format(DMY))
        .contains(TODAY.plusYears(2).format(DMY))
        .contains("Trung tâm Kỹ thuật 3")
        .contains("KĐ-" + S)
        .contains("Passed")
        .contains("m2-" + S + ".pdf")
        .contains("Current");
    assertThat(download("cal-" + id + "-file"))
        .isEqualTo(Base64.getEncoder().encodeToString(CERTIFICATE));
    // no form: recording is the administrators' (AccessPolicy: recordCalibration)
    assertThat(browser.findElement(By.id("cal-form")).isDisplayed()).isFalse();
    assertThat(session.text("calibrations")).doesNotContain("Record a calibration");

    // in Vietnamese on a narrow screen: no English left, no number broken over two lines
    browser.manage().window().setSize(new Dimension(800, 1280));
    try {
      open("m2", "vi");
      assertThat(session.text("cal-" + id)).contains("Đạt").contains("Hiện hành");
      assertThat(browser.findElement(By.id("cal-form")).isDisplayed()).isFalse();
      assertThat(PageChecks.numbersWrappingInsideThemselves(browser)).isEmpty();
      assertThat(
              PageChecks.englishInVietnamese(
                  browser,
                  List.of(
                      E,
                      "m2",
                      "ev-" + S,
                      // who recorded it over the API: the system administrator's token
                      stored.getJsonObject(0).getString("recorded_by"),
                      "KĐ-" + S,
                      "m2-" + S + ".pdf",
                      "EnergyTrace",
                      "SHA-256",
                      "P",
                      "kW")))
          .isEmpty();
    } finally {
      browser.manage().window().setSize(new Dimension(1366, 900));
    }
  }
}
