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
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.energytrace.ingest.model.MessageKind;
import org.energytrace.ingest.model.Payload;
import org.energytrace.ingest.model.RefusedMessageException;
import org.energytrace.ingest.model.TopicName;
import org.energytrace.ingest.model.Validated;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * syntax (no byte order mark, no duplicate keys, bounded nesting, no NaN), the JSON Schema of its
 * kind, then the rules a schema cannot say (payload gateway equals topic gateway, known UNECE unit,
 * timestamps within [now - max age, now + clock skew] and without a leap second, finite values, no
 * NUL character in a string). A point (or production count) failing the schema or a semantic check
 * is dropped on its own with its reason; the rest of the message is kept. Only a problem outside
 * the points refuses the whole message. Thread-safe; never throws: even a bug in here ends as a
 * refusal with a reason, so one message can never stop the pipeline.
 */
public final class MessageValidator {
  private static final Logger LOG = LoggerFactory.getLogger(MessageValidator.class);
  static final int MAX_NESTING_DEPTH = 32;
  private static final int MAX_REPORTED_ERRORS = 10;

  /** A schema error inside one item of the message's array: {@code /points/3/value}. */
  private static final Pattern ITEM = Pattern.compile("^/(points|counts)/(\\d+)(?:/.*)?$");

  private final JsonMapper json;
  private final TelemetryFastPath fastPath;
  private final Map<MessageKind, Schema> schemas = new EnumMap<>(MessageKind.class);
  private final TreeDecoder decoder;
  private final Clock clock;
  private final int maxPayloadBytes;
  private final Duration clockSkew;
  private final Duration maxAge;

  public MessageValidator(Clock clock, int maxPayloadBytes, Duration clockSkew, Duration maxAge) {
    this.clock = clock;
    this.maxPayloadBytes = maxPayloadBytes;
    this.clockSkew = clockSkew;
    this.maxAge = maxAge;
    this.decoder = new TreeDecoder(clock, clockSkew, maxAge);
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
    TopicName topic = null;
    try {
      topic = TopicName.parse(topicString);
    } catch (RefusedMessageException e) {
      return Validated.refused(null, printable(e.reason()));
    } catch (RuntimeException | StackOverflowError e) {
      return failed(null, topicString, e);
    }
    try {
      if (startsWithBom(payload)) {
        // RFC 8259 §8.1: a networked JSON text must not start with a BOM; a parser may ignore one.
        // The contract says UTF-8 JSON without one, and ingest refuses rather than guesses
        throw new RefusedMessageException(
            "payload: starts with a UTF-8 byte order mark (EF BB BF); the contract's payloads are"
                + " UTF-8 JSON without one (RFC 8259 §8.1)");
      }
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
      return Validated.refused(topic, printable(e.reason()));
    } catch (RuntimeException | StackOverflowError e) {
      return failed(topic, topicString, e);
    }
  }

  /**
   * A failure of the validator itself (a bug, not a property of the contract): the message is
   * refused with the exception as its reason, so it lands in quarantine and the stream goes on.
   */
  private static Validated failed(TopicName topic, String topicString, Throwable e) {
    LOG.error(
        "validating a message on {} failed; it goes to quarantine", printable(topicString), e);
    return Validated.refused(
        topic,
        "ingest: validating this message failed ("
            + e.getClass().getSimpleName()
            + ": "
            + printable(String.valueOf(e.getMessage()))
            + ")");
  }

  /** UTF-8 byte order mark, EF BB BF. */
  private static boolean startsWithBom(byte[] payload) {
    return payload.length >= 3
        && payload[0] == (byte) 0xEF
        && payload[1] == (byte) 0xBB
        && payload[2] == (byte) 0xBF;
  }

  private Validated validate(TopicName topic, byte[] payload) {
    if (payload.length > maxPayloadBytes) {
      throw new RefusedMessageException(
          "payload: "
              + payload.length
              + " bytes exceeds the limit of "
              + maxPayloadBytes
              + " bytes (ingest.max_payload_bytes)");
    }
    JsonNode root = parse(payload);
    String array = itemArray(topic.kind());
    // problems of single points (or counts), by index: such an item is dropped on its own
    Map<Integer, List<String>> items = new TreeMap<>();
    // a number beyond the double range (1e400, or an integer of 400 digits) cannot be stored; it
    // is refused here, point by point, and replaced so that the schema checks the rest of it
    nonFinite(root, topic.kind(), items);
    List<String> whole = new ArrayList<>();
    for (Error e : schemas.get(topic.kind()).validate(root)) {
      String where = e.getInstanceLocation().toString();
      Integer item = itemOf(array, where);
      if (item == null) {
        whole.add(describe(e));
      } else {
        items.computeIfAbsent(item, i -> new ArrayList<>()).add(describe(e));
      }
    }
    // PostgreSQL text cannot hold U+0000: refused here with the field, never a database error
    nulCharacters(root, "", array, items, whole);
    if (!whole.isEmpty()) {
      throw new RefusedMessageException(
          whole.stream().limit(MAX_REPORTED_ERRORS).collect(Collectors.joining("; ")));
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
    List<String> refusals = new ArrayList<>();
    Payload decoded =
        switch (topic.kind()) {
          case TELEMETRY -> decoder.telemetry(root, refusals, items);
          case STATUS -> decoder.status(root);
          case PRODUCTION -> decoder.production(root, refusals, items);
        };
    boolean nothingLeft =
        (decoded instanceof Payload.Telemetry t && t.points().isEmpty())
            || (decoded instanceof Payload.Production p && p.counts().isEmpty());
    return nothingLeft
        ? new Validated(topic, null, refusals)
        : new Validated(topic, decoded, refusals);
  }

  private static String itemArray(MessageKind kind) {
    return switch (kind) {
      case TELEMETRY -> "points";
      case PRODUCTION -> "counts";
      case STATUS -> null;
    };
  }

  /** The index of the item a JSON pointer lies in ({@code /points/3/value} → 3), else null. */
  private static Integer itemOf(String array, String pointer) {
    if (array == null) {
      return null;
    }
    Matcher m = ITEM.matcher(pointer);
    if (!m.matches() || !m.group(1).equals(array) || m.group(2).length() > 9) {
      return null;
    }
    return Integer.valueOf(m.group(2));
  }

  private static void nonFinite(JsonNode root, MessageKind kind, Map<Integer, List<String>> items) {
    String array = itemArray(kind);
    String field = kind == MessageKind.TELEMETRY ? "value" : "quantity";
    JsonNode list = array == null ? null : root.get(array);
    if (list == null || !list.isArray()) {
      return;
    }
    for (int i = 0; i < list.size(); i++) {
      JsonNode item = list.get(i);
      JsonNode v = item == null ? null : item.get(field);
      // numberValue(), not doubleValue(): the latter throws for a big integer out of range
      if (v != null && v.isNumber() && !Double.isFinite(v.numberValue().doubleValue())) {
        items
            .computeIfAbsent(i, k -> new ArrayList<>())
            .add(
                "/"
                    + array
                    + "/"
                    + i
                    + "/"
                    + field
                    + ": "
                    + notFinite(abbreviated(v.numberValue().toString())));
        ((ObjectNode) item).put(field, 0.0);
      }
    }
  }

  /** A number's text, shortened when it is long (a 400-digit integer). */
  private static String abbreviated(String number) {
    return number.length() <= 32
        ? number
        : number.substring(0, 24) + "… (" + number.length() + " characters)";
  }

  /**
   * Every string value and property name holding U+0000, named by its JSON pointer; within an item
   * of {@code array} the item is refused, elsewhere the message.
   */
  private static void nulCharacters(
      JsonNode node,
      String at,
      String array,
      Map<Integer, List<String>> items,
      List<String> whole) {
    if (node.isString()) {
      if (node.asString().indexOf('\u0000') >= 0) {
        report(
            at,
            (at.isEmpty() ? "/" : at)
                + ": contains a NUL character (U+0000), which cannot be stored",
            array,
            items,
            whole);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        nulCharacters(node.get(i), at + "/" + i, array, items, whole);
      }
    } else if (node.isObject()) {
      for (var field : node.properties()) {
        String name = field.getKey();
        String child = at + "/" + (name.indexOf('\u0000') >= 0 ? printable(name) : name);
        if (name.indexOf('\u0000') >= 0) {
          report(
              child,
              child + ": property name contains a NUL character (U+0000)",
              array,
              items,
              whole);
        }
        nulCharacters(field.getValue(), child, array, items, whole);
      }
    }
  }

  private static void report(
      String at,
      String problem,
      String array,
      Map<Integer, List<String>> items,
      List<String> whole) {
    Integer item = itemOf(array, at);
    if (item == null) {
      whole.add(problem);
    } else {
      List<String> list = items.computeIfAbsent(item, i -> new ArrayList<>());
      if (!list.contains(problem)) {
        list.add(problem);
      }
    }
  }

  static String printable(String s) {
    return Printable.of(s);
  }

  private static String describe(Error e) {
    String where = e.getInstanceLocation().toString();
    return printable((where.isEmpty() ? "/" : where) + ": " + e.getMessage());
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
          "payload: not acceptable JSON" + where + ": " + plain(e.getOriginalMessage()));
    }
  }

  /**
   * A number that is not a finite double, in words: "1.0E400 is not a finite double"; a number read
   * as Infinity (1e400 overflows a double) says so rather than "Infinity", which the payload did
   * not hold.
   */
  static String notFinite(String printed) {
    return printed.contains("Infinity")
        ? "a number too large for a double (at most ±1.8E308)"
        : printed + " is not a finite double";
  }

  /**
   * The parser's message without its internals: the "(start marker at [Source: REDACTED
   * (`StreamReadFeature…` disabled); byte offset: #UNKNOWN])" of a truncated object (and "(for
   * Object starting at [Source: …])" of a misplaced close marker) and the "from
   * `StreamReadConstraints.getMaxNestingDepth()`" of a limit.
   */
  static String plain(String message) {
    return message
        .replaceAll(
            "(?s)\\s*\\((?:start marker|for (?:Object|Array) starting) at \\[Source:.*?]\\)", "")
        .replaceAll(", from `[^`]*`", "")
        .replaceAll(
            "^Duplicate Object property \"(.*)\"$", "the key \"$1\" appears twice in an object")
        .replaceAll(" in VALUE_STRING", " inside a text value");
  }
}
