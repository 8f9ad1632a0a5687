package org.energytrace.analytics.json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.AnalyticsException.Code;

/**
 * The strict RFC 8259 reader behind {@link Json#parse}: one value, no comments, no duplicate keys,
 * no NaN, at most 256 levels deep; an error names the line and column.
 */
final class JsonParser {
  private static final int MAX_DEPTH = 256;
  private final String s;
  private int pos;

  JsonParser(String s) {
    this.s = s;
  }

  /** The one value of the whole text. */
  Object document() {
    space();
    Object v = value(0);
    space();
    if (pos < s.length()) {
      throw error("unexpected text after the JSON value");
    }
    return v;
  }

  AnalyticsException error(String problem) {
    int line = 1;
    int col = 1;
    for (int i = 0; i < Math.min(pos, s.length()); i++) {
      if (s.charAt(i) == '\n') {
        line++;
        col = 1;
      } else {
        col++;
      }
    }
    return new AnalyticsException(
        Code.INVALID_INPUT, "line " + line + ", column " + col + ": not valid JSON: " + problem);
  }

  void space() {
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        pos++;
      } else {
        break;
      }
    }
  }

  Object value(int depth) {
    if (depth > MAX_DEPTH) {
      throw error("nested deeper than " + MAX_DEPTH);
    }
    if (pos >= s.length()) {
      throw error("unexpected end of input");
    }
    char c = s.charAt(pos);
    return switch (c) {
      case '{' -> object(depth);
      case '[' -> array(depth);
      case '"' -> string();
      case 't' -> literal("true", Boolean.TRUE);
      case 'f' -> literal("false", Boolean.FALSE);
      case 'n' -> literal("null", null);
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) {
          yield number();
        }
        throw error("unexpected character '" + c + "'");
      }
    };
  }

  Object literal(String word, Object v) {
    if (!s.startsWith(word, pos)) {
      throw error("expected " + word);
    }
    pos += word.length();
    return v;
  }

  Map<String, Object> object(int depth) {
    pos++; // {
    Map<String, Object> map = new LinkedHashMap<>();
    space();
    if (skip('}')) {
      return map;
    }
    while (true) {
      space();
      if (pos >= s.length() || s.charAt(pos) != '"') {
        throw error("expected a string key");
      }
      int keyAt = pos;
      String key = string();
      if (map.containsKey(key)) {
        pos = keyAt;
        throw error("duplicate key \"" + key + "\"");
      }
      space();
      expect(':');
      space();
      map.put(key, value(depth + 1));
      space();
      if (skip(',')) {
        continue;
      }
      expect('}');
      return map;
    }
  }

  List<Object> array(int depth) {
    pos++; // [
    List<Object> list = new ArrayList<>();
    space();
    if (skip(']')) {
      return list;
    }
    while (true) {
      space();
      list.add(value(depth + 1));
      space();
      if (skip(',')) {
        continue;
      }
      expect(']');
      return list;
    }
  }

  void expect(char c) {
    if (!skip(c)) {
      throw error("expected '" + c + "'");
    }
  }

  /** Steps over {@code c} when it is next; false (nothing read) when it is not. */
  boolean skip(char c) {
    if (pos < s.length() && s.charAt(pos) == c) {
      pos++;
      return true;
    }
    return false;
  }

  String string() {
    pos++; // opening quote
    StringBuilder b = new StringBuilder();
    while (true) {
      if (pos >= s.length()) {
        throw error("unterminated string");
      }
      char c = s.charAt(pos++);
      if (c == '"') {
        return b.toString();
      }
      if (c < 0x20) {
        pos--;
        throw error("control character in a string (escape it)");
      }
      if (c != '\\') {
        b.append(c);
        continue;
      }
      if (pos >= s.length()) {
        throw error("unterminated escape");
      }
      char e = s.charAt(pos++);
      switch (e) {
        case '"' -> b.append('"');
        case '\\' -> b.append('\\');
        case '/' -> b.append('/');
        case 'b' -> b.append('\b');
        case 'f' -> b.append('\f');
        case 'n' -> b.append('\n');
        case 'r' -> b.append('\r');
        case 't' -> b.append('\t');
        case 'u' -> {
          if (pos + 4 > s.length()) {
            throw error("short \\u escape");
          }
          try {
            b.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
          } catch (NumberFormatException x) {
            throw error("bad \\u escape");
          }
          pos += 4;
        }
        default -> {
          pos--;
          throw error("bad escape '\\" + e + "'");
        }
      }
    }
  }

  BigDecimal number() {
    int start = pos;
    if (s.charAt(pos) == '-') {
      pos++;
    }
    if (!skip('0') && !digits()) {
      throw error("bad number");
    }
    if (skip('.')) {
      if (!digits()) {
        throw error("bad number: digits must follow '.'");
      }
    }
    if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
      pos++;
      if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
        pos++;
      }
      if (!digits()) {
        throw error("bad number: digits must follow the exponent");
      }
    }
    return new BigDecimal(s.substring(start, pos));
  }

  boolean digits() {
    int start = pos;
    while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
      pos++;
    }
    return pos > start;
  }
}
