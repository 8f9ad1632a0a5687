package org.energytrace.ingest.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.energytrace.ingest.auth.ApiRouter;
import org.energytrace.ingest.health.Readiness;
import org.energytrace.ingest.web.Blocking;

/**
 * {@code GET /api/v1/health/live} ({@code healthLive}), {@code /api/v1/health/ready} ({@code
 * healthReady}) and {@code /api/v1/health} ({@code health}, the same as ready). The access gate
 * lets these operations through without resolving credentials (no database query), so a probe never
 * waits for the database it is not asking about. The checks themselves are the ground package
 * {@code health}'s; readiness asks them without a worker thread (each within its own deadline), so
 * only the answer goes through {@link Blocking}.
 */
public final class HealthRoutes {
  private final Readiness readiness;
  private final Blocking answers;

  public HealthRoutes(Vertx vertx, Readiness readiness) {
    this.readiness = readiness;
    this.answers = Blocking.noStore(vertx);
  }

  public void mount(Router router) {
    ApiRouter api = ApiRouter.of(router);
    api.bind("health", this::ready);
    api.bind("healthReady", this::ready);
    api.bind("healthLive", this::live);
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

  private void answer(RoutingContext ctx, int status, JsonObject body) {
    if (!ctx.response().ended()) {
      answers.json(ctx, status, body);
    }
  }
}
