package org.energytrace.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-29T08:00:00Z"));
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
  final LoginThrottle throttle = new LoginThrottle(clock, 3, 5, Duration.ofMinutes(15));

  @Test
  void blocksAnAccountAfterTheLimitUntilTheOldestFailureLeavesTheWindow() {
    for (int i = 0; i < 3; i++) {
      assertThat(throttle.blocked("alice", "10.0.0.1")).isEmpty();
      throttle.failed("alice", "10.0.0.1");
      now.set(now.get().plusSeconds(60));
    }

    assertThat(throttle.blocked("alice", "10.0.0.2")).hasValue(Duration.ofMinutes(12));
    now.set(now.get().plus(Duration.ofMinutes(12)));
    assertThat(throttle.blocked("alice", "10.0.0.2")).isEmpty();
  }

  @Test
  void blocksAnAddressTryingManyAccounts() {
    for (int i = 0; i < 5; i++) {
      throttle.failed("user" + i, "10.0.0.9");
    }

    assertThat(throttle.blocked("someone-else", "10.0.0.9")).isPresent();
    assertThat(throttle.blocked("someone-else", "10.0.0.8")).isEmpty();
  }

  @Test
  void aSuccessfulSignInClearsTheAccountsFailures() {
    throttle.failed("bob", "10.0.0.1");
    throttle.failed("bob", "10.0.0.1");
    throttle.succeeded("bob");
    throttle.failed("bob", "10.0.0.1");

    assertThat(throttle.blocked("bob", "10.0.0.3")).isEmpty();
  }
}
