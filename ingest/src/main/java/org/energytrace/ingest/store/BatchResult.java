package org.energytrace.ingest.store;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * What one committed batch did.
 *
 * @param stored readings newly inserted
 * @param duplicates readings already stored or repeated inside the batch (absorbed)
 * @param productionStored production counts newly inserted
 * @param quarantined quarantine rows written (whole messages or messages with refused points)
 * @param inBatchDuplicates the part of {@code duplicates} repeated inside the batch itself; the
 *     rest were already stored (redelivery, replay)
 * @param conflicts the part of {@code duplicates} whose key holds a reading of another value or
 *     quality, each named with both (the stored reading is kept; the message is quarantined)
 * @param outcomes what became of each message of the batch, in its order, with what the store found
 *     (a gateway or meter it does not know, a conflicting reading) as well as what validation
 *     refused; empty where the store does not say (then validation alone tells)
 */
public record BatchResult(
    List<StoredReading> stored,
    int duplicates,
    int productionStored,
    int quarantined,
    int inBatchDuplicates,
    List<String> conflicts,
    List<Outcome> outcomes) {
  public BatchResult {
    // the store's own list is unmodifiable already and builds its elements on demand
    stored = stored instanceof StoredReadings ? stored : List.copyOf(stored);
    conflicts = List.copyOf(conflicts);
    outcomes = List.copyOf(outcomes);
  }

  public BatchResult(
      List<StoredReading> stored, int duplicates, int productionStored, int quarantined) {
    this(stored, duplicates, productionStored, quarantined, 0, List.of(), List.of());
  }

  /**
   * What became of one message ({@code ingest_messages_total{outcome}}): all of it stored (or
   * already stored), part of it stored and the message quarantined with the reasons, or none of it
   * stored and the message quarantined.
   */
  public enum Outcome {
    STORED,
    PARTIAL,
    REFUSED
  }

  /** Readings that were already stored before this batch. */
  public int alreadyStoredDuplicates() {
    return duplicates - inBatchDuplicates;
  }

  /**
   * The distinct source timestamps of the stored readings in epoch microseconds, ascending; read
   * from the batch's columns without building the readings. The readings of one poll share their
   * timestamp, and all readings of a batch commit together, so they share their lag too: the lag
   * metric records each distinct timestamp once per batch rather than each reading.
   */
  public long[] distinctStoredMicros() {
    long[] t;
    if (stored instanceof StoredReadings s) {
      t = s.micros();
    } else {
      t = new long[stored.size()];
      for (int i = 0; i < t.length; i++) {
        Instant ts = stored.get(i).ts();
        t[i] = ts.getEpochSecond() * 1_000_000L + ts.getNano() / 1_000;
      }
    }
    Arrays.sort(t);
    int n = 0;
    for (int i = 0; i < t.length; i++) {
      if (n == 0 || t[n - 1] != t[i]) {
        t[n++] = t[i];
      }
    }
    return Arrays.copyOf(t, n);
  }
}
