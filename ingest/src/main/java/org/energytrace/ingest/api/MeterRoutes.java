package org.energytrace.ingest.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.energytrace.ingest.auth.ApiRouter;
import org.energytrace.ingest.auth.Principal;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.model.TopicName;
import org.energytrace.ingest.store.PgReadQueries;
import org.energytrace.ingest.store.PgReadQueries.ChannelView;
import org.energytrace.ingest.store.PgReadQueries.MeterView;
import org.energytrace.ingest.store.PgReadQueries.ReadingView;
import org.energytrace.ingest.tenant.Scope;
import org.energytrace.ingest.web.Blocking;
import org.energytrace.ingest.web.Params;

/** Meters in scope with their channels' newest values, and a meter's raw readings. */
final class MeterRoutes {
  private final Blocking blocking;
  private final PgReadQueries queries;
  private final Clock clock;

  MeterRoutes(Blocking blocking, PgReadQueries queries, Clock clock) {
    this.blocking = blocking;
    this.queries = queries;
    this.clock = clock;
  }

  void mount(ApiRouter api) {
    api.bind("listMeters", this::meters);
    api.bind("listReadings", blocking.parsing(this::readings));
  }

  private void meters(RoutingContext ctx) {
    Scope scope = Principal.scope(ctx);
    blocking.reply(ctx, () -> metersJson(queries.meters(scope)));
  }

  private Callable<?> readings(RoutingContext ctx) {
    String enterprise = Params.id("enterprise", ctx.pathParam("enterprise"));
    String meter = Params.id("meter", ctx.pathParam("meter"));
    String channel = ctx.queryParams().get("channel");
    if (channel != null && !TopicName.CHANNEL.matcher(channel).matches()) {
      throw DomainException.invalid("channel", "must match " + TopicName.CHANNEL.pattern());
    }
    Range range = Range.of(ctx, clock);
    int limit = Params.limit(ctx);
    Scope scope = Principal.scope(ctx);
    return () ->
        range
            .into(new JsonObject().put("enterprise", enterprise).put("meter", meter))
            .put(
                "readings",
                readingsJson(
                    queries.readings(
                        scope, enterprise, meter, channel, range.from(), range.to(), limit)));
  }

  private static JsonObject metersJson(List<MeterView> meters) {
    JsonArray out = new JsonArray();
    for (MeterView m : meters) {
      JsonArray channels = new JsonArray();
      for (ChannelView c : m.channels()) {
        channels.add(
            new JsonObject()
                .put("name", c.name())
                .put("unit", c.unit())
                .put("kind", c.kind())
                .put("latest_ts", c.latestTs() == null ? null : c.latestTs().toString())
                .put("latest_value", c.latestValue())
                .put("latest_quality", c.quality() == null ? null : c.quality().wire()));
      }
      out.add(
          new JsonObject()
              .put("enterprise", m.enterprise())
              .put("site", m.site())
              .put("meter", m.meter())
              .put("channels", channels));
    }
    return new JsonObject().put("meters", out);
  }

  private static JsonArray readingsJson(List<ReadingView> rows) {
    JsonArray out = new JsonArray();
    for (ReadingView r : rows) {
      out.add(
          new JsonObject()
              .put("channel", r.channel())
              .put("unit", r.unit())
              .put("ts", r.ts().toString())
              .put("value", r.value())
              .put("quality", r.quality().wire())
              .put("published_unit", r.publishedUnit())
              .put("published_value", r.publishedValue()));
    }
    return out;
  }
}
