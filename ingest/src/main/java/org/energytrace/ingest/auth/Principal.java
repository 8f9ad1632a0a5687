package org.energytrace.ingest.auth;

import io.vertx.ext.web.RoutingContext;
import java.util.Objects;
import org.energytrace.ingest.tenant.Scope;

/**
 * Who is making a request, resolved once per request by {@link SecurityHandler} and kept in the
 * routing context: the role, the scope of what may be read, and how they authenticated.
 *
 * @param subject the username, {@code token:<id>} or {@code anonymous}
 * @param enterprise the own enterprise of enterprise roles and tokens, else null
 * @param session the session when signed in with a cookie (for CSRF and logout), else null
 * @param tokenId the API token when authenticated with one, else null
 * @param userId the account: the signed-in one, or the one that issued the token
 * @param ownerRole for a token issued by an account, that account's current role: an operation must
 *     be allowed to it as well as to the token's own {@code role} (and {@code scope} is already the
 *     intersection of both); null otherwise
 * @param readOnly a token issued read-only (the default for the programme's officers, issue 16):
 *     every request other than GET, HEAD and OPTIONS is refused
 */
public record Principal(
    String subject,
    Long userId,
    Role role,
    String enterprise,
    Scope scope,
    Session session,
    Long tokenId,
    boolean mustChangePassword,
    Role ownerRole,
    boolean readOnly) {
  static final String KEY = "et.principal";

  /** A signed-in browser session: the stored hash of its id and its CSRF token. */
  public record Session(String hash, String csrfToken) {}

  public Principal {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(scope, "scope");
  }

  public static Principal anonymous(Scope published) {
    return new Principal(
        "anonymous", null, Role.ANONYMOUS, null, published, null, null, false, null, false);
  }

  /** The principal of the current request (anonymous with nothing in scope if none was set). */
  public static Principal of(RoutingContext ctx) {
    Principal p = ctx.get(KEY);
    return p == null ? anonymous(Scope.NONE) : p;
  }

  /** The scope filter of the current request, for queries. */
  public static Scope scope(RoutingContext ctx) {
    return of(ctx).scope();
  }

  public boolean isAnonymous() {
    return role == Role.ANONYMOUS;
  }
}
