package org.energytrace.ingest.validate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.energytrace.ingest.model.Payload;
import org.energytrace.ingest.model.Quality;
import org.energytrace.ingest.model.TelemetryPoint;
import org.energytrace.ingest.model.TopicName;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;

/**
 * The common case of telemetry, decoded in one streaming pass: a message that the contract's JSON
 * Schema and every semantic check accept in full. It checks by hand what {@code
 * telemetry.schema.json} says (required and allowed keys, types, patterns, enums, ranges) and what
 * {@link MessageValidator} checks after the schema (gateway equals the topic's, known unit, finite
 * value, timestamp within the accepted window).
 *
 * <p>It only ever accepts: on anything else — a refusal, an unusual but valid spelling (a number
 * written {@code 1.0}, a leap second), a parse error — it answers {@code null} and the caller runs
 * the schema validator, which gives the precise reason. {@code TelemetryFastPathTest} runs both
 * over the example messages and generated mutations and checks that they agree.
 */
final class TelemetryFastPath {
  private final JsonFactory factory;
  private final Interner names = new Interner(1 << 14);
  private final TelemetryBytes plain = new TelemetryBytes(names);

  TelemetryFastPath(JsonFactory factory) {
    // duplicate keys are detected here, per object, with a bit per known key (Jackson's detector
    // showed in the profile); a duplicate means "not accepted in full" like any other doubt
    this.factory = factory.rebuild().disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  }

  /** Sets {@code bit} in {@code seen}, or answers -1 when it was already set (a duplicate key). */
  private static int mark(int seen, int bit) {
    return (seen & bit) != 0 ? -1 : seen | bit;
  }

  /**
   * The decoded message when it is accepted in full, else null (the caller decides with the schema
   * validator).
   */
  Payload.Telemetry decode(
      TopicName topic, byte[] payload, Instant now, Duration clockSkew, Duration maxAge) {
    Instant earliest = now.minus(maxAge);
    Instant latest = now.plus(clockSkew);
    // the plain spelling first, straight from the bytes; then the streaming parser
    Payload.Telemetry plainly = plain.decode(topic, payload, earliest, latest);
    return plainly != null ? plainly : streaming(topic, payload, earliest, latest);
  }

  /** The plain spelling only ({@link TelemetryBytes}), for tests. */
  Payload.Telemetry decodePlain(
      TopicName topic, byte[] payload, Instant now, Duration clockSkew, Duration maxAge) {
    return plain.decode(topic, payload, now.minus(maxAge), now.plus(clockSkew));
  }

  /** The streaming parser only, for tests. */
  Payload.Telemetry decodeStreaming(
      TopicName topic, byte[] payload, Instant now, Duration clockSkew, Duration maxAge) {
    return streaming(topic, payload, now.minus(maxAge), now.plus(clockSkew));
  }

  private Payload.Telemetry streaming(
      TopicName topic, byte[] payload, Instant earliest, Instant latest) {
    try (JsonParser p = factory.createParser(payload)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      boolean version = false;
      String gateway = null;
      long seq = -1;
      Instant sentAt = null;
      List<TelemetryPoint> points = null;
      int seen = 0;
      // in an object the parser reads names up to END_OBJECT (null); it throws on anything else
      for (String name = p.nextName(); name != null; name = p.nextName()) {
        JsonToken v = p.nextToken();
        seen =
            mark(
                seen,
                switch (name) {
                  case "schema_version" -> 1;
                  case "gateway" -> 2;
                  case "seq" -> 4;
                  case "sent_at" -> 8;
                  case "points" -> 16;
                  default -> 0;
                });
        if (seen < 0) {
          return null;
        }
        switch (name) {
          case "schema_version" -> {
            // const 1; other spellings of one (1.0) are left to the schema
            if (v != JsonToken.VALUE_NUMBER_INT || !"1".equals(p.getString())) {
              return null;
            }
            version = true;
          }
          case "gateway" -> {
            if (v != JsonToken.VALUE_STRING) {
              return null;
            }
            gateway = p.getString();
            if (!gateway.equals(topic.gateway())) {
              return null;
            }
          }
          case "seq" -> {
            if (v != JsonToken.VALUE_NUMBER_INT
                || p.getNumberType() != JsonParser.NumberType.INT
                    && p.getNumberType() != JsonParser.NumberType.LONG) {
              return null;
            }
            seq = p.getLongValue();
            if (seq < 0 || seq > TelemetryRules.MAX_SEQ) {
              return null;
            }
          }
          case "sent_at" -> {
            sentAt = v == JsonToken.VALUE_STRING ? Utc.parse(p.getString()) : null;
            if (sentAt == null) {
              return null;
            }
          }
          case "points" -> {
            points = v == JsonToken.START_ARRAY ? points(p, earliest, latest) : null;
            if (points == null) {
              return null;
            }
          }
          default -> {
            return null;
          }
        }
      }
      // nothing may follow the object (the mapper fails on trailing tokens too)
      if (p.nextToken() != null) {
        return null;
      }
      return TelemetryRules.message(version, gateway, seq, sentAt, points);
    } catch (RuntimeException e) {
      // JacksonException included: unparseable, duplicate key, too deep — the schema path says why
      return null;
    }
  }

  private List<TelemetryPoint> points(JsonParser p, Instant earliest, Instant latest) {
    List<TelemetryPoint> points = new ArrayList<>();
    LastTimestamp last = new LastTimestamp();
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      if (t != JsonToken.START_OBJECT || points.size() == TelemetryRules.MAX_POINTS) {
        return null;
      }
      TelemetryPoint point = point(p, earliest, latest, last);
      if (point == null) {
        return null;
      }
      points.add(point);
    }
    return points.isEmpty() ? null : points;
  }

  /**
   * The timestamp of the previous point of the message: points of one poll share it, so it is read
   * once per message rather than once per point.
   */
  private static final class LastTimestamp {
    private char[] text = new char[32];
    private int length = -1;
    private Instant value;

    Instant parse(char[] c, int off, int len) {
      if (len == length && Arrays.equals(text, 0, len, c, off, off + len)) {
        return value;
      }
      Instant v = Utc.parse(c, off, len);
      if (v != null && len <= text.length) {
        System.arraycopy(c, off, text, 0, len);
        length = len;
        value = v;
      }
      return v;
    }
  }

  private TelemetryPoint point(JsonParser p, Instant earliest, Instant latest, LastTimestamp last) {
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
    for (String name = p.nextName(); name != null; name = p.nextName()) {
      JsonToken v = p.nextToken();
      int bit =
          switch (name) {
            case "meter" -> 1;
            case "channel" -> 2;
            case "ts" -> 4;
            case "value" -> 8;
            case "unit" -> 16;
            case "quality" -> 32;
            case "kind" -> 64;
            case "counter_bits" -> 128;
            default -> 0;
          };
      seen = mark(seen, bit);
      if (seen < 0 || bit == 0) {
        return null;
      }
      if (bit == 8) {
        if (v == JsonToken.VALUE_NUMBER_FLOAT) {
          value = p.getDoubleValue();
        } else if (v == JsonToken.VALUE_NUMBER_INT) {
          // as the tree model does: int, long or big integer, then to double
          value = p.getNumberValue().doubleValue();
        } else {
          return null;
        }
        if (!Double.isFinite(value)) {
          return null;
        }
        hasValue = true;
        continue;
      }
      if (bit == 128) {
        if (v != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
          return null;
        }
        int bits = p.getIntValue();
        if (!TelemetryRules.isCounterBits(bits)) {
          return null;
        }
        counterBits = bits;
        continue;
      }
      if (v != JsonToken.VALUE_STRING) {
        return null;
      }
      // the parser's own characters: no string per value (names come from the interner)
      char[] c = p.getStringCharacters();
      int off = p.getStringOffset();
      int len = p.getStringLength();
      switch (bit) {
        case 1 -> {
          if (!TelemetryRules.isId(c, off, len)) {
            return null;
          }
          meter = names.intern(c, off, len);
        }
        case 2 -> {
          if (!TelemetryRules.isChannel(c, off, len)) {
            return null;
          }
          channel = names.intern(c, off, len);
        }
        case 4 -> {
          ts = last.parse(c, off, len);
          if (ts == null || ts.isAfter(latest) || ts.isBefore(earliest)) {
            return null;
          }
        }
        case 16 -> {
          // every known code matches the schema's ^[A-Z0-9]{2,3}$
          String u = len >= 2 && len <= 3 ? names.intern(c, off, len) : null;
          if (u == null || !Units.isKnown(u)) {
            return null;
          }
          unit = u;
        }
        case 32 -> {
          quality =
              is(c, off, len, "good")
                  ? Quality.GOOD
                  : is(c, off, len, "uncertain")
                      ? Quality.UNCERTAIN
                      : is(c, off, len, "bad") ? Quality.BAD : null;
          if (quality == null) {
            return null;
          }
        }
        default -> { // 64: kind
          if (is(c, off, len, "counter")) {
            counter = true;
          } else if (!is(c, off, len, "gauge")) {
            return null;
          }
        }
      }
    }
    return TelemetryRules.point(
        meter, channel, ts, hasValue, value, unit, quality, counter, counterBits);
  }

  private static boolean is(char[] c, int off, int len, String word) {
    if (len != word.length()) {
      return false;
    }
    for (int i = 0; i < len; i++) {
      if (c[off + i] != word.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The contract's UTC timestamps, {@code YYYY-MM-DDTHH:MM:SS[.f{1,9}]Z}, read without the
   * general-purpose formatter. Null for anything else and for what the schema's date-time format or
   * {@link Instant#parse} might treat specially (a leap second, an impossible date).
   */
  static final class Utc {
    private Utc() {}

    static Instant parse(String s) {
      return parse(s.toCharArray(), 0, s.length());
    }

    /** The same, of {@code n} characters of {@code c} from {@code off}. */
    static Instant parse(char[] c, int off, int n) {
      if (n < 20 || n > 30 || c[off + n - 1] != 'Z') {
        return null;
      }
      if (c[off + 4] != '-'
          || c[off + 7] != '-'
          || c[off + 10] != 'T'
          || c[off + 13] != ':'
          || c[off + 16] != ':') {
        return null;
      }
      int year = digits(c, off + 0, 4);
      int month = digits(c, off + 5, 2);
      int day = digits(c, off + 8, 2);
      int hour = digits(c, off + 11, 2);
      int minute = digits(c, off + 14, 2);
      int second = digits(c, off + 17, 2);
      if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23) {
        return null;
      }
      if (minute < 0 || minute > 59 || second < 0 || second > 59) {
        return null;
      }
      if (day > lengthOfMonth(year, month)) {
        return null;
      }
      int nanos = 0;
      if (n > 20) {
        // '.' and 1..9 digits before the Z
        int fraction = n - 21;
        if (c[off + 19] != '.' || fraction < 1 || fraction > 9) {
          return null;
        }
        int f = digits(c, off + 20, fraction);
        if (f < 0) {
          return null;
        }
        for (int i = fraction; i < 9; i++) {
          f *= 10;
        }
        nanos = f;
      }
      long days = epochDay(year, month, day);
      return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The value of {@code count} ASCII digits at {@code from}, or -1. */
    private static int digits(char[] s, int from, int count) {
      int v = 0;
      for (int i = from; i < from + count; i++) {
        char c = s[i];
        if (c < '0' || c > '9') {
          return -1;
        }
        v = v * 10 + (c - '0');
      }
      return v;
    }

    private static int lengthOfMonth(int year, int month) {
      return switch (month) {
        case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
        case 4, 6, 9, 11 -> 30;
        default -> 31;
      };
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (as {@code LocalDate.toEpochDay}). */
    private static long epochDay(int year, int month, int day) {
      long y = year;
      long total = 365 * y;
      if (y >= 0) {
        total += (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400;
      } else {
        total -= y / -4 - y / -100 + y / -400;
      }
      total += (367 * month - 362) / 12;
      total += day - 1;
      if (month > 2) {
        total--;
        if (!(year % 4 == 0 && (year % 100 != 0 || year % 400 == 0))) {
          total--;
        }
      }
      return total - 719_528; // days from year 0 to 1970
    }
  }
}
