package org.energytrace.ingest.verification;

import java.util.Objects;
import org.energytrace.ingest.auth.Principal;
import org.energytrace.ingest.auth.Role;

/**
 * Who takes a lifecycle step: the audit log's actor, the account (for an auditor's assignment), the
 * role, the own enterprise of enterprise roles, and the client address.
 */
public record Actor(String subject, Long userId, Role role, String enterprise, String clientIp) {
  public Actor {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(role, "role");
  }

  /** The principal of a request. */
  public static Actor of(Principal p, String clientIp) {
    return new Actor(p.subject(), p.userId(), p.role(), p.enterprise(), clientIp);
  }
}
