package org.energytrace.ingest.validate;

import java.time.Instant;
import java.util.List;
import org.energytrace.ingest.model.Payload;
import org.energytrace.ingest.model.Quality;
import org.energytrace.ingest.model.TelemetryPoint;

/**
 * What {@code telemetry.schema.json} says of a message's fields, checked by hand by both telemetry
 * fast paths ({@link TelemetryBytes} over bytes, {@link TelemetryFastPath} over the streaming
 * parser's characters): the limits, the meter and channel patterns, the counter widths, and which
 * fields a message and a point need.
 */
final class TelemetryRules {
  static final long MAX_SEQ = 9_007_199_254_740_991L;
  static final int MAX_POINTS = 10_000;

  private TelemetryRules() {}

  /** A {@code counter_bits} the contract allows. */
  static boolean isCounterBits(long bits) {
    return bits == 16 || bits == 32 || bits == 48 || bits == 64;
  }

  /**
   * The message of the fields read, or null when a required one is missing ({@code schema_version},
   * {@code gateway}, {@code seq}, {@code sent_at}, {@code points}).
   */
  static Payload.Telemetry message(
      boolean version, String gateway, long seq, Instant sentAt, List<TelemetryPoint> points) {
    if (!version || gateway == null || seq < 0 || sentAt == null || points == null) {
      return null;
    }
    return new Payload.Telemetry(gateway, seq, sentAt, points);
  }

  /**
   * The point of the fields read, or null when a required one is missing ({@code meter}, {@code
   * channel}, {@code ts}, {@code value}, {@code unit}, {@code quality}).
   */
  static TelemetryPoint point(
      String meter,
      String channel,
      Instant ts,
      boolean hasValue,
      double value,
      String unit,
      Quality quality,
      boolean counter,
      Integer counterBits) {
    if (meter == null
        || channel == null
        || ts == null
        || !hasValue
        || unit == null
        || quality == null
        || (counter && value < 0)) {
      // a negative counter is refused by the schema path, which names it
      return null;
    }
    return new TelemetryPoint(meter, channel, ts, value, unit, quality, counter, counterBits);
  }

  // ---- the patterns, over chars (the streaming parser's) and over bytes (the plain spelling's,
  // ASCII already: a negative byte is in no class) ----

  private static final int ID_FIRST = 1; // [a-z0-9]
  private static final int ID = 2; // [a-z0-9_-]
  private static final int CHANNEL_FIRST = 4; // [A-Za-z]
  private static final int CHANNEL = 8; // [A-Za-z0-9_]

  /** The classes above of each ASCII character. */
  private static final byte[] CLASSES = new byte[128];

  static {
    for (int c = 0; c < 128; c++) {
      boolean lower = c >= 'a' && c <= 'z';
      boolean upper = c >= 'A' && c <= 'Z';
      boolean digit = c >= '0' && c <= '9';
      CLASSES[c] =
          (byte)
              ((lower || digit ? ID_FIRST : 0)
                  | (lower || digit || c == '_' || c == '-' ? ID : 0)
                  | (lower || upper ? CHANNEL_FIRST : 0)
                  | (lower || upper || digit || c == '_' ? CHANNEL : 0));
    }
  }

  /** {@code ^[a-z0-9][a-z0-9_-]{0,62}$} */
  static boolean isId(char[] s, int off, int n) {
    return n <= 63 && matches(s, off, n, ID_FIRST, ID);
  }

  /** {@code ^[a-z0-9][a-z0-9_-]{0,62}$} */
  static boolean isId(byte[] s, int off, int n) {
    return n <= 63 && matches(s, off, n, ID_FIRST, ID);
  }

  /** {@code ^[A-Za-z][A-Za-z0-9_]{0,63}$} */
  static boolean isChannel(char[] s, int off, int n) {
    return n <= 64 && matches(s, off, n, CHANNEL_FIRST, CHANNEL);
  }

  /** {@code ^[A-Za-z][A-Za-z0-9_]{0,63}$} */
  static boolean isChannel(byte[] s, int off, int n) {
    return n <= 64 && matches(s, off, n, CHANNEL_FIRST, CHANNEL);
  }

  /** At least one character, the first in class {@code first}, the others in {@code rest}. */
  private static boolean matches(char[] s, int off, int n, int first, int rest) {
    if (n < 1 || (classOf(s[off]) & first) == 0) {
      return false;
    }
    for (int i = off + 1; i < off + n; i++) {
      if ((classOf(s[i]) & rest) == 0) {
        return false;
      }
    }
    return true;
  }

  /** The same over bytes (a loop of its own: the fast paths read arrays of either type). */
  private static boolean matches(byte[] s, int off, int n, int first, int rest) {
    if (n < 1 || (classOf(s[off]) & first) == 0) {
      return false;
    }
    for (int i = off + 1; i < off + n; i++) {
      if ((classOf(s[i]) & rest) == 0) {
        return false;
      }
    }
    return true;
  }

  private static int classOf(char c) {
    return c < 128 ? CLASSES[c] : 0;
  }

  private static int classOf(byte c) {
    return c >= 0 ? CLASSES[c] : 0;
  }
}
