package org.energytrace.ingest.store;

import java.util.List;
import org.energytrace.ingest.errors.StoreException;
import org.energytrace.ingest.model.Incoming;

/** Where the pipeline writes its batches. Blocking: call from worker threads only. */
public interface IngestStore {
  /**
   * Stores a batch in one transaction.
   *
   * @throws StoreException transient (retry the batch) or permanent (write its messages one by one,
   *     quarantine those that still fail)
   */
  BatchResult write(List<Incoming> batch);

  /** Quarantines one message whose storage failed permanently, in its own transaction. */
  void quarantine(Incoming in, String reason);
}
