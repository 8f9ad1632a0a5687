package org.energytrace.ingest.config;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The published schema of the ingest configuration (docs/schemas/config/ingest-config.schema.json,
 * copied into the jar under {@code contract/config/}), validated with networknt
 * json-schema-validator (Draft 2020-12). It is the one place that states each key, its type, range,
 * pattern, default and whether it is required; {@link ConfigLoader} binds only what it accepted.
 *
 * <p>The loader validates the file after resolving its placeholders, with every scalar as text and
 * numbers and booleans accepted as text ({@code port: "${ENV:P:8080}"} becomes {@code "8080"});
 * editors validate the raw file, where the schema lets a placeholder stand for a value. Each
 * violation is worded as the loader always worded it ({@code must be between 0 and 65535, got
 * 99999}), with the schema's own {@code errorMessage} (followed by the value, never for a secret)
 * where the schema has one.
 */
final class IngestConfigSchema {
  static final String RESOURCE = "contract/config/ingest-config.schema.json";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final IngestConfigSchema INSTANCE = new IngestConfigSchema();

  private final JsonNode document;
  private final Schema schema;

  /** One problem: where in the instance (a JSON pointer) and what is wrong there. */
  record Violation(String pointer, String message) {}

  private IngestConfigSchema() {
    String text;
    try (InputStream in = IngestConfigSchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the jar has no " + RESOURCE);
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    document = JSON.readTree(text);
    schema =
        SchemaRegistry.withDefaultDialect(
                // errorMessage is ours (the wording of a key's problem, read in describe());
                // declared
                // so the library does not log "Unknown keyword" into a command's printed output
                Dialect.builder(Dialects.getDraft202012())
                    .keyword(new NonValidationKeyword("errorMessage"))
                    .build(),
                b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().typeLoose(true).build()))
            .getSchema(text, InputFormat.JSON);
  }

  static IngestConfigSchema get() {
    return INSTANCE;
  }

  /** The sections and their keys' schemas, in the schema's order. */
  Map<String, JsonNode> sections() {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    document.path("properties").properties().forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  /** Whether {@code key}'s schema is the secret one (only a placeholder may stand there). */
  static boolean isSecret(JsonNode key) {
    JsonNode ref = key.get("$ref");
    return ref != null && ref.isString() && ref.asString().equals("#/$defs/secret");
  }

  /** Every violation of the configuration {@code instance}, at most one per place. */
  List<Violation> validate(JsonNode instance) {
    Map<String, Violation> out = new LinkedHashMap<>();
    for (Error e : schema.validate(JSON.writeValueAsString(instance), InputFormat.JSON)) {
      Violation v = describe(e);
      if (v != null) {
        out.putIfAbsent(v.pointer(), v);
      }
    }
    return List.copyOf(out.values());
  }

  // ------------------------------------------------------------------ wording

  /** One error in the house wording; null for the other branch of "a value, or a placeholder". */
  private Violation describe(Error e) {
    String location = e.getSchemaLocation().toString();
    String fragment = location.contains("#") ? location.substring(location.indexOf('#') + 1) : "";
    JsonNode schemaNode = e.getSchemaNode();
    if (fragment.startsWith("/$defs/placeholder")
        || (fragment.contains("/anyOf/")
            && schemaNode != null
            && schemaNode.isString()
            && schemaNode.asString().contains("ENV:"))) {
      return null;
    }
    String pointer = e.getInstanceLocation().toString();
    JsonNode value = e.getInstanceNode();
    String keyword = e.getKeyword();
    if (keyword.equals("required")) {
      return new Violation(pointer + "/" + e.getProperty(), "is required");
    }
    if (keyword.equals("additionalProperties") || keyword.equals("unevaluatedProperties")) {
      String at = pointer + "/" + e.getProperty();
      if (!pointer.isEmpty()) {
        return new Violation(at, "unknown field");
      }
      return new Violation(
          at, "unknown section (expected " + String.join(", ", sections().keySet()) + ")");
    }
    String custom = customMessage(fragment);
    if (custom != null) {
      boolean secret = fragment.startsWith("/$defs/secret");
      return new Violation(pointer, custom + (secret ? "" : ", got " + quoted(value)));
    }
    JsonNode parent = document.at(fragment.substring(0, Math.max(0, fragment.lastIndexOf('/'))));
    return new Violation(
        pointer,
        switch (keyword) {
          case "type" -> typeMessage(schemaNode, value);
          case "minimum", "maximum" -> range(parent) + ", got " + value.asString();
          case "enum" -> "must be " + choices(schemaNode) + ", got " + quoted(value);
          case "pattern" -> "must match " + schemaNode.asString() + ", got " + quoted(value);
          case "not" -> "must be positive";
          case "minItems" -> "must be a non-empty list";
          case "minLength" -> "must be a non-empty string";
          default -> e.getMessage();
        });
  }

  /** The {@code errorMessage} of the nearest schema object around the failed keyword, if any. */
  private String customMessage(String fragment) {
    String at = fragment;
    while (!at.isEmpty()) {
      JsonNode node = document.at(at);
      if (node.isObject() && node.path("errorMessage").isString()) {
        return node.get("errorMessage").asString();
      }
      at = at.substring(0, at.lastIndexOf('/'));
      if (at.endsWith("/properties") || at.endsWith("/$defs")) {
        return null; // not above the key (or the definition) itself
      }
    }
    return null;
  }

  private static String typeMessage(JsonNode type, JsonNode value) {
    if (value.isContainer()) {
      if (type.asString().equals("object")) {
        return "must be a mapping";
      }
      return "must be a single value, not a " + (value.isArray() ? "list" : "mapping");
    }
    return switch (type.asString()) {
      case "integer" -> "must be an integer, got " + quoted(value);
      case "number" -> "must be a number, got " + quoted(value);
      case "boolean" -> "must be true or false, got " + quoted(value);
      case "object" -> "must be a mapping";
      case "array" -> "must be a list";
      case "string" -> "must be a string, got " + value;
      default -> "must be " + type.asString() + ", got " + quoted(value);
    };
  }

  private static String quoted(JsonNode value) {
    return value != null && value.isValueNode()
        ? "'" + value.asString() + "'"
        : String.valueOf(value);
  }

  /** {@code must be between 1 and 64}; {@code must be at least 0}. */
  private static String range(JsonNode schema) {
    JsonNode min = schema.get("minimum");
    JsonNode max = schema.get("maximum");
    if (min != null && max != null) {
      return "must be between " + min.asString() + " and " + max.asString();
    }
    return min != null ? "must be at least " + min.asString() : "must be at most " + max.asString();
  }

  /** {@code production or demo}; {@code auto, always or never}. */
  private static String choices(JsonNode values) {
    Set<String> names = new LinkedHashSet<>();
    for (JsonNode v : values) {
      names.add(v.asString());
    }
    List<String> list = new ArrayList<>(names);
    return list.size() == 1
        ? list.get(0)
        : String.join(", ", list.subList(0, list.size() - 1)) + " or " + list.get(list.size() - 1);
  }
}
