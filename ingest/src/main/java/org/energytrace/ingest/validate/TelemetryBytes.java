package org.energytrace.ingest.validate;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
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

  /**
   * The decoded message when it is spelled plainly and accepted in full, else null (the caller
   * decides with the general paths).
   */
  Payload.Telemetry decode(TopicName topic, byte[] payload, Instant earliest, Instant latest) {
    try {
      return read(new PlainJsonReader(payload, names), topic, earliest, latest);
    } catch (PlainJsonReader.Unsure | ArrayIndexOutOfBoundsException e) {
      return null;
    }
  }

  private Payload.Telemetry read(
      PlainJsonReader r, TopicName topic, Instant earliest, Instant latest) {
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
          if (seq < 0 || seq > TelemetryRules.MAX_SEQ) {
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
    if (r.pos != r.b.length) {
      return null;
    }
    return TelemetryRules.message(version, gateway, seq, sentAt, points);
  }

  private List<TelemetryPoint> points(PlainJsonReader r, Instant earliest, Instant latest) {
    r.expect('[');
    List<TelemetryPoint> points = new ArrayList<>();
    do {
      if (points.size() == TelemetryRules.MAX_POINTS) {
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

  private TelemetryPoint point(PlainJsonReader r, Instant earliest, Instant latest) {
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
        if (!TelemetryRules.isCounterBits(bits)) {
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
          if (!TelemetryRules.isId(r.b, off, len)) {
            return null;
          }
          meter = r.name();
        }
        case 1 -> {
          if (!TelemetryRules.isChannel(r.b, off, len)) {
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
    return TelemetryRules.point(
        meter, channel, ts, hasValue, value, unit, quality, counter, counterBits);
  }
}
