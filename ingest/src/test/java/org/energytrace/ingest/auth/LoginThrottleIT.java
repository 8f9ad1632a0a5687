package org.energytrace.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.energytrace.ingest.IngestApp;
import org.energytrace.ingest.config.IngestConfig;
import org.energytrace.ingest.config.SecurityConfig;
import org.energytrace.ingest.fixtures.SecuredService;
import org.energytrace.ingest.fixtures.TestBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The sign-in throttle under concurrency, with two service instances on one database: the check and
 * the count of an attempt are one atomic step in PostgreSQL, so however many attempts arrive at
 * once and at whichever instance, no more than the per-account limit ever reach the password check
 * (issue 11: 400 concurrent attempts got past a limit of 5, and a correct password among them
 * signed in). OWASP ASVS 4.0 V2.2.1.
 */
class LoginThrottleIT {
  static final int PER_ACCOUNT = 5;
  static SecuredService svc;
  static Vertx secondVertx;
  static IngestApp second;
  static ExecutorService pool;
  static HttpClient client;

  @BeforeAll
  static void start() {
    SecurityConfig security =
        SecurityConfig.defaults().withLoginLimits(PER_ACCOUNT, 100_000, Duration.ofMinutes(15));
    svc = SecuredService.start(security);
    secondVertx = Vertx.vertx();
    second =
        IngestApp.start(
                secondVertx,
                IngestConfig.defaults(
                        svc.db.url(),
                        svc.db.config().user(),
                        TestBroker.URL,
                        "et-it-throttle-2-" + UUID.randomUUID())
                    .withSecurity(security))
            .await();
    pool = Executors.newFixedThreadPool(32);
    client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .executor(pool)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
  }

  @AfterAll
  static void stop() throws Exception {
    if (second != null) {
      second.stop().await();
    }
    if (secondVertx != null) {
      secondVertx.close().await();
    }
    if (svc != null) {
      svc.close();
    }
    if (pool != null) {
      pool.shutdownNow();
    }
  }

  static CompletableFuture<Integer> attempt(int port, String username, String password) {
    HttpRequest r =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/auth/login"))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    new JsonObject().put("username", username).put("password", password).encode()))
            .build();
    return client
        .sendAsync(r, HttpResponse.BodyHandlers.discarding())
        .thenApply(HttpResponse::statusCode);
  }

  /** The throttle itself on the test database, with a clock the test moves. */
  @Nested
  class Counting {
    final AtomicReference<Instant> now =
        new AtomicReference<>(Instant.parse("2026-11-29T08:00:00Z"));
    final Clock clock =
        new Clock() {
          @Override
          public ZoneOffset getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return now.get();
          }
        };
    final String tag = UUID.randomUUID().toString().substring(0, 8);
    LoginThrottle throttle;

    @BeforeEach
    void create() {
      PGSimpleDataSource ds = new PGSimpleDataSource();
      ds.setURL(svc.db.url());
      ds.setUser(svc.db.config().user());
      throttle = new LoginThrottle(ds, clock, 3, 5, Duration.ofMinutes(15));
    }

    /** One attempt that fails its password check. */
    boolean failedAttempt(String account, String ip) {
      return throttle.reserve(account + tag, ip + tag).allowed();
    }

    @Test
    void refusesAnAccountAfterTheLimitUntilTheWindowOfItsFirstFailureHasPassed() {
      for (int i = 0; i < 3; i++) {
        assertThat(failedAttempt("alice", "10.0.0.1")).isTrue();
        now.set(now.get().plusSeconds(60));
      }

      LoginThrottle.Reservation refused = throttle.reserve("alice" + tag, "10.0.0.2" + tag);
      assertThat(refused.allowed()).isFalse();
      assertThat(refused.retryAfter()).isEqualTo(Duration.ofMinutes(12));
      now.set(now.get().plus(Duration.ofMinutes(12)));
      assertThat(failedAttempt("alice", "10.0.0.2")).isTrue();
    }

    @Test
    void refusesAnAddressTryingManyAccountsButNotOtherAddresses() {
      for (int i = 0; i < 5; i++) {
        assertThat(failedAttempt("user" + i, "10.0.0.9")).isTrue();
      }

      assertThat(failedAttempt("someone-else", "10.0.0.9")).isFalse();
      assertThat(failedAttempt("someone-else", "10.0.0.8")).isTrue();
    }

    @Test
    void refusedAttemptsDoNotCountSoTheyCannotLockOutAnAccountFromElsewhere() {
      for (int i = 0; i < 5; i++) {
        failedAttempt("user" + i, "10.0.0.7");
      }
      // the address is refused; its attempts at carol do not count against carol
      for (int i = 0; i < 10; i++) {
        assertThat(failedAttempt("carol", "10.0.0.7")).isFalse();
      }

      assertThat(failedAttempt("carol", "10.0.0.6")).isTrue();
    }

    @Test
    void aSuccessfulSignInClearsTheAccountsCount() {
      failedAttempt("bob", "10.0.0.1");
      failedAttempt("bob", "10.0.0.1");
      LoginThrottle.Reservation ok = throttle.reserve("bob" + tag, "10.0.0.1" + tag);
      throttle.succeeded(ok.ticket().orElseThrow());

      assertThat(failedAttempt("bob", "10.0.0.3")).isTrue();
      assertThat(failedAttempt("bob", "10.0.0.3")).isTrue();
      assertThat(failedAttempt("bob", "10.0.0.3")).isTrue();
      assertThat(failedAttempt("bob", "10.0.0.3")).isFalse();
    }
  }

  @Test
  void fourHundredConcurrentAttemptsOnTwoInstancesGetNoMoreThanTheLimitToThePasswordCheck() {
    String name = "throttled-" + UUID.randomUUID().toString().substring(0, 8);
    svc.access.user(name, Role.ENTERPRISE_VIEWER, "ent-" + name, List.of(), "right-password-1");
    int[] ports = {svc.app.httpPort(), second.httpPort()};

    List<CompletableFuture<Integer>> attempts = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      attempts.add(attempt(ports[i % 2], name, "wrong-password-" + i));
    }
    CompletableFuture.allOf(attempts.toArray(CompletableFuture[]::new)).join();
    Map<Integer, Long> statuses =
        attempts.stream()
            .map(CompletableFuture::join)
            .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));

    // exactly the limit reached the password check (401); every other attempt was refused first
    assertThat(statuses).containsOnlyKeys(401, 429);
    assertThat(statuses.get(401)).isEqualTo(PER_ACCOUNT);
    assertThat(statuses.get(429)).isEqualTo(400 - PER_ACCOUNT);
    // and the right password is refused too until the window has passed, on either instance
    assertThat(attempt(ports[0], name, "right-password-1").join()).isEqualTo(429);
    assertThat(attempt(ports[1], name, "right-password-1").join()).isEqualTo(429);
  }

  @Test
  void aCorrectPasswordAmongConcurrentWrongOnesSignsInOnlyWhileUnderTheLimit() {
    String name = "raced-" + UUID.randomUUID().toString().substring(0, 8);
    svc.access.user(name, Role.ENTERPRISE_VIEWER, "ent-" + name, List.of(), "right-password-2");
    int[] ports = {svc.app.httpPort(), second.httpPort()};
    for (int i = 0; i < PER_ACCOUNT; i++) {
      assertThat(attempt(ports[i % 2], name, "wrong-" + i).join()).isEqualTo(401);
    }

    List<CompletableFuture<Integer>> attempts = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      attempts.add(attempt(ports[i % 2], name, i == 50 ? "right-password-2" : "wrong-x-" + i));
    }

    // the limit was already reached: not one of them, the right password included, is checked
    assertThat(attempts.stream().map(CompletableFuture::join)).containsOnly(429);
    assertThat(
            svc.count(
                "select count(*) from auth_session s join app_user u using (user_id)"
                    + " where u.username = '"
                    + name
                    + "'"))
        .as("sessions of " + name)
        .isZero();
  }
}
