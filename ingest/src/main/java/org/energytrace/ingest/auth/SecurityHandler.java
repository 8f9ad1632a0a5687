package org.energytrace.ingest.auth;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.Operation;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.energytrace.ingest.audit.AuditEntry;
import org.energytrace.ingest.audit.AuditEntry.Outcome;
import org.energytrace.ingest.audit.PgAuditLog;
import org.energytrace.ingest.audit.RefusalAudit;
import org.energytrace.ingest.auth.AccessPolicy.Rule;
import org.energytrace.ingest.config.SecurityConfig;
import org.energytrace.ingest.tenant.Scope;
import org.energytrace.ingest.web.HttpErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gate at the head of every operation's route ({@link ApiRouter}): resolves the principal (API
 * token, session cookie, or anonymous), applies the {@link AccessPolicy} rule of the operation
 * (role, enterprise scope through {@link TargetCheck}, forced password change, CSRF), and leaves
 * the principal in the routing context for the handlers and their queries. Every refusal is written
 * to the audit log (those of anonymous callers counted per address and window, {@link
 * RefusalAudit}). A request under {@code /api/} that is no operation of the document is answered
 * 404 ({@link RequestLine#undocumented}): what is not in the document is not reachable.
 *
 * <p>The request body is not read here: the request is paused on arrival ({@link RequestLine}) and
 * {@link RequestBodies} reads it once the gate let it through, as its operation declares. The
 * enterprise named in a JSON body is checked after that, by {@link #bodyTarget}. A token's rights
 * are its own intersected with its issuing account's current ones ({@link Credentials}).
 */
public final class SecurityHandler implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(SecurityHandler.class);
  public static final String SESSION_COOKIE = "et_session";
  public static final String CSRF_HEADER = "X-CSRF-Token";
  static final String OPERATION_KEY = "et.operation";
  private static final String OPERATION_DEF = "et.operation.def";

  /** The health probes: answered without resolving credentials (see {@code health}). */
  private static final Set<String> PROBES = Set.of("health", "healthLive", "healthReady");

  private final Vertx vertx;
  private final AccessPolicy policy;
  private final TargetCheck targets;
  private final PgAuditLog audit;
  private final RefusalAudit refusals;
  private final SecurityConfig config;
  private final Clock clock;
  private final Credentials credentials;

  public SecurityHandler(
      Vertx vertx,
      AccessPolicy policy,
      PgAccounts accounts,
      PgAuditLog audit,
      RefusalAudit refusals,
      SecurityConfig config,
      Clock clock) {
    this.vertx = vertx;
    this.policy = policy;
    this.targets = new TargetCheck(vertx, accounts);
    this.audit = audit;
    this.refusals = refusals;
    this.config = config;
    this.clock = clock;
    this.credentials = new Credentials(accounts, config, clock);
  }

  /** The operation of this request (empty outside the operations of the document). */
  public static Optional<Operation> operation(RoutingContext ctx) {
    return Optional.ofNullable(ctx.get(OPERATION_DEF));
  }

  /**
   * First handler of every operation's route ({@link ApiRouter}): the request was paused and its
   * path checked in front of the API router ({@link RequestLine}).
   */
  @Override
  public void handle(RoutingContext ctx) {
    Operation op = ctx.currentRoute().getMetadata(RouterBuilder.KEY_META_DATA_OPERATION);
    Optional<String> badParameter = RequestLine.badQueryParameter(ctx);
    if (badParameter.isPresent()) {
      HttpErrors.badRequest(ctx, badParameter.get(), RequestLine.MESSAGE);
      return;
    }
    ctx.put(OPERATION_KEY, op.getOperationId());
    ctx.put(OPERATION_DEF, op);
    if (PROBES.contains(op.getOperationId())) {
      // liveness and readiness are open to everyone (AccessPolicy) and must answer while the
      // database is down: no credentials are resolved for them, so no query runs
      ctx.put(Principal.KEY, Principal.anonymous(Scope.NONE));
      ctx.next();
      return;
    }
    HttpServerRequest req = ctx.request();
    String authorization = req.getHeader("Authorization");
    Cookie cookie = req.getCookie(SESSION_COOKIE);
    String sessionId = cookie == null ? null : cookie.getValue();
    vertx
        .executeBlocking(() -> credentials.resolve(authorization, sessionId), false)
        .onSuccess(r -> decide(ctx, op.getOperationId(), r))
        .onFailure(
            e -> {
              LOG.warn("resolving credentials failed: {}", e.toString());
              HttpErrors.failed(ctx, e);
            });
  }

  /** Blocking: as {@link Credentials#reauthorize}. */
  public Optional<Principal> reauthorize(Principal p) {
    return credentials.reauthorize(p);
  }

  private void decide(RoutingContext ctx, String op, Credentials.Resolution r) {
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
          pathEnterprise(ctx, p),
          p.isAnonymous() ? 401 : 403,
          "not allowed for role "
              + p.role().wire()
              + (p.ownerRole() == null ? "" : " of an account now " + p.ownerRole().wire()));
      return;
    }
    if (p.readOnly() && !TargetCheck.SAFE.contains(ctx.request().method())) {
      // a read-only token (issue 16: the programme officers' tokens unless issued with a write
      // grant) changes nothing, whatever its role may do
      deny(ctx, p, op, pathEnterprise(ctx, p), 403, "read-only token");
      return;
    }
    if (p.mustChangePassword() && !AccessPolicy.BEFORE_PASSWORD_CHANGE.contains(op)) {
      deny(ctx, p, op, pathEnterprise(ctx, p), 403, "password_change_required");
      return;
    }
    if (p.session() != null
        && !TargetCheck.SAFE.contains(ctx.request().method())
        && !op.equals("login")) {
      // synchronizer token: a cookie-authenticated change must carry the session's CSRF token in a
      // header a cross-site form cannot set (OWASP CSRF Prevention Cheat Sheet; ASVS 4.0 V4.2.2)
      if (!Secrets.constantTimeEquals(
          p.session().csrfToken(), ctx.request().getHeader(CSRF_HEADER))) {
        deny(
            ctx, p, op, pathEnterprise(ctx, p), 403, "missing or wrong " + CSRF_HEADER + " header");
        return;
      }
    }
    targets
        .check(ctx, rule.get().target(), p)
        .onSuccess(
            refusal -> {
              if (refusal.isPresent()) {
                TargetCheck.Refusal f = refusal.get();
                deny(ctx, p, op, f.enterprise(), f.status(), f.reason());
              } else {
                ctx.put(Principal.KEY, p);
                ctx.next();
              }
            })
        .onFailure(e -> HttpErrors.failed(ctx, e));
  }

  /**
   * Route handler after {@link RequestBodies}: for operations whose enterprise is the {@code
   * enterprise} field of the JSON body, that enterprise must be in scope (absent: only for a
   * principal who sees every enterprise).
   */
  public void bodyTarget(RoutingContext ctx) {
    if (ctx.get(TargetCheck.BODY_TARGET) == null) {
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
        // no enterprise named: the role sees only its own, and must say which
        deny(
            ctx,
            p,
            op,
            null,
            403,
            "name one of the own enterprises in the field enterprise (this role sees no other)");
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

  /**
   * The enterprise a signed-in principal's refused request names in its path, so that the refusal
   * is listed with that enterprise's audit entries (its administrator sees a viewer's attempts);
   * null for anonymous callers, whose refusals are aggregated without one.
   */
  private static String pathEnterprise(RoutingContext ctx, Principal p) {
    return p.isAnonymous() ? null : ctx.pathParam("enterprise");
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
