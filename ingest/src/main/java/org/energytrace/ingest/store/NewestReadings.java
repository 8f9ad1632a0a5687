package org.energytrace.ingest.store;

import java.util.HashMap;
import java.util.Map;

/**
 * Per channel, the newest source timestamp this instance has started to write: a reading newer than
 * that cannot be a duplicate of anything this instance stored or is storing, so it is written
 * without {@code ON CONFLICT} (binary COPY); an older or equal one — a replay, a redelivery, late
 * data, or any reading of a channel not seen yet — goes through {@code INSERT … ON CONFLICT DO
 * NOTHING}, which absorbs it and waits for a concurrent batch holding the same key.
 *
 * <p>A guess that is too old only costs speed. One that is too new — another instance (shared
 * subscription) stored a newer reading of the channel and it arrives here again — makes the COPY
 * fail with a unique violation; the store then writes the batch again with every row through {@code
 * ON CONFLICT}. Raised before the batch commits, so a later batch of another lane sees the keys of
 * one still in flight as possible duplicates: two batches of this instance never COPY the same key.
 * Thread-safe.
 */
final class NewestReadings {
  private final Map<Long, Long> newest = new HashMap<>();

  /**
   * Marks which of the rows {@code unique} (indices into {@code ch}/{@code ts}, in (channel, ts)
   * order) are newer than everything written before for their channel, and raises the newest of
   * each channel to the rows' newest.
   */
  synchronized boolean[] split(long[] ch, long[] ts, int[] unique) {
    boolean[] fresh = new boolean[unique.length];
    int k = 0;
    while (k < unique.length) {
      long channel = ch[unique[k]];
      int end = k;
      while (end < unique.length && ch[unique[end]] == channel) {
        end++;
      }
      Long before = newest.get(channel);
      if (before != null) {
        for (int j = k; j < end; j++) {
          fresh[j] = ts[unique[j]] > before;
        }
      }
      long last = ts[unique[end - 1]]; // the newest of the run: key order
      if (before == null || last > before) {
        newest.put(channel, last);
      }
      k = end;
    }
    return fresh;
  }
}
