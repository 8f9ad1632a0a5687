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
    lock.lock();
    try {
      limit = Math.max(1, newLimit);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  int limit() {
    lock.lock();
    try {
      return limit;
    } finally {
      lock.unlock();
    }
  }

  boolean acquire(Duration wait) throws InterruptedException {
    lock.lock();
    try {
      if (!awaitUntil(() -> inFlight < limit, wait)) {
        return false;
      }
      inFlight++;
      return true;
    } finally {
      lock.unlock();
    }
  }

  void release() {
    lock.lock();
    try {
      if (inFlight > 0) {
        inFlight--;
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  int inFlight() {
    lock.lock();
    try {
      return inFlight;
    } finally {
      lock.unlock();
    }
  }

  boolean awaitIdle(Duration wait) throws InterruptedException {
    lock.lock();
    try {
      return awaitUntil(() -> inFlight == 0, wait);
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
