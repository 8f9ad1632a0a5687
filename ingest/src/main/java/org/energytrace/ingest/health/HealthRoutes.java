package org.energytrace.ingest.health;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/v1/health/live}, {@code /api/v1/health/ready} and {@code /api/v1/health} (the
 * same as ready). The access gate lets these operations through without resolving credentials (no
 * database query), so a probe never waits for the database it is not asking about.
 */
public final class HealthRoutes {
  private final Readiness readiness;

  public HealthRoutes(Readiness readiness) {
    this.readiness = readiness;
  }

  public void mount(Router router) {
    router.get("/api/v1/health").handler(this::ready);
    router.get("/api/v1/health/ready").handler(this::ready);
    router.get("/api/v1/health/live").handler(this::live);
  }

  /** Liveness: the event loop answers; says nothing about the database or the broker. */
  private void live(RoutingContext ctx) {
    answer(ctx, 200, new JsonObject().put("status", "UP"));
  }

  /** Readiness: each part UP or DOWN, 503 naming the parts down. */
  private void ready(RoutingContext ctx) {
    Future.fromCompletionStage(readiness.check(), ctx.vertx().getOrCreateContext())
        .onComplete(
            r -> {
              if (r.failed()) {
                answer(ctx, 503, new JsonObject().put("status", "DOWN"));
                return;
              }
              Readiness.Report report = r.result();
              JsonObject body = new JsonObject().put("status", report.up() ? "UP" : "DOWN");
              JsonObject details = new JsonObject();
              report
                  .parts()
                  .forEach(
                      (name, result) -> {
                        body.put(name, result.state());
                        if (result.detail() != null) {
                          details.put(name, result.detail());
                        }
                      });
              if (!details.isEmpty()) {
                body.put("details", details);
              }
              answer(ctx, report.up() ? 200 : 503, body);
            });
  }

  private static void answer(RoutingContext ctx, int status, JsonObject body) {
    if (ctx.response().ended()) {
      return;
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(body.encode());
  }
}
