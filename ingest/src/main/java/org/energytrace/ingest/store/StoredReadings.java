package org.energytrace.ingest.store;

import java.time.Instant;
import java.util.AbstractList;
import java.util.RandomAccess;
import org.energytrace.ingest.model.TelemetryPoint;

/**
 * The readings a batch newly stored, as an unmodifiable list built from the batch's columns: a
 * {@link StoredReading} is made only when an element is asked for (the live feed while a stream is
 * open, tests), not for every stored reading of every batch. The source timestamps are read without
 * one ({@link #micros}).
 */
final class StoredReadings extends AbstractList<StoredReading> implements RandomAccess {
  private final ReadingRows rows;
  private final int[] index;

  /**
   * @param index positions in {@code rows} of the stored readings, in key order
   */
  StoredReadings(ReadingRows rows, int[] index) {
    this.rows = rows;
    this.index = index;
  }

  @Override
  public StoredReading get(int i) {
    int k = index[i];
    RegistryResolver.ChannelRef c = rows.channel(k);
    TelemetryPoint p = rows.point(k);
    long micros = rows.tsMicros(k);
    return new StoredReading(
        c.enterprise(),
        c.site(),
        c.meter(),
        c.name(),
        c.unit(),
        c.kind(),
        Instant.ofEpochSecond(
            Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L),
        p.value(),
        p.quality());
  }

  @Override
  public int size() {
    return index.length;
  }

  /** The positions in the batch's rows of the stored readings. */
  int[] index() {
    return index;
  }

  /** The source timestamps in epoch microseconds, in list order. */
  long[] micros() {
    long[] t = new long[index.length];
    for (int i = 0; i < t.length; i++) {
      t[i] = rows.tsMicros(index[i]);
    }
    return t;
  }

  /** The channel ids, in list order. */
  long[] channelIds() {
    long[] ids = new long[index.length];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = rows.channel(index[i]).channelId();
    }
    return ids;
  }
}
