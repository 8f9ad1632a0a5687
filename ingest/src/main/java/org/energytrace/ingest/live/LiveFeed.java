package org.energytrace.ingest.live;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
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

  /**
   * Open live streams in this process. While there are none, {@link #publish} builds no JSON: the
   * profile of a 47 k readings/s run showed a JSON object per stored reading that nobody read.
   */
  private static final AtomicInteger SUBSCRIBERS = new AtomicInteger();

  private LiveFeed() {}

  /** Publishes a committed batch (no-op when empty or when no stream is open). Thread-safe. */
  public static void publish(Vertx vertx, List<StoredReading> stored) {
    if (stored.isEmpty() || SUBSCRIBERS.get() == 0) {
      return;
    }
    JsonArray batch = new JsonArray();
    stored.forEach(r -> batch.add(toJson(r)));
    vertx.eventBus().publish(ADDRESS, batch);
  }

  private static Set<String> values(RoutingContext ctx, String name) {
    Set<String> out = new LinkedHashSet<>();
    for (String v : ctx.queryParams().getAll(name)) {
      Arrays.stream(v.split(",")).map(String::trim).filter(x -> !x.isEmpty()).forEach(out::add);
    }
    return out;
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
   * What a client subscribed to: meters (codes) and channels ({@code meter/channel}); empty sets
   * mean everything in the principal's scope.
   */
  record Subscription(String enterprise, Set<String> meters, Set<String> channels) {
    boolean wants(JsonObject r) {
      if (enterprise != null && !enterprise.equals(r.getString("enterprise"))) {
        return false;
      }
      if (meters.isEmpty() && channels.isEmpty()) {
        return true;
      }
      String meter = r.getString("meter");
      return meters.contains(meter) || channels.contains(meter + "/" + r.getString("channel"));
    }
  }

  private static final Pattern METER = Pattern.compile("^[a-z0-9][a-z0-9_-]{0,62}$");
  private static final Pattern CHANNEL =
      Pattern.compile("^[a-z0-9][a-z0-9_-]{0,62}/[A-Za-z][A-Za-z0-9_]{0,63}$");
  private static final int MAX_SUBSCRIPTIONS = 200;

  /**
   * {@code GET /api/v1/live[?enterprise=…][&meter=…]*[&channel=meter/channel]*}: a
   * text/event-stream of {@code reading} events, only those in the scope of the request's principal
   * and in the subscription ({@code meter} and {@code channel} may repeat or be comma-separated). A
   * bad parameter answers 400 naming it.
   */
  public static void handleSse(RoutingContext ctx) {
    Vertx vertx = ctx.vertx();
    String enterprise = ctx.queryParams().get("enterprise");
    Set<String> meters = values(ctx, "meter");
    Set<String> channels = values(ctx, "channel");
    String bad =
        meters.stream().anyMatch(m -> !METER.matcher(m).matches())
            ? "meter"
            : channels.stream().anyMatch(c -> !CHANNEL.matcher(c).matches())
                ? "channel"
                : meters.size() + channels.size() > MAX_SUBSCRIPTIONS ? "meter" : null;
    if (bad != null) {
      String message =
          bad
              + ": must be "
              + ("meter".equals(bad) ? "meter codes" : "meter/channel pairs")
              + ", at most "
              + MAX_SUBSCRIPTIONS
              + " in all";
      ctx.response()
          .setStatusCode(400)
          .putHeader("Content-Type", "application/json")
          .end(
              new JsonObject()
                  .put("error", "bad_request")
                  .put("parameter", bad)
                  .put("message", message)
                  .encode());
      return;
    }
    Subscription subscription = new Subscription(enterprise, meters, channels);
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
                    if (subscription.wants(r)
                        && scope.permits(r.getString("enterprise"), r.getString("site"))
                        && !res.writeQueueFull()) {
                      res.write("event: reading\ndata: " + r.encode() + "\n\n");
                    }
                  }
                });
    SUBSCRIBERS.incrementAndGet();
    long keepalive = vertx.setPeriodic(KEEPALIVE_MS, t -> res.write(": keepalive\n\n"));
    res.closeHandler(
        v -> {
          SUBSCRIBERS.decrementAndGet();
          vertx.cancelTimer(keepalive);
          consumer.unregister();
        });
  }
}
