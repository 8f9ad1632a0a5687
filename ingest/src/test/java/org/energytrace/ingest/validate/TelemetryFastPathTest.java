package org.energytrace.ingest.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.energytrace.ingest.fixtures.Examples;
import org.energytrace.ingest.model.Payload;
import org.energytrace.ingest.model.Quality;
import org.energytrace.ingest.model.TopicName;
import org.energytrace.ingest.model.Validated;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The telemetry fast path must never change what ingest accepts or refuses, nor the reason given:
 * every message is validated both ways (with the fast path, and by the JSON Schema alone) and the
 * outcomes must be equal — the same decoded points, the same refusals with the same wording.
 */
class TelemetryFastPathTest {
  static final Instant NOW = Instant.parse("2026-11-29T08:00:05Z");
  static final String TELEMETRY = "et/v1/demo-brewery/plant-1/gw-demo-01/telemetry";
  static final JsonMapper JSON = JsonMapper.builder().build();

  final MessageValidator validator =
      new MessageValidator(
          Clock.fixed(NOW, ZoneOffset.UTC), 4 << 20, Duration.ofMinutes(5), Duration.ofDays(400));

  /** Both ways; returns the outcome and counts it. */
  private final Map<String, Integer> tally = new LinkedHashMap<>();

  private Validated agree(String topic, byte[] payload) {
    Validated fast = validator.validate(topic, payload);
    Validated schema = validator.validateBySchema(topic, payload);
    assertThat(fast)
        .as("fast path vs schema for %s", new String(payload, StandardCharsets.UTF_8))
        .isEqualTo(schema);
    tally.merge(
        fast.refusedWhole() ? "refused" : fast.needsQuarantine() ? "partial" : "accepted",
        1,
        Integer::sum);
    return fast;
  }

  private Validated agree(String topic, String payload) {
    return agree(topic, payload.getBytes(StandardCharsets.UTF_8));
  }

  private static ObjectNode example() {
    return (ObjectNode) JSON.readTree(Examples.bytes(Examples.VALID.resolve("telemetry.json")));
  }

  @Nested
  class ExampleMessages {
    @Test
    void agreesWithTheSchemaOnEveryGoldenExampleUnderItsOwnTopicAndAsTelemetry() {
      List<Path> files = new ArrayList<>(Examples.jsonFiles(Examples.VALID));
      files.addAll(Examples.jsonFiles(Examples.INVALID));
      for (Path file : files) {
        agree(Examples.topicFor(file), Examples.bytes(file));
        agree(TELEMETRY, Examples.bytes(file));
      }
      assertThat(tally.get("accepted")).isPositive();
      assertThat(tally.get("refused")).isPositive();
    }

    @Test
    void decodesTheGoldenTelemetryExampleItselfRatherThanDeferringToTheSchema() {
      // otherwise the agreement above would hold trivially and the fast path would be dead code
      TelemetryFastPath fast =
          new TelemetryFastPath(
              JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
      Payload.Telemetry t =
          fast.decode(
              TopicName.parse(TELEMETRY),
              Examples.bytes(Examples.VALID.resolve("telemetry.json")),
              NOW,
              Duration.ofMinutes(5),
              Duration.ofDays(400));

      assertThat(t).isNotNull();
      assertThat(t.points()).hasSize(4);
      assertThat(t.points().get(1).counter()).isTrue();
      assertThat(t.points().get(1).counterBits()).isEqualTo(32);
      assertThat(t.points().get(3).quality()).isEqualTo(Quality.BAD);
    }
  }

  @Nested
  class Mutations {
    /** Values that each field is replaced with in turn: wrong types, edges of each rule. */
    static final List<String> REPLACEMENTS =
        List.of(
            "null",
            "true",
            "false",
            "0",
            "-0",
            "1",
            "1.0",
            "-1",
            "16",
            "48",
            "64",
            "17",
            "1e2",
            "1e400",
            "-1e400",
            "12345678901234567890123",
            "9007199254740991",
            "9007199254740992",
            "0.5",
            "{}",
            "[]",
            "[1]",
            "\"\"",
            "\"x\"",
            "\"gw-demo-01\"",
            "\"GW-demo-01\"",
            "\"gw-demo-01\\n\"",
            "\"-gw\"",
            "\"a\"",
            "\"A\"",
            "\"Ab_9\"",
            "\"9ab\"",
            "\"good\"",
            "\"bad\"",
            "\"uncertain\"",
            "\"Good\"",
            "\"gauge\"",
            "\"counter\"",
            "\"KWT\"",
            "\"KWH\"",
            "\"WHR\"",
            "\"XYZ\"",
            "\"kwt\"",
            "\"K\"",
            "\"KWTT\"",
            "\"" + "a".repeat(63) + "\"",
            "\"" + "a".repeat(64) + "\"",
            "\"A" + "b".repeat(63) + "\"",
            "\"A" + "b".repeat(64) + "\"",
            "\"2026-11-29T08:00:00Z\"",
            "\"2026-11-29T08:00:00.123456789Z\"",
            "\"2026-11-29T08:00:00.1234567891Z\"",
            "\"2026-11-29T08:00:00.Z\"",
            "\"2026-11-29T08:00:00z\"",
            "\"2026-11-29t08:00:00Z\"",
            "\"2026-11-29T08:00:00+00:00\"",
            "\"2026-11-29 08:00:00Z\"",
            "\"2026-11-29T08:00Z\"",
            "\"2026-11-29T08:00:60Z\"",
            "\"2016-12-31T23:59:60Z\"",
            "\"2026-11-29T24:00:00Z\"",
            "\"2026-02-29T08:00:00Z\"",
            "\"2024-02-29T08:00:00Z\"",
            "\"2026-02-30T08:00:00Z\"",
            "\"2026-13-01T08:00:00Z\"",
            "\"2026-00-01T08:00:00Z\"",
            "\"2026-11-00T08:00:00Z\"",
            "\"0000-01-01T00:00:00Z\"",
            "\"9999-12-31T23:59:59Z\"",
            "\"2026-11-29T08:05:05Z\"",
            "\"2026-11-29T08:05:06Z\"",
            "\"2025-10-25T08:00:05Z\"",
            "\"2025-10-25T08:00:04Z\"",
            "\"1970-01-01T00:00:00Z\"",
            "\"2026-11-29T08:00:00.5Z\\n\"",
            "\"２026-11-29T08:00:00Z\"");

    @Test
    void agreesWhenAnyFieldAnywhereIsReplacedRemovedOrAddedTo() {
      for (String path : paths(example(), "")) {
        for (String replacement : REPLACEMENTS) {
          agree(TELEMETRY, replace(example(), path, JSON.readTree(replacement)).toString());
        }
        agree(TELEMETRY, remove(example(), path).toString());
      }
      ObjectNode extra = example();
      extra.put("extra", 1);
      agree(TELEMETRY, extra.toString());
      ObjectNode extraInPoint = example();
      ((ObjectNode) extraInPoint.get("points").get(2)).put("note", "x");
      agree(TELEMETRY, extraInPoint.toString());
      ObjectNode empty = example();
      empty.putArray("points");
      agree(TELEMETRY, empty.toString());
      assertThat(tally.get("accepted")).isGreaterThan(50);
      assertThat(tally.get("partial")).isGreaterThan(20);
      assertThat(tally.get("refused")).isGreaterThan(200);
    }

    @Test
    void agreesOnDuplicateKeysTrailingTokensTruncationAndOtherSyntax() {
      String text = example().toString();
      agree(TELEMETRY, text.replace("{\"schema_version\":1,", "{\"schema_version\":1,\"seq\":1,"));
      agree(
          TELEMETRY, text.replaceFirst("\"unit\":\"KWT\",", "\"unit\":\"KWT\",\"unit\":\"KWT\","));
      agree(TELEMETRY, text + " {}");
      agree(TELEMETRY, text + " ");
      agree(TELEMETRY, "  " + text + "\n");
      agree(TELEMETRY, "\uFEFF" + text);
      agree(TELEMETRY, "[" + text + "]");
      agree(TELEMETRY, "");
      agree(TELEMETRY, "null");
      agree(TELEMETRY, text.replace("\"gw-demo-01\"", "\"gw-demo\\u002d01\""));
      agree("et/v1/demo-brewery/plant-1/gw-other/telemetry", text);
      agree("et/v1/demo-brewery/plant-1/gw-demo-01/status", text);
      for (int cut = 0; cut < text.length(); cut += 7) {
        agree(TELEMETRY, text.substring(0, cut));
      }
      StringBuilder deep = new StringBuilder(text.substring(0, text.length() - 1));
      deep.append(",\"x\":").append("[".repeat(40)).append("]".repeat(40)).append('}');
      agree(TELEMETRY, deep.toString());
    }

    @Test
    void agreesOnTenThousandRandomByteEdits() {
      // seeded: a failure is reproducible; edits land in digits, quotes, names and timestamps
      Random random = new Random(20261129);
      byte[] original = example().toString().getBytes(StandardCharsets.UTF_8);
      byte[] alphabet = "0123456789:-.TZ\"{}[],aeKW \\x".getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < 10_000; i++) {
        byte[] edited = original.clone();
        for (int e = 0; e < 1 + random.nextInt(2); e++) {
          edited[random.nextInt(edited.length)] = alphabet[random.nextInt(alphabet.length)];
        }
        agree(TELEMETRY, edited);
      }
      assertThat(tally.get("accepted")).isGreaterThan(100);
      assertThat(tally.get("refused")).isGreaterThan(1000);
    }

    @Test
    void agreesOnThePointLimitOfTheSchema() {
      for (int n : new int[] {10_000, 10_001}) {
        ObjectNode m = example();
        ArrayNode points = m.putArray("points");
        for (int i = 0; i < n; i++) {
          ObjectNode p = (ObjectNode) example().get("points").get(0).deepCopy();
          p.put("meter", "m" + i);
          points.add(p);
        }
        agree(TELEMETRY, m.toString());
      }
      assertThat(tally).containsEntry("accepted", 1).containsEntry("refused", 1);
    }
  }

  @Nested
  class Timestamps {
    @Test
    void readsEveryAcceptedTimestampExactlyAsInstantParseDoes() {
      Random random = new Random(7);
      int accepted = 0;
      for (int i = 0; i < 200_000; i++) {
        long second = random.nextLong(-62_135_596_800L, 253_402_300_800L);
        int nanos = random.nextInt(1_000_000_000);
        String text = Instant.ofEpochSecond(second, nanos).toString();
        if (random.nextInt(4) == 0) {
          // an edited digit: impossible dates, hours and minutes
          char[] c = text.toCharArray();
          int at = random.nextInt(c.length);
          if (Character.isDigit(c[at])) {
            c[at] = (char) ('0' + random.nextInt(10));
          }
          text = new String(c);
        }
        Instant fast = TelemetryFastPath.Utc.parse(text);
        Instant reference;
        try {
          reference = Instant.parse(text);
        } catch (DateTimeParseException e) {
          reference = null;
        }
        if (fast != null) {
          accepted++;
          assertThat(fast).as(text).isEqualTo(reference);
        } else if (text.matches(
                "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?Z")
            && !text.contains(":60")) {
          // within the contract's pattern, only what Instant.parse refuses may be refused
          assertThat(reference).as(text).isNull();
        }
      }
      assertThat(accepted).isGreaterThan(100_000);
    }
  }

  @Nested
  class PlainSpelling {
    final TelemetryFastPath fast =
        new TelemetryFastPath(
            JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
    final TopicName topic = TopicName.parse(TELEMETRY);

    Payload.Telemetry plain(String text) {
      return fast.decodePlain(
          topic,
          text.getBytes(StandardCharsets.UTF_8),
          NOW,
          Duration.ofMinutes(5),
          Duration.ofDays(400));
    }

    Payload.Telemetry streaming(String text) {
      return fast.decodeStreaming(
          topic,
          text.getBytes(StandardCharsets.UTF_8),
          NOW,
          Duration.ofMinutes(5),
          Duration.ofDays(400));
    }

    @Test
    // otherwise every message would go to the streaming parser and the plain path be dead code
    void decodesTheGoldenExampleAndPlainMessagesByItselfExactlyAsTheStreamingParser() {
      String golden = example().toString();
      assertThat(plain(golden)).isNotNull().isEqualTo(streaming(golden));
      String pretty = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(example());
      assertThat(pretty).contains("\n");
      assertThat(plain(" \t" + pretty + "\r\n")).isNotNull().isEqualTo(streaming(golden));
    }

    @Test
    void leavesEscapesNonAsciiExponentsAndLongNumbersToTheStreamingParser() {
      String golden = example().toString();
      for (String other :
          List.of(
              golden.replace("\"gw-demo-01\"", "\"gw-demo\\u002d01\""),
              golden.replaceFirst("\"value\":[-0-9.]+", "\"value\":1e2"),
              golden.replaceFirst("\"value\":[-0-9.]+", "\"value\":1.2345678901234567"),
              golden.replaceFirst("\"value\":[-0-9.]+", "\"value\":12345678901234567890"),
              golden.replaceFirst("\"meter\":\"", "\"meter\":\"\u00e9"))) {
        assertThat(plain(other)).as(other).isNull();
        agree(TELEMETRY, other);
      }
    }

    @Test
    // seeded: numbers as gateways print them, the decoded double equal to the reference parse
    void readsEveryPlainNumberAsTheCorrectlyRoundedDouble() {
      Random random = new Random(19);
      ObjectNode m = example();
      int plainly = 0;
      for (int i = 0; i < 20_000; i++) {
        StringBuilder n = new StringBuilder();
        if (random.nextBoolean()) {
          n.append('-');
        }
        int digits = 1 + random.nextInt(19);
        for (int d = 0; d < digits; d++) {
          n.append(
              (char) ('0' + (d == 0 && digits > 1 ? 1 + random.nextInt(9) : random.nextInt(10))));
        }
        if (random.nextInt(3) > 0) {
          n.append('.');
          int fraction = 1 + random.nextInt(random.nextInt(4) == 0 ? 25 : 8);
          for (int d = 0; d < fraction; d++) {
            n.append((char) ('0' + random.nextInt(10)));
          }
        }
        String text = m.toString().replaceFirst("\"value\":[-0-9.]+", "\"value\":" + n);
        Payload.Telemetry p = plain(text);
        Payload.Telemetry reference = streaming(text);
        if (p != null) {
          plainly++;
          assertThat(p).as(n.toString()).isEqualTo(reference);
          double expected =
              n.indexOf(".") < 0
                  ? (double) Long.parseLong(n.toString())
                  : Double.parseDouble(n.toString());
          assertThat(p.points().get(0).value()).as(n.toString()).isEqualTo(expected);
        }
      }
      assertThat(plainly).isGreaterThan(10_000);
    }
  }

  // ---- tree helpers ----

  private static List<String> paths(JsonNode node, String at) {
    List<String> out = new ArrayList<>();
    if (node.isObject()) {
      for (String name : node.propertyNames()) {
        out.add(at + "/" + name);
        out.addAll(paths(node.get(name), at + "/" + name));
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        out.add(at + "/" + i);
        out.addAll(paths(node.get(i), at + "/" + i));
      }
    }
    return out;
  }

  private static JsonNode replace(ObjectNode root, String path, JsonNode value) {
    int slash = path.lastIndexOf('/');
    JsonNode parent = root.at(path.substring(0, slash));
    String last = path.substring(slash + 1);
    if (parent instanceof ObjectNode o) {
      o.set(last, value);
    } else if (parent instanceof ArrayNode a) {
      a.set(Integer.parseInt(last), value);
    }
    return root;
  }

  private static JsonNode remove(ObjectNode root, String path) {
    int slash = path.lastIndexOf('/');
    JsonNode parent = root.at(path.substring(0, slash));
    String last = path.substring(slash + 1);
    if (parent instanceof ObjectNode o) {
      o.remove(last);
    } else if (parent instanceof ArrayNode a) {
      a.remove(Integer.parseInt(last));
    }
    return root;
  }
}
