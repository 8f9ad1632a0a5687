package org.energytrace.ingest.mqtt;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The hand-over between Paho's callback thread and the pipeline, bounded by messages and by payload
 * bytes: what ingest holds of received-but-unprocessed messages stays below both however large the
 * messages are. A message larger than the byte bound is still taken when the queue is empty (else
 * it could never pass). Thread-safe.
 */
final class HandOverQueue {
  private final int capacity;
  private final long maxBytes;
  private final ArrayDeque<InboundMessage> messages = new ArrayDeque<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private final Condition notFull = lock.newCondition();
  private long bytes;
  private long mostBytes;

  HandOverQueue(int capacity, long maxBytes) {
    this.capacity = capacity;
    this.maxBytes = maxBytes;
  }

  private boolean fits(InboundMessage m) {
    return messages.isEmpty()
        || (messages.size() < capacity && bytes + m.payload().length <= maxBytes);
  }

  /** Adds {@code m}, waiting at most {@code timeout} for room; false when there was none. */
  boolean offer(InboundMessage m, long timeout, TimeUnit unit) throws InterruptedException {
    long nanos = unit.toNanos(timeout);
    lock.lockInterruptibly();
    try {
      while (!fits(m)) {
        if (nanos <= 0) {
          return false;
        }
        nanos = notFull.awaitNanos(nanos);
      }
      messages.addLast(m);
      bytes += m.payload().length;
      mostBytes = Math.max(mostBytes, bytes);
      notEmpty.signal();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** The oldest message, waiting at most {@code timeout}; null when none arrived. */
  InboundMessage poll(long timeout, TimeUnit unit) throws InterruptedException {
    long nanos = unit.toNanos(timeout);
    lock.lockInterruptibly();
    try {
      while (messages.isEmpty()) {
        if (nanos <= 0) {
          return null;
        }
        nanos = notEmpty.awaitNanos(nanos);
      }
      InboundMessage m = messages.pollFirst();
      bytes -= m.payload().length;
      notFull.signalAll();
      return m;
    } finally {
      lock.unlock();
    }
  }

  int size() {
    return locked(messages::size);
  }

  long bytes() {
    return locked(() -> bytes);
  }

  /** The most payload bytes the queue has held at once. */
  long mostBytes() {
    return locked(() -> mostBytes);
  }

  /** When the oldest queued message arrived; null when empty. */
  Instant oldest() {
    return locked(() -> messages.isEmpty() ? null : messages.peekFirst().receivedAt());
  }

  /** {@code read} under the lock. */
  private <T> T locked(Supplier<T> read) {
    lock.lock();
    try {
      return read.get();
    } finally {
      lock.unlock();
    }
  }

  void clear() {
    lock.lock();
    try {
      messages.clear();
      bytes = 0;
      notFull.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
