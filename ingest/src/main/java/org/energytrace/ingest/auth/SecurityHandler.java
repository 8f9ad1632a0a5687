package org.energytrace.ingest.auth;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.energytrace.ingest.audit.AuditEntry;
import org.energytrace.ingest.audit.AuditEntry.Outcome;
import org.energytrace.ingest.audit.PgAuditLog;
import org.energytrace.ingest.audit.RefusalAudit;
import org.energytrace.ingest.auth.AccessPolicy.Rule;
import org.energytrace.ingest.auth.AccessPolicy.Target;
import org.energytrace.ingest.auth.ApiOperations.Match;
import org.energytrace.ingest.auth.ApiOperations.Operation;
import org.energytrace.ingest.config.SecurityConfig;
import org.energytrace.ingest.tenant.Scope;
import org.energytrace.ingest.web.HttpErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one gate in front of every {@code /api/} request: matches the request to its OpenAPI
 * operation, resolves the principal (API token, session cookie, or anonymous), applies the {@link
 * AccessPolicy} rule of that operation (role, enterprise scope, forced password change, CSRF), and
 * leaves the principal in the routing context for the handlers and their queries. Every refusal is
 * written to the audit log (those of anonymous callers counted per address and window, {@link
 * RefusalAudit}). A request that matches no documented operation is answered 404: what is not in
 * the document is not reachable.
 *
 * <p>The request body is not read here: the request is paused on arrival and {@link RequestBodies}
 * reads it once the gate let it through, as its operation declares. The enterprise named in a JSON
 * body is checked after that, by {@link #bodyTarget}. A token's rights are its own intersected with
 * its issuing account's current ones ({@link Credentials}).
 */
public final class SecurityHandler implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(SecurityHandler.class);
  public static final String SESSION_COOKIE = "et_session";
  public static final String CSRF_HEADER = "X-CSRF-Token";
  static final String OPERATION_KEY = "et.operation";
  private static final String OPERATION_DEF = "et.operation.def";
  private static final String BODY_TARGET = "et.body_target";
  private static final Set<HttpMethod> SAFE =
      Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

  /** The health probes: answered without resolving credentials (see {@code health}). */
  private static final Set<String> PROBES = Set.of("health", "healthLive", "healthReady");

  private final Vertx vertx;
  private final ApiOperations operations;
  private final AccessPolicy policy;
  private final PgAccounts accounts;
  private final PgAuditLog audit;
  private final RefusalAudit refusals;
  private final SecurityConfig config;
  private final Clock clock;
  private final long drainLimit;
  private final Credentials credentials;

  /**
   * @param drainLimit bytes of an unread body read and dropped after the answer; past them the
   *     connection is closed
   */
  public SecurityHandler(
      Vertx vertx,
      ApiOperations operations,
      AccessPolicy policy,
      PgAccounts accounts,
      PgAuditLog audit,
      RefusalAudit refusals,
      SecurityConfig config,
      Clock clock,
      long drainLimit) {
    this.vertx = vertx;
    this.operations = operations;
    this.policy = policy;
    this.accounts = accounts;
    this.audit = audit;
    this.refusals = refusals;
    this.config = config;
    this.clock = clock;
    this.credentials = new Credentials(accounts, config, clock);
    this.drainLimit = drainLimit;
  }

  /** The operation the gate matched this request to (empty outside {@code /api/}). */
  public static Optional<Operation> operation(RoutingContext ctx) {
    return Optional.ofNullable(ctx.get(OPERATION_DEF));
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    // nothing of the body is read before the access check; whatever is left unread when the
    // answer goes is drained or the connection cut
    req.pause();
    ctx.addEndHandler(RequestBodies.drain(req, drainLimit));
    String path = ctx.normalizedPath();
    Optional<Match> match = operations.match(req.method().name(), path);
    if (match.isEmpty()) {
      if (hasControlCharacters(path)) {
        HttpErrors.badRequest(ctx, "path", "control characters are not allowed");
      } else {
        HttpErrors.send(ctx, 404, "not_found", "no such operation: " + req.method() + " " + path);
      }
      return;
    }
    Optional<String> badParameter = badParameter(ctx, match.get());
    if (badParameter.isPresent()) {
      // no identifier or filter of the API contains control characters; NUL in particular cannot
      // reach PostgreSQL text (OWASP ASVS 4.0 V5.1.3 input validation)
      HttpErrors.badRequest(
          ctx,
          badParameter.get(),
          "control characters (such as U+0000) and malformed percent-encoding are not allowed");
      return;
    }
    ctx.put(OPERATION_KEY, match.get().operation().operationId());
    ctx.put(OPERATION_DEF, match.get().operation());
    if (PROBES.contains(match.get().operation().operationId())) {
      // liveness and readiness are open to everyone (AccessPolicy) and must answer while the
      // database is down: no credentials are resolved for them, so no query runs
      ctx.put(Principal.KEY, Principal.anonymous(Scope.NONE));
      ctx.next();
      return;
    }
    String authorization = req.getHeader("Authorization");
    Cookie cookie = req.getCookie(SESSION_COOKIE);
    String sessionId = cookie == null ? null : cookie.getValue();
    vertx
        .executeBlocking(() -> credentials.resolve(authorization, sessionId), false)
        .onSuccess(r -> decide(ctx, match.get(), r))
        .onFailure(
            e -> {
              LOG.warn("resolving credentials failed: {}", e.toString());
              HttpErrors.failed(ctx, e);
            });
  }

  /** The first path or query parameter holding a control character, if one does. */
  private static Optional<String> badParameter(RoutingContext ctx, Match match) {
    for (var p : match.pathParams().entrySet()) {
      if (hasControlCharacters(p.getValue())) {
        return Optional.of(p.getKey());
      }
    }
    String query = ctx.request().query();
    if (query == null) {
      return Optional.empty();
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      if (hasControlCharacters(name) || hasControlCharacters(value)) {
        String decoded = decodeOr(name, "query");
        return Optional.of(decoded.chars().anyMatch(Character::isISOControl) ? "query" : decoded);
      }
    }
    return Optional.empty();
  }

  private static String decodeOr(String s, String fallback) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return fallback;
    }
  }

  /** Blocking: as {@link Credentials#reauthorize}. */
  public Optional<Principal> reauthorize(Principal p) {
    return credentials.reauthorize(p);
  }

  private void decide(RoutingContext ctx, Match match, Credentials.Resolution r) {
    String op = match.operation().operationId();
    if (r.invalidToken()) {
      // RFC 6750 §3.1: an expired, revoked or unknown token is invalid_token, status 401
      ctx.response()
          .putHeader("WWW-Authenticate", "Bearer realm=\"energytrace\", error=\"invalid_token\"");
      record(ctx, "anonymous", Role.ANONYMOUS, "auth.token_rejected", Outcome.FAILURE, null, op);
      error(ctx, 401, "unauthorized", "invalid, expired or revoked token");
      return;
    }
    Principal p = r.principal();
    if (r.staleCookie()) {
      ctx.response().addCookie(expiredSessionCookie(ctx));
    }
    Optional<Rule> rule = policy.rule(op);
    if (rule.isEmpty()) {
      // deny by default: an operation added to the API without a rule is refused to everyone
      LOG.error("operation {} has no access rule in AccessPolicy: refused", op);
      deny(ctx, p, op, null, 403, "no access rule for operation " + op);
      return;
    }
    if (!rule.get().allows(p.role())
        || (p.ownerRole() != null && !rule.get().allows(p.ownerRole()))) {
      deny(
          ctx,
          p,
          op,
          null,
          p.isAnonymous() ? 401 : 403,
          "not allowed for role "
              + p.role().wire()
              + (p.ownerRole() == null ? "" : " of an account now " + p.ownerRole().wire()));
      return;
    }
    if (p.readOnly() && !SAFE.contains(ctx.request().method())) {
      // a read-only token (issue 16: the programme officers' tokens unless issued with a write
      // grant) changes nothing, whatever its role may do
      deny(ctx, p, op, null, 403, "read-only token");
      return;
    }
    if (p.mustChangePassword() && !AccessPolicy.BEFORE_PASSWORD_CHANGE.contains(op)) {
      deny(ctx, p, op, null, 403, "password_change_required");
      return;
    }
    if (p.session() != null && !SAFE.contains(ctx.request().method()) && !op.equals("login")) {
      // synchronizer token: a cookie-authenticated change must carry the session's CSRF token in a
      // header a cross-site form cannot set (OWASP CSRF Prevention Cheat Sheet; ASVS 4.0 V4.2.2)
      if (!Secrets.constantTimeEquals(
          p.session().csrfToken(), ctx.request().getHeader(CSRF_HEADER))) {
        deny(ctx, p, op, null, 403, "missing or wrong " + CSRF_HEADER + " header");
        return;
      }
    }
    checkTarget(ctx, match, rule.get().target(), p)
        .onSuccess(
            refusal -> {
              if (refusal.isPresent()) {
                Refusal f = refusal.get();
                deny(ctx, p, op, f.enterprise(), f.status(), f.reason());
              } else {
                ctx.put(Principal.KEY, p);
                ctx.next();
              }
            })
        .onFailure(e -> HttpErrors.failed(ctx, e));
  }

  private record Refusal(int status, String enterprise, String reason) {}

  private Future<Optional<Refusal>> checkTarget(
      RoutingContext ctx, Match match, Target target, Principal p) {
    Scope scope = p.scope();
    boolean write = !SAFE.contains(ctx.request().method());
    switch (target) {
      case SCOPED_LIST:
        return Future.succeededFuture(Optional.empty());
      case PATH_ENTERPRISE:
        {
          String e = match.pathParams().get("enterprise");
          boolean ok = write ? scope.permits(e) : scope.touches(e);
          return Future.succeededFuture(
              ok ? Optional.empty() : Optional.of(new Refusal(403, e, "enterprise out of scope")));
        }
      case QUERY_ENTERPRISE:
        {
          List<String> named = ctx.queryParams().getAll("enterprise");
          for (String e : named) {
            if (!scope.touches(e)) {
              return Future.succeededFuture(
                  Optional.of(new Refusal(403, e, "enterprise out of scope")));
            }
          }
          if (named.isEmpty() && !scope.all() && p.enterprise() != null) {
            // a principal of one enterprise who names none means their own
            ctx.queryParams().add("enterprise", p.enterprise());
          }
          return Future.succeededFuture(Optional.empty());
        }
      case QUARANTINE_ID:
      case TOKEN_ID:
        {
          if (target == Target.TOKEN_ID && p.role().isProgrammeOfficer()) {
            // a programme officer addresses only the tokens their account issued (issue 16);
            // any other looks exactly like absent
            String raw = match.pathParams().get("token");
            if (!raw.matches("[0-9]{1,18}")) {
              return Future.succeededFuture(Optional.empty()); // the handler answers 400
            }
            return vertx
                .executeBlocking(
                    () -> accounts.tokens().ownedBy(Long.parseLong(raw), p.userId()), false)
                .map(
                    own ->
                        own
                            ? Optional.<Refusal>empty()
                            : Optional.of(new Refusal(404, null, "not found")));
          }
          String raw = match.pathParams().get(target == Target.QUARANTINE_ID ? "id" : "token");
          long id;
          try {
            id = Long.parseLong(raw);
          } catch (NumberFormatException e) {
            return Future.succeededFuture(Optional.empty()); // the handler answers 400
          }
          return vertx
              .executeBlocking(
                  () ->
                      target == Target.QUARANTINE_ID
                          ? accounts.quarantineEnterprise(id)
                          : accounts.tokens().enterprise(id),
                  false)
              .map(
                  owner -> {
                    boolean ok =
                        owner.isEmpty()
                            ? scope.all()
                            : owner.get().isEmpty() ? scope.all() : scope.permits(owner.get());
                    // out of scope looks exactly like absent: existence is not disclosed
                    return ok
                        ? Optional.<Refusal>empty()
                        : Optional.of(
                            new Refusal(
                                404, owner.filter(o -> !o.isEmpty()).orElse(null), "not found"));
                  });
        }
      case PATH_AREA:
        {
          if (scope.all()) {
            return Future.succeededFuture(Optional.empty());
          }
          boolean district = match.pathParams().containsKey("district");
          // the path segment as sent (percent-encoded; a '+' in a path is a plus sign)
          String name =
              decodeOr(
                  match.pathParams().get(district ? "district" : "park").replace("+", "%2B"), "");
          return vertx
              .executeBlocking(
                  () -> accounts.areaFacilities(district ? "district" : "park", name), false)
              .map(
                  inArea ->
                      !inArea.isEmpty() && inArea.stream().allMatch(scope::permits)
                          ? Optional.<Refusal>empty()
                          : Optional.of(
                              new Refusal(
                                  403, null, (district ? "district" : "park") + " out of scope")));
        }
      case BODY_ENTERPRISE:
        // the body is read after this gate; bodyTarget checks it then
        ctx.put(BODY_TARGET, Boolean.TRUE);
        return Future.succeededFuture(Optional.empty());
      default:
        throw new IllegalStateException(target.toString());
    }
  }

  /**
   * Route handler after {@link RequestBodies}: for operations whose enterprise is the {@code
   * enterprise} field of the JSON body, that enterprise must be in scope (absent: only for a
   * principal who sees every enterprise).
   */
  public void bodyTarget(RoutingContext ctx) {
    if (ctx.get(BODY_TARGET) == null) {
      ctx.next();
      return;
    }
    Principal p = Principal.of(ctx);
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      body = null;
    }
    Object e = body == null ? null : body.getValue("enterprise");
    String op = ctx.get(OPERATION_KEY);
    if (e == null) {
      // an area officer's token names no enterprise: TokenRoutes bounds it by their area
      if (p.scope().all() || (p.role().isAreaRole() && "createToken".equals(op))) {
        ctx.next();
      } else {
        deny(ctx, p, op, null, 403, "an enterprise outside the own scope");
      }
      return;
    }
    String s = String.valueOf(e);
    if (e instanceof String && p.scope().permits(s)) {
      ctx.next();
    } else if (!(e instanceof String)) {
      HttpErrors.badRequest(ctx, "enterprise", "must be a string");
    } else {
      deny(ctx, p, op, s, 403, "enterprise out of scope");
    }
  }

  private void deny(
      RoutingContext ctx, Principal p, String op, String enterprise, int status, String reason) {
    record(
        ctx,
        p.subject(),
        p.role(),
        "access.denied",
        Outcome.DENIED,
        enterprise,
        op + " " + ctx.request().method() + " " + ctx.normalizedPath() + ": " + reason);
    if (status == 404) {
      error(ctx, 404, "not_found", "not found");
    } else if (status == 401) {
      error(ctx, 401, "unauthorized", "sign in or present an API token");
    } else {
      error(ctx, status, "forbidden", reason);
    }
  }

  private void record(
      RoutingContext ctx,
      String actor,
      Role role,
      String action,
      Outcome outcome,
      String enterprise,
      String detail) {
    AuditEntry entry =
        new AuditEntry(
            clock.instant(),
            actor,
            role.wire(),
            action,
            outcome,
            enterprise,
            ctx.normalizedPath(),
            clientIp(ctx),
            detail,
            null,
            null);
    if (role == Role.ANONYMOUS) {
      // counted per address and window: a flood of anonymous requests is not a flood of rows
      refusals.record(entry);
      return;
    }
    vertx
        .executeBlocking(() -> audit.record(entry), false)
        .onFailure(e -> LOG.error("audit entry lost: {}", entry, e));
  }

  private static boolean hasControlCharacters(String s) {
    if (s == null) {
      return false;
    }
    String decoded;
    try {
      decoded = URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return true; // malformed percent-encoding
    }
    return decoded.chars().anyMatch(Character::isISOControl);
  }

  public static String clientIp(RoutingContext ctx) {
    return ctx.request().remoteAddress() == null ? "" : ctx.request().remoteAddress().host();
  }

  /** Whether cookies set on this request must be Secure (TLS, or a trusted proxy said https). */
  boolean secure(RoutingContext ctx) {
    return switch (config.cookieSecure()) {
      case "always" -> true;
      case "never" -> false;
      default ->
          ctx.request().isSSL()
              || (config.trustForwardedProto()
                  && "https".equalsIgnoreCase(ctx.request().getHeader("X-Forwarded-Proto")));
    };
  }

  /**
   * The session cookie: HttpOnly (no script access), SameSite=Strict (not sent on cross-site
   * requests), Secure on TLS, path /, no Max-Age (ends with the browser; the server expires it
   * too). OWASP ASVS 4.0 V3.4.1–V3.4.5.
   */
  Cookie sessionCookie(RoutingContext ctx, String value) {
    return Cookie.cookie(SESSION_COOKIE, value)
        .setHttpOnly(true)
        .setSameSite(CookieSameSite.STRICT)
        .setSecure(secure(ctx))
        .setPath("/");
  }

  Cookie expiredSessionCookie(RoutingContext ctx) {
    return sessionCookie(ctx, "").setMaxAge(0);
  }

  Duration sessionMaxAge() {
    return config.sessionMaxAge();
  }

  static void error(RoutingContext ctx, int status, String error, String message) {
    HttpErrors.send(ctx, status, error, message);
  }
}
