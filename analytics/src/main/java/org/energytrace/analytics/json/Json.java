package org.energytrace.analytics.json;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.AnalyticsException.Code;

/**
 * JSON trees as plain Java values: objects are {@code Map<String, Object>} (insertion order kept),
 * arrays {@code List<Object>}, strings, numbers ({@link BigDecimal} when parsed), booleans and
 * null.
 *
 * <ul>
 *   <li>{@link #parse}: strict RFC 8259 (one value, no trailing text, no comments, no duplicate
 *       keys, no NaN); errors name the line and column.
 *   <li>{@link #write}: the reports' deterministic pretty form — two-space indent, {@code \n},
 *       doubles by {@link Double#toString}, NaN and infinities as null. No setting can change the
 *       bytes.
 *   <li>{@link #canonical}: RFC 8785 (JSON Canonicalization Scheme): no whitespace, object keys
 *       sorted by UTF-16 code units, strings with the minimal escapes, numbers as ECMAScript {@code
 *       Number.prototype.toString} of the IEEE 754 double (shortest round-trip digits).
 * </ul>
 */
public final class Json {

  private Json() {}

  // ---------------------------------------------------------------- parse

  /** Parses one JSON value; objects keep their key order. */
  public static Object parse(String text) {
    return new JsonParser(text).document();
  }

  /** Parses a JSON object (the top level must be one). */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> parseObject(String text) {
    Object v = parse(text);
    if (!(v instanceof Map)) {
      throw new AnalyticsException(Code.INVALID_INPUT, "the top level must be a JSON object");
    }
    return (Map<String, Object>) v;
  }

  // ---------------------------------------------------------------- pretty writer

  /**
   * A double as a tree value: JSON has no NaN or infinity, so an undefined statistic is null (also
   * for trees another writer, such as Jackson, serialises).
   */
  public static Object finiteOrNull(double v) {
    return Double.isFinite(v) ? v : null;
  }

  /**
   * The deterministic pretty form of a tree (maps, lists, strings, numbers, booleans, null; any
   * other object as its {@code toString()} string), ending with {@code \n}.
   */
  public static String write(Object tree) {
    StringBuilder b = new StringBuilder();
    pretty(b, tree, 0);
    return b.append('\n').toString();
  }

  private static void pretty(StringBuilder b, Object v, int depth) {
    if (v == null) {
      b.append("null");
    } else if (v instanceof String s) {
      string(b, s, false);
    } else if (v instanceof Double d) {
      b.append(Double.isFinite(d) ? d.toString() : "null");
    } else if (v instanceof Float f) {
      pretty(b, f.doubleValue(), depth);
    } else if (v instanceof BigDecimal d) {
      b.append(d.toString());
    } else if (v instanceof Number || v instanceof Boolean) {
      b.append(v);
    } else if (v instanceof Map<?, ?> m) {
      if (m.isEmpty()) {
        b.append("{}");
        return;
      }
      b.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        b.append(first ? "\n" : ",\n");
        first = false;
        b.append("  ".repeat(depth + 1));
        string(b, String.valueOf(e.getKey()), false);
        b.append(": ");
        pretty(b, e.getValue(), depth + 1);
      }
      b.append('\n').append("  ".repeat(depth)).append('}');
    } else if (v instanceof List<?> l) {
      if (l.isEmpty()) {
        b.append("[]");
        return;
      }
      b.append('[');
      boolean first = true;
      for (Object item : l) {
        b.append(first ? "\n" : ",\n");
        first = false;
        b.append("  ".repeat(depth + 1));
        pretty(b, item, depth + 1);
      }
      b.append('\n').append("  ".repeat(depth)).append(']');
    } else {
      string(b, v.toString(), false);
    }
  }

  // ---------------------------------------------------------------- RFC 8785

  /** The RFC 8785 canonical form of a JSON text (parsed strictly first). */
  public static String canonical(String json) {
    return canonical(parse(json));
  }

  /**
   * The RFC 8785 canonical form of a tree. Numbers must be finite; keys are sorted by UTF-16 code
   * units ({@link String#compareTo}); lone surrogates are refused (they have no UTF-8 form).
   */
  public static String canonical(Object tree) {
    StringBuilder b = new StringBuilder();
    canonical(b, tree);
    return b.toString();
  }

  private static void canonical(StringBuilder b, Object v) {
    if (v == null) {
      b.append("null");
    } else if (v instanceof Boolean x) {
      b.append(x);
    } else if (v instanceof String s) {
      string(b, s, true);
    } else if (v instanceof Number n) {
      b.append(number(n.doubleValue()));
    } else if (v instanceof Map<?, ?> m) {
      Map<String, Object> sorted = new TreeMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!(e.getKey() instanceof String k)) {
          throw new AnalyticsException(Code.INVALID_INPUT, "object keys must be strings");
        }
        sorted.put(k, e.getValue());
      }
      b.append('{');
      boolean first = true;
      for (Map.Entry<String, Object> e : sorted.entrySet()) {
        if (!first) {
          b.append(',');
        }
        first = false;
        string(b, e.getKey(), true);
        b.append(':');
        canonical(b, e.getValue());
      }
      b.append('}');
    } else if (v instanceof List<?> l) {
      b.append('[');
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) {
          b.append(',');
        }
        canonical(b, l.get(i));
      }
      b.append(']');
    } else {
      throw new AnalyticsException(
          Code.INVALID_INPUT, "not a JSON value: " + v.getClass().getSimpleName());
    }
  }

  /**
   * ECMAScript {@code Number.prototype.toString} of a finite double (RFC 8785 §3.2.2.3): the
   * shortest decimal digits that read back as the same double, plain between 1e-6 and 1e21,
   * otherwise {@code d.ddde±x}; both zeros print as {@code 0}.
   */
  public static String number(double d) {
    if (!Double.isFinite(d)) {
      throw new AnalyticsException(Code.INVALID_INPUT, "JSON has no NaN or infinity: " + d);
    }
    if (d == 0) {
      return "0";
    }
    if (d < 0) {
      return "-" + number(-d);
    }
    BigDecimal exact = new BigDecimal(d);
    BigDecimal shortest = null;
    for (int p = 1; p <= 17; p++) {
      BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
      if (Double.parseDouble(r.toString()) == d) {
        shortest = r;
        break;
      }
    }
    if (shortest == null) {
      shortest = exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
    }
    BigDecimal stripped = shortest.stripTrailingZeros();
    String digits = stripped.unscaledValue().toString();
    int k = digits.length();
    int n = k - stripped.scale(); // value = 0.digits × 10^n
    StringBuilder b = new StringBuilder();
    if (k <= n && n <= 21) {
      b.append(digits).append("0".repeat(n - k));
    } else if (0 < n && n <= 21) {
      b.append(digits, 0, n).append('.').append(digits, n, k);
    } else if (-6 < n && n <= 0) {
      b.append("0.").append("0".repeat(-n)).append(digits);
    } else {
      int e = n - 1;
      b.append(digits.charAt(0));
      if (k > 1) {
        b.append('.').append(digits, 1, k);
      }
      b.append('e').append(e >= 0 ? '+' : '-').append(Math.abs(e));
    }
    return b.toString();
  }

  private static void string(StringBuilder b, String s, boolean canonical) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (canonical && Character.isSurrogate(c)) {
        boolean paired =
            Character.isHighSurrogate(c)
                && i + 1 < s.length()
                && Character.isLowSurrogate(s.charAt(i + 1));
        if (!paired) {
          throw new AnalyticsException(
              Code.INVALID_INPUT, "a string holds a lone surrogate at index " + i);
        }
        b.append(c).append(s.charAt(++i));
        continue;
      }
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '\b' -> b.append(canonical ? "\\b" : "\\u0008");
        case '\f' -> b.append(canonical ? "\\f" : "\\u000c");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }

  /** A list of one object per item (keys in the order {@code fill} puts them), for trees. */
  public static <T> List<Object> objects(
      Iterable<? extends T> items, BiConsumer<? super T, Map<String, Object>> fill) {
    List<Object> list = new ArrayList<>();
    for (T item : items) {
      Map<String, Object> m = new LinkedHashMap<>();
      fill.accept(item, m);
      list.add(m);
    }
    return list;
  }

  /** An unmodifiable ordered copy, for trees handed out by records. */
  public static Map<String, Object> ordered(Map<String, Object> m) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(m));
  }
}
