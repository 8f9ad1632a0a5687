package org.energytrace.gateway.buffer;

import java.util.function.LongSupplier;

/**
 * A token bucket for replaying the backlog at {@code rate} readings per second beside live data (0:
 * unlimited); it holds at most a second's worth, or one batch when that is larger.
 */
final class ReplayBudget {

  private final double rate;
  private final LongSupplier nanoTime;
  private double tokens;
  private long lastRefillNanos;

  ReplayBudget(double rate, LongSupplier nanoTime) {
    this.rate = rate;
    this.nanoTime = nanoTime;
    this.tokens = rate;
    this.lastRefillNanos = nanoTime.getAsLong();
  }

  boolean limited() {
    return rate > 0;
  }

  /** How many backlog readings may go now, at most {@code max}. */
  int allowance(int max) {
    if (!limited()) {
      return max;
    }
    long now = nanoTime.getAsLong();
    tokens = Math.min(Math.max(rate, max), tokens + (now - lastRefillNanos) / 1e9 * rate);
    lastRefillNanos = now;
    return (int) Math.min(max, Math.floor(Math.max(0, tokens)));
  }

  void spend(int readings) {
    if (limited()) {
      tokens -= readings;
    }
  }

  /** How long to wait for the next token, for a waiting claim. */
  long tokenNanos() {
    return (long) (1e9 / rate) + 1_000_000;
  }
}
