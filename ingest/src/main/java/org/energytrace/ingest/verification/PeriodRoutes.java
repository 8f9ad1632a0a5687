package org.energytrace.ingest.verification;

import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.energytrace.ingest.auth.Principal;
import org.energytrace.ingest.auth.SecurityHandler;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.web.HttpErrors;

/**
 * The routes of a reporting period's verification under {@code
 * /api/v1/enterprises/{enterprise}/enpis/{enpi}} (docs/verification.md §1.2): {@code signoffs}
 * ({@code signOffPeriod}, {@code listSignoffs}) and {@code adjustments} ({@code proposeAdjustment},
 * {@code listAdjustments}, {@code adjustments/{adjustment}/approve} and {@code /reject}). Refusals:
 * 403 for a caller who may not take the step, 409 naming the state.
 */
public final class PeriodRoutes {
  private static final String BASE = "/api/v1/enterprises/:enterprise/enpis/:enpi";

  private final Vertx vertx;
  private final PgSignoffs signoffs;
  private final PgAdjustments adjustments;
  private final Clock clock;

  public PeriodRoutes(Vertx vertx, PgSignoffs signoffs, PgAdjustments adjustments, Clock clock) {
    this.vertx = vertx;
    this.signoffs = signoffs;
    this.adjustments = adjustments;
    this.clock = clock;
  }

  public void mount(Router router) {
    router.post(BASE + "/signoffs").handler(this::signOff);
    router
        .get(BASE + "/signoffs")
        .handler(
            ctx ->
                run(
                    ctx,
                    200,
                    () ->
                        Map.of(
                            "signoffs",
                            signoffs.list(
                                Principal.scope(ctx),
                                ctx.pathParam("enterprise"),
                                ctx.pathParam("enpi")))));
    router.post(BASE + "/adjustments").handler(this::propose);
    router
        .get(BASE + "/adjustments")
        .handler(
            ctx ->
                run(
                    ctx,
                    200,
                    () ->
                        Map.of(
                            "adjustments",
                            adjustments.list(
                                Principal.scope(ctx),
                                ctx.pathParam("enterprise"),
                                ctx.pathParam("enpi")))));
    router.get(BASE + "/adjustments/:adjustment/attachment").handler(this::attachment);
    router
        .post(BASE + "/adjustments/:adjustment/approve")
        .handler(ctx -> decide(ctx, PgAdjustments.Decision.APPROVE, "comment", false));
    router
        .post(BASE + "/adjustments/:adjustment/reject")
        .handler(ctx -> decide(ctx, PgAdjustments.Decision.REJECT, "comments", true));
  }

  private void signOff(RoutingContext ctx) {
    PgSignoffs.Request r;
    try {
      JsonObject b = body(ctx);
      r =
          new PgSignoffs.Request(
              integer(b, "baseline_version"),
              date(b, "from"),
              date(b, "to"),
              PeriodSignoff.Opinion.of(string(b, "opinion", true)),
              VerificationRoutes.text(ctx, "comments", false),
              string(b, "dossier_sha256", true));
    } catch (DomainException e) {
      HttpErrors.badRequest(ctx, e.field(), e.field() + ": " + e.getMessage());
      return;
    }
    Actor actor = Actor.of(Principal.of(ctx), SecurityHandler.clientIp(ctx));
    run(
        ctx,
        201,
        () ->
            signoffs.sign(
                actor,
                Principal.scope(ctx),
                ctx.pathParam("enterprise"),
                ctx.pathParam("enpi"),
                r,
                clock.instant()));
  }

  private void propose(RoutingContext ctx) {
    Adjustment a;
    try {
      JsonObject b = body(ctx);
      Adjustment.Method method =
          Adjustment.parse(Adjustment.Method.class, "method", string(b, "method", true));
      boolean refitted = method == Adjustment.Method.REFITTED_TERM;
      a =
          new Adjustment(
              Adjustment.parse(Adjustment.Kind.class, "kind", string(b, "kind", true)),
              date(b, "from"),
              date(b, "to"),
              method,
              // a re-fitted term's coefficient comes from the data: NaN unless a value was sent
              number(b, "value", refitted ? Double.NaN : null),
              number(b, "std_error", 0.0),
              VerificationRoutes.text(ctx, "justification", true),
              attachment(b),
              string(b, "variable", false));
    } catch (DomainException e) {
      HttpErrors.badRequest(ctx, e.field(), e.field() + ": " + e.getMessage());
      return;
    }
    Actor actor = Actor.of(Principal.of(ctx), SecurityHandler.clientIp(ctx));
    run(
        ctx,
        201,
        () ->
            adjustments.propose(
                actor,
                Principal.scope(ctx),
                ctx.pathParam("enterprise"),
                ctx.pathParam("enpi"),
                a,
                clock.instant()));
  }

  /** The stored attachment as a download: its media type, its name, its SHA-256. */
  private void attachment(RoutingContext ctx) {
    long id;
    try {
      id = id(ctx.pathParam("adjustment"));
    } catch (DomainException e) {
      HttpErrors.badRequest(ctx, e.field(), e.field() + ": " + e.getMessage());
      return;
    }
    vertx
        .executeBlocking(
            () ->
                adjustments.attachment(
                    Principal.scope(ctx), ctx.pathParam("enterprise"), ctx.pathParam("enpi"), id),
            false)
        .onSuccess(
            a ->
                ctx.response()
                    .putHeader("Content-Type", downloadType(a.mediaType()))
                    .putHeader("Content-Disposition", disposition(a.name()))
                    .putHeader("X-Content-SHA256", a.sha256())
                    .putHeader("X-Content-Type-Options", "nosniff")
                    .putHeader("Cache-Control", "no-store")
                    .end(io.vertx.core.buffer.Buffer.buffer(a.content())))
        .onFailure(e -> failure(ctx, e));
  }

  /**
   * The stored media type, except for types a browser would run or render as a page (HTML, SVG,
   * XML, scripts): those are sent as {@code application/octet-stream}.
   */
  static String downloadType(String mediaType) {
    String t = mediaType.toLowerCase(java.util.Locale.ROOT);
    return t.contains("html")
            || t.contains("svg")
            || t.contains("xml")
            || t.contains("javascript")
            || t.contains("ecmascript")
        ? "application/octet-stream"
        : mediaType;
  }

  /** {@code attachment; filename="…"; filename*=UTF-8''…} (RFC 6266), the ASCII name made safe. */
  static String disposition(String name) {
    String ascii = name.replaceAll("[^A-Za-z0-9._ ()-]", "_");
    String encoded =
        java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8)
            .replace("+", "%20");
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
  }

  private void decide(
      RoutingContext ctx, PgAdjustments.Decision decision, String field, boolean required) {
    long id;
    String text;
    try {
      id = id(ctx.pathParam("adjustment"));
      text = VerificationRoutes.text(ctx, field, required);
    } catch (DomainException e) {
      HttpErrors.badRequest(ctx, e.field(), e.field() + ": " + e.getMessage());
      return;
    }
    Actor actor = Actor.of(Principal.of(ctx), SecurityHandler.clientIp(ctx));
    run(
        ctx,
        200,
        () ->
            adjustments.decide(
                actor,
                Principal.scope(ctx),
                ctx.pathParam("enterprise"),
                ctx.pathParam("enpi"),
                id,
                decision,
                text,
                clock.instant()));
  }

  // ---- binding ----

  private static JsonObject body(RoutingContext ctx) {
    try {
      JsonObject b =
          ctx.body() == null || ctx.body().length() == 0 ? null : ctx.body().asJsonObject();
      if (b == null) {
        throw DomainException.invalid("body", "a JSON object is required");
      }
      return b;
    } catch (DecodeException | ClassCastException e) {
      throw DomainException.invalid("body", "must be a JSON object");
    }
  }

  private static String string(JsonObject b, String field, boolean required) {
    Object v = b.getValue(field);
    if (v == null) {
      if (required) {
        throw DomainException.invalid(field, "required");
      }
      return null;
    }
    if (!(v instanceof String s)) {
      throw DomainException.invalid(field, "must be a string");
    }
    return s;
  }

  private static int integer(JsonObject b, String field) {
    Object v = b.getValue(field);
    if (v == null) {
      throw DomainException.invalid(field, "required");
    }
    if (!(v instanceof Number n)
        || n.doubleValue() != Math.rint(n.doubleValue())
        || n.doubleValue() < 1
        || n.doubleValue() > Integer.MAX_VALUE) {
      throw DomainException.invalid(field, "must be a version number from 1");
    }
    return n.intValue();
  }

  private static double number(JsonObject b, String field, Double absent) {
    Object v = b.getValue(field);
    if (v == null) {
      if (absent == null) {
        throw DomainException.invalid(field, "required");
      }
      return absent;
    }
    if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
      throw DomainException.invalid(field, "must be a finite number");
    }
    return n.doubleValue();
  }

  private static LocalDate date(JsonObject b, String field) {
    String s = string(b, field, true);
    try {
      LocalDate d = LocalDate.parse(s);
      if (d.getYear() < 1990 || d.getYear() > 2200) {
        throw DomainException.invalid(field, "a date between 1990 and 2200, got " + s);
      }
      return d;
    } catch (DateTimeParseException e) {
      throw DomainException.invalid(field, "must be a date (yyyy-mm-dd), got '" + s + "'");
    }
  }

  static Adjustment.Attachment attachment(JsonObject b) {
    Object v = b.getValue("attachment");
    if (v == null) {
      return null;
    }
    if (!(v instanceof JsonObject a)) {
      throw DomainException.invalid(
          "attachment", "must be an object {name, media_type, content_base64}");
    }
    String content = string(a, "content_base64", true);
    if (content.length() > Adjustment.MAX_ATTACHMENT_BYTES / 3 * 4 + 8) {
      throw DomainException.invalid(
          "attachment.content_base64",
          "at most " + Adjustment.MAX_ATTACHMENT_BYTES + " bytes (decoded)");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(content);
    } catch (IllegalArgumentException e) {
      throw DomainException.invalid("attachment.content_base64", "must be base64");
    }
    return new Adjustment.Attachment(string(a, "name", true), string(a, "media_type", true), bytes);
  }

  private static long id(String v) {
    try {
      long n = Long.parseLong(v);
      if (n < 1) {
        throw DomainException.invalid("adjustment", "must be an adjustment id from 1");
      }
      return n;
    } catch (NumberFormatException e) {
      throw DomainException.invalid("adjustment", "must be an integer id, got '" + v + "'");
    }
  }

  // ---- answers ----

  private void run(RoutingContext ctx, int status, Callable<Object> work) {
    vertx
        .executeBlocking(work, false)
        .onSuccess(
            body ->
                ctx.response()
                    .setStatusCode(status)
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Cache-Control", "no-store")
                    .end(json(body)))
        .onFailure(e -> failure(ctx, e));
  }

  @SuppressWarnings("unchecked")
  private static String json(Object body) {
    return body instanceof Map<?, ?> m
        ? new JsonObject((Map<String, Object>) m).encode()
        : new JsonArray((List<?>) body).encode();
  }

  static void failure(RoutingContext ctx, Throwable e) {
    if (e instanceof TransitionRefused r && r.status() == 409) {
      HttpErrors.send(
          ctx,
          409,
          new JsonObject()
              .put("error", "conflict")
              .put("state", r.state())
              .put("message", r.getMessage()));
    } else if (e instanceof TransitionRefused r) {
      HttpErrors.send(ctx, r.status(), "forbidden", r.getMessage());
    } else if (e instanceof DomainException d) {
      HttpErrors.send(
          ctx,
          d.httpStatus(),
          new JsonObject()
              .put("error", d.kind() == DomainException.Kind.INVALID ? "bad_request" : "conflict")
              .put("parameter", d.field())
              .put("message", d.field() + ": " + d.getMessage()));
    } else {
      HttpErrors.failed(ctx, e);
    }
  }
}
