package org.energytrace.ingest.demo;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.energytrace.ingest.auth.PasswordHasher;
import org.energytrace.ingest.auth.PgAccounts;
import org.energytrace.ingest.auth.Role;
import org.energytrace.ingest.auth.Secrets;
import org.energytrace.ingest.verification.Actor;

/**
 * One account per role of the demo plant, each with a fresh password every run (printed by {@code
 * ingest demo}), so a newcomer can see what each role sees (docs/security.md, role matrix). The
 * system administrator is the configured one (security.admin_username), reset by {@code
 * Security#bootstrap} in demo mode.
 */
public final class DemoAccounts {

  /** An account the demo prints. */
  public record Account(String username, Role role, String password) {}

  private DemoAccounts() {}

  /** The demo account of a role: {@code demo-auditor}, {@code demo-enterprise-admin}, … */
  public static String username(Role role) {
    return "demo-" + role.wire().replace('_', '-');
  }

  /** The demo account of a role as the one who acts (blocking: reads the account). */
  static Actor actor(DataSource dataSource, Role role) {
    String username = username(role);
    return Actor.ofAccount(new PgAccounts(dataSource), username)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "the demo account "
                        + username
                        + " is missing: DemoAccounts.seed creates it before the seeding"));
  }

  /** Blocking: creates or resets the demo accounts of {@code enterprise}. */
  public static List<Account> seed(DataSource dataSource, String enterprise, Clock clock) {
    PgAccounts accounts = new PgAccounts(dataSource);
    PasswordHasher hasher = PasswordHasher.owaspDefault();
    List<Account> seeded = new ArrayList<>();
    for (Role role :
        List.of(
            Role.PROVINCE_OFFICER, Role.AUDITOR, Role.ENTERPRISE_ADMIN, Role.ENTERPRISE_VIEWER)) {
      String username = username(role);
      String password = Secrets.password();
      accounts.putUser(
          username,
          role,
          role.isEnterpriseRole() ? enterprise : null,
          role == Role.AUDITOR
              ? List.of(
                  new PgAccounts.Assignment(enterprise, clock.instant().plus(Duration.ofDays(365))))
              : List.of(),
          false,
          hasher.hash(password),
          false);
      seeded.add(new Account(username, role, password));
    }
    return seeded;
  }
}
