package org.energytrace.gateway.buffer;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.energytrace.gateway.model.OverflowPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Readings a full buffer discarded under its overflow policy: counted, and named in a warning at
 * most every 10 s (with the count since the last one), so that nothing is dropped silently and a
 * long outage does not flood the log.
 */
final class DropLog {

  private static final Logger log = LoggerFactory.getLogger(DropLog.class);
  private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final String buffer;
  private final String bound;
  private final OverflowPolicy policy;
  private final LongSupplier nanoTime;
  private long total;
  private long sinceLog;
  private long lastLogNanos;

  DropLog(String buffer, String bound, OverflowPolicy policy, LongSupplier nanoTime) {
    this.buffer = buffer;
    this.bound = bound;
    this.policy = policy;
    this.nanoTime = nanoTime;
  }

  /** Counts {@code count} dropped readings; {@code which}: oldest or newest. */
  void dropped(long count, String which) {
    if (count <= 0) {
      return;
    }
    total += count;
    sinceLog += count;
    long now = nanoTime.getAsLong();
    if (lastLogNanos == 0 || now - lastLogNanos >= INTERVAL_NANOS) {
      log.warn(
          "buffer {} full ({}, policy {}): dropped {} {} readings ({} in total)",
          buffer,
          bound,
          policy.name().toLowerCase(Locale.ROOT),
          sinceLog,
          which,
          total);
      sinceLog = 0;
      lastLogNanos = now;
    }
  }

  long total() {
    return total;
  }
}
