package org.energytrace.ingest.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.energytrace.ingest.auth.ApiRouter;
import org.energytrace.ingest.auth.Principal;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.store.PgReadQueries;
import org.energytrace.ingest.store.PgSeriesQueries.EnergyBucket;
import org.energytrace.ingest.store.PgSeriesQueries.GaugeBucket;
import org.energytrace.ingest.store.PgSeriesQueries.IntervalView;
import org.energytrace.ingest.store.PgSeriesQueries.ReadingRow;
import org.energytrace.ingest.store.PgSeriesQueries.Series;
import org.energytrace.ingest.store.PgSeriesQueries.SeriesRow;
import org.energytrace.ingest.store.Resolution;
import org.energytrace.ingest.tenant.Scope;
import org.energytrace.ingest.web.Blocking;
import org.energytrace.ingest.web.Params;

/** A channel's series: raw readings, or gauge / energy buckets of 15 min, 1 h or a local day. */
final class SeriesRoutes {
  private final Blocking blocking;
  private final PgReadQueries queries;
  private final Clock clock;

  SeriesRoutes(Blocking blocking, PgReadQueries queries, Clock clock) {
    this.blocking = blocking;
    this.queries = queries;
    this.clock = clock;
  }

  void mount(ApiRouter api) {
    api.bind("getChannelSeries", blocking.parsing(this::series));
  }

  private Callable<?> series(RoutingContext ctx) {
    ChannelPath path = ChannelPath.of(ctx);
    String res = ctx.queryParams().get("resolution");
    Resolution resolution =
        res == null
            ? Resolution.RAW
            : Resolution.fromWire(res)
                .orElseThrow(
                    () -> DomainException.invalid("resolution", "must be raw, 15m, 1h or 1d"));
    Range range = Range.of(ctx, clock);
    int limit = Params.limit(ctx);
    Scope scope = Principal.scope(ctx);
    return () -> {
      Series s =
          queries
              .series()
              .series(
                  scope,
                  path.enterprise(),
                  path.meter(),
                  path.channel(),
                  resolution,
                  range.from(),
                  range.to(),
                  limit);
      JsonObject head =
          path.into(new JsonObject())
              .put("kind", s.kind())
              .put("unit", s.unit())
              .put("resolution", s.resolution().wire())
              .put("time_zone", s.zone().getId());
      return range.into(head).put("rows", seriesJson(s));
    };
  }

  private static JsonArray seriesJson(Series s) {
    JsonArray out = new JsonArray();
    for (SeriesRow row : s.rows()) {
      if (row instanceof ReadingRow r) {
        out.add(
            new JsonObject()
                .put("ts", r.ts().toString())
                .put("value", r.value())
                .put("quality", r.quality().wire()));
      } else if (row instanceof GaugeBucket b) {
        out.add(
            date(b.date(), new JsonObject().put("bucket", b.bucket().toString()))
                .put("readings", b.readings())
                .put("min", b.min())
                .put("max", b.max())
                .put("avg", b.avg()));
      } else if (row instanceof IntervalView i) {
        out.add(
            new JsonObject()
                .put("start", i.start().toString())
                .put("end", i.end().toString())
                .put("energy", i.energy())
                .put("how", i.how()));
      } else if (row instanceof EnergyBucket b) {
        out.add(
            date(b.date(), new JsonObject().put("bucket", b.bucket().toString()))
                .put("energy", b.energy())
                .put("intervals", b.intervals()));
      }
    }
    return out;
  }

  /** A day bucket (1d) also says its local date. */
  private static JsonObject date(LocalDate date, JsonObject row) {
    return date == null ? row : row.put("date", date.toString());
  }
}
