package org.energytrace.ingest.validate;

import java.time.Instant;
import java.util.Arrays;

/**
 * A cursor over the bytes of one JSON text in the plainest spelling ({@link TelemetryBytes}):
 * whitespace, punctuation, strings of printable ASCII without escapes, numbers without exponent.
 * Anything else throws {@link Unsure} (one shared instance without a stack trace): the caller gives
 * up and lets the general paths decide. One message at a time; not shared between threads.
 */
final class PlainJsonReader {
  /** 10^0 .. 10^22: exact doubles (a double holds 10^k exactly up to k = 22). */
  private static final double[] POW10 = new double[23];

  static {
    double p = 1;
    for (int i = 0; i < POW10.length; i++) {
      POW10[i] = p;
      p *= 10;
    }
  }

  /** Not the plain spelling, or not accepted in full: let the general paths decide. */
  static final class Unsure extends RuntimeException {
    static final Unsure INSTANCE = new Unsure();

    private Unsure() {
      super(null, null, false, false);
    }
  }

  final byte[] b;
  private final Interner names;
  int pos;
  // the value of the last string read: [start, end) in b
  int start;
  int end;
  // the last timestamp text and its instant (points of one poll share it)
  private int lastStart = -1;
  private int lastLength;
  private Instant lastTs;
  final char[] chars = new char[32];

  PlainJsonReader(byte[] b, Interner names) {
    this.b = b;
    this.names = names;
  }

  private Unsure unsure() {
    return Unsure.INSTANCE;
  }

  void ws() {
    while (pos < b.length) {
      byte c = b[pos];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        return;
      }
      pos++;
    }
  }

  /** The next non-whitespace byte, consumed. */
  byte next() {
    ws();
    if (pos >= b.length) {
      throw unsure();
    }
    return b[pos++];
  }

  void expect(char c) {
    if (next() != c) {
      throw unsure();
    }
  }

  /** A string of printable ASCII without escapes; its bytes are [start, end). */
  void string() {
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

  boolean stringIs(byte[] word) {
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
  int key(byte[]... known) {
    string();
    for (int i = 0; i < known.length; i++) {
      if (stringIs(known[i])) {
        return i;
      }
    }
    throw unsure();
  }

  // ---- numbers: -?(0|[1-9][0-9]*)(\.[0-9]+)? ; an exponent is not plain ----

  boolean negative;
  long mantissa;
  int digits; // significant digits in the mantissa (leading zeros not counted)
  int fraction; // digits after the point (-1: none)

  void number() {
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
  long integer() {
    if (fraction >= 0) {
      throw unsure();
    }
    return negative ? -mantissa : mantissa;
  }

  /**
   * The last number as the double JSON means: an integer converted like a long, a decimal correctly
   * rounded (exact operands, one division: at most 15 significant digits and 22 decimals).
   */
  double dbl() {
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
  Instant timestamp() {
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

  String name() {
    return names.intern(b, start, end - start);
  }
}
