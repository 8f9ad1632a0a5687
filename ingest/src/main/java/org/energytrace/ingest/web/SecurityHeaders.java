package org.energytrace.ingest.web;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * The first handler of every request: gives it a request id and puts the standard security headers
 * on whatever answers it, page or API, success or refusal (OWASP Secure Headers Project; ASVS 4.0
 * V14.4.3–V14.4.7):
 *
 * <ul>
 *   <li>{@code Content-Security-Policy}: pages may load scripts, styles, images and data only from
 *       this origin, with no inline script or style (every page keeps its script and CSS in files);
 *       API answers may load nothing. {@code frame-ancestors 'none'} everywhere except the showcase
 *       page, which the origins of {@code security.showcase_frame_ancestors} may embed;
 *   <li>{@code X-Frame-Options: DENY} for browsers without frame-ancestors (not on a framable
 *       showcase: it cannot name origins);
 *   <li>{@code X-Content-Type-Options: nosniff}, {@code Referrer-Policy: no-referrer}, {@code
 *       Cross-Origin-Opener-Policy: same-origin}.
 * </ul>
 */
public final class SecurityHeaders implements Handler<RoutingContext> {
  static final String PAGE_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; font-src 'self'; manifest-src 'self'; base-uri 'none';"
          + " form-action 'self'; frame-ancestors ";
  static final String API_POLICY = "default-src 'none'; base-uri 'none'; frame-ancestors 'none'";
  static final String SHOWCASE = "/showcase.html";

  private final String showcaseAncestors;

  /**
   * @param showcaseFrameAncestors origins that may frame the showcase page; empty: none
   */
  public SecurityHeaders(List<String> showcaseFrameAncestors) {
    this.showcaseAncestors =
        showcaseFrameAncestors.isEmpty() ? null : String.join(" ", showcaseFrameAncestors);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String id = HttpErrors.requestId(ctx);
    String path = ctx.normalizedPath();
    boolean api = path.startsWith("/api/") || path.equals("/metrics");
    boolean framable = showcaseAncestors != null && path.equals(SHOWCASE);
    HttpServerResponse res = ctx.response();
    res.putHeader("X-Request-Id", id)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer")
        .putHeader("Cross-Origin-Opener-Policy", "same-origin")
        .putHeader(
            "Content-Security-Policy",
            api ? API_POLICY : PAGE_POLICY + (framable ? showcaseAncestors : "'none'"));
    if (!framable) {
      res.putHeader("X-Frame-Options", "DENY");
    }
    ctx.next();
  }
}
