package org.energytrace.ingest.enpi;

import static org.energytrace.ingest.enpi.EnpiParams.str;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.energytrace.analytics.integrity.Sha256;
import org.energytrace.ingest.auth.ApiRouter;
import org.energytrace.ingest.auth.Principal;
import org.energytrace.ingest.auth.Who;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.web.Blocking;
import org.energytrace.ingest.web.Params;
import org.energytrace.ingest.web.Uploads;

/**
 * A site's outdoor temperature under {@code /api/v1/enterprises/{enterprise}/sites/{site}}
 * (docs/mv-method.md "Weather in the API"): {@code temperature-source} ({@code
 * putSiteTemperatureSource}), {@code temperatures} ({@code uploadSiteTemperatures}: a CSV {@code
 * day,temperature}, row errors 422 and nothing stored; {@code listSiteTemperatures}).
 */
public final class WeatherRoutes {
  private final Blocking blocking;
  private final PgTemperatures temperatures;
  private final Clock clock;

  public WeatherRoutes(Vertx vertx, PgTemperatures temperatures, Clock clock) {
    this.blocking = Blocking.noStore(vertx).answering(Blocking::refusals);
    this.temperatures = temperatures;
    this.clock = clock;
  }

  public void mount(Router router) {
    ApiRouter api = ApiRouter.of(router);
    api.bind("putSiteTemperatureSource", blocking.handler(this::putSource));
    api.bind("uploadSiteTemperatures", blocking.handler(this::upload));
    api.bind("listSiteTemperatures", blocking.handler(this::list));
  }

  private Object putSource(RoutingContext ctx) {
    JsonObject b = Params.nonEmptyBody(ctx);
    return temperatures.putSource(
        Principal.scope(ctx),
        ctx.pathParam("enterprise"),
        ctx.pathParam("site"),
        str(b, "source", null),
        str(b, "meter", null),
        str(b, "channel", null),
        Who.of(ctx),
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
      return new Blocking.Answer(422, m);
    }
    return Blocking.Answer.created(
        temperatures.upload(
            Principal.scope(ctx),
            ctx.pathParam("enterprise"),
            ctx.pathParam("site"),
            parsed.days(),
            Sha256.hex(bytes),
            Who.of(ctx),
            clock.instant()));
  }

  private Object list(RoutingContext ctx) {
    LocalDate from = Params.day(ctx, "from");
    LocalDate to = Params.day(ctx, "to");
    EnpiAnalytics.checkSpan(from, to);
    return temperatures.list(
        Principal.scope(ctx), ctx.pathParam("enterprise"), ctx.pathParam("site"), from, to);
  }
}
