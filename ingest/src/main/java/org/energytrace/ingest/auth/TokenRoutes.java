package org.energytrace.ingest.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.model.TopicName;
import org.energytrace.ingest.tenant.Scope;
import org.energytrace.ingest.web.Blocking;
import org.energytrace.ingest.web.Blocking.Answer;
import org.energytrace.ingest.web.Instants;
import org.energytrace.ingest.web.Params;

/** API tokens: listed in scope, issued (shown once), revoked. */
final class TokenRoutes {
  private static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofDays(90);
  private static final Duration MAX_TOKEN_LIFETIME = Duration.ofDays(366);

  private final Blocking blocking;
  private final PgTokens tokens;
  private final AccountAudit audit;
  private final Clock clock;

  TokenRoutes(Blocking blocking, PgAccounts accounts, AccountAudit audit) {
    this.blocking = blocking;
    this.tokens = accounts.tokens();
    this.audit = audit;
    this.clock = audit.clock();
  }

  void mount(ApiRouter api) {
    api.bind("listTokens", this::list);
    api.bind("createToken", this::create);
    api.bind("revokeToken", this::revoke);
  }

  private void list(RoutingContext ctx) {
    Scope scope = Principal.scope(ctx);
    blocking.reply(
        ctx,
        () -> {
          JsonArray a = new JsonArray();
          for (PgTokens.TokenView t : tokens.list(scope)) {
            a.add(
                new JsonObject()
                    .put("id", t.id())
                    .put("name", t.name())
                    .put("role", t.role().wire())
                    .put("enterprise", t.enterprise())
                    .put("created_by", t.createdBy())
                    .put("created_at", t.createdAt().toString())
                    .put("expires_at", t.expiresAt().toString())
                    .put("revoked_at", t.revokedAt() == null ? null : t.revokedAt().toString()));
          }
          return new JsonObject().put("tokens", a);
        });
  }

  /** A token as a request asks for it. */
  private record Wanted(String name, Role role, String enterprise, JsonObject body) {}

  private static Wanted wanted(RoutingContext ctx) {
    JsonObject b = Params.bodyOrNull(ctx);
    if (b == null) {
      throw DomainException.invalid("body", "a JSON object is required");
    }
    String name = b.getValue("name") instanceof String s ? s.trim() : "";
    if (name.isEmpty() || name.length() > 100 || name.chars().anyMatch(Character::isISOControl)) {
      throw DomainException.invalid("name", "a name of 1 to 100 printable characters is required");
    }
    Optional<Role> role =
        b.getValue("role") instanceof String r ? Role.fromWire(r) : Optional.empty();
    if (role.isEmpty() || role.get() == Role.ANONYMOUS) {
      throw DomainException.invalid("role", "must be a role other than anonymous");
    }
    String enterprise = b.getValue("enterprise") instanceof String s ? s : null;
    if (b.getValue("enterprise") != null
        && (enterprise == null || !TopicName.ID.matcher(enterprise).matches())) {
      throw DomainException.invalid("enterprise", "must match " + TopicName.ID.pattern());
    }
    if (role.get().seesAllEnterprises() == (enterprise != null)) {
      throw DomainException.invalid(
          "enterprise", "required for enterprise roles and auditors, refused otherwise");
    }
    return new Wanted(name, role.get(), enterprise, b);
  }

  private static Instant expires(JsonObject b, Instant now) {
    Instant expires =
        b.getValue("expires_at") == null
            ? now.plus(DEFAULT_TOKEN_LIFETIME)
            : Instants.parse(b.getValue("expires_at"))
                .orElseThrow(() -> DomainException.invalid("expires_at", Instants.EXPECTED));
    if (!expires.isAfter(now) || expires.isAfter(now.plus(MAX_TOKEN_LIFETIME))) {
      throw DomainException.invalid(
          "expires_at", "must be in the future and at most 366 days away");
    }
    return expires;
  }

  private void create(RoutingContext ctx) {
    Principal p = Principal.of(ctx);
    Instant now = clock.instant();
    Wanted w = Blocking.parse(ctx, () -> wanted(ctx)).orElse(null);
    if (w == null) {
      return;
    }
    if (!p.scope().all() && !w.role().isEnterpriseRole()) {
      audit.forbidden(
          ctx, p, w.name(), "may only issue tokens with enterprise roles of the own enterprise");
      return;
    }
    // expires_at is checked after the role, as it always was
    Instant expires = Blocking.parse(ctx, () -> expires(w.body(), now)).orElse(null);
    if (expires == null) {
      return;
    }
    blocking.reply(
        ctx,
        () -> {
          PgTokens.IssuedToken t =
              tokens.issue(
                  w.name(), w.role(), w.enterprise(), p.subject(), p.userId(), now, expires);
          audit.record(
              ctx,
              p,
              "token.create",
              w.enterprise(),
              "token:" + t.id(),
              null,
              new JsonObject()
                  .put("id", t.id())
                  .put("name", w.name())
                  .put("role", w.role().wire())
                  .put("expires_at", expires.toString())
                  .encode());
          return Answer.created(
              new JsonObject()
                  .put("id", t.id())
                  .put("token", t.token())
                  .put("name", w.name())
                  .put("role", w.role().wire())
                  .put("enterprise", w.enterprise())
                  .put("expires_at", t.expiresAt().toString()));
        });
  }

  private void revoke(RoutingContext ctx) {
    Principal p = Principal.of(ctx);
    Long parsed =
        Blocking.parse(ctx, () -> Params.longPath(ctx, "token", "must be an integer")).orElse(null);
    if (parsed == null) {
      return;
    }
    long id = parsed;
    blocking
        .run(
            ctx,
            () -> {
              Optional<String> owner = tokens.enterprise(id);
              if (owner.isEmpty()) {
                return false;
              }
              tokens.revoke(id, clock.instant());
              audit.record(
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
                audit.principalsChanged();
                blocking.json(ctx, 200, new JsonObject().put("id", id).put("revoked", true));
              } else {
                SecurityHandler.error(ctx, 404, "not_found", "not found");
              }
            });
  }
}
