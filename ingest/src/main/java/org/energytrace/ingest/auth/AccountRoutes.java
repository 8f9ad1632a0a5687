package org.energytrace.ingest.auth;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.model.TopicName;
import org.energytrace.ingest.tenant.Scope;
import org.energytrace.ingest.web.Blocking;
import org.energytrace.ingest.web.Instants;
import org.energytrace.ingest.web.Params;

/**
 * Accounts: listed in scope, created or changed by an administrator (an enterprise administrator
 * only within the own enterprise and only with enterprise roles: no escalation).
 */
final class AccountRoutes {
  private final Blocking blocking;
  private final PgAccounts accounts;
  private final PasswordHasher hasher;
  private final AccountAudit audit;

  AccountRoutes(Blocking blocking, PgAccounts accounts, PasswordHasher hasher, AccountAudit audit) {
    this.blocking = blocking;
    this.accounts = accounts;
    this.hasher = hasher;
    this.audit = audit;
  }

  void mount(ApiRouter api) {
    api.bind("listUsers", this::list);
    api.bind("putUser", this::put);
  }

  private void list(RoutingContext ctx) {
    Scope scope = Principal.scope(ctx);
    blocking.reply(
        ctx,
        () -> {
          JsonArray a = new JsonArray();
          accounts.users(scope).forEach(u -> a.add(new JsonObject(u)));
          return new JsonObject().put("users", a);
        });
  }

  /** An account as a request asks for it. */
  private record Wanted(
      String username,
      Role role,
      String enterprise,
      List<PgAccounts.Assignment> assignments,
      boolean disabled) {}

  private static Wanted wanted(RoutingContext ctx) {
    String username = ctx.pathParam("username");
    if (username == null || !SessionRoutes.USERNAME.matcher(username).matches()) {
      throw DomainException.invalid("username", "must match ^[a-z0-9][a-z0-9._@-]{0,127}$");
    }
    JsonObject b = Params.bodyOrNull(ctx);
    if (b == null) {
      throw DomainException.invalid("body", "a JSON object is required");
    }
    Optional<Role> role =
        b.getValue("role") instanceof String r ? Role.fromWire(r) : Optional.empty();
    if (role.isEmpty() || role.get() == Role.ANONYMOUS) {
      throw DomainException.invalid(
          "role",
          "must be one of system_admin, province_officer, auditor, enterprise_admin, enterprise_viewer");
    }
    Object e = b.getValue("enterprise");
    String enterprise = e instanceof String s ? s : null;
    if (e != null && (enterprise == null || !TopicName.ID.matcher(enterprise).matches())) {
      throw DomainException.invalid("enterprise", "must match " + TopicName.ID.pattern());
    }
    if (role.get().isEnterpriseRole() != (enterprise != null)) {
      throw DomainException.invalid(
          "enterprise", "is required for enterprise roles and only for them");
    }
    List<PgAccounts.Assignment> assignments = new ArrayList<>();
    Object raw = b.getValue("assignments");
    if (raw != null && !(raw instanceof JsonArray)) {
      throw DomainException.invalid("assignments", "must be a list of {enterprise, expires_at}");
    }
    JsonArray list = raw == null ? new JsonArray() : (JsonArray) raw;
    for (int i = 0; i < list.size(); i++) {
      String at = "assignments[" + i + "]";
      if (!(list.getValue(i) instanceof JsonObject a)) {
        throw DomainException.invalid(at, "must be an object {enterprise, expires_at}");
      }
      if (!(a.getValue("enterprise") instanceof String ae) || !TopicName.ID.matcher(ae).matches()) {
        throw DomainException.invalid(at + ".enterprise", "must match " + TopicName.ID.pattern());
      }
      Instant expires =
          Instants.parse(a.getValue("expires_at"))
              .orElseThrow(() -> DomainException.invalid(at + ".expires_at", Instants.EXPECTED));
      assignments.add(new PgAccounts.Assignment(ae, expires));
    }
    if (!assignments.isEmpty() && role.get() != Role.AUDITOR) {
      throw DomainException.invalid("assignments", "only auditors have assignments");
    }
    boolean disabled = Boolean.TRUE.equals(b.getValue("disabled"));
    return new Wanted(username, role.get(), enterprise, assignments, disabled);
  }

  private void put(RoutingContext ctx) {
    Principal p = Principal.of(ctx);
    Wanted w = Blocking.parse(ctx, () -> wanted(ctx)).orElse(null);
    if (w == null) {
      return;
    }
    if (!p.scope().all() && !w.role().isEnterpriseRole()) {
      // an enterprise administrator manages the accounts of their enterprise, nothing above it
      audit.forbidden(
          ctx, p, w.username(), "may only grant enterprise roles of the own enterprise");
      return;
    }
    blocking
        .run(
            ctx,
            () -> {
              var before = accounts.snapshot(w.username());
              if (before.isPresent()
                  && !p.scope().all()
                  && !p.scope().permits((String) before.get().get("enterprise"))) {
                return null;
              }
              String initial = before.isPresent() ? null : Secrets.password();
              boolean created =
                  accounts.putUser(
                      w.username(),
                      w.role(),
                      w.enterprise(),
                      w.assignments(),
                      w.disabled(),
                      initial == null ? null : hasher.hash(initial),
                      true);
              var after = accounts.snapshot(w.username()).orElseThrow();
              audit.record(
                  ctx,
                  p,
                  created ? "user.create" : "user.update",
                  w.enterprise(),
                  w.username(),
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
                audit.forbidden(ctx, p, w.username(), "account of another enterprise");
              } else {
                audit.principalsChanged();
                blocking.json(ctx, out.getBoolean("created") ? 201 : 200, out);
              }
            });
  }
}
