package org.energytrace.gateway.buffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.zip.CRC32C;
import org.energytrace.gateway.model.GatewayException;
import org.energytrace.gateway.model.OverflowPolicy;
import org.energytrace.gateway.model.Reading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable {@link ReadingBuffer}: an append-only log of segment files in one directory.
 *
 * <p><b>Durability.</b> {@link #append} writes one checksummed record per call and returns only
 * after {@code fsync} (concurrent appenders share one fsync: group commit). Every reading gets a
 * sequential index. A reading leaves the buffer when the publisher commits it (broker PUBACK); the
 * lowest index not yet committed (the <i>ack</i>) is written to {@code ack} with fsync and atomic
 * rename. After a crash ({@code kill -9}, power loss) the log is scanned, a torn tail record is cut
 * off, and everything from the ack on is replayed: readings that reached the buffer are never lost;
 * some may be published twice (the server de-duplicates on meter, channel, timestamp).
 *
 * <p><b>Order.</b> Released batches come back first; then live readings (appended since the
 * publisher last caught up, held in memory up to {@code liveCapacity}); then the backlog on disk,
 * oldest first, at most {@code replayRate} readings per second, so that live data keeps flowing
 * while hours of backlog replay.
 *
 * <p><b>Bounds.</b> At most {@code maxBytes} on disk. When full, {@link OverflowPolicy#DROP_OLDEST}
 * (the default: keep newest) deletes the oldest segment and counts the readings in it that were
 * never delivered; {@link OverflowPolicy#DROP_NEWEST} refuses the new readings and counts them.
 * Either way a warning says how many were dropped; nothing is discarded silently.
 *
 * <p><b>Sealed batches.</b> {@link #seal} writes the batch's sequence numbers, {@code sent_at},
 * reading indexes and readings to the journal {@code sealed} and fsyncs it before the first message
 * can go out; a commit appends an "acknowledged" mark. At start-up every sealed batch without that
 * mark is queued to be sent again first, unchanged, and its readings are kept out of the replay;
 * the readings of acknowledged ones count as delivered even where the lazily written {@code ack}
 * lags behind. So a reading is never published under two numbers and every number is published. The
 * journal is rewritten (the next number, what is unacknowledged, and the indexes of what was
 * acknowledged beyond {@code ack}) when it passes 1 MiB and at start.
 */
public final class FileReadingBuffer implements ReadingBuffer, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(FileReadingBuffer.class);

  static final String SEGMENT_SUFFIX = ".seg";
  static final String ACK_FILE = "ack";
  static final String SEALED_FILE = "sealed";
  private static final long SEALED_COMPACT_BYTES = 1L << 20;
  private static final byte SEAL = 1;
  private static final byte ACKED = 2;
  private static final byte NEXT = 3;
  private static final byte SETTLED = 4;
  private static final String LOCK_FILE = "lock";

  /** length of payload, CRC32C of (first index, count, payload), first index, count. */
  static final int HEADER_BYTES = 4 + 4 + 8 + 4;

  private static final long ACK_PERSIST_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
  private static final long DROP_LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

  /** One segment file, named after the index of its first reading. */
  private static final class Segment {
    final long first;
    final Path path;
    long bytes;
    long end; // one past the last index in this segment

    Segment(long first, Path path) {
      this.first = first;
      this.path = path;
      this.end = first;
    }
  }

  private record Indexed(long index, Reading reading) {}

  private record Claimed(long[] indexes, Instant oldest, Optional<Seal> seal) {
    Claimed(long[] indexes, Instant oldest) {
      this(indexes, oldest, Optional.empty());
    }
  }

  /** A sealed batch not yet acknowledged, with its journal record for rewriting the journal. */
  private record Sealed(
      Seal seal, long[] indexes, List<Reading> readings, Instant oldest, byte[] record) {}

  private final Path dir;
  private final long maxBytes;
  private final long segmentBytes;
  private final OverflowPolicy policy;
  private final double replayRate;
  private final int liveCapacity;
  private final LongSupplier nanoTime;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition available = lock.newCondition();
  private final Object syncLock = new Object();
  private final FileChannel lockChannel;
  private final FileLock dirLock;

  // ---- the log (guarded by lock)
  private final TreeMap<Long, Segment> segments = new TreeMap<>();
  private Segment writeSegment;
  private FileChannel writeChannel;
  private long tailIndex;
  private long totalBytes;
  private long writtenTotal;
  private long syncedTotal; // guarded by syncLock

  // ---- consumption (guarded by lock)
  private final Deque<Indexed> redo = new ArrayDeque<>();
  private final Deque<Indexed> live = new ArrayDeque<>();
  private final LongRanges taken = new LongRanges();
  private final LongRanges settled = new LongRanges();
  private final Map<Long, Claimed> claimed = new HashMap<>();
  private long ack;
  private long persistedAck = -1;
  private long lastAckPersistNanos;
  private Segment headSegment;
  private long headOffset;
  private final Deque<Indexed> headPending = new ArrayDeque<>();
  private FileChannel headChannel;
  private Segment headChannelSegment;
  private double tokens;
  private long lastRefillNanos;
  private long nextBatchId;
  private long dropped;
  private long droppedSinceLog;
  private long lastDropLogNanos;
  private boolean closed;

  // ---- sealed batches (state guarded by lock; the journal file by journalLock)
  private final SeqStore seqFloor;
  private final Object journalLock = new Object();
  private final TreeMap<Long, Sealed> unacked = new TreeMap<>();
  private final TreeMap<Long, Sealed> sealedWaiting = new TreeMap<>();
  private final TreeMap<Long, long[]> ackedIndexes = new TreeMap<>();
  private FileChannel journal;
  private long journalBytes;
  private long nextSeq;

  /**
   * Opens (or creates) the buffer in {@code dir}, recovering whatever a previous process left.
   *
   * @param replayRate backlog readings per second; 0 for unlimited
   */
  public FileReadingBuffer(
      Path dir, long maxBytes, OverflowPolicy policy, int replayRate, int liveCapacity) {
    this(dir, maxBytes, policy, replayRate, liveCapacity, SeqStore.inMemory(), System::nanoTime);
  }

  /**
   * @param seqFloor the gateway's sequence file: numbering continues from it when the journal is
   *     new (an upgrade, a switch from the memory buffer), and it is kept up to date
   */
  public FileReadingBuffer(
      Path dir,
      long maxBytes,
      OverflowPolicy policy,
      int replayRate,
      int liveCapacity,
      SeqStore seqFloor) {
    this(dir, maxBytes, policy, replayRate, liveCapacity, seqFloor, System::nanoTime);
  }

  FileReadingBuffer(
      Path dir,
      long maxBytes,
      OverflowPolicy policy,
      int replayRate,
      int liveCapacity,
      LongSupplier nanoTime) {
    this(dir, maxBytes, policy, replayRate, liveCapacity, SeqStore.inMemory(), nanoTime);
  }

  FileReadingBuffer(
      Path dir,
      long maxBytes,
      OverflowPolicy policy,
      int replayRate,
      int liveCapacity,
      SeqStore seqFloor,
      LongSupplier nanoTime) {
    if (maxBytes < 64 * 1024) {
      throw new IllegalArgumentException("buffer max_bytes must be at least 64 KiB");
    }
    if (replayRate < 0 || liveCapacity < 1) {
      throw new IllegalArgumentException("replay rate must be >= 0 and live capacity >= 1");
    }
    this.dir = dir;
    this.maxBytes = maxBytes;
    this.segmentBytes = Math.max(16 * 1024, Math.min(16L * 1024 * 1024, maxBytes / 8));
    this.policy = policy;
    this.replayRate = replayRate;
    this.liveCapacity = liveCapacity;
    this.nanoTime = nanoTime;
    this.seqFloor = Objects.requireNonNull(seqFloor, "seqFloor");
    this.lastRefillNanos = nanoTime.getAsLong();
    this.tokens = replayRate;
    try {
      Files.createDirectories(dir);
      lockChannel =
          FileChannel.open(
              dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock acquired;
      try {
        acquired = lockChannel.tryLock();
      } catch (OverlappingFileLockException e) {
        acquired = null; // held by this very JVM
      }
      dirLock = acquired;
      if (dirLock == null) {
        lockChannel.close();
        throw storage("buffer " + dir + " is in use by another gateway process", null);
      }
      recover();
      recoverSealed();
    } catch (IOException e) {
      throw storage("cannot open buffer " + dir + ": " + e, e);
    }
  }

  public Path directory() {
    return dir;
  }

  // ------------------------------------------------------------------ recovery

  private void recover() throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*" + SEGMENT_SUFFIX)) {
      stream.forEach(files::add);
    }
    TreeMap<Long, Path> byFirst = new TreeMap<>();
    for (Path file : files) {
      String name = file.getFileName().toString();
      try {
        byFirst.put(
            Long.parseLong(name.substring(0, name.length() - SEGMENT_SUFFIX.length())), file);
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
    long savedAck = readAck();
    if (segments.isEmpty()) {
      tailIndex = Math.max(savedAck, byFirst.isEmpty() ? 0 : byFirst.lastKey());
      ack = tailIndex;
    } else {
      tailIndex = segments.lastEntry().getValue().end;
      ack = Math.max(Math.min(savedAck, tailIndex), segments.firstKey());
    }
    persistedAck = savedAck;
    deleteSettledSegments();
    headSegment = segments.isEmpty() ? null : segments.firstEntry().getValue();
    headOffset = 0;
    if (tailIndex > ack) {
      log.info(
          "buffer {}: recovered {} readings not yet delivered (indexes {}..{})",
          dir,
          tailIndex - ack,
          ack,
          tailIndex - 1);
    }
  }

  /**
   * Reads the journal of sealed batches: those without an acknowledgement wait to be sent again,
   * their readings leave the replay, and numbering continues after the highest number used.
   */
  private void recoverSealed() throws IOException {
    Path file = dir.resolve(SEALED_FILE);
    long next = seqFloor.peek();
    Map<Long, Sealed> found = new TreeMap<>();
    Map<Long, long[]> delivered = new TreeMap<>();
    if (Files.exists(file)) {
      try (FileChannel channel =
          FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        long size = channel.size();
        long offset = 0;
        ByteBuffer header = ByteBuffer.allocate(8);
        while (offset < size) {
          String problem = null;
          header.clear();
          if (readFully(channel, header, offset) < 8) {
            problem = "torn header";
          } else {
            header.flip();
            int length = header.getInt();
            int crc = header.getInt();
            if (length <= 0 || offset + 8 + length > size) {
              problem = "torn record";
            } else {
              ByteBuffer payload = ByteBuffer.allocate(length);
              readFully(channel, payload, offset + 8);
              if (crc(0, 0, payload.array()) != crc) {
                problem = "checksum mismatch";
              } else {
                next = Math.max(next, applyJournalRecord(payload.array(), found, delivered));
                offset += 8 + length;
              }
            }
          }
          if (problem != null) {
            log.warn(
                "buffer {}: {} at byte {} of {}: cutting the journal there",
                dir,
                problem,
                offset,
                SEALED_FILE);
            channel.truncate(offset);
            channel.force(true);
            break;
          }
        }
      }
    }
    nextSeq = next;
    // acknowledged batches: their readings are delivered even if the ack file lags behind them
    for (Map.Entry<Long, long[]> e : delivered.entrySet()) {
      boolean beyondAck = false;
      for (long index : e.getValue()) {
        if (index >= ack) {
          settled.add(index, index + 1);
          beyondAck = true;
        }
      }
      if (beyondAck) {
        ackedIndexes.put(e.getKey(), e.getValue());
      }
    }
    for (Sealed sealed : found.values()) {
      unacked.put(sealed.seal().firstSeq(), sealed);
      sealedWaiting.put(sealed.seal().firstSeq(), sealed);
      for (long index : sealed.indexes()) {
        if (index >= ack) {
          taken.add(index, index + 1);
        }
      }
    }
    if (!found.isEmpty()) {
      log.info(
          "buffer {}: {} sealed batches not acknowledged (seq {}..): sending them again first",
          dir,
          found.size(),
          unacked.firstKey());
    }
    advanceAck(true);
    synchronized (journalLock) {
      rewriteJournal(List.copyOf(unacked.values()), Map.copyOf(ackedIndexes), nextSeq);
    }
  }

  /** Applies one journal record; returns the next number it implies. */
  private static long applyJournalRecord(
      byte[] payload, Map<Long, Sealed> found, Map<Long, long[]> delivered) throws IOException {
    ByteBuffer in = ByteBuffer.wrap(payload);
    byte type = in.get();
    switch (type) {
      case SEAL -> {
        long firstSeq = in.getLong();
        int messages = in.getInt();
        Instant sentAt = Instant.ofEpochMilli(in.getLong());
        int n = in.getInt();
        if (n <= 0 || n > payload.length / 8) {
          throw new IOException("bad sealed batch of " + n + " readings");
        }
        long[] indexes = new long[n];
        for (int i = 0; i < n; i++) {
          indexes[i] = in.getLong();
        }
        byte[] readingBytes = new byte[in.remaining()];
        in.get(readingBytes);
        List<Reading> readings = ReadingRecordCodec.decode(readingBytes, n);
        found.put(
            firstSeq,
            new Sealed(
                new Seal(firstSeq, messages, sentAt),
                indexes,
                readings,
                oldestOf(readings),
                payload));
        return firstSeq + messages;
      }
      case ACKED -> {
        Sealed done = found.remove(in.getLong());
        if (done != null) {
          delivered.put(done.seal().firstSeq(), done.indexes());
        }
        return 0;
      }
      case SETTLED -> {
        long firstSeq = in.getLong();
        int n = in.getInt();
        if (n <= 0 || n > payload.length / 8) {
          throw new IOException("bad settled batch of " + n + " readings");
        }
        long[] indexes = new long[n];
        for (int i = 0; i < n; i++) {
          indexes[i] = in.getLong();
        }
        delivered.put(firstSeq, indexes);
        return 0;
      }
      case NEXT -> {
        return in.getLong();
      }
      default -> throw new IOException("unknown journal record type " + type);
    }
  }

  private static long max(long[] values) {
    long max = Long.MIN_VALUE;
    for (long v : values) {
      max = Math.max(max, v);
    }
    return max;
  }

  private static Instant oldestOf(List<Reading> readings) {
    Instant oldest = Instant.MAX;
    for (Reading r : readings) {
      if (r.ts().isBefore(oldest)) {
        oldest = r.ts();
      }
    }
    return oldest;
  }

  private static byte[] sealRecord(Seal seal, long[] indexes, List<Reading> readings) {
    byte[] encoded = ReadingRecordCodec.encode(readings);
    ByteBuffer out = ByteBuffer.allocate(1 + 8 + 4 + 8 + 4 + indexes.length * 8 + encoded.length);
    out.put(SEAL)
        .putLong(seal.firstSeq())
        .putInt(seal.messages())
        .putLong(seal.sentAt().toEpochMilli())
        .putInt(indexes.length);
    for (long index : indexes) {
      out.putLong(index);
    }
    out.put(encoded);
    return out.array();
  }

  private static byte[] settledRecord(long firstSeq, long[] indexes) {
    ByteBuffer out = ByteBuffer.allocate(1 + 8 + 4 + indexes.length * 8);
    out.put(SETTLED).putLong(firstSeq).putInt(indexes.length);
    for (long index : indexes) {
      out.putLong(index);
    }
    return out.array();
  }

  private static byte[] smallRecord(byte type, long value) {
    return ByteBuffer.allocate(9).put(type).putLong(value).array();
  }

  /** Appends a record to the journal; caller holds journalLock. */
  private void appendJournal(byte[] payload, boolean force) throws IOException {
    ByteBuffer record =
        ByteBuffer.allocate(8 + payload.length)
            .putInt(payload.length)
            .putInt(crc(0, 0, payload))
            .put(payload)
            .flip();
    while (record.hasRemaining()) {
      journalBytes += journal.write(record, journalBytes);
    }
    if (force) {
      journal.force(false);
    }
  }

  /**
   * Replaces the journal by the next number and the unacknowledged batches (fsync, atomic rename)
   * and brings the sequence file up to date; caller holds journalLock.
   */
  private void rewriteJournal(List<Sealed> keep, Map<Long, long[]> delivered, long next)
      throws IOException {
    Path tmp = dir.resolve(SEALED_FILE + ".tmp");
    if (journal != null) {
      journal.close();
    }
    journal =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING);
    journalBytes = 0;
    appendJournal(smallRecord(NEXT, next), false);
    for (Sealed sealed : keep) {
      appendJournal(sealed.record(), false);
    }
    for (Map.Entry<Long, long[]> e : delivered.entrySet()) {
      appendJournal(settledRecord(e.getKey(), e.getValue()), false);
    }
    journal.force(true);
    try {
      Files.move(
          tmp,
          dir.resolve(SEALED_FILE),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, dir.resolve(SEALED_FILE), StandardCopyOption.REPLACE_EXISTING);
    }
    forceDirectory();
    seqFloor.advanceTo(next);
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
        if (readFully(channel, header, offset) < HEADER_BYTES) {
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
            readFully(channel, payload, offset + HEADER_BYTES);
            if (crc(first, count, payload.array()) != crc) {
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

  private long readAck() throws IOException {
    Path file = dir.resolve(ACK_FILE);
    if (!Files.exists(file)) {
      return 0;
    }
    String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
    try {
      return Math.max(0, Long.parseLong(text));
    } catch (NumberFormatException e) {
      // Written with fsync and atomic rename, so this means someone edited it: replay everything.
      log.warn("buffer {}: unreadable ack file '{}'; replaying from the oldest segment", dir, text);
      return 0;
    }
  }

  // ------------------------------------------------------------------ append

  @Override
  public void append(List<Reading> readings) {
    if (readings.isEmpty()) {
      return;
    }
    byte[] payload = ReadingRecordCodec.encode(readings);
    long myEnd;
    long first;
    lock.lock();
    try {
      if (closed) {
        throw storage("buffer " + dir + " is closed", null);
      }
      long recordBytes = HEADER_BYTES + (long) payload.length;
      if (!makeRoom(recordBytes, readings.size())) {
        return;
      }
      if (writeSegment == null
          || (writeSegment.bytes > 0 && writeSegment.bytes + recordBytes > segmentBytes)) {
        roll();
      }
      first = tailIndex;
      ByteBuffer record = ByteBuffer.allocate((int) recordBytes);
      record
          .putInt(payload.length)
          .putInt(crc(first, readings.size(), payload))
          .putLong(first)
          .putInt(readings.size())
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
        throw storage(
            "cannot write buffer segment " + writeSegment.path + " (disk full?): " + e, e);
      }
      writeSegment.bytes += recordBytes;
      writeSegment.end = first + readings.size();
      totalBytes += recordBytes;
      tailIndex = first + readings.size();
      writtenTotal += recordBytes;
      myEnd = writtenTotal;
    } finally {
      lock.unlock();
    }
    sync(myEnd);
    lock.lock();
    try {
      for (int i = 0; i < readings.size(); i++) {
        live.addLast(new Indexed(first + i, readings.get(i)));
      }
      // Live readings beyond the bound stay on disk; the head will replay them in order.
      while (live.size() > liveCapacity) {
        live.pollFirst();
      }
      available.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Group commit: one fsync covers every append written before it started. */
  private void sync(long upTo) {
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
        throw storage("cannot fsync buffer " + dir + ": " + e, e);
      }
      syncedTotal = Math.max(syncedTotal, target);
    }
  }

  /** Starts a new segment named after the next index. Caller holds the lock. */
  private void roll() {
    try {
      if (writeChannel != null) {
        writeChannel.force(false);
        writeChannel.close();
      }
      Segment segment =
          new Segment(tailIndex, dir.resolve(String.format("%020d", tailIndex) + SEGMENT_SUFFIX));
      writeChannel =
          FileChannel.open(
              segment.path,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING);
      forceDirectory();
      writeSegment = segment;
      segments.put(segment.first, segment);
      if (headSegment == null) {
        headSegment = segment;
        headOffset = 0;
      }
    } catch (IOException e) {
      throw storage("cannot create a buffer segment in " + dir + ": " + e, e);
    }
  }

  /** Applies the overflow policy; false when the new readings must be dropped. */
  private boolean makeRoom(long recordBytes, int count) {
    if (totalBytes + recordBytes <= maxBytes) {
      return true;
    }
    if (policy == OverflowPolicy.DROP_OLDEST) {
      while (totalBytes + recordBytes > maxBytes && !segments.isEmpty()) {
        Segment oldest = segments.firstEntry().getValue();
        if (oldest == writeSegment) {
          if (oldest.bytes == 0) {
            break;
          }
          roll();
        }
        dropSegment(oldest);
      }
      if (totalBytes + recordBytes <= maxBytes) {
        return true;
      }
    }
    noteDropped(
        count, policy == OverflowPolicy.DROP_OLDEST ? "newest (record too large)" : "newest");
    return false;
  }

  /** Deletes the oldest segment to make room; its undelivered readings are counted as dropped. */
  private void dropSegment(Segment segment) {
    long from = Math.max(segment.first, ack);
    // Beyond the ack, everything settled was claimed first, so "not taken" means never sent.
    long lost = Math.max(0, segment.end - from) - taken.count(from, segment.end);
    settled.add(segment.first, segment.end);
    live.removeIf(e -> e.index() < segment.end);
    if (headSegment == segment) {
      Map.Entry<Long, Segment> next = segments.higherEntry(segment.first);
      headSegment = next == null ? null : next.getValue();
      headOffset = 0;
      headPending.clear();
    }
    removeSegment(segment);
    advanceAck(true);
    noteDropped(lost, "oldest");
  }

  private void noteDropped(long count, String which) {
    if (count <= 0) {
      return;
    }
    dropped += count;
    droppedSinceLog += count;
    long now = nanoTime.getAsLong();
    if (lastDropLogNanos == 0 || now - lastDropLogNanos >= DROP_LOG_INTERVAL_NANOS) {
      log.warn(
          "buffer {} full ({} bytes, policy {}): dropped {} {} readings ({} in total)",
          dir,
          maxBytes,
          policy.name().toLowerCase(Locale.ROOT),
          droppedSinceLog,
          which,
          dropped);
      droppedSinceLog = 0;
      lastDropLogNanos = now;
    }
  }

  // ------------------------------------------------------------------ claim / commit / release

  @Override
  public Optional<Batch> claim(int max, Duration wait) throws InterruptedException {
    if (max < 1) {
      throw new IllegalArgumentException("max must be positive");
    }
    lock.lock();
    try {
      long deadline = System.nanoTime() + wait.toNanos();
      while (true) {
        if (!sealedWaiting.isEmpty()) {
          Sealed sealed = sealedWaiting.pollFirstEntry().getValue();
          Batch batch = new Batch(nextBatchId++, sealed.readings(), Optional.of(sealed.seal()));
          claimed.put(
              batch.id(),
              new Claimed(sealed.indexes(), sealed.oldest(), Optional.of(sealed.seal())));
          return Optional.of(batch);
        }
        List<Indexed> taking = take(max);
        if (!taking.isEmpty()) {
          long[] indexes = new long[taking.size()];
          List<Reading> readings = new ArrayList<>(taking.size());
          Instant oldest = Instant.MAX;
          for (int i = 0; i < indexes.length; i++) {
            indexes[i] = taking.get(i).index();
            Reading r = taking.get(i).reading();
            readings.add(r);
            if (r.ts().isBefore(oldest)) {
              oldest = r.ts();
            }
          }
          Batch batch = new Batch(nextBatchId++, readings);
          claimed.put(batch.id(), new Claimed(indexes, oldest));
          return Optional.of(batch);
        }
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0 || closed) {
          return Optional.empty();
        }
        long waitNanos = remaining;
        if (replayRate > 0 && headSegment != null) {
          waitNanos = Math.min(waitNanos, (long) (1e9 / replayRate) + 1_000_000);
        }
        available.awaitNanos(waitNanos);
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Fills a batch: released readings first, then live ones, then the rest from the backlog on disk
   * within the replay budget. Filling from the backlog even when live readings are waiting is what
   * keeps a steady live flow from starving the replay.
   */
  private List<Indexed> take(int max) {
    List<Indexed> out = new ArrayList<>(Math.min(max, 256));
    while (out.size() < max && !redo.isEmpty()) {
      out.add(redo.pollFirst());
    }
    while (out.size() < max && !live.isEmpty()) {
      Indexed e = live.pollFirst();
      if (e.index() >= ack && !settled.contains(e.index()) && !taken.contains(e.index())) {
        taken.add(e.index(), e.index() + 1);
        out.add(e);
      }
    }
    if (out.size() < max) {
      int allowance = replayAllowance(max - out.size());
      int fromHead = 0;
      while (fromHead < allowance) {
        Indexed e = nextFromHead();
        if (e == null) {
          break;
        }
        taken.add(e.index(), e.index() + 1);
        out.add(e);
        fromHead++;
      }
      if (replayRate > 0) {
        tokens -= fromHead;
      }
    }
    return out;
  }

  private int replayAllowance(int max) {
    if (replayRate <= 0) {
      return max;
    }
    long now = nanoTime.getAsLong();
    tokens =
        Math.min(Math.max(replayRate, max), tokens + (now - lastRefillNanos) / 1e9 * replayRate);
    lastRefillNanos = now;
    return (int) Math.min(max, Math.floor(Math.max(0, tokens)));
  }

  /** The next reading of the on-disk backlog that is neither delivered nor in flight. */
  private Indexed nextFromHead() {
    while (true) {
      while (!headPending.isEmpty()) {
        Indexed e = headPending.pollFirst();
        if (e.index() >= ack && !settled.contains(e.index()) && !taken.contains(e.index())) {
          return e;
        }
      }
      if (headSegment == null) {
        return null;
      }
      if (headOffset >= headSegment.bytes) {
        Map.Entry<Long, Segment> next = segments.higherEntry(headSegment.first);
        if (next == null) {
          return null; // caught up with the writer
        }
        headSegment = next.getValue();
        headOffset = 0;
        continue;
      }
      try {
        readHeadRecord();
      } catch (IOException e) {
        log.error(
            "buffer {}: cannot read {} at byte {}: {}; skipping the rest of that segment",
            dir,
            headSegment.path.getFileName(),
            headOffset,
            e.toString());
        headOffset = headSegment.bytes;
      }
    }
  }

  private void readHeadRecord() throws IOException {
    if (headChannelSegment != headSegment) {
      if (headChannel != null) {
        headChannel.close();
      }
      headChannel = FileChannel.open(headSegment.path, StandardOpenOption.READ);
      headChannelSegment = headSegment;
    }
    ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
    if (readFully(headChannel, header, headOffset) < HEADER_BYTES) {
      throw new IOException("short header");
    }
    header.flip();
    int length = header.getInt();
    header.getInt();
    long first = header.getLong();
    int count = header.getInt();
    long recordEnd = headOffset + HEADER_BYTES + length;
    if (first + count <= ack || taken.covers(first, first + count)) {
      headOffset = recordEnd; // all delivered or in flight: skip without decoding
      return;
    }
    ByteBuffer payload = ByteBuffer.allocate(length);
    if (readFully(headChannel, payload, headOffset + HEADER_BYTES) < length) {
      throw new IOException("short record");
    }
    List<Reading> readings = ReadingRecordCodec.decode(payload.array(), count);
    for (int i = 0; i < readings.size(); i++) {
      headPending.addLast(new Indexed(first + i, readings.get(i)));
    }
    headOffset = recordEnd;
  }

  @Override
  public Batch seal(Batch batch, int messages, Instant sentAt) {
    Claimed c;
    Seal seal;
    lock.lock();
    try {
      c = claimed.get(batch.id());
      if (c == null) {
        throw new IllegalStateException("batch " + batch.id() + " is not claimed");
      }
      if (c.seal().isPresent()) {
        return batch.withSeal(c.seal().get());
      }
      seal = new Seal(nextSeq, messages, sentAt);
      nextSeq += messages;
    } finally {
      lock.unlock();
    }
    // Only the publisher seals, one batch at a time: the number is taken before it is written,
    // and a number whose record never reached the disk was never published either.
    byte[] record = sealRecord(seal, c.indexes(), batch.readings());
    boolean compact;
    synchronized (journalLock) {
      try {
        appendJournal(record, true);
      } catch (IOException e) {
        throw storage("cannot write " + dir.resolve(SEALED_FILE) + ": " + e, e);
      }
      compact = journalBytes > SEALED_COMPACT_BYTES;
    }
    List<Sealed> keep;
    Map<Long, long[]> delivered;
    long next;
    lock.lock();
    try {
      unacked.put(
          seal.firstSeq(), new Sealed(seal, c.indexes(), batch.readings(), c.oldest(), record));
      claimed.put(batch.id(), new Claimed(c.indexes(), c.oldest(), Optional.of(seal)));
      keep = List.copyOf(unacked.values());
      // what the persisted ack already covers needs no record any more
      ackedIndexes.values().removeIf(indexes -> max(indexes) < persistedAck);
      delivered = Map.copyOf(ackedIndexes);
      next = nextSeq;
    } finally {
      lock.unlock();
    }
    if (compact) {
      synchronized (journalLock) {
        try {
          rewriteJournal(keep, delivered, next);
        } catch (IOException e) {
          log.error("buffer {}: cannot rewrite the journal: {}", dir, e.toString());
        }
      }
    }
    return batch.withSeal(seal);
  }

  @Override
  public void commit(Batch batch) {
    Optional<Seal> seal;
    lock.lock();
    try {
      Claimed c = claimed.remove(batch.id());
      if (c == null) {
        return;
      }
      seal = c.seal();
      seal.ifPresent(
          s -> {
            unacked.remove(s.firstSeq());
            ackedIndexes.put(s.firstSeq(), c.indexes());
          });
      addRuns(settled, c.indexes());
      advanceAck(false);
    } finally {
      lock.unlock();
    }
    if (seal.isPresent()) {
      // no fsync: a lost mark only means this batch is sent again, as the same numbers
      synchronized (journalLock) {
        try {
          if (journal != null && journal.isOpen()) {
            appendJournal(smallRecord(ACKED, seal.get().firstSeq()), false);
          }
        } catch (IOException e) {
          log.warn("buffer {}: cannot mark seq {} acknowledged: {}", dir, seal.get(), e.toString());
        }
      }
    }
  }

  @Override
  public void release(Batch batch) {
    lock.lock();
    try {
      Claimed c = claimed.remove(batch.id());
      if (c == null) {
        return;
      }
      if (c.seal().isPresent()) {
        Sealed sealed = unacked.get(c.seal().get().firstSeq());
        if (sealed != null) {
          sealedWaiting.put(sealed.seal().firstSeq(), sealed);
        }
        available.signalAll();
        return;
      }
      List<Reading> readings = batch.readings();
      for (int i = readings.size() - 1; i >= 0; i--) {
        if (c.indexes()[i] >= ack && !settled.contains(c.indexes()[i])) {
          redo.addFirst(new Indexed(c.indexes()[i], readings.get(i)));
        }
      }
      available.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private static void addRuns(LongRanges ranges, long[] indexes) {
    long[] sorted = indexes.clone();
    Arrays.sort(sorted);
    int i = 0;
    while (i < sorted.length) {
      long from = sorted[i];
      long to = from + 1;
      i++;
      while (i < sorted.length && sorted[i] <= to) {
        to = Math.max(to, sorted[i] + 1);
        i++;
      }
      ranges.add(from, to);
    }
  }

  /** Moves the ack over settled readings; persists it and deletes fully delivered segments. */
  private void advanceAck(boolean force) {
    long next = settled.endOfRunFrom(ack);
    ack = Math.max(ack, next);
    settled.removeBelow(ack);
    taken.removeBelow(ack);
    if (ack != persistedAck) {
      long now = nanoTime.getAsLong();
      boolean segmentDone = !segments.isEmpty() && segments.firstEntry().getValue().end <= ack;
      if (force || segmentDone || now - lastAckPersistNanos >= ACK_PERSIST_INTERVAL_NANOS) {
        persistAck();
        lastAckPersistNanos = now;
        deleteSettledSegments();
      }
    }
  }

  private void persistAck() {
    Path tmp = dir.resolve(ACK_FILE + ".tmp");
    try (FileChannel channel =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      channel.write(ByteBuffer.wrap((ack + "\n").getBytes(StandardCharsets.US_ASCII)));
      channel.force(true);
    } catch (IOException e) {
      // Not fatal: an older ack only means more duplicates after a crash.
      log.error("buffer {}: cannot write {}: {}", dir, tmp, e.toString());
      return;
    }
    try {
      try {
        Files.move(
            tmp,
            dir.resolve(ACK_FILE),
            StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, dir.resolve(ACK_FILE), StandardCopyOption.REPLACE_EXISTING);
      }
      persistedAck = ack;
    } catch (IOException e) {
      log.error("buffer {}: cannot replace the ack file: {}", dir, e.toString());
    }
  }

  private void deleteSettledSegments() {
    while (!segments.isEmpty()) {
      Segment oldest = segments.firstEntry().getValue();
      if (oldest == writeSegment || oldest.end > ack || persistedAck < oldest.end) {
        return;
      }
      if (headSegment == oldest) {
        Map.Entry<Long, Segment> next = segments.higherEntry(oldest.first);
        headSegment = next == null ? null : next.getValue();
        headOffset = 0;
        headPending.clear();
      }
      removeSegment(oldest);
    }
  }

  private void removeSegment(Segment segment) {
    segments.remove(segment.first);
    totalBytes -= segment.bytes;
    try {
      if (headChannelSegment == segment && headChannel != null) {
        headChannel.close();
        headChannel = null;
        headChannelSegment = null;
      }
      Files.deleteIfExists(segment.path);
    } catch (IOException e) {
      log.error("buffer {}: cannot delete {}: {}", dir, segment.path, e.toString());
    }
  }

  // ------------------------------------------------------------------ state

  @Override
  public int size() {
    lock.lock();
    try {
      long pending = tailIndex - ack - settled.count(ack, tailIndex);
      return (int) Math.min(Integer.MAX_VALUE, Math.max(0, pending));
    } finally {
      lock.unlock();
    }
  }

  @Override
  public long dropped() {
    lock.lock();
    try {
      return dropped;
    } finally {
      lock.unlock();
    }
  }

  /** Bytes of segment files on disk. */
  public long bytes() {
    lock.lock();
    try {
      return totalBytes;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Optional<Instant> oldest() {
    lock.lock();
    try {
      Instant oldest = null;
      for (Claimed c : claimed.values()) {
        oldest = min(oldest, c.oldest());
      }
      for (Sealed sealed : sealedWaiting.values()) {
        oldest = min(oldest, sealed.oldest());
      }
      if (!redo.isEmpty()) {
        oldest = min(oldest, redo.peekFirst().reading().ts());
      }
      if (!live.isEmpty()) {
        oldest = min(oldest, live.peekFirst().reading().ts());
      }
      Indexed head = peekHead();
      if (head != null) {
        oldest = min(oldest, head.reading().ts());
      }
      return Optional.ofNullable(oldest);
    } finally {
      lock.unlock();
    }
  }

  private Indexed peekHead() {
    Indexed e = nextFromHead();
    if (e != null) {
      headPending.addFirst(e);
    }
    return e;
  }

  private static Instant min(Instant a, Instant b) {
    return a == null || b.isBefore(a) ? b : a;
  }

  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      available.signalAll();
      if (ack != persistedAck) {
        persistAck();
      }
      if (writeChannel != null) {
        writeChannel.force(false);
        writeChannel.close();
      }
      if (headChannel != null) {
        headChannel.close();
      }
      synchronized (journalLock) {
        if (journal != null) {
          journal.force(false);
          journal.close();
        }
        seqFloor.advanceTo(nextSeq);
      }
      dirLock.release();
      lockChannel.close();
    } catch (IOException e) {
      log.warn("buffer {}: error while closing: {}", dir, e.toString());
    } finally {
      lock.unlock();
    }
  }

  // ------------------------------------------------------------------ helpers

  private void forceDirectory() {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // Some file systems cannot fsync a directory; the segment's own fsync still holds its data.
      log.debug("buffer {}: directory fsync not supported: {}", dir, e.toString());
    }
  }

  private static int readFully(FileChannel channel, ByteBuffer buffer, long position)
      throws IOException {
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

  static int crc(long first, int count, byte[] payload) {
    CRC32C crc = new CRC32C();
    ByteBuffer head = ByteBuffer.allocate(12).putLong(first).putInt(count).flip();
    crc.update(head);
    crc.update(payload);
    return (int) crc.getValue();
  }

  private static GatewayException storage(String message, Throwable cause) {
    return new GatewayException(GatewayException.Code.STORAGE_FAILED, message, cause);
  }
}
