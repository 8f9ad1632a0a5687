package org.energytrace.gateway.publish;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Bounds unacknowledged QoS 1 publishes: the limit is the smaller of our own setting and the
 * broker's Receive Maximum (MQTT 5 §3.2.2.3.3; Mosquitto's default is 20 and Paho fails a publish
 * beyond it with 32202).
 */
final class InFlightLimiter {

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private int limit;
  private int inFlight;

  InFlightLimiter(int limit) {
    this.limit = limit;
  }

  void setLimit(int newLimit) {
    locked(
        () -> {
          limit = Math.max(1, newLimit);
          changed.signalAll();
          return null;
        });
  }

  int limit() {
    return locked(() -> limit);
  }

  boolean acquire(Duration wait) throws InterruptedException {
    return locked(
        () -> {
          if (!awaitUntil(() -> inFlight < limit, wait)) {
            return false;
          }
          inFlight++;
          return true;
        });
  }

  void release() {
    locked(
        () -> {
          if (inFlight > 0) {
            inFlight--;
          }
          changed.signalAll();
          return null;
        });
  }

  int inFlight() {
    return locked(() -> inFlight);
  }

  boolean awaitIdle(Duration wait) throws InterruptedException {
    return locked(() -> awaitUntil(() -> inFlight == 0, wait));
  }

  /** What runs under the lock; {@code E} is what it may throw (InterruptedException or none). */
  @FunctionalInterface
  private interface Guarded<T, E extends Exception> {
    T run() throws E;
  }

  /** Runs {@code body} holding the lock. */
  private <T, E extends Exception> T locked(Guarded<T, E> body) throws E {
    lock.lock();
    try {
      return body.run();
    } finally {
      lock.unlock();
    }
  }

  /** Waits (holding the lock) until {@code ready}, at most {@code wait}; false on timeout. */
  private boolean awaitUntil(BooleanSupplier ready, Duration wait) throws InterruptedException {
    long nanos = wait.toNanos();
    while (!ready.getAsBoolean()) {
      if (nanos <= 0) {
        return false;
      }
      nanos = changed.awaitNanos(nanos);
    }
    return true;
  }
}
