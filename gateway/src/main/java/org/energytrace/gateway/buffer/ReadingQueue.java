package org.energytrace.gateway.buffer;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.energytrace.gateway.model.Reading;

/**
 * The order in which a {@link FileReadingBuffer} hands out readings that are not in a sealed batch:
 * released ones first (claimed, then given back), then live ones (appended since the publisher last
 * caught up, held in memory up to {@code liveCapacity}), then the backlog on disk ({@link
 * BacklogReader}), oldest first, at most {@code replayRate} readings per second ({@link
 * ReplayBudget}), so that live data keeps flowing while hours of backlog replay. Each reading taken
 * is marked in the {@link DeliveryLedger}. Not thread-safe: the buffer calls it under its lock.
 */
final class ReadingQueue {

  private final Deque<Indexed> redo = new ArrayDeque<>();
  private final Deque<Indexed> live = new ArrayDeque<>();
  private final int liveCapacity;
  private final DeliveryLedger ledger;
  private final BacklogReader backlog;
  private final ReplayBudget replay;

  ReadingQueue(
      int liveCapacity, DeliveryLedger ledger, BacklogReader backlog, ReplayBudget replay) {
    this.liveCapacity = liveCapacity;
    this.ledger = ledger;
    this.backlog = backlog;
    this.replay = replay;
  }

  /** Readings just written to the log, the first at index {@code first}. */
  void appended(long first, List<Reading> readings) {
    for (int i = 0; i < readings.size(); i++) {
      live.addLast(new Indexed(first + i, readings.get(i)));
    }
    // Live readings beyond the bound stay on disk; the backlog reader replays them in order.
    while (live.size() > liveCapacity) {
      live.pollFirst();
    }
  }

  /**
   * Fills a batch: released readings first, then live ones, then the rest from the backlog on disk
   * within the replay budget. Filling from the backlog even when live readings are waiting is what
   * keeps a steady live flow from starving the replay.
   */
  List<Indexed> take(int max) {
    List<Indexed> out = new ArrayList<>(Math.min(max, 256));
    while (out.size() < max && !redo.isEmpty()) {
      out.add(redo.pollFirst());
    }
    while (out.size() < max && !live.isEmpty()) {
      Indexed e = live.pollFirst();
      if (ledger.pending(e.index())) {
        ledger.take(e.index());
        out.add(e);
      }
    }
    if (out.size() < max) {
      int allowance = replay.allowance(max - out.size());
      int fromBacklog = 0;
      while (fromBacklog < allowance) {
        Indexed e = backlog.next();
        if (e == null) {
          break;
        }
        ledger.take(e.index());
        out.add(e);
        fromBacklog++;
      }
      replay.spend(fromBacklog);
    }
    return out;
  }

  /** The readings of a released batch that are still undelivered go first, in their order. */
  void released(long[] indexes, List<Reading> readings) {
    for (int i = readings.size() - 1; i >= 0; i--) {
      if (ledger.undelivered(indexes[i])) {
        redo.addFirst(new Indexed(indexes[i], readings.get(i)));
      }
    }
  }

  /** The live readings of a segment deleted to make room are not handed out. */
  void dropped(Segment segment) {
    live.removeIf(e -> e.index() < segment.end);
  }

  /**
   * How long a claim may wait for readings: less while the replay budget holds back the backlog.
   */
  long waitNanos(long remaining) {
    if (replay.limited() && backlog.reading()) {
      return Math.min(remaining, replay.tokenNanos());
    }
    return remaining;
  }

  /** The timestamp of the oldest reading queued here, {@code oldest} when that is older. */
  Instant oldest(Instant oldest) {
    if (!redo.isEmpty()) {
      oldest = min(oldest, redo.peekFirst().reading().ts());
    }
    if (!live.isEmpty()) {
      oldest = min(oldest, live.peekFirst().reading().ts());
    }
    Indexed head = backlog.peek();
    if (head != null) {
      oldest = min(oldest, head.reading().ts());
    }
    return oldest;
  }

  /** The earlier of two instants; {@code a} may be null (none yet). */
  static Instant min(Instant a, Instant b) {
    return a == null || b.isBefore(a) ? b : a;
  }
}
