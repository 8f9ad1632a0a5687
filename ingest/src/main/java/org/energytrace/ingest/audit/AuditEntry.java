package org.energytrace.ingest.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of the audit log: who did what, when, to which enterprise and object, the outcome, and
 * for changes the state before and after (JSON text, null when not applicable).
 */
public record AuditEntry(
    Instant at,
    String actor,
    String actorRole,
    String action,
    Outcome outcome,
    String enterprise,
    String target,
    String clientIp,
    String detail,
    String before,
    String after) {
  public enum Outcome {
    SUCCESS,
    FAILURE,
    DENIED;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public AuditEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(actorRole, "actorRole");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(outcome, "outcome");
  }
}
