package org.energytrace.ingest.auth;

import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import org.energytrace.ingest.audit.AuditEntry;
import org.energytrace.ingest.audit.AuditEntry.Outcome;
import org.energytrace.ingest.audit.PgAuditLog;
import org.energytrace.ingest.audit.RefusalAudit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the account, token and sign-in routes write to the audit log, and the event that tells the
 * live feed that principals changed.
 */
final class AccountAudit {
  private static final Logger LOG = LoggerFactory.getLogger(AccountAudit.class);

  private final Vertx vertx;
  private final PgAuditLog audit;
  private final RefusalAudit refusals;
  private final Clock clock;

  AccountAudit(Vertx vertx, PgAuditLog audit, RefusalAudit refusals, Clock clock) {
    this.vertx = vertx;
    this.audit = audit;
    this.refusals = refusals;
    this.clock = clock;
  }

  PgAuditLog log() {
    return audit;
  }

  Clock clock() {
    return clock;
  }

  /** Blocking: writes an audit entry for a change by {@code p}. */
  void record(
      RoutingContext ctx,
      Principal p,
      String action,
      String enterprise,
      String target,
      String before,
      String after) {
    record(ctx, p, clock.instant(), action, enterprise, target, before, after, null);
  }

  /** Blocking: writes an audit entry for a change by {@code p} answered at {@code at}. */
  void record(
      RoutingContext ctx,
      Principal p,
      Instant at,
      String action,
      String enterprise,
      String target,
      String before,
      String after,
      String detail) {
    audit.record(
        new AuditEntry(
            at,
            p.subject(),
            p.role().wire(),
            action,
            Outcome.SUCCESS,
            enterprise,
            target,
            SecurityHandler.clientIp(ctx),
            detail,
            before,
            after));
  }

  /** Writes an entry on a worker thread (a throttled sign-in: counted like anonymous refusals). */
  void audit(
      RoutingContext ctx,
      String actor,
      String role,
      String action,
      Outcome outcome,
      String enterprise,
      String target) {
    AuditEntry entry =
        new AuditEntry(
            clock.instant(),
            actor.isEmpty() ? "(none)" : actor,
            role,
            action,
            outcome,
            enterprise,
            target,
            SecurityHandler.clientIp(ctx),
            action.equals("login.throttled") ? "login" : null,
            null,
            null);
    if (action.equals("login.throttled")) {
      // refused before any check: counted per address and window like anonymous refusals
      refusals.record(entry);
      return;
    }
    vertx
        .executeBlocking(
            () -> {
              audit.record(entry);
              return null;
            },
            false)
        .onFailure(e -> LOG.error("audit entry lost: {}", entry, e));
  }

  /** An audited 403. */
  void forbidden(RoutingContext ctx, Principal p, String target, String reason) {
    audit(
        ctx, p.subject(), p.role().wire(), "access.denied", Outcome.DENIED, p.enterprise(), target);
    SecurityHandler.error(ctx, 403, "forbidden", reason);
  }

  /**
   * Tells the live feed that sessions, tokens or accounts changed: it re-authorises its streams.
   */
  void principalsChanged() {
    vertx.eventBus().publish(Security.PRINCIPALS_CHANGED, null);
  }
}
