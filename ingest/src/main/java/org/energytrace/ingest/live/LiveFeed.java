package org.energytrace.ingest.live;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.energytrace.ingest.auth.Principal;
import org.energytrace.ingest.auth.Scope;
import org.energytrace.ingest.store.StoredReading;

/**
 * Newly stored readings, published on the event bus after commit and pushed to browsers as
 * Server-Sent Events. A client too slow to keep up misses events rather than slowing ingest down.
 */
public final class LiveFeed {
  public static final String ADDRESS = "energytrace.live.readings";
  private static final long KEEPALIVE_MS = 15_000;

  private LiveFeed() {}

  /** Publishes a committed batch (no-op when empty). Safe from any thread. */
  public static void publish(Vertx vertx, List<StoredReading> stored) {
    if (stored.isEmpty()) {
      return;
    }
    JsonArray batch = new JsonArray();
    stored.forEach(r -> batch.add(toJson(r)));
    vertx.eventBus().publish(ADDRESS, batch);
  }

  public static JsonObject toJson(StoredReading r) {
    return new JsonObject()
        .put("enterprise", r.enterprise())
        .put("site", r.site())
        .put("meter", r.meter())
        .put("channel", r.channel())
        .put("unit", r.unit())
        .put("kind", r.kind())
        .put("ts", r.ts().toString())
        .put("value", r.value())
        .put("quality", r.quality().wire());
  }

  /**
   * {@code GET /api/v1/live[?enterprise=...]}: a text/event-stream of {@code reading} events, only
   * those in the scope of the request's principal.
   */
  public static void handleSse(RoutingContext ctx) {
    Vertx vertx = ctx.vertx();
    String enterprise = ctx.queryParams().get("enterprise");
    Scope scope = Principal.scope(ctx);
    HttpServerResponse res = ctx.response();
    res.setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-cache")
        .putHeader("X-Accel-Buffering", "no");
    res.write("retry: 3000\n: connected\n\n");
    MessageConsumer<JsonArray> consumer =
        vertx
            .eventBus()
            .consumer(
                ADDRESS,
                msg -> {
                  for (Object o : msg.body()) {
                    JsonObject r = (JsonObject) o;
                    if ((enterprise == null || enterprise.equals(r.getString("enterprise")))
                        && scope.permits(r.getString("enterprise"), r.getString("site"))
                        && !res.writeQueueFull()) {
                      res.write("event: reading\ndata: " + r.encode() + "\n\n");
                    }
                  }
                });
    long keepalive = vertx.setPeriodic(KEEPALIVE_MS, t -> res.write(": keepalive\n\n"));
    res.closeHandler(
        v -> {
          vertx.cancelTimer(keepalive);
          consumer.unregister();
        });
  }
}
