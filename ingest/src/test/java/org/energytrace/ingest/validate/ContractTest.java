package org.energytrace.ingest.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.energytrace.ingest.fixtures.Examples;
import org.energytrace.ingest.model.MessageKind;
import org.energytrace.ingest.model.Validated;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The golden examples of docs/examples are the wire contract shared with the gateway. */
class ContractTest {
  // the examples are dated 2026-11-29 around 08:00Z
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T09:00:05Z"), ZoneOffset.UTC);
  final MessageValidator validator =
      new MessageValidator(CLOCK, 1 << 20, Duration.ofMinutes(5), Duration.ofDays(400));

  static List<Path> validExamples() {
    return Examples.jsonFiles(Examples.VALID);
  }

  static List<Path> invalidExamples() {
    return Examples.jsonFiles(Examples.INVALID);
  }

  @ParameterizedTest
  @MethodSource("validExamples")
  void acceptsEveryValidExampleWithoutRefusingAnyPoint(Path example) {
    Validated v = validator.validate(Examples.topicFor(example), Examples.bytes(example));

    assertThat(v.refusals()).as(example.toString()).isEmpty();
    assertThat(v.payload()).isNotNull();
  }

  @ParameterizedTest
  @MethodSource("invalidExamples")
  void refusesEveryInvalidExampleWithAReasonNamingTheField(Path example) {
    Validated v = validator.validate(Examples.topicFor(example), Examples.bytes(example));

    assertThat(v.refusedWhole()).as(example.toString()).isTrue();
    // every reason starts with a JSON pointer to what was wrong
    assertThat(v.reason()).matches("^/[a-z_0-9/]*: .+");
  }

  @Test
  void findsAtLeastOneValidAndOneInvalidExamplePerKind() {
    for (MessageKind kind : MessageKind.values()) {
      assertThat(validExamples()).anyMatch(p -> Examples.kindOf(p).equals(kind.segment()));
      assertThat(invalidExamples()).anyMatch(p -> Examples.kindOf(p).equals(kind.segment()));
    }
  }

  @Test
  void bundlesTheSchemasOfDocsUnchanged() throws IOException {
    // the jar carries a copy of docs/schemas under contract/: it must never drift from the document
    List<Path> schemas = Examples.jsonFiles(Examples.DOCS.resolve("schemas"));
    assertThat(schemas).hasSize(MessageKind.values().length);
    for (Path schema : schemas) {
      try (InputStream in =
          getClass().getClassLoader().getResourceAsStream("contract/" + schema.getFileName())) {
        assertThat(in).as("contract/" + schema.getFileName()).isNotNull();
        assertThat(in.readAllBytes()).isEqualTo(Examples.bytes(schema));
      }
    }
  }
}
