package org.energytrace.gateway.buffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.energytrace.gateway.model.Reading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the durable buffer's backlog from disk, oldest first: record by record through the
 * segments, handing out only readings that are neither delivered nor in flight, and skipping whole
 * records that are without decoding them. Runs under the buffer's lock.
 */
final class BacklogReader {

  private static final Logger log = LoggerFactory.getLogger(BacklogReader.class);

  /** What the buffer knows about readings it has handed out or had acknowledged. */
  interface Delivery {
    /** Whether the reading at {@code index} still waits to be handed out. */
    boolean pending(long index);

    /** Whether every reading of {@code [first, end)} is delivered or in flight. */
    boolean settled(long first, long end);
  }

  private final Path dir;
  private final SegmentLog segments;
  private final Delivery delivery;
  private final Deque<Indexed> pending = new ArrayDeque<>();
  private Segment head;
  private long offset;
  private FileChannel channel;
  private Segment channelSegment;

  BacklogReader(Path dir, SegmentLog segments, Delivery delivery) {
    this.dir = dir;
    this.segments = segments;
    this.delivery = delivery;
  }

  /** Starts at the oldest segment (after recovery). */
  void rewind() {
    head = segments.oldest();
    offset = 0;
  }

  /** A new segment was rolled: it is where reading goes on when nothing was left to read. */
  void rolled(Segment segment) {
    if (head == null) {
      head = segment;
      offset = 0;
    }
  }

  /** Whether there is a backlog on disk being read at a rate. */
  boolean reading() {
    return head != null;
  }

  /** The next reading of the backlog that is neither delivered nor in flight; null if none. */
  Indexed next() {
    while (true) {
      while (!pending.isEmpty()) {
        Indexed e = pending.pollFirst();
        if (delivery.pending(e.index())) {
          return e;
        }
      }
      if (head == null) {
        return null;
      }
      if (offset >= head.bytes) {
        Segment next = segments.after(head);
        if (next == null) {
          return null; // caught up with the writer
        }
        head = next;
        offset = 0;
        continue;
      }
      try {
        readRecord();
      } catch (IOException e) {
        log.error(
            "buffer {}: cannot read {} at byte {}: {}; skipping the rest of that segment",
            dir,
            head.path.getFileName(),
            offset,
            e.toString());
        offset = head.bytes;
      }
    }
  }

  /** The next reading without taking it. */
  Indexed peek() {
    Indexed e = next();
    if (e != null) {
      pending.addFirst(e);
    }
    return e;
  }

  private void readRecord() throws IOException {
    if (channelSegment != head) {
      if (channel != null) {
        channel.close();
      }
      channel = FileChannel.open(head.path, StandardOpenOption.READ);
      channelSegment = head;
    }
    SegmentLog.Header header = SegmentLog.header(channel, offset);
    long recordEnd = offset + SegmentLog.HEADER_BYTES + header.length();
    if (delivery.settled(header.first(), header.end())) {
      offset = recordEnd; // all delivered or in flight: skip without decoding
      return;
    }
    ByteBuffer payload = ByteBuffer.allocate(header.length());
    if (BufferFiles.readFully(channel, payload, offset + SegmentLog.HEADER_BYTES)
        < header.length()) {
      throw new IOException("short record");
    }
    List<Reading> readings = ReadingRecordCodec.decode(payload.array(), header.count());
    for (int i = 0; i < readings.size(); i++) {
      pending.addLast(new Indexed(header.first() + i, readings.get(i)));
    }
    offset = recordEnd;
  }

  /** A segment is about to be deleted: move past it and let go of its file. */
  void forget(Segment segment) {
    if (head == segment) {
      head = segments.after(segment);
      offset = 0;
      pending.clear();
    }
    if (channelSegment == segment && channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        log.debug("buffer {}: closing {}: {}", dir, segment.path, e.toString());
      }
      channel = null;
      channelSegment = null;
    }
  }

  void close() throws IOException {
    if (channel != null) {
      channel.close();
    }
  }
}
