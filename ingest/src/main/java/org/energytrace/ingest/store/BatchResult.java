package org.energytrace.ingest.store;

import java.time.Instant;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * What one committed batch did.
 *
 * @param stored readings newly inserted
 * @param duplicates readings already stored or repeated inside the batch (absorbed)
 * @param productionStored production counts newly inserted
 * @param quarantined quarantine rows written (whole messages or messages with refused points)
 * @param inBatchDuplicates the part of {@code duplicates} repeated inside the batch itself; the
 *     rest were already stored (redelivery, replay)
 */
public record BatchResult(
    List<StoredReading> stored,
    int duplicates,
    int productionStored,
    int quarantined,
    int inBatchDuplicates) {
  public BatchResult {
    // the store's own list is unmodifiable already and builds its elements on demand
    stored = stored instanceof StoredReadings ? stored : List.copyOf(stored);
  }

  public BatchResult(
      List<StoredReading> stored, int duplicates, int productionStored, int quarantined) {
    this(stored, duplicates, productionStored, quarantined, 0);
  }

  /** Readings that were already stored before this batch. */
  public int alreadyStoredDuplicates() {
    return duplicates - inBatchDuplicates;
  }

  /**
   * The source timestamp of each stored reading in epoch microseconds, without building the
   * readings (the lag metric reads them for every reading).
   */
  public void forEachStoredMicros(LongConsumer c) {
    if (stored instanceof StoredReadings s) {
      s.forEachMicros(c);
      return;
    }
    for (StoredReading r : stored) {
      Instant t = r.ts();
      c.accept(t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000);
    }
  }
}
