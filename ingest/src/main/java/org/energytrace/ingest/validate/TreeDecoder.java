package org.energytrace.ingest.validate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.energytrace.ingest.model.Payload;
import org.energytrace.ingest.model.ProductionCount;
import org.energytrace.ingest.model.Quality;
import org.energytrace.ingest.model.RefusedMessageException;
import org.energytrace.ingest.model.TelemetryPoint;
import tools.jackson.databind.JsonNode;

/**
 * A message that its kind's JSON Schema accepted, decoded with the rules a schema cannot say
 * ({@link MessageValidator}): a known UNECE unit, a finite number, a valid date-time without a leap
 * second, timestamps within [now - max age, now + clock skew], a period that starts before it ends.
 * An item failing one is left out with its reason (its JSON pointer and what was wrong); a problem
 * of the message's own timestamp refuses it whole. Thread-safe.
 */
final class TreeDecoder {
  private final Clock clock;
  private final Duration clockSkew;
  private final Duration maxAge;

  TreeDecoder(Clock clock, Duration clockSkew, Duration maxAge) {
    this.clock = clock;
    this.clockSkew = clockSkew;
    this.maxAge = maxAge;
  }

  /**
   * The problems of item {@code i} found so far (schema, non-finite number, NUL), added to {@code
   * refusals}; true when there were any.
   */
  private static boolean refusedItem(
      int i, Map<Integer, List<String>> items, List<String> refusals) {
    List<String> problems = items.get(i);
    if (problems == null) {
      return false;
    }
    refusals.add(String.join("; ", problems));
    return true;
  }

  Payload.Telemetry telemetry(
      JsonNode root, List<String> refusals, Map<Integer, List<String>> items) {
    return itemised(root, "points", refusals, items, this::point, Payload.Telemetry::new);
  }

  Payload.Production production(
      JsonNode root, List<String> refusals, Map<Integer, List<String>> items) {
    return itemised(root, "counts", refusals, items, this::count, Payload.Production::new);
  }

  /** Decodes one item of a message's array. */
  @FunctionalInterface
  private interface Item<T> {
    /**
     * @param at the item's JSON pointer ({@code /points/3})
     * @return the item, or null when it is refused (its problem added to {@code refusals})
     */
    T decode(JsonNode item, String at, List<String> refusals);
  }

  /** A message of items: its envelope and the items kept. */
  @FunctionalInterface
  private interface Itemised<T, M> {
    M of(String gateway, long seq, Instant sentAt, List<T> items);
  }

  /**
   * A message of items in array {@code field} (telemetry's points, production's counts): its {@code
   * sent_at} checked first (a problem refuses the whole message), then the items that pass; those
   * with problems found so far ({@code items}) and those {@code item} refuses are left out, their
   * problems added to {@code refusals} in the items' order.
   */
  private static <T, M> M itemised(
      JsonNode root,
      String field,
      List<String> refusals,
      Map<Integer, List<String>> items,
      Item<T> item,
      Itemised<T, M> message) {
    Instant sentAt = envelopeTime(root, "sent_at");
    JsonNode array = root.get(field);
    List<T> kept = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      if (refusedItem(i, items, refusals)) {
        continue;
      }
      T decoded = item.decode(array.get(i), "/" + field + "/" + i, refusals);
      if (decoded != null) {
        kept.add(decoded);
      }
    }
    return message.of(root.get("gateway").asString(), root.get("seq").longValue(), sentAt, kept);
  }

  private TelemetryPoint point(JsonNode p, String at, List<String> refusals) {
    String unit = p.get("unit").asString();
    double value = p.get("value").numberValue().doubleValue();
    Instant ts = instant(p.get("ts").asString());
    String problem = quantityProblem(at, unit, "value", p.get("value"), value);
    JsonNode kind = p.get("kind");
    boolean counter = kind != null && kind.asString().equals("counter");
    if (problem == null && counter && value < 0) {
      // a register counts up from zero: a negative reading is a signed type or a scale gone wrong
      problem =
          at
              + "/value: a counter reads no less than 0, got "
              + p.get("value")
              + " (check the point's register type and scale)";
    }
    if (problem == null) {
      problem = timeProblem(at + "/ts", p.get("ts").asString(), ts);
    }
    if (problem != null) {
      refusals.add(problem);
      return null;
    }
    JsonNode bits = p.get("counter_bits");
    return new TelemetryPoint(
        p.get("meter").asString(),
        p.get("channel").asString(),
        ts,
        value,
        unit,
        Quality.fromWire(p.has("quality") ? p.get("quality").asString() : null),
        counter,
        bits == null ? null : bits.intValue());
  }

  private ProductionCount count(JsonNode c, String at, List<String> refusals) {
    String unit = c.get("unit").asString();
    double quantity = c.get("quantity").numberValue().doubleValue();
    Instant ts = instant(c.get("ts").asString());
    String startText = c.has("period_start") ? c.get("period_start").asString() : null;
    Instant start = startText == null ? null : instant(startText);
    String startProblem =
        startText == null
            ? null
            : start == null
                ? at + "/period_start: '" + startText + "' is not a valid date-time"
                : leapSecond(startText) ? leapProblem(at + "/period_start", startText) : null;
    String problem = quantityProblem(at, unit, "quantity", c.get("quantity"), quantity);
    if (problem == null) {
      problem =
          startProblem != null
              ? startProblem
              : start != null && ts != null && !start.isBefore(ts)
                  ? at + "/period_start: must be before ts"
                  : timeProblem(at + "/ts", c.get("ts").asString(), ts);
    }
    if (problem != null) {
      refusals.add(problem);
      return null;
    }
    return new ProductionCount(
        c.get("line").asString(),
        c.get("product").asString(),
        ts,
        start,
        quantity,
        unit,
        c.get("cumulative").booleanValue(),
        Quality.fromWire(c.has("quality") ? c.get("quality").asString() : null));
  }

  /** An unknown unit or a non-finite number of item {@code at}, else null. */
  private static String quantityProblem(
      String at, String unit, String field, JsonNode number, double value) {
    if (!Units.isKnown(unit)) {
      return at + "/unit: unknown UNECE unit code '" + unit + "'";
    }
    return Double.isFinite(value)
        ? null
        : at + "/" + field + ": " + MessageValidator.notFinite(String.valueOf(number));
  }

  Payload.Status status(JsonNode root) {
    return new Payload.Status(
        root.get("gateway").asString(),
        root.get("state").asString(),
        root.has("ts") ? envelopeTime(root, "ts") : null,
        root.has("reason") ? root.get("reason").asString() : null,
        root.has("software_version") ? root.get("software_version").asString() : null);
  }

  /**
   * A timestamp of the message itself ({@code sent_at}, a status's {@code ts}), already matched by
   * the schema's pattern: an impossible date or a leap second refuses the whole message.
   */
  private static Instant envelopeTime(JsonNode root, String field) {
    String text = root.get(field).asString();
    Instant t = instant(text);
    if (t == null) {
      throw new RefusedMessageException("/" + field + ": '" + text + "' is not a valid date-time");
    }
    if (leapSecond(text)) {
      throw new RefusedMessageException(leapProblem("/" + field, text));
    }
    return t;
  }

  /**
   * Second 60 of a timestamp matched by the contract's pattern ({@code YYYY-MM-DDTHH:MM:SS…Z}).
   * {@link Instant#parse} reads it as second 59, which would silently move the reading.
   */
  private static boolean leapSecond(String text) {
    return text.length() >= 19 && text.charAt(17) == '6' && text.charAt(18) == '0';
  }

  private static String leapProblem(String at, String text) {
    return at
        + ": "
        + text
        + " is a leap second (second 60); timestamps are stored as POSIX time, which has no leap"
        + " seconds, so it is refused rather than moved to second 59";
  }

  private String timeProblem(String at, String text, Instant ts) {
    if (ts == null) {
      return at + ": '" + text + "' is not a valid date-time";
    }
    if (leapSecond(text)) {
      return leapProblem(at, text);
    }
    Instant now = clock.instant();
    if (ts.isAfter(now.plus(clockSkew))) {
      return at + ": " + text + " is in the future (later than now + " + clockSkew + ")";
    }
    if (ts.isBefore(now.minus(maxAge))) {
      return at + ": " + text + " is older than the maximum age " + asWritten(maxAge);
    }
    return null;
  }

  /**
   * A duration as a configuration writes it: whole days as days ({@code P400D}; Java wrote {@code
   * PT9600H} of {@code ingest.max_age: P400D}), else ISO-8601 as Java writes it.
   */
  static String asWritten(Duration d) {
    return !d.isZero() && d.toSeconds() % 86_400 == 0 && d.getNano() == 0
        ? "P" + d.toDays() + "D"
        : d.toString();
  }

  private static Instant instant(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
