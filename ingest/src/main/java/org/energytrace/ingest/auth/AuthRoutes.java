package org.energytrace.ingest.auth;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.time.Clock;
import org.energytrace.ingest.audit.PgAuditLog;
import org.energytrace.ingest.audit.RefusalAudit;
import org.energytrace.ingest.web.Blocking;

/**
 * The account side of the API, one handler class per resource: sessions (sign-in, the own account
 * and password), accounts, API tokens, the audit log, showcase sites and gateway credentials, and
 * the change audit of the API's registry writes. Access has been decided by {@link SecurityHandler}
 * before any of these run; the checks here are about what a permitted caller may create (no
 * escalation beyond their own role).
 */
final class AuthRoutes {
  private final SessionRoutes sessions;
  private final AccountRoutes accounts;
  private final TokenRoutes tokens;
  private final AuditRoutes auditLog;
  private final SiteRoutes sites;
  private final ChangeAudit changes;

  AuthRoutes(
      Vertx vertx,
      PgAccounts accounts,
      GatewayCredentials gateways,
      PgAuditLog audit,
      PasswordHasher hasher,
      LoginThrottle throttle,
      RefusalAudit refusals,
      SecurityHandler security,
      Clock clock) {
    // answers about accounts and credentials are never cached
    Blocking blocking = Blocking.noStore(vertx);
    AccountAudit trail = new AccountAudit(vertx, audit, refusals, clock);
    this.sessions = new SessionRoutes(blocking, accounts, hasher, throttle, security, trail);
    this.accounts = new AccountRoutes(blocking, accounts, hasher, trail);
    this.tokens = new TokenRoutes(blocking, accounts, trail);
    this.auditLog = new AuditRoutes(blocking, trail);
    this.sites = new SiteRoutes(blocking, accounts, gateways, trail);
    this.changes = new ChangeAudit(vertx, blocking, accounts, trail);
  }

  void mount(Router router) {
    ApiRouter api = ApiRouter.of(router);
    sessions.mount(api);
    accounts.mount(api);
    tokens.mount(api);
    auditLog.mount(api);
    sites.mount(api);
    changes.mount(api);
  }
}
