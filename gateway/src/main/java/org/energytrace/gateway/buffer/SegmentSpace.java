package org.energytrace.gateway.buffer;

import org.energytrace.gateway.model.OverflowPolicy;

/**
 * The disk space of a {@link FileReadingBuffer}'s log: segments whose readings are all delivered
 * are deleted once the ack is on disk ({@link #advanceAck}); a record that does not fit in {@code
 * maxBytes} gets room by the overflow policy ({@link #makeRoom}): {@link
 * OverflowPolicy#DROP_OLDEST} deletes the oldest segments and counts their readings that were never
 * delivered, {@link OverflowPolicy#DROP_NEWEST} refuses the new readings and counts them. Either
 * way {@link DropLog} warns how many were dropped. Not thread-safe: the buffer calls it under its
 * lock.
 */
final class SegmentSpace {

  private final SegmentLog segments;
  private final DeliveryLedger ledger;
  private final BacklogReader backlog;
  private final ReadingQueue queue;
  private final DropLog drops;
  private final long maxBytes;
  private final OverflowPolicy policy;

  SegmentSpace(
      SegmentLog segments,
      DeliveryLedger ledger,
      BacklogReader backlog,
      ReadingQueue queue,
      DropLog drops,
      long maxBytes,
      OverflowPolicy policy) {
    this.segments = segments;
    this.ledger = ledger;
    this.backlog = backlog;
    this.queue = queue;
    this.drops = drops;
    this.maxBytes = maxBytes;
    this.policy = policy;
  }

  /** Applies the overflow policy; false when the new readings must be dropped. */
  boolean makeRoom(long recordBytes, int count) {
    if (segments.fits(recordBytes, maxBytes)) {
      return true;
    }
    if (policy == OverflowPolicy.DROP_OLDEST) {
      while (!segments.fits(recordBytes, maxBytes) && !segments.isEmpty()) {
        Segment oldest = segments.oldest();
        if (segments.isWriting(oldest)) {
          if (oldest.bytes == 0) {
            break;
          }
          segments.roll();
        }
        drop(oldest);
      }
      if (segments.fits(recordBytes, maxBytes)) {
        return true;
      }
    }
    drops.dropped(
        count, policy == OverflowPolicy.DROP_OLDEST ? "newest (record too large)" : "newest");
    return false;
  }

  /** Deletes the oldest segment to make room; its undelivered readings are counted as dropped. */
  private void drop(Segment segment) {
    long lost = ledger.neverSent(segment);
    ledger.settle(segment.first, segment.end);
    queue.dropped(segment);
    backlog.forget(segment);
    segments.remove(segment);
    advanceAck(true);
    drops.dropped(lost, "oldest");
  }

  /** Moves the ack over settled readings; deletes fully delivered segments once it is on disk. */
  void advanceAck(boolean force) {
    if (ledger.advance(force)) {
      deleteDelivered();
    }
  }

  /** Deletes the oldest segments while all their readings are delivered (not the one written). */
  void deleteDelivered() {
    while (!segments.isEmpty()) {
      Segment oldest = segments.oldest();
      if (segments.isWriting(oldest) || !ledger.delivered(oldest)) {
        return;
      }
      backlog.forget(oldest);
      segments.remove(oldest);
    }
  }

  /** Readings dropped in all. */
  long dropped() {
    return drops.total();
  }
}
