package org.energytrace.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.energytrace.ingest.fixtures.VietnameseRefusals;
import org.junit.jupiter.api.Test;

/**
 * The quarantine page says why a message was refused in the reader's words: on a Vietnamese page,
 * each part of every reason the service records (its schema's, its JSON parser's, its registry's
 * and its store's) reads in Vietnamese, the JSON pointer, codes and values as they were. The
 * reasons are those the store recorded during a full integration run (src/test/resources/
 * quarantine-reasons.txt), one of each shape; PipelineFuzzIT and QuarantineWorkflowIT check the
 * reasons they make live. Needs Node.js (.ci/run installs it).
 */
class QuarantineWordsTest {
  static final Path RECORDED = Path.of("src", "test", "resources", "quarantine-reasons.txt");

  @Test
  void everyRecordedShapeOfReasonReadsInVietnamese() throws Exception {
    List<String> reasons =
        Files.readAllLines(RECORDED, StandardCharsets.UTF_8).stream()
            .filter(l -> !l.isEmpty() && !l.startsWith("# "))
            .toList();
    assertThat(reasons)
        .hasSizeGreaterThan(200)
        .anyMatch(r -> r.startsWith("payload: not acceptable JSON"))
        .anyMatch(r -> r.startsWith("topic: gateway"))
        .anyMatch(r -> r.contains("another reading is stored for this time"))
        .anyMatch(r -> r.startsWith("some points refused: "));

    assertThat(VietnameseRefusals.reasonsInEnglish(reasons)).isEmpty();
  }

  @Test
  void aReasonNoRuleKnowsIsFoundLeftInEnglish() throws Exception {
    // the check itself: a part, a place or a parser's message without words is reported
    assertThat(
            VietnameseRefusals.reasonsInEnglish(
                List.of(
                    "/points/0/value: is odd",
                    "somewhere: string found, number expected",
                    "payload: not acceptable JSON at line 1 column 2: A new parser message",
                    "/points/0/value: string found, number expected")))
        .hasSize(3)
        .anySatisfy(l -> assertThat(l).startsWith("/points/0/value: is odd → "))
        .anySatisfy(l -> assertThat(l).endsWith("[\"somewhere\"]"))
        .anySatisfy(l -> assertThat(l).endsWith("[\"A new parser message\"]"));
  }
}
