package org.energytrace.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import java.util.List;
import org.energytrace.ingest.config.SecurityConfig;
import org.energytrace.ingest.fixtures.SecuredService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every answer, page or API, success or refusal, carries the standard security headers (OWASP
 * Secure Headers Project; ASVS 4.0 V14.4): a Content-Security-Policy without inline script,
 * nosniff, a Referrer-Policy and frame-ancestors (default: no framing; the showcase page only from
 * the origins configured in security.showcase_frame_ancestors).
 */
class SecurityHeadersIT {
  static final String PORTAL = "https://portal.example.gov.vn";
  static SecuredService svc;

  @BeforeAll
  static void start() {
    svc =
        SecuredService.start(SecurityConfig.defaults().withShowcaseFrameAncestors(List.of(PORTAL)));
  }

  @AfterAll
  static void stop() throws Exception {
    if (svc != null) {
      svc.close();
    }
  }

  static MultiMap headers(String uri) {
    return svc.request(HttpMethod.GET, uri, null).send().await().headers();
  }

  static void assertStandard(String uri, MultiMap h) {
    assertThat(h.get("X-Content-Type-Options")).as(uri).isEqualTo("nosniff");
    assertThat(h.get("Referrer-Policy")).as(uri).isEqualTo("no-referrer");
    assertThat(h.get("Content-Security-Policy"))
        .as(uri)
        .contains("default-src 'none'")
        .contains("frame-ancestors")
        .doesNotContain("unsafe-inline")
        .doesNotContain("unsafe-eval");
    assertThat(h.get("X-Request-Id")).as(uri).isNotBlank();
  }

  @Test
  void pagesGetAPolicyThatAllowsOnlyTheirOwnScriptsAndStylesAndNoFraming() {
    for (String page :
        List.of(
            "/",
            "/index.html",
            "/login.html",
            "/overview.html",
            "/trends.html",
            "/meter.html",
            "/tokens.html",
            "/audit.html",
            "/quarantine.html",
            "/accounts.html",
            "/js/app.js",
            "/css/app.css")) {
      MultiMap h = headers(page);
      assertStandard(page, h);
      assertThat(h.get("Content-Security-Policy"))
          .as(page)
          .contains("script-src 'self'")
          .contains("style-src 'self'")
          .contains("frame-ancestors 'none'");
      assertThat(h.get("X-Frame-Options")).as(page).isEqualTo("DENY");
    }
  }

  @Test
  void theShowcasePageMayBeFramedByTheConfiguredOriginsOnly() {
    MultiMap h = headers("/showcase.html");

    assertStandard("/showcase.html", h);
    assertThat(h.get("Content-Security-Policy")).contains("frame-ancestors " + PORTAL);
    // X-Frame-Options cannot name an origin; frame-ancestors supersedes it (CSP Level 2 §7.7.1)
    assertThat(h.get("X-Frame-Options")).isNull();
  }

  @Test
  void apiAnswersAndRefusalsCarryTheHeadersToo() {
    for (String uri :
        List.of("/api/v1/meters", "/api/v1/users", "/api/v1/no-such-thing", "/no-such-page")) {
      MultiMap h = headers(uri);
      assertStandard(uri, h);
      assertThat(h.get("Content-Security-Policy")).as(uri).contains("frame-ancestors 'none'");
    }
  }
}
