package org.energytrace.ingest.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.energytrace.ingest.auth.AccessPolicy.Target;
import org.energytrace.ingest.tenant.Scope;

/**
 * The second half of an {@link AccessPolicy} rule: whether the enterprise (or area) a request
 * touches is within the principal's scope, found as the rule's {@link Target} says. The enterprise
 * named in a JSON body is checked later, once the body is read ({@link
 * SecurityHandler#bodyTarget}).
 */
final class TargetCheck {
  static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

  /** Marks a request whose body names its enterprise (checked after the body is read). */
  static final String BODY_TARGET = "et.body_target";

  /** Why a request is refused: its status, the enterprise it touched (if known) and the reason. */
  record Refusal(int status, String enterprise, String reason) {}

  private static final Future<Optional<Refusal>> ALLOWED = Future.succeededFuture(Optional.empty());

  private final Vertx vertx;
  private final PgAccounts accounts;

  TargetCheck(Vertx vertx, PgAccounts accounts) {
    this.vertx = vertx;
    this.accounts = accounts;
  }

  /** Empty when {@code p} may touch what the request addresses; the refusal otherwise. */
  Future<Optional<Refusal>> check(RoutingContext ctx, Target target, Principal p) {
    Scope scope = p.scope();
    return switch (target) {
      case SCOPED_LIST -> ALLOWED;
      case PATH_ENTERPRISE -> {
        String e = ctx.pathParam("enterprise");
        boolean write = !SAFE.contains(ctx.request().method());
        yield (write ? scope.permits(e) : scope.touches(e))
            ? ALLOWED
            : refused(403, e, "enterprise out of scope");
      }
      case QUERY_ENTERPRISE -> queryEnterprise(ctx, p);
      case QUARANTINE_ID -> owner(ctx.pathParam("id"), accounts::quarantineEnterprise, scope);
      case TOKEN_ID ->
          p.role().isProgrammeOfficer()
              ? issuedBy(ctx.pathParam("token"), p)
              : owner(ctx.pathParam("token"), id -> accounts.tokens().enterprise(id), scope);
      case PATH_AREA -> areas(scope, List.of(pathArea(ctx)));
      case QUERY_AREA -> {
        List<Area> named = queryAreas(ctx);
        yield named.isEmpty() ? ALLOWED : areas(scope, named);
      }
      case BODY_ENTERPRISE -> {
        // the body is read after the gate; SecurityHandler#bodyTarget checks it then
        ctx.put(BODY_TARGET, Boolean.TRUE);
        yield ALLOWED;
      }
    };
  }

  private static Future<Optional<Refusal>> refused(int status, String enterprise, String reason) {
    return Future.succeededFuture(Optional.of(new Refusal(status, enterprise, reason)));
  }

  private static Future<Optional<Refusal>> queryEnterprise(RoutingContext ctx, Principal p) {
    List<String> named = ctx.queryParams().getAll("enterprise");
    for (String e : named) {
      if (!p.scope().touches(e)) {
        return refused(403, e, "enterprise out of scope");
      }
    }
    if (named.isEmpty() && !p.scope().all() && p.enterprise() != null) {
      // a principal of one enterprise who names none means their own
      ctx.queryParams().add("enterprise", p.enterprise());
    }
    return ALLOWED;
  }

  /** The enterprise a row belongs to: empty when absent, "" when it belongs to none. */
  private interface Owner {
    Optional<String> of(long id);
  }

  /** Out of scope looks exactly like absent: existence is not disclosed (404). */
  private Future<Optional<Refusal>> owner(String raw, Owner owner, Scope scope) {
    long id;
    try {
      id = Long.parseLong(raw);
    } catch (NumberFormatException e) {
      return ALLOWED; // the handler answers 400
    }
    return vertx
        .executeBlocking(() -> owner.of(id), false)
        .map(
            o -> {
              boolean ok = o.isEmpty() || o.get().isEmpty() ? scope.all() : scope.permits(o.get());
              return ok
                  ? Optional.<Refusal>empty()
                  : Optional.of(
                      new Refusal(404, o.filter(s -> !s.isEmpty()).orElse(null), "not found"));
            });
  }

  /**
   * A programme officer addresses only the tokens their account issued (issue 16); any other looks
   * exactly like absent.
   */
  private Future<Optional<Refusal>> issuedBy(String raw, Principal p) {
    if (raw == null || !raw.matches("[0-9]{1,18}")) {
      return ALLOWED; // the handler answers 400
    }
    return vertx
        .executeBlocking(() -> accounts.tokens().ownedBy(Long.parseLong(raw), p.userId()), false)
        .map(
            own ->
                own ? Optional.<Refusal>empty() : Optional.of(new Refusal(404, null, "not found")));
  }

  /** A district or park by name. */
  private record Area(String kind, String name) {}

  private static Area pathArea(RoutingContext ctx) {
    boolean district = ctx.pathParam("district") != null;
    String kind = district ? "district" : "park";
    // the path parameter as decoded by the router (a '+' in a path is a plus sign)
    return new Area(kind, ctx.pathParam(kind));
  }

  /** The district and the park named in the query (either, both or none). */
  private static List<Area> queryAreas(RoutingContext ctx) {
    List<Area> named = new ArrayList<>();
    for (String kind : List.of("district", "park")) {
      String name = ctx.queryParams().get(kind);
      if (name != null && !name.isBlank()) {
        named.add(new Area(kind, name));
      }
    }
    return named;
  }

  /**
   * Every facility the registry places in each district or park must be in scope, and each must
   * have one.
   */
  private Future<Optional<Refusal>> areas(Scope scope, List<Area> areas) {
    if (scope.all()) {
      return ALLOWED;
    }
    return vertx.executeBlocking(
        () -> {
          for (Area area : areas) {
            Set<String> inArea = accounts.areaFacilities(area.kind(), area.name());
            if (inArea.isEmpty() || !inArea.stream().allMatch(scope::permits)) {
              return Optional.of(new Refusal(403, null, area.kind() + " out of scope"));
            }
          }
          return Optional.<Refusal>empty();
        },
        false);
  }
}
