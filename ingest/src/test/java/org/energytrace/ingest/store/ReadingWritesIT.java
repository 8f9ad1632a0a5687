package org.energytrace.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.energytrace.ingest.errors.StoreException;
import org.energytrace.ingest.fixtures.Gateways;
import org.energytrace.ingest.fixtures.Telemetry;
import org.energytrace.ingest.fixtures.TestDatabase;
import org.energytrace.ingest.model.Incoming;
import org.energytrace.ingest.validate.MessageValidator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How readings are written (issue 19): readings newer than anything the instance wrote for their
 * channel go by binary COPY, the others through {@code ON CONFLICT DO NOTHING}. A guess that was
 * wrong — another instance stored the reading — must still store each key exactly once and count
 * the rest as duplicates, however instances and lanes interleave.
 */
class ReadingWritesIT {
  static TestDatabase db;
  static Database database;
  final MessageValidator validator = Telemetry.validator();
  static final Instant T0 =
      Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);

  @BeforeAll
  static void migrate() {
    db = TestDatabase.create();
    database = Database.open(db.config());
    database.migrate();
    Gateways.register(database.dataSource(), "two-co/plant-1/gw-1", "mix-co/plant-1/gw-1");
  }

  @AfterAll
  static void drop() {
    database.close();
    db.close();
  }

  Incoming message(String enterprise, int seq, List<Integer> seconds, List<String> channels) {
    List<String> points = new ArrayList<>();
    for (String channel : channels) {
      for (int s : seconds) {
        Instant ts = T0.plusSeconds(s);
        points.add(Telemetry.point(channel, ts, s + channel.length(), "KWT", "gauge"));
      }
    }
    byte[] payload = Telemetry.message(seq, T0, points);
    return Telemetry.incoming(
        validator, "et/v1/" + enterprise + "/plant-1/gw-1/telemetry", payload);
  }

  long readings(String enterprise) {
    return db.count(
        "select count(*) from reading join enterprise e using (enterprise_id) where e.code = '"
            + enterprise
            + "'");
  }

  @Test
  // two instances on a shared subscription: the first takes second 20 for new (it wrote only
  // second 10), but the second instance stored it already
  void absorbsAReadingAnotherInstanceStoredThoughThisInstanceTookItForNew() {
    PgIngestStore one = new PgIngestStore(database.dataSource(), true);
    PgIngestStore two = new PgIngestStore(database.dataSource(), true);
    one.write(List.of(message("two-co", 1, List.of(10), List.of("Power"))));
    one.write(List.of(message("two-co", 2, List.of(11), List.of("Power"))));
    two.write(List.of(message("two-co", 3, List.of(20), List.of("Power"))));

    BatchResult again = one.write(List.of(message("two-co", 4, List.of(20, 30), List.of("Power"))));

    assertThat(again.stored()).hasSize(1);
    assertThat(again.stored().get(0).ts()).isEqualTo(T0.plusSeconds(30));
    assertThat(again.duplicates()).isEqualTo(1);
    assertThat(again.alreadyStoredDuplicates()).isEqualTo(1);
    assertThat(readings("two-co")).isEqualTo(4);
  }

  @Test
  // seeded: a failure names its seed
  void storesEveryKeyOnceAndCountsTheRestAsDuplicatesWhateverTwoInstancesWithTwoLanesInterleave()
      throws Exception {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    List<String> channels = List.of("P1", "P2", "P3", "P4", "P5");
    // messages in time order, a fifth of them replays of one up to 30 messages back (redelivery,
    // gateway replay), some late data reaching back into history
    List<List<Integer>> messages = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    long offered = 0;
    for (int m = 0; m < 400; m++) {
      List<Integer> seconds;
      int r = random.nextInt(10);
      if (r < 2 && m > 0) {
        seconds = messages.get(Math.max(0, m - 1 - random.nextInt(30)));
      } else if (r == 2) {
        seconds = List.of(random.nextInt(10 * m + 1), 10 * m + 5);
      } else {
        seconds = List.of(10 * m, 10 * m + 1, 10 * m + 2);
      }
      messages.add(seconds);
      for (String ch : channels) {
        for (int s : seconds) {
          keys.add(ch + "@" + s);
          offered++;
        }
      }
    }
    ConcurrentLinkedQueue<Integer> queue = new ConcurrentLinkedQueue<>();
    for (int m = 0; m < messages.size(); m++) {
      queue.add(m);
    }
    List<PgIngestStore> instances =
        List.of(
            new PgIngestStore(database.dataSource(), true),
            new PgIngestStore(database.dataSource(), true));
    AtomicLong stored = new AtomicLong();
    AtomicLong duplicates = new AtomicLong();
    ExecutorService lanes = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int lane = 0; lane < 4; lane++) {
        PgIngestStore store = instances.get(lane % 2);
        Random own = new Random(seed + lane);
        done.add(
            lanes.submit(
                () -> {
                  while (true) {
                    List<Incoming> batch = new ArrayList<>();
                    int size = 1 + own.nextInt(8);
                    for (Integer m = queue.poll(); m != null; m = queue.poll()) {
                      batch.add(message("mix-co", m, messages.get(m), channels));
                      if (batch.size() == size) {
                        break;
                      }
                    }
                    if (batch.isEmpty()) {
                      return null;
                    }
                    BatchResult r = writeRetryingTransientFailures(store, batch);
                    stored.addAndGet(r.stored().size());
                    duplicates.addAndGet(r.duplicates());
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      lanes.shutdownNow();
    }

    assertThat(readings("mix-co")).as("seed %d", seed).isEqualTo(keys.size());
    assertThat(stored.get()).as("seed %d", seed).isEqualTo(keys.size());
    assertThat(stored.get() + duplicates.get()).as("seed %d", seed).isEqualTo(offered);
  }

  /**
   * As the pipeline does: a transient failure (here a deadlock between two instances that guessed
   * differently which readings were new, one copying a key the other inserts through ON CONFLICT)
   * rolls the batch back and writes it again; anything else fails the test.
   */
  static BatchResult writeRetryingTransientFailures(PgIngestStore store, List<Incoming> batch) {
    for (int attempt = 1; ; attempt++) {
      try {
        return store.write(batch);
      } catch (StoreException e) {
        if (!e.isTransient() || attempt == 5) {
          throw e;
        }
      }
    }
  }
}
