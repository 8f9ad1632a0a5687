package org.energytrace.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.energytrace.ingest.config.PipelineConfig;
import org.energytrace.ingest.errors.StoreException;
import org.energytrace.ingest.metrics.IngestMetrics;
import org.energytrace.ingest.model.Incoming;
import org.energytrace.ingest.model.Payload;
import org.energytrace.ingest.mqtt.InboundMessage;
import org.energytrace.ingest.mqtt.MessageSource;
import org.energytrace.ingest.store.BatchResult;
import org.energytrace.ingest.store.IngestStore;
import org.energytrace.ingest.validate.MessageValidator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Acknowledgement order with several batches in flight. MQTT 5 §4.6: a receiver sends PUBACKs in
 * the order the PUBLISH packets were received; and a message is acknowledged only after the
 * transaction storing it committed. The store here is scripted (which batch commits when); the
 * delivery ITs check the same guarantees against the real Mosquitto and PostgreSQL.
 */
class IngestPipelineTest {
  static final Instant NOW = Instant.parse("2026-11-29T08:00:05Z");
  static final String TOPIC = "et/v1/acme/plant-1/gw-1/telemetry";

  final Vertx vertx = Vertx.vertx();
  final QueueSource source = new QueueSource();
  final MessageValidator validator =
      new MessageValidator(
          Clock.fixed(NOW, ZoneOffset.UTC), 1 << 20, Duration.ofMinutes(5), Duration.ofDays(400));
  IngestPipeline pipeline;
  ScriptedStore scripted;

  @AfterEach
  void stop() {
    if (scripted != null) {
      // a failed assertion must not leave a lane blocked in the store: stop waits for it
      scripted.releaseFirst.countDown();
    }
    if (pipeline != null) {
      pipeline.stop().await();
    }
    vertx.close().await();
  }

  /** One reading per message, so that with batch_max_rows 1 every message is its own batch. */
  static InboundMessage message(int seq) {
    String json =
        "{\"schema_version\":1,\"gateway\":\"gw-1\",\"seq\":"
            + seq
            + ",\"sent_at\":\"2026-11-29T08:00:01Z\",\"points\":[{\"meter\":\"m1\","
            + "\"channel\":\"AcActivePowerTotal\",\"ts\":\"2026-11-29T08:00:00Z\",\"value\":"
            + seq
            + ",\"unit\":\"KWT\",\"quality\":\"good\"}]}";
    return new InboundMessage(TOPIC, json.getBytes(StandardCharsets.UTF_8), NOW, seq, 1);
  }

  void start(IngestStore store, int inFlight) {
    start(store, inFlight, 1, Clock.systemUTC());
  }

  void start(IngestStore store, int inFlight, int batchMaxRows, Clock clock) {
    PipelineConfig config =
        new PipelineConfig(
            true,
            1 << 20,
            Duration.ofMinutes(5),
            Duration.ofDays(400),
            batchMaxRows,
            Duration.ofMillis(20),
            Duration.ofMillis(1),
            inFlight);
    pipeline =
        new IngestPipeline(vertx, source, validator, store, new IngestMetrics(), config, clock);
    pipeline.start();
  }

  /** A message whose single reading is an integer of 401 digits: beyond a double. */
  static InboundMessage tooLargeForADouble(int seq) {
    String json =
        new String(message(seq).payload(), StandardCharsets.UTF_8)
            .replace("\"value\":" + seq + ",", "\"value\":1" + "0".repeat(400) + ",");
    return new InboundMessage(TOPIC, json.getBytes(StandardCharsets.UTF_8), NOW, seq, 1);
  }

  @Nested
  class PoisonMessages {
    // issue 11: one message must never stop ingestion: whatever fails on it alone sends it to
    // quarantine and the acknowledgements go on, in order (MQTT 5 §4.6)

    @Test
    void aValueTooLargeForADoubleIsRefusedAndEveryLaterMessageIsStillAcknowledged() {
      RecordingStore store = new RecordingStore();
      source.offer(message(1));
      source.offer(tooLargeForADouble(2));
      source.offer(message(3));
      start(store, 2);

      await().atMost(Duration.ofSeconds(20)).until(() -> source.acked.size() == 3);

      assertThat(source.acked).containsExactly(1, 2, 3);
      assertThat(store.refusals.get(2)).startsWith("/points/0/value: 1000").contains("finite");
    }

    @Test
    void messagesTheStoreCannotWriteAreIsolatedAndQuarantinedWhileTheRestOfTheBatchIsStored() {
      // 7 fails with a permanent database error, 13 with an exception the store did not expect:
      // neither a database outage, so neither is retried for ever
      RecordingStore store = new RecordingStore();
      store.failing.put(
          7L, () -> new StoreException("invalid byte sequence", "22021", false, null));
      store.failing.put(13L, () -> new IllegalStateException("a defect in the store"));
      int n = 20;
      for (int i = 1; i <= n; i++) {
        source.offer(message(i));
      }
      start(store, 1, 100, Clock.systemUTC());

      await().atMost(Duration.ofSeconds(20)).until(() -> source.acked.size() == n);

      assertThat(source.acked)
          .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, n).boxed().toList());
      assertThat(store.committed)
          .containsExactlyInAnyOrderElementsOf(
              java.util.stream.LongStream.rangeClosed(1, n)
                  .filter(s -> s != 7 && s != 13)
                  .boxed()
                  .toList());
      assertThat(store.quarantined)
          .containsOnlyKeys(7L, 13L)
          .hasEntrySatisfying(7L, r -> assertThat(r).contains("invalid byte sequence"))
          .hasEntrySatisfying(13L, r -> assertThat(r).contains("a defect in the store"));
      // halves, not one write per message: a handful of writes per poison message
      assertThat(store.writes.get()).isLessThan(n);
    }

    @Test
    void aDatabaseOutageDuringIsolationIsRetriedAndLosesNothing() {
      RecordingStore store = new RecordingStore();
      store.failing.put(3L, () -> new StoreException("check violated", "23514", false, null));
      store.transientFailures.set(2);
      store.transientAfterWrites = 2;
      for (int i = 1; i <= 8; i++) {
        source.offer(message(i));
      }
      start(store, 1, 100, Clock.systemUTC());

      await().atMost(Duration.ofSeconds(20)).until(() -> source.acked.size() == 8);

      assertThat(source.acked).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
      assertThat(store.quarantined).containsOnlyKeys(3L);
      assertThat(store.committed).containsExactlyInAnyOrder(1L, 2L, 4L, 5L, 6L, 7L, 8L);
    }
  }

  @Test
  void closesABatchOnceItHoldsBatchMaxBytesOfPayload() {
    // issue 11: a batch was bounded by rows only; 2 MB messages of few rows filled the heap
    RecordingStore store = new RecordingStore();
    List<Integer> sizes = new CopyOnWriteArrayList<>();
    IngestStore sizing =
        new IngestStore() {
          @Override
          public BatchResult write(List<Incoming> batch) {
            sizes.add(batch.size());
            return store.write(batch);
          }

          @Override
          public void quarantine(Incoming in, String reason) {
            store.quarantine(in, reason);
          }
        };
    int size = message(1).payload().length;
    for (int i = 1; i <= 12; i++) {
      source.offer(message(i));
    }
    PipelineConfig config =
        new PipelineConfig(
                true,
                1024,
                Duration.ofMinutes(5),
                Duration.ofDays(400),
                1000,
                Duration.ofMillis(50),
                Duration.ofMillis(1),
                1)
            .withBatchMaxBytes(3L * size);
    pipeline = new IngestPipeline(vertx, source, validator, sizing, new IngestMetrics(), config);
    pipeline.start();

    await().atMost(Duration.ofSeconds(20)).until(() -> source.acked.size() == 12);

    // closed once it holds batch_max_bytes: three messages of these sizes, never four
    assertThat(sizes).isNotEmpty().allSatisfy(n -> assertThat(n).isBetween(1, 3));
    assertThat(store.committed).hasSize(12);
  }

  @Nested
  class Stall {
    @Test
    void reportsAStallOnceAMessageWaitedLongerThanTheLimitWithNothingAcknowledged() {
      MutableClock clock = new MutableClock(NOW);
      ScriptedStore store = scripted = new ScriptedStore();
      source.offer(message(1));
      start(store, 1, 1, clock);
      await().until(() -> store.attempts.contains(1L));

      assertThat(pipeline.stalled(Duration.ofSeconds(60))).isFalse();
      clock.advance(Duration.ofSeconds(61));
      assertThat(pipeline.stalled(Duration.ofSeconds(60))).isTrue();
      assertThat(pipeline.oldestWaiting()).isEqualTo(Duration.ofSeconds(61));

      store.releaseFirst.countDown();
      await().until(() -> source.acked.size() == 1);
      assertThat(pipeline.stalled(Duration.ofSeconds(60))).isFalse();
    }

    @Test
    void doesNotReportAStallWhenNothingWaits() {
      MutableClock clock = new MutableClock(NOW);
      start(new RecordingStore(), 1, 1, clock);
      await().until(() -> source.emptyPolls.get() > 0);

      clock.advance(Duration.ofHours(1));

      assertThat(pipeline.stalled(Duration.ofSeconds(60))).isFalse();
    }
  }

  /** A clock the test moves. */
  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }

  /**
   * Commits every batch unless it holds a message listed in {@code failing} (that exception), or a
   * transient failure is due; refused messages and quarantined ones are recorded by seq.
   */
  static final class RecordingStore implements IngestStore {
    final java.util.Map<Long, java.util.function.Supplier<RuntimeException>> failing =
        new java.util.concurrent.ConcurrentHashMap<>();
    final List<Long> committed = new CopyOnWriteArrayList<>();
    final java.util.Map<Long, String> quarantined = new java.util.concurrent.ConcurrentHashMap<>();
    final java.util.Map<Integer, String> refusals = new java.util.concurrent.ConcurrentHashMap<>();
    final AtomicInteger writes = new AtomicInteger();
    final AtomicInteger transientFailures = new AtomicInteger();
    volatile int transientAfterWrites = Integer.MAX_VALUE;

    @Override
    public BatchResult write(List<Incoming> batch) {
      int w = writes.incrementAndGet();
      if (w > transientAfterWrites && transientFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw new StoreException("connection lost", "08006", true, null);
      }
      for (Incoming in : batch) {
        if (in.validated().payload() != null) {
          long seq = ((Payload.Telemetry) in.validated().payload()).seq();
          if (failing.containsKey(seq)) {
            throw failing.get(seq).get();
          }
        }
      }
      for (Incoming in : batch) {
        if (in.validated().payload() == null) {
          refusals.put(seqOfTopicless(in), in.validated().reason());
        } else {
          committed.add(((Payload.Telemetry) in.validated().payload()).seq());
        }
      }
      return new BatchResult(List.of(), 0, 0, 0);
    }

    /** The seq of a refused message, read from its raw payload. */
    static int seqOfTopicless(Incoming in) {
      String text = new String(in.payload(), StandardCharsets.UTF_8);
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"seq\":(\\d+)").matcher(text);
      return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    @Override
    public void quarantine(Incoming in, String reason) {
      quarantined.put(((Payload.Telemetry) in.validated().payload()).seq(), reason);
    }
  }

  @Nested
  class TwoBatchesInFlight {
    @Test
    void aLaterBatchThatCommitsFirstIsNotAcknowledgedBeforeTheEarlierOneCommits() {
      ScriptedStore store = scripted = new ScriptedStore();
      source.offer(message(1));
      source.offer(message(2));
      start(store, 2);

      // message 2 committed, and its lane went on to wait for more messages: under the old
      // behaviour (each lane acknowledges its own batch) PUBACK 2 would have left by now
      await().until(() -> store.committed.contains(2L) && source.emptyPolls.get() > 0);
      assertThat(source.acked).isEmpty();

      store.releaseFirst.countDown();
      await().until(() -> source.acked.size() == 2);
      assertThat(source.acked).containsExactly(1, 2);
      assertThat(store.committed).containsExactly(2L, 1L);
    }

    @Test
    void anEarlierBatchThatRollsBackHoldsBackLaterAcknowledgementsAndIsAcknowledgedAfterRetry() {
      ScriptedStore store = scripted = new ScriptedStore();
      store.failFirstOnce = true;
      source.offer(message(1));
      source.offer(message(2));
      start(store, 2);

      await().until(() -> store.committed.contains(2L) && source.emptyPolls.get() > 0);
      store.releaseFirst.countDown();
      // the first attempt of batch 1 rolls back (transient), the retry commits
      await().until(() -> source.acked.size() == 2);

      assertThat(store.failures.get()).isEqualTo(1);
      assertThat(source.acked).containsExactly(1, 2);
      assertThat(store.committed).containsExactly(2L, 1L);
      assertThat(store.writesOf(2)).isEqualTo(1);
    }
  }

  @Test
  void acknowledgesEveryMessageOnceInArrivalOrderWhileBatchesFailAndCommitOutOfOrder() {
    // four lanes, a third of all attempts roll back: commits land out of order all the time
    RandomlyFailingStore store = new RandomlyFailingStore(new Random(42), 3);
    int n = 300;
    for (int i = 1; i <= n; i++) {
      source.offer(message(i));
    }
    start(store, 4);

    await().atMost(Duration.ofSeconds(60)).until(() -> source.acked.size() == n);

    assertThat(store.failures.get()).isPositive();
    assertThat(store.committedOutOfOrder()).isTrue();
    assertThat(source.acked)
        .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, n).boxed().toList());
  }

  /** The broker side as the pipeline sees it: a FIFO queue of received messages and the acks. */
  static final class QueueSource implements MessageSource {
    final LinkedBlockingQueue<InboundMessage> queue = new LinkedBlockingQueue<>();
    final List<Integer> acked = new CopyOnWriteArrayList<>();
    final AtomicInteger emptyPolls = new AtomicInteger();

    void offer(InboundMessage m) {
      queue.add(m);
    }

    @Override
    public InboundMessage poll(Duration timeout) throws InterruptedException {
      InboundMessage m = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
      if (m == null) {
        emptyPolls.incrementAndGet();
      }
      return m;
    }

    @Override
    public void ack(InboundMessage message) {
      acked.add(message.messageId());
    }

    @Override
    public boolean isConnected() {
      return true;
    }
  }

  static long seqOf(List<Incoming> batch) {
    return ((Payload.Telemetry) batch.get(0).validated().payload()).seq();
  }

  /** Batch 1 commits only when released (and can fail once); every other batch at once. */
  static final class ScriptedStore implements IngestStore {
    final CountDownLatch releaseFirst = new CountDownLatch(1);
    final List<Long> committed = new CopyOnWriteArrayList<>();
    final List<Long> attempts = new CopyOnWriteArrayList<>();
    final AtomicInteger failures = new AtomicInteger();
    volatile boolean failFirstOnce;

    @Override
    public BatchResult write(List<Incoming> batch) {
      long seq = seqOf(batch);
      attempts.add(seq);
      if (seq == 1) {
        try {
          releaseFirst.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new StoreException("interrupted", "08000", true, e);
        }
        if (failFirstOnce) {
          failFirstOnce = false;
          failures.incrementAndGet();
          throw new StoreException("connection lost", "08006", true, null);
        }
      }
      committed.add(seq);
      return new BatchResult(List.of(), 0, 0, 0);
    }

    long writesOf(long seq) {
      return attempts.stream().filter(s -> s == seq).count();
    }

    @Override
    public void quarantine(Incoming in, String reason) {
      throw new AssertionError("nothing is quarantined here: " + reason);
    }
  }

  /** Rolls back one attempt in {@code oneIn} (transient), seeded. */
  static final class RandomlyFailingStore implements IngestStore {
    private final Random random;
    private final int oneIn;
    final List<Long> committed = new CopyOnWriteArrayList<>();
    final AtomicInteger failures = new AtomicInteger();

    RandomlyFailingStore(Random random, int oneIn) {
      this.random = random;
      this.oneIn = oneIn;
    }

    @Override
    public BatchResult write(List<Incoming> batch) {
      boolean fail;
      synchronized (random) {
        fail = random.nextInt(oneIn) == 0;
      }
      if (fail) {
        failures.incrementAndGet();
        throw new StoreException("serialization failure", "40001", true, null);
      }
      committed.add(seqOf(batch));
      return new BatchResult(List.of(), 0, 0, 0);
    }

    boolean committedOutOfOrder() {
      for (int i = 1; i < committed.size(); i++) {
        if (committed.get(i) < committed.get(i - 1)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public void quarantine(Incoming in, String reason) {
      throw new AssertionError("nothing is quarantined here: " + reason);
    }
  }
}
