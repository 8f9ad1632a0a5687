package org.energytrace.ingest.live;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.regex.Pattern;
import org.energytrace.ingest.auth.Principal;
import org.energytrace.ingest.store.StoredReading;
import org.energytrace.ingest.tenant.Scope;
import org.energytrace.ingest.web.HttpErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Newly stored readings, published on the (local) event bus after commit and pushed to browsers as
 * Server-Sent Events. A client too slow to keep up misses events rather than slowing ingest down.
 *
 * <p>A stream lasts only as long as its principal may read it (issue 11): every {@code
 * security.live_reauthorize_every}, and at once when this instance signs someone out, revokes a
 * token or changes an account, each open stream's credentials are checked again; a stream whose
 * session ended, whose token was revoked or expired, whose account was disabled (or whose token's
 * issuing account was), or whose principal lost any part of its scope (an auditor's assignment
 * removed, a site withdrawn from the showcase) is closed, and a browser's EventSource reconnects
 * and is authorised anew; a scope that only grew is taken over by the open stream. Streams are
 * capped per principal ({@code security.live_max_streams_per_principal}; anonymous callers are
 * counted by address only) and per client address ({@code security.live_max_streams_per_ip}); one
 * over a cap is answered 429.
 */
public final class LiveFeed {
  private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);
  public static final String ADDRESS = "energytrace.live.readings";
  private static final String CODEC = "energytrace.live.batch";
  private static final DeliveryOptions LOCAL =
      new DeliveryOptions().setLocalOnly(true).setCodecName(CODEC);
  private static final long KEEPALIVE_MS = 15_000;

  /** Blocking: a principal as its credentials stand now, empty when they no longer hold. */
  @FunctionalInterface
  public interface Authorizer {
    Optional<Principal> current(Principal p);
  }

  /**
   * A committed batch as it travels the event bus: the readings themselves (no copy), each encoded
   * as JSON once, by the first stream that sends it.
   */
  public static final class Batch {
    private final List<StoredReading> readings;
    private final AtomicReferenceArray<String> encoded;

    Batch(List<StoredReading> readings) {
      this.readings = List.copyOf(readings);
      this.encoded = new AtomicReferenceArray<>(this.readings.size());
    }

    public List<StoredReading> readings() {
      return readings;
    }

    String json(int i) {
      String s = encoded.get(i);
      if (s == null) {
        s = toJson(readings.get(i)).encode();
        encoded.lazySet(i, s);
      }
      return s;
    }
  }

  /** Passes a batch by reference on the local event bus (never sent to another process). */
  private static final class BatchCodec implements MessageCodec<Batch, Batch> {
    @Override
    public void encodeToWire(Buffer buffer, Batch b) {
      throw new UnsupportedOperationException("the live feed is local to its process");
    }

    @Override
    public Batch decodeFromWire(int pos, Buffer buffer) {
      throw new UnsupportedOperationException("the live feed is local to its process");
    }

    @Override
    public Batch transform(Batch b) {
      return b;
    }

    @Override
    public String name() {
      return CODEC;
    }

    @Override
    public byte systemCodecID() {
      return -1;
    }
  }

  /**
   * Publishes a committed batch (no-op when empty, or when this Vert.x instance has no live feed).
   * Thread-safe; builds no JSON: a stream encodes only the readings it sends.
   */
  public static void publish(Vertx vertx, List<StoredReading> stored) {
    if (stored.isEmpty()) {
      return;
    }
    try {
      vertx.eventBus().publish(ADDRESS, new Batch(stored), LOCAL);
    } catch (IllegalArgumentException noCodec) {
      // no LiveFeed was created on this Vert.x instance: nobody can listen
    }
  }

  private final Vertx vertx;
  private final int maxPerPrincipal;
  private final int maxPerIp;
  private final Authorizer authorizer;
  private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
  private final Map<String, Integer> perPrincipal = new HashMap<>();
  private final Map<String, Integer> perIp = new HashMap<>();
  private final long timer;
  private final MessageConsumer<Void> changes;
  private boolean passRunning;
  private boolean passAgain;

  /**
   * @param reauthorizeEvery how often open streams are checked again (also at once on {@code
   *     changesAddress})
   * @param changesAddress local event-bus address told when principals changed on this instance
   */
  public LiveFeed(
      Vertx vertx,
      int maxPerPrincipal,
      int maxPerIp,
      Duration reauthorizeEvery,
      Authorizer authorizer,
      String changesAddress) {
    this.vertx = vertx;
    this.maxPerPrincipal = maxPerPrincipal;
    this.maxPerIp = maxPerIp;
    this.authorizer = authorizer;
    try {
      vertx.eventBus().registerCodec(new BatchCodec());
    } catch (IllegalStateException alreadyRegistered) {
      // another service on the same Vert.x instance (tests) registered it
    }
    this.timer = vertx.setPeriodic(reauthorizeEvery.toMillis(), t -> reauthorizeAll());
    this.changes = vertx.eventBus().localConsumer(changesAddress, m -> reauthorizeAll());
  }

  /** Open streams of this instance. */
  public int open() {
    return streams.size();
  }

  /** Ends every stream (at stop). */
  public void close() {
    vertx.cancelTimer(timer);
    changes.unregister();
    streams.forEach(Stream::end);
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
    boolean wants(StoredReading r) {
      if (enterprise != null && !enterprise.equals(r.enterprise())) {
        return false;
      }
      if (meters.isEmpty() && channels.isEmpty()) {
        return true;
      }
      return meters.contains(r.meter()) || channels.contains(r.meter() + "/" + r.channel());
    }
  }

  /** One open stream. */
  private final class Stream {
    final HttpServerResponse response;
    final Context context;
    final Principal principal;
    final String principalKey;
    final String ip;
    final Subscription subscription;
    volatile Scope scope;
    MessageConsumer<Batch> consumer;
    long keepalive;
    boolean disposed;

    Stream(
        HttpServerResponse response,
        Context context,
        Principal principal,
        String principalKey,
        String ip,
        Subscription subscription) {
      this.response = response;
      this.context = context;
      this.principal = principal;
      this.principalKey = principalKey;
      this.ip = ip;
      this.subscription = subscription;
      this.scope = principal.scope();
    }

    void deliver(Batch batch) {
      Scope s = scope;
      List<StoredReading> rs = batch.readings();
      for (int i = 0; i < rs.size(); i++) {
        StoredReading r = rs.get(i);
        if (subscription.wants(r)
            && s.permits(r.enterprise(), r.site())
            && !response.writeQueueFull()) {
          response.write("event: reading\ndata: " + batch.json(i) + "\n\n");
        }
      }
    }

    /** Ends the stream from any thread. */
    void end() {
      context.runOnContext(
          v -> {
            if (!response.ended() && !response.closed()) {
              response.end();
            }
          });
    }

    /** On the stream's context, once: whatever ended the response. */
    void dispose() {
      if (disposed) {
        return;
      }
      disposed = true;
      streams.remove(this);
      release(principalKey, ip);
      vertx.cancelTimer(keepalive);
      if (consumer != null) {
        consumer.unregister();
      }
    }
  }

  private static Set<String> values(RoutingContext ctx, String name) {
    Set<String> out = new LinkedHashSet<>();
    for (String v : ctx.queryParams().getAll(name)) {
      Arrays.stream(v.split(",")).map(String::trim).filter(x -> !x.isEmpty()).forEach(out::add);
    }
    return out;
  }

  private static final Pattern ID = Pattern.compile("^[a-z0-9][a-z0-9_-]{0,62}$");
  private static final Pattern CHANNEL =
      Pattern.compile("^[a-z0-9][a-z0-9_-]{0,62}/[A-Za-z][A-Za-z0-9_]{0,63}$");
  private static final int MAX_SUBSCRIPTIONS = 200;

  /**
   * {@code GET /api/v1/live[?enterprise=…][&meter=…]*[&channel=meter/channel]*}: a
   * text/event-stream of {@code reading} events, only those in the scope of the request's principal
   * and in the subscription ({@code meter} and {@code channel} may repeat or be comma-separated). A
   * bad parameter answers 400 naming it; one stream over a cap answers 429.
   */
  public void handle(RoutingContext ctx) {
    String enterprise = ctx.queryParams().get("enterprise");
    Set<String> meters = values(ctx, "meter");
    Set<String> channels = values(ctx, "channel");
    if (enterprise != null && !ID.matcher(enterprise).matches()) {
      HttpErrors.badRequest(ctx, "enterprise", "must match " + ID.pattern());
      return;
    }
    String bad =
        meters.stream().anyMatch(m -> !ID.matcher(m).matches())
            ? "meter"
            : channels.stream().anyMatch(c -> !CHANNEL.matcher(c).matches())
                ? "channel"
                : meters.size() + channels.size() > MAX_SUBSCRIPTIONS ? "meter" : null;
    if (bad != null) {
      HttpErrors.badRequest(
          ctx,
          bad,
          "must be "
              + ("meter".equals(bad) ? "meter codes" : "meter/channel pairs")
              + ", at most "
              + MAX_SUBSCRIPTIONS
              + " in all");
      return;
    }
    Principal p = Principal.of(ctx);
    String ip = ctx.request().remoteAddress() == null ? "" : ctx.request().remoteAddress().host();
    String key =
        p.session() != null
            ? "session:" + p.session().hash()
            : p.tokenId() != null ? "token:" + p.tokenId() : null;
    if (!acquire(key, ip)) {
      ctx.response().putHeader("Retry-After", "10");
      HttpErrors.send(
          ctx,
          429,
          "too_many_streams",
          "too many open live streams for this "
              + (key == null ? "address" : "principal or address")
              + "; close one (at most "
              + (key == null ? maxPerIp : maxPerPrincipal + " per principal, " + maxPerIp)
              + " per address)");
      return;
    }
    HttpServerResponse res = ctx.response();
    Stream s =
        new Stream(
            res,
            vertx.getOrCreateContext(),
            p,
            key,
            ip,
            new Subscription(enterprise, meters, channels));
    streams.add(s);
    // whatever ends the response (client gone, stream closed here, stop) frees its place
    ctx.addEndHandler(v -> s.dispose());
    res.setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-cache")
        .putHeader("X-Accel-Buffering", "no");
    res.write("retry: 3000\n: connected\n\n");
    s.consumer = vertx.eventBus().<Batch>localConsumer(ADDRESS, msg -> s.deliver(msg.body()));
    s.keepalive = vertx.setPeriodic(KEEPALIVE_MS, t -> res.write(": keepalive\n\n"));
  }

  private synchronized boolean acquire(String principalKey, String ip) {
    if (perIp.getOrDefault(ip, 0) >= maxPerIp) {
      return false;
    }
    if (principalKey != null && perPrincipal.getOrDefault(principalKey, 0) >= maxPerPrincipal) {
      return false;
    }
    perIp.merge(ip, 1, Integer::sum);
    if (principalKey != null) {
      perPrincipal.merge(principalKey, 1, Integer::sum);
    }
    return true;
  }

  private synchronized void release(String principalKey, String ip) {
    perIp.computeIfPresent(ip, (k, n) -> n <= 1 ? null : n - 1);
    if (principalKey != null) {
      perPrincipal.computeIfPresent(principalKey, (k, n) -> n <= 1 ? null : n - 1);
    }
  }

  /** Checks every open stream's principal again; one pass at a time, another if asked meanwhile. */
  private void reauthorizeAll() {
    synchronized (this) {
      if (passRunning) {
        passAgain = true;
        return;
      }
      if (streams.isEmpty()) {
        return;
      }
      passRunning = true;
    }
    List<Stream> open = List.copyOf(streams);
    Map<String, Principal> principals = new HashMap<>();
    for (Stream s : open) {
      principals.putIfAbsent(s.principalKey == null ? "anonymous" : s.principalKey, s.principal);
    }
    vertx
        .executeBlocking(
            () -> {
              Map<String, Optional<Principal>> now = new HashMap<>();
              principals.forEach((k, p) -> now.put(k, authorizer.current(p)));
              return now;
            },
            false)
        .onComplete(
            r -> {
              if (r.succeeded()) {
                apply(open, r.result());
              } else {
                // the database is unreachable: streams carry on until it answers again
                LOG.warn("re-authorising live streams failed: {}", r.cause().toString());
              }
              boolean again;
              synchronized (this) {
                passRunning = false;
                again = passAgain;
                passAgain = false;
              }
              if (again) {
                reauthorizeAll();
              }
            });
  }

  private static void apply(List<Stream> open, Map<String, Optional<Principal>> now) {
    for (Stream s : open) {
      Optional<Principal> p = now.get(s.principalKey == null ? "anonymous" : s.principalKey);
      String enterprise = s.subscription.enterprise();
      if (p == null
          || p.isEmpty()
          || !p.get().scope().covers(s.scope)
          || (enterprise != null && !p.get().scope().touches(enterprise))) {
        // gone, or lost part of what it could read: the client reconnects and is authorised anew
        s.end();
      } else {
        s.scope = p.get().scope();
      }
    }
  }
}
