package org.energytrace.gateway.buffer;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.energytrace.gateway.poll.Reading;

/**
 * Readings waiting to be published, between the pollers and the publisher. A batch is claimed, then
 * either committed (the broker acknowledged it) or released (it will be claimed again, before newer
 * readings). {@link FileReadingBuffer} is the durable one a gateway runs with; {@link
 * MemoryReadingBuffer} is for tests and the demo. What happens when full is an explicit {@link
 * OverflowPolicy}.
 */
public interface ReadingBuffer {

  /** Adds readings in order; applies the overflow policy when full. */
  void append(List<Reading> readings);

  /**
   * Claims up to {@code max} of the oldest unclaimed readings, waiting up to {@code wait} for the
   * first one; empty if none arrived.
   */
  Optional<Batch> claim(int max, Duration wait) throws InterruptedException;

  /** The batch was delivered: forget it. */
  void commit(Batch batch);

  /** The batch was not delivered: it goes back to the head of the queue. */
  void release(Batch batch);

  /** Readings held, claimed or not. */
  int size();

  /** Readings discarded by the overflow policy since start. */
  long dropped();

  /** Timestamp of the oldest reading not yet delivered (claimed or not); empty when none. */
  Optional<java.time.Instant> oldest();

  /** A claimed group of readings. */
  record Batch(long id, List<Reading> readings) {
    public Batch {
      readings = List.copyOf(readings);
      if (readings.isEmpty()) {
        throw new IllegalArgumentException("a batch has at least one reading");
      }
    }
  }

  /** What to do with a reading that does not fit. */
  enum OverflowPolicy {
    /** Discard the oldest unclaimed readings to make room (recent data matters most). */
    DROP_OLDEST,
    /** Discard the new readings. */
    DROP_NEWEST
  }
}
