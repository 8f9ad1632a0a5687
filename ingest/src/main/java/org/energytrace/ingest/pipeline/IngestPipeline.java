package org.energytrace.ingest.pipeline;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.energytrace.ingest.config.PipelineConfig;
import org.energytrace.ingest.live.LiveFeed;
import org.energytrace.ingest.metrics.IngestMetrics;
import org.energytrace.ingest.mqtt.InboundMessage;
import org.energytrace.ingest.mqtt.MessageSource;
import org.energytrace.ingest.store.BatchResult;
import org.energytrace.ingest.store.Incoming;
import org.energytrace.ingest.store.IngestStore;
import org.energytrace.ingest.store.StoreException;
import org.energytrace.ingest.validate.MessageValidator;
import org.energytrace.ingest.validate.Payload;
import org.energytrace.ingest.validate.Validated;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscriber → validate → batch → one transaction → ack → live feed. {@code ingest.in_flight} lanes
 * (2 by default) each fill and write their own batch from the shared hand-over queue, so one lane
 * validates and fills while another's transaction runs, on their own connections; the blocking part
 * (draining the queue, validating, JDBC) runs on Vert.x worker threads, never on an event loop. A
 * message is acknowledged only after the transaction storing it committed, and acknowledgements
 * leave in the order the messages arrived ({@link AckSequencer}): a batch that commits before an
 * earlier one waits for it. Batches of two lanes may hold readings of the same channel: the store
 * serialises what depends on a channel's order (counter derivation, under a per-channel transaction
 * lock) and locks rows in key order.
 *
 * <p>A batch that fails transiently (database down) is kept and retried after {@code retry_delay}
 * without acknowledging anything; a batch that fails permanently is written message by message and
 * a message that still fails goes to quarantine with the database's reason. A malformed message
 * never stops the pipeline.
 */
public final class IngestPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(IngestPipeline.class);

  private final Vertx vertx;
  private final AckSequencer acks;
  private final MessageValidator validator;
  private final IngestStore store;
  private final IngestMetrics metrics;
  private final PipelineConfig config;
  private final Promise<Void> stopped = Promise.promise();
  private final List<Lane> lanes = new ArrayList<>();
  private int lanesStopped;
  private volatile boolean stopping;

  private record Entry(AckSequencer.Ticket ticket, Incoming incoming) {}

  /** Writes {@code config.inFlight()} batches concurrently, each on its own connection. */
  public IngestPipeline(
      Vertx vertx,
      MessageSource source,
      MessageValidator validator,
      IngestStore store,
      IngestMetrics metrics,
      PipelineConfig config) {
    this.vertx = vertx;
    this.acks = new AckSequencer(source);
    this.validator = validator;
    this.store = store;
    this.metrics = metrics;
    this.config = config;
    for (int i = 0; i < config.inFlight(); i++) {
      lanes.add(new Lane());
    }
  }

  public void start() {
    lanes.forEach(Lane::pump);
  }

  /** Finishes the batch in flight, then stops; unread messages stay unacknowledged. */
  public Future<Void> stop() {
    stopping = true;
    return stopped.future();
  }

  /** Called on the event loop (pump's handlers) when a lane has finished its last batch. */
  private synchronized void laneStopped() {
    if (++lanesStopped == lanes.size()) {
      stopped.tryComplete();
    }
  }

  /** One batch in flight: fill, write, acknowledge, publish, again. */
  private final class Lane {
    private final List<Entry> pending = new ArrayList<>();

    private void pump() {
      if (stopping) {
        laneStopped();
        return;
      }
      vertx
          .executeBlocking(
              () -> {
                BatchResult result = drainAndWrite();
                // the live feed's JSON is built here, on the worker, not on the event loop
                LiveFeed.publish(vertx, result.stored());
                return result;
              },
              false)
          .onSuccess(result -> pump())
          .onFailure(
              e -> {
                metrics.batchRetried();
                LOG.warn(
                    "batch of {} messages not stored, retrying in {}: {}",
                    pending.size(),
                    config.retryDelay(),
                    e.getMessage());
                if (stopping) {
                  laneStopped();
                } else {
                  vertx.setTimer(config.retryDelay().toMillis(), t -> pump());
                }
              });
    }

    /** Runs on a worker thread. */
    private BatchResult drainAndWrite() throws InterruptedException {
      if (pending.isEmpty()) {
        fill();
      }
      if (pending.isEmpty()) {
        return new BatchResult(List.of(), 0, 0, 0);
      }
      try {
        long started = System.nanoTime();
        BatchResult result = store.write(pending.stream().map(Entry::incoming).toList());
        metrics.batch(
            pending.stream().mapToInt(e -> rows(e.incoming().validated())).sum(),
            Duration.ofNanos(System.nanoTime() - started));
        return acknowledged(new ArrayList<>(pending), result);
      } catch (StoreException e) {
        if (e.isTransient()) {
          throw e;
        }
        LOG.warn("batch failed permanently, writing its messages one by one: {}", e.getMessage());
        return oneByOne();
      }
    }

    private void fill() throws InterruptedException {
      long deadline = System.nanoTime() + config.batchMaxWait().toNanos();
      int rows = 0;
      while (rows < config.batchMaxRows() && !stopping) {
        long left = deadline - System.nanoTime();
        // past the deadline, what is already queued still joins the batch (poll without
        // waiting): under load batches fill to batch_max_rows instead of being cut short by the
        // time validation took
        AckSequencer.Ticket t =
            pending.isEmpty()
                ? acks.take(config.batchMaxWait())
                : acks.take(Duration.ofNanos(Math.max(0, left)));
        if (t == null) {
          return;
        }
        InboundMessage m = t.message();
        Validated v = validator.validate(m.topic(), m.payload());
        pending.add(new Entry(t, new Incoming(m.topic(), m.payload(), m.receivedAt(), v)));
        rows += rows(v);
      }
    }

    private BatchResult oneByOne() {
      List<BatchResult> results = new ArrayList<>();
      while (!pending.isEmpty()) {
        Entry entry = pending.get(0);
        try {
          results.add(store.write(List.of(entry.incoming())));
        } catch (StoreException e) {
          if (e.isTransient()) {
            throw e;
          }
          store.quarantine(entry.incoming(), "store: " + e.getMessage());
          results.add(new BatchResult(List.of(), 0, 0, 1));
        }
        acks.stored(List.of(entry.ticket()));
        count(List.of(entry));
        pending.remove(0);
      }
      BatchResult total =
          new BatchResult(
              results.stream().flatMap(r -> r.stored().stream()).toList(),
              results.stream().mapToInt(BatchResult::duplicates).sum(),
              results.stream().mapToInt(BatchResult::productionStored).sum(),
              results.stream().mapToInt(BatchResult::quarantined).sum(),
              results.stream().mapToInt(BatchResult::inBatchDuplicates).sum());
      metrics.points(
          total.stored().size(), total.alreadyStoredDuplicates(), total.inBatchDuplicates());
      metrics.quarantined(total.quarantined());
      return total;
    }

    private BatchResult acknowledged(List<Entry> done, BatchResult result) {
      acks.stored(done.stream().map(Entry::ticket).toList());
      pending.clear();
      count(done);
      metrics.points(
          result.stored().size(), result.alreadyStoredDuplicates(), result.inBatchDuplicates());
      metrics.quarantined(result.quarantined());
      Instant now = Instant.now();
      result.stored().forEach(r -> metrics.lag(Duration.between(r.ts(), now)));
      if (LOG.isDebugEnabled()) {
        LOG.debug(
            "{} messages: {} readings stored, {} duplicates, {} quarantined at {}",
            done.size(),
            result.stored().size(),
            result.duplicates(),
            result.quarantined(),
            Instant.now());
      }
      return result;
    }
  }

  private static int rows(Validated v) {
    if (v.payload() instanceof Payload.Telemetry t) {
      return t.points().size();
    }
    if (v.payload() instanceof Payload.Production p) {
      return p.counts().size();
    }
    return 1;
  }

  private void count(List<Entry> done) {
    int stored = 0;
    int partial = 0;
    int refused = 0;
    for (Entry e : done) {
      Validated v = e.incoming().validated();
      if (v.refusedWhole()) {
        refused++;
      } else if (v.needsQuarantine()) {
        partial++;
      } else {
        stored++;
      }
    }
    metrics.messages(stored, partial, refused);
  }
}
