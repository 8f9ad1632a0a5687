package org.energytrace.ingest.verification;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.energytrace.ingest.auth.PgAccounts;
import org.energytrace.ingest.auth.Role;
import org.energytrace.ingest.fixtures.SecuredService;

/**
 * The callers of a verification test about enterprise {@code e}, as tokens: its administrator and
 * viewer, an auditor assigned to it, one assigned to {@code other} only, one whose assignment to
 * {@code e} ended an hour ago, and a token with the auditor role that no auditor's account issued
 * (no assignment to check).
 */
record Callers(
    String enterpriseAdmin,
    String viewer,
    String auditor,
    String auditorOfAnother,
    String auditorExpired,
    String auditorTokenWithoutAccount) {

  /** The callers, the auditors' accounts named {@code prefix}-[other-|expired-]{@code suffix}. */
  static Callers of(SecuredService svc, String e, String other, String prefix, String suffix) {
    Instant now = Instant.now();
    return new Callers(
        svc.access.token(Role.ENTERPRISE_ADMIN, e, Duration.ofHours(1)),
        svc.access.token(Role.ENTERPRISE_VIEWER, e, Duration.ofHours(1)),
        svc.access.auditorToken(prefix + "-" + suffix, e),
        svc.access.auditorToken(prefix + "-other-" + suffix, other),
        // assigned to e until an hour ago: the token names e, but the account no longer reaches it
        svc.access.accountToken(
            prefix + "-expired-" + suffix,
            Role.AUDITOR,
            null,
            List.of(new PgAccounts.Assignment(e, now.minus(Duration.ofHours(1))))),
        svc.access.token(Role.AUDITOR, e, Duration.ofHours(1)));
  }
}
