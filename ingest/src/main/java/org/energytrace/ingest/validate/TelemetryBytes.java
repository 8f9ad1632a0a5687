package org.energytrace.ingest.validate;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.energytrace.ingest.model.Payload;
import org.energytrace.ingest.model.Quality;
import org.energytrace.ingest.model.TelemetryPoint;
import org.energytrace.ingest.model.TopicName;

/**
 * The plainest spelling of a telemetry message, read straight from its bytes: ASCII strings without
 * escapes, numbers without exponent that a double holds exactly as written (at most 15 significant
 * digits), any JSON whitespace. That is what gateways send, and it is decoded here without a
 * general JSON parser, without a string per value and without a timestamp per point when the points
 * share one.
 *
 * <p>Like {@link TelemetryFastPath} it only ever accepts: on anything else — an escape, a non-ASCII
 * byte, an exponent, a long number, an unknown key, a wrong type, any refusal — it answers {@code
 * null} and the caller tries the streaming fast path, then the schema. Whatever it accepts, the
 * schema accepts with the same values ({@code TelemetryFastPathTest}).
 */
final class TelemetryBytes {
  private static final long MAX_SEQ = 9_007_199_254_740_991L;
  private static final int MAX_POINTS = 10_000;

  /** 10^0 .. 10^22: exact doubles (a double holds 10^k exactly up to k = 22). */
  private static final double[] POW10 = new double[23];

  static {
    double p = 1;
    for (int i = 0; i < POW10.length; i++) {
      POW10[i] = p;
      p *= 10;
    }
  }

  private static final byte[] SCHEMA_VERSION = ascii("schema_version");
  private static final byte[] GATEWAY = ascii("gateway");
  private static final byte[] SEQ = ascii("seq");
  private static final byte[] SENT_AT = ascii("sent_at");
  private static final byte[] POINTS = ascii("points");
  private static final byte[] METER = ascii("meter");
  private static final byte[] CHANNEL = ascii("channel");
  private static final byte[] TS = ascii("ts");
  private static final byte[] VALUE = ascii("value");
  private static final byte[] UNIT = ascii("unit");
  private static final byte[] QUALITY = ascii("quality");
  private static final byte[] KIND = ascii("kind");
  private static final byte[] COUNTER_BITS = ascii("counter_bits");
  private static final byte[] GOOD = ascii("good");
  private static final byte[] UNCERTAIN = ascii("uncertain");
  private static final byte[] BAD = ascii("bad");
  private static final byte[] GAUGE = ascii("gauge");
  private static final byte[] COUNTER = ascii("counter");

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private final Interner names;

  TelemetryBytes(Interner names) {
    this.names = names;
  }

  /** Not the plain spelling, or not accepted in full: let the general paths decide. */
  private static final class Unsure extends RuntimeException {
    static final Unsure INSTANCE = new Unsure();

    private Unsure() {
      super(null, null, false, false);
    }
  }

  /** One message being read; not shared between threads. */
  private final class Reader {
    private final byte[] b;
    private int pos;
    // the value of the last string read: [start, end) in b
    private int start;
    private int end;
    // the last timestamp text and its instant (points of one poll share it)
    private int lastStart = -1;
    private int lastLength;
    private Instant lastTs;
    private final char[] chars = new char[32];

    Reader(byte[] b) {
      this.b = b;
    }

    private Unsure unsure() {
      return Unsure.INSTANCE;
    }

    private void ws() {
      while (pos < b.length) {
        byte c = b[pos];
        if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
          return;
        }
        pos++;
      }
    }

    /** The next non-whitespace byte, consumed. */
    private byte next() {
      ws();
      if (pos >= b.length) {
        throw unsure();
      }
      return b[pos++];
    }

    private void expect(char c) {
      if (next() != c) {
        throw unsure();
      }
    }

    /** A string of printable ASCII without escapes; its bytes are [start, end). */
    private void string() {
      if (next() != '"') {
        throw unsure();
      }
      start = pos;
      while (true) {
        if (pos >= b.length) {
          throw unsure();
        }
        byte c = b[pos];
        if (c == '"') {
          end = pos++;
          return;
        }
        if (c == '\\' || c < 0x20 || c == 0x7f) {
          // escapes, control characters, DEL and non-ASCII (negative bytes) are not plain
          throw unsure();
        }
        pos++;
      }
    }

    private boolean stringIs(byte[] word) {
      int n = end - start;
      if (n != word.length) {
        return false;
      }
      for (int i = 0; i < n; i++) {
        if (b[start + i] != word[i]) {
          return false;
        }
      }
      return true;
    }

    /** A property name among {@code names}; its index, or unsure. */
    private int key(byte[]... known) {
      string();
      for (int i = 0; i < known.length; i++) {
        if (stringIs(known[i])) {
          return i;
        }
      }
      throw unsure();
    }

    // ---- numbers: -?(0|[1-9][0-9]*)(\.[0-9]+)? ; an exponent is not plain ----

    private boolean negative;
    private long mantissa;
    private int digits; // significant digits in the mantissa (leading zeros not counted)
    private int fraction; // digits after the point (-1: none)

    private void number() {
      ws();
      negative = false;
      mantissa = 0;
      digits = 0;
      fraction = -1;
      if (pos < b.length && b[pos] == '-') {
        negative = true;
        pos++;
      }
      int intStart = pos;
      while (pos < b.length && b[pos] >= '0' && b[pos] <= '9') {
        accumulate(b[pos++]);
      }
      int intDigits = pos - intStart;
      if (intDigits == 0 || (intDigits > 1 && b[intStart] == '0')) {
        throw unsure(); // no digit, or a leading zero (not JSON)
      }
      if (pos < b.length && b[pos] == '.') {
        pos++;
        int fracStart = pos;
        while (pos < b.length && b[pos] >= '0' && b[pos] <= '9') {
          accumulate(b[pos++]);
        }
        fraction = pos - fracStart;
        if (fraction == 0) {
          throw unsure();
        }
      }
      if (pos < b.length && (b[pos] == 'e' || b[pos] == 'E')) {
        throw unsure();
      }
    }

    private void accumulate(byte digit) {
      if (digits > 0 || digit != '0') {
        digits++;
      }
      if (digits > 18) {
        throw unsure();
      }
      mantissa = mantissa * 10 + (digit - '0');
    }

    /** The last number as an integer (no fraction), sign applied. */
    private long integer() {
      if (fraction >= 0) {
        throw unsure();
      }
      return negative ? -mantissa : mantissa;
    }

    /**
     * The last number as the double JSON means: an integer converted like a long, a decimal
     * correctly rounded (exact operands, one division: at most 15 significant digits and 22
     * decimals).
     */
    private double dbl() {
      if (fraction < 0) {
        // as the tree model reads an integer: a long, then to double (0 for -0)
        return negative ? (double) -mantissa : (double) mantissa;
      }
      if (digits > 15 || fraction > 22) {
        throw unsure();
      }
      double v = mantissa / POW10[fraction];
      return negative ? -v : v;
    }

    /** A timestamp of the contract, the previous point's when the text is the same. */
    private Instant timestamp() {
      int n = end - start;
      if (n == lastLength
          && lastStart >= 0
          && Arrays.equals(b, start, end, b, lastStart, lastStart + n)) {
        return lastTs;
      }
      if (n > chars.length) {
        throw unsure();
      }
      for (int i = 0; i < n; i++) {
        chars[i] = (char) b[start + i];
      }
      Instant t = TelemetryFastPath.Utc.parse(chars, 0, n);
      if (t == null) {
        throw unsure();
      }
      lastStart = start;
      lastLength = n;
      lastTs = t;
      return t;
    }

    private String name() {
      return names.intern(b, start, end - start);
    }
  }

  /**
   * The decoded message when it is spelled plainly and accepted in full, else null (the caller
   * decides with the general paths).
   */
  Payload.Telemetry decode(TopicName topic, byte[] payload, Instant earliest, Instant latest) {
    try {
      return read(new Reader(payload), topic, earliest, latest);
    } catch (Unsure | ArrayIndexOutOfBoundsException e) {
      return null;
    }
  }

  private Payload.Telemetry read(Reader r, TopicName topic, Instant earliest, Instant latest) {
    r.expect('{');
    boolean version = false;
    String gateway = null;
    long seq = -1;
    Instant sentAt = null;
    List<TelemetryPoint> points = null;
    int seen = 0;
    do {
      int k = r.key(SCHEMA_VERSION, GATEWAY, SEQ, SENT_AT, POINTS);
      if ((seen & (1 << k)) != 0) {
        return null; // a duplicate key
      }
      seen |= 1 << k;
      r.expect(':');
      switch (k) {
        case 0 -> {
          r.number();
          if (r.fraction >= 0 || r.negative || r.mantissa != 1 || r.digits != 1) {
            return null; // const 1, spelled 1
          }
          version = true;
        }
        case 1 -> {
          r.string();
          String g = topic.gateway();
          if (r.end - r.start != g.length()) {
            return null;
          }
          for (int i = 0; i < g.length(); i++) {
            if (r.b[r.start + i] != g.charAt(i)) {
              return null;
            }
          }
          gateway = g;
        }
        case 2 -> {
          r.number();
          seq = r.integer();
          if (seq < 0 || seq > MAX_SEQ) {
            return null;
          }
        }
        case 3 -> {
          r.string();
          int n = r.end - r.start;
          if (n > r.chars.length) {
            return null;
          }
          for (int i = 0; i < n; i++) {
            r.chars[i] = (char) r.b[r.start + i];
          }
          sentAt = TelemetryFastPath.Utc.parse(r.chars, 0, n);
          if (sentAt == null) {
            return null;
          }
        }
        default -> {
          points = points(r, earliest, latest);
          if (points == null) {
            return null;
          }
        }
      }
    } while (r.next() == ',');
    if (r.b[r.pos - 1] != '}') {
      return null;
    }
    r.ws();
    if (r.pos != r.b.length || !version || gateway == null || seq < 0 || sentAt == null) {
      return null;
    }
    if (points == null) {
      return null;
    }
    return new Payload.Telemetry(gateway, seq, sentAt, points);
  }

  private List<TelemetryPoint> points(Reader r, Instant earliest, Instant latest) {
    r.expect('[');
    List<TelemetryPoint> points = new ArrayList<>();
    do {
      if (points.size() == MAX_POINTS) {
        return null;
      }
      TelemetryPoint p = point(r, earliest, latest);
      if (p == null) {
        return null;
      }
      points.add(p);
    } while (r.next() == ',');
    if (r.b[r.pos - 1] != ']') {
      return null;
    }
    return points;
  }

  private TelemetryPoint point(Reader r, Instant earliest, Instant latest) {
    r.expect('{');
    String meter = null;
    String channel = null;
    Instant ts = null;
    double value = 0;
    boolean hasValue = false;
    String unit = null;
    Quality quality = null;
    boolean counter = false;
    Integer counterBits = null;
    int seen = 0;
    do {
      int k = r.key(METER, CHANNEL, TS, VALUE, UNIT, QUALITY, KIND, COUNTER_BITS);
      if ((seen & (1 << k)) != 0) {
        return null;
      }
      seen |= 1 << k;
      r.expect(':');
      if (k == 3) {
        r.number();
        value = r.dbl();
        hasValue = true;
        continue;
      }
      if (k == 7) {
        r.number();
        long bits = r.integer();
        if (bits != 16 && bits != 32 && bits != 48 && bits != 64) {
          return null;
        }
        counterBits = (int) bits;
        continue;
      }
      r.string();
      int off = r.start;
      int len = r.end - r.start;
      switch (k) {
        case 0 -> {
          if (!isId(r.b, off, len)) {
            return null;
          }
          meter = r.name();
        }
        case 1 -> {
          if (!isChannel(r.b, off, len)) {
            return null;
          }
          channel = r.name();
        }
        case 2 -> {
          ts = r.timestamp();
          if (ts.isAfter(latest) || ts.isBefore(earliest)) {
            return null;
          }
        }
        case 4 -> {
          String u = len >= 2 && len <= 3 ? r.name() : null;
          if (u == null || !Units.isKnown(u)) {
            return null;
          }
          unit = u;
        }
        case 5 -> {
          quality =
              r.stringIs(GOOD)
                  ? Quality.GOOD
                  : r.stringIs(UNCERTAIN)
                      ? Quality.UNCERTAIN
                      : r.stringIs(BAD) ? Quality.BAD : null;
          if (quality == null) {
            return null;
          }
        }
        default -> { // 6: kind
          if (r.stringIs(COUNTER)) {
            counter = true;
          } else if (!r.stringIs(GAUGE)) {
            return null;
          }
        }
      }
    } while (r.next() == ',');
    if (r.b[r.pos - 1] != '}') {
      return null;
    }
    if (meter == null
        || channel == null
        || ts == null
        || !hasValue
        || unit == null
        || quality == null) {
      return null;
    }
    return new TelemetryPoint(meter, channel, ts, value, unit, quality, counter, counterBits);
  }

  /** {@code ^[a-z0-9][a-z0-9_-]{0,62}$} */
  private static boolean isId(byte[] s, int off, int n) {
    if (n < 1 || n > 63 || !lowerOrDigit(s[off])) {
      return false;
    }
    for (int i = 1; i < n; i++) {
      byte c = s[off + i];
      if (!lowerOrDigit(c) && c != '_' && c != '-') {
        return false;
      }
    }
    return true;
  }

  /** {@code ^[A-Za-z][A-Za-z0-9_]{0,63}$} */
  private static boolean isChannel(byte[] s, int off, int n) {
    if (n < 1 || n > 64 || !letter(s[off])) {
      return false;
    }
    for (int i = 1; i < n; i++) {
      byte c = s[off + i];
      if (!letter(c) && !(c >= '0' && c <= '9') && c != '_') {
        return false;
      }
    }
    return true;
  }

  private static boolean lowerOrDigit(byte c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }

  private static boolean letter(byte c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
