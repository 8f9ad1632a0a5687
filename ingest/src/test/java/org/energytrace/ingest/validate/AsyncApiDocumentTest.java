package org.energytrace.ingest.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.energytrace.ingest.model.MessageKind;
import org.energytrace.ingest.model.Validated;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/asyncapi.yaml is the human-readable half of the wire contract: it must name the topics the
 * service subscribes to, point at the schemas the validator uses, and its embedded examples must
 * pass the same validation as the golden example files.
 */
class AsyncApiDocumentTest {
  static final Path DOCS = Path.of("..", "docs");
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T09:00:05Z"), ZoneOffset.UTC);
  static JsonNode doc;

  final MessageValidator validator =
      new MessageValidator(CLOCK, 1 << 20, Duration.ofMinutes(5), Duration.ofDays(400));

  @BeforeAll
  static void parse() throws IOException {
    doc = new ObjectMapper(new YAMLFactory()).readTree(DOCS.resolve("asyncapi.yaml").toFile());
  }

  @Test
  void isAnAsyncApi3DocumentWithOneChannelPerMessageKind() {
    assertThat(doc.path("asyncapi").asText()).isEqualTo("3.0.0");
    List<String> addresses = new ArrayList<>();
    doc.path("channels").forEach(c -> addresses.add(c.path("address").asText()));
    for (MessageKind kind : MessageKind.values()) {
      assertThat(addresses).contains("et/v1/{enterprise}/{site}/{gateway}/" + kind.segment());
    }
  }

  @Test
  void publishesEveryKindAtQos1AndOnlyTheStatusRetained() {
    doc.path("operations")
        .fields()
        .forEachRemaining(
            op -> {
              JsonNode mqtt = op.getValue().path("bindings").path("mqtt");
              if (op.getValue().path("action").asText().equals("send")) {
                assertThat(mqtt.path("qos").asInt()).as(op.getKey()).isEqualTo(1);
                assertThat(mqtt.path("retain").asBoolean())
                    .as(op.getKey())
                    .isEqualTo(op.getKey().equals("publishStatus"));
              }
            });
  }

  @Test
  void pointsEveryMessageAtASchemaFileThatTheServiceValidatesWith() throws IOException {
    List<String> refs = new ArrayList<>();
    doc.path("components")
        .path("messages")
        .forEach(m -> refs.add(m.path("payload").path("schema").path("$ref").asText()));
    assertThat(refs).hasSize(MessageKind.values().length);
    for (String ref : refs) {
      Path file = DOCS.resolve(ref).normalize();
      assertThat(file).exists();
      try (var packaged = getClass().getResourceAsStream("/contract/" + file.getFileName())) {
        assertThat(packaged).as("classpath copy of %s", file).isNotNull();
        assertThat(new String(packaged.readAllBytes(), StandardCharsets.UTF_8))
            .isEqualTo(Files.readString(file));
      }
    }
  }

  @Test
  void acceptsEveryExampleEmbeddedInTheDocument() throws IOException {
    ObjectMapper json = new ObjectMapper();
    int checked = 0;
    var channels = doc.path("channels");
    for (var it = channels.fields(); it.hasNext(); ) {
      var channel = it.next();
      String kind = channel.getValue().path("address").asText().replaceAll(".*/", "");
      for (JsonNode message : channel.getValue().path("messages")) {
        String name = message.path("$ref").asText().replaceAll(".*/", "");
        for (JsonNode example :
            doc.path("components").path("messages").path(name).path("examples")) {
          byte[] payload = json.writeValueAsBytes(example.path("payload"));
          Validated v =
              validator.validate("et/v1/demo-brewery/plant-1/gw-demo-01/" + kind, payload);
          assertThat(v.refusals()).as("%s example %s", name, example.path("name")).isEmpty();
          assertThat(v.refusedWhole()).isFalse();
          checked++;
        }
      }
    }
    assertThat(checked).isGreaterThanOrEqualTo(MessageKind.values().length);
  }
}
