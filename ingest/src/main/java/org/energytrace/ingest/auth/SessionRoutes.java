package org.energytrace.ingest.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.energytrace.ingest.audit.AuditEntry.Outcome;
import org.energytrace.ingest.tenant.Scope;
import org.energytrace.ingest.web.Blocking;
import org.energytrace.ingest.web.HttpErrors;
import org.energytrace.ingest.web.Params;

/** Sign-in, sign-out, the caller's own principal and the own password. */
final class SessionRoutes {
  static final String GENERIC_FAILURE = "invalid username or password";
  static final Pattern USERNAME = Pattern.compile("^[a-z0-9][a-z0-9._@-]{0,127}$");

  private final Blocking blocking;
  private final PgAccounts accounts;
  private final PasswordHasher hasher;
  private final LoginThrottle throttle;
  private final SecurityHandler security;
  private final AccountAudit audit;
  private final Clock clock;

  SessionRoutes(
      Blocking blocking,
      PgAccounts accounts,
      PasswordHasher hasher,
      LoginThrottle throttle,
      SecurityHandler security,
      AccountAudit audit) {
    this.blocking = blocking;
    this.accounts = accounts;
    this.hasher = hasher;
    this.throttle = throttle;
    this.security = security;
    this.audit = audit;
    this.clock = audit.clock();
  }

  void mount(ApiRouter api) {
    api.bind("login", this::login);
    api.bind("logout", this::logout);
    api.bind("me", this::me);
    api.bind("changePassword", this::changePassword);
  }

  private void login(RoutingContext ctx) {
    String contentType = ctx.request().getHeader("Content-Type");
    if (contentType == null
        || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      // a cross-site HTML form cannot send JSON without a CORS preflight: no login CSRF
      SecurityHandler.error(
          ctx, 415, "unsupported_media_type", "send the credentials as application/json");
      return;
    }
    JsonObject body = Params.bodyOrNull(ctx);
    String username =
        body == null || !(body.getValue("username") instanceof String u)
            ? ""
            : u.trim().toLowerCase(Locale.ROOT);
    String password = body == null || !(body.getValue("password") instanceof String p) ? "" : p;
    String ip = SecurityHandler.clientIp(ctx);
    Principal previous = Principal.of(ctx);
    // check and count are one statement, before the password check (issue 11)
    blocking
        .run(ctx, () -> signIn(username, password, ip, previous))
        .onSuccess(
            outcome -> {
              if (outcome.retryAfter() != null) {
                audit.audit(
                    ctx, username, "anonymous", "login.throttled", Outcome.FAILURE, null, null);
                ctx.response()
                    .putHeader(
                        "Retry-After",
                        Long.toString(Math.max(1, outcome.retryAfter().toSeconds())));
                SecurityHandler.error(
                    ctx, 429, "too_many_attempts", "too many failed sign-ins; try later");
                return;
              }
              if (outcome.user() == null) {
                audit.audit(
                    ctx, username, "anonymous", "login.failure", Outcome.FAILURE, null, null);
                // one message for unknown account, wrong password and disabled account (ASVS V2.2)
                SecurityHandler.error(ctx, 401, "unauthorized", GENERIC_FAILURE);
                return;
              }
              PgAccounts.User u = outcome.user();
              audit.audit(
                  ctx,
                  u.username(),
                  u.role().wire(),
                  "login.success",
                  Outcome.SUCCESS,
                  u.enterprise(),
                  null);
              // a fresh id at every sign-in (no session fixation, ASVS V3.2.1)
              ctx.response().addCookie(security.sessionCookie(ctx, outcome.session().id()));
              blocking.json(
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
    if (hasher.needsRehash(user.get().passwordHash())) {
      // made with other Argon2 parameters than security.password_*: redone now the password is
      // known
      accounts.rehash(user.get().id(), user.get().passwordHash(), hasher.hash(password));
    }
    accounts.signedIn(user.get().id(), clock.instant());
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
    blocking
        .run(
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
                audit.audit(
                    ctx,
                    p.subject(),
                    p.role().wire(),
                    "logout",
                    Outcome.SUCCESS,
                    p.enterprise(),
                    null);
              }
              audit.principalsChanged();
              ctx.response().addCookie(security.expiredSessionCookie(ctx));
              blocking.json(ctx, 200, new JsonObject().put("signed_out", true));
            });
  }

  private void me(RoutingContext ctx) {
    Principal p = Principal.of(ctx);
    Scope s = p.scope();
    // the sites on the public showcase, for every caller: what anonymous visitors see is public,
    // and an administrator's scope ("all") lists no sites of its own
    blocking
        .run(ctx, accounts::publishedSites)
        .onSuccess(
            published ->
                blocking.json(
                    ctx,
                    200,
                    meJson(p, s)
                        .put(
                            "showcase_sites",
                            new JsonArray(published.stream().sorted().toList()))));
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
    JsonObject b = Params.bodyOrNull(ctx);
    String current =
        b == null ? null : b.getValue("current_password") instanceof String s ? s : null;
    String next = b == null ? null : b.getValue("new_password") instanceof String s ? s : null;
    Optional<String> weak = weakness(next, p.subject());
    if (current == null || weak.isPresent()) {
      HttpErrors.badRequest(
          ctx, "new_password", weak.orElse("current_password and new_password are required"));
      return;
    }
    blocking
        .run(
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
              Outcome outcome = r == null ? Outcome.FAILURE : Outcome.SUCCESS;
              if (r == null || r.isPresent()) {
                audit.audit(
                    ctx,
                    p.subject(),
                    p.role().wire(),
                    "password.change",
                    outcome,
                    p.enterprise(),
                    p.subject());
              }
              if (r == null) {
                SecurityHandler.error(ctx, 403, "forbidden", "current password is wrong");
              } else if (r.isEmpty()) {
                HttpErrors.badRequest(ctx, "new_password", "must differ from the current password");
              } else {
                audit.principalsChanged();
                ctx.response().addCookie(security.sessionCookie(ctx, r.get().id()));
                blocking.json(
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
}
