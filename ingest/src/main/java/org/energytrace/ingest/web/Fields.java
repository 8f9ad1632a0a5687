package org.energytrace.ingest.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.energytrace.ingest.errors.DomainException;

/**
 * Reads the fields of one record (a JSON object, or a CSV row whose cells are all text) and
 * collects a problem per bad field instead of stopping at the first: an API answer names the first,
 * a registry import every one with its row and column. Blank text counts as absent. Shared by the
 * programme registry and the cleaner-production records.
 */
public final class Fields {
  /** One bad field. */
  public record Problem(String field, String message) {}

  private final Map<String, Object> values;
  private final String prefix;
  private final List<Problem> problems = new ArrayList<>();

  /**
   * @param prefix put before each field's name in problems (e.g. {@code officer.}), may be empty
   */
  public Fields(Map<String, Object> values, String prefix) {
    this.values = values;
    this.prefix = prefix;
  }

  public List<Problem> problems() {
    return problems;
  }

  public boolean ok() {
    return problems.isEmpty();
  }

  /** The first problem found, as a refusal ({@link DomainException#invalid} naming its field). */
  public DomainException first() {
    Problem p = problems.get(0);
    return DomainException.invalid(p.field(), p.message());
  }

  /** Refuses the request when a problem was found (the first, as {@link #first}). */
  public void throwFirst() {
    if (!ok()) {
      throw first();
    }
  }

  /** Fields the record may not have (a typo must not be silently ignored). */
  public void only(Set<String> known) {
    for (String k : values.keySet()) {
      if (!known.contains(k)) {
        problems.add(new Problem(prefix + k, "unknown field; known: " + String.join(", ", known)));
      }
    }
  }

  public void problem(String field, String message) {
    problems.add(new Problem(prefix + field, message));
  }

  public String text(String field, boolean required, int max) {
    Object v = values.get(field);
    if (v != null && !(v instanceof String)) {
      problem(field, "must be text");
      return null;
    }
    String s = v == null ? null : ((String) v).strip();
    if (s == null || s.isEmpty()) {
      if (required) {
        problem(field, "is required");
      }
      return null;
    }
    if (s.length() > max) {
      problem(field, "at most " + max + " characters, got " + s.length());
      return null;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        problem(field, "must not contain control characters");
        return null;
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        problem(field, "must be valid Unicode text");
        return null;
      }
    }
    return s;
  }

  public String matching(String field, boolean required, Pattern pattern, String expected) {
    String s = text(field, required, 200);
    if (s != null && !pattern.matcher(s).matches()) {
      problem(field, expected + ", got '" + s + "'");
      return null;
    }
    return s;
  }

  public String oneOf(String field, boolean required, List<String> allowed) {
    String s = text(field, required, 100);
    if (s != null && !allowed.contains(s)) {
      problem(field, "must be one of " + String.join(", ", allowed) + ", got '" + s + "'");
      return null;
    }
    return s;
  }

  public LocalDate date(String field, boolean required) {
    String s = text(field, required, 10);
    if (s == null) {
      return null;
    }
    try {
      LocalDate d = LocalDate.parse(s);
      if (d.getYear() < 1900 || d.getYear() > 2100) {
        problem(field, "a date between 1900 and 2100, got " + s);
        return null;
      }
      return d;
    } catch (DateTimeParseException e) {
      problem(field, "must be a date YYYY-MM-DD, got '" + s + "'");
      return null;
    }
  }

  public Double number(String field, boolean required, double min, double max) {
    Object v = values.get(field);
    Double d = null;
    if (v instanceof Number n) {
      d = n.doubleValue();
    } else if (v instanceof String s && !s.isBlank()) {
      try {
        d = new BigDecimal(s.strip()).doubleValue();
      } catch (NumberFormatException e) {
        problem(field, "must be a number, got '" + s.strip() + "'");
        return null;
      }
    } else if (v != null && !(v instanceof String)) {
      problem(field, "must be a number");
      return null;
    }
    if (d == null) {
      if (required) {
        problem(field, "is required");
      }
      return null;
    }
    if (!Double.isFinite(d) || d < min || d > max) {
      problem(field, "must be between " + fmt(min) + " and " + fmt(max) + ", got " + v);
      return null;
    }
    return d;
  }

  public Boolean bool(String field, boolean required) {
    Object v = values.get(field);
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof String s && !s.isBlank()) {
      String t = s.strip().toLowerCase(java.util.Locale.ROOT);
      if (List.of("true", "yes", "1", "có").contains(t)) {
        return true;
      }
      if (List.of("false", "no", "0", "không").contains(t)) {
        return false;
      }
      problem(field, "must be true or false, got '" + s.strip() + "'");
      return null;
    }
    if (v != null && !(v instanceof String)) {
      problem(field, "must be true or false");
      return null;
    }
    if (required) {
      problem(field, "is required");
    }
    return null;
  }

  private static String fmt(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }
}
