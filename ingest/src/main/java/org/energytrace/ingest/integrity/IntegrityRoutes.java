package org.energytrace.ingest.integrity;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import org.energytrace.ingest.auth.Principal;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.web.HttpErrors;
import org.energytrace.ingest.web.Instants;

/**
 * {@code GET /api/v1/enterprises/{enterprise}/integrity?from&to} ({@code checkIntegrity}): the day
 * seals of the enterprise's channels and production series over the local days {@code from..to},
 * recomputed from the stored rows, and the audit log's chain; answers ok or names the first series
 * and day whose rows no longer match.
 */
public final class IntegrityRoutes {
  /** Longest span checked in one request (days). */
  static final int MAX_DAYS = 400;

  private final Vertx vertx;
  private final IntegrityCheck check;

  public IntegrityRoutes(Vertx vertx, IntegrityCheck check) {
    this.vertx = vertx;
    this.check = check;
  }

  public void mount(Router router) {
    router.get("/api/v1/enterprises/:enterprise/integrity").handler(this::integrity);
  }

  private void integrity(RoutingContext ctx) {
    String enterprise = ctx.pathParam("enterprise");
    LocalDate from;
    LocalDate to;
    try {
      from = day(ctx, "from");
      to = day(ctx, "to");
      if (to.isBefore(from)) {
        throw DomainException.invalid("to", "must not be before from (" + from + "), got " + to);
      }
      if (to.toEpochDay() - from.toEpochDay() >= MAX_DAYS) {
        throw DomainException.invalid(
            "to", "at most " + MAX_DAYS + " days from 'from' in one request, got " + to);
      }
    } catch (DomainException e) {
      HttpErrors.badRequest(ctx, e.field(), e.getMessage());
      return;
    }
    Principal p = Principal.of(ctx);
    LocalDate f = from;
    LocalDate t = to;
    vertx
        .executeBlocking(() -> check.check(p.scope(), enterprise, f, t).json(), false)
        .onSuccess(
            body ->
                ctx.response()
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Cache-Control", "no-store")
                    .end(body.encode()))
        .onFailure(e -> HttpErrors.failed(ctx, e));
  }

  private static LocalDate day(RoutingContext ctx, String name) {
    String v = ctx.queryParams().get(name);
    if (v == null) {
      throw DomainException.invalid(name, "required (an ISO date such as 2026-01-31)");
    }
    return Instants.day(v)
        .orElseThrow(
            () -> DomainException.invalid(name, Instants.EXPECTED_DAY + ", got '" + v + "'"));
  }
}
