package org.energytrace.gateway.buffer;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.energytrace.gateway.model.OverflowPolicy;
import org.energytrace.gateway.model.Reading;

/**
 * Readings waiting to be published, between the pollers and the publisher. A batch is claimed, then
 * either committed (the broker acknowledged it) or released (it will be claimed again, before newer
 * readings). {@link FileReadingBuffer} is the durable one a gateway runs with; {@link
 * MemoryReadingBuffer} is for tests and the demo. What happens when full is an explicit {@link
 * OverflowPolicy}.
 *
 * <p><b>Sealed batches and seq.</b> Before its first message goes out, the publisher {@link #seal
 * seals} a batch: the buffer gives it the next message sequence numbers and keeps them with it
 * (durably, for the file buffer). A sealed batch never changes: released, it comes back whole, with
 * the same numbers, the same readings in the same order and the same {@code sent_at}, ahead of
 * everything else, lowest number first — after a broker outage and, for the file buffer, after a
 * restart or {@code kill -9}. Numbers are handed out consecutively, so every number is published at
 * least once: a consumer can tell a duplicate (a number seen before) and a loss (a number that
 * never arrives) from {@code seq} alone.
 */
public interface ReadingBuffer {

  /** Adds readings in order; applies the overflow policy when full. */
  void append(List<Reading> readings);

  /**
   * Claims the sealed batch with the lowest sequence number waiting to be sent again, whole; else
   * up to {@code max} of the oldest unclaimed readings, waiting up to {@code wait} for the first
   * one; empty if none arrived.
   */
  Optional<Batch> claim(int max, Duration wait) throws InterruptedException;

  /**
   * Seals a claimed, unsealed batch: it gets {@code messages} consecutive sequence numbers from the
   * next one and keeps them, with {@code sentAt}, across releases (and restarts, for a durable
   * buffer). Returns the sealed batch, which replaces the claimed one. A batch already sealed is
   * returned as it is.
   */
  Batch seal(Batch batch, int messages, Instant sentAt);

  /** The batch was delivered: forget it. */
  void commit(Batch batch);

  /** The batch was not delivered: it goes back to the head of the queue. */
  void release(Batch batch);

  /** Readings held, claimed or not. */
  int size();

  /** Readings discarded by the overflow policy since start. */
  long dropped();

  /** Timestamp of the oldest reading not yet delivered (claimed or not); empty when none. */
  Optional<Instant> oldest();

  /** A claimed group of readings; sealed once it has its sequence numbers. */
  record Batch(long id, List<Reading> readings, Optional<Seal> seal) {
    public Batch {
      readings = List.copyOf(readings);
      if (readings.isEmpty()) {
        throw new IllegalArgumentException("a batch has at least one reading");
      }
      Objects.requireNonNull(seal, "seal");
    }

    public Batch(long id, List<Reading> readings) {
      this(id, readings, Optional.empty());
    }

    public Batch withSeal(Seal newSeal) {
      return new Batch(id, readings, Optional.of(newSeal));
    }
  }

  /**
   * The numbers of a sealed batch: its messages carry {@code firstSeq}, {@code firstSeq + 1}, …
   * (one per message), all with {@code sentAt}.
   */
  record Seal(long firstSeq, int messages, Instant sentAt) {
    public Seal {
      if (firstSeq < 0 || messages < 1) {
        throw new IllegalArgumentException("bad seal " + firstSeq + "+" + messages);
      }
      Objects.requireNonNull(sentAt, "sentAt");
      sentAt = sentAt.truncatedTo(ChronoUnit.MILLIS);
    }
  }
}
