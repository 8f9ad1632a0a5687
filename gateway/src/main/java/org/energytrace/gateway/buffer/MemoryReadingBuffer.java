package org.energytrace.gateway.buffer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.energytrace.gateway.model.Locked;
import org.energytrace.gateway.model.OverflowPolicy;
import org.energytrace.gateway.model.Reading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded in-memory {@link ReadingBuffer}. It survives broker outages but not a gateway restart:
 * readings still held when the process stops are lost; production gateways use {@link
 * FileReadingBuffer}. Sequence numbers come from a {@link SeqStore}, so they keep growing across
 * restarts; a sealed batch lost with the process leaves its numbers unused, which a consumer sees
 * as the loss it is.
 */
public final class MemoryReadingBuffer implements ReadingBuffer {

  private static final Logger log = LoggerFactory.getLogger(MemoryReadingBuffer.class);

  private final int capacity;
  private final OverflowPolicy policy;
  private final Deque<Reading> queue = new ArrayDeque<>();
  private final Map<Long, Batch> claimed = new HashMap<>();
  private final TreeMap<Long, Batch> sealedWaiting = new TreeMap<>();
  private final SeqStore seq;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private int claimedCount;
  private long nextBatchId;
  private long dropped;

  /** With sequence numbers from 0, kept in memory only (tests). */
  public MemoryReadingBuffer(int capacity, OverflowPolicy policy) {
    this(capacity, policy, SeqStore.inMemory());
  }

  public MemoryReadingBuffer(int capacity, OverflowPolicy policy, SeqStore seq) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    this.capacity = capacity;
    this.policy = policy;
    this.seq = Objects.requireNonNull(seq, "seq");
  }

  @Override
  public void append(List<Reading> readings) {
    lock.lock();
    try {
      long droppedBefore = dropped;
      for (Reading reading : readings) {
        if (queue.size() + claimedCount >= capacity) {
          if (policy == OverflowPolicy.DROP_NEWEST || queue.isEmpty()) {
            dropped++;
            continue;
          }
          queue.pollFirst();
          dropped++;
        }
        queue.addLast(reading);
      }
      if (dropped > droppedBefore) {
        log.warn(
            "buffer full ({} readings): dropped {} ({} in total)",
            capacity,
            dropped - droppedBefore,
            dropped);
      }
      if (!queue.isEmpty()) {
        notEmpty.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Optional<Batch> claim(int max, Duration wait) throws InterruptedException {
    lock.lock();
    try {
      long nanos = wait.toNanos();
      while (queue.isEmpty() && sealedWaiting.isEmpty()) {
        if (nanos <= 0) {
          return Optional.empty();
        }
        nanos = notEmpty.awaitNanos(nanos);
      }
      // a sealed batch waiting to go again comes first, as it is
      if (!sealedWaiting.isEmpty()) {
        Batch sealed = sealedWaiting.pollFirstEntry().getValue();
        claimed.put(sealed.id(), sealed);
        return Optional.of(sealed);
      }
      List<Reading> readings = new ArrayList<>(Math.min(max, queue.size()));
      while (readings.size() < max && !queue.isEmpty()) {
        readings.add(queue.pollFirst());
      }
      Batch batch = new Batch(nextBatchId++, readings);
      claimed.put(batch.id(), batch);
      claimedCount += readings.size();
      return Optional.of(batch);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Batch seal(Batch batch, int messages, Instant sentAt) {
    lock.lock();
    try {
      Batch held = claimed.get(batch.id());
      if (held == null) {
        throw new IllegalStateException("batch " + batch.id() + " is not claimed");
      }
      if (held.seal().isPresent()) {
        return held;
      }
      Batch sealed = held.withSeal(new Seal(seq.take(messages), messages, sentAt));
      claimed.put(sealed.id(), sealed);
      return sealed;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void commit(Batch batch) {
    lock.lock();
    try {
      if (claimed.remove(batch.id()) != null) {
        claimedCount -= batch.readings().size();
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void release(Batch batch) {
    lock.lock();
    try {
      Batch held = claimed.remove(batch.id());
      if (held != null && held.seal().isPresent()) {
        // sealed: it comes back whole, with its numbers
        sealedWaiting.put(held.seal().get().firstSeq(), held);
        notEmpty.signalAll();
      } else if (held != null) {
        claimedCount -= batch.readings().size();
        List<Reading> readings = batch.readings();
        for (int i = readings.size() - 1; i >= 0; i--) {
          queue.addFirst(readings.get(i));
        }
        notEmpty.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public int size() {
    return Locked.run(lock, () -> queue.size() + claimedCount);
  }

  @Override
  public Optional<Instant> oldest() {
    lock.lock();
    try {
      Instant oldest = queue.isEmpty() ? null : queue.peekFirst().ts();
      List<Batch> held = new ArrayList<>(claimed.values());
      held.addAll(sealedWaiting.values());
      for (Batch b : held) {
        Instant first = b.readings().get(0).ts();
        if (oldest == null || first.isBefore(oldest)) {
          oldest = first;
        }
      }
      return Optional.ofNullable(oldest);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public long dropped() {
    return Locked.run(lock, () -> dropped);
  }
}
