package org.energytrace.analytics.report;

import java.util.List;
import java.util.Map;

/**
 * A small deterministic JSON writer for report trees (ordered maps, lists, strings, numbers,
 * booleans, null): two-space indent, {@code \n} line ends, doubles by {@link Double#toString}, NaN
 * and infinities as null. No library setting can change the bytes.
 */
public final class Json {

  private Json() {}

  public static String write(Object tree) {
    StringBuilder b = new StringBuilder();
    value(b, tree, 0);
    return b.append('\n').toString();
  }

  private static void value(StringBuilder b, Object v, int depth) {
    if (v == null) {
      b.append("null");
    } else if (v instanceof String s) {
      string(b, s);
    } else if (v instanceof Double d) {
      b.append(Double.isFinite(d) ? d.toString() : "null");
    } else if (v instanceof Float f) {
      value(b, f.doubleValue(), depth);
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
        indent(b, depth + 1);
        string(b, String.valueOf(e.getKey()));
        b.append(": ");
        value(b, e.getValue(), depth + 1);
      }
      b.append('\n');
      indent(b, depth);
      b.append('}');
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
        indent(b, depth + 1);
        value(b, item, depth + 1);
      }
      b.append('\n');
      indent(b, depth);
      b.append(']');
    } else {
      string(b, v.toString());
    }
  }

  private static void indent(StringBuilder b, int depth) {
    b.append("  ".repeat(depth));
  }

  private static void string(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
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
}
