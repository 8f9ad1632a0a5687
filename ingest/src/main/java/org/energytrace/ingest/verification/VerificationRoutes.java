package org.energytrace.ingest.verification;

import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import org.energytrace.ingest.auth.ApiRouter;
import org.energytrace.ingest.auth.Principal;
import org.energytrace.ingest.auth.SecurityHandler;
import org.energytrace.ingest.enpi.EnpiAnalytics;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.web.Blocking;
import org.energytrace.ingest.web.HttpErrors;
import org.energytrace.ingest.web.Params;

/**
 * The baseline lifecycle's routes under {@code /api/v1/enterprises/{enterprise}/enpis/{enpi}
 * /baselines/{version}}: {@code submit} ({@code submitBaseline}, optional {@code comment}), {@code
 * approve} ({@code approveBaseline}, required {@code opinion}) and {@code return} ({@code
 * returnBaseline}, required {@code comments}). Each answers the baseline as {@code listBaselines}
 * shows it; a step the caller may not take answers 403, one the baseline's state does not allow 409
 * naming the state ({@code state}).
 */
public final class VerificationRoutes {
  private final Blocking blocking;
  private final PgBaselineLifecycle lifecycle;
  private final EnpiAnalytics analytics;
  private final Clock clock;

  public VerificationRoutes(
      Vertx vertx, PgBaselineLifecycle lifecycle, EnpiAnalytics analytics, Clock clock) {
    this.blocking = Blocking.noStore(vertx).answering(VerificationRoutes::refusals);
    this.lifecycle = lifecycle;
    this.analytics = analytics;
    this.clock = clock;
  }

  public void mount(Router router) {
    ApiRouter api = ApiRouter.of(router);
    api.bind("submitBaseline", ctx -> step(ctx, BaselineLifecycle.Step.SUBMIT, "comment", false));
    api.bind("approveBaseline", ctx -> step(ctx, BaselineLifecycle.Step.APPROVE, "opinion", true));
    api.bind("returnBaseline", ctx -> step(ctx, BaselineLifecycle.Step.RETURN, "comments", true));
  }

  /** Reads the step's text on the event loop, takes it on a worker thread. */
  private void step(
      RoutingContext ctx, BaselineLifecycle.Step step, String field, boolean required) {
    String enterprise = ctx.pathParam("enterprise");
    String enpi = ctx.pathParam("enpi");
    Blocking.parse(
            ctx,
            () ->
                new StepText(Params.version(ctx.pathParam("version")), text(ctx, field, required)))
        .ifPresent(
            r -> {
              Principal p = Principal.of(ctx);
              Actor actor = Actor.of(p, SecurityHandler.clientIp(ctx));
              blocking.reply(
                  ctx,
                  () -> {
                    lifecycle.take(
                        actor,
                        p.scope(),
                        enterprise,
                        enpi,
                        r.version(),
                        step,
                        r.text(),
                        clock.instant());
                    return new JsonObject(
                        analytics.baseline(p.scope(), enterprise, enpi, r.version()));
                  });
            });
  }

  /** A step's baseline version and its text (null when none was given). */
  private record StepText(int version, String text) {}

  /**
   * A baseline step refused: 409 naming the version and the baseline's state, or 403; false for
   * anything else (also the resource baselines' answer).
   */
  public static boolean refusals(RoutingContext ctx, Throwable e) {
    return transitionRefused(ctx, e, "version");
  }

  /**
   * A {@link TransitionRefused} as 409 naming {@code parameter} (when not null) and the state, or
   * as 403; false for anything else.
   */
  static boolean transitionRefused(RoutingContext ctx, Throwable e, String parameter) {
    if (e instanceof TransitionRefused r && r.status() == 409) {
      JsonObject body = new JsonObject().put("error", "conflict");
      if (parameter != null) {
        body.put("parameter", parameter);
      }
      HttpErrors.send(ctx, 409, body.put("state", r.state()).put("message", r.getMessage()));
    } else if (e instanceof TransitionRefused r) {
      HttpErrors.send(ctx, r.status(), "forbidden", r.getMessage());
    } else {
      return false;
    }
    return true;
  }

  /**
   * The body's text field: a string of at most {@link PgBaselineLifecycle#MAX_TEXT} characters
   * without control characters other than line breaks and tabs; blank counts as absent.
   */
  public static String text(RoutingContext ctx, String field, boolean required) {
    JsonObject body;
    try {
      body = ctx.body() == null || ctx.body().length() == 0 ? null : ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      throw DomainException.invalid("body", "must be a JSON object");
    }
    Object v = body == null ? null : body.getValue(field);
    if (v != null && !(v instanceof String)) {
      throw DomainException.invalid(field, "must be a string");
    }
    String s = v == null ? null : ((String) v).strip();
    if (s == null || s.isEmpty()) {
      if (required) {
        throw DomainException.invalid(field, "required: say why (a non-empty text)");
      }
      return null;
    }
    if (s.length() > PgBaselineLifecycle.MAX_TEXT) {
      throw DomainException.invalid(
          field, "at most " + PgBaselineLifecycle.MAX_TEXT + " characters, got " + s.length());
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7f) {
        throw DomainException.invalid(field, "must not contain control characters");
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        // PostgreSQL's jsonb (the audit entry) refuses a lone surrogate
        throw DomainException.invalid(field, "must be valid Unicode text");
      }
    }
    return s;
  }
}
