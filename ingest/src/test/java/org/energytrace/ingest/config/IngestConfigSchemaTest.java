package org.energytrace.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * docs/schemas/config/ingest-config.schema.json documents the ingest configuration: the shipped
 * files validate against it as an editor sees them (placeholders and all), and every key it
 * documents is one the loader accepts.
 */
class IngestConfigSchemaTest {
  static final Path SCHEMA =
      Path.of("..", "docs", "schemas", "config", "ingest-config.schema.json");
  private static final YAMLMapper YAML = YAMLMapper.builder().build();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  static List<Error> asAnEditorSeesIt(String yaml) throws IOException {
    Schema schema =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(Files.readString(SCHEMA), InputFormat.JSON);
    return schema.validate(JSON.writeValueAsString(YAML.readTree(yaml)), InputFormat.JSON);
  }

  static String resource(String name) throws IOException {
    try (InputStream in = IngestConfigSchemaTest.class.getClassLoader().getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ingest-default.yaml", "ingest-demo.yaml"})
  void theShippedConfigurationsValidateAgainstTheSchema(String name) throws IOException {
    assertThat(asAnEditorSeesIt(resource(name))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"http:\n  prot: 8080\n", "dashboard:\n  currency: VND\n"})
  void aMisspeltKeyIsRefusedByTheSchemaAsByTheLoader(String yaml) throws IOException {
    // an editor flags what the service would refuse at start-up
    assertThat(asAnEditorSeesIt(yaml)).isNotEmpty();
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class, () -> new ConfigLoader(n -> null).parse("t.yaml", yaml));
    assertThat(e.problems()).anyMatch(p -> p.problem().startsWith("unknown"));
  }

  /** Every key the schema documents, with its default, as {@code section.key}. */
  static List<Object[]> documentedKeys() throws IOException {
    JsonNode schema = JSON.readTree(Files.readString(SCHEMA));
    List<Object[]> keys = new ArrayList<>();
    for (Map.Entry<String, JsonNode> section : schema.path("properties").properties()) {
      for (Map.Entry<String, JsonNode> key : section.getValue().path("properties").properties()) {
        keys.add(new Object[] {section.getKey(), key.getKey(), key.getValue().get("default")});
      }
    }
    return keys;
  }

  @ParameterizedTest(name = "{0}.{1}")
  @MethodSource("documentedKeys")
  void everyDocumentedKeyIsOneTheLoaderAccepts(String section, String key, JsonNode def)
      throws IOException {
    String value = def == null ? "\"${ENV:UNSET_IN_TESTS:}\"" : JSON.writeValueAsString(def);
    String yaml = section + ":\n  " + key + ": " + value + "\n";
    List<ConfigProblem> problems = new ArrayList<>();
    try {
      new ConfigLoader(n -> null).parse("t.yaml", yaml);
    } catch (ConfigException e) {
      problems.addAll(e.problems());
    }
    assertThat(problems)
        .noneMatch(p -> p.path().equals(section + "." + key) && p.problem().contains("unknown"));
  }
}
