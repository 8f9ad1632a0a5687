package org.energytrace.ingest.pipeline;

import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.energytrace.ingest.config.PipelineConfig;
import org.energytrace.ingest.errors.StoreException;
import org.energytrace.ingest.live.LiveFeed;
import org.energytrace.ingest.metrics.IngestMetrics;
import org.energytrace.ingest.model.Incoming;
import org.energytrace.ingest.model.Payload;
import org.energytrace.ingest.model.Validated;
import org.energytrace.ingest.mqtt.InboundMessage;
import org.energytrace.ingest.mqtt.MessageSource;
import org.energytrace.ingest.store.BatchResult;
import org.energytrace.ingest.store.IngestStore;
import org.energytrace.ingest.validate.MessageValidator;
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
 * <p>Every message taken ends stored or quarantined, so none can hold the acknowledgements back:
 *
 * <ul>
 *   <li>a failure of the validator on one message refuses that message (quarantine, reason);
 *   <li>a batch that fails transiently (database down: {@link StoreException#isTransient()}) is
 *       kept and retried after {@code retry_delay} without acknowledging anything — an outage is
 *       not a property of the messages;
 *   <li>a batch that fails for any other reason (a permanent database error, an exception of the
 *       store) is split in halves and each half written again, down to single messages: the
 *       messages that still fail alone — poison messages — are quarantined with the error as their
 *       reason, everything else is stored. A quarantine row is always storable (raw bytes,
 *       printable reason), so a quarantine write that fails is a database problem and is retried
 *       too.
 * </ul>
 *
 * A batch is bounded by rows ({@code batch_max_rows}) and by payload bytes ({@code
 * batch_max_bytes}).
 */
public final class IngestPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(IngestPipeline.class);
  private static final BatchResult NOTHING = new BatchResult(List.of(), 0, 0, 0);

  private static final long CONFLICT_LOG_EVERY_NANOS = Duration.ofMinutes(1).toNanos();

  private final Vertx vertx;
  private final AckSequencer acks;
  private final MessageValidator validator;
  private final IngestStore store;
  private final IngestMetrics metrics;
  private final PipelineConfig config;
  private final Clock clock;
  private final Counter isolations;

  /**
   * Conflicting readings not logged yet, and when they were last logged (nanoTime): a source that
   * keeps sending other values for stored keys is one warning a minute, not one a batch.
   */
  private final AtomicLong conflictsUnlogged = new AtomicLong();

  private final AtomicLong conflictsLoggedAt =
      new AtomicLong(System.nanoTime() - CONFLICT_LOG_EVERY_NANOS);
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
    this(vertx, source, validator, store, metrics, config, Clock.systemUTC());
  }

  /** With the clock that stamps the messages' arrival (the subscriber's), for the stall check. */
  public IngestPipeline(
      Vertx vertx,
      MessageSource source,
      MessageValidator validator,
      IngestStore store,
      IngestMetrics metrics,
      PipelineConfig config,
      Clock clock) {
    this.vertx = vertx;
    this.clock = clock;
    this.acks = new AckSequencer(source, clock);
    this.validator = validator;
    this.store = store;
    this.metrics = metrics;
    this.config = config;
    this.isolations =
        Counter.builder("ingest.batch.isolations")
            .description(
                "batches that failed other than transiently and were split to isolate the"
                    + " messages that cannot be stored")
            .register(metrics.registry());
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

  /**
   * Whether messages have waited longer than {@code limit} while nothing was acknowledged for as
   * long: the pipeline is stalled (database down for that long, or a defect).
   */
  public boolean stalled(Duration limit) {
    return acks.progress().stalled(clock.instant(), limit);
  }

  /** How long the oldest waiting message has waited; zero when nothing waits. */
  public Duration oldestWaiting() {
    Instant oldest = acks.progress().oldestWaiting();
    return oldest == null ? Duration.ZERO : Duration.between(oldest, clock.instant());
  }

  /** Called on the event loop (pump's handlers) when a lane has finished its last batch. */
  private synchronized void laneStopped() {
    if (++lanesStopped == lanes.size()) {
      stopped.tryComplete();
    }
  }

  /** Logs conflicting readings, at most once a minute with the count since the last time. */
  private void logConflicts(List<String> conflicts) {
    long unlogged = conflictsUnlogged.addAndGet(conflicts.size());
    long now = System.nanoTime();
    long last = conflictsLoggedAt.get();
    if (now - last >= CONFLICT_LOG_EVERY_NANOS && conflictsLoggedAt.compareAndSet(last, now)) {
      conflictsUnlogged.addAndGet(-unlogged);
      LOG.warn(
          "{} readings had another reading stored for their time (the stored ones kept, their"
              + " messages quarantined; ingest_points_conflicting_total), e.g. {}",
          unlogged,
          conflicts.get(0));
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
                try {
                  // the live feed's JSON is built here, on the worker, not on the event loop
                  LiveFeed.publish(vertx, result.stored());
                } catch (RuntimeException e) {
                  LOG.warn("live feed: publishing {} readings failed", result.stored().size(), e);
                }
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
        return NOTHING;
      }
      List<Entry> batch = new ArrayList<>(pending);
      return writeOr(batch, e -> isolate(batch, e));
    }

    /**
     * Writes {@code batch}; a transient store failure propagates (the batch is retried), any other
     * failure goes to {@code failed}.
     */
    private BatchResult writeOr(List<Entry> batch, Function<RuntimeException, BatchResult> failed) {
      try {
        return write(batch);
      } catch (StoreException e) {
        if (e.isTransient()) {
          throw e;
        }
        return failed.apply(e);
      } catch (RuntimeException e) {
        return failed.apply(e);
      }
    }

    private void fill() throws InterruptedException {
      long deadline = System.nanoTime() + config.batchMaxWait().toNanos();
      int rows = 0;
      long bytes = 0;
      while (rows < config.batchMaxRows() && bytes < config.batchMaxBytes() && !stopping) {
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
        // taken: from here the message must end stored or quarantined, or no later one is
        // acknowledged; whatever the validator does, it gets an outcome
        Validated v = validate(m);
        pending.add(new Entry(t, new Incoming(m.topic(), m.payload(), m.receivedAt(), v)));
        rows += rows(v);
        bytes += m.payload().length;
      }
    }

    private Validated validate(InboundMessage m) {
      try {
        return validator.validate(m.topic(), m.payload());
      } catch (RuntimeException | StackOverflowError e) {
        LOG.error("validating a message on {} failed; it goes to quarantine", m.topic(), e);
        return Validated.refused(null, "ingest: validating this message failed (" + e + ")");
      }
    }

    /** Writes {@code batch} in one transaction and acknowledges it. */
    private BatchResult write(List<Entry> batch) {
      long started = System.nanoTime();
      BatchResult result = store.write(batch.stream().map(Entry::incoming).toList());
      metrics.batch(
          batch.stream().mapToInt(e -> rows(e.incoming().validated())).sum(),
          Duration.ofNanos(System.nanoTime() - started));
      return acknowledged(batch, result);
    }

    /**
     * A batch failed other than transiently: each half is written again, down to single messages,
     * and a message that fails alone is quarantined. What commits is acknowledged at once (and
     * leaves {@code pending}); a transient failure on the way leaves the rest pending for a retry.
     */
    private BatchResult isolate(List<Entry> batch, RuntimeException cause) {
      isolations.increment();
      LOG.warn(
          "batch of {} messages failed ({}); writing it in parts to isolate the messages that"
              + " cannot be stored",
          batch.size(),
          cause.toString());
      List<BatchResult> results = new ArrayList<>();
      split(batch, results);
      return new BatchResult(
          results.stream().flatMap(r -> r.stored().stream()).toList(),
          results.stream().mapToInt(BatchResult::duplicates).sum(),
          results.stream().mapToInt(BatchResult::productionStored).sum(),
          results.stream().mapToInt(BatchResult::quarantined).sum(),
          results.stream().mapToInt(BatchResult::inBatchDuplicates).sum(),
          results.stream().flatMap(r -> r.conflicts().stream()).toList(),
          results.stream().flatMap(r -> r.outcomes().stream()).toList());
    }

    /** {@code part} is known to fail: its halves are written, a failing half split again. */
    private void split(List<Entry> part, List<BatchResult> results) {
      if (part.size() == 1) {
        results.add(alone(part.get(0)));
        return;
      }
      int middle = part.size() / 2;
      for (List<Entry> half : List.of(part.subList(0, middle), part.subList(middle, part.size()))) {
        List<Entry> copy = List.copyOf(half);
        try {
          results.add(write(copy));
        } catch (StoreException e) {
          if (e.isTransient()) {
            throw e;
          }
          split(copy, results);
        } catch (RuntimeException e) {
          split(copy, results);
        }
      }
    }

    /** A message that failed in every batch it was in: written alone, else quarantined. */
    private BatchResult alone(Entry entry) {
      return writeOr(List.of(entry), e -> poison(entry, e));
    }

    private BatchResult poison(Entry entry, RuntimeException e) {
      LOG.warn(
          "message on {} cannot be stored; quarantined: {}",
          entry.incoming().topic(),
          e.toString());
      // a failure here is the database's (the row is always storable): it propagates and the
      // lane retries the message later, like an outage
      store.quarantine(entry.incoming(), "store: " + e.getMessage());
      return acknowledged(
          List.of(entry),
          new BatchResult(List.of(), 0, 0, 1, 0, List.of(), List.of(BatchResult.Outcome.REFUSED)));
    }

    private BatchResult acknowledged(List<Entry> done, BatchResult result) {
      acks.stored(done.stream().map(Entry::ticket).toList());
      if (done.size() == pending.size()) {
        pending.clear();
      } else {
        Set<Entry> gone = Collections.newSetFromMap(new IdentityHashMap<>());
        gone.addAll(done);
        pending.removeIf(gone::contains);
      }
      count(done, result.outcomes());
      metrics.points(
          result.stored().size(), result.alreadyStoredDuplicates(), result.inBatchDuplicates());
      metrics.conflicting(result.conflicts().size());
      if (!result.conflicts().isEmpty()) {
        logConflicts(result.conflicts());
      }
      metrics.quarantined(result.quarantined());
      Instant now = Instant.now();
      long nowMicros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
      // from the batch's columns: no reading object per stored reading
      metrics.lags(result.distinctStoredMicros(), nowMicros);
      if (LOG.isDebugEnabled()) {
        LOG.debug(
            "{} messages: {} readings stored, {} duplicates, {} quarantined at {}",
            done.size(),
            result.stored().size(),
            result.duplicates(),
            result.quarantined(),
            now);
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

  /**
   * Counts the outcome of each message: the store's, which knows what it refused too (a gateway or
   * meter it does not know, a conflicting reading), or where it does not say, validation's.
   */
  private void count(List<Entry> done, List<BatchResult.Outcome> outcomes) {
    int stored = 0;
    int partial = 0;
    int refused = 0;
    boolean fromStore = outcomes.size() == done.size();
    for (int i = 0; i < done.size(); i++) {
      Validated v = done.get(i).incoming().validated();
      BatchResult.Outcome o =
          fromStore
              ? outcomes.get(i)
              : v.refusedWhole()
                  ? BatchResult.Outcome.REFUSED
                  : v.needsQuarantine() ? BatchResult.Outcome.PARTIAL : BatchResult.Outcome.STORED;
      switch (o) {
        case STORED -> stored++;
        case PARTIAL -> partial++;
        case REFUSED -> refused++;
      }
    }
    metrics.messages(stored, partial, refused);
  }
}
