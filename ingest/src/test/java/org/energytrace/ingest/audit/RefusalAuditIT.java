package org.energytrace.ingest.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.energytrace.ingest.auth.Role;
import org.energytrace.ingest.config.SecurityConfig;
import org.energytrace.ingest.fixtures.SecuredService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Refusals of anonymous callers (no or an invalid credential) are audited per client address and
 * window, one row that counts them, so that a flood of unauthenticated requests cannot flood the
 * audit log (issue 11: every anonymous refusal was its own row); the fact and the number are still
 * recorded. Refusals of a signed-in principal stay one row each.
 */
class RefusalAuditIT {
  static SecuredService svc;

  @BeforeAll
  static void start() {
    svc =
        SecuredService.start(
            SecurityConfig.defaults().withRefusalAuditWindow(Duration.ofSeconds(1)));
  }

  @AfterAll
  static void stop() throws Exception {
    if (svc != null) {
      svc.close();
    }
  }

  static long rows(String action, String role) {
    return svc.count(
        "select count(*) from audit_log where action = '"
            + action
            + "' and actor_role = '"
            + role
            + "'");
  }

  static long counted(String action, String role) {
    return svc.count(
        "select coalesce(sum(repeat_count), 0) from audit_log where action = '"
            + action
            + "' and actor_role = '"
            + role
            + "'");
  }

  static void send(int n, String token) {
    List<Future<Integer>> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      var req = svc.request(HttpMethod.GET, "/api/v1/users", null);
      if (token != null) {
        req.bearerTokenAuthentication(token);
      }
      all.add(req.send().map(r -> r.statusCode()));
      if (all.size() == 50) {
        assertThat(Future.all(all).await().<Integer>list()).containsOnly(401);
        all.clear();
      }
    }
    if (!all.isEmpty()) {
      assertThat(Future.all(all).await().<Integer>list()).containsOnly(401);
    }
  }

  @Test
  void aThousandAnonymousRefusalsAreFewRowsThatCountThemAll() {
    send(1000, null);

    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> counted("access.denied", "anonymous") == 1000);
    assertThat(rows("access.denied", "anonymous")).isBetween(1L, 20L);
    assertThat(
            svc.count(
                "select count(*) from audit_log where action = 'access.denied'"
                    + " and repeat_count > 1 and detail like '%listUsers%'"))
        .isPositive();
  }

  @Test
  void refusalsOfInvalidTokensAreCountedTheSameWay() {
    send(300, "et_" + UUID.randomUUID());

    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> counted("auth.token_rejected", "anonymous") == 300);
    assertThat(rows("auth.token_rejected", "anonymous")).isBetween(1L, 20L);
  }

  @Test
  void refusalsOfASignedInPrincipalRemainOneRowEach() {
    String token = svc.access.token(Role.ENTERPRISE_VIEWER, "ent-x", Duration.ofHours(1));
    for (int i = 0; i < 3; i++) {
      assertThat(svc.withToken(HttpMethod.GET, "/api/v1/users", token).send().await().statusCode())
          .isEqualTo(403);
    }

    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> rows("access.denied", "enterprise_viewer") == 3);
  }
}
