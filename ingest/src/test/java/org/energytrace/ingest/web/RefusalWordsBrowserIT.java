package org.energytrace.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.energytrace.ingest.config.SecurityConfig;
import org.energytrace.ingest.fixtures.Chromium;
import org.energytrace.ingest.fixtures.SecuredService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The API's refusals as a Vietnamese page says them (i18n.js {@code refusalWords}), run in Chromium
 * on the served module: the verification page showed "giá trị (value): required", "đến ngày (to):
 * must not be before from (…)" and the server's English of a signed-off hash it never issued.
 */
class RefusalWordsBrowserIT {
  static SecuredService svc;
  static ChromeDriver browser;

  @BeforeAll
  static void start() throws Exception {
    svc = SecuredService.start(SecurityConfig.defaults());
    browser = Chromium.start("--lang=vi-VN");
    browser.get("http://127.0.0.1:" + svc.app.httpPort() + "/login.html");
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    if (svc != null) {
      svc.close();
    }
  }

  /** {@code refusalWords(parameter, message)} of the served i18n.js in {@code lang}. */
  static String said(String lang, String parameter, String message) {
    return (String)
        browser.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + " import('/js/i18n.js').then(m => { m.setLang(arguments[0]);"
                + " done(m.refusalWords(arguments[1], arguments[2])); })"
                + ".catch(e => done('failed: ' + e));",
            lang,
            parameter,
            message);
  }

  @Test
  void theVerificationPagesRefusalsAreSaidInVietnamese() {
    assertThat(said("vi", "value", "value: required")).isEqualTo("giá trị (value): bắt buộc");
    assertThat(said("vi", "to", "to: must not be before from (2026-11-07), got 2026-11-01"))
        .isEqualTo("đến ngày (to): không được trước từ ngày (2026-11-07), nhận được 2026-11-01");
    assertThat(said("vi", "justification", "justification: required: say why (a non-empty text)"))
        .isEqualTo("căn cứ (justification): bắt buộc: nêu lý do");
    String hash = "ab".repeat(32);
    assertThat(
            said(
                "vi",
                "dossier_sha256",
                "dossier_sha256: this server issued no dossier with SHA-256 "
                    + hash
                    + " for EnPI plant-sec, baseline version 1 and 2026-11-07..2026-12-05: fetch"
                    + " the period's dossier (getDossier) and sign off its hash"))
        .startsWith("mã SHA-256 của hồ sơ (dossier_sha256): máy chủ chưa cấp hồ sơ nào có SHA-256 ")
        .contains(hash, "kỳ 2026-11-07..2026-12-05")
        .doesNotContain("this server", "fetch");
    assertThat(
            said(
                "vi",
                null,
                "the baseline period 2020-01-01..2020-03-01 has no day with both energy and"
                    + " production"))
        .isEqualTo(
            "kỳ cơ sở 2020-01-01..2020-03-01 không có ngày nào có cả năng lượng và sản lượng");
    // English pages say what the API said
    for (String m : List.of("value: required", "to: must not be before from (x), got y")) {
      assertThat(said("en", m.substring(0, m.indexOf(':')), m)).isEqualTo(m);
    }
  }
}
