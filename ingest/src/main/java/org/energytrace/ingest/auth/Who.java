package org.energytrace.ingest.auth;

import io.vertx.ext.web.RoutingContext;
import java.util.Objects;
import org.energytrace.ingest.audit.AuditActor;

/**
 * Who changes something the audit log records: the subject, the role and the client address. One
 * record for the registry, CP assessments, temperature sources and resources (each had its own).
 */
public record Who(String subject, Role role, String clientIp) implements AuditActor {
  public Who {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(role, "role");
  }

  /** The request's principal and client address. */
  public static Who of(RoutingContext ctx) {
    Principal p = Principal.of(ctx);
    return new Who(p.subject(), p.role(), SecurityHandler.clientIp(ctx));
  }

  @Override
  public String auditRole() {
    return role.wire();
  }
}
