package org.energytrace.ingest.store;

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
 */
public record BatchResult(
    List<StoredReading> stored,
    int duplicates,
    int productionStored,
    int quarantined,
    int inBatchDuplicates) {
  public BatchResult {
    stored = List.copyOf(stored);
  }

  public BatchResult(
      List<StoredReading> stored, int duplicates, int productionStored, int quarantined) {
    this(stored, duplicates, productionStored, quarantined, 0);
  }

  /** Readings that were already stored before this batch. */
  public int alreadyStoredDuplicates() {
    return duplicates - inBatchDuplicates;
  }
}
