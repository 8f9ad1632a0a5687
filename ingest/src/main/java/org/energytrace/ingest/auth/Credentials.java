package org.energytrace.ingest.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.energytrace.ingest.config.SecurityConfig;
import org.energytrace.ingest.tenant.Scope;

/**
 * Who presented credentials: an API token ({@code Authorization: Bearer}), a session cookie, or
 * nobody (anonymous, who may read the published sites). Blocking: call from worker threads.
 */
final class Credentials {
  private final PgAccounts accounts;
  private final SecurityConfig config;
  private final Clock clock;

  Credentials(PgAccounts accounts, SecurityConfig config, Clock clock) {
    this.accounts = accounts;
    this.config = config;
    this.clock = clock;
  }

  /** How the credentials presented with a request resolved. */
  record Resolution(Principal principal, boolean invalidToken, boolean staleCookie) {}

  Resolution resolve(String authorization, String sessionId) {
    var now = clock.instant();
    if (authorization != null) {
      // RFC 6750 §2.1: Authorization: Bearer <token>
      if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
        return new Resolution(null, true, false);
      }
      Optional<PgTokens.TokenView> token =
          accounts.tokens().find(authorization.substring(7).trim(), now);
      Optional<Principal> principal = token.flatMap(this::tokenPrincipal);
      if (principal.isPresent()) {
        accounts.tokens().used(token.get(), now);
      }
      return principal
          .map(p -> new Resolution(p, false, false))
          .orElse(new Resolution(null, true, false));
    }
    if (sessionId != null && !sessionId.isBlank()) {
      var session = accounts.session(sessionId, now, config.sessionIdleTimeout());
      if (session.isPresent()) {
        return new Resolution(
            sessionPrincipal(session.get().getKey(), session.get().getValue()), false, false);
      }
      return new Resolution(
          Principal.anonymous(Scope.publishedSites(accounts.publishedSites())), false, true);
    }
    return new Resolution(
        Principal.anonymous(Scope.publishedSites(accounts.publishedSites())), false, false);
  }

  private Principal sessionPrincipal(PgAccounts.User u, Principal.Session session) {
    return new Principal(
        u.username(),
        u.id(),
        u.role(),
        u.enterprise(),
        scopeOf(u.role(), u.enterprise(), u.id()),
        session,
        null,
        u.mustChangePassword(),
        null,
        false);
  }

  /**
   * The principal of a valid token: its own role and scope, intersected with those its issuing
   * account has now (issue 11). Empty when that account is disabled or gone: the token is invalid.
   * A token without an issuing account (issued outside the API) has its own rights only.
   */
  private Optional<Principal> tokenPrincipal(PgTokens.TokenView t) {
    // an area officer's token (issue 16) reads the enterprises of those of its districts or parks
    // that its issuing account still holds
    Scope own =
        t.role().seesAllEnterprises()
            ? Scope.ALL
            : t.role().isAreaRole()
                ? Scope.of(accounts.tokens().areaEnterprises(t.id(), t.ownerId()))
                : Scope.of(Set.of(t.enterprise()));
    String subject = "token:" + t.id() + ":" + t.name();
    if (t.ownerId() == null) {
      return Optional.of(
          new Principal(
              subject,
              null,
              t.role(),
              t.enterprise(),
              own,
              null,
              t.id(),
              false,
              null,
              t.readOnly()));
    }
    Optional<PgAccounts.User> owner = accounts.userById(t.ownerId());
    if (owner.isEmpty() || owner.get().disabled()) {
      return Optional.empty();
    }
    PgAccounts.User o = owner.get();
    Scope scope = own.intersect(scopeOf(o.role(), o.enterprise(), o.id()));
    return Optional.of(
        new Principal(
            subject,
            o.id(),
            t.role(),
            t.enterprise(),
            scope,
            null,
            t.id(),
            false,
            o.role(),
            t.readOnly()));
  }

  /**
   * Blocking: the principal as its credentials stand now (for a long-lived request such as a live
   * stream), or empty when they no longer authenticate anyone: session ended or expired, token
   * revoked or expired, account disabled. An anonymous principal gets the published sites of now.
   */
  public Optional<Principal> reauthorize(Principal p) {
    Instant now = clock.instant();
    if (p.session() != null) {
      return accounts
          .sessionByHash(p.session().hash(), now, config.sessionIdleTimeout())
          .map(s -> sessionPrincipal(s.getKey(), s.getValue()));
    }
    if (p.tokenId() != null) {
      return accounts.tokens().byId(p.tokenId(), now).flatMap(this::tokenPrincipal);
    }
    return Optional.of(Principal.anonymous(Scope.publishedSites(accounts.publishedSites())));
  }

  private Scope scopeOf(Role role, String enterprise, long userId) {
    if (role.seesAllEnterprises()) {
      return Scope.ALL;
    }
    if (role == Role.AUDITOR) {
      return Scope.of(accounts.auditorEnterprises(userId, clock.instant()));
    }
    if (role.isAreaRole()) {
      return Scope.of(accounts.areaEnterprises(userId));
    }
    return Scope.of(Set.of(enterprise));
  }
}
