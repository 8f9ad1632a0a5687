package org.energytrace.ingest.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.model.TopicName;
import org.energytrace.ingest.tenant.Scope;
import org.energytrace.ingest.web.Blocking;
import org.energytrace.ingest.web.Blocking.Answer;
import org.energytrace.ingest.web.Instants;
import org.energytrace.ingest.web.Params;

/**
 * API tokens: listed in scope, issued (shown once), revoked. The programme's officers (issue 16)
 * issue tokens of their own role only, a district or park officer's for some or all of their
 * districts or parks, read-only unless {@code write} is true; they list and revoke only the tokens
 * their account issued, and only signed in.
 */
final class TokenRoutes {
  private static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofDays(90);
  private static final Duration MAX_TOKEN_LIFETIME = Duration.ofDays(366);

  private final Blocking blocking;
  private final PgTokens tokens;
  private final PgAccounts accounts;
  private final AccountAudit audit;
  private final Clock clock;

  TokenRoutes(Blocking blocking, PgAccounts accounts, AccountAudit audit) {
    this.blocking = blocking;
    this.tokens = accounts.tokens();
    this.accounts = accounts;
    this.audit = audit;
    this.clock = audit.clock();
  }

  void mount(ApiRouter api) {
    api.bind("listTokens", this::list);
    api.bind("createToken", this::create);
    api.bind("revokeToken", this::revoke);
  }

  private void list(RoutingContext ctx) {
    Principal p = Principal.of(ctx);
    Scope scope = p.scope();
    blocking.reply(
        ctx,
        () -> {
          JsonArray a = new JsonArray();
          // the programme's officers see the tokens their account issued, nobody else's
          List<PgTokens.TokenView> listed =
              p.role().isProgrammeOfficer()
                  ? p.userId() == null ? List.of() : tokens.listOwned(p.userId())
                  : tokens.list(scope);
          for (PgTokens.TokenView t : listed) {
            JsonObject o =
                new JsonObject()
                    .put("id", t.id())
                    .put("name", t.name())
                    .put("role", t.role().wire())
                    .put("enterprise", t.enterprise())
                    .put("write", !t.readOnly())
                    .put("created_by", t.createdBy())
                    .put("created_at", t.createdAt().toString())
                    .put("expires_at", t.expiresAt().toString())
                    .put("revoked_at", t.revokedAt() == null ? null : t.revokedAt().toString())
                    .put("last_used_at", t.lastUsedAt() == null ? null : t.lastUsedAt().toString());
            if (t.role().isAreaRole()) {
              putAreas(o, tokens.areas(t.id()));
            }
            a.add(o);
          }
          return new JsonObject().put("tokens", a);
        });
  }

  private static void putAreas(JsonObject o, List<PgTokens.Area> areas) {
    JsonArray districts = new JsonArray();
    JsonArray parks = new JsonArray();
    for (PgTokens.Area a : areas) {
      (a.kind().equals(DISTRICT) ? districts : parks).add(a.name());
    }
    o.put("districts", districts).put("parks", parks);
  }

  /**
   * A token as a request asks for it. {@code areas}: the districts or parks named (area roles
   * only), null when none were; {@code write}: the write grant, null when not given.
   */
  private record Wanted(
      String name,
      Role role,
      String enterprise,
      List<String> areas,
      Boolean write,
      JsonObject body) {

    /** The area kind of the token's role ({@code district} or {@code park}), else null. */
    String kind() {
      return role == Role.DISTRICT_OFFICER ? DISTRICT : role == Role.PARK_OFFICER ? PARK : null;
    }

    /**
     * Read-only unless granted: the programme roles' tokens are read-only by default, the others
     * keep every right of their role as they always did.
     */
    boolean readOnly() {
      return write == null ? role.isProgrammeOfficer() : !write;
    }
  }

  private static final String DISTRICT = "district";
  private static final String PARK = "park";
  private static final int MAX_AREAS = 100;

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
    boolean needsEnterprise = !role.get().seesAllEnterprises() && !role.get().isAreaRole();
    if (needsEnterprise != (enterprise != null)) {
      throw DomainException.invalid(
          "enterprise",
          "required for enterprise roles and auditors, refused otherwise (an area officer's token"
              + " reads districts or parks)");
    }
    List<String> areas = null;
    for (Role areaRole : List.of(Role.DISTRICT_OFFICER, Role.PARK_OFFICER)) {
      String field = areaRole == Role.DISTRICT_OFFICER ? "districts" : "parks";
      if (b.getValue(field) == null) {
        continue;
      }
      if (role.get() != areaRole) {
        throw DomainException.invalid(field, "only for tokens with role " + areaRole.wire());
      }
      areas = areaNames(field, b.getValue(field));
    }
    Object write = b.getValue("write");
    if (write != null && !(write instanceof Boolean)) {
      throw DomainException.invalid("write", "must be true or false");
    }
    return new Wanted(name, role.get(), enterprise, areas, (Boolean) write, b);
  }

  /** The district or park names of a request: 1 to 100 names of 1 to 200 printable characters. */
  private static List<String> areaNames(String field, Object value) {
    if (!(value instanceof JsonArray a) || a.isEmpty() || a.size() > MAX_AREAS) {
      throw DomainException.invalid(field, "a list of 1 to " + MAX_AREAS + " names is required");
    }
    Set<String> names = new TreeSet<>();
    for (Object o : a) {
      String n = o instanceof String s ? s.trim() : "";
      if (n.isEmpty()
          || n.length() > 200
          || n.codePoints()
              .anyMatch(
                  c -> Character.isISOControl(c) || Character.getType(c) == Character.SURROGATE)) {
        throw DomainException.invalid(field, "each name must be 1 to 200 printable characters");
      }
      names.add(n);
    }
    return List.copyOf(names);
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
    if (p.role().isProgrammeOfficer()) {
      // issue 16: a programme officer delegates their own role, never more, and only signed in
      if (p.tokenId() != null) {
        audit.forbidden(ctx, p, w.name(), "a programme officer issues tokens signed in");
        return;
      }
      if (w.role() != p.role()) {
        audit.forbidden(
            ctx, p, w.name(), "may only issue tokens with the own role " + p.role().wire());
        return;
      }
    } else if (!p.scope().all() && !w.role().isEnterpriseRole()) {
      audit.forbidden(
          ctx, p, w.name(), "may only issue tokens with enterprise roles of the own enterprise");
      return;
    }
    if (w.kind() != null && w.areas() == null && !p.role().isAreaRole()) {
      Blocking.parse(
          ctx,
          () -> {
            throw DomainException.invalid(
                w.kind() + "s", "required for a token with role " + w.role().wire());
          });
      return;
    }
    // expires_at is checked after the role, as it always was
    Instant expires = Blocking.parse(ctx, () -> expires(w.body(), now)).orElse(null);
    if (expires == null) {
      return;
    }
    blocking
        .run(
            ctx,
            () -> {
              List<PgTokens.Area> areas = new ArrayList<>();
              if (w.kind() != null) {
                Set<String> held = new TreeSet<>();
                if (p.role().isAreaRole()) {
                  for (PgTokens.Area a : accounts.officerAreas(p.userId())) {
                    if (a.kind().equals(w.kind())) {
                      held.add(a.name());
                    }
                  }
                }
                List<String> names = w.areas() == null ? List.copyOf(held) : w.areas();
                if (p.role().isAreaRole()) {
                  Set<String> beyond = new TreeSet<>(names);
                  beyond.removeAll(held);
                  if (names.isEmpty() || !beyond.isEmpty()) {
                    return (Object)
                        (names.isEmpty()
                            ? "no " + w.kind() + " assigned to delegate"
                            : "not in the own area: " + String.join(", ", beyond));
                  }
                }
                for (String n : names) {
                  areas.add(new PgTokens.Area(w.kind(), n));
                }
              }
              PgTokens.IssuedToken t =
                  tokens.issue(
                      w.name(),
                      w.role(),
                      w.enterprise(),
                      p.subject(),
                      p.userId(),
                      now,
                      expires,
                      w.readOnly(),
                      areas);
              JsonObject after =
                  new JsonObject()
                      .put("id", t.id())
                      .put("name", w.name())
                      .put("role", w.role().wire())
                      .put("write", !w.readOnly())
                      .put("expires_at", expires.toString());
              if (w.kind() != null) {
                putAreas(after, areas);
              }
              audit.record(
                  ctx, p, "token.create", w.enterprise(), "token:" + t.id(), null, after.encode());
              JsonObject answer =
                  new JsonObject()
                      .put("id", t.id())
                      .put("token", t.token())
                      .put("name", w.name())
                      .put("role", w.role().wire())
                      .put("enterprise", w.enterprise())
                      .put("write", !w.readOnly())
                      .put("expires_at", t.expiresAt().toString());
              if (w.kind() != null) {
                putAreas(answer, areas);
              }
              return (Object) Answer.created(answer);
            })
        .onSuccess(
            r -> {
              if (r instanceof String refusal) {
                audit.forbidden(ctx, p, w.name(), refusal);
              } else {
                blocking.answer(ctx, r);
              }
            });
  }

  private void revoke(RoutingContext ctx) {
    Principal p = Principal.of(ctx);
    if (p.role().isProgrammeOfficer() && p.tokenId() != null) {
      audit.forbidden(ctx, p, "token", "a programme officer revokes tokens signed in");
      return;
    }
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
