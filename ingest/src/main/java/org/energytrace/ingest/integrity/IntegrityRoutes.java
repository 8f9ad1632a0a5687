package org.energytrace.ingest.integrity;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.energytrace.ingest.auth.ApiRouter;
import org.energytrace.ingest.auth.Principal;
import org.energytrace.ingest.tenant.Scope;
import org.energytrace.ingest.web.Blocking;
import org.energytrace.ingest.web.Params;

/**
 * {@code GET /api/v1/enterprises/{enterprise}/integrity?from&to} ({@code checkIntegrity}): the day
 * seals of the enterprise's channels and production series over the local days {@code from..to},
 * recomputed from the stored rows, and the audit log's chain; answers ok or names the first series
 * and day whose rows no longer match.
 */
public final class IntegrityRoutes {
  /** Longest span checked in one request (days). */
  static final int MAX_DAYS = 400;

  private final Blocking blocking;
  private final IntegrityCheck check;

  public IntegrityRoutes(Vertx vertx, IntegrityCheck check) {
    this.blocking = Blocking.noStore(vertx);
    this.check = check;
  }

  public void mount(Router router) {
    ApiRouter.of(router).bind("checkIntegrity", blocking.parsing(this::integrity));
  }

  private Callable<?> integrity(RoutingContext ctx) {
    String enterprise = ctx.pathParam("enterprise");
    LocalDate from = Params.day(ctx, "from");
    LocalDate to = Params.day(ctx, "to");
    Params.span(from, to, MAX_DAYS, "in one request");
    Scope scope = Principal.scope(ctx);
    return () -> check.check(scope, enterprise, from, to).json();
  }
}
