package org.energytrace.ingest.store;

import java.util.List;

/**
 * What one committed batch did.
 *
 * @param stored readings newly inserted
 * @param duplicates readings already stored or repeated inside the batch (absorbed)
 * @param productionStored production counts newly inserted
 * @param quarantined quarantine rows written (whole messages or messages with refused points)
 */
public record BatchResult(
    List<StoredReading> stored, int duplicates, int productionStored, int quarantined) {
  public BatchResult {
    stored = List.copyOf(stored);
  }
}
