package org.energytrace.ingest.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.web.Params;

/** The range {@code [from, to)} of a request: to defaults to now, from to a day before to. */
record Range(Instant from, Instant to) {
  static Range of(RoutingContext ctx, Clock clock) {
    return of(ctx, clock, Duration.ofDays(1));
  }

  /** As {@link #of(RoutingContext, Clock)}, from defaulting to {@code span} before to. */
  static Range of(RoutingContext ctx, Clock clock, Duration span) {
    Instant to = Params.instant(ctx, "to", clock.instant());
    Instant from = Params.instant(ctx, "from", to.minus(span));
    if (!from.isBefore(to)) {
      throw DomainException.invalid("from", "must be before to");
    }
    return new Range(from, to);
  }

  /** {@code body} with this range's from and to. */
  JsonObject into(JsonObject body) {
    return body.put("from", from.toString()).put("to", to.toString());
  }
}
