package org.energytrace.ingest.web;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.function.Consumer;
import org.energytrace.ingest.config.HttpConfig;
import org.energytrace.ingest.metrics.IngestMetrics;

/**
 * The HTTP server: API routes, {@code /metrics}, and the static pages under {@code web/}. Every
 * request first gets its id and the security headers ({@link SecurityHeaders}); every failure ends
 * in {@link HttpErrors#handle} (a JSON answer, internals only in the log).
 */
public final class HttpVerticle extends VerticleBase {
  static final String ECHARTS = "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
  private final HttpConfig config;
  private final Consumer<Router> api;
  private final IngestMetrics metrics;
  private final SecurityHeaders headers;
  private HttpServer server;

  public HttpVerticle(
      HttpConfig config, SecurityHeaders headers, Consumer<Router> api, IngestMetrics metrics) {
    this.config = config;
    this.headers = headers;
    this.api = api;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.route().handler(headers);
    router.route().failureHandler(HttpErrors::handle);
    api.accept(router);
    router
        .get("/metrics")
        .handler(
            ctx ->
                ctx.response()
                    .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                    .end(metrics.scrape()));
    // the charting library, bundled into the jar from its WebJar (docs/dashboards.md)
    router
        .get("/vendor/echarts.min.js")
        .handler(
            ctx ->
                ctx.response()
                    .putHeader("Content-Type", "text/javascript; charset=utf-8")
                    .putHeader("Cache-Control", "public, max-age=86400")
                    .sendFile(ECHARTS));
    router.route("/*").handler(StaticHandler.create("web").setCachingEnabled(false));
    // what no route answers: the same JSON refusal as the API's, with the security headers
    router.route().handler(ctx -> HttpErrors.send(ctx, 404, "not_found", "not found"));
    return vertx
        .createHttpServer()
        .requestHandler(router)
        .listen(config.port(), config.host())
        .onSuccess(s -> server = s);
  }

  /** The port actually bound (useful with port 0). */
  public int actualPort() {
    return server.actualPort();
  }
}
