package org.energytrace.gateway.buffer;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Which readings of the durable buffer's log are delivered and which are in flight: the ack (every
 * index below it is delivered), the indexes settled beyond it (acknowledged out of order, or
 * dropped), and those taken for a batch. The ack is persisted ({@link AckFile}) at most every half
 * second, at once when a segment becomes fully delivered or when forced; only then may fully
 * delivered segments go. Runs under the buffer's lock.
 */
final class DeliveryLedger implements BacklogReader.Delivery {

  private static final long PERSIST_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

  private final AckFile file;
  private final SegmentLog segments;
  private final LongSupplier nanoTime;
  private final LongRanges taken = new LongRanges();
  private final LongRanges settled = new LongRanges();
  private long ack;
  private long persisted = -1;
  private long lastPersistNanos;

  DeliveryLedger(AckFile file, SegmentLog segments, LongSupplier nanoTime) {
    this.file = file;
    this.segments = segments;
    this.nanoTime = nanoTime;
  }

  /** After recovery: the ack, and the one on disk. */
  void start(long ack, long persisted) {
    this.ack = ack;
    this.persisted = persisted;
  }

  long ack() {
    return ack;
  }

  @Override
  public boolean pending(long index) {
    return index >= ack && !settled.contains(index) && !taken.contains(index);
  }

  @Override
  public boolean settled(long first, long end) {
    return end <= ack || taken.covers(first, end);
  }

  /** Whether a released reading must be sent again (it was neither delivered nor dropped). */
  boolean undelivered(long index) {
    return index >= ack && !settled.contains(index);
  }

  void take(long index) {
    taken.add(index, index + 1);
  }

  /** Readings delivered (or dropped): they count as settled. */
  void settle(long[] indexes) {
    long[] sorted = indexes.clone();
    Arrays.sort(sorted);
    int i = 0;
    while (i < sorted.length) {
      long from = sorted[i];
      long to = from + 1;
      i++;
      while (i < sorted.length && sorted[i] <= to) {
        to = Math.max(to, sorted[i] + 1);
        i++;
      }
      settled.add(from, to);
    }
  }

  void settle(long from, long to) {
    settled.add(from, to);
  }

  /** Readings in {@code [from, tail)} not yet delivered. */
  long waiting(long tail) {
    return Math.max(0, tail - ack - settled.count(ack, tail));
  }

  /** Of a segment about to be dropped, the readings that were never sent. */
  long neverSent(Segment segment) {
    long from = Math.max(segment.first, ack);
    // Beyond the ack, everything settled was claimed first, so "not taken" means never sent.
    return Math.max(0, segment.end - from) - taken.count(from, segment.end);
  }

  /**
   * Moves the ack over settled readings and persists it when due; returns whether it was persisted
   * (then fully delivered segments may be deleted).
   */
  boolean advance(boolean force) {
    ack = Math.max(ack, settled.endOfRunFrom(ack));
    settled.removeBelow(ack);
    taken.removeBelow(ack);
    if (ack == persisted) {
      return false;
    }
    long now = nanoTime.getAsLong();
    boolean segmentDone = !segments.isEmpty() && segments.oldest().end <= ack;
    if (force || segmentDone || now - lastPersistNanos >= PERSIST_INTERVAL_NANOS) {
      persist();
      lastPersistNanos = now;
      return true;
    }
    return false;
  }

  /** Writes the ack when it moved since it was last written (on close). */
  void persistIfMoved() {
    if (ack != persisted) {
      persist();
    }
  }

  private void persist() {
    // not fatal when it fails: an older ack only means more duplicates after a crash
    if (file.write(ack)) {
      persisted = ack;
    }
  }

  /** Whether every reading of the segment is delivered and the ack on disk says so. */
  boolean delivered(Segment segment) {
    return segment.end <= ack && persisted >= segment.end;
  }

  /** Whether the persisted ack is past every reading of a batch (its journal record can go). */
  boolean persistedPast(long[] indexes) {
    return Arrays.stream(indexes).max().orElse(-1) < persisted;
  }
}
