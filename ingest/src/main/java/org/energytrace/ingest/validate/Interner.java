package org.energytrace.ingest.validate;

import java.nio.charset.StandardCharsets;

/**
 * The same {@link String} for the same characters, most of the time: meter, channel and unit names
 * repeat in every message, and a name read as the same instance keeps its hash code cached, so the
 * registry lookups of every point hash nothing and compare by identity. A bounded table (one name
 * per slot, the newest wins), so a flood of distinct names costs only allocations, never memory.
 * Thread-safe: slots are written without a lock, which at worst loses an entry (a {@code String} is
 * immutable and safely published through its final fields).
 */
final class Interner {
  private final String[] table;
  private final int mask;

  /**
   * @param slots a power of two
   */
  Interner(int slots) {
    if (Integer.bitCount(slots) != 1) {
      throw new IllegalArgumentException("slots must be a power of two: " + slots);
    }
    table = new String[slots];
    mask = slots - 1;
  }

  /** A string equal to {@code len} characters of {@code c} from {@code off}. */
  String intern(char[] c, int off, int len) {
    int h = 0;
    for (int i = off; i < off + len; i++) {
      h = 31 * h + c[i];
    }
    int slot = (h ^ (h >>> 16)) & mask;
    String s = table[slot];
    if (s != null && s.length() == len && s.hashCode() == h && same(s, c, off)) {
      return s;
    }
    s = new String(c, off, len);
    table[slot] = s;
    return s;
  }

  /** A string of {@code len} ASCII bytes of {@code b} from {@code off}. */
  String intern(byte[] b, int off, int len) {
    int h = 0;
    for (int i = off; i < off + len; i++) {
      h = 31 * h + (b[i] & 0xff);
    }
    int slot = (h ^ (h >>> 16)) & mask;
    String s = table[slot];
    if (s != null && s.length() == len && s.hashCode() == h && same(s, b, off)) {
      return s;
    }
    s = new String(b, off, len, StandardCharsets.ISO_8859_1);
    table[slot] = s;
    return s;
  }

  private static boolean same(String s, byte[] b, int off) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) != (b[off + i] & 0xff)) {
        return false;
      }
    }
    return true;
  }

  private static boolean same(String s, char[] c, int off) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) != c[off + i]) {
        return false;
      }
    }
    return true;
  }
}
