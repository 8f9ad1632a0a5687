package org.energytrace.gateway.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.energytrace.gateway.buffer.ReadingBuffer.Batch;
import org.energytrace.gateway.model.GatewayException;
import org.energytrace.gateway.model.OverflowPolicy;
import org.energytrace.gateway.model.PointTarget;
import org.energytrace.gateway.model.Quality;
import org.energytrace.gateway.model.Reading;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileReadingBufferTest {

  private static final long MIB = 1024 * 1024;
  private static final PointTarget.MeterChannel POWER =
      PointTarget.MeterChannel.gauge("m1", "AcActivePowerTotal", "KWT");
  private static final PointTarget.MeterChannel ENERGY =
      PointTarget.MeterChannel.counter("m1", "AcActiveEnergyTotalImport", "KWH", 32);
  private static final PointTarget.ProductionLine LINE =
      new PointTarget.ProductionLine("line-1", "crate-beer", "H87");

  @TempDir Path dir;

  private static List<Reading> readings(int from, int to) {
    List<Reading> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      out.add(Reading.good(POWER, Instant.EPOCH.plusSeconds(i), i));
    }
    return out;
  }

  private static List<Double> values(Batch batch) {
    return batch.readings().stream().map(Reading::value).toList();
  }

  private FileReadingBuffer open(long maxBytes, OverflowPolicy policy) {
    return new FileReadingBuffer(dir.resolve("buffer"), maxBytes, policy, 0, 10_000);
  }

  private static List<Double> drain(ReadingBuffer buffer) throws InterruptedException {
    List<Double> out = new ArrayList<>();
    while (true) {
      var batch = buffer.claim(1000, Duration.ZERO);
      if (batch.isEmpty()) {
        return out;
      }
      out.addAll(values(batch.get()));
      buffer.commit(batch.get());
    }
  }

  /** Copies the buffer files as they are on disk now: what a kill -9 would leave behind. */
  private Path snapshot() throws IOException {
    Path copy = dir.resolve("after-crash");
    Files.createDirectories(copy);
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir.resolve("buffer"))) {
      for (Path f : files) {
        if (!f.getFileName().toString().equals("lock")) {
          Files.copy(f, copy.resolve(f.getFileName()));
        }
      }
    }
    return copy;
  }

  /** Claims everything, sealing each new batch as one message; returns the batches in order. */
  private static List<Batch> drainSealed(ReadingBuffer buffer, Instant sentAt)
      throws InterruptedException {
    List<Batch> out = new ArrayList<>();
    while (true) {
      var claimed = buffer.claim(100, Duration.ZERO);
      if (claimed.isEmpty()) {
        return out;
      }
      Batch sealed = buffer.seal(claimed.get(), 1, sentAt);
      out.add(sealed);
      buffer.commit(sealed);
    }
  }

  // docs/asyncapi.yaml, seq: a number always carries the same readings; every number is published
  @Nested
  class Sealing {
    final Instant t0 = Instant.parse("2026-11-30T03:00:00.250Z");

    @Test
    void givesConsecutiveNumbersOnePerMessageAndKeepsThemWhenABatchIsReleased() throws Exception {
      try (FileReadingBuffer buffer = open(MIB, OverflowPolicy.DROP_OLDEST)) {
        buffer.append(readings(0, 10));
        Batch a = buffer.seal(buffer.claim(4, Duration.ZERO).orElseThrow(), 2, t0);
        Batch b = buffer.seal(buffer.claim(4, Duration.ZERO).orElseThrow(), 1, t0);
        assertThat(a.seal().orElseThrow().firstSeq()).isZero();
        assertThat(b.seal().orElseThrow().firstSeq()).isEqualTo(2);

        buffer.append(readings(10, 20)); // newer readings arrive while the broker is away
        buffer.release(b);
        buffer.release(a);

        Batch again = buffer.claim(100, Duration.ZERO).orElseThrow();
        assertThat(again.seal()).isEqualTo(a.seal());
        assertThat(again.readings()).isEqualTo(a.readings());
        assertThat(buffer.seal(again, 2, t0.plusSeconds(9)).seal()).isEqualTo(a.seal());
        assertThat(buffer.claim(100, Duration.ZERO).orElseThrow().readings())
            .isEqualTo(b.readings());
        Batch rest = buffer.claim(100, Duration.ZERO).orElseThrow();
        assertThat(rest.seal()).isEmpty();
        assertThat(values(rest))
            .containsExactly(8.0, 9.0, 10.0, 11.0, 12.0, 13.0, 14.0, 15.0, 16.0, 17.0, 18.0, 19.0);
        assertThat(buffer.seal(rest, 1, t0).seal().orElseThrow().firstSeq()).isEqualTo(3);
      }
    }

    @Test
    void afterAKillResendsEveryUnacknowledgedBatchUnderItsNumbersAndNoReadingUnderANewOne()
        throws Exception {
      Path crashed;
      Batch first;
      try (FileReadingBuffer buffer = open(MIB, OverflowPolicy.DROP_OLDEST)) {
        for (int i = 0; i < 50; i++) {
          buffer.append(readings(i * 10, i * 10 + 10));
        }
        first = buffer.seal(buffer.claim(100, Duration.ZERO).orElseThrow(), 1, t0);
        Batch second = buffer.seal(buffer.claim(100, Duration.ZERO).orElseThrow(), 1, t0);
        buffer.commit(second); // acknowledged, but the ack file cannot move past 'first'
        buffer.claim(100, Duration.ZERO).orElseThrow(); // claimed, never sealed nor published
        crashed = snapshot();
      }
      try (FileReadingBuffer recovered =
          new FileReadingBuffer(crashed, MIB, OverflowPolicy.DROP_OLDEST, 0, 10_000)) {
        Batch resent = recovered.claim(100, Duration.ZERO).orElseThrow();
        assertThat(resent.seal()).isEqualTo(first.seal());
        assertThat(resent.readings()).isEqualTo(first.readings());
        recovered.commit(resent);

        List<Batch> rest = drainSealed(recovered, t0);
        List<Double> replayed = rest.stream().flatMap(b -> values(b).stream()).toList();
        // readings 100..199 went out as seq 1 and were acknowledged: never again, never renumbered
        assertThat(replayed)
            .doesNotHaveDuplicates()
            .containsExactlyInAnyOrderElementsOf(
                readings(200, 500).stream().map(Reading::value).toList());
        assertThat(rest.get(0).seal().orElseThrow().firstSeq()).isEqualTo(2);
        assertThat(rest)
            .extracting(b -> b.seal().orElseThrow().firstSeq())
            .containsExactly(2L, 3L, 4L);
      }
    }

    @Test
    void continuesTheNumbersOfTheSeqFileAndKeepsItUpToDate() throws Exception {
      Path dataDir = dir.resolve("data");
      SeqStore seq = new SeqStore(dataDir);
      seq.advanceTo(41); // a gateway that numbered 41 messages before this buffer existed
      try (FileReadingBuffer buffer =
          new FileReadingBuffer(
              dir.resolve("buffer"), MIB, OverflowPolicy.DROP_OLDEST, 0, 100, seq)) {
        buffer.append(readings(0, 3));
        assertThat(drainSealed(buffer, t0))
            .extracting(b -> b.seal().orElseThrow().firstSeq())
            .containsExactly(41L);
      }
      assertThat(new SeqStore(dataDir).peek()).isEqualTo(42);
      try (FileReadingBuffer reopened =
          new FileReadingBuffer(
              dir.resolve("buffer"),
              MIB,
              OverflowPolicy.DROP_OLDEST,
              0,
              100,
              SeqStore.inMemory())) {
        reopened.append(readings(3, 4));
        assertThat(drainSealed(reopened, t0))
            .extracting(b -> b.seal().orElseThrow().firstSeq())
            .containsExactly(42L);
      }
    }

    @Test
    void rewritesItsJournalSoItStaysSmallAndStillRecoversExactly() throws Exception {
      Path crashed;
      try (FileReadingBuffer buffer = open(16 * MIB, OverflowPolicy.DROP_OLDEST)) {
        for (int i = 0; i < 400; i++) { // about 3 KB of journal each: past 1 MiB once
          buffer.append(readings(i * 100, i * 100 + 100));
          Batch b = buffer.seal(buffer.claim(100, Duration.ZERO).orElseThrow(), 1, t0);
          buffer.commit(b);
        }
        buffer.append(readings(40_000, 40_100));
        buffer.seal(buffer.claim(100, Duration.ZERO).orElseThrow(), 1, t0); // in flight
        crashed = snapshot();
      }
      assertThat(Files.size(crashed.resolve("sealed"))).isLessThan(MIB / 2);
      try (FileReadingBuffer recovered =
          new FileReadingBuffer(crashed, 16 * MIB, OverflowPolicy.DROP_OLDEST, 0, 10_000)) {
        Batch resent = recovered.claim(100, Duration.ZERO).orElseThrow();
        assertThat(resent.seal().orElseThrow().firstSeq()).isEqualTo(400);
        assertThat(values(resent).get(0)).isEqualTo(40_000.0);
        recovered.commit(resent);
        assertThat(recovered.claim(100, Duration.ZERO)).isEmpty();
        recovered.append(readings(0, 1));
        assertThat(drainSealed(recovered, t0))
            .extracting(b -> b.seal().orElseThrow().firstSeq())
            .containsExactly(401L);
      }
    }
  }

  @Nested
  class Durability {

    @Test
    void keepsEveryReadingOfEveryKindAcrossARestartUntilItIsCommitted() throws Exception {
      List<Reading> mixed =
          List.of(
              Reading.good(POWER, Instant.parse("2026-11-30T03:00:00.123Z"), 41.5),
              new Reading(
                  ENERGY,
                  Instant.parse("2026-11-30T03:00:00.124Z"),
                  4_294_967_295.0,
                  Quality.UNCERTAIN),
              Reading.bad(LINE, Instant.parse("2026-11-30T03:00:00.125Z"), 17));
      try (FileReadingBuffer buffer = open(MIB, OverflowPolicy.DROP_OLDEST)) {
        buffer.append(mixed);
        buffer.claim(10, Duration.ZERO).orElseThrow(); // claimed, never committed
      }
      try (FileReadingBuffer reopened = open(MIB, OverflowPolicy.DROP_OLDEST)) {
        assertThat(reopened.size()).isEqualTo(3);
        assertThat(reopened.claim(10, Duration.ZERO).orElseThrow().readings())
            .containsExactlyElementsOf(mixed);
      }
    }

    @Test
    void keepsAnExact64BitCounterValueAcrossARestart() throws Exception {
      Reading exact =
          Reading.of(
              PointTarget.MeterChannel.counter("m1", "AcActiveEnergyTotalImport", "WHR", 64),
              Instant.parse("2026-11-30T03:00:00Z"),
              new BigDecimal("81985529216486895"),
              Quality.GOOD);
      assertThat(exact.exact()).isPresent();
      try (FileReadingBuffer buffer = open(MIB, OverflowPolicy.DROP_OLDEST)) {
        buffer.append(List.of(exact, Reading.good(POWER, Instant.EPOCH, 1.5)));
      }
      try (FileReadingBuffer reopened = open(MIB, OverflowPolicy.DROP_OLDEST)) {
        List<Reading> back = reopened.claim(10, Duration.ZERO).orElseThrow().readings();
        assertThat(back.get(0)).isEqualTo(exact);
        assertThat(back.get(0).plainValue()).isEqualTo("81985529216486895");
        assertThat(back.get(1).exact()).isEmpty();
      }
    }

    @Test
    void forgetsCommittedReadingsAcrossARestart() throws Exception {
      try (FileReadingBuffer buffer = open(MIB, OverflowPolicy.DROP_OLDEST)) {
        buffer.append(readings(0, 10));
        buffer.commit(buffer.claim(4, Duration.ZERO).orElseThrow());
      }
      try (FileReadingBuffer reopened = open(MIB, OverflowPolicy.DROP_OLDEST)) {
        assertThat(drain(reopened)).containsExactly(4.0, 5.0, 6.0, 7.0, 8.0, 9.0);
        assertThat(reopened.size()).isZero();
      }
    }

    @Test
    void replaysEveryUncommittedReadingAfterAKillWithDuplicatesAllowedButNoLoss() throws Exception {
      Path crashed;
      try (FileReadingBuffer buffer = open(MIB, OverflowPolicy.DROP_OLDEST)) {
        for (int i = 0; i < 50; i++) {
          buffer.append(readings(i * 10, i * 10 + 10));
        }
        // Delivered out of order, as concurrent QoS 1 messages can be acknowledged.
        Batch first = buffer.claim(100, Duration.ZERO).orElseThrow();
        Batch second = buffer.claim(100, Duration.ZERO).orElseThrow();
        buffer.commit(second);
        crashed = snapshot(); // the process dies here: 'first' was never acknowledged
        buffer.commit(first);
      }
      try (FileReadingBuffer recovered =
          new FileReadingBuffer(crashed, MIB, OverflowPolicy.DROP_OLDEST, 0, 10_000)) {
        List<Double> replayed = drain(recovered);
        assertThat(replayed).doesNotHaveDuplicates();
        assertThat(replayed).containsAll(readings(0, 100).stream().map(Reading::value).toList());
        assertThat(replayed).containsAll(readings(200, 500).stream().map(Reading::value).toList());
      }
    }

    @Test
    void cutsATornRecordAtTheTailAndKeepsEverythingBeforeIt() throws Exception {
      try (FileReadingBuffer buffer = open(MIB, OverflowPolicy.DROP_OLDEST)) {
        buffer.append(readings(0, 3));
        buffer.append(readings(3, 6));
      }
      Path segment;
      try (var files = Files.list(dir.resolve("buffer"))) {
        segment = files.filter(f -> f.toString().endsWith(".seg")).findFirst().orElseThrow();
      }
      // A power cut in the middle of the second record's write.
      long size = Files.size(segment);
      try (var channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
        channel.truncate(size - 7);
      }
      try (FileReadingBuffer reopened = open(MIB, OverflowPolicy.DROP_OLDEST)) {
        assertThat(drain(reopened)).containsExactly(0.0, 1.0, 2.0);
        reopened.append(readings(100, 102));
        assertThat(drain(reopened)).containsExactly(100.0, 101.0);
      }
    }

    @Test
    void refusesASecondProcessOnTheSameDirectoryNamingIt() {
      try (FileReadingBuffer buffer = open(MIB, OverflowPolicy.DROP_OLDEST)) {
        assertThatThrownBy(() -> open(MIB, OverflowPolicy.DROP_OLDEST))
            .isInstanceOf(GatewayException.class)
            .hasMessageContaining(dir.resolve("buffer").toString());
      } catch (OverlappingFileLockException e) {
        throw new AssertionError(e);
      }
    }
  }

  @Nested
  class Order {

    @Test
    void handsOutTheOldestFirstAndAReleasedBatchComesBackBeforeNewerReadings() throws Exception {
      try (FileReadingBuffer buffer = open(MIB, OverflowPolicy.DROP_OLDEST)) {
        buffer.append(readings(0, 5));
        Batch batch = buffer.claim(3, Duration.ZERO).orElseThrow();
        assertThat(values(batch)).containsExactly(0.0, 1.0, 2.0);
        buffer.release(batch);
        buffer.append(readings(5, 6));
        assertThat(drain(buffer)).containsExactly(0.0, 1.0, 2.0, 3.0, 4.0, 5.0);
      }
    }

    @Test
    void letsLiveReadingsThroughWhileTheBacklogReplaysOldestFirstAtTheConfiguredRate()
        throws Exception {
      try (FileReadingBuffer buffer = open(MIB, OverflowPolicy.DROP_OLDEST)) {
        buffer.append(readings(0, 1000)); // a long broker outage
      }
      AtomicLong nanos = new AtomicLong();
      try (FileReadingBuffer buffer =
          new FileReadingBuffer(
              dir.resolve("buffer"),
              MIB,
              OverflowPolicy.DROP_OLDEST,
              100,
              10_000,
              SeqStore.inMemory(),
              nanos::get)) {
        Batch first = buffer.claim(1000, Duration.ZERO).orElseThrow();
        assertThat(values(first)).hasSize(100).startsWith(0.0, 1.0).endsWith(99.0);
        buffer.commit(first);

        buffer.append(readings(5000, 5003)); // live data arrives while 900 wait
        assertThat(values(buffer.claim(1000, Duration.ZERO).orElseThrow()))
            .containsExactly(5000.0, 5001.0, 5002.0);
        assertThat(buffer.claim(1000, Duration.ZERO)).isEmpty(); // replay budget spent

        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(500));
        assertThat(values(buffer.claim(1000, Duration.ZERO).orElseThrow()))
            .hasSize(50)
            .startsWith(100.0);
      }
    }

    @Test
    void replaysTheBacklogEvenWhenLiveReadingsArriveBeforeEveryClaim() throws Exception {
      try (FileReadingBuffer buffer = open(MIB, OverflowPolicy.DROP_OLDEST)) {
        buffer.append(readings(0, 100));
      }
      try (FileReadingBuffer buffer = open(MIB, OverflowPolicy.DROP_OLDEST)) {
        List<Double> delivered = new ArrayList<>();
        for (int round = 0; round < 20; round++) {
          buffer.append(readings(1000 + round * 3, 1003 + round * 3)); // a poll round
          Batch batch = buffer.claim(10, Duration.ZERO).orElseThrow();
          delivered.addAll(values(batch));
          buffer.commit(batch);
        }
        assertThat(delivered).containsAll(readings(0, 100).stream().map(Reading::value).toList());
      }
    }

    @Test
    void reportsTheTimestampOfTheOldestUndeliveredReading() throws Exception {
      try (FileReadingBuffer buffer = open(MIB, OverflowPolicy.DROP_OLDEST)) {
        assertThat(buffer.oldest()).isEmpty();
        buffer.append(readings(10, 20));
        Batch batch = buffer.claim(5, Duration.ZERO).orElseThrow();
        assertThat(buffer.oldest()).contains(Instant.EPOCH.plusSeconds(10));
        buffer.commit(batch);
        assertThat(buffer.oldest()).contains(Instant.EPOCH.plusSeconds(15));
      }
      try (FileReadingBuffer reopened = open(MIB, OverflowPolicy.DROP_OLDEST)) {
        assertThat(reopened.oldest()).contains(Instant.EPOCH.plusSeconds(15));
      }
    }
  }

  @Nested
  class Overflow {

    @Test
    void keepsTheNewestByDefaultAndCountsEveryDroppedReading() throws Exception {
      int appended = 0;
      try (FileReadingBuffer buffer = open(64 * 1024, OverflowPolicy.DROP_OLDEST)) {
        for (int i = 0; i < 400; i++) {
          buffer.append(readings(appended, appended + 20));
          appended += 20;
        }
        assertThat(buffer.dropped()).isPositive();
        assertThat(buffer.bytes()).isLessThanOrEqualTo(64 * 1024);
        assertThat(buffer.size() + buffer.dropped()).isEqualTo(appended);
        List<Double> kept = drain(buffer);
        assertThat(kept).hasSize(appended - (int) buffer.dropped()).endsWith(appended - 1.0);
        assertThat(kept.get(0)).isEqualTo((double) buffer.dropped());
      }
    }

    @Test
    void refusesTheNewestWithDropNewestAndCountsThem() throws Exception {
      int appended = 0;
      try (FileReadingBuffer buffer = open(64 * 1024, OverflowPolicy.DROP_NEWEST)) {
        for (int i = 0; i < 400; i++) {
          buffer.append(readings(appended, appended + 20));
          appended += 20;
        }
        assertThat(buffer.dropped()).isPositive();
        List<Double> kept = drain(buffer);
        assertThat(kept).hasSize(appended - (int) buffer.dropped()).startsWith(0.0, 1.0);
      }
    }
  }
}
