package org.energytrace.ingest.quarantine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.energytrace.ingest.audit.AuditEntry;
import org.energytrace.ingest.errors.NotFoundException;
import org.energytrace.ingest.errors.StoreException;
import org.energytrace.ingest.metrics.IngestMetrics;
import org.energytrace.ingest.model.Incoming;
import org.energytrace.ingest.store.BatchResult;
import org.energytrace.ingest.store.PgIngestStore;
import org.energytrace.ingest.store.PgIngestStore.Reprocessed;
import org.energytrace.ingest.store.QuarantineRows.Quarantined;
import org.energytrace.ingest.store.StoredReading;
import org.energytrace.ingest.validate.MessageValidator;

/**
 * Re-processes quarantined messages after their metadata was fixed (a meter registered, a gateway's
 * policy or site grant changed): the raw payload is validated again against the contract and the
 * current registry, and what is now acceptable is stored exactly as if it had just arrived.
 * Blocking: call from worker threads.
 */
public final class QuarantineService {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(QuarantineService.class);
  private final PgIngestStore store;
  private final MessageValidator validator;
  private final Consumer<List<StoredReading>> published;
  private final IngestMetrics metrics;

  public QuarantineService(
      PgIngestStore store,
      MessageValidator validator,
      Consumer<List<StoredReading>> published,
      IngestMetrics metrics) {
    this.store = store;
    this.validator = validator;
    this.published = published;
    this.metrics = metrics;
  }

  /**
   * Re-processes one message.
   *
   * @throws NotFoundException when it does not exist or was already released
   */
  public Reprocessed reprocess(long id) {
    store.forgetRegistry();
    return reprocessOne(id);
  }

  /**
   * Takes a message still in quarantine out of it for good (status discarded; the row and its
   * payload stay for the record).
   *
   * @throws NotFoundException when it does not exist or is no longer in quarantine
   */
  public void discard(long id) {
    store.discard(id);
  }

  /**
   * Discards, oldest first and at most {@code limit}, the messages still in quarantine whose reason
   * contains {@code reasonContains} (letter case ignored), optionally of one enterprise; each is
   * audited with {@code audit} (its enterprise, target and states filled in).
   *
   * @return the ids discarded
   */
  public List<Long> discardMatching(
      String enterprise, String reasonContains, int limit, AuditEntry audit) {
    return store.discardMatching(enterprise, reasonContains, limit, audit);
  }

  private Reprocessed reprocessOne(long id) {
    Quarantined q =
        store
            .quarantined(id)
            .filter(r -> r.status().equals("new"))
            .orElseThrow(
                () ->
                    new NotFoundException(
                        "quarantined message " + id + " not found or already released"));
    if (q.truncated() && q.payload().length < q.length()) {
      // only a prefix was kept of a payload refused for its size: there is nothing to re-validate
      // (one kept whole, under the prefix's size, is validated again: the limit may have been
      // raised)
      return new Reprocessed(
          id,
          false,
          "payload: only the first "
              + q.payload().length
              + " of "
              + q.length()
              + " bytes were kept (it exceeded ingest.max_payload_bytes); it cannot be re-processed",
          new BatchResult(List.of(), 0, 0, 0));
    }
    Incoming in =
        new Incoming(
            q.topic(), q.payload(), q.receivedAt(), validator.validate(q.topic(), q.payload()));
    Reprocessed r;
    try {
      r = store.reprocess(id, in);
    } catch (StoreException e) {
      if (e.isTransient()) {
        throw e;
      }
      // a value of the message the database refuses (e.g. U+0000 in a text): the message stays
      // in quarantine as it is, and can be discarded
      LOG.warn("quarantined message {} cannot be stored: {}", id, e.getMessage());
      return new Reprocessed(id, false, unstorable(e), new BatchResult(List.of(), 0, 0, 0));
    }
    published.accept(r.result().stored());
    metrics.points(
        r.result().stored().size(),
        r.result().alreadyStoredDuplicates(),
        r.result().inBatchDuplicates());
    metrics.reprocessed(r.released());
    return r;
  }

  private static String unstorable(StoreException e) {
    String state = e.sqlState() == null ? "" : e.sqlState();
    if (state.equals("22021") || state.equals("22P05")) {
      return "cannot be stored: a text of the message contains U+0000 (NUL), which the database"
          + " cannot keep; correct it at the source and discard this one";
    }
    return "cannot be stored: the database refused one of its values; discard it or correct it"
        + " at the source";
  }

  /** Outcome of a bulk re-process. */
  public record Bulk(int tried, int released, List<Reprocessed> results) {}

  /** Re-processes up to {@code limit} messages still in quarantine, oldest first. */
  public Bulk reprocessAll(String enterprise, int limit) {
    store.forgetRegistry();
    List<Reprocessed> results = new ArrayList<>();
    for (long id : store.quarantinedIds(enterprise, limit)) {
      try {
        results.add(reprocessOne(id));
      } catch (NotFoundException e) {
        // released concurrently by another request or instance
      }
    }
    int released = (int) results.stream().filter(Reprocessed::released).count();
    return new Bulk(results.size(), released, results);
  }
}
