package org.energytrace.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.energytrace.ingest.auth.PgAccounts;
import org.energytrace.ingest.auth.Role;
import org.energytrace.ingest.fixtures.BrowserSession;
import org.energytrace.ingest.fixtures.SecuredService;
import org.energytrace.ingest.fixtures.TwoCarrierPlant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Every page, in Vietnamese (in English once a page), as the people who use it see it (a visitor on
 * the showcase and the CP pages, an enterprise's administrator on its dashboards, an auditor on the
 * verification page with its sign-off form, a province officer and the system administrator on the
 * programme's pages), checked with Deque's axe-core for the WCAG 2.1 A and AA rules a machine can
 * check: names of fields and buttons, contrast of text, the page's language, headings and
 * landmarks. A pilot site shows its savings to the public, and the province's portal must be usable
 * with a screen reader and by keyboard.
 */
class AccessibilityBrowserIT {
  static final String E = "a11y-plant";
  static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
  static final String ADMIN = "a11y-admin";
  static final String SYSADMIN = "a11y-sys";
  static final String AUDITOR = "a11y-auditor";
  static final String OFFICER = "a11y-officer";

  @RegisterExtension static final BrowserSession session = new BrowserSession();
  static SecuredService svc;
  static ChromeDriver browser;

  @BeforeAll
  static void start() throws Exception {
    svc = session.startService(BrowserSession::pricedDashboards);
    LocalDate today = LocalDate.now(ZONE);
    new TwoCarrierPlant(E, ZONE, today.minusDays(40), today.minusDays(14))
        .create(svc.db, svc.app.httpPort(), Instant.now(), 0.10);
    session.account(ADMIN, Role.ENTERPRISE_ADMIN, E);
    session.account(SYSADMIN, Role.SYSTEM_ADMIN, null);
    session.account(
        AUDITOR,
        Role.AUDITOR,
        null,
        List.of(new PgAccounts.Assignment(E, Instant.now().plus(Duration.ofDays(1)))));
    session.account(OFFICER, Role.PROVINCE_OFFICER, null);
    browser = session.open("--lang=vi-VN", "--window-size=1366,900");
  }

  @Test
  void thePublicPagesPassTheWcagRules() {
    browser.manage().deleteAllCookies();
    assertThat(
            violations(
                "/login.html",
                "/showcase.html",
                "/showcase.html?enterprise=" + E + "&site=" + TwoCarrierPlant.SITE,
                "/cp.html"))
        .isEmpty();
  }

  @Test
  void theEnterprisesPagesPassTheWcagRules() {
    session.signIn(ADMIN);
    String q = "?enterprise=" + E;
    assertThat(
            violations(
                "/overview.html" + q,
                "/trends.html" + q,
                "/meter.html" + q + "&meter=main-em",
                "/verification.html" + q,
                "/entries.html" + q,
                "/cp-assessments.html" + q,
                "/tokens.html",
                "/audit.html",
                "/quarantine.html",
                "/accounts.html"))
        .isEmpty();
  }

  @Test
  void theAuditorsPagesWithTheSignOffFormPassTheWcagRules() {
    session.signIn(AUDITOR);
    assertThat(violations("/verification.html?enterprise=" + E, "/audit.html")).isEmpty();
  }

  @Test
  void theProvinceOfficersPagesPassTheWcagRules() {
    session.signIn(OFFICER);
    assertThat(violations("/programme.html", "/reporting.html", "/cp-assessments.html")).isEmpty();
  }

  @Test
  void theProgrammesPagesPassTheWcagRules() {
    session.signIn(SYSADMIN);
    assertThat(
            violations(
                "/",
                "/programme.html",
                "/reporting.html",
                "/cp-edit.html",
                "/accounts.html",
                "/quarantine.html"))
        .isEmpty();
  }

  /** Pages already read in English, by path: a role's own forms are read in Vietnamese. */
  static final java.util.Set<String> READ_IN_ENGLISH = new java.util.HashSet<>();

  /**
   * The rules each page breaks: "page (lang) rule: what it asks — where (what is wrong)", one line
   * per element. Each page in Vietnamese, as each role sees it; in English once per page (the words
   * change with the language, not the elements a role is shown), which keeps the suite's time.
   */
  static List<String> violations(String... pages) {
    List<String> out = new ArrayList<>();
    for (String page : pages) {
      String path = page.contains("?") ? page.substring(0, page.indexOf('?')) : page;
      List<String> langs = READ_IN_ENGLISH.add(path) ? List.of("vi", "en") : List.of("vi");
      for (String lang : langs) {
        String url = page + (page.contains("?") ? "&" : "?") + "lang=" + lang;
        browser.get(session.url(url));
        // the page has drawn what it fetched: its main landmark, and no new request for half a
        // second (the data a page fetches after it loaded, then draws)
        long[] requests = {-1};
        await()
            .pollDelay(Duration.ofMillis(500))
            .pollInterval(Duration.ofMillis(500))
            .atMost(Duration.ofSeconds(20))
            .until(
                () -> {
                  long n =
                      ((Number)
                              session.js("return performance.getEntriesByType('resource').length;"))
                          .longValue();
                  boolean settled = n == requests[0];
                  requests[0] = n;
                  return settled
                      && !browser.findElements(By.cssSelector("main")).isEmpty()
                      && "complete".equals(session.js("return document.readyState;"));
                });
        Results results =
            new AxeBuilder()
                .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
                .analyze(browser);
        assertThat(results.getErrorMessage()).as(url).isNull();
        for (Rule rule : results.getViolations()) {
          for (CheckedNode node : rule.getNodes()) {
            out.add(
                url
                    + " "
                    + rule.getId()
                    + ": "
                    + rule.getHelp()
                    + " — "
                    + node.getTarget()
                    + " ("
                    + String.valueOf(node.getFailureSummary()).replace('\n', ' ')
                    + ")");
          }
        }
      }
    }
    return out;
  }
}
