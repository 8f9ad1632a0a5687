package org.energytrace.ingest.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed sign-ins counted per account name and per client address in a sliding window; past the
 * limit further attempts are refused until the oldest failure leaves the window (OWASP ASVS 4.0
 * V2.2.1: anti-automation against credential stuffing and brute force). Counted by the name typed,
 * so unknown and known accounts are throttled alike (no enumeration). In memory: each instance
 * counts its own attempts.
 */
public final class LoginThrottle {
  private final Clock clock;
  private final int maxPerAccount;
  private final int maxPerIp;
  private final Duration window;
  private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

  public LoginThrottle(Clock clock, int maxPerAccount, int maxPerIp, Duration window) {
    this.clock = clock;
    this.maxPerAccount = maxPerAccount;
    this.maxPerIp = maxPerIp;
    this.window = window;
  }

  /** How long to wait before the next attempt is considered, or empty when it may go ahead. */
  public Optional<Duration> blocked(String account, String ip) {
    Instant now = clock.instant();
    Optional<Duration> a = wait("a:" + account, maxPerAccount, now);
    Optional<Duration> b = wait("ip:" + ip, maxPerIp, now);
    if (a.isPresent() && b.isPresent()) {
      return Optional.of(a.get().compareTo(b.get()) > 0 ? a.get() : b.get());
    }
    return a.isPresent() ? a : b;
  }

  public void failed(String account, String ip) {
    Instant now = clock.instant();
    add("a:" + account, now);
    add("ip:" + ip, now);
  }

  /** A successful sign-in clears the account's failures (not the address's). */
  public void succeeded(String account) {
    failures.remove("a:" + account);
  }

  private void add(String key, Instant now) {
    Deque<Instant> d = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
    synchronized (d) {
      d.addLast(now);
      while (d.size() > 10_000) {
        d.removeFirst();
      }
    }
  }

  private Optional<Duration> wait(String key, int max, Instant now) {
    Deque<Instant> d = failures.get(key);
    if (d == null) {
      return Optional.empty();
    }
    synchronized (d) {
      Instant cutoff = now.minus(window);
      while (!d.isEmpty() && !d.peekFirst().isAfter(cutoff)) {
        d.removeFirst();
      }
      if (d.isEmpty()) {
        failures.remove(key, d);
        return Optional.empty();
      }
      if (d.size() < max) {
        return Optional.empty();
      }
      // the attempt that would free a slot: the (size - max + 1)-th oldest leaving the window
      Instant oldest = d.stream().skip(d.size() - max).findFirst().orElse(d.peekFirst());
      return Optional.of(Duration.between(now, oldest.plus(window)));
    }
  }
}
