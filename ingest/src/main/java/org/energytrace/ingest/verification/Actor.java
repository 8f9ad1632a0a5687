package org.energytrace.ingest.verification;

import java.util.Objects;
import java.util.Optional;
import org.energytrace.ingest.audit.AuditActor;
import org.energytrace.ingest.auth.PgAccounts;
import org.energytrace.ingest.auth.Principal;
import org.energytrace.ingest.auth.Role;

/**
 * Who takes a lifecycle step: the audit log's actor, the account (for an auditor's assignment), the
 * role, the own enterprise of enterprise roles, and the client address.
 */
public record Actor(String subject, Long userId, Role role, String enterprise, String clientIp)
    implements AuditActor {
  public Actor {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(role, "role");
  }

  @Override
  public String auditRole() {
    return role.wire();
  }

  /**
   * An account acting outside a request (e.g. the demo's seeding); empty when it does not exist or
   * is disabled.
   */
  public static Optional<Actor> ofAccount(PgAccounts accounts, String username) {
    return accounts
        .user(username)
        .filter(u -> !u.disabled())
        .map(u -> new Actor(u.username(), u.id(), u.role(), u.enterprise(), null));
  }

  /** The principal of a request. */
  public static Actor of(Principal p, String clientIp) {
    return new Actor(p.subject(), p.userId(), p.role(), p.enterprise(), clientIp);
  }
}
