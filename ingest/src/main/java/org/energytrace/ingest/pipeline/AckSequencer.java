package org.energytrace.ingest.pipeline;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import org.energytrace.ingest.mqtt.InboundMessage;
import org.energytrace.ingest.mqtt.MessageSource;

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
 * stored as duplicates. Thread-safe.
 */
final class AckSequencer {
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

  private final MessageSource source;
  private final Object taking = new Object();
  private final ArrayDeque<Ticket> unacknowledged = new ArrayDeque<>();

  AckSequencer(MessageSource source) {
    this.source = source;
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
    while (!unacknowledged.isEmpty() && unacknowledged.peekFirst().stored) {
      source.ack(unacknowledged.pollFirst().message);
    }
  }
}
