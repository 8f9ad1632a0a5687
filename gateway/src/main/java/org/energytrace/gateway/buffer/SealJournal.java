package org.energytrace.gateway.buffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.energytrace.gateway.buffer.ReadingBuffer.Seal;
import org.energytrace.gateway.model.Reading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file {@code sealed}: a journal of sealed batches. A seal record (sequence numbers, {@code
 * sent_at}, reading indexes and readings) is fsynced before the batch's first message can go out;
 * an "acknowledged" mark follows the PUBACK (without fsync: a lost mark only means the batch is
 * sent again, as the same numbers). Each record is length- and CRC32C-framed; a torn tail is cut at
 * recovery. The journal is rewritten small (the next number, what is unacknowledged, and the
 * indexes of what was acknowledged beyond the ack file) at start and when it passes 1 MiB, and the
 * gateway's sequence file is brought up to date with it.
 */
final class SealJournal {

  static final String NAME = "sealed";

  private static final Logger log = LoggerFactory.getLogger(SealJournal.class);
  private static final long COMPACT_BYTES = 1L << 20;
  private static final byte SEAL = 1;
  private static final byte ACKED = 2;
  private static final byte NEXT = 3;
  private static final byte SETTLED = 4;

  /** A sealed batch not yet acknowledged, with its journal record for rewriting the journal. */
  record Sealed(Seal seal, long[] indexes, List<Reading> readings, Instant oldest, byte[] record) {

    static Sealed of(Seal seal, long[] indexes, List<Reading> readings, Instant oldest) {
      return new Sealed(seal, indexes, readings, oldest, sealRecord(seal, indexes, readings));
    }
  }

  /**
   * What a previous process left: sealed batches without an acknowledgement (by first number), the
   * reading indexes of acknowledged ones, and the next number to hand out.
   */
  record Recovered(Map<Long, Sealed> unacknowledged, Map<Long, long[]> delivered, long next) {}

  private final Path dir;
  private final SeqStore seqFloor;
  private FileChannel channel;
  private long bytes;

  SealJournal(Path dir, SeqStore seqFloor) {
    this.dir = dir;
    this.seqFloor = seqFloor;
  }

  /** Reads the journal, cutting it at a torn or corrupt record; numbering continues after both. */
  Recovered recover(long floor) throws IOException {
    Path file = dir.resolve(NAME);
    long next = floor;
    Map<Long, Sealed> found = new TreeMap<>();
    Map<Long, long[]> delivered = new TreeMap<>();
    if (Files.exists(file)) {
      try (FileChannel in =
          FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        long size = in.size();
        long offset = 0;
        ByteBuffer header = ByteBuffer.allocate(8);
        while (offset < size) {
          String problem = null;
          header.clear();
          if (BufferFiles.readFully(in, header, offset) < 8) {
            problem = "torn header";
          } else {
            header.flip();
            int length = header.getInt();
            int crc = header.getInt();
            if (length <= 0 || offset + 8 + length > size) {
              problem = "torn record";
            } else {
              ByteBuffer payload = ByteBuffer.allocate(length);
              BufferFiles.readFully(in, payload, offset + 8);
              if (BufferFiles.crc(0, 0, payload.array()) != crc) {
                problem = "checksum mismatch";
              } else {
                next = Math.max(next, apply(payload.array(), found, delivered));
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
                NAME);
            in.truncate(offset);
            in.force(true);
            break;
          }
        }
      }
    }
    return new Recovered(found, delivered, next);
  }

  /** Applies one journal record; returns the next number it implies. */
  private static long apply(byte[] payload, Map<Long, Sealed> found, Map<Long, long[]> delivered)
      throws IOException {
    ByteBuffer in = ByteBuffer.wrap(payload);
    byte type = in.get();
    switch (type) {
      case SEAL -> {
        long firstSeq = in.getLong();
        int messages = in.getInt();
        Instant sentAt = Instant.ofEpochMilli(in.getLong());
        long[] indexes = indexes(in, payload.length, "sealed");
        byte[] readingBytes = new byte[in.remaining()];
        in.get(readingBytes);
        List<Reading> readings = ReadingRecordCodec.decode(readingBytes, indexes.length);
        found.put(
            firstSeq,
            new Sealed(
                new Seal(firstSeq, messages, sentAt),
                indexes,
                readings,
                oldest(readings),
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
        delivered.put(firstSeq, indexes(in, payload.length, "settled"));
        return 0;
      }
      case NEXT -> {
        return in.getLong();
      }
      default -> throw new IOException("unknown journal record type " + type);
    }
  }

  private static long[] indexes(ByteBuffer in, int payloadLength, String what) throws IOException {
    int n = in.getInt();
    if (n <= 0 || n > payloadLength / 8) {
      throw new IOException("bad " + what + " batch of " + n + " readings");
    }
    long[] indexes = new long[n];
    for (int i = 0; i < n; i++) {
      indexes[i] = in.getLong();
    }
    return indexes;
  }

  static Instant oldest(List<Reading> readings) {
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

  /**
   * Writes a sealed batch and fsyncs it: only then may its first message go out. Returns whether
   * the journal has grown past the size at which it should be rewritten.
   */
  synchronized boolean write(Sealed sealed) {
    try {
      append(sealed.record(), true);
    } catch (IOException e) {
      throw BufferFiles.storage("cannot write " + dir.resolve(NAME) + ": " + e, e);
    }
    return bytes > COMPACT_BYTES;
  }

  /** Marks a batch acknowledged; without fsync, and a failure is only logged. */
  synchronized void acknowledged(Seal seal) {
    try {
      if (channel != null && channel.isOpen()) {
        append(smallRecord(ACKED, seal.firstSeq()), false);
      }
    } catch (IOException e) {
      log.warn("buffer {}: cannot mark seq {} acknowledged: {}", dir, seal, e.toString());
    }
  }

  private void append(byte[] payload, boolean force) throws IOException {
    ByteBuffer record =
        ByteBuffer.allocate(8 + payload.length)
            .putInt(payload.length)
            .putInt(BufferFiles.crc(0, 0, payload))
            .put(payload)
            .flip();
    while (record.hasRemaining()) {
      bytes += channel.write(record, bytes);
    }
    if (force) {
      channel.force(false);
    }
  }

  /**
   * Replaces the journal by the next number, the unacknowledged batches and the indexes of
   * acknowledged ones (fsync, atomic rename) and brings the sequence file up to date.
   */
  synchronized void rewrite(List<Sealed> keep, Map<Long, long[]> delivered, long next)
      throws IOException {
    Path tmp = dir.resolve(NAME + ".tmp");
    if (channel != null) {
      channel.close();
    }
    channel =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING);
    bytes = 0;
    append(smallRecord(NEXT, next), false);
    for (Sealed sealed : keep) {
      append(sealed.record(), false);
    }
    for (Map.Entry<Long, long[]> e : delivered.entrySet()) {
      append(settledRecord(e.getKey(), e.getValue()), false);
    }
    channel.force(true);
    BufferFiles.replace(tmp, dir.resolve(NAME));
    BufferFiles.forceDirectory(dir);
    seqFloor.advanceTo(next);
  }

  /** Closes the journal; the sequence file keeps {@code next} as the floor for the next start. */
  synchronized void close(long next) throws IOException {
    if (channel != null) {
      channel.force(false);
      channel.close();
    }
    seqFloor.advanceTo(next);
  }
}
