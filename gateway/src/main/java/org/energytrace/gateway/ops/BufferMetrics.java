package org.energytrace.gateway.ops;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.energytrace.gateway.buffer.FileReadingBuffer;
import org.energytrace.gateway.buffer.ReadingBuffer;

/**
 * Buffer metrics: {@code gateway.buffer.depth} (readings not yet delivered), {@code
 * gateway.buffer.oldest.age} (seconds since the oldest of them was measured), {@code
 * gateway.buffer.dropped} (readings discarded by the overflow policy) and, for the file buffer,
 * {@code gateway.buffer.bytes}.
 */
public final class BufferMetrics {

  private BufferMetrics() {}

  public static void bind(ReadingBuffer buffer, Clock clock, MeterRegistry registry) {
    Gauge.builder("gateway.buffer.depth", buffer, ReadingBuffer::size)
        .description("readings waiting to be delivered")
        .register(registry);
    Gauge.builder("gateway.buffer.oldest.age", buffer, b -> oldestAgeSeconds(b, clock))
        .description("age of the oldest reading waiting to be delivered")
        .baseUnit("seconds")
        .register(registry);
    FunctionCounter.builder("gateway.buffer.dropped", buffer, ReadingBuffer::dropped)
        .description("readings discarded by the overflow policy")
        .register(registry);
    if (buffer instanceof FileReadingBuffer file) {
      Gauge.builder("gateway.buffer.bytes", file, FileReadingBuffer::bytes)
          .description("size of the buffer's segment files")
          .baseUnit("bytes")
          .register(registry);
    }
  }

  public static double oldestAgeSeconds(ReadingBuffer buffer, Clock clock) {
    return buffer
        .oldest()
        .map(ts -> Math.max(0, Duration.between(ts, clock.instant()).toMillis() / 1000.0))
        .orElse(0.0);
  }
}
