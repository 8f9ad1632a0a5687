package org.energytrace.gateway.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.energytrace.gateway.buffer.FileReadingBuffer;
import org.energytrace.gateway.buffer.MemoryReadingBuffer;
import org.energytrace.gateway.buffer.ReadingBuffer;
import org.energytrace.gateway.model.GatewayException;
import org.energytrace.gateway.model.OverflowPolicy;
import org.energytrace.gateway.model.PointTarget;
import org.energytrace.gateway.model.Reading;
import org.junit.jupiter.api.Test;

class PollerTest {

  /** A device that answers at once, counting its polls. */
  private static class Healthy implements MeterDriver {
    final AtomicInteger polls = new AtomicInteger();
    final String id;

    Healthy(String id) {
      this.id = id;
    }

    @Override
    public String deviceId() {
      return id;
    }

    @Override
    public List<Reading> poll() {
      polls.incrementAndGet();
      return List.of(
          Reading.good(
              PointTarget.MeterChannel.gauge(id, "AcActivePowerTotal", "KWT"), Instant.now(), 1));
    }

    @Override
    public void close() {}
  }

  /** A device whose polls hang until released (a dead server without a timeout). */
  private static final class Hanging extends Healthy {
    final CountDownLatch release = new CountDownLatch(1);
    final CountDownLatch entered = new CountDownLatch(1);

    Hanging(String id) {
      super(id);
    }

    @Override
    public List<Reading> poll() {
      entered.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return super.poll();
    }
  }

  /** A buffer whose disk is full: every append fails the way FileReadingBuffer reports it. */
  private static final class DiskFull implements ReadingBuffer {
    @Override
    public void append(List<Reading> readings) {
      throw new GatewayException(
          GatewayException.Code.STORAGE_FAILED,
          "cannot write buffer segment /var/lib/et/buffer/0.seg (disk full?)");
    }

    @Override
    public Optional<Batch> claim(int max, Duration wait) {
      return Optional.empty();
    }

    @Override
    public Batch seal(Batch batch, int messages, Instant sentAt) {
      throw new IllegalStateException("nothing is ever claimed");
    }

    @Override
    public void commit(Batch batch) {}

    @Override
    public void release(Batch batch) {}

    @Override
    public int size() {
      return 0;
    }

    @Override
    public long dropped() {
      return 0;
    }

    @Override
    public Optional<Instant> oldest() {
      return Optional.empty();
    }
  }

  /**
   * A device whose readings also come on their own (an OPC UA subscription): its first poll gives
   * one reading, later polls nothing, and {@link #push} delivers a reading between polls.
   */
  private static final class Subscribed implements MeterDriver {
    final AtomicInteger polls = new AtomicInteger();
    final java.util.concurrent.ConcurrentLinkedQueue<Reading> came =
        new java.util.concurrent.ConcurrentLinkedQueue<>();
    volatile Runnable whenArrived = () -> {};

    @Override
    public String deviceId() {
      return "plc";
    }

    @Override
    public List<Reading> poll() {
      return polls.getAndIncrement() == 0 ? List.of(reading(0)) : taken();
    }

    @Override
    public List<Reading> arrived() {
      return taken();
    }

    @Override
    public void onArrival(Runnable whenArrived) {
      this.whenArrived = whenArrived;
    }

    void push(double value, boolean tell) {
      came.add(reading(value));
      if (tell) {
        whenArrived.run();
      }
    }

    private List<Reading> taken() {
      List<Reading> out = new java.util.ArrayList<>();
      for (Reading r; (r = came.poll()) != null; ) {
        out.add(r);
      }
      return out;
    }

    private static Reading reading(double value) {
      return Reading.good(
          PointTarget.MeterChannel.gauge("line1-em", "AcActivePowerTotal", "KWT"),
          Instant.now(),
          value);
    }

    @Override
    public void close() {}
  }

  @Test
  void readingsThatComeBetweenPollsReachTheBufferAsTheyComeNotAtTheNextPoll() {
    Subscribed plc = new Subscribed();
    MemoryReadingBuffer buffer = new MemoryReadingBuffer(1000, OverflowPolicy.DROP_OLDEST);
    Poller poller = new Poller(List.of(plc), Duration.ofHours(1), buffer);
    poller.start();
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> buffer.size() == 1);
      plc.push(41, true);
      plc.push(42, true);
      // the next poll is an hour away: a kill -9 now would have lost both
      await().atMost(Duration.ofSeconds(10)).until(() -> buffer.size() == 3);
      assertThat(plc.polls.get()).isEqualTo(1);
    } finally {
      poller.close();
    }
  }

  @Test
  void whatCameAfterTheLastPollIsStoredWhenThePollerStops() {
    Subscribed plc = new Subscribed();
    MemoryReadingBuffer buffer = new MemoryReadingBuffer(1000, OverflowPolicy.DROP_OLDEST);
    Poller poller = new Poller(List.of(plc), Duration.ofHours(1), buffer);
    poller.start();
    await().atMost(Duration.ofSeconds(10)).until(() -> buffer.size() == 1);
    plc.push(41, false); // came, but the poller was not told yet

    poller.close();

    assertThat(buffer.size()).isEqualTo(2);
  }

  @Test
  void aPollThatFindsNothingNewLeavesTheDeviceHealthyAsItWas() {
    // a subscription whose values did not change since the last poll has nothing to give
    Subscribed plc = new Subscribed();
    Poller poller =
        new Poller(
            List.of(plc),
            Duration.ofMillis(50),
            new MemoryReadingBuffer(1000, OverflowPolicy.DROP_OLDEST));
    poller.start();
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> plc.polls.get() >= 5);
      assertThat(poller.deviceHealth()).containsEntry("plc", true);
    } finally {
      poller.close();
    }
  }

  @Test
  void keepsPollingTheOtherDevicesWhileSomeHang() {
    List<Hanging> dead =
        List.of(new Hanging("dead-1"), new Hanging("dead-2"), new Hanging("dead-3"));
    Healthy alive = new Healthy("alive");
    MemoryReadingBuffer buffer = new MemoryReadingBuffer(10_000, OverflowPolicy.DROP_OLDEST);
    List<MeterDriver> drivers = List.of(dead.get(0), dead.get(1), dead.get(2), alive);
    Poller poller = new Poller(drivers, Duration.ofMillis(100), buffer, new SimpleMeterRegistry());
    poller.start();
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> alive.polls.get() >= 10);
    } finally {
      dead.forEach(d -> d.release.countDown());
      poller.close();
    }
  }

  @Test
  void showsItsErrorAndLossCountersAtZeroBeforeTheFirstOne() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Poller poller =
        new Poller(
            List.of(new Healthy("m1")),
            Duration.ofMillis(100),
            new MemoryReadingBuffer(1000, OverflowPolicy.DROP_OLDEST),
            registry);
    try {
      // so that an alert on their increase fires on the first failure, not from the second on
      assertThat(registry.get("gateway.poll.errors").tag("protocol", "unknown").counter().count())
          .isZero();
      assertThat(registry.get("gateway.readings.lost").tag("reason", "storage").counter().count())
          .isZero();
      assertThat(registry.get("gateway.readings.polled").tag("quality", "bad").counter().count())
          .isZero();
    } finally {
      poller.close();
    }
  }

  @Test
  void countsReadingsTheBufferCouldNotStoreAndGoesOnPolling() {
    Healthy device = new Healthy("m1");
    ReadingBuffer full = new DiskFull();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Poller poller = new Poller(List.of(device), Duration.ofMillis(100), full, registry);
    poller.start();
    try {
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  registry.find("gateway.readings.lost").counter() != null
                      && registry.find("gateway.readings.lost").counter().count() >= 3);
      assertThat(device.polls.get()).isGreaterThanOrEqualTo(3);
    } finally {
      poller.close();
    }
  }

  /** A device whose poll is busy (not waiting, so not interruptible) until released. */
  private static final class Busy extends Healthy {
    final AtomicBoolean started = new AtomicBoolean();
    final AtomicBoolean release = new AtomicBoolean();

    Busy(String id) {
      super(id);
    }

    @Override
    public List<Reading> poll() {
      started.set(true);
      while (!release.get()) {
        Thread.onSpinWait();
      }
      return super.poll();
    }
  }

  @Test
  void aNormalStopLetsThePollInProgressReachTheFileBuffer(
      @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    // An interrupt that reaches a thread appending to a FileChannel closes the channel
    // (ClosedByInterruptException): stopping must not interrupt a poll that is still working.
    Busy device = new Busy("busy-em");
    try (FileReadingBuffer buffer =
        new FileReadingBuffer(
            dir.resolve("buffer"), 1 << 20, OverflowPolicy.DROP_OLDEST, 0, 10_000)) {
      Poller poller =
          new Poller(List.of(device), Duration.ofMillis(100), buffer, new SimpleMeterRegistry());
      poller.start();
      await().atMost(Duration.ofSeconds(10)).until(device.started::get);
      Thread closer = new Thread(poller::close, "closer");
      closer.start();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> closer.getState() == Thread.State.TIMED_WAITING);
      device.release.set(true);
      closer.join(15_000);

      assertThat(device.polls.get()).isEqualTo(1);
      assertThat(buffer.size()).as("readings of the poll in progress, kept").isEqualTo(1);
      buffer.append(
          List.of(
              Reading.good(
                  PointTarget.MeterChannel.gauge("busy-em", "AcActivePowerTotal", "KWT"),
                  Instant.now(),
                  2)));
      assertThat(buffer.size()).as("the buffer is still open for writing").isEqualTo(2);
    }
  }

  @Test
  void aPollInterruptedByStoppingIsStoredAndTheFileBufferStaysWritable(
      @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    // A poll still waiting after the stop's grace is interrupted and returns (a driver answers
    // with bad readings then) with the interrupt flag set; appending with that flag set closed
    // the buffer's FileChannel, and every append after a config reload failed.
    Hanging device = new Hanging("stuck-em");
    try (FileReadingBuffer buffer =
        new FileReadingBuffer(
            dir.resolve("buffer"), 1 << 20, OverflowPolicy.DROP_OLDEST, 0, 10_000)) {
      Poller poller =
          new Poller(List.of(device), Duration.ofMillis(100), buffer, new SimpleMeterRegistry());
      poller.start();
      device.entered.await();
      poller.close(); // waits its grace, then interrupts the stuck poll

      assertThat(buffer.size()).as("readings of the interrupted poll, kept").isEqualTo(1);
      buffer.append(
          List.of(
              Reading.good(
                  PointTarget.MeterChannel.gauge("stuck-em", "AcActivePowerTotal", "KWT"),
                  Instant.now(),
                  2)));
      assertThat(buffer.size()).as("the buffer is still open for writing").isEqualTo(2);
    }
  }
}
