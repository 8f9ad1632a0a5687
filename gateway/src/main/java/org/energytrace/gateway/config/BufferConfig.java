package org.energytrace.gateway.config;

import java.nio.file.Path;
import java.util.Objects;
import org.energytrace.gateway.model.OverflowPolicy;

/**
 * Where readings wait between polling and publishing. {@code file} (the default) is durable: it
 * survives broker outages, restarts and {@code kill -9}; {@code memory} survives only broker
 * outages and is meant for tests and the demo.
 *
 * @param dir segment files and the ack pointer ({@code {data_dir}/buffer} by default)
 * @param maxBytes bound on the segment files; beyond it the overflow policy applies
 * @param overflow what to drop when full (default: drop oldest, i.e. keep newest)
 * @param replayRate backlog readings per second replayed alongside live data (0: unlimited)
 */
public record BufferConfig(
    Type type, Path dir, long maxBytes, OverflowPolicy overflow, int replayRate) {

  public static final long DEFAULT_MAX_BYTES = 1024L * 1024 * 1024;
  public static final int DEFAULT_REPLAY_RATE = 20_000;
  public static final long MIN_MAX_BYTES = 64 * 1024;

  /** The buffer implementation. */
  public enum Type {
    FILE,
    MEMORY
  }

  public BufferConfig {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(overflow, "overflow");
    if (maxBytes < MIN_MAX_BYTES) {
      throw new IllegalArgumentException("max_bytes must be at least 64 KiB, was " + maxBytes);
    }
    if (replayRate < 0) {
      throw new IllegalArgumentException("replay_rate must be >= 0 (0: unlimited)");
    }
  }

  public static BufferConfig defaults(Path dataDir) {
    return new BufferConfig(
        Type.FILE,
        dataDir.resolve("buffer"),
        DEFAULT_MAX_BYTES,
        OverflowPolicy.DROP_OLDEST,
        DEFAULT_REPLAY_RATE);
  }

  public BufferConfig withType(Type newType) {
    return new BufferConfig(newType, dir, maxBytes, overflow, replayRate);
  }

  public BufferConfig withDir(Path newDir) {
    return new BufferConfig(type, newDir, maxBytes, overflow, replayRate);
  }
}
