package org.energytrace.ingest.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import org.energytrace.ingest.mqtt.InboundMessage;
import org.energytrace.ingest.mqtt.MessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acknowledges messages in the order they arrived, each only once it is stored. MQTT 5 §4.6 asks a
 * receiver to send PUBACKs in the order the PUBLISH packets were received; with several batches in
 * flight a later batch may commit first. Its messages then wait, committed but unacknowledged,
 * until every message that arrived before them is stored too: the head of the arrival sequence is
 * acknowledged as soon as it is stored, and everything stored behind it with it.
 *
 * <p>A batch that fails holds back the acknowledgements of later batches until it is stored on
 * retry; nothing is acknowledged out of order and nothing is dropped. If the process stops in
 * between, the broker redelivers the unacknowledged messages and the store absorbs those already
 * stored as duplicates. Every ticket taken must therefore end {@link #stored} — the pipeline
 * quarantines a message it cannot store, so no message can hold the sequence back for ever. How
 * long the head has waited and when the last acknowledgement left ({@link #progress}) tell
 * readiness whether the sequence is moving. Thread-safe.
 */
final class AckSequencer {
  private static final Logger LOG = LoggerFactory.getLogger(AckSequencer.class);

  /** A message taken from the source, in arrival order. */
  static final class Ticket {
    private final InboundMessage message;
    private boolean stored;

    private Ticket(InboundMessage message) {
      this.message = message;
    }

    InboundMessage message() {
      return message;
    }
  }

  /**
   * Where the sequence stands.
   *
   * @param oldestWaiting arrival of the oldest message taken but not acknowledged, or of the oldest
   *     message still in the source's queue; null when nothing waits
   * @param lastAcknowledged when the last acknowledgement left (the start, before the first)
   */
  record Progress(Instant oldestWaiting, Instant lastAcknowledged) {
    /** Whether messages wait and nothing moved for longer than {@code limit}. */
    boolean stalled(Instant now, Duration limit) {
      return oldestWaiting != null
          && Duration.between(oldestWaiting, now).compareTo(limit) > 0
          && Duration.between(lastAcknowledged, now).compareTo(limit) > 0;
    }
  }

  private final MessageSource source;
  private final Clock clock;
  private final Object taking = new Object();
  private final ArrayDeque<Ticket> unacknowledged = new ArrayDeque<>();
  private Instant lastAcknowledged;

  AckSequencer(MessageSource source, Clock clock) {
    this.source = source;
    this.clock = clock;
    this.lastAcknowledged = clock.instant();
  }

  /**
   * The next message with its place in the sequence, or null when none arrived within {@code
   * timeout}. Taking and numbering happen together, so the sequence is the order of the source's
   * queue (the order Paho delivered the messages) even when several lanes take at once.
   */
  Ticket take(Duration timeout) throws InterruptedException {
    synchronized (taking) {
      InboundMessage m = source.poll(timeout);
      if (m == null) {
        return null;
      }
      Ticket t = new Ticket(m);
      synchronized (this) {
        unacknowledged.addLast(t);
      }
      return t;
    }
  }

  /**
   * Marks messages as stored (committed, or quarantined) and acknowledges, in arrival order, every
   * stored message no earlier one is still waiting for.
   */
  synchronized void stored(Collection<Ticket> tickets) {
    for (Ticket t : tickets) {
      t.stored = true;
    }
    // acknowledged under the lock: two lanes releasing at once cannot interleave their PUBACKs
    boolean any = false;
    while (!unacknowledged.isEmpty() && unacknowledged.peekFirst().stored) {
      InboundMessage m = unacknowledged.pollFirst().message;
      any = true;
      try {
        source.ack(m);
      } catch (RuntimeException e) {
        // stored already: the broker redelivers it and the store absorbs the duplicate
        LOG.warn(
            "acknowledging message {} on {} failed: {}", m.messageId(), m.topic(), e.toString());
      }
    }
    if (any) {
      lastAcknowledged = clock.instant();
    }
  }

  synchronized Progress progress() {
    Instant oldest =
        unacknowledged.isEmpty()
            ? source.oldestQueued()
            : unacknowledged.peekFirst().message.receivedAt();
    return new Progress(oldest, lastAcknowledged);
  }
}
