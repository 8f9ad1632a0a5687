package org.energytrace.ingest.auth;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.energytrace.ingest.audit.AuditEntry;
import org.energytrace.ingest.audit.PgAuditLog;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.tenant.Scope;
import org.energytrace.ingest.web.Blocking;
import org.energytrace.ingest.web.Params;

/** The audit log, read in scope. */
final class AuditRoutes {
  private static final Set<String> OUTCOMES =
      Arrays.stream(AuditEntry.Outcome.values())
          .map(AuditEntry.Outcome::wire)
          .collect(Collectors.toUnmodifiableSet());

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
    MultiMap q = ctx.queryParams();
    String action = q.get("action");
    int limit = limit(q.get("limit"));
    if (action != null && !action.matches("^[a-z_.]{1,64}$")) {
      throw DomainException.invalid("action", "must match ^[a-z_.]{1,64}$");
    }
    String enterprise = Params.optionalId("enterprise", q.get("enterprise"));
    String outcome = q.get("outcome");
    if (outcome != null && !OUTCOMES.contains(outcome)) {
      throw DomainException.invalid(
          "outcome", "must be success, failure or denied, got '" + outcome + "'");
    }
    String actor = q.get("actor");
    if (actor != null && (actor.isEmpty() || actor.length() > 200)) {
      throw DomainException.invalid("actor", "must be 1 to 200 characters");
    }
    Instant since = Params.instant(ctx, "since", null);
    Instant until = Params.instant(ctx, "until", null);
    if (since != null && until != null && !until.isAfter(since)) {
      throw DomainException.invalid("until", "must be after since (" + since + "), got " + until);
    }
    Long before = before(q.get("before"));
    PgAuditLog.Query query =
        new PgAuditLog.Query(action, enterprise, outcome, actor, since, until, before, limit);
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

  /** The {@code before} cursor: an entry's id (the {@code next} of an earlier answer), or null. */
  private static Long before(String value) {
    if (value == null) {
      return null;
    }
    try {
      long id = Long.parseLong(value);
      if (id >= 1) {
        return id;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw DomainException.invalid(
        "before", "must be an audit entry's id (a positive integer), got '" + value + "'");
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
