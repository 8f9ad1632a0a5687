package org.energytrace.gateway.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.energytrace.gateway.buffer.MemoryReadingBuffer;
import org.energytrace.gateway.buffer.ReadingBuffer.Batch;
import org.energytrace.gateway.model.OverflowPolicy;
import org.energytrace.gateway.model.PointTarget;
import org.energytrace.gateway.model.Reading;
import org.junit.jupiter.api.Test;

/**
 * Batching by size and time, without a clock: the pause is where time would pass, so the test
 * decides what arrives during a linger and sees how long the collector asked to wait.
 */
class BatchCollectorTest {

  private final MemoryReadingBuffer buffer =
      new MemoryReadingBuffer(1_000, OverflowPolicy.DROP_OLDEST);
  private final List<Duration> pauses = new ArrayList<>();
  private int next;

  private List<Reading> readings(int count) {
    List<Reading> readings = new ArrayList<>();
    for (int i = 0; i < count; i++, next++) {
      readings.add(
          Reading.good(
              PointTarget.MeterChannel.gauge("m", "AcActivePowerTotal", "KWT"),
              Instant.parse("2026-11-30T03:00:00Z").plusSeconds(next),
              next));
    }
    return readings;
  }

  /** A collector whose linger lets {@code arriving} readings reach the buffer. */
  private BatchCollector collector(int max, Duration linger, int arriving) {
    return new BatchCollector(
        buffer,
        max,
        linger,
        d -> {
          pauses.add(d);
          buffer.append(readings(arriving));
          return false;
        });
  }

  private static int size(Optional<Batch> batch) {
    return batch.orElseThrow().readings().size();
  }

  @Test
  void sendsAFullMessageAtOnceWithoutLingering() throws Exception {
    buffer.append(readings(25));
    BatchCollector collector = collector(10, Duration.ofMillis(200), 0);

    assertThat(size(collector.next(Duration.ZERO))).isEqualTo(10);
    assertThat(pauses).isEmpty();
  }

  @Test
  void lingersTheConfiguredTimeForAPartialMessageAndSendsWhatGathered() throws Exception {
    buffer.append(readings(3));
    BatchCollector collector = collector(10, Duration.ofMillis(750), 4);

    Optional<Batch> batch = collector.next(Duration.ZERO);

    assertThat(pauses).containsExactly(Duration.ofMillis(750));
    // the readings first seen come first, the ones that arrived while lingering after them
    assertThat(batch.orElseThrow().readings())
        .extracting(Reading::value)
        .containsExactly(0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0);
  }

  @Test
  void stopsLingeringOnceAFullMessageIsTakenAndLeavesTheRestForTheNext() throws Exception {
    buffer.append(readings(3));
    BatchCollector collector = collector(10, Duration.ofMillis(200), 12);

    assertThat(size(collector.next(Duration.ZERO))).isEqualTo(10);
    assertThat(buffer.size()).isEqualTo(15);
  }

  @Test
  void sendsAPartialMessageAtOnceWhenTheLingerIsZero() throws Exception {
    buffer.append(readings(3));
    BatchCollector collector = collector(10, Duration.ZERO, 4);

    assertThat(size(collector.next(Duration.ZERO))).isEqualTo(3);
    assertThat(pauses).isEmpty();
  }

  @Test
  void keepsTheReadingsInTheBufferWhenStoppedWhileLingering() throws Exception {
    buffer.append(readings(3));
    BatchCollector collector = new BatchCollector(buffer, 10, Duration.ofMillis(200), d -> true);

    assertThat(collector.next(Duration.ZERO)).isEmpty();
    assertThat(buffer.claim(10, Duration.ZERO).map(b -> b.readings().size())).contains(3);
  }

  @Test
  void returnsNothingWhenNoReadingArrives() throws Exception {
    assertThat(collector(10, Duration.ofMillis(200), 5).next(Duration.ZERO)).isEmpty();
    assertThat(pauses).isEmpty();
  }
}
