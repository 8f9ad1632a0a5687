package org.energytrace.ingest.auth;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.energytrace.ingest.audit.PgAuditLog;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.tenant.Scope;
import org.energytrace.ingest.web.Blocking;
import org.energytrace.ingest.web.Params;

/** The audit log, read in scope. */
final class AuditRoutes {
  /** The {@code limit} of {@code listAudit} when the request has none (the document's default). */
  private static final int DEFAULT_LIMIT = 100;

  private final Blocking blocking;
  private final AccountAudit audit;

  AuditRoutes(Blocking blocking, AccountAudit audit) {
    this.blocking = blocking;
    this.audit = audit;
  }

  void mount(ApiRouter api) {
    api.bind("listAudit", blocking.parsing(this::list));
  }

  /**
   * The request's parameters have passed the document's checks ({@link RequestValidation}: the
   * action's pattern, the outcome's values, the actor's length, before and limit as integers in
   * their ranges); what is left is the order of since and until.
   */
  private Callable<?> list(RoutingContext ctx) {
    Scope scope = Principal.scope(ctx);
    MultiMap q = ctx.queryParams();
    int limit = q.contains("limit") ? Integer.parseInt(q.get("limit")) : DEFAULT_LIMIT;
    Instant since = Params.instant(ctx, "since", null);
    Instant until = Params.instant(ctx, "until", null);
    if (since != null && until != null && !until.isAfter(since)) {
      throw DomainException.invalid("until", "must be after since (" + since + "), got " + until);
    }
    PgAuditLog.Query query =
        new PgAuditLog.Query(
            q.get("action"),
            q.get("enterprise"),
            q.get("outcome"),
            q.get("actor"),
            since,
            until,
            q.contains("before") ? Long.valueOf(q.get("before")) : null,
            limit);
    return () -> {
      List<JsonObject> entries = audit.log().list(scope, query);
      JsonObject answer = new JsonObject().put("entries", new JsonArray(new ArrayList<>(entries)));
      // a full page: there may be older entries, read with this as the next call's "before"
      if (entries.size() == limit) {
        answer.put("next", entries.get(entries.size() - 1).getLong("id"));
      }
      return answer;
    };
  }
}
