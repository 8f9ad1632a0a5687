package org.energytrace.gateway.publish;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.energytrace.gateway.model.Locked;

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
    Locked.run(
        lock,
        () -> {
          limit = Math.max(1, newLimit);
          changed.signalAll();
          return null;
        });
  }

  int limit() {
    return Locked.run(lock, () -> limit);
  }

  boolean acquire(Duration wait) throws InterruptedException {
    return Locked.run(
        lock,
        () -> {
          if (!awaitUntil(() -> inFlight < limit, wait)) {
            return false;
          }
          inFlight++;
          return true;
        });
  }

  void release() {
    Locked.run(
        lock,
        () -> {
          if (inFlight > 0) {
            inFlight--;
          }
          changed.signalAll();
          return null;
        });
  }

  int inFlight() {
    return Locked.run(lock, () -> inFlight);
  }

  boolean awaitIdle(Duration wait) throws InterruptedException {
    return Locked.run(lock, () -> awaitUntil(() -> inFlight == 0, wait));
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
