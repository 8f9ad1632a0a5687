package org.energytrace.gateway.buffer;

import java.util.Map;
import java.util.TreeMap;

/** A set of non-negative longs held as disjoint half-open ranges [from, to). Not thread-safe. */
final class LongRanges {

  private final TreeMap<Long, Long> ranges = new TreeMap<>();

  void add(long from, long to) {
    if (to <= from) {
      return;
    }
    Map.Entry<Long, Long> before = ranges.floorEntry(from);
    if (before != null && before.getValue() >= from) {
      from = before.getKey();
      to = Math.max(to, before.getValue());
    }
    Map.Entry<Long, Long> next = ranges.ceilingEntry(from);
    while (next != null && next.getKey() <= to) {
      to = Math.max(to, next.getValue());
      ranges.remove(next.getKey());
      next = ranges.ceilingEntry(from);
    }
    ranges.put(from, to);
  }

  boolean contains(long value) {
    Map.Entry<Long, Long> e = ranges.floorEntry(value);
    return e != null && e.getValue() > value;
  }

  /** True when every value in [from, to) is in the set. */
  boolean covers(long from, long to) {
    if (to <= from) {
      return true;
    }
    Map.Entry<Long, Long> e = ranges.floorEntry(from);
    return e != null && e.getValue() >= to;
  }

  /** How many values of [from, to) are in the set. */
  long count(long from, long to) {
    long n = 0;
    Map.Entry<Long, Long> e = ranges.floorEntry(from);
    Long key = e != null ? e.getKey() : ranges.ceilingKey(from);
    while (key != null && key < to) {
      long end = ranges.get(key);
      n += Math.max(0, Math.min(end, to) - Math.max(key, from));
      key = ranges.higherKey(key);
    }
    return n;
  }

  /** Removes every value below {@code bound}. */
  void removeBelow(long bound) {
    while (!ranges.isEmpty() && ranges.firstKey() < bound) {
      Map.Entry<Long, Long> first = ranges.pollFirstEntry();
      if (first.getValue() > bound) {
        ranges.put(bound, first.getValue());
      }
    }
  }

  /** The end of the range starting at or before {@code value} that contains it, else value. */
  long endOfRunFrom(long value) {
    Map.Entry<Long, Long> e = ranges.floorEntry(value);
    return e != null && e.getValue() > value ? e.getValue() : value;
  }

  int rangeCount() {
    return ranges.size();
  }
}
