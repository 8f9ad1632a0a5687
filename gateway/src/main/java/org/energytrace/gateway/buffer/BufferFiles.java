package org.energytrace.gateway.buffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;
import org.energytrace.gateway.model.GatewayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** File primitives the durable buffer's files share: checksums, full reads, atomic replace. */
final class BufferFiles {

  private static final Logger log = LoggerFactory.getLogger(BufferFiles.class);

  private BufferFiles() {}

  /** CRC32C of (first index, count, payload): a record's checksum covers where it belongs. */
  static int crc(long first, int count, byte[] payload) {
    CRC32C crc = new CRC32C();
    ByteBuffer head = ByteBuffer.allocate(12).putLong(first).putInt(count).flip();
    crc.update(head);
    crc.update(payload);
    return (int) crc.getValue();
  }

  /** Reads until the buffer is full or the file ends; returns the bytes read. */
  static int readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
    int total = 0;
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, position + total);
      if (n < 0) {
        break;
      }
      total += n;
    }
    return total;
  }

  /**
   * Writes a number as a line of text to {@code target}: a temporary file, fsynced, then moved over
   * the target atomically. A failure names the file it concerns.
   */
  static void writeNumber(Path target, long value) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    try (FileChannel channel =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      channel.write(ByteBuffer.wrap((value + "\n").getBytes(StandardCharsets.US_ASCII)));
      channel.force(true);
    } catch (IOException e) {
      throw new IOException("cannot write " + tmp + ": " + e, e);
    }
    try {
      replace(tmp, target);
    } catch (IOException e) {
      throw new IOException("cannot replace " + target + ": " + e, e);
    }
  }

  /** Moves {@code tmp} over {@code target} atomically where the file system can. */
  static void replace(Path tmp, Path target) throws IOException {
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Makes a created, renamed or deleted file's directory entry durable. */
  static void forceDirectory(Path dir) {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // Some file systems cannot fsync a directory; the segment's own fsync still holds its data.
      log.debug("buffer {}: directory fsync not supported: {}", dir, e.toString());
    }
  }

  static GatewayException storage(String message, Throwable cause) {
    return new GatewayException(GatewayException.Code.STORAGE_FAILED, message, cause);
  }
}
