package org.energytrace.gateway.buffer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.energytrace.gateway.model.GatewayException;

/**
 * The next message sequence number of this gateway, persisted in {@code {data_dir}/seq}. A number
 * is persisted as used before it is handed out, so a number is never handed out twice, across
 * restarts too (docs/asyncapi.yaml). The buffers number their batches with it: {@link
 * MemoryReadingBuffer} takes every number from here; {@link FileReadingBuffer} keeps the numbers
 * with its batches in its own journal and brings this file up to date when it compacts or closes,
 * so that it stays a floor for the next start whichever buffer that uses.
 */
public final class SeqStore {

  private final Optional<Path> file;
  private long next;

  public SeqStore(Path dataDir) {
    this.file = Optional.of(dataDir.resolve("seq"));
    Path path = file.get();
    try {
      Files.createDirectories(dataDir);
      if (Files.exists(path)) {
        String text = Files.readString(path, StandardCharsets.US_ASCII).trim();
        next = Long.parseLong(text);
        if (next < 0) {
          throw new NumberFormatException("negative");
        }
      }
    } catch (IOException | NumberFormatException e) {
      throw new GatewayException(
          GatewayException.Code.STORAGE_FAILED, "cannot read sequence file " + path + ": " + e, e);
    }
  }

  private SeqStore() {
    this.file = Optional.empty();
  }

  /** A counter kept in memory only, starting at 0 (tests). */
  public static SeqStore inMemory() {
    return new SeqStore();
  }

  /** Returns the next sequence number, after persisting the one following it. */
  public synchronized long next() {
    return take(1);
  }

  /**
   * Returns the first of {@code count} consecutive numbers, after persisting the one after them.
   */
  public synchronized long take(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be positive");
    }
    long first = next;
    persist(first + count);
    next = first + count;
    return first;
  }

  /** The number {@link #next()} will return. */
  public synchronized long peek() {
    return next;
  }

  /** Makes {@code value} the next number if it is ahead, persisting it. */
  public synchronized void advanceTo(long value) {
    if (value > next) {
      persist(value);
      next = value;
    }
  }

  private void persist(long value) {
    if (file.isEmpty()) {
      return;
    }
    try {
      BufferFiles.writeNumber(file.get(), value);
    } catch (IOException e) {
      throw new GatewayException(GatewayException.Code.STORAGE_FAILED, e.getMessage(), e);
    }
  }
}
