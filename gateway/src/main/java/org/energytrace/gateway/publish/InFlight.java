package org.energytrace.gateway.publish;

import io.micrometer.core.instrument.Counter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.energytrace.gateway.buffer.ReadingBuffer;
import org.energytrace.gateway.buffer.ReadingBuffer.Batch;

/**
 * The publisher's messages in flight: each settles exactly once (ack, error or a lost connection),
 * gives its place back to the {@link InFlightLimiter}, and a batch is committed to the buffer when
 * all its messages were acknowledged, released when one was not. {@link #signal()} is notified at
 * every settled batch (a stop waits on it).
 */
final class InFlight {
  private final ReadingBuffer buffer;
  private final InFlightLimiter limiter;
  private final Counter publishedReadings;
  private final Counter publishedMessages;
  private final Set<Part> outstanding = ConcurrentHashMap.newKeySet();
  private final Object settled = new Object();

  InFlight(
      ReadingBuffer buffer,
      InFlightLimiter limiter,
      Counter publishedReadings,
      Counter publishedMessages) {
    this.buffer = buffer;
    this.limiter = limiter;
    this.publishedReadings = publishedReadings;
    this.publishedMessages = publishedMessages;
  }

  /** Notified whenever a batch is settled. */
  Object signal() {
    return settled;
  }

  /** A batch of {@code parts} messages to settle. */
  Settlement settlement(Batch batch, int parts) {
    return new Settlement(batch, parts);
  }

  /** A message of {@code settlement} (null: a status message), counted as outstanding. */
  Part part(Settlement settlement) {
    Part part = new Part(settlement);
    outstanding.add(part);
    return part;
  }

  /** After a lost connection nothing in flight will be acknowledged: send it all again. */
  void settleAllAsFailed() {
    for (Part part : List.copyOf(outstanding)) {
      part.settle(false);
    }
  }

  /** The outcome of one batch, whose messages may complete in any order. */
  final class Settlement {
    private final Batch batch;
    private final AtomicInteger remaining;
    private final AtomicBoolean failed = new AtomicBoolean();

    private Settlement(Batch batch, int parts) {
      this.batch = batch;
      this.remaining = new AtomicInteger(parts);
    }

    void partDone(boolean ok) {
      if (!ok) {
        failed.set(true);
      }
      if (remaining.decrementAndGet() == 0) {
        if (failed.get()) {
          buffer.release(batch);
        } else {
          buffer.commit(batch);
          publishedReadings.increment(batch.readings().size());
        }
        synchronized (settled) {
          settled.notifyAll();
        }
      }
    }
  }

  /** One published message; settles exactly once, whichever of ack, error or loss comes first. */
  final class Part {
    private final Settlement settlement;
    private final AtomicBoolean done = new AtomicBoolean();

    private Part(Settlement settlement) {
      this.settlement = settlement;
    }

    void settle(boolean ok) {
      if (done.compareAndSet(false, true)) {
        outstanding.remove(this);
        limiter.release();
        if (ok) {
          publishedMessages.increment();
        }
        if (settlement != null) {
          settlement.partDone(ok);
        }
      }
    }
  }
}
