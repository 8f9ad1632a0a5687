package org.energytrace.ingest.enpi;

import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.ingest.auth.Principal;
import org.energytrace.ingest.auth.SecurityHandler;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.web.HttpErrors;
import org.energytrace.ingest.web.Instants;
import org.energytrace.ingest.web.Uploads;

/**
 * A site's outdoor temperature under {@code /api/v1/enterprises/{enterprise}/sites/{site}}
 * (docs/mv-method.md "Weather in the API"): {@code temperature-source} ({@code
 * putSiteTemperatureSource}), {@code temperatures} ({@code uploadSiteTemperatures}: a CSV {@code
 * day,temperature}, row errors 422 and nothing stored; {@code listSiteTemperatures}).
 */
public final class WeatherRoutes {
  private static final String BASE = "/api/v1/enterprises/:enterprise/sites/:site";

  private final Vertx vertx;
  private final PgTemperatures temperatures;
  private final Clock clock;

  public WeatherRoutes(Vertx vertx, PgTemperatures temperatures, Clock clock) {
    this.vertx = vertx;
    this.temperatures = temperatures;
    this.clock = clock;
  }

  public void mount(Router router) {
    router.put(BASE + "/temperature-source").handler(ctx -> run(ctx, () -> putSource(ctx)));
    router.post(BASE + "/temperatures").handler(ctx -> run(ctx, () -> upload(ctx)));
    router.get(BASE + "/temperatures").handler(ctx -> run(ctx, () -> list(ctx)));
  }

  private Object putSource(RoutingContext ctx) {
    JsonObject b = body(ctx);
    return temperatures.putSource(
        Principal.scope(ctx),
        ctx.pathParam("enterprise"),
        ctx.pathParam("site"),
        str(b, "source"),
        str(b, "meter"),
        str(b, "channel"),
        who(ctx),
        clock.instant());
  }

  private Object upload(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    if (type != null && !type.startsWith("text/csv") && !type.startsWith("text/plain")) {
      throw DomainException.invalid("Content-Type", "send the file as text/csv; got " + type);
    }
    byte[] bytes = Uploads.of(ctx).map(Uploads.Upload::bytes).orElse(new byte[0]);
    TemperatureFile.Parsed parsed = TemperatureFile.parse(bytes);
    if (!parsed.valid()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("error", "unprocessable");
      m.put("message", parsed.problems().size() + " problem(s) in the file; nothing stored");
      m.put("errors", parsed.problems().stream().map(TemperatureFile.Problem::json).toList());
      return new Status(422, m);
    }
    return new Status(
        201,
        temperatures.upload(
            Principal.scope(ctx),
            ctx.pathParam("enterprise"),
            ctx.pathParam("site"),
            parsed.days(),
            sha256(bytes),
            who(ctx),
            clock.instant()));
  }

  private Object list(RoutingContext ctx) {
    LocalDate from = date(ctx, "from");
    LocalDate to = date(ctx, "to");
    EnpiAnalytics.checkSpan(from, to);
    return temperatures.list(
        Principal.scope(ctx), ctx.pathParam("enterprise"), ctx.pathParam("site"), from, to);
  }

  // ---- plumbing ----

  private record Status(int status, Object body) {}

  private void run(RoutingContext ctx, Callable<Object> work) {
    vertx
        .executeBlocking(work, false)
        .onSuccess(
            result -> {
              int status = result instanceof Status s ? s.status() : 200;
              Object body = result instanceof Status s ? s.body() : result;
              @SuppressWarnings("unchecked")
              String text = new JsonObject((Map<String, Object>) body).encode();
              ctx.response()
                  .setStatusCode(status)
                  .putHeader("Content-Type", "application/json")
                  .putHeader("Cache-Control", "no-store")
                  .end(text);
            })
        .onFailure(
            e -> {
              if (e instanceof DomainException d) {
                HttpErrors.refused(ctx, d);
              } else if (e instanceof AnalyticsException a) {
                HttpErrors.unprocessable(ctx, a.code().name().toLowerCase(), a.getMessage());
              } else {
                HttpErrors.failed(ctx, e);
              }
            });
  }

  private static PgTemperatures.Who who(RoutingContext ctx) {
    Principal p = Principal.of(ctx);
    return new PgTemperatures.Who(p.subject(), p.role().wire(), SecurityHandler.clientIp(ctx));
  }

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

  private static String str(JsonObject b, String field) {
    Object v = b.getValue(field);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      throw DomainException.invalid(field, "must be a string");
    }
    return s;
  }

  private static LocalDate date(RoutingContext ctx, String name) {
    String value = ctx.queryParams().get(name);
    if (value == null) {
      throw DomainException.invalid(name, "required (an ISO date such as 2026-01-31)");
    }
    return Instants.day(value)
        .orElseThrow(
            () -> DomainException.invalid(name, Instants.EXPECTED_DAY + ", got '" + value + "'"));
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
