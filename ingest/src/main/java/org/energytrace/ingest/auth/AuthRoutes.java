package org.energytrace.ingest.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.energytrace.ingest.audit.AuditEntry;
import org.energytrace.ingest.audit.AuditEntry.Outcome;
import org.energytrace.ingest.audit.PgAuditLog;
import org.energytrace.ingest.audit.RefusalAudit;
import org.energytrace.ingest.model.TopicName;
import org.energytrace.ingest.tenant.Scope;
import org.energytrace.ingest.web.HttpErrors;
import org.energytrace.ingest.web.Instants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign-in, the own account, accounts, API tokens, the showcase flag, gateway MQTT credentials and
 * the audit log. Access has been decided by {@link SecurityHandler} before any of these run; the
 * checks here are about what a permitted caller may create (no escalation beyond their own role).
 */
final class AuthRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(AuthRoutes.class);
  static final String GENERIC_FAILURE = "invalid username or password";
  static final Pattern USERNAME = Pattern.compile("^[a-z0-9][a-z0-9._@-]{0,127}$");
  private static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofDays(90);
  private static final Duration MAX_TOKEN_LIFETIME = Duration.ofDays(366);

  private final Vertx vertx;
  private final PgAccounts accounts;
  private final GatewayCredentials gateways;
  private final PgAuditLog audit;
  private final PasswordHasher hasher;
  private final LoginThrottle throttle;
  private final RefusalAudit refusals;
  private final SecurityHandler security;
  private final Clock clock;

  AuthRoutes(
      Vertx vertx,
      PgAccounts accounts,
      GatewayCredentials gateways,
      PgAuditLog audit,
      PasswordHasher hasher,
      LoginThrottle throttle,
      RefusalAudit refusals,
      SecurityHandler security,
      Clock clock) {
    this.refusals = refusals;
    this.vertx = vertx;
    this.accounts = accounts;
    this.gateways = gateways;
    this.audit = audit;
    this.hasher = hasher;
    this.throttle = throttle;
    this.security = security;
    this.clock = clock;
  }

  void mount(Router router) {
    router.post("/api/v1/auth/login").handler(this::login);
    router.post("/api/v1/auth/logout").handler(this::logout);
    router.get("/api/v1/auth/me").handler(this::me);
    router.post("/api/v1/auth/password").handler(this::changePassword);
    router.get("/api/v1/users").handler(this::listUsers);
    router.put("/api/v1/users/:username").handler(this::putUser);
    router.get("/api/v1/tokens").handler(this::listTokens);
    router.post("/api/v1/tokens").handler(this::createToken);
    router.delete("/api/v1/tokens/:token").handler(this::revokeToken);
    router.get("/api/v1/audit").handler(this::listAudit);
    router.put("/api/v1/enterprises/:enterprise/sites/:site/published").handler(this::publishSite);
    router
        .post("/api/v1/enterprises/:enterprise/gateways/:gateway/mqtt-credentials")
        .handler(this::issueGatewayCredentials);
    // registry changes made by ApiRoutes: the state before and after goes to the audit log
    router
        .put("/api/v1/enterprises/:enterprise/meters/:meter")
        .handler(ctx -> auditChange(ctx, "meter.put", "meter", "meter"));
    router
        .put("/api/v1/enterprises/:enterprise/gateways/:gateway")
        .handler(ctx -> auditChange(ctx, "gateway.put", "gateway", "gateway"));
    // counter events recorded by ApiRoutes: the channel's events before and after
    String events =
        "/api/v1/enterprises/:enterprise/meters/:meter/channels/:channel/counter-events";
    router.post(events).handler(ctx -> auditCounterEvents(ctx, "counter_event.record"));
    // a quarantined message discarded by ApiRoutes: its state before and after, and why
    router.post("/api/v1/quarantine/:id/discard").handler(this::auditDiscard);
    router
        .delete(events + "/:event")
        .handler(ctx -> auditCounterEvents(ctx, "counter_event.delete"));
  }

  // ---- sign-in ----

  private void login(RoutingContext ctx) {
    String contentType = ctx.request().getHeader("Content-Type");
    if (contentType == null
        || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      // a cross-site HTML form cannot send JSON without a CORS preflight: no login CSRF
      SecurityHandler.error(ctx, 415, "bad_request", "send the credentials as application/json");
      return;
    }
    JsonObject body = bodyOrNull(ctx);
    String username =
        body == null || !(body.getValue("username") instanceof String u)
            ? ""
            : u.trim().toLowerCase(Locale.ROOT);
    String password = body == null || !(body.getValue("password") instanceof String p) ? "" : p;
    String ip = SecurityHandler.clientIp(ctx);
    Principal previous = Principal.of(ctx);
    // check and count are one statement, before the password check (issue 11)
    blocking(ctx, () -> signIn(username, password, ip, previous))
        .onSuccess(
            outcome -> {
              if (outcome.retryAfter() != null) {
                audit(
                    ctx,
                    username,
                    "anonymous",
                    "login.throttled",
                    Outcome.FAILURE,
                    null,
                    null,
                    null,
                    null);
                ctx.response()
                    .putHeader(
                        "Retry-After",
                        Long.toString(Math.max(1, outcome.retryAfter().toSeconds())));
                SecurityHandler.error(
                    ctx, 429, "too_many_attempts", "too many failed sign-ins; try later");
                return;
              }
              if (outcome.user() == null) {
                audit(
                    ctx,
                    username,
                    "anonymous",
                    "login.failure",
                    Outcome.FAILURE,
                    null,
                    null,
                    null,
                    null);
                // one message for unknown account, wrong password and disabled account (ASVS V2.2)
                SecurityHandler.error(ctx, 401, "unauthorized", GENERIC_FAILURE);
                return;
              }
              PgAccounts.User u = outcome.user();
              audit(
                  ctx,
                  u.username(),
                  u.role().wire(),
                  "login.success",
                  Outcome.SUCCESS,
                  u.enterprise(),
                  null,
                  null,
                  null);
              // a fresh id at every sign-in (no session fixation, ASVS V3.2.1)
              ctx.response().addCookie(security.sessionCookie(ctx, outcome.session().id()));
              json(
                  ctx,
                  200,
                  new JsonObject()
                      .put("username", u.username())
                      .put("role", u.role().wire())
                      .put("enterprise", u.enterprise())
                      .put("must_change_password", u.mustChangePassword())
                      .put("csrf_token", outcome.session().csrfToken()));
            });
  }

  /** What a sign-in attempt came to: throttled (retryAfter), refused (no user) or signed in. */
  private record SignIn(Duration retryAfter, PgAccounts.User user, PgAccounts.NewSession session) {}

  /** Blocking: counts the attempt, then checks the password if the count allows it. */
  private SignIn signIn(String username, String password, String ip, Principal previous) {
    LoginThrottle.Reservation r = throttle.reserve(username, ip);
    if (!r.allowed()) {
      return new SignIn(r.retryAfter(), null, null);
    }
    Optional<PgAccounts.User> user =
        USERNAME.matcher(username).matches() ? accounts.user(username) : Optional.empty();
    // always one Argon2 derivation, whether or not the account exists (no timing oracle)
    boolean ok =
        hasher.verify(password, user.map(PgAccounts.User::passwordHash).orElse(null))
            && user.isPresent()
            && !user.get().disabled();
    if (!ok) {
      return new SignIn(null, null, null); // stays counted
    }
    throttle.succeeded(r.ticket().orElseThrow());
    if (previous.session() != null) {
      // the session id presented before sign-in never becomes an authenticated one
      accounts.deleteSession(previous.session().hash());
    }
    return new SignIn(
        null,
        user.get(),
        accounts.createSession(user.get().id(), clock.instant(), security.sessionMaxAge()));
  }

  private void logout(RoutingContext ctx) {
    Principal p = Principal.of(ctx);
    blocking(
            ctx,
            () -> {
              if (p.session() != null) {
                accounts.deleteSession(p.session().hash());
              }
              return null;
            })
        .onSuccess(
            v -> {
              if (p.session() != null) {
                audit(
                    ctx,
                    p.subject(),
                    p.role().wire(),
                    "logout",
                    Outcome.SUCCESS,
                    p.enterprise(),
                    null,
                    null,
                    null);
              }
              principalsChanged();
              ctx.response().addCookie(security.expiredSessionCookie(ctx));
              json(ctx, 200, new JsonObject().put("signed_out", true));
            });
  }

  private void me(RoutingContext ctx) {
    Principal p = Principal.of(ctx);
    Scope s = p.scope();
    // the sites on the public showcase, for every caller: what anonymous visitors see is public,
    // and an administrator's scope ("all") lists no sites of its own
    vertx
        .executeBlocking(() -> accounts.publishedSites(), false)
        .onSuccess(
            published ->
                json(
                    ctx,
                    200,
                    meJson(p, s)
                        .put(
                            "showcase_sites", new JsonArray(published.stream().sorted().toList()))))
        .onFailure(e -> HttpErrors.failed(ctx, e));
  }

  private static JsonObject meJson(Principal p, Scope s) {
    return new JsonObject()
        .put("subject", p.subject())
        .put("role", p.role().wire())
        .put("enterprise", p.enterprise())
        .put("must_change_password", p.mustChangePassword())
        .put("csrf_token", p.session() == null ? null : p.session().csrfToken())
        .put(
            "scope",
            new JsonObject()
                .put("all_enterprises", s.all())
                .put("enterprises", new JsonArray(s.enterprises().stream().sorted().toList()))
                .put("published_sites", new JsonArray(s.sites().stream().sorted().toList())));
  }

  private void changePassword(RoutingContext ctx) {
    Principal p = Principal.of(ctx);
    if (p.session() == null || p.userId() == null) {
      SecurityHandler.error(ctx, 400, "bad_request", "only a signed-in account has a password");
      return;
    }
    JsonObject b = bodyOrNull(ctx);
    String current =
        b == null ? null : b.getValue("current_password") instanceof String s ? s : null;
    String next = b == null ? null : b.getValue("new_password") instanceof String s ? s : null;
    Optional<String> weak = weakness(next, p.subject());
    if (current == null || weak.isPresent()) {
      badRequest(
          ctx, "new_password", weak.orElse("current_password and new_password are required"));
      return;
    }
    blocking(
            ctx,
            () -> {
              PgAccounts.User u = accounts.user(p.subject()).orElseThrow();
              if (!hasher.verify(current, u.passwordHash())) {
                return null;
              }
              if (hasher.verify(next, u.passwordHash())) {
                return Optional.<PgAccounts.NewSession>empty();
              }
              accounts.setPassword(u.id(), hasher.hash(next), false, clock.instant());
              // every session ended with the change; this browser gets a new one
              return Optional.of(
                  accounts.createSession(u.id(), clock.instant(), security.sessionMaxAge()));
            })
        .onSuccess(
            r -> {
              if (r == null) {
                audit(
                    ctx,
                    p.subject(),
                    p.role().wire(),
                    "password.change",
                    Outcome.FAILURE,
                    p.enterprise(),
                    p.subject(),
                    null,
                    null);
                SecurityHandler.error(ctx, 403, "forbidden", "current password is wrong");
              } else if (r.isEmpty()) {
                badRequest(ctx, "new_password", "must differ from the current password");
              } else {
                audit(
                    ctx,
                    p.subject(),
                    p.role().wire(),
                    "password.change",
                    Outcome.SUCCESS,
                    p.enterprise(),
                    p.subject(),
                    null,
                    null);
                principalsChanged();
                ctx.response().addCookie(security.sessionCookie(ctx, r.get().id()));
                json(
                    ctx,
                    200,
                    new JsonObject().put("changed", true).put("csrf_token", r.get().csrfToken()));
              }
            });
  }

  /** Why a new password is refused (ASVS 4.0 V2.1.1 at least 12, V2.1.2 at most 128), if it is. */
  static Optional<String> weakness(String password, String username) {
    if (password == null || password.codePointCount(0, password.length()) < 12) {
      return Optional.of("must be at least 12 characters");
    }
    if (password.length() > 128) {
      return Optional.of("must be at most 128 characters");
    }
    if (password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
      return Optional.of("must not contain the username");
    }
    return Optional.empty();
  }

  // ---- accounts ----

  private void listUsers(RoutingContext ctx) {
    Scope scope = Principal.scope(ctx);
    blocking(ctx, () -> accounts.users(scope))
        .onSuccess(
            users -> {
              JsonArray a = new JsonArray();
              users.forEach(u -> a.add(new JsonObject(u)));
              json(ctx, 200, new JsonObject().put("users", a));
            });
  }

  private void putUser(RoutingContext ctx) {
    Principal p = Principal.of(ctx);
    String username = ctx.pathParam("username");
    if (username == null || !USERNAME.matcher(username).matches()) {
      badRequest(ctx, "username", "must match ^[a-z0-9][a-z0-9._@-]{0,127}$");
      return;
    }
    JsonObject b = bodyOrNull(ctx);
    if (b == null) {
      badRequest(ctx, "body", "a JSON object is required");
      return;
    }
    Optional<Role> role =
        b.getValue("role") instanceof String r ? Role.fromWire(r) : Optional.empty();
    if (role.isEmpty() || role.get() == Role.ANONYMOUS) {
      badRequest(
          ctx,
          "role",
          "must be one of system_admin, province_officer, auditor, enterprise_admin, enterprise_viewer");
      return;
    }
    Object e = b.getValue("enterprise");
    String enterprise = e instanceof String s ? s : null;
    if (e != null && (enterprise == null || !TopicName.ID.matcher(enterprise).matches())) {
      badRequest(ctx, "enterprise", "must match " + TopicName.ID.pattern());
      return;
    }
    if (role.get().isEnterpriseRole() != (enterprise != null)) {
      badRequest(ctx, "enterprise", "is required for enterprise roles and only for them");
      return;
    }
    List<PgAccounts.Assignment> assignments = new ArrayList<>();
    Object raw = b.getValue("assignments");
    if (raw != null && !(raw instanceof JsonArray)) {
      badRequest(ctx, "assignments", "must be a list of {enterprise, expires_at}");
      return;
    }
    JsonArray list = raw == null ? new JsonArray() : (JsonArray) raw;
    for (int i = 0; i < list.size(); i++) {
      String at = "assignments[" + i + "]";
      if (!(list.getValue(i) instanceof JsonObject a)) {
        badRequest(ctx, at, "must be an object {enterprise, expires_at}");
        return;
      }
      if (!(a.getValue("enterprise") instanceof String ae) || !TopicName.ID.matcher(ae).matches()) {
        badRequest(ctx, at + ".enterprise", "must match " + TopicName.ID.pattern());
        return;
      }
      Optional<Instant> expires = Instants.parse(a.getValue("expires_at"));
      if (expires.isEmpty()) {
        badRequest(ctx, at + ".expires_at", Instants.EXPECTED);
        return;
      }
      assignments.add(new PgAccounts.Assignment(ae, expires.get()));
    }
    if (!assignments.isEmpty() && role.get() != Role.AUDITOR) {
      badRequest(ctx, "assignments", "only auditors have assignments");
      return;
    }
    boolean disabled = Boolean.TRUE.equals(b.getValue("disabled"));
    if (!p.scope().all() && !role.get().isEnterpriseRole()) {
      // an enterprise administrator manages the accounts of their enterprise, nothing above it
      forbidden(ctx, p, username, "may only grant enterprise roles of the own enterprise");
      return;
    }
    blocking(
            ctx,
            () -> {
              var before = accounts.snapshot(username);
              if (before.isPresent()
                  && !p.scope().all()
                  && !p.scope().permits((String) before.get().get("enterprise"))) {
                return null;
              }
              String initial = before.isPresent() ? null : Secrets.password();
              boolean created =
                  accounts.putUser(
                      username,
                      role.get(),
                      enterprise,
                      assignments,
                      disabled,
                      initial == null ? null : hasher.hash(initial),
                      true);
              var after = accounts.snapshot(username).orElseThrow();
              record(
                  ctx,
                  p,
                  created ? "user.create" : "user.update",
                  enterprise,
                  username,
                  before.map(Json::encode).orElse(null),
                  Json.encode(after));
              JsonObject out = new JsonObject(after).put("created", created);
              if (initial != null) {
                // shown once; the account must change it at first sign-in
                out.put("initial_password", initial);
              }
              return out;
            })
        .onSuccess(
            out -> {
              if (out == null) {
                forbidden(ctx, p, username, "account of another enterprise");
              } else {
                principalsChanged();
                json(ctx, out.getBoolean("created") ? 201 : 200, out);
              }
            });
  }

  // ---- API tokens ----

  private void listTokens(RoutingContext ctx) {
    Scope scope = Principal.scope(ctx);
    blocking(ctx, () -> accounts.tokens(scope))
        .onSuccess(
            tokens -> {
              JsonArray a = new JsonArray();
              for (PgAccounts.TokenView t : tokens) {
                a.add(
                    new JsonObject()
                        .put("id", t.id())
                        .put("name", t.name())
                        .put("role", t.role().wire())
                        .put("enterprise", t.enterprise())
                        .put("created_by", t.createdBy())
                        .put("created_at", t.createdAt().toString())
                        .put("expires_at", t.expiresAt().toString())
                        .put(
                            "revoked_at", t.revokedAt() == null ? null : t.revokedAt().toString()));
              }
              json(ctx, 200, new JsonObject().put("tokens", a));
            });
  }

  private void createToken(RoutingContext ctx) {
    Principal p = Principal.of(ctx);
    JsonObject b = bodyOrNull(ctx);
    if (b == null) {
      badRequest(ctx, "body", "a JSON object is required");
      return;
    }
    String name = b.getValue("name") instanceof String s ? s.trim() : "";
    if (name.isEmpty() || name.length() > 100 || name.chars().anyMatch(Character::isISOControl)) {
      badRequest(ctx, "name", "a name of 1 to 100 printable characters is required");
      return;
    }
    Optional<Role> role =
        b.getValue("role") instanceof String r ? Role.fromWire(r) : Optional.empty();
    if (role.isEmpty() || role.get() == Role.ANONYMOUS) {
      badRequest(ctx, "role", "must be a role other than anonymous");
      return;
    }
    String enterprise = b.getValue("enterprise") instanceof String s ? s : null;
    if (b.getValue("enterprise") != null
        && (enterprise == null || !TopicName.ID.matcher(enterprise).matches())) {
      badRequest(ctx, "enterprise", "must match " + TopicName.ID.pattern());
      return;
    }
    if (role.get().seesAllEnterprises() == (enterprise != null)) {
      badRequest(
          ctx, "enterprise", "required for enterprise roles and auditors, refused otherwise");
      return;
    }
    if (!p.scope().all() && !role.get().isEnterpriseRole()) {
      forbidden(ctx, p, name, "may only issue tokens with enterprise roles of the own enterprise");
      return;
    }
    Instant now = clock.instant();
    Instant expires;
    if (b.getValue("expires_at") == null) {
      expires = now.plus(DEFAULT_TOKEN_LIFETIME);
    } else {
      Optional<Instant> parsed = Instants.parse(b.getValue("expires_at"));
      if (parsed.isEmpty()) {
        badRequest(ctx, "expires_at", Instants.EXPECTED);
        return;
      }
      expires = parsed.get();
    }
    if (!expires.isAfter(now) || expires.isAfter(now.plus(MAX_TOKEN_LIFETIME))) {
      badRequest(ctx, "expires_at", "must be in the future and at most 366 days away");
      return;
    }
    blocking(
            ctx,
            () -> {
              PgAccounts.IssuedToken t =
                  accounts.issueToken(
                      name, role.get(), enterprise, p.subject(), p.userId(), now, expires);
              record(
                  ctx,
                  p,
                  "token.create",
                  enterprise,
                  "token:" + t.id(),
                  null,
                  new JsonObject()
                      .put("id", t.id())
                      .put("name", name)
                      .put("role", role.get().wire())
                      .put("expires_at", expires.toString())
                      .encode());
              return t;
            })
        .onSuccess(
            t ->
                json(
                    ctx,
                    201,
                    new JsonObject()
                        .put("id", t.id())
                        .put("token", t.token())
                        .put("name", name)
                        .put("role", role.get().wire())
                        .put("enterprise", enterprise)
                        .put("expires_at", t.expiresAt().toString())));
  }

  private void revokeToken(RoutingContext ctx) {
    Principal p = Principal.of(ctx);
    long id;
    try {
      id = Long.parseLong(ctx.pathParam("token"));
    } catch (NumberFormatException e) {
      badRequest(ctx, "token", "must be an integer");
      return;
    }
    blocking(
            ctx,
            () -> {
              Optional<String> owner = accounts.tokenEnterprise(id);
              if (owner.isEmpty()) {
                return false;
              }
              accounts.revokeToken(id, clock.instant());
              record(
                  ctx,
                  p,
                  "token.revoke",
                  owner.get().isEmpty() ? null : owner.get(),
                  "token:" + id,
                  null,
                  null);
              return true;
            })
        .onSuccess(
            found -> {
              if (found) {
                principalsChanged();
                json(ctx, 200, new JsonObject().put("id", id).put("revoked", true));
              } else {
                SecurityHandler.error(ctx, 404, "not_found", "not found");
              }
            });
  }

  // ---- audit log ----

  private void listAudit(RoutingContext ctx) {
    Scope scope = Principal.scope(ctx);
    String action = ctx.queryParams().get("action");
    String enterprise = ctx.queryParams().get("enterprise");
    int limit;
    try {
      limit =
          Integer.parseInt(
              ctx.queryParams().get("limit") == null ? "100" : ctx.queryParams().get("limit"));
      if (limit < 1 || limit > 10_000) {
        throw new NumberFormatException();
      }
    } catch (NumberFormatException e) {
      badRequest(ctx, "limit", "must be an integer between 1 and 10000");
      return;
    }
    if (action != null && !action.matches("^[a-z_.]{1,64}$")) {
      badRequest(ctx, "action", "must match ^[a-z_.]{1,64}$");
      return;
    }
    if (enterprise != null && !TopicName.ID.matcher(enterprise).matches()) {
      badRequest(ctx, "enterprise", "must match " + TopicName.ID.pattern());
      return;
    }
    blocking(ctx, () -> audit.list(scope, action, enterprise, limit))
        .onSuccess(
            rows ->
                json(
                    ctx,
                    200,
                    new JsonObject().put("entries", new JsonArray(new ArrayList<>(rows)))));
  }

  // ---- showcase and gateway credentials ----

  private void publishSite(RoutingContext ctx) {
    Principal p = Principal.of(ctx);
    String enterprise = ctx.pathParam("enterprise");
    String site = ctx.pathParam("site");
    if (!TopicName.ID.matcher(enterprise).matches() || !TopicName.ID.matcher(site).matches()) {
      badRequest(ctx, "site", "enterprise and site must match " + TopicName.ID.pattern());
      return;
    }
    JsonObject b = bodyOrNull(ctx);
    if (b == null || !(b.getValue("published") instanceof Boolean published)) {
      badRequest(ctx, "published", "a JSON object with a boolean 'published' is required");
      return;
    }
    blocking(
            ctx,
            () -> {
              boolean before = accounts.setPublished(enterprise, site, published);
              record(
                  ctx,
                  p,
                  "site.publish",
                  enterprise,
                  enterprise + "/" + site,
                  new JsonObject().put("published", before).encode(),
                  new JsonObject().put("published", published).encode());
              return null;
            })
        .onSuccess(
            v ->
                json(
                    ctx,
                    200,
                    new JsonObject()
                        .put("enterprise", enterprise)
                        .put("site", site)
                        .put("published", published)));
  }

  private void issueGatewayCredentials(RoutingContext ctx) {
    Principal p = Principal.of(ctx);
    String enterprise = ctx.pathParam("enterprise");
    String gateway = ctx.pathParam("gateway");
    if (!TopicName.ID.matcher(enterprise).matches() || !TopicName.ID.matcher(gateway).matches()) {
      badRequest(ctx, "gateway", "enterprise and gateway must match " + TopicName.ID.pattern());
      return;
    }
    blocking(
            ctx,
            () -> {
              var issued = gateways.issue(enterprise, gateway, clock.instant());
              issued.ifPresent(
                  i -> record(ctx, p, "gateway.credentials", enterprise, i.username(), null, null));
              return issued;
            })
        .onSuccess(
            issued -> {
              if (issued.isEmpty()) {
                SecurityHandler.error(ctx, 404, "not_found", "gateway not registered");
                return;
              }
              json(
                  ctx,
                  201,
                  new JsonObject()
                      .put("username", issued.get().username())
                      .put("password", issued.get().password())
                      .put("topic_prefix", "et/v1/" + enterprise + "/<site>/" + gateway + "/"));
            });
  }

  // ---- change audit of registry writes handled by ApiRoutes ----

  private void auditChange(RoutingContext ctx, String action, String kind, String param) {
    String enterprise = ctx.pathParam("enterprise");
    String code = ctx.pathParam(param);
    if (!TopicName.ID.matcher(enterprise).matches() || !TopicName.ID.matcher(code).matches()) {
      ctx.next(); // not an id: the route answers 400 and nothing changes
      return;
    }
    auditChange(
        ctx, action, enterprise, kind + ":" + code, () -> audit.snapshot(kind, enterprise, code));
  }

  private void auditCounterEvents(RoutingContext ctx, String action) {
    String enterprise = ctx.pathParam("enterprise");
    String meter = ctx.pathParam("meter");
    String channel = ctx.pathParam("channel");
    if (!TopicName.ID.matcher(enterprise).matches()
        || !TopicName.ID.matcher(meter).matches()
        || channel == null
        || !TopicName.CHANNEL.matcher(channel).matches()) {
      ctx.next(); // the route answers 400 and nothing changes
      return;
    }
    auditChange(
        ctx,
        action,
        enterprise,
        "channel:" + meter + "/" + channel,
        () -> audit.counterEvents(enterprise, meter, channel));
  }

  private void auditDiscard(RoutingContext ctx) {
    long id;
    try {
      id = Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      ctx.next(); // the route answers 400 and nothing changes
      return;
    }
    JsonObject body = bodyOrNull(ctx);
    String reason = body != null && body.getValue("reason") instanceof String r ? r : null;
    Principal p = Principal.of(ctx);
    blocking(ctx, () -> accounts.quarantineEnterprise(id).orElse(""))
        .onSuccess(
            enterprise ->
                auditChange(
                    ctx,
                    "quarantine.discard",
                    enterprise.isEmpty() ? null : enterprise,
                    "quarantine:" + id,
                    () -> audit.quarantineSnapshot(id),
                    reason));
  }

  private void auditChange(
      RoutingContext ctx,
      String action,
      String enterprise,
      String target,
      Callable<String> snapshot) {
    auditChange(ctx, action, enterprise, target, snapshot, null);
  }

  /**
   * Writes an audit entry with {@code snapshot} before the change and after it, once the route
   * answered 2xx.
   */
  private void auditChange(
      RoutingContext ctx,
      String action,
      String enterprise,
      String target,
      Callable<String> snapshot,
      String detail) {
    Principal p = Principal.of(ctx);
    blocking(ctx, snapshot)
        .onSuccess(
            before -> {
              ctx.addBodyEndHandler(
                  v -> {
                    int status = ctx.response().getStatusCode();
                    if (status < 200 || status >= 300) {
                      return;
                    }
                    // the time the change was answered, not the time the entry is written: a
                    // client's next change cannot come before it, so entries list in the order
                    // the changes were made (the write below may finish after the next one's)
                    Instant at = clock.instant();
                    vertx
                        .executeBlocking(
                            () -> {
                              record(
                                  ctx,
                                  p,
                                  at,
                                  action,
                                  enterprise,
                                  target,
                                  before,
                                  snapshot.call(),
                                  detail);
                              return null;
                            },
                            false)
                        .onFailure(e -> LOG.error("audit entry for {} lost", action, e));
                  });
              ctx.next();
            });
  }

  // ---- helpers ----

  private <T> Future<T> blocking(RoutingContext ctx, Callable<T> work) {
    return vertx.executeBlocking(work, false).onFailure(e -> HttpErrors.failed(ctx, e));
  }

  /** Blocking: writes an audit entry for a change by {@code p}. */
  private void record(
      RoutingContext ctx,
      Principal p,
      String action,
      String enterprise,
      String target,
      String before,
      String after) {
    record(ctx, p, clock.instant(), action, enterprise, target, before, after, null);
  }

  private void record(
      RoutingContext ctx,
      Principal p,
      Instant at,
      String action,
      String enterprise,
      String target,
      String before,
      String after,
      String detail) {
    audit.record(
        new AuditEntry(
            at,
            p.subject(),
            p.role().wire(),
            action,
            Outcome.SUCCESS,
            enterprise,
            target,
            SecurityHandler.clientIp(ctx),
            detail,
            before,
            after));
  }

  private void audit(
      RoutingContext ctx,
      String actor,
      String role,
      String action,
      Outcome outcome,
      String enterprise,
      String target,
      String before,
      String after) {
    AuditEntry entry =
        new AuditEntry(
            clock.instant(),
            actor.isEmpty() ? "(none)" : actor,
            role,
            action,
            outcome,
            enterprise,
            target,
            SecurityHandler.clientIp(ctx),
            action.equals("login.throttled") ? "login" : null,
            before,
            after);
    if (action.equals("login.throttled")) {
      // refused before any check: counted per address and window like anonymous refusals
      refusals.record(entry);
      return;
    }
    vertx
        .executeBlocking(
            () -> {
              audit.record(entry);
              return null;
            },
            false)
        .onFailure(e -> LOG.error("audit entry lost: {}", entry, e));
  }

  private void forbidden(RoutingContext ctx, Principal p, String target, String reason) {
    audit(
        ctx,
        p.subject(),
        p.role().wire(),
        "access.denied",
        Outcome.DENIED,
        p.enterprise(),
        target,
        null,
        null);
    SecurityHandler.error(ctx, 403, "forbidden", reason);
  }

  private static JsonObject bodyOrNull(RoutingContext ctx) {
    try {
      return ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static void badRequest(RoutingContext ctx, String parameter, String message) {
    HttpErrors.badRequest(ctx, parameter, message);
  }

  /**
   * Tells the live feed that sessions, tokens or accounts changed: it re-authorises its streams.
   */
  private void principalsChanged() {
    vertx.eventBus().publish(Security.PRINCIPALS_CHANGED, null);
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(body.encode());
  }
}
