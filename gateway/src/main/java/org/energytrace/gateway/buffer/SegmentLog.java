package org.energytrace.gateway.buffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only log of the durable buffer: segment files of checksummed records, each record
 * holding consecutive readings from a sequential index. Appends roll to a new segment at the
 * segment size; {@link #sync} makes them durable with one fsync for every append written before it
 * started (group commit). At start the files are scanned and a torn or corrupt tail is cut off.
 * Everything but {@link #sync} runs under the buffer's lock.
 */
final class SegmentLog {

  static final String SUFFIX = ".seg";

  /** length of payload, CRC32C of (first index, count, payload), first index, count. */
  static final int HEADER_BYTES = 4 + 4 + 8 + 4;

  private static final Logger log = LoggerFactory.getLogger(SegmentLog.class);

  /** A record's header as read back. */
  record Header(int length, long first, int count) {
    long end() {
      return first + count;
    }
  }

  private final Path dir;
  private final long segmentBytes;
  private final ReentrantLock lock;
  private final Consumer<Segment> onRoll;
  private final Object syncLock = new Object();
  private final TreeMap<Long, Segment> segments = new TreeMap<>();
  private Segment writeSegment;
  private FileChannel writeChannel;
  private long tail;
  private long totalBytes;
  private long writtenTotal;
  private long syncedTotal; // guarded by syncLock

  /**
   * @param lock the buffer's lock, under which every method but {@link #sync} is called
   * @param onRoll told of each new segment
   */
  SegmentLog(Path dir, long segmentBytes, ReentrantLock lock, Consumer<Segment> onRoll) {
    this.dir = dir;
    this.segmentBytes = segmentBytes;
    this.lock = lock;
    this.onRoll = onRoll;
  }

  /**
   * Scans the segment files, cutting each at its first torn or corrupt record; the next index
   * continues after the last record, or after {@code savedAck} and the last file's name when no
   * record is left.
   */
  void recover(long savedAck) throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
      stream.forEach(files::add);
    }
    TreeMap<Long, Path> byFirst = new TreeMap<>();
    for (Path file : files) {
      String name = file.getFileName().toString();
      try {
        byFirst.put(Long.parseLong(name.substring(0, name.length() - SUFFIX.length())), file);
      } catch (NumberFormatException e) {
        log.warn("buffer {}: ignoring unexpected file {}", dir, file.getFileName());
      }
    }
    for (Map.Entry<Long, Path> entry : byFirst.entrySet()) {
      Segment segment = new Segment(entry.getKey(), entry.getValue());
      scan(segment);
      if (segment.bytes == 0) {
        Files.deleteIfExists(segment.path);
      } else {
        segments.put(segment.first, segment);
        totalBytes += segment.bytes;
      }
    }
    tail =
        segments.isEmpty()
            ? Math.max(savedAck, byFirst.isEmpty() ? 0 : byFirst.lastKey())
            : segments.lastEntry().getValue().end;
  }

  /** Validates a segment's records, cutting it at the first torn or corrupt one. */
  private void scan(Segment segment) throws IOException {
    try (FileChannel channel =
        FileChannel.open(segment.path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long size = channel.size();
      long offset = 0;
      long expected = segment.first;
      ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
      while (offset < size) {
        String problem = null;
        header.clear();
        if (BufferFiles.readFully(channel, header, offset) < HEADER_BYTES) {
          problem = "torn header";
        } else {
          header.flip();
          int length = header.getInt();
          int crc = header.getInt();
          long first = header.getLong();
          int count = header.getInt();
          if (length < 0 || offset + HEADER_BYTES + length > size || count <= 0) {
            problem = "torn record";
          } else if (first != expected) {
            problem = "record starts at index " + first + ", expected " + expected;
          } else {
            ByteBuffer payload = ByteBuffer.allocate(length);
            BufferFiles.readFully(channel, payload, offset + HEADER_BYTES);
            if (BufferFiles.crc(first, count, payload.array()) != crc) {
              problem = "checksum mismatch";
            } else {
              offset += HEADER_BYTES + length;
              expected = first + count;
            }
          }
        }
        if (problem != null) {
          log.warn(
              "buffer {}: {} at byte {} of {}: cutting the segment there ({} bytes discarded)",
              dir,
              problem,
              offset,
              segment.path.getFileName(),
              size - offset);
          channel.truncate(offset);
          channel.force(true);
          break;
        }
      }
      segment.bytes = offset;
      segment.end = expected;
    }
  }

  /** One past the last index written. */
  long tail() {
    return tail;
  }

  long bytes() {
    return totalBytes;
  }

  boolean isEmpty() {
    return segments.isEmpty();
  }

  Segment oldest() {
    return segments.isEmpty() ? null : segments.firstEntry().getValue();
  }

  /** The segment after {@code segment}, or null when it is the newest. */
  Segment after(Segment segment) {
    Map.Entry<Long, Segment> next = segments.higherEntry(segment.first);
    return next == null ? null : next.getValue();
  }

  boolean isWriting(Segment segment) {
    return segment == writeSegment;
  }

  /** Whether a record of this many bytes fits under the bound. */
  boolean fits(long recordBytes, long maxBytes) {
    return totalBytes + recordBytes <= maxBytes;
  }

  /**
   * Writes one record of {@code count} readings at the tail (not yet durable: {@link #sync}).
   * Returns the mark to sync up to.
   */
  long append(byte[] payload, int count) {
    long recordBytes = HEADER_BYTES + (long) payload.length;
    if (writeSegment == null
        || (writeSegment.bytes > 0 && writeSegment.bytes + recordBytes > segmentBytes)) {
      roll();
    }
    long first = tail;
    ByteBuffer record = ByteBuffer.allocate((int) recordBytes);
    record
        .putInt(payload.length)
        .putInt(BufferFiles.crc(first, count, payload))
        .putLong(first)
        .putInt(count)
        .put(payload)
        .flip();
    try {
      long position = writeSegment.bytes;
      while (record.hasRemaining()) {
        position += writeChannel.write(record, position);
      }
    } catch (IOException e) {
      try {
        writeChannel.truncate(writeSegment.bytes);
      } catch (IOException ignored) {
        // the record is not counted; recovery cuts any torn bytes after the last good record
      }
      throw BufferFiles.storage(
          "cannot write buffer segment " + writeSegment.path + " (disk full?): " + e, e);
    }
    writeSegment.bytes += recordBytes;
    writeSegment.end = first + count;
    totalBytes += recordBytes;
    tail = first + count;
    writtenTotal += recordBytes;
    return writtenTotal;
  }

  /** Group commit: one fsync covers every append written before it started. Not under the lock. */
  void sync(long upTo) {
    synchronized (syncLock) {
      if (syncedTotal >= upTo) {
        return;
      }
      long target;
      FileChannel channel;
      lock.lock();
      try {
        target = writtenTotal;
        channel = writeChannel;
      } finally {
        lock.unlock();
      }
      try {
        channel.force(false);
      } catch (ClosedChannelException e) {
        // rolled over meanwhile: roll() forces a segment before closing it
      } catch (IOException e) {
        throw BufferFiles.storage("cannot fsync buffer " + dir + ": " + e, e);
      }
      syncedTotal = Math.max(syncedTotal, target);
    }
  }

  /** Starts a new segment named after the next index. */
  void roll() {
    try {
      if (writeChannel != null) {
        writeChannel.force(false);
        writeChannel.close();
      }
      Segment segment = new Segment(tail, dir.resolve(String.format("%020d", tail) + SUFFIX));
      writeChannel =
          FileChannel.open(
              segment.path,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING);
      BufferFiles.forceDirectory(dir);
      writeSegment = segment;
      segments.put(segment.first, segment);
      onRoll.accept(segment);
    } catch (IOException e) {
      throw BufferFiles.storage("cannot create a buffer segment in " + dir + ": " + e, e);
    }
  }

  /** Reads the header of the record at {@code offset}. */
  static Header header(FileChannel channel, long offset) throws IOException {
    ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
    if (BufferFiles.readFully(channel, header, offset) < HEADER_BYTES) {
      throw new IOException("short header");
    }
    header.flip();
    int length = header.getInt();
    header.getInt();
    return new Header(length, header.getLong(), header.getInt());
  }

  /** Deletes a segment file (its readings were delivered or dropped). */
  void remove(Segment segment) {
    segments.remove(segment.first);
    totalBytes -= segment.bytes;
    try {
      Files.deleteIfExists(segment.path);
    } catch (IOException e) {
      log.error("buffer {}: cannot delete {}: {}", dir, segment.path, e.toString());
    }
  }

  void close() throws IOException {
    if (writeChannel != null) {
      writeChannel.force(false);
      writeChannel.close();
    }
  }
}
