package org.energytrace.ingest.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.energytrace.ingest.model.Payload;
import org.energytrace.ingest.model.ProductionCount;
import org.energytrace.ingest.model.TelemetryPoint;
import org.energytrace.ingest.model.Validated;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MessageValidatorTest {
  static final Instant NOW = Instant.parse("2026-11-29T08:00:05Z");
  static final String TOPIC = "et/v1/demo-brewery/plant-1/gw-demo-01/telemetry";
  final MessageValidator validator =
      new MessageValidator(
          Clock.fixed(NOW, ZoneOffset.UTC), 4096, Duration.ofMinutes(5), Duration.ofDays(400));

  static String point(String ts, String value, String unit) {
    return "{\"meter\":\"line1-em\",\"channel\":\"AcActivePowerTotal\",\"ts\":\""
        + ts
        + "\",\"value\":"
        + value
        + ",\"unit\":\""
        + unit
        + "\",\"quality\":\"good\"}";
  }

  static String batch(String gateway, String... points) {
    return "{\"schema_version\":1,\"gateway\":\""
        + gateway
        + "\",\"seq\":1,\"sent_at\":\"2026-11-29T08:00:01Z\",\"points\":["
        + String.join(",", points)
        + "]}";
  }

  Validated validate(String topic, String payload) {
    return validator.validate(topic, payload.getBytes(StandardCharsets.UTF_8));
  }

  @Nested
  class Syntax {
    @Test
    void refusesNanTokenBecauseJsonHasNoNan() {
      Validated v =
          validate(TOPIC, batch("gw-demo-01", point("2026-11-29T08:00:00Z", "NaN", "KWT")));

      assertThat(v.refusedWhole()).isTrue();
      assertThat(v.reason()).startsWith("payload: not acceptable JSON").contains("NaN");
    }

    @Test
    void refusesInfinityToken() {
      Validated v =
          validate(TOPIC, batch("gw-demo-01", point("2026-11-29T08:00:00Z", "Infinity", "KWT")));

      assertThat(v.refusedWhole()).isTrue();
      assertThat(v.reason()).contains("Infinity");
    }

    @Test
    void refusesDuplicateKeysNamingTheKey() {
      Validated v =
          validate(TOPIC, "{\"schema_version\":1,\"gateway\":\"a\",\"gateway\":\"gw-demo-01\"}");

      assertThat(v.refusedWhole()).isTrue();
      assertThat(v.reason()).contains("the key \"gateway\" appears twice in an object");
    }

    @Test
    void refusesDeeplyNestedJsonBeforeBuildingIt() {
      String deep = "[".repeat(100) + "]".repeat(100);

      Validated v = validate(TOPIC, deep);

      assertThat(v.refusedWhole()).isTrue();
      assertThat(v.reason())
          .contains("nesting depth")
          .contains("exceeds the maximum allowed (32)")
          .doesNotContain("StreamReadConstraints");
    }

    @Test
    void aTruncatedObjectIsSaidWithoutTheParsersInternals() {
      String whole = batch("gw-demo-01", point("2026-11-29T08:00:00Z", "1", "KWT"));

      Validated v = validate(TOPIC, whole.substring(0, whole.length() - 3));

      assertThat(v.refusedWhole()).isTrue();
      assertThat(v.reason())
          .startsWith("payload: not acceptable JSON at line 1 column")
          .contains("Unexpected end-of-input")
          .doesNotContain("VALUE_STRING")
          .doesNotContain("REDACTED")
          .doesNotContain("StreamReadFeature")
          .doesNotContain("#UNKNOWN");
    }

    @Test
    void aMisplacedCloseMarkerIsSaidWithoutTheParsersInternals() {
      String whole = batch("gw-demo-01", point("2026-11-29T08:00:00Z", "1", "KWT"));

      Validated v = validate(TOPIC, whole.substring(0, whole.length() - 1) + "]");

      assertThat(v.refusedWhole()).isTrue();
      assertThat(v.reason())
          .startsWith("payload: not acceptable JSON at line 1 column")
          .endsWith(": Unexpected close marker ']': expected '}'");
    }

    @Test
    void refusesOversizedPayloadWithoutParsingIt() {
      String big =
          batch("gw-demo-01", point("2026-11-29T08:00:00Z", "1", "KWT") + " ".repeat(5000));

      Validated v = validate(TOPIC, big);

      assertThat(v.refusedWhole()).isTrue();
      assertThat(v.reason()).contains("exceeds the limit of 4096 bytes");
    }

    @Test
    void refusesTrailingGarbageAfterTheObject() {
      Validated v =
          validate(TOPIC, batch("gw-demo-01", point("2026-11-29T08:00:00Z", "1", "KWT")) + " {}");

      assertThat(v.refusedWhole()).isTrue();
    }

    @Test
    void refusesEmptyPayload() {
      Validated v = validate(TOPIC, "");

      assertThat(v.refusedWhole()).isTrue();
      assertThat(v.reason()).startsWith("payload:");
    }
  }

  @Nested
  class Schema {
    @Test
    void refusesStringValueNamingThePointer() {
      Validated v =
          validate(TOPIC, batch("gw-demo-01", point("2026-11-29T08:00:00Z", "\"12.5\"", "KWT")));

      assertThat(v.reason()).isEqualTo("/points/0/value: string found, number expected");
    }

    @Test
    void refusesObjectWhereAnArrayIsExpected() {
      Validated v =
          validate(
              TOPIC,
              "{\"schema_version\":1,\"gateway\":\"gw-demo-01\",\"seq\":1,"
                  + "\"sent_at\":\"2026-11-29T08:00:01Z\",\"points\":{}}");

      assertThat(v.reason()).startsWith("/points: object found, array expected");
    }
  }

  @Nested
  class Topic {
    @Test
    void refusesTopicWithUppercaseSegment() {
      Validated v = validate("et/v1/Demo/plant-1/gw-demo-01/telemetry", "{}");

      assertThat(v.topic()).isNull();
      assertThat(v.reason()).startsWith("topic: enterprise 'Demo'");
    }

    @Test
    void refusesUnknownKind() {
      Validated v = validate("et/v1/demo/plant-1/gw-demo-01/config", "{}");

      assertThat(v.reason()).contains("unknown kind 'config'");
    }

    @Test
    void refusesPayloadFromAnotherGatewayThanTheTopicSays() {
      // the topic is the authorisation: a gateway may only publish for itself
      Validated v = validate(TOPIC, batch("gw-other", point("2026-11-29T08:00:00Z", "1", "KWT")));

      assertThat(v.refusedWhole()).isTrue();
      assertThat(v.reason()).startsWith("/gateway: 'gw-other' does not match");
    }
  }

  @Nested
  class Semantics {
    @Test
    void dropsOnlyThePointWithAFutureTimestampAndKeepsTheOthers() {
      Validated v =
          validate(
              TOPIC,
              batch(
                  "gw-demo-01",
                  point("2026-11-29T08:00:00Z", "1", "KWT"),
                  point("2026-11-29T09:00:00Z", "2", "KWT")));

      assertThat(v.refusedWhole()).isFalse();
      assertThat(((Payload.Telemetry) v.payload()).points())
          .extracting(TelemetryPoint::value)
          .containsExactly(1.0);
      assertThat(v.refusals())
          .singleElement()
          .asString()
          .startsWith("/points/1/ts:")
          .contains("future");
    }

    @Test
    void acceptsATimestampWithinTheClockSkew() {
      Validated v = validate(TOPIC, batch("gw-demo-01", point("2026-11-29T08:04:00Z", "1", "KWT")));

      assertThat(v.refusals()).isEmpty();
    }

    @Test
    void dropsAPointOlderThanTheMaximumAge() {
      Validated v =
          validate(
              TOPIC,
              batch(
                  "gw-demo-01",
                  point("2024-01-01T00:00:00Z", "1", "KWT"),
                  point("2026-11-29T08:00:00Z", "2", "KWT")));

      assertThat(v.refusals())
          .singleElement()
          .asString()
          .startsWith("/points/0/ts:")
          // the maximum age as ingest.max_age writes it (it said PT9600H of P400D)
          .endsWith("is older than the maximum age P400D");
    }

    @Test
    void dropsAPointWithAnUnknownUnit() {
      Validated v =
          validate(
              TOPIC,
              batch(
                  "gw-demo-01",
                  point("2026-11-29T08:00:00Z", "1", "KWT"),
                  point("2026-11-29T08:00:00Z", "2", "XYZ")));

      assertThat(v.refusals()).containsExactly("/points/1/unit: unknown UNECE unit code 'XYZ'");
    }

    @Test
    // issue 17: the water and heat meter templates publish their flow in m³/h; it was refused
    void acceptsAVolumeFlowInCubicMetresPerHour() {
      Validated v =
          validate(
              TOPIC,
              batch(
                  "gw-demo-01",
                  point("2026-11-29T08:00:00Z", "12.5", "MQH"),
                  point("2026-11-29T08:00:00Z", "3", "MTQ")));

      assertThat(v.refusals()).isEmpty();
      assertThat(((Payload.Telemetry) v.payload()).points())
          .extracting(TelemetryPoint::unit)
          .containsExactly("MQH", "MTQ");
    }

    @Test
    void dropsAPointWhoseNumberOverflowsADouble() {
      Validated v =
          validate(
              TOPIC,
              batch(
                  "gw-demo-01",
                  point("2026-11-29T08:00:00Z", "1e400", "KWT"),
                  point("2026-11-29T08:00:00Z", "2", "KWT")));

      // it said "Infinity is not a finite double", a value the payload did not hold
      assertThat(v.refusals())
          .singleElement()
          .asString()
          .isEqualTo("/points/0/value: a number too large for a double (at most ±1.8E308)");
    }

    @Test
    void refusesANegativeCounterReadingNamingItAndKeepsTheOthers() {
      // "-5" on a 32-bit energy counter was stored: a signed register type or a scale gone wrong
      String negative =
          point("2026-11-29T08:00:00Z", "-5", "KWH")
              .replace(
                  "\"quality\":\"good\"}",
                  "\"quality\":\"good\",\"kind\":\"counter\",\"counter_bits\":32}");
      String gauge = point("2026-11-29T08:00:00Z", "-5", "KWT");

      Validated v = validate(TOPIC, batch("gw-demo-01", negative, gauge));

      assertThat(v.refusals())
          .singleElement()
          .asString()
          .isEqualTo(
              "/points/0/value: a counter reads no less than 0, got -5 (check the point's"
                  + " register type and scale)");
      // a gauge may be negative (power exported)
      assertThat(((Payload.Telemetry) v.payload()).points())
          .extracting(TelemetryPoint::value)
          .containsExactly(-5.0);
    }

    @Test
    void refusesTheWholeMessageWhenNoPointIsLeft() {
      Validated v = validate(TOPIC, batch("gw-demo-01", point("2026-11-29T08:00:00Z", "1", "QQQ")));

      assertThat(v.refusedWhole()).isTrue();
      assertThat(v.reason()).contains("/points/0/unit");
    }

    @Test
    void refusesAnImpossibleCalendarDate() {
      Validated v =
          validate(
              TOPIC,
              batch(
                  "gw-demo-01",
                  point("2026-02-30T08:00:00Z", "1", "KWT"),
                  point("2026-11-29T08:00:00Z", "2", "KWT")));

      assertThat(v.reason()).contains("/points/0/ts");
    }
  }

  static final String HUGE_INTEGER = "1" + "0".repeat(400);

  @Nested
  class NumbersBeyondADouble {
    // issue 11: an integer too large for a double threw in the validator after the message took
    // its acknowledgement slot, and the pipeline retried it forever for every tenant
    @Test
    void dropsATelemetryPointWhoseIntegerIsTooLargeForADoubleAndKeepsTheOthers() {
      Validated v =
          validate(
              TOPIC,
              batch(
                  "gw-demo-01",
                  point("2026-11-29T08:00:00Z", HUGE_INTEGER, "KWT"),
                  point("2026-11-29T08:00:00Z", "2", "KWT")));

      assertThat(((Payload.Telemetry) v.payload()).points())
          .extracting(TelemetryPoint::value)
          .containsExactly(2.0);
      assertThat(v.refusals())
          .singleElement()
          .asString()
          .startsWith("/points/0/value: 100000000")
          .contains("(401 characters) is not a finite double");
    }

    @Test
    void dropsAProductionCountWhoseQuantityIsTooLargeForADouble() {
      String counts =
          "{\"line\":\"l1\",\"product\":\"p\",\"ts\":\"2026-11-29T08:00:00Z\",\"quantity\":%s,"
              + "\"unit\":\"H87\",\"cumulative\":true}";
      String message =
          "{\"schema_version\":1,\"gateway\":\"gw-demo-01\",\"seq\":1,"
              + "\"sent_at\":\"2026-11-29T08:00:01Z\",\"counts\":["
              + counts.formatted("-" + HUGE_INTEGER)
              + ","
              + counts.formatted("5").replace("\"l1\"", "\"l2\"")
              + "]}";

      Validated v = validate("et/v1/demo-brewery/plant-1/gw-demo-01/production", message);

      assertThat(((Payload.Production) v.payload()).counts())
          .extracting(ProductionCount::line)
          .containsExactly("l2");
      assertThat(v.refusals()).singleElement().asString().startsWith("/counts/0/quantity: -1000");
    }
  }

  @Nested
  class OnePointFailingTheSchema {
    // issue 11: one point failing the schema refused the whole message and its valid readings,
    // contrary to the docs ("valid points beside an invalid one are kept")
    @Test
    void keepsTheOtherPointsWhenOnePointHasAStringValue() {
      Validated v =
          validate(
              TOPIC,
              batch(
                  "gw-demo-01",
                  point("2026-11-29T08:00:00Z", "1", "KWT"),
                  point("2026-11-29T08:00:00Z", "\"12.5\"", "KWT"),
                  point("2026-11-29T08:00:01Z", "3", "KWT")));

      assertThat(v.refusedWhole()).isFalse();
      assertThat(((Payload.Telemetry) v.payload()).points())
          .extracting(TelemetryPoint::value)
          .containsExactly(1.0, 3.0);
      assertThat(v.refusals()).containsExactly("/points/1/value: string found, number expected");
    }

    @Test
    void keepsTheOtherPointsWhenOnePointLacksAField() {
      String noUnit = point("2026-11-29T08:00:00Z", "2", "KWT").replace(",\"unit\":\"KWT\"", "");

      Validated v =
          validate(TOPIC, batch("gw-demo-01", point("2026-11-29T08:00:00Z", "1", "KWT"), noUnit));

      assertThat(((Payload.Telemetry) v.payload()).points()).hasSize(1);
      assertThat(v.refusals())
          .singleElement()
          .asString()
          .startsWith("/points/1: ")
          .contains("unit");
    }

    @Test
    void stillRefusesTheWholeMessageForAProblemOutsideThePoints() {
      Validated v =
          validate(
              TOPIC,
              batch("gw-demo-01", point("2026-11-29T08:00:00Z", "1", "KWT"))
                  .replace("\"seq\":1", "\"seq\":\"1\""));

      assertThat(v.refusedWhole()).isTrue();
      assertThat(v.reason()).startsWith("/seq:");
    }
  }

  @Nested
  class NulCharacters {
    // PostgreSQL text cannot hold U+0000: refused by name here, never a database error later
    @Test
    void refusesAStatusWhoseReasonHoldsANulNamingTheField() {
      Validated v =
          validate(
              "et/v1/demo-brewery/plant-1/gw-demo-01/status",
              "{\"schema_version\":1,\"gateway\":\"gw-demo-01\",\"state\":\"online\","
                  + "\"ts\":\"2026-11-29T08:00:00Z\",\"reason\":\"start\\u0000ed\"}");

      assertThat(v.refusedWhole()).isTrue();
      assertThat(v.reason())
          .isEqualTo("/reason: contains a NUL character (U+0000), which cannot be stored");
    }

    @Test
    void writesANulQuotedInAReasonAsAnEscapeSoTheReasonIsStorable() {
      Validated v =
          validate(
              TOPIC,
              batch("gw-demo-01", point("2026-11-29T08:00:00Z", "1", "KWT"))
                  .replace("{\"schema_version\"", "{\"x\\u0000y\":1,\"schema_version\""));

      assertThat(v.refusedWhole()).isTrue();
      assertThat(v.reason()).contains("x\\u0000y").doesNotContain("\u0000");
    }
  }

  @Nested
  class LeapSecondsAndByteOrderMarks {
    // decided (docs/ingest.md): a leap second is refused, not silently stored as second 59
    @Test
    void refusesAPointAtALeapSecondAndKeepsTheOthersOnBothPaths() {
      String message =
          batch(
              "gw-demo-01",
              point("2026-06-30T23:59:60Z", "1", "KWT"),
              point("2026-11-29T08:00:00Z", "2", "KWT"));
      MessageValidator wide =
          new MessageValidator(
              Clock.fixed(NOW, ZoneOffset.UTC), 4096, Duration.ofMinutes(5), Duration.ofDays(400));

      for (Validated v :
          List.of(
              validate(TOPIC, message),
              wide.validateBySchema(TOPIC, message.getBytes(StandardCharsets.UTF_8)))) {
        assertThat(((Payload.Telemetry) v.payload()).points())
            .extracting(TelemetryPoint::value)
            .containsExactly(2.0);
        assertThat(v.refusals())
            .singleElement()
            .asString()
            .startsWith("/points/0/ts: 2026-06-30T23:59:60Z is a leap second");
      }
    }

    @Test
    void refusesAMessageSentAtALeapSecond() {
      Validated v =
          validate(
              TOPIC,
              batch("gw-demo-01", point("2026-11-29T08:00:00Z", "1", "KWT"))
                  .replace("2026-11-29T08:00:01Z", "2026-06-30T23:59:60Z"));

      assertThat(v.refusedWhole()).isTrue();
      assertThat(v.reason()).startsWith("/sent_at: 2026-06-30T23:59:60Z is a leap second");
    }

    @Test
    void refusesAPayloadStartingWithAByteOrderMarkOnBothPaths() {
      // RFC 8259 §8.1: a sender must not add a BOM; ingest refuses one rather than guess
      byte[] json =
          batch("gw-demo-01", point("2026-11-29T08:00:00Z", "1", "KWT"))
              .getBytes(StandardCharsets.UTF_8);
      byte[] withBom = new byte[json.length + 3];
      withBom[0] = (byte) 0xEF;
      withBom[1] = (byte) 0xBB;
      withBom[2] = (byte) 0xBF;
      System.arraycopy(json, 0, withBom, 3, json.length);

      for (Validated v :
          List.of(validator.validate(TOPIC, withBom), validator.validateBySchema(TOPIC, withBom))) {
        assertThat(v.refusedWhole()).isTrue();
        assertThat(v.reason()).startsWith("payload: starts with a UTF-8 byte order mark");
      }
    }
  }
}
