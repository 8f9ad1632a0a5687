package org.energytrace.ingest.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.energytrace.ingest.auth.Principal;
import org.energytrace.ingest.counters.CounterEvent;
import org.energytrace.ingest.live.LiveFeed;
import org.energytrace.ingest.model.TopicName;
import org.energytrace.ingest.quarantine.QuarantineService;
import org.energytrace.ingest.registry.PgRegistry;
import org.energytrace.ingest.registry.PgRegistry.ChannelSpec;
import org.energytrace.ingest.registry.PgRegistry.GatewaySpec;
import org.energytrace.ingest.registry.PgRegistry.MeterSpec;
import org.energytrace.ingest.store.Database;
import org.energytrace.ingest.store.PgCounterEvents;
import org.energytrace.ingest.store.PgIngestStore.Reprocessed;
import org.energytrace.ingest.store.PgReadQueries;
import org.energytrace.ingest.store.PgReadQueries.ChannelView;
import org.energytrace.ingest.store.PgReadQueries.CounterEventView;
import org.energytrace.ingest.store.PgReadQueries.MeterView;
import org.energytrace.ingest.store.PgReadQueries.QuarantineView;
import org.energytrace.ingest.store.PgReadQueries.ReadingView;
import org.energytrace.ingest.store.PgReadQueries.Series;
import org.energytrace.ingest.store.PgReadQueries.SeriesRow;
import org.energytrace.ingest.store.Resolution;
import org.energytrace.ingest.tenant.Scope;
import org.energytrace.ingest.web.HttpErrors;
import org.energytrace.ingest.web.Instants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API under {@code /api/v1}, described by {@code /api/v1/openapi.yaml}. Queries run on
 * worker threads.
 */
public final class ApiRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(ApiRoutes.class);
  static final int DEFAULT_LIMIT = 1000;
  static final int MAX_LIMIT = 10_000;
  private static final String JSON = "application/json";

  private final Vertx vertx;
  private final Database db;
  private final PgReadQueries queries;
  private final Clock clock;
  private final Buffer openapi;
  private final QuarantineService quarantine;
  private final PgRegistry registry;
  private final PgCounterEvents counterEvents;
  private final LiveFeed live;

  public ApiRoutes(
      Vertx vertx,
      Database db,
      PgReadQueries queries,
      QuarantineService quarantine,
      PgRegistry registry,
      LiveFeed live,
      Clock clock) {
    this.vertx = vertx;
    this.live = live;
    this.db = db;
    this.queries = queries;
    this.counterEvents = new PgCounterEvents(db.dataSource());
    this.quarantine = quarantine;
    this.registry = registry;
    this.clock = clock;
    try (InputStream in =
        ApiRoutes.class.getClassLoader().getResourceAsStream("api/openapi.yaml")) {
      this.openapi = Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void mount(Router router) {
    router.get("/api/v1/meters").handler(this::meters);
    router.get("/api/v1/enterprises/:enterprise/meters/:meter/readings").handler(this::readings);
    router.get("/api/v1/quarantine").handler(this::quarantine);
    String channel = "/api/v1/enterprises/:enterprise/meters/:meter/channels/:channel";
    router.get(channel + "/series").handler(this::series);
    router.get(channel + "/counter-events").handler(this::counterEvents);
    router.get("/api/v1/enterprises/:enterprise/production/counts").handler(this::production);
    // request bodies are read by the gate's RequestBodies, per operation, after the access check
    router.post(channel + "/counter-events").handler(this::recordCounterEvent);
    router.delete(channel + "/counter-events/:event").handler(this::deleteCounterEvent);
    router.post("/api/v1/quarantine/reprocess").handler(this::reprocessAll);
    router.post("/api/v1/quarantine/:id/reprocess").handler(this::reprocess);
    router.post("/api/v1/quarantine/:id/discard").handler(this::discard);
    router.put("/api/v1/enterprises/:enterprise/gateways/:gateway").handler(this::putGateway);
    router.put("/api/v1/enterprises/:enterprise/meters/:meter").handler(this::putMeter);
    router.get("/api/v1/live").handler(live::handle);
    router
        .get("/api/v1/openapi.yaml")
        .handler(ctx -> ctx.response().putHeader("Content-Type", "application/yaml").end(openapi));
  }

  private void meters(RoutingContext ctx) {
    Scope scope = Principal.scope(ctx);
    respond(
        ctx, vertx.executeBlocking(() -> queries.meters(scope), false).map(ApiRoutes::metersJson));
  }

  private void readings(RoutingContext ctx) {
    String enterprise = ctx.pathParam("enterprise");
    String meter = ctx.pathParam("meter");
    String channel = ctx.queryParams().get("channel");
    Instant to;
    Instant from;
    int limit;
    try {
      checkId("enterprise", enterprise);
      checkId("meter", meter);
      if (channel != null && !TopicName.CHANNEL.matcher(channel).matches()) {
        throw new BadParameter("channel", "must match " + TopicName.CHANNEL.pattern());
      }
      to = instant(ctx, "to", clock.instant());
      from = instant(ctx, "from", to.minus(Duration.ofDays(1)));
      if (!from.isBefore(to)) {
        throw new BadParameter("from", "must be before to");
      }
      limit = limit(ctx);
    } catch (BadParameter e) {
      badRequest(ctx, e);
      return;
    }
    respond(
        ctx,
        vertx
            .executeBlocking(
                () ->
                    queries.readings(
                        Principal.scope(ctx), enterprise, meter, channel, from, to, limit),
                false)
            .map(
                rows ->
                    new JsonObject()
                        .put("enterprise", enterprise)
                        .put("meter", meter)
                        .put("from", from.toString())
                        .put("to", to.toString())
                        .put("readings", readingsJson(rows))));
  }

  /** The range {@code [from, to)} of a request: to defaults to now, from to a day before to. */
  private record Range(Instant from, Instant to) {}

  private Range range(RoutingContext ctx) throws BadParameter {
    Instant to = instant(ctx, "to", clock.instant());
    Instant from = instant(ctx, "from", to.minus(Duration.ofDays(1)));
    if (!from.isBefore(to)) {
      throw new BadParameter("from", "must be before to");
    }
    return new Range(from, to);
  }

  /** The enterprise, meter and channel of a channel path, checked. */
  private record ChannelPath(String enterprise, String meter, String channel) {
    static ChannelPath of(RoutingContext ctx) throws BadParameter {
      String enterprise = ctx.pathParam("enterprise");
      String meter = ctx.pathParam("meter");
      checkId("enterprise", enterprise);
      checkId("meter", meter);
      return new ChannelPath(enterprise, meter, channelParam(ctx));
    }
  }

  private static String channelParam(RoutingContext ctx) throws BadParameter {
    String channel = ctx.pathParam("channel");
    if (channel == null || !TopicName.CHANNEL.matcher(channel).matches()) {
      throw new BadParameter("channel", "must match " + TopicName.CHANNEL.pattern());
    }
    return channel;
  }

  private void series(RoutingContext ctx) {
    ChannelPath path;
    Range range;
    Resolution resolution;
    int limit;
    try {
      path = ChannelPath.of(ctx);
      String res = ctx.queryParams().get("resolution");
      resolution =
          res == null
              ? Resolution.RAW
              : Resolution.fromWire(res)
                  .orElseThrow(() -> new BadParameter("resolution", "must be raw, 15m, 1h or 1d"));
      range = range(ctx);
      limit = limit(ctx);
    } catch (BadParameter e) {
      badRequest(ctx, e);
      return;
    }
    String enterprise = path.enterprise();
    String meter = path.meter();
    String channel = path.channel();
    Scope scope = Principal.scope(ctx);
    respond(
        ctx,
        vertx
            .executeBlocking(
                () ->
                    queries.series(
                        scope,
                        enterprise,
                        meter,
                        channel,
                        resolution,
                        range.from(),
                        range.to(),
                        limit),
                false)
            .map(
                s ->
                    new JsonObject()
                        .put("enterprise", enterprise)
                        .put("meter", meter)
                        .put("channel", channel)
                        .put("kind", s.kind())
                        .put("unit", s.unit())
                        .put("resolution", s.resolution().wire())
                        .put("time_zone", s.zone().getId())
                        .put("from", range.from().toString())
                        .put("to", range.to().toString())
                        .put("rows", seriesJson(s))));
  }

  private static JsonArray seriesJson(Series s) {
    JsonArray out = new JsonArray();
    for (SeriesRow row : s.rows()) {
      if (row instanceof PgReadQueries.ReadingRow r) {
        out.add(
            new JsonObject()
                .put("ts", r.ts().toString())
                .put("value", r.value())
                .put("quality", r.quality().wire()));
      } else if (row instanceof PgReadQueries.GaugeBucket b) {
        out.add(
            date(b.date(), new JsonObject().put("bucket", b.bucket().toString()))
                .put("readings", b.readings())
                .put("min", b.min())
                .put("max", b.max())
                .put("avg", b.avg()));
      } else if (row instanceof PgReadQueries.IntervalView i) {
        out.add(
            new JsonObject()
                .put("start", i.start().toString())
                .put("end", i.end().toString())
                .put("energy", i.energy())
                .put("how", i.how()));
      } else if (row instanceof PgReadQueries.EnergyBucket b) {
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

  private void counterEvents(RoutingContext ctx) {
    ChannelPath path;
    int limit;
    try {
      path = ChannelPath.of(ctx);
      limit = limit(ctx);
    } catch (BadParameter e) {
      badRequest(ctx, e);
      return;
    }
    String enterprise = path.enterprise();
    String meter = path.meter();
    String channel = path.channel();
    Scope scope = Principal.scope(ctx);
    respond(
        ctx,
        vertx
            .executeBlocking(
                () -> queries.counterEvents(scope, enterprise, meter, channel, limit), false)
            .map(
                events -> {
                  JsonArray out = new JsonArray();
                  events.forEach(e -> out.add(eventJson(e)));
                  return new JsonObject()
                      .put("enterprise", enterprise)
                      .put("meter", meter)
                      .put("channel", channel)
                      .put("events", out);
                }));
  }

  private static JsonObject eventJson(CounterEventView e) {
    return new JsonObject()
        .put("id", e.id())
        .put("ts", e.ts().toString())
        .put("kind", e.kind())
        .put("closing_value", e.closingValue())
        .put("opening_value", e.openingValue())
        .put("multiplier", e.multiplier())
        .put("unit", e.unit())
        .put("note", e.note());
  }

  private static final List<String> EVENT_FIELDS =
      List.of(
          "ts",
          "kind",
          "closing_value",
          "opening_value",
          "register_value",
          "multiplier",
          "unit",
          "note");

  /** A meter replacement or CT-ratio change recorded by an operator; re-derives the energy. */
  private void recordCounterEvent(RoutingContext ctx) {
    ChannelPath path;
    CounterEvent.Kind kind;
    Instant ts;
    double closing;
    double opening;
    Double multiplier;
    String unit;
    String note;
    try {
      path = ChannelPath.of(ctx);
      JsonObject b = bodyObject(ctx);
      for (String field : b.fieldNames()) {
        if (!EVENT_FIELDS.contains(field)) {
          throw new BadParameter(field, "unknown field; expected one of " + EVENT_FIELDS);
        }
      }
      String k = text(b, "kind", true);
      kind =
          switch (k) {
            case "replacement" -> CounterEvent.Kind.REPLACEMENT;
            case "multiplier_change" -> CounterEvent.Kind.MULTIPLIER_CHANGE;
            default ->
                throw new BadParameter(
                    "kind", "must be replacement or multiplier_change, got '" + k + "'");
          };
      String t = text(b, "ts", true);
      ts =
          Instants.parse(t)
              .orElseThrow(() -> new BadParameter("ts", Instants.EXPECTED + ", got '" + t + "'"));
      if (ts.isAfter(clock.instant())) {
        throw new BadParameter(
            "ts", "is in the future (" + t + "): record an event once it happened");
      }
      multiplier = number(b, "multiplier", kind == CounterEvent.Kind.MULTIPLIER_CHANGE);
      if (multiplier != null && !(multiplier > 0)) {
        throw new BadParameter("multiplier", "must be positive, got " + multiplier);
      }
      if (kind == CounterEvent.Kind.REPLACEMENT) {
        if (b.containsKey("register_value")) {
          throw new BadParameter(
              "register_value", "not for a replacement: give closing_value and opening_value");
        }
        closing = nonNegative(b, "closing_value");
        opening = nonNegative(b, "opening_value");
      } else {
        for (String field : List.of("closing_value", "opening_value")) {
          if (b.containsKey(field)) {
            throw new BadParameter(
                field,
                "not for a multiplier change: give register_value (the reading at the change)");
          }
        }
        closing = nonNegative(b, "register_value");
        opening = closing;
      }
      unit = text(b, "unit", false);
      note = text(b, "note", false);
      if (note != null && note.length() > 500) {
        throw new BadParameter("note", "must be at most 500 characters, got " + note.length());
      }
    } catch (BadParameter e) {
      badRequest(ctx, e);
      return;
    }
    String enterprise = path.enterprise();
    String meter = path.meter();
    String channel = path.channel();
    Scope scope = Principal.scope(ctx);
    vertx
        .executeBlocking(
            () ->
                counterEvents.record(
                    scope,
                    enterprise,
                    meter,
                    channel,
                    kind,
                    ts,
                    closing,
                    opening,
                    unit,
                    multiplier,
                    note),
            false)
        .onSuccess(
            e ->
                json(
                    ctx,
                    201,
                    eventJson(e)
                        .put("enterprise", enterprise)
                        .put("meter", meter)
                        .put("channel", channel)))
        .onFailure(e -> eventFailure(ctx, e));
  }

  /** Removes an event recorded by mistake; re-derives the energy without it. */
  private void deleteCounterEvent(RoutingContext ctx) {
    ChannelPath path;
    long id;
    try {
      path = ChannelPath.of(ctx);
      try {
        id = Long.parseLong(ctx.pathParam("event"));
      } catch (NumberFormatException e) {
        throw new BadParameter("event", "must be an event id (an integer)");
      }
    } catch (BadParameter e) {
      badRequest(ctx, e);
      return;
    }
    String enterprise = path.enterprise();
    String meter = path.meter();
    String channel = path.channel();
    Scope scope = Principal.scope(ctx);
    vertx
        .executeBlocking(() -> counterEvents.delete(scope, enterprise, meter, channel, id), false)
        .onSuccess(
            e ->
                json(
                    ctx,
                    200,
                    eventJson(e)
                        .put("enterprise", enterprise)
                        .put("meter", meter)
                        .put("channel", channel)
                        .put("deleted", true)))
        .onFailure(e -> eventFailure(ctx, e));
  }

  private static void eventFailure(RoutingContext ctx, Throwable e) {
    if (e instanceof PgCounterEvents.ConflictException) {
      json(ctx, 409, new JsonObject().put("error", "conflict").put("message", e.getMessage()));
    } else if (e instanceof PgCounterEvents.BadUnitException) {
      badRequest(ctx, new BadParameter("unit", e.getMessage()));
    } else if (e instanceof IllegalArgumentException) {
      badRequest(ctx, new BadParameter("body", e.getMessage()));
    } else {
      respond(ctx, Future.failedFuture(e));
    }
  }

  private static String text(JsonObject b, String field, boolean required) throws BadParameter {
    return text(b, field, required, field);
  }

  /** A string field of {@code b}, named {@code name} in a refusal. */
  private static String text(JsonObject b, String field, boolean required, String name)
      throws BadParameter {
    Object v = b.getValue(field);
    if (v == null) {
      if (required) {
        throw new BadParameter(name, "is required");
      }
      return null;
    }
    if (!(v instanceof String s)) {
      throw new BadParameter(name, "must be a string, got " + kindOf(v));
    }
    return s;
  }

  /** A list of strings, empty when absent. */
  private static List<String> texts(JsonObject b, String field) throws BadParameter {
    Object v = b.getValue(field);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof JsonArray a)) {
      throw new BadParameter(field, "must be a list of strings, got " + kindOf(v));
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      if (!(a.getValue(i) instanceof String s)) {
        throw new BadParameter(field + "[" + i + "]", "must be a string");
      }
      out.add(s);
    }
    return out;
  }

  private static boolean bool(JsonObject b, String field, boolean def) throws BadParameter {
    Object v = b.getValue(field);
    if (v == null) {
      return def;
    }
    if (!(v instanceof Boolean x)) {
      throw new BadParameter(field, "must be true or false, got " + kindOf(v));
    }
    return x;
  }

  /** What a JSON value is, for a message (never the value itself, which may be huge). */
  static String kindOf(Object v) {
    return v instanceof JsonObject
        ? "an object"
        : v instanceof JsonArray
            ? "a list"
            : v instanceof Number ? "a number" : v instanceof Boolean ? "true/false" : "a string";
  }

  private static Double number(JsonObject b, String field, boolean required) throws BadParameter {
    Object v = b.getValue(field);
    if (v == null) {
      if (required) {
        throw new BadParameter(field, "is required");
      }
      return null;
    }
    if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
      throw new BadParameter(field, "must be a finite number, got " + kindOf(v));
    }
    return n.doubleValue();
  }

  private static double nonNegative(JsonObject b, String field) throws BadParameter {
    double v = number(b, field, true);
    if (v < 0) {
      throw new BadParameter(field, "must be a register reading >= 0, got " + v);
    }
    return v;
  }

  private void production(RoutingContext ctx) {
    String enterprise = ctx.pathParam("enterprise");
    String site = ctx.queryParams().get("site");
    String line = ctx.queryParams().get("line");
    String product = ctx.queryParams().get("product");
    Range range;
    int limit;
    try {
      checkId("enterprise", enterprise);
      if (site != null) {
        checkId("site", site);
      }
      if (line != null && (line.isEmpty() || line.length() > 128)) {
        throw new BadParameter("line", "must be 1 to 128 characters");
      }
      if (product != null && (product.isEmpty() || product.length() > 128)) {
        throw new BadParameter("product", "must be 1 to 128 characters");
      }
      range = range(ctx);
      limit = limit(ctx);
    } catch (BadParameter e) {
      badRequest(ctx, e);
      return;
    }
    Scope scope = Principal.scope(ctx);
    respond(
        ctx,
        vertx
            .executeBlocking(
                () ->
                    queries.production(
                        scope, enterprise, site, line, product, range.from(), range.to(), limit),
                false)
            .map(
                rows -> {
                  JsonArray out = new JsonArray();
                  rows.forEach(
                      p ->
                          out.add(
                              new JsonObject()
                                  .put("site", p.site())
                                  .put("line", p.line())
                                  .put("product", p.product())
                                  .put("ts", p.ts().toString())
                                  .put(
                                      "period_start",
                                      p.periodStart() == null ? null : p.periodStart().toString())
                                  .put("quantity", p.quantity())
                                  .put("unit", p.unit())
                                  .put("cumulative", p.cumulative())
                                  .put("quality", p.quality().wire())));
                  return new JsonObject()
                      .put("enterprise", enterprise)
                      .put("from", range.from().toString())
                      .put("to", range.to().toString())
                      .put("production", out);
                }));
  }

  private void quarantine(RoutingContext ctx) {
    int limit;
    String status = ctx.queryParams().get("status");
    String enterprise = ctx.queryParams().get("enterprise");
    try {
      limit = limit(ctx);
      if (status != null && !List.of("new", "released", "discarded").contains(status)) {
        throw new BadParameter("status", "must be new, released or discarded");
      }
      if (enterprise != null) {
        checkId("enterprise", enterprise);
      }
    } catch (BadParameter e) {
      badRequest(ctx, e);
      return;
    }
    respond(
        ctx,
        vertx
            .executeBlocking(
                () -> queries.quarantine(Principal.scope(ctx), status, enterprise, limit), false)
            .map(ApiRoutes::quarantineJson));
  }

  private void reprocess(RoutingContext ctx) {
    long id;
    try {
      id = Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      badRequest(ctx, new BadParameter("id", "must be an integer"));
      return;
    }
    vertx
        .executeBlocking(() -> quarantine.reprocess(id), false)
        .onSuccess(r -> json(ctx, r.released() ? 200 : 422, reprocessedJson(r)))
        .onFailure(e -> respond(ctx, Future.failedFuture(e)));
  }

  /**
   * Takes a message out of quarantine for good (status discarded, payload kept for the record),
   * e.g. one that can never be stored; audited as {@code quarantine.discard} with an optional
   * {@code reason}.
   */
  private void discard(RoutingContext ctx) {
    long id;
    String reason;
    try {
      id = quarantineId(ctx);
      JsonObject b =
          ctx.body().buffer() == null || ctx.body().length() == 0
              ? new JsonObject()
              : bodyObject(ctx);
      for (String field : b.fieldNames()) {
        if (!field.equals("reason")) {
          throw new BadParameter(field, "unknown field; expected reason");
        }
      }
      reason = text(b, "reason", false);
      if (reason != null && reason.length() > 500) {
        throw new BadParameter("reason", "must be at most 500 characters, got " + reason.length());
      }
    } catch (BadParameter e) {
      badRequest(ctx, e);
      return;
    }
    respond(
        ctx,
        vertx
            .executeBlocking(
                () -> {
                  quarantine.discard(id);
                  return null;
                },
                false)
            .map(
                v ->
                    new JsonObject()
                        .put("id", id)
                        .put("status", "discarded")
                        .put("reason", reason)));
  }

  private static long quarantineId(RoutingContext ctx) throws BadParameter {
    try {
      return Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw new BadParameter("id", "must be an integer");
    }
  }

  private void reprocessAll(RoutingContext ctx) {
    String enterprise = ctx.queryParams().get("enterprise");
    int limit;
    try {
      if (enterprise != null) {
        checkId("enterprise", enterprise);
      }
      limit = limit(ctx);
    } catch (BadParameter e) {
      badRequest(ctx, e);
      return;
    }
    respond(
        ctx,
        vertx
            .executeBlocking(() -> quarantine.reprocessAll(enterprise, limit), false)
            .map(
                b -> {
                  JsonArray results = new JsonArray();
                  b.results().forEach(r -> results.add(reprocessedJson(r)));
                  return new JsonObject()
                      .put("tried", b.tried())
                      .put("released", b.released())
                      .put("still_refused", b.tried() - b.released())
                      .put("results", results);
                }));
  }

  private static JsonObject reprocessedJson(Reprocessed r) {
    return new JsonObject()
        .put("id", r.id())
        .put("status", r.released() ? "released" : "new")
        .put("reason", r.reason())
        .put("readings_stored", r.result().stored().size())
        .put("duplicates", r.result().duplicates())
        .put("production_stored", r.result().productionStored());
  }

  private void putGateway(RoutingContext ctx) {
    GatewaySpec spec;
    try {
      JsonObject b = bodyObject(ctx);
      spec =
          new GatewaySpec(
              ctx.pathParam("enterprise"),
              ctx.pathParam("gateway"),
              text(b, "site", true),
              texts(b, "extra_sites"),
              bool(b, "auto_register_meters", false));
    } catch (BadParameter e) {
      badRequest(ctx, e);
      return;
    } catch (IllegalArgumentException e) {
      // the registry's own checks name the field in their message
      badRequest(ctx, new BadParameter("body", e.getMessage()));
      return;
    }
    respond(
        ctx,
        vertx
            .executeBlocking(
                () -> {
                  registry.putGateway(spec);
                  return null;
                },
                false)
            .map(
                v ->
                    new JsonObject()
                        .put("enterprise", spec.enterprise())
                        .put("gateway", spec.gateway())
                        .put("site", spec.site())
                        .put("extra_sites", new JsonArray(spec.extraSites()))
                        .put("auto_register_meters", spec.autoRegisterMeters())));
  }

  private void putMeter(RoutingContext ctx) {
    MeterSpec spec;
    try {
      JsonObject b = bodyObject(ctx);
      Object raw = b.getValue("channels");
      if (raw != null && !(raw instanceof JsonArray)) {
        throw new BadParameter("channels", "must be a list of {name, unit, kind, counter_bits}");
      }
      JsonArray list = raw == null ? new JsonArray() : (JsonArray) raw;
      List<ChannelSpec> channels = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        String at = "channels[" + i + "]";
        if (!(list.getValue(i) instanceof JsonObject c)) {
          throw new BadParameter(at, "must be an object {name, unit, kind, counter_bits}");
        }
        Object bits = c.getValue("counter_bits");
        if (bits != null && !(bits instanceof Integer || bits instanceof Long)) {
          throw new BadParameter(at + ".counter_bits", "must be 16, 32, 48 or 64");
        }
        if (bits instanceof Long l && (l > Integer.MAX_VALUE || l < Integer.MIN_VALUE)) {
          throw new BadParameter(at + ".counter_bits", "must be 16, 32, 48 or 64");
        }
        String kind = text(c, "kind", false, at + ".kind");
        channels.add(
            new ChannelSpec(
                text(c, "name", true, at + ".name"),
                text(c, "unit", true, at + ".unit"),
                kind == null ? "gauge" : kind,
                bits == null ? null : ((Number) bits).intValue()));
      }
      spec =
          new MeterSpec(
              ctx.pathParam("enterprise"),
              ctx.pathParam("meter"),
              text(b, "site", true),
              text(b, "gateway", false),
              channels);
    } catch (BadParameter e) {
      badRequest(ctx, e);
      return;
    } catch (IllegalArgumentException e) {
      badRequest(ctx, new BadParameter("body", e.getMessage()));
      return;
    }
    vertx
        .executeBlocking(
            () -> {
              registry.putMeter(spec);
              return null;
            },
            false)
        .onSuccess(
            v ->
                json(
                    ctx,
                    200,
                    new JsonObject()
                        .put("enterprise", spec.enterprise())
                        .put("meter", spec.meter())
                        .put("channels", spec.channels().size())))
        .onFailure(
            e -> {
              if (e instanceof IllegalArgumentException) {
                json(
                    ctx,
                    409,
                    new JsonObject().put("error", "conflict").put("message", e.getMessage()));
              } else {
                respond(ctx, Future.failedFuture(e));
              }
            });
  }

  private static JsonObject bodyObject(RoutingContext ctx) throws BadParameter {
    try {
      JsonObject b = ctx.body().asJsonObject();
      if (b == null) {
        throw new BadParameter("body", "a JSON object is required");
      }
      return b;
    } catch (io.vertx.core.json.DecodeException | ClassCastException e) {
      throw new BadParameter("body", "must be a JSON object");
    }
  }

  // ---- parameters ----

  private static final class BadParameter extends Exception {
    final String parameter;

    BadParameter(String parameter, String message) {
      super(message, null, false, false);
      this.parameter = parameter;
    }
  }

  private static void checkId(String name, String value) throws BadParameter {
    if (!TopicName.ID.matcher(value).matches()) {
      throw new BadParameter(name, "must match " + TopicName.ID.pattern());
    }
  }

  private static Instant instant(RoutingContext ctx, String name, Instant def) throws BadParameter {
    String s = ctx.queryParams().get(name);
    if (s == null) {
      return def;
    }
    return Instants.parse(s)
        .orElseThrow(() -> new BadParameter(name, Instants.EXPECTED + ", got '" + s + "'"));
  }

  private static int limit(RoutingContext ctx) throws BadParameter {
    String s = ctx.queryParams().get("limit");
    if (s == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int v = Integer.parseInt(s);
      if (v < 1 || v > MAX_LIMIT) {
        throw new BadParameter("limit", "must be between 1 and " + MAX_LIMIT + ", got " + v);
      }
      return v;
    } catch (NumberFormatException e) {
      throw new BadParameter("limit", "must be an integer, got '" + s + "'");
    }
  }

  // ---- responses ----

  private static void badRequest(RoutingContext ctx, BadParameter e) {
    HttpErrors.badRequest(ctx, e.parameter, e.getMessage());
  }

  private static void respond(RoutingContext ctx, Future<?> result) {
    result
        .onSuccess(
            body -> {
              if (body instanceof JsonArray a) {
                ctx.response().putHeader("Content-Type", JSON).end(a.encode());
              } else {
                json(ctx, 200, (JsonObject) body);
              }
            })
        .onFailure(e -> HttpErrors.failed(ctx, e));
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", JSON).end(body.encode());
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

  private static JsonObject quarantineJson(List<QuarantineView> rows) {
    JsonArray out = new JsonArray();
    for (QuarantineView q : rows) {
      out.add(
          new JsonObject()
              .put("id", q.id())
              .put("enterprise", q.enterprise())
              .put("topic", q.topic())
              .put("reason", q.reason())
              .put("received_at", q.receivedAt().toString())
              .put("status", q.status())
              .put("attempts", q.attempts())
              .put("payload_bytes", q.payloadBytes())
              .put("payload_text", q.payloadText())
              .put("payload_base64", q.payloadBase64()));
    }
    return new JsonObject().put("quarantine", out);
  }
}
