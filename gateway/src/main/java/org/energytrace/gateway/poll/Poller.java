package org.energytrace.gateway.poll;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.energytrace.gateway.buffer.ReadingBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls every device at the configured interval, each on its own schedule so that a slow device
 * only delays itself, and appends the readings to the buffer.
 */
public final class Poller implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Poller.class);

  private final List<MeterDriver> drivers;
  private final Duration interval;
  private final ReadingBuffer buffer;
  private final ScheduledExecutorService scheduler;

  public Poller(List<MeterDriver> drivers, Duration interval, ReadingBuffer buffer) {
    this.drivers = List.copyOf(drivers);
    this.interval = interval;
    this.buffer = buffer;
    AtomicInteger n = new AtomicInteger();
    this.scheduler =
        Executors.newScheduledThreadPool(
            Math.max(1, Math.min(4, drivers.size())),
            r -> {
              Thread t = new Thread(r, "poller-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  public void start() {
    for (MeterDriver driver : drivers) {
      scheduler.scheduleAtFixedRate(
          () -> pollOnce(driver), 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }
    log.info("polling {} devices every {}", drivers.size(), interval);
  }

  private void pollOnce(MeterDriver driver) {
    try {
      buffer.append(driver.poll());
    } catch (RuntimeException e) {
      // A driver must not throw; if one does, keep its schedule alive for the next poll.
      log.error("device {}: poll failed", driver.deviceId(), e);
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (MeterDriver driver : drivers) {
      driver.close();
    }
  }
}
