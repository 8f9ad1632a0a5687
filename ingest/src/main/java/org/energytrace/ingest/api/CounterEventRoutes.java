package org.energytrace.ingest.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.energytrace.ingest.auth.ApiRouter;
import org.energytrace.ingest.auth.Principal;
import org.energytrace.ingest.counters.CounterEvent;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.store.PgCounterAnomalies;
import org.energytrace.ingest.store.PgCounterAnomalies.Anomaly;
import org.energytrace.ingest.store.PgCounterEvents;
import org.energytrace.ingest.store.PgReadQueries;
import org.energytrace.ingest.store.PgReadQueries.CounterEventView;
import org.energytrace.ingest.tenant.Scope;
import org.energytrace.ingest.web.Blocking;
import org.energytrace.ingest.web.Blocking.Answer;
import org.energytrace.ingest.web.Instants;
import org.energytrace.ingest.web.Params;

/**
 * A counter channel's events (meter replacements, CT-ratio changes): listed, recorded by an
 * operator, deleted when recorded by mistake; each change re-derives the channel's energy.
 */
final class CounterEventRoutes {
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

  private final Blocking blocking;
  private final PgReadQueries queries;
  private final PgCounterEvents counterEvents;
  private final PgCounterAnomalies anomalies;
  private final Clock clock;

  CounterEventRoutes(
      Blocking blocking,
      PgReadQueries queries,
      PgCounterEvents counterEvents,
      PgCounterAnomalies anomalies,
      Clock clock) {
    this.blocking = blocking;
    this.queries = queries;
    this.counterEvents = counterEvents;
    this.anomalies = anomalies;
    this.clock = clock;
  }

  void mount(ApiRouter api) {
    api.bind("listCounterEvents", blocking.parsing(this::list));
    // request bodies are read by the gate's RequestBodies, per operation, after the access check
    api.bind("recordCounterEvent", blocking.parsing(this::record));
    api.bind("deleteCounterEvent", blocking.parsing(this::delete));
    api.bind("listCounterAnomalies", blocking.parsing(this::anomalies));
  }

  /**
   * The resets and wraps the derivation booked, and the implausible intervals, of the enterprise's
   * counters ending in {@code (from, to]} (default: the 30 days to now), or of one meter's.
   */
  private Callable<?> anomalies(RoutingContext ctx) {
    String enterprise = Params.id("enterprise", ctx.pathParam("enterprise"));
    Range range = Range.of(ctx, clock, Duration.ofDays(30));
    String meter = Params.optionalId("meter", ctx.queryParams().get("meter"));
    List<String> meters = meter == null ? null : List.of(meter);
    int limit = Params.limit(ctx);
    Scope scope = Principal.scope(ctx);
    return () -> {
      JsonArray out = new JsonArray();
      for (Anomaly a :
          anomalies.list(scope, enterprise, meters, false, range.from(), range.to(), limit)) {
        out.add(
            new JsonObject()
                .put("meter", a.meter())
                .put("channel", a.channel())
                .put("start", a.start().toString())
                .put("end", a.end().toString())
                .put("how", a.how())
                .put("energy", a.energy())
                .put("unit", a.unit())
                .put("per_hour", a.perHour())
                .put("usual_per_hour", a.usualPerHour())
                .put("implausible", a.implausible()));
      }
      return range
          .into(new JsonObject().put("enterprise", enterprise))
          .put("implausible_above", PgCounterAnomalies.IMPLAUSIBLE_TIMES)
          .put("anomalies", out);
    };
  }

  private Callable<?> list(RoutingContext ctx) {
    ChannelPath path = ChannelPath.of(ctx);
    int limit = Params.limit(ctx);
    Scope scope = Principal.scope(ctx);
    return () -> {
      JsonArray out = new JsonArray();
      queries
          .counterEvents(scope, path.enterprise(), path.meter(), path.channel(), limit)
          .forEach(e -> out.add(eventJson(e)));
      return path.into(new JsonObject()).put("events", out);
    };
  }

  /** A meter replacement or CT-ratio change recorded by an operator; re-derives the energy. */
  private Callable<?> record(RoutingContext ctx) {
    ChannelPath path = ChannelPath.of(ctx);
    JsonObject b = Params.body(ctx);
    Params.onlyFields(b, EVENT_FIELDS, "one of " + EVENT_FIELDS);
    String k = Params.text(b, "kind", true);
    CounterEvent.Kind kind =
        switch (k) {
          case "replacement" -> CounterEvent.Kind.REPLACEMENT;
          case "multiplier_change" -> CounterEvent.Kind.MULTIPLIER_CHANGE;
          default ->
              throw DomainException.invalid(
                  "kind", "must be replacement or multiplier_change, got '" + k + "'");
        };
    String t = Params.text(b, "ts", true);
    Instant ts =
        Instants.parse(t)
            .orElseThrow(
                () -> DomainException.invalid("ts", Instants.EXPECTED + ", got '" + t + "'"));
    if (ts.isAfter(clock.instant())) {
      throw DomainException.invalid(
          "ts", "is in the future (" + t + "): record an event once it happened");
    }
    Double multiplier = Params.number(b, "multiplier", kind == CounterEvent.Kind.MULTIPLIER_CHANGE);
    if (multiplier != null && !(multiplier > 0)) {
      throw DomainException.invalid("multiplier", "must be positive, got " + multiplier);
    }
    double closing;
    double opening;
    if (kind == CounterEvent.Kind.REPLACEMENT) {
      if (b.containsKey("register_value")) {
        throw DomainException.invalid(
            "register_value", "not for a replacement: give closing_value and opening_value");
      }
      closing = nonNegative(b, "closing_value");
      opening = nonNegative(b, "opening_value");
    } else {
      for (String field : List.of("closing_value", "opening_value")) {
        if (b.containsKey(field)) {
          throw DomainException.invalid(
              field,
              "not for a multiplier change: give register_value (the reading at the change)");
        }
      }
      closing = nonNegative(b, "register_value");
      opening = closing;
    }
    String unit = Params.text(b, "unit", false);
    String note = Params.text(b, "note", false);
    if (note != null && note.length() > 500) {
      throw DomainException.invalid("note", "must be at most 500 characters, got " + note.length());
    }
    Scope scope = Principal.scope(ctx);
    return refusals(
        () ->
            Answer.created(
                path.into(
                    eventJson(
                        counterEvents.record(
                            scope,
                            path.enterprise(),
                            path.meter(),
                            path.channel(),
                            kind,
                            ts,
                            closing,
                            opening,
                            unit,
                            multiplier,
                            note)))));
  }

  /** Removes an event recorded by mistake; re-derives the energy without it. */
  private Callable<?> delete(RoutingContext ctx) {
    ChannelPath path = ChannelPath.of(ctx);
    long id = Params.longPath(ctx, "event", "must be an event id (an integer)");
    Scope scope = Principal.scope(ctx);
    return refusals(
        () ->
            path.into(
                    eventJson(
                        counterEvents.delete(
                            scope, path.enterprise(), path.meter(), path.channel(), id)))
                .put("deleted", true));
  }

  /** The store's refusals of an event as the answers they always had (409, 400 unit / body). */
  private static Callable<Object> refusals(Callable<Object> work) {
    return () -> {
      try {
        return work.call();
      } catch (PgCounterEvents.ConflictException e) {
        throw DomainException.conflict(null, e.getMessage());
      } catch (PgCounterEvents.RegisterException e) {
        throw DomainException.conflict(e.field(), e.getMessage());
      } catch (PgCounterEvents.BadUnitException e) {
        throw DomainException.invalid("unit", e.getMessage());
      } catch (IllegalArgumentException e) {
        throw DomainException.invalid("body", e.getMessage());
      }
    };
  }

  private static double nonNegative(JsonObject b, String field) {
    double v = Params.number(b, field, true);
    if (v < 0) {
      throw DomainException.invalid(field, "must be a register reading >= 0, got " + v);
    }
    return v;
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
}
