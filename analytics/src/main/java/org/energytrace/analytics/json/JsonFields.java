package org.energytrace.analytics.json;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.AnalyticsException.Code;

/**
 * Typed access to one parsed JSON object whose errors name where the problem is: {@code
 * facilities[3].cp_steps[1], field 'date': not an ISO date: '2025-13-01'}.
 *
 * @param path where this object sits in the document ({@code ""} for the top level)
 */
public record JsonFields(Map<String, Object> map, String path) {

  public JsonFields {
    Objects.requireNonNull(map, "map");
    Objects.requireNonNull(path, "path");
  }

  /** The top-level object of a JSON text. */
  public static JsonFields parse(String json) {
    return new JsonFields(Json.parseObject(json), "");
  }

  public AnalyticsException error(String field, String problem) {
    return new AnalyticsException(
        Code.INVALID_INPUT,
        (path.isEmpty() ? "" : path + ", ")
            + (field == null ? "" : "field '" + field + "': ")
            + problem);
  }

  public boolean has(String field) {
    return map.get(field) != null;
  }

  /** Refuses fields outside {@code allowed} (a typo must not be silently ignored). */
  public JsonFields only(Set<String> allowed) {
    for (String k : map.keySet()) {
      if (!allowed.contains(k)) {
        throw error(k, "unknown field (allowed: " + new java.util.TreeSet<>(allowed) + ")");
      }
    }
    return this;
  }

  public String text(String field) {
    return required(field, optText(field), "missing");
  }

  public String optText(String field) {
    return opt(field, String.class, v -> "must be a string, got " + Json.canonical(v));
  }

  public double number(String field) {
    return required(field, optNumber(field), "missing");
  }

  public Double optNumber(String field) {
    Number n = opt(field, Number.class, v -> "not a number: " + Json.canonical(v));
    if (n == null) {
      return null;
    }
    double d = n.doubleValue();
    if (!Double.isFinite(d)) {
      throw error(field, "not a finite number: " + n);
    }
    return d;
  }

  public long integer(String field) {
    return required(field, optInteger(field), "missing");
  }

  public Long optInteger(String field) {
    Object v = map.get(field);
    if (v == null) {
      return null;
    }
    try {
      if (v instanceof BigDecimal d) {
        return d.longValueExact();
      }
      if (v instanceof Integer || v instanceof Long) {
        return ((Number) v).longValue();
      }
    } catch (ArithmeticException e) {
      // falls through
    }
    throw error(field, "not an integer: " + Json.canonical(v));
  }

  public boolean bool(String field) {
    return required(field, optBool(field), "must be true or false");
  }

  public Boolean optBool(String field) {
    return opt(field, Boolean.class, v -> "must be true or false, got " + Json.canonical(v));
  }

  public LocalDate date(String field) {
    return required(field, optDate(field), "missing");
  }

  public LocalDate optDate(String field) {
    String s = optText(field);
    if (s == null) {
      return null;
    }
    try {
      return LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      throw error(field, "not an ISO date (YYYY-MM-DD): '" + s + "'");
    }
  }

  /** The constant of {@code type} whose lower-case name the text field holds. */
  public <E extends Enum<E>> E choice(String field, Class<E> type) {
    String v = text(field);
    List<String> allowed = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      String name = e.name().toLowerCase(Locale.ROOT);
      if (name.equals(v)) {
        return e;
      }
      allowed.add(name);
    }
    throw error(field, "'" + v + "' is not one of " + allowed);
  }

  /** A nested object, or null when absent. */
  @SuppressWarnings("unchecked")
  public JsonFields optObject(String field) {
    Map<String, Object> v = opt(field, Map.class, x -> "must be an object");
    return v == null ? null : new JsonFields(v, child(field));
  }

  public JsonFields object(String field) {
    return required(field, optObject(field), "missing");
  }

  /** A list of objects; an absent field is an empty list. */
  @SuppressWarnings("unchecked")
  public List<JsonFields> objects(String field) {
    List<?> list = list(field);
    List<JsonFields> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      Object item = list.get(i);
      String at = child(field) + "[" + i + "]";
      if (!(item instanceof Map)) {
        throw new AnalyticsException(Code.INVALID_INPUT, at + ": must be an object");
      }
      out.add(new JsonFields((Map<String, Object>) item, at));
    }
    return out;
  }

  /** A list of strings; an absent field is an empty list. */
  public List<String> texts(String field) {
    List<String> out = new ArrayList<>();
    for (Object item : list(field)) {
      if (!(item instanceof String s)) {
        throw error(field, "must hold strings only");
      }
      out.add(s);
    }
    return out;
  }

  /** The value of a field that must be there: refused with {@code problem} when absent. */
  private <T> T required(String field, T value, String problem) {
    if (value == null) {
      throw error(field, problem);
    }
    return value;
  }

  /** The value of an optional field of {@code type} (null when absent), else refused. */
  private <T> T opt(String field, Class<T> type, Function<Object, String> problem) {
    Object v = map.get(field);
    if (v == null) {
      return null;
    }
    if (!type.isInstance(v)) {
      throw error(field, problem.apply(v));
    }
    return type.cast(v);
  }

  /** A list field; an absent field is an empty list. */
  private List<?> list(String field) {
    List<?> list = opt(field, List.class, v -> "must be a list");
    return list == null ? List.of() : list;
  }

  private String child(String field) {
    return path.isEmpty() ? field : path + "." + field;
  }
}
