package org.energytrace.gateway.buffer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.energytrace.gateway.buffer.ReadingBuffer.Batch;
import org.energytrace.gateway.model.OverflowPolicy;
import org.energytrace.gateway.model.PointTarget;
import org.energytrace.gateway.model.Reading;
import org.junit.jupiter.api.Test;

class MemoryReadingBufferTest {

  private static List<Reading> readings(int from, int to) {
    List<Reading> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      out.add(
          Reading.good(
              PointTarget.MeterChannel.gauge("m", "AcActivePowerTotal", "KWT"),
              Instant.EPOCH.plusSeconds(i),
              i));
    }
    return out;
  }

  private static List<Double> values(Batch batch) {
    return batch.readings().stream().map(Reading::value).toList();
  }

  @Test
  void handsOutTheOldestReadingsFirstInBatchesOfAtMostMax() throws Exception {
    MemoryReadingBuffer buffer = new MemoryReadingBuffer(100, OverflowPolicy.DROP_OLDEST);
    buffer.append(readings(0, 5));
    Batch batch = buffer.claim(3, Duration.ZERO).orElseThrow();
    assertThat(values(batch)).containsExactly(0.0, 1.0, 2.0);
    assertThat(buffer.size()).isEqualTo(5);
    buffer.commit(batch);
    assertThat(buffer.size()).isEqualTo(2);
  }

  @Test
  void replaysAReleasedBatchBeforeNewerReadings() throws Exception {
    MemoryReadingBuffer buffer = new MemoryReadingBuffer(100, OverflowPolicy.DROP_OLDEST);
    buffer.append(readings(0, 4));
    Batch batch = buffer.claim(2, Duration.ZERO).orElseThrow();
    buffer.append(readings(4, 6));
    buffer.release(batch);
    assertThat(values(buffer.claim(10, Duration.ZERO).orElseThrow()))
        .containsExactly(0.0, 1.0, 2.0, 3.0, 4.0, 5.0);
  }

  @Test
  void dropsTheOldestUnclaimedReadingsWhenFullAndCountsThem() throws Exception {
    MemoryReadingBuffer buffer = new MemoryReadingBuffer(3, OverflowPolicy.DROP_OLDEST);
    buffer.append(readings(0, 5));
    assertThat(buffer.dropped()).isEqualTo(2);
    assertThat(values(buffer.claim(10, Duration.ZERO).orElseThrow()))
        .containsExactly(2.0, 3.0, 4.0);
  }

  @Test
  void dropsTheNewReadingsWhenFullUnderDropNewest() throws Exception {
    MemoryReadingBuffer buffer = new MemoryReadingBuffer(3, OverflowPolicy.DROP_NEWEST);
    buffer.append(readings(0, 5));
    assertThat(buffer.dropped()).isEqualTo(2);
    assertThat(values(buffer.claim(10, Duration.ZERO).orElseThrow()))
        .containsExactly(0.0, 1.0, 2.0);
  }

  @Test
  void returnsNothingWhenNoReadingArrivesInTime() throws Exception {
    MemoryReadingBuffer buffer = new MemoryReadingBuffer(3, OverflowPolicy.DROP_OLDEST);
    assertThat(buffer.claim(10, Duration.ofMillis(20))).isEmpty();
  }

  @Test
  void keepsASealedBatchWholeWithItsNumbersWhenItIsReleasedAndClaimsItFirst() throws Exception {
    MemoryReadingBuffer buffer = new MemoryReadingBuffer(100, OverflowPolicy.DROP_OLDEST);
    Instant sentAt = Instant.parse("2026-11-30T03:00:00Z");
    buffer.append(readings(0, 6));
    var a = buffer.seal(buffer.claim(3, Duration.ZERO).orElseThrow(), 2, sentAt);
    var b = buffer.seal(buffer.claim(3, Duration.ZERO).orElseThrow(), 1, sentAt);
    assertThat(a.seal().orElseThrow().firstSeq()).isZero();
    assertThat(b.seal().orElseThrow().firstSeq()).isEqualTo(2);
    buffer.append(readings(6, 8));
    buffer.release(b);
    buffer.release(a);
    assertThat(buffer.size()).isEqualTo(8);
    assertThat(buffer.claim(100, Duration.ZERO).orElseThrow()).isEqualTo(a);
    assertThat(buffer.claim(100, Duration.ZERO).orElseThrow()).isEqualTo(b);
    var rest = buffer.claim(100, Duration.ZERO).orElseThrow();
    assertThat(rest.seal()).isEmpty();
    assertThat(buffer.seal(rest, 1, sentAt).seal().orElseThrow().firstSeq()).isEqualTo(3);
  }
}
