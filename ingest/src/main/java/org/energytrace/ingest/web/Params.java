package org.energytrace.ingest.web;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.model.TopicName;

/**
 * Request parameters and JSON body fields, checked: each refusal is a {@link
 * DomainException#invalid} naming the parameter, which {@link Blocking} answers as a 400.
 */
public final class Params {
  public static final int DEFAULT_LIMIT = 1000;
  public static final int MAX_LIMIT = 10_000;

  private Params() {}

  /** {@code value} if it is an id of the wire contract ({@link TopicName#ID}). */
  public static String id(String name, String value) {
    if (value == null || !TopicName.ID.matcher(value).matches()) {
      throw DomainException.invalid(name, "must match " + TopicName.ID.pattern());
    }
    return value;
  }

  /**
   * {@code other} once it and {@code enterprise} are ids; refused naming {@code name} ("enterprise
   * and {@code name} must match ...") otherwise.
   */
  public static String ids(String enterprise, String other, String name) {
    if (!TopicName.ID.matcher(enterprise).matches() || !TopicName.ID.matcher(other).matches()) {
      throw DomainException.invalid(
          name, "enterprise and " + name + " must match " + TopicName.ID.pattern());
    }
    return other;
  }

  /** {@code value} if absent or an id. */
  public static String optionalId(String name, String value) {
    return value == null ? null : id(name, value);
  }

  /** {@code value} if it is a channel name of the wire contract ({@link TopicName#CHANNEL}). */
  public static String channel(String value) {
    if (value == null || !TopicName.CHANNEL.matcher(value).matches()) {
      throw DomainException.invalid("channel", "must match " + TopicName.CHANNEL.pattern());
    }
    return value;
  }

  /**
   * A free-text query parameter, stripped; null when absent or blank; at most 200 printable
   * characters.
   */
  public static String query(RoutingContext ctx, String name) {
    String v = ctx.queryParams().get(name);
    if (v == null || v.isBlank()) {
      return null;
    }
    if (v.length() > 200 || v.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
      throw DomainException.invalid(name, "at most 200 printable characters");
    }
    return v.strip();
  }

  /** {@code v} as a version number (an integer from 1), refused as {@code version} otherwise. */
  public static int version(String v) {
    return version("version", v, "must be a version number from 1");
  }

  /**
   * {@code v} as a version number (an integer from 1), refused naming {@code name} otherwise; a
   * number below 1 is refused as {@code belowOne} words it, followed by the number.
   */
  public static int version(String name, String v, String belowOne) {
    try {
      int n = Integer.parseInt(v);
      if (n < 1) {
        throw DomainException.invalid(name, belowOne + ", got " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw DomainException.invalid(name, "must be an integer, got '" + v + "'");
    }
  }

  /** A query parameter as an instant, {@code def} when absent. */
  public static Instant instant(RoutingContext ctx, String name, Instant def) {
    String s = ctx.queryParams().get(name);
    if (s == null) {
      return def;
    }
    return Instants.parse(s)
        .orElseThrow(() -> DomainException.invalid(name, Instants.EXPECTED + ", got '" + s + "'"));
  }

  /** A required query parameter as a local day (an ISO date), refused with its name otherwise. */
  public static LocalDate day(RoutingContext ctx, String name) {
    return day(name, ctx.queryParams().get(name));
  }

  /** {@code value} as a local day (an ISO date); required. */
  public static LocalDate day(String name, String value) {
    if (value == null) {
      throw DomainException.invalid(name, "required (an ISO date such as 2026-01-31)");
    }
    return Instants.day(value)
        .orElseThrow(
            () -> DomainException.invalid(name, Instants.EXPECTED_DAY + ", got '" + value + "'"));
  }

  /**
   * Refuses, as {@code to}, a span of days from {@code from} to {@code to} that ends before it
   * starts or lasts {@code maxDays} or more; {@code in} says where the limit holds ("in one
   * request").
   */
  public static void span(LocalDate from, LocalDate to, int maxDays, String in) {
    DomainException.requireNotBefore("from", from, "to", to);
    if (to.toEpochDay() - from.toEpochDay() >= maxDays) {
      throw DomainException.invalid(
          "to", "at most " + maxDays + " days from 'from' " + in + ", got " + to);
    }
  }

  /**
   * {@code s} as a day of an ISO date from year {@code firstYear} to {@code lastYear}, refused
   * naming {@code field}; a text that is no date is refused as "must be a date {@code format}".
   */
  public static LocalDate day(String field, String s, int firstYear, int lastYear, String format) {
    try {
      LocalDate d = LocalDate.parse(s);
      if (d.getYear() < firstYear || d.getYear() > lastYear) {
        throw DomainException.invalid(
            field, "a date between " + firstYear + " and " + lastYear + ", got " + s);
      }
      return d;
    } catch (DateTimeParseException e) {
      throw DomainException.invalid(field, "must be a date " + format + ", got '" + s + "'");
    }
  }

  /**
   * The {@code limit} query parameter: 1 to {@link #MAX_LIMIT}, {@link #DEFAULT_LIMIT} if absent.
   */
  public static int limit(RoutingContext ctx) {
    String s = ctx.queryParams().get("limit");
    if (s == null) {
      return DEFAULT_LIMIT;
    }
    int v;
    try {
      v = Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw DomainException.invalid("limit", "must be an integer, got '" + s + "'");
    }
    if (v < 1 || v > MAX_LIMIT) {
      throw DomainException.invalid("limit", "must be between 1 and " + MAX_LIMIT + ", got " + v);
    }
    return v;
  }

  /** A path parameter as a long, refused with {@code message} otherwise. */
  public static long longPath(RoutingContext ctx, String name, String message) {
    try {
      return Long.parseLong(ctx.pathParam(name));
    } catch (NumberFormatException e) {
      throw DomainException.invalid(name, message);
    }
  }

  /** The request body as a JSON object. */
  public static JsonObject body(RoutingContext ctx) {
    try {
      JsonObject b = ctx.body().asJsonObject();
      if (b == null) {
        throw DomainException.invalid("body", "a JSON object is required");
      }
      return b;
    } catch (DecodeException | ClassCastException e) {
      throw DomainException.invalid("body", "must be a JSON object");
    }
  }

  /**
   * The request body as a JSON object, an empty body refused as missing ("a JSON object is
   * required") rather than as malformed.
   */
  public static JsonObject nonEmptyBody(RoutingContext ctx) {
    if (ctx.body() == null || ctx.body().length() == 0) {
      throw DomainException.invalid("body", "a JSON object is required");
    }
    return body(ctx);
  }

  /** The request body as a JSON object, or null when it is not one. */
  public static JsonObject bodyOrNull(RoutingContext ctx) {
    try {
      return ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** A string field of {@code b}. */
  public static String text(JsonObject b, String field, boolean required) {
    return text(b, field, required, field);
  }

  /** A string field of {@code b}, named {@code name} in a refusal. */
  public static String text(JsonObject b, String field, boolean required, String name) {
    Object v = b.getValue(field);
    if (v == null) {
      if (required) {
        throw DomainException.invalid(name, "is required");
      }
      return null;
    }
    if (!(v instanceof String s)) {
      throw DomainException.invalid(name, "must be a string, got " + kindOf(v));
    }
    return s;
  }

  /** A list of strings, empty when absent. */
  public static List<String> texts(JsonObject b, String field) {
    Object v = b.getValue(field);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof JsonArray a)) {
      throw DomainException.invalid(field, "must be a list of strings, got " + kindOf(v));
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      if (!(a.getValue(i) instanceof String s)) {
        throw DomainException.invalid(field + "[" + i + "]", "must be a string");
      }
      out.add(s);
    }
    return out;
  }

  /** A boolean field, {@code def} when absent. */
  public static boolean bool(JsonObject b, String field, boolean def) {
    Object v = b.getValue(field);
    if (v == null) {
      return def;
    }
    if (!(v instanceof Boolean x)) {
      throw DomainException.invalid(field, "must be true or false, got " + kindOf(v));
    }
    return x;
  }

  /** A finite number field, null when absent and not required. */
  public static Double number(JsonObject b, String field, boolean required) {
    Object v = b.getValue(field);
    if (v == null) {
      if (required) {
        throw DomainException.invalid(field, "is required");
      }
      return null;
    }
    if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
      throw DomainException.invalid(field, "must be a finite number, got " + kindOf(v));
    }
    return n.doubleValue();
  }

  /** Refuses a field of {@code b} not in {@code allowed}. */
  public static void onlyFields(JsonObject b, List<String> allowed, String expected) {
    for (String field : b.fieldNames()) {
      if (!allowed.contains(field)) {
        throw DomainException.invalid(field, "unknown field; expected " + expected);
      }
    }
  }

  /** What a JSON value is, for a message (never the value itself, which may be huge). */
  public static String kindOf(Object v) {
    return v instanceof JsonObject
        ? "an object"
        : v instanceof JsonArray
            ? "a list"
            : v instanceof Number ? "a number" : v instanceof Boolean ? "true/false" : "a string";
  }
}
