package org.energytrace.gateway.buffer;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.energytrace.gateway.buffer.ReadingBuffer.Seal;
import org.energytrace.gateway.buffer.SealJournal.Sealed;

/**
 * The durable buffer's sealed batches: the next sequence number, the batches sealed but not yet
 * acknowledged (by first number), those of them waiting to be sent again, and the reading indexes
 * of acknowledged batches the ack file does not cover yet. Runs under the buffer's lock.
 */
final class SealedBatches {

  /** What the journal is rewritten with. */
  record Snapshot(List<Sealed> unacknowledged, Map<Long, long[]> delivered, long next) {}

  private final TreeMap<Long, Sealed> unacked = new TreeMap<>();
  private final TreeMap<Long, Sealed> waiting = new TreeMap<>();
  private final TreeMap<Long, long[]> acknowledged = new TreeMap<>();
  private long next;

  /**
   * Takes over what the journal recovered: batches without an acknowledgement wait to be sent
   * again, first, and their readings are in flight; acknowledged ones are delivered even where the
   * ack file lags behind them. Returns how many wait.
   */
  int restore(SealJournal.Recovered found, DeliveryLedger ledger) {
    next = found.next();
    long ack = ledger.ack();
    for (Map.Entry<Long, long[]> e : found.delivered().entrySet()) {
      boolean beyondAck = false;
      for (long index : e.getValue()) {
        if (index >= ack) {
          ledger.settle(index, index + 1);
          beyondAck = true;
        }
      }
      if (beyondAck) {
        acknowledged.put(e.getKey(), e.getValue());
      }
    }
    for (Sealed sealed : found.unacknowledged().values()) {
      unacked.put(sealed.seal().firstSeq(), sealed);
      waiting.put(sealed.seal().firstSeq(), sealed);
      for (long index : sealed.indexes()) {
        if (index >= ack) {
          ledger.take(index);
        }
      }
    }
    return waiting.size();
  }

  /** The next {@code messages} numbers, consecutive, taken before the batch is written. */
  Seal number(int messages, Instant sentAt) {
    Seal seal = new Seal(next, messages, sentAt);
    next += messages;
    return seal;
  }

  void sealed(Sealed sealed) {
    unacked.put(sealed.seal().firstSeq(), sealed);
  }

  /** The batch was delivered; its readings stay recorded until the ack file covers them. */
  void acknowledged(Seal seal, long[] indexes) {
    unacked.remove(seal.firstSeq());
    acknowledged.put(seal.firstSeq(), indexes);
  }

  /** The batch was not delivered: it waits to be sent again, whole. */
  void released(Seal seal) {
    Sealed sealed = unacked.get(seal.firstSeq());
    if (sealed != null) {
      waiting.put(seal.firstSeq(), sealed);
    }
  }

  /** The waiting batch with the lowest number, or null. */
  Sealed pollWaiting() {
    return waiting.isEmpty() ? null : waiting.pollFirstEntry().getValue();
  }

  Iterable<Sealed> waiting() {
    return waiting.values();
  }

  Long firstWaiting() {
    return waiting.isEmpty() ? null : waiting.firstKey();
  }

  long next() {
    return next;
  }

  /** What the journal must keep; acknowledged batches the ack file covers are left out. */
  Snapshot snapshot(DeliveryLedger ledger) {
    acknowledged.values().removeIf(ledger::persistedPast);
    return new Snapshot(List.copyOf(unacked.values()), Map.copyOf(acknowledged), next);
  }
}
