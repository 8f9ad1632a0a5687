package org.energytrace.ingest.validate;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks one MQTT message against the wire contract (docs/asyncapi.yaml): topic shape, size, JSON
 * syntax (no duplicate keys, bounded nesting, no NaN), the JSON Schema of its kind, then the rules
 * a schema cannot say (payload gateway equals topic gateway, known UNECE unit, timestamps within
 * [now - max age, now + clock skew], finite values). A point failing a semantic check is dropped on
 * its own; the rest of the message is kept. Thread-safe.
 */
public final class MessageValidator {
  static final int MAX_NESTING_DEPTH = 32;
  private static final int MAX_REPORTED_ERRORS = 10;

  private final JsonMapper json;
  private final TelemetryFastPath fastPath;
  private final Map<MessageKind, Schema> schemas = new EnumMap<>(MessageKind.class);
  private final Clock clock;
  private final int maxPayloadBytes;
  private final Duration clockSkew;
  private final Duration maxAge;

  public MessageValidator(Clock clock, int maxPayloadBytes, Duration clockSkew, Duration maxAge) {
    this.clock = clock;
    this.maxPayloadBytes = maxPayloadBytes;
    this.clockSkew = clockSkew;
    this.maxAge = maxAge;
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    this.json =
        JsonMapper.builder(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    this.fastPath = new TelemetryFastPath(factory);
    SchemaRegistry registry =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            b ->
                b.schemaRegistryConfig(
                    SchemaRegistryConfig.builder().pathType(PathType.JSON_POINTER).build()));
    for (MessageKind kind : MessageKind.values()) {
      try (InputStream in =
          MessageValidator.class.getClassLoader().getResourceAsStream(kind.schemaResource())) {
        if (in == null) {
          throw new IllegalStateException("contract schema missing: " + kind.schemaResource());
        }
        schemas.put(kind, registry.getSchema(in));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Validates a message; never throws for bad input. */
  public Validated validate(String topicString, byte[] payload) {
    return validate(topicString, payload, true);
  }

  /** The same without the telemetry fast path: what the fast path must agree with. */
  Validated validateBySchema(String topicString, byte[] payload) {
    return validate(topicString, payload, false);
  }

  private Validated validate(String topicString, byte[] payload, boolean fast) {
    TopicName topic;
    try {
      topic = TopicName.parse(topicString);
    } catch (RefusedMessageException e) {
      return Validated.refused(null, e.reason());
    }
    try {
      if (fast && topic.kind() == MessageKind.TELEMETRY && payload.length <= maxPayloadBytes) {
        // a message accepted in full, decoded in one streaming pass; anything else (a refusal
        // included) is decided below by the schema, which names the reason
        Payload.Telemetry t = fastPath.decode(topic, payload, clock.instant(), clockSkew, maxAge);
        if (t != null) {
          return new Validated(topic, t, List.of());
        }
      }
      return validate(topic, payload);
    } catch (RefusedMessageException e) {
      return Validated.refused(topic, e.reason());
    }
  }

  private Validated validate(TopicName topic, byte[] payload) {
    if (payload.length > maxPayloadBytes) {
      throw new RefusedMessageException(
          "payload: "
              + payload.length
              + " bytes exceeds the limit of "
              + maxPayloadBytes
              + " bytes");
    }
    JsonNode root = parse(payload);
    // a number beyond the double range (1e400) parses as infinite; the schema library would call
    // it of "unknown" type, so such values are refused here, point by point, with the number
    List<String> refusals = new ArrayList<>();
    Set<Integer> nonFinite = nonFinite(root, topic.kind(), refusals);
    List<Error> errors = schemas.get(topic.kind()).validate(root);
    if (!errors.isEmpty()) {
      throw new RefusedMessageException(
          errors.stream()
              .limit(MAX_REPORTED_ERRORS)
              .map(MessageValidator::describe)
              .collect(Collectors.joining("; ")));
    }
    String gateway = root.get("gateway").asString();
    if (!gateway.equals(topic.gateway())) {
      throw new RefusedMessageException(
          "/gateway: '"
              + gateway
              + "' does not match the topic's gateway '"
              + topic.gateway()
              + "'");
    }
    Payload decoded =
        switch (topic.kind()) {
          case TELEMETRY -> telemetry(root, refusals, nonFinite);
          case STATUS -> status(root);
          case PRODUCTION -> production(root, refusals, nonFinite);
        };
    boolean nothingLeft =
        (decoded instanceof Payload.Telemetry t && t.points().isEmpty())
            || (decoded instanceof Payload.Production p && p.counts().isEmpty());
    return nothingLeft
        ? new Validated(topic, null, refusals)
        : new Validated(topic, decoded, refusals);
  }

  private static Set<Integer> nonFinite(JsonNode root, MessageKind kind, List<String> refusals) {
    String array = kind == MessageKind.TELEMETRY ? "points" : "counts";
    String field = kind == MessageKind.TELEMETRY ? "value" : "quantity";
    JsonNode items = root.get(array);
    if (kind == MessageKind.STATUS || items == null || !items.isArray()) {
      return Set.of();
    }
    Set<Integer> out = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      JsonNode v = item == null ? null : item.get(field);
      if (v != null && v.isNumber() && !Double.isFinite(v.doubleValue())) {
        refusals.add(
            "/"
                + array
                + "/"
                + i
                + "/"
                + field
                + ": "
                + v.numberValue()
                + " is not a finite double");
        ((ObjectNode) item).put(field, 0.0);
        out.add(i);
      }
    }
    return out;
  }

  private static String describe(Error e) {
    String where = e.getInstanceLocation().toString();
    return (where.isEmpty() ? "/" : where) + ": " + e.getMessage();
  }

  private JsonNode parse(byte[] payload) {
    try {
      JsonNode root = json.readTree(payload);
      if (root == null || root.isMissingNode()) {
        throw new RefusedMessageException("payload: empty, expected a JSON object");
      }
      return root;
    } catch (JacksonException e) {
      var loc = e.getLocation();
      String where =
          loc == null ? "" : " at line " + loc.getLineNr() + " column " + loc.getColumnNr();
      throw new RefusedMessageException(
          "payload: not acceptable JSON" + where + ": " + e.getOriginalMessage());
    }
  }

  private Payload.Telemetry telemetry(JsonNode root, List<String> refusals, Set<Integer> refused) {
    JsonNode points = root.get("points");
    List<TelemetryPoint> kept = new ArrayList<>(points.size());
    for (int i = 0; i < points.size(); i++) {
      if (refused.contains(i)) {
        continue;
      }
      JsonNode p = points.get(i);
      String at = "/points/" + i;
      String unit = p.get("unit").asString();
      double value = p.get("value").doubleValue();
      Instant ts = instant(p.get("ts").asString());
      String problem =
          !Units.isKnown(unit)
              ? at + "/unit: unknown UNECE unit code '" + unit + "'"
              : !Double.isFinite(value)
                  ? at + "/value: " + p.get("value") + " is not a finite double"
                  : timeProblem(at + "/ts", p.get("ts").asString(), ts);
      if (problem != null) {
        refusals.add(problem);
        continue;
      }
      JsonNode kind = p.get("kind");
      JsonNode bits = p.get("counter_bits");
      kept.add(
          new TelemetryPoint(
              p.get("meter").asString(),
              p.get("channel").asString(),
              ts,
              value,
              unit,
              Quality.fromWire(p.has("quality") ? p.get("quality").asString() : null),
              kind != null && kind.asString().equals("counter"),
              bits == null ? null : bits.intValue()));
    }
    return new Payload.Telemetry(
        root.get("gateway").asString(),
        root.get("seq").longValue(),
        instant(root.get("sent_at").asString()),
        kept);
  }

  private Payload.Production production(
      JsonNode root, List<String> refusals, Set<Integer> refused) {
    JsonNode counts = root.get("counts");
    List<ProductionCount> kept = new ArrayList<>(counts.size());
    for (int i = 0; i < counts.size(); i++) {
      if (refused.contains(i)) {
        continue;
      }
      JsonNode c = counts.get(i);
      String at = "/counts/" + i;
      String unit = c.get("unit").asString();
      double quantity = c.get("quantity").doubleValue();
      Instant ts = instant(c.get("ts").asString());
      Instant start = c.has("period_start") ? instant(c.get("period_start").asString()) : null;
      String problem =
          !Units.isKnown(unit)
              ? at + "/unit: unknown UNECE unit code '" + unit + "'"
              : !Double.isFinite(quantity)
                  ? at + "/quantity: " + c.get("quantity") + " is not a finite double"
                  : start != null && ts != null && !start.isBefore(ts)
                      ? at + "/period_start: must be before ts"
                      : timeProblem(at + "/ts", c.get("ts").asString(), ts);
      if (problem != null) {
        refusals.add(problem);
        continue;
      }
      kept.add(
          new ProductionCount(
              c.get("line").asString(),
              c.get("product").asString(),
              ts,
              start,
              quantity,
              unit,
              c.get("cumulative").booleanValue(),
              Quality.fromWire(c.has("quality") ? c.get("quality").asString() : null)));
    }
    return new Payload.Production(
        root.get("gateway").asString(),
        root.get("seq").longValue(),
        instant(root.get("sent_at").asString()),
        kept);
  }

  private Payload.Status status(JsonNode root) {
    return new Payload.Status(
        root.get("gateway").asString(),
        root.get("state").asString(),
        root.has("ts") ? instant(root.get("ts").asString()) : null,
        root.has("reason") ? root.get("reason").asString() : null,
        root.has("software_version") ? root.get("software_version").asString() : null);
  }

  private String timeProblem(String at, String text, Instant ts) {
    if (ts == null) {
      return at + ": '" + text + "' is not a valid date-time";
    }
    Instant now = clock.instant();
    if (ts.isAfter(now.plus(clockSkew))) {
      return at + ": " + text + " is in the future (later than now + " + clockSkew + ")";
    }
    if (ts.isBefore(now.minus(maxAge))) {
      return at + ": " + text + " is older than the maximum age " + maxAge;
    }
    return null;
  }

  private static Instant instant(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
