package org.energytrace.gateway.publish;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.energytrace.gateway.buffer.ReadingBuffer;
import org.energytrace.gateway.buffer.ReadingBuffer.Batch;

/**
 * Batching by size and time: a message goes out as soon as {@code max_points_per_message} readings
 * wait, or when fewer wait, after letting them gather for {@code max_linger} (devices poll at
 * slightly different moments, so one poll round fits one message). A linger of zero sends whatever
 * waits at once.
 */
final class BatchCollector {

  /** Waits for a while; true when the publisher is stopping. */
  @FunctionalInterface
  interface Pause {
    boolean await(Duration duration) throws InterruptedException;
  }

  private final ReadingBuffer buffer;
  private final int maxPoints;
  private final Duration maxLinger;
  private final Pause pause;
  private final BooleanSupplier urgent;

  BatchCollector(ReadingBuffer buffer, int maxPoints, Duration maxLinger, Pause pause) {
    this(buffer, maxPoints, maxLinger, pause, () -> false);
  }

  /**
   * @param urgent true while whatever waits must go at once (a clean stop): no lingering
   */
  BatchCollector(
      ReadingBuffer buffer,
      int maxPoints,
      Duration maxLinger,
      Pause pause,
      BooleanSupplier urgent) {
    this.buffer = buffer;
    this.maxPoints = maxPoints;
    this.maxLinger = maxLinger;
    this.pause = pause;
    this.urgent = urgent;
  }

  /**
   * The next batch to send: a sealed one waiting to be sent again (as it is), a full one, or what
   * gathered within the linger. Empty when nothing arrived within {@code wait}, or when the
   * publisher is stopping (the readings stay in the buffer).
   */
  Optional<Batch> next(Duration wait) throws InterruptedException {
    Optional<Batch> batch = buffer.claim(maxPoints, wait);
    if (batch.isEmpty()
        || batch.get().seal().isPresent()
        || batch.get().readings().size() >= maxPoints
        || maxLinger.isZero()
        || urgent.getAsBoolean()) {
      return batch;
    }
    buffer.release(batch.get());
    if (pause.await(maxLinger)) {
      return Optional.empty();
    }
    return buffer.claim(maxPoints, Duration.ZERO);
  }
}
