package org.energytrace.ingest.programme;

import java.util.Objects;
import org.energytrace.ingest.audit.AuditActor;
import org.energytrace.ingest.auth.Principal;
import org.energytrace.ingest.auth.Role;

/** Who changes the registry: the audit log's actor, role and client address. */
public record Who(String subject, Role role, String clientIp) implements AuditActor {
  public Who {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(role, "role");
  }

  public static Who of(Principal p, String clientIp) {
    return new Who(p.subject(), p.role(), clientIp);
  }

  @Override
  public String auditRole() {
    return role.wire();
  }
}
