package org.energytrace.gateway.publish;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.energytrace.gateway.GatewayException;

/**
 * The gateway's message sequence number, persisted in {@code {data_dir}/seq} so it keeps growing
 * across restarts (docs/asyncapi.yaml). The next number is written and fsynced before a number is
 * handed out: a crash may skip a number, never reuse one.
 */
public final class SeqStore {

  private final Path file;
  private long next;

  public SeqStore(Path dataDir) {
    this.file = dataDir.resolve("seq");
    try {
      Files.createDirectories(dataDir);
      if (Files.exists(file)) {
        String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
        next = Long.parseLong(text);
        if (next < 0) {
          throw new NumberFormatException("negative");
        }
      }
    } catch (IOException | NumberFormatException e) {
      throw new GatewayException(
          GatewayException.Code.STORAGE_FAILED, "cannot read sequence file " + file + ": " + e, e);
    }
  }

  /** Returns the next sequence number, after persisting the one following it. */
  public synchronized long next() {
    long seq = next;
    persist(seq + 1);
    next = seq + 1;
    return seq;
  }

  /** The number {@link #next()} will return. */
  public synchronized long peek() {
    return next;
  }

  private void persist(long value) {
    Path tmp = file.resolveSibling("seq.tmp");
    try (FileChannel channel =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      channel.write(ByteBuffer.wrap((value + "\n").getBytes(StandardCharsets.US_ASCII)));
      channel.force(true);
    } catch (IOException e) {
      throw new GatewayException(GatewayException.Code.STORAGE_FAILED, "cannot write " + tmp, e);
    }
    try {
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new GatewayException(GatewayException.Code.STORAGE_FAILED, "cannot replace " + file, e);
    }
  }
}
