package org.energytrace.ingest.api;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import org.energytrace.ingest.auth.ApiRouter;
import org.energytrace.ingest.live.LiveFeed;
import org.energytrace.ingest.quarantine.QuarantineService;
import org.energytrace.ingest.registry.PgRegistry;
import org.energytrace.ingest.store.Database;
import org.energytrace.ingest.store.PgCounterAnomalies;
import org.energytrace.ingest.store.PgCounterEvents;
import org.energytrace.ingest.store.PgReadQueries;
import org.energytrace.ingest.web.Blocking;

/**
 * The HTTP API under {@code /api/v1}, described by {@code /api/v1/openapi.yaml}: one handler class
 * per resource (meters and readings, series, counter events, production, quarantine, registry),
 * each parsing on the event loop and querying on a worker thread through {@link Blocking}.
 */
public final class ApiRoutes {
  private final Buffer openapi;
  private final LiveFeed live;
  private final MeterRoutes meters;
  private final SeriesRoutes series;
  private final CounterEventRoutes counterEvents;
  private final ProductionRoutes production;
  private final QuarantineRoutes quarantine;
  private final RegistryRoutes registry;

  public ApiRoutes(
      Vertx vertx,
      Database db,
      PgReadQueries queries,
      QuarantineService quarantine,
      PgRegistry registry,
      LiveFeed live,
      Clock clock) {
    // the API's data answers carry no Cache-Control header (as they always have)
    Blocking blocking = Blocking.plain(vertx);
    this.live = live;
    this.meters = new MeterRoutes(blocking, queries, clock);
    this.series = new SeriesRoutes(blocking, queries, clock);
    this.counterEvents =
        new CounterEventRoutes(
            blocking,
            queries,
            new PgCounterEvents(db.dataSource()),
            new PgCounterAnomalies(db.dataSource()),
            clock);
    this.production = new ProductionRoutes(blocking, queries, clock);
    this.quarantine = new QuarantineRoutes(blocking, queries, quarantine, clock);
    this.registry = new RegistryRoutes(blocking, registry);
    try (InputStream in =
        ApiRoutes.class.getClassLoader().getResourceAsStream("api/openapi.yaml")) {
      this.openapi = Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void mount(Router router) {
    ApiRouter api = ApiRouter.of(router);
    meters.mount(api);
    series.mount(api);
    counterEvents.mount(api);
    production.mount(api);
    quarantine.mount(api);
    registry.mount(api);
    api.bind("live", live::handle);
    api.bind(
        "openapi",
        ctx -> ctx.response().putHeader("Content-Type", "application/yaml").end(openapi));
  }
}
