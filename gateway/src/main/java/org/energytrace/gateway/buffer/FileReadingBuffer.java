package org.energytrace.gateway.buffer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.energytrace.gateway.buffer.SealJournal.Sealed;
import org.energytrace.gateway.model.Locked;
import org.energytrace.gateway.model.OverflowPolicy;
import org.energytrace.gateway.model.Reading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable {@link ReadingBuffer}: an append-only log of segment files in one directory ({@link
 * SegmentLog}).
 *
 * <p><b>Durability.</b> {@link #append} writes one checksummed record per call and returns only
 * after {@code fsync} (concurrent appenders share one fsync: group commit). Every reading gets a
 * sequential index. A reading leaves the buffer when the publisher commits it (broker PUBACK); the
 * lowest index not yet committed (the <i>ack</i>) is written to {@code ack} ({@link AckFile}).
 * After a crash ({@code kill -9}, power loss) the log is scanned, a torn tail record is cut off,
 * and everything from the ack on is replayed: readings that reached the buffer are never lost; some
 * may be published twice (the server de-duplicates on meter, channel, timestamp).
 *
 * <p><b>Order.</b> Sealed batches not acknowledged come back first; then, in the order of {@link
 * ReadingQueue}, released readings, live readings (appended since the publisher last caught up,
 * held in memory up to {@code liveCapacity}) and the backlog on disk ({@link BacklogReader}),
 * oldest first, at most {@code replayRate} readings per second, so that live data keeps flowing
 * while hours of backlog replay.
 *
 * <p><b>Bounds</b> ({@link SegmentSpace}). At most {@code maxBytes} on disk. When full, {@link
 * OverflowPolicy#DROP_OLDEST} (the default: keep newest) deletes the oldest segment and counts the
 * readings in it that were never delivered; {@link OverflowPolicy#DROP_NEWEST} refuses the new
 * readings and counts them. Either way a warning says how many were dropped; nothing is discarded
 * silently.
 *
 * <p><b>Sealed batches.</b> {@link #seal} numbers a batch and writes it to the journal ({@link
 * SealJournal}) before its first message can go out. At start-up every sealed batch not
 * acknowledged is sent again first, unchanged, and its readings are kept out of the replay ({@link
 * SealedBatches}). So a reading is never published under two numbers and every number is published.
 */
public final class FileReadingBuffer implements ReadingBuffer, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(FileReadingBuffer.class);

  private record Claimed(long[] indexes, Instant oldest, Optional<Seal> seal) {}

  private final Path dir;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition available = lock.newCondition();
  private final DirectoryLock dirLock;
  private final SegmentLog segments;
  private final BacklogReader backlog;
  private final AckFile ackFile;
  private final SealJournal journal;
  private final DeliveryLedger ledger;
  private final SegmentSpace space;

  // ---- consumption (guarded by lock)
  private final ReadingQueue queue;
  private final Map<Long, Claimed> claimed = new HashMap<>();
  private long nextBatchId;
  private boolean closed;

  // ---- sealed batches (guarded by lock)
  private final SealedBatches sealedBatches = new SealedBatches();

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
      SeqStore seqFloor,
      LongSupplier nanoTime) {
    if (maxBytes < 64 * 1024) {
      throw new IllegalArgumentException("buffer max_bytes must be at least 64 KiB");
    }
    if (replayRate < 0 || liveCapacity < 1) {
      throw new IllegalArgumentException("replay rate must be >= 0 and live capacity >= 1");
    }
    this.dir = dir;
    long segmentBytes = Math.max(16 * 1024, Math.min(16L * 1024 * 1024, maxBytes / 8));
    this.segments = new SegmentLog(dir, segmentBytes, lock, s -> backlog().rolled(s));
    this.ackFile = new AckFile(dir);
    this.ledger = new DeliveryLedger(ackFile, segments, nanoTime);
    this.backlog = new BacklogReader(dir, segments, ledger);
    this.queue =
        new ReadingQueue(liveCapacity, ledger, backlog, new ReplayBudget(replayRate, nanoTime));
    this.space =
        new SegmentSpace(
            segments,
            ledger,
            backlog,
            queue,
            new DropLog(dir.toString(), maxBytes + " bytes", policy, nanoTime),
            maxBytes,
            policy);
    this.journal = new SealJournal(dir, Objects.requireNonNull(seqFloor, "seqFloor"));
    try {
      Files.createDirectories(dir);
      dirLock = DirectoryLock.take(dir);
      recover(seqFloor.peek());
    } catch (IOException e) {
      throw BufferFiles.storage("cannot open buffer " + dir + ": " + e, e);
    }
  }

  private BacklogReader backlog() {
    return backlog;
  }

  public Path directory() {
    return dir;
  }

  // ------------------------------------------------------------------ recovery

  private void recover(long seqFloor) throws IOException {
    long savedAck = ackFile.read();
    segments.recover(savedAck);
    long ack =
        segments.isEmpty()
            ? segments.tail()
            : Math.max(Math.min(savedAck, segments.tail()), segments.oldest().first);
    ledger.start(ack, savedAck);
    space.deleteDelivered();
    backlog.rewind();
    if (segments.tail() > ack) {
      log.info(
          "buffer {}: recovered {} readings not yet delivered (indexes {}..{})",
          dir,
          segments.tail() - ack,
          ack,
          segments.tail() - 1);
    }
    int waiting = sealedBatches.restore(journal.recover(seqFloor), ledger);
    if (waiting > 0) {
      log.info(
          "buffer {}: {} sealed batches not acknowledged (seq {}..): sending them again first",
          dir,
          waiting,
          sealedBatches.firstWaiting());
    }
    space.advanceAck(true);
    rewriteJournal(sealedBatches.snapshot(ledger));
  }

  private void rewriteJournal(SealedBatches.Snapshot snapshot) throws IOException {
    journal.rewrite(snapshot.unacknowledged(), snapshot.delivered(), snapshot.next());
  }

  // ------------------------------------------------------------------ append

  @Override
  public void append(List<Reading> readings) {
    if (readings.isEmpty()) {
      return;
    }
    byte[] payload = ReadingRecordCodec.encode(readings);
    long syncMark;
    long first;
    lock.lock();
    try {
      if (closed) {
        throw BufferFiles.storage("buffer " + dir + " is closed", null);
      }
      if (!space.makeRoom(SegmentLog.HEADER_BYTES + (long) payload.length, readings.size())) {
        return;
      }
      first = segments.tail();
      syncMark = segments.append(payload, readings.size());
    } finally {
      lock.unlock();
    }
    segments.sync(syncMark);
    lock.lock();
    try {
      queue.appended(first, readings);
      available.signalAll();
    } finally {
      lock.unlock();
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
        Sealed sealed = sealedBatches.pollWaiting();
        if (sealed != null) {
          Batch batch = new Batch(nextBatchId++, sealed.readings(), Optional.of(sealed.seal()));
          claimed.put(
              batch.id(),
              new Claimed(sealed.indexes(), sealed.oldest(), Optional.of(sealed.seal())));
          return Optional.of(batch);
        }
        List<Indexed> taking = queue.take(max);
        if (!taking.isEmpty()) {
          long[] indexes = new long[taking.size()];
          List<Reading> readings = new ArrayList<>(taking.size());
          for (int i = 0; i < indexes.length; i++) {
            indexes[i] = taking.get(i).index();
            readings.add(taking.get(i).reading());
          }
          Batch batch = new Batch(nextBatchId++, readings);
          claimed.put(
              batch.id(), new Claimed(indexes, SealJournal.oldest(readings), Optional.empty()));
          return Optional.of(batch);
        }
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0 || closed) {
          return Optional.empty();
        }
        available.awaitNanos(queue.waitNanos(remaining));
      }
    } finally {
      lock.unlock();
    }
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
      seal = sealedBatches.number(messages, sentAt);
    } finally {
      lock.unlock();
    }
    // Only the publisher seals, one batch at a time: the number is taken before it is written,
    // and a number whose record never reached the disk was never published either.
    Sealed sealed = Sealed.of(seal, c.indexes(), batch.readings(), c.oldest());
    boolean compact = journal.write(sealed);
    SealedBatches.Snapshot snapshot;
    lock.lock();
    try {
      sealedBatches.sealed(sealed);
      claimed.put(batch.id(), new Claimed(c.indexes(), c.oldest(), Optional.of(seal)));
      snapshot = sealedBatches.snapshot(ledger);
    } finally {
      lock.unlock();
    }
    if (compact) {
      try {
        rewriteJournal(snapshot);
      } catch (IOException e) {
        log.error("buffer {}: cannot rewrite the journal: {}", dir, e.toString());
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
      seal.ifPresent(s -> sealedBatches.acknowledged(s, c.indexes()));
      ledger.settle(c.indexes());
      space.advanceAck(false);
    } finally {
      lock.unlock();
    }
    seal.ifPresent(journal::acknowledged);
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
        sealedBatches.released(c.seal().get());
        available.signalAll();
        return;
      }
      queue.released(c.indexes(), batch.readings());
      available.signalAll();
    } finally {
      lock.unlock();
    }
  }

  // ------------------------------------------------------------------ state

  @Override
  public int size() {
    return Locked.run(
        lock,
        () -> {
          return (int) Math.min(Integer.MAX_VALUE, ledger.waiting(segments.tail()));
        });
  }

  @Override
  public long dropped() {
    return Locked.run(lock, space::dropped);
  }

  /** Bytes of segment files on disk. */
  public long bytes() {
    return Locked.run(lock, segments::bytes);
  }

  @Override
  public Optional<Instant> oldest() {
    return Locked.run(
        lock,
        () -> {
          Instant oldest = null;
          for (Claimed c : claimed.values()) {
            oldest = ReadingQueue.min(oldest, c.oldest());
          }
          for (Sealed sealed : sealedBatches.waiting()) {
            oldest = ReadingQueue.min(oldest, sealed.oldest());
          }
          return Optional.ofNullable(queue.oldest(oldest));
        });
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
      ledger.persistIfMoved();
      segments.close();
      backlog.close();
      journal.close(sealedBatches.next());
      dirLock.close();
    } catch (IOException e) {
      log.warn("buffer {}: error while closing: {}", dir, e.toString());
    } finally {
      lock.unlock();
    }
  }
}
