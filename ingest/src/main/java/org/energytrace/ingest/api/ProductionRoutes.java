package org.energytrace.ingest.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.energytrace.ingest.auth.ApiRouter;
import org.energytrace.ingest.auth.Principal;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.model.ProductionCount;
import org.energytrace.ingest.store.PgReadQueries;
import org.energytrace.ingest.tenant.Scope;
import org.energytrace.ingest.web.Blocking;
import org.energytrace.ingest.web.Params;

/** An enterprise's production counts, by site, line and product. */
final class ProductionRoutes {
  private final Blocking blocking;
  private final PgReadQueries queries;
  private final Clock clock;

  ProductionRoutes(Blocking blocking, PgReadQueries queries, Clock clock) {
    this.blocking = blocking;
    this.queries = queries;
    this.clock = clock;
  }

  void mount(ApiRouter api) {
    api.bind("listProductionCounts", blocking.parsing(this::counts));
  }

  private Callable<?> counts(RoutingContext ctx) {
    String enterprise = Params.id("enterprise", ctx.pathParam("enterprise"));
    String site = Params.optionalId("site", ctx.queryParams().get("site"));
    String line = name("line", ctx.queryParams().get("line"));
    String product = name("product", ctx.queryParams().get("product"));
    Range range = Range.of(ctx, clock);
    int limit = Params.limit(ctx);
    Scope scope = Principal.scope(ctx);
    return () -> {
      JsonArray out = new JsonArray();
      queries
          .production(scope, enterprise, site, line, product, range.from(), range.to(), limit)
          .forEach(
              v -> {
                ProductionCount p = v.count();
                out.add(
                    new JsonObject()
                        .put("site", v.site())
                        .put("line", p.line())
                        .put("product", p.product())
                        .put("ts", p.ts().toString())
                        .put(
                            "period_start",
                            p.periodStart() == null ? null : p.periodStart().toString())
                        .put("quantity", p.quantity())
                        .put("unit", p.unit())
                        .put("cumulative", p.cumulative())
                        .put("quality", p.quality().wire()));
              });
      return range.into(new JsonObject().put("enterprise", enterprise)).put("production", out);
    };
  }

  /** An optional line or product name: 1 to 128 characters. */
  private static String name(String parameter, String value) {
    if (value != null && (value.isEmpty() || value.length() > 128)) {
      throw DomainException.invalid(parameter, "must be 1 to 128 characters");
    }
    return value;
  }
}
