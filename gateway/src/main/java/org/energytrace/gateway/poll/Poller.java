package org.energytrace.gateway.poll;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.energytrace.gateway.buffer.ReadingBuffer;
import org.energytrace.gateway.model.DaemonThreads;
import org.energytrace.gateway.model.GatewayException;
import org.energytrace.gateway.model.Quality;
import org.energytrace.gateway.model.Reading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls every device at the configured interval, each on its own schedule and its own thread, so
 * that a slow or dead device only delays itself (however many of them there are), and appends the
 * readings to the buffer. A reading counts as polled only once the buffer has taken it (for the
 * file buffer: once it is on disk). Readings that come between polls (an OPC UA subscription's
 * changes: {@link MeterDriver#arrived}) are stored as they come, a few milliseconds after, so that
 * a {@code kill -9} loses none the gateway had received; a normal stop stores what came last. When
 * the buffer cannot store (disk full), the error names the buffer and the device, the readings are
 * counted as lost, and polling goes on so that nothing else stalls.
 *
 * <p>Metrics: {@code gateway.poll.duration} and {@code gateway.poll.errors} (per protocol; which
 * device fails is in {@code /health}, not in a metric label), {@code gateway.readings.polled} (per
 * quality), {@code gateway.readings.lost} (buffer refused them).
 */
public final class Poller implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Poller.class);

  private final List<MeterDriver> drivers;
  private final Duration interval;
  private final ReadingBuffer buffer;
  private final ScheduledExecutorService scheduler;
  private final MeterRegistry registry;
  private final Map<String, Boolean> healthy = new ConcurrentHashMap<>();
  private final CounterWatch counters = new CounterWatch();
  private final Map<MeterDriver, Device> devices = new ConcurrentHashMap<>();

  /** What the poller keeps per device between its polls and the readings that come on their own. */
  private static final class Device {
    /**
     * Held while a poll or the readings that came are taken and stored: one at a time, in order.
     */
    final ReentrantLock lock = new ReentrantLock();

    /** Readings came on their own and wait to be stored. */
    final AtomicBoolean pending = new AtomicBoolean();

    /** A good reading came on its own since the last poll. */
    final AtomicBoolean arrivedGood = new AtomicBoolean();
  }

  /** How long after readings come they are taken: the changes of one publish come together. */
  private static final long ARRIVAL_DELAY_MILLIS = 20;

  public Poller(List<MeterDriver> drivers, Duration interval, ReadingBuffer buffer) {
    this(drivers, interval, buffer, new SimpleMeterRegistry());
  }

  public Poller(
      List<MeterDriver> drivers, Duration interval, ReadingBuffer buffer, MeterRegistry registry) {
    this.drivers = List.copyOf(drivers);
    this.interval = interval;
    this.buffer = buffer;
    this.registry = registry;
    this.scheduler =
        Executors.newScheduledThreadPool(
            // a device that waits out its timeout holds its thread: one thread per device, so
            // no number of dead devices can delay a live one (a fixed pool of 16 could)
            Math.max(1, drivers.size()), DaemonThreads.numbered("poller-"));
    // Every series exists from the start, at 0: an alert on its increase then fires on the first
    // failed poll or lost reading too (a series that first appears at 1 shows no increase).
    for (MeterDriver driver : this.drivers) {
      errors(driver);
      devices.put(driver, new Device());
    }
    lost();
    List.of("good", "uncertain", "bad").forEach(this::polled);
  }

  public void start() {
    for (MeterDriver driver : drivers) {
      driver.onArrival(() -> arrival(driver));
      scheduler.scheduleAtFixedRate(
          () -> pollOnce(driver), 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }
    log.info("polling {} devices every {}", drivers.size(), interval);
  }

  /** Devices whose last poll read at least one point, by device id. */
  public Map<String, Boolean> deviceHealth() {
    return Map.copyOf(healthy);
  }

  private void pollOnce(MeterDriver driver) {
    Device device = devices.get(driver);
    device.lock.lock();
    try {
      pollLocked(driver, device);
    } finally {
      device.lock.unlock();
    }
  }

  /** Readings came on their own: take them soon, unless a take is already on its way. */
  private void arrival(MeterDriver driver) {
    if (devices.get(driver).pending.compareAndSet(false, true)) {
      takeArrivedLater(driver, ARRIVAL_DELAY_MILLIS);
    }
  }

  private void takeArrivedLater(MeterDriver driver, long delayMillis) {
    try {
      scheduler.schedule(() -> takeArrived(driver), delayMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // stopping: close() takes what came last
    }
  }

  /**
   * Stores the readings that came on their own. A poll in progress holds the device (it may wait
   * out a timeout): this thread does not wait for it, it looks again shortly, so that a dead device
   * holds no thread of another.
   */
  private void takeArrived(MeterDriver driver) {
    Device device = devices.get(driver);
    if (!device.lock.tryLock()) {
      takeArrivedLater(driver, ARRIVAL_DELAY_MILLIS);
      return;
    }
    try {
      device.pending.set(false);
      List<Reading> readings = counters.flag(driver.arrived());
      if (readings.isEmpty()) {
        return;
      }
      if (readings.stream().anyMatch(r -> r.quality() != Quality.BAD)) {
        device.arrivedGood.set(true);
      }
      store(driver, readings);
    } catch (RuntimeException e) {
      log.error("device {}: taking the readings that came failed", driver.deviceId(), e);
    } finally {
      device.lock.unlock();
    }
  }

  private void pollLocked(MeterDriver driver, Device device) {
    List<Reading> readings;
    Timer.Sample sample = Timer.start(registry);
    try {
      readings = driver.poll();
    } catch (RuntimeException e) {
      // A driver must not throw; if one does, keep its schedule alive for the next poll.
      log.error("device {}: poll failed", driver.deviceId(), e);
      errors(driver).increment();
      healthy.put(driver.deviceId(), false);
      return;
    } finally {
      sample.stop(
          Timer.builder("gateway.poll.duration")
              .description("time to read all points of one device")
              .tag("protocol", driver.protocol())
              .register(registry));
    }
    readings = counters.flag(readings);
    boolean arrivedGood = device.arrivedGood.getAndSet(false);
    boolean anyGood = arrivedGood || readings.stream().anyMatch(r -> r.quality() != Quality.BAD);
    if (!anyGood && !readings.isEmpty()) {
      errors(driver).increment();
    }
    // a subscription whose values did not change gives an empty poll: nothing learned, not a
    // failure (it was reported "failing" until the next change)
    if (anyGood || !readings.isEmpty()) {
      healthy.put(driver.deviceId(), anyGood);
    }
    store(driver, readings);
  }

  /** Appends to the buffer and counts, or counts the readings as lost when the buffer refuses. */
  private void store(MeterDriver driver, List<Reading> readings) {
    // A poll cut short by close() returns with the interrupt flag set; appending with it set would
    // close the file buffer's channel (ClosedByInterruptException) under the pollers that follow
    // a reload. Store the poll first, then let the thread see its interrupt.
    boolean interrupted = Thread.interrupted();
    try {
      buffer.append(readings);
    } catch (GatewayException e) {
      log.error(
          "device {}: {} readings not buffered: {}",
          driver.deviceId(),
          readings.size(),
          e.getMessage());
      lost().increment(readings.size());
      return;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    long good = readings.stream().filter(r -> r.quality() == Quality.GOOD).count();
    long uncertain = readings.stream().filter(r -> r.quality() == Quality.UNCERTAIN).count();
    polled("good").increment(good);
    polled("uncertain").increment(uncertain);
    polled("bad").increment(readings.size() - good - uncertain);
  }

  private Counter polled(String quality) {
    return Counter.builder("gateway.readings.polled")
        .description("readings taken into the buffer")
        .tag("quality", quality)
        .register(registry);
  }

  private Counter lost() {
    return Counter.builder("gateway.readings.lost")
        .description("readings the buffer could not store (e.g. disk full)")
        .tag("reason", "storage")
        .register(registry);
  }

  private Counter errors(MeterDriver driver) {
    return Counter.builder("gateway.poll.errors")
        .description("polls in which a device gave no usable reading")
        .tag("protocol", driver.protocol())
        .register(registry);
  }

  @Override
  public void close() {
    // Let polls in progress finish: interrupting a poll thread while it appends to the file
    // buffer closes the buffer's FileChannel (ClosedByInterruptException) and loses that poll.
    // Only a poll still stuck on a device after the grace period is interrupted.
    scheduler.shutdown();
    try {
      if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
        scheduler.shutdownNow();
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      scheduler.shutdownNow();
      Thread.currentThread().interrupt();
    }
    for (MeterDriver driver : drivers) {
      // what a subscription delivered after the last poll reaches the buffer before the driver
      // closes
      takeArrived(driver);
      driver.close();
    }
  }
}
