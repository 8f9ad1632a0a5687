package org.energytrace.ingest.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.tenant.Scope;
import org.energytrace.ingest.web.Blocking;
import org.energytrace.ingest.web.Params;

/** The audit log, read in scope. */
final class AuditRoutes {
  private final Blocking blocking;
  private final AccountAudit audit;

  AuditRoutes(Blocking blocking, AccountAudit audit) {
    this.blocking = blocking;
    this.audit = audit;
  }

  void mount(ApiRouter api) {
    api.bind("listAudit", blocking.parsing(this::list));
  }

  private Callable<?> list(RoutingContext ctx) {
    Scope scope = Principal.scope(ctx);
    String action = ctx.queryParams().get("action");
    int limit = limit(ctx.queryParams().get("limit"));
    if (action != null && !action.matches("^[a-z_.]{1,64}$")) {
      throw DomainException.invalid("action", "must match ^[a-z_.]{1,64}$");
    }
    String enterprise = Params.optionalId("enterprise", ctx.queryParams().get("enterprise"));
    return () ->
        new JsonObject()
            .put(
                "entries",
                new JsonArray(new ArrayList<>(audit.log().list(scope, action, enterprise, limit))));
  }

  /** The {@code limit} of audit entries: 1 to 10 000, 100 when absent. */
  private static int limit(String value) {
    try {
      int limit = Integer.parseInt(value == null ? "100" : value);
      if (limit >= 1 && limit <= 10_000) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw DomainException.invalid("limit", "must be an integer between 1 and 10000");
  }
}
