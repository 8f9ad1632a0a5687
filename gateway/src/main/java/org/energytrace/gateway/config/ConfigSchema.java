package org.energytrace.gateway.config;

import com.networknt.schema.Error;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaContext;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.AbstractKeyword;
import com.networknt.schema.keyword.AbstractKeywordValidator;
import com.networknt.schema.keyword.KeywordValidator;
import com.networknt.schema.path.NodePath;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The JSON Schemas of the configuration files (docs/schemas/config, copied into the jar under
 * {@code config/}), validated with networknt json-schema-validator (Draft 2020-12). The schema is
 * the one place that states each key's type, range, pattern and whether it is required; the loader
 * binds only what it accepted.
 *
 * <p>The gateway validates the file after resolving its {@code ${ENV:…}} placeholders, with numbers
 * and booleans also accepted as text ({@code port: "${ENV:P:5020}"} becomes {@code "5020"}).
 * Editors validate the raw file, where the schema lets a placeholder stand for a value. Each
 * violation becomes one {@link Violation} in the house wording ({@code must be 0..255, was 300}),
 * with the schema's own {@code errorMessage} where it has one.
 */
public final class ConfigSchema {

  /** The gateway configuration file. */
  public static final String GATEWAY_CONFIG = "gateway-config.schema.json";

  /** A Modbus register-map template. */
  public static final String REGISTER_MAP = "register-map.schema.json";

  /** Where the schemas say they live ({@code $id}), mapped to the copies in the jar. */
  static final String ID_PREFIX = "https://energytrace.org/schemas/config/";

  private static final String CLASSPATH = "config/";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final com.fasterxml.jackson.databind.ObjectMapper YAML_TREES =
      new com.fasterxml.jackson.databind.ObjectMapper();
  private static final ConfigSchema INSTANCE = new ConfigSchema();

  private final SchemaRegistry registry;
  private final JsonNode gatewayConfig;
  private final JsonNode registerMap;

  /** One problem: where in the instance (a JSON pointer) and what is wrong there. */
  public record Violation(String pointer, String message) {}

  private ConfigSchema() {
    Dialect dialect =
        Dialect.builder(Dialects.getDraft202012())
            .keyword(new DurationBound("minDuration"))
            .keyword(new DurationBound("maxDuration"))
            .build();
    registry =
        SchemaRegistry.withDefaultDialect(
            dialect,
            b ->
                b.schemaRegistryConfig(
                        SchemaRegistryConfig.builder()
                            .typeLoose(true)
                            .errorMessageKeyword("errorMessage")
                            .build())
                    .schemaLoader(
                        l ->
                            l.schemaIdResolvers(r -> r.mapPrefix(ID_PREFIX, "classpath:config/"))));
    gatewayConfig = read(GATEWAY_CONFIG);
    registerMap = read(REGISTER_MAP);
  }

  public static ConfigSchema get() {
    return INSTANCE;
  }

  /** The schema text as shipped in the jar (for tests and tools). */
  public static String text(String file) {
    try (InputStream in = resource(file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Validates a whole document against the schema {@code file}. */
  public List<Violation> validate(String file, com.fasterxml.jackson.databind.JsonNode instance) {
    return validate(file, "", instance, "");
  }

  /**
   * Validates {@code instance} against the definition {@code def} of schema {@code file} (e.g.
   * {@code modbusPoint}); violations are reported below {@code at}, the instance's pointer in its
   * document.
   */
  public List<Violation> validate(
      String file, String def, com.fasterxml.jackson.databind.JsonNode instance, String at) {
    Schema schema = registry.getSchema(SchemaLocation.of(ID_PREFIX + file));
    if (!def.isEmpty()) {
      schema = schema.getSubSchema(new NodePath(PathType.JSON_POINTER).append("$defs").append(def));
    }
    // the YAML side is Jackson 2 (the gateway's), the validator's is Jackson 3: JSON between them
    String json;
    try {
      json = YAML_TREES.writeValueAsString(instance);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write the configuration as JSON", e);
    }
    Set<Violation> out = new LinkedHashSet<>();
    for (Error e : schema.validate(json, InputFormat.JSON)) {
      Violation v = describe(e, at);
      if (v != null) {
        out.add(v);
      }
    }
    JsonNode schemaFile = file.equals(REGISTER_MAP) ? registerMap : gatewayConfig;
    listsGivenAsValues(
        schemaFile,
        def.isEmpty() ? schemaFile : schemaFile.path("$defs").path(def),
        instance,
        at,
        out);
    return List.copyOf(out);
  }

  /**
   * A single value where the schema wants a list ({@code devices: foo}). The loose typing that
   * takes numbers and booleans as text (resolved placeholders) also lets the validator take a value
   * for a list of one, so this is checked here, along {@code properties}, {@code items}, local
   * {@code $ref}, {@code allOf} and {@code if}'s {@code then} and {@code else}.
   */
  private static void listsGivenAsValues(
      JsonNode file,
      JsonNode schema,
      com.fasterxml.jackson.databind.JsonNode value,
      String pointer,
      Set<Violation> out) {
    if (schema == null || !schema.isObject() || value == null || value.isMissingNode()) {
      return;
    }
    JsonNode type = schema.get("type");
    if (type != null && type.isString() && "array".equals(type.asString()) && !value.isArray()) {
      out.add(
          new Violation(
              pointer,
              "must be a list, was "
                  + (value.isTextual() ? "'" + value.textValue() + "'" : value.toString())));
      return;
    }
    JsonNode ref = schema.get("$ref");
    if (ref != null && ref.asString().startsWith("#")) {
      listsGivenAsValues(file, file.at(ref.asString().substring(1)), value, pointer, out);
    }
    listsGivenAsValues(file, schema.get("then"), value, pointer, out);
    listsGivenAsValues(file, schema.get("else"), value, pointer, out);
    for (JsonNode part : schema.path("allOf")) {
      listsGivenAsValues(file, part, value, pointer, out);
    }
    if (value.isObject()) {
      for (Iterator<String> it = schema.path("properties").propertyNames().iterator();
          it.hasNext(); ) {
        String name = it.next();
        listsGivenAsValues(
            file, schema.path("properties").get(name), value.get(name), pointer + "/" + name, out);
      }
    }
    if (value.isArray() && schema.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        listsGivenAsValues(file, schema.get("items"), value.get(i), pointer + "/" + i, out);
      }
    }
  }

  // ------------------------------------------------------------------ wording

  /** One error in the house wording; null for what is not a problem of its own. */
  private Violation describe(Error e, String at) {
    String location = e.getSchemaLocation().toString();
    String fragment = location.contains("#") ? location.substring(location.indexOf('#') + 1) : "";
    JsonNode schemaFile = location.contains(REGISTER_MAP) ? registerMap : gatewayConfig;
    if (fragment.startsWith("/$defs/placeholder")) {
      return null; // the other branch of "a value, or a placeholder" says what is wrong
    }
    String pointer = at + e.getInstanceLocation().toString();
    JsonNode value = e.getInstanceNode();
    String keyword = e.getKeyword();
    JsonNode parent = schemaFile.at(fragment.substring(0, Math.max(0, fragment.lastIndexOf('/'))));
    if (fragment.equals("/$defs/unit/enum") && value != null && value.isString()) {
      return new Violation(pointer, UnitCodes.problem(value.asString())); // not the list
    }
    if (e.isCustomMessage()) {
      boolean showValue = value != null && value.isValueNode() && !"not".equals(keyword);
      return new Violation(pointer, e.getMessage() + (showValue ? ", was " + shown(value) : ""));
    }
    switch (keyword) {
      case "required":
        return new Violation(pointer + "/" + e.getProperty(), "is required");
      case "dependentRequired":
        return new Violation(
            pointer + "/" + e.getArguments()[0], "is required with " + e.getArguments()[1]);
      case "additionalProperties":
      case "unevaluatedProperties":
        List<String> known = new ArrayList<>();
        collectProperties(schemaFile, parent, known);
        if (known.contains(e.getProperty())) {
          return null; // declared, but not evaluated because its own check failed (reported)
        }
        return new Violation(
            pointer + "/" + e.getProperty(),
            "unknown key (expected one of " + String.join(", ", known) + ")");
      case "type":
        return new Violation(
            pointer, "must be " + expected(e.getSchemaNode()) + ", was " + shown(value));
      case "minimum":
      case "maximum":
        return new Violation(pointer, range(parent) + ", was " + value.asString());
      case "enum":
        return new Violation(
            pointer, "must be " + choices(e.getSchemaNode()) + ", was " + shown(value));
      case "pattern":
        return new Violation(
            pointer, shown(value) + " does not match " + e.getSchemaNode().asString());
      case "minItems":
        return new Violation(
            pointer, "must have at least " + e.getSchemaNode().asString() + " items");
      case "minLength":
        return new Violation(pointer, "must not be empty");
      case "not":
      case "false":
        return new Violation(pointer, "is not allowed here");
      default:
        return new Violation(pointer, e.getMessage());
    }
  }

  private static String expected(JsonNode type) {
    List<String> names = new ArrayList<>();
    for (JsonNode t : type.isArray() ? type : List.of(type)) {
      names.add(
          switch (t.asString()) {
            case "object" -> "a mapping";
            case "array" -> "a list";
            case "integer" -> "an integer";
            case "number" -> "a number";
            case "boolean" -> "true or false";
            case "string" -> "a string";
            default -> t.asString();
          });
    }
    return String.join(" or ", names);
  }

  private static String shown(JsonNode value) {
    if (value == null) {
      return "nothing";
    }
    return value.isString() ? "'" + value.asString() + "'" : value.toString();
  }

  /** {@code must be 3..4}, {@code must be at least 1}. */
  private static String range(JsonNode schema) {
    JsonNode min = schema.get("minimum");
    JsonNode max = schema.get("maximum");
    if (min != null && max != null) {
      return "must be " + min.asString() + ".." + max.asString();
    }
    return min != null ? "must be at least " + min.asString() : "must be at most " + max.asString();
  }

  /** {@code opcua or modbus}; {@code one of int16, uint16, …} beyond three. */
  private static String choices(JsonNode values) {
    Set<String> names = new LinkedHashSet<>();
    for (JsonNode v : values) {
      names.add(v.isString() ? v.asString() : v.toString());
    }
    List<String> list = List.copyOf(names);
    if (list.size() > 3) {
      return "one of " + String.join(", ", list);
    }
    return list.size() == 1
        ? list.get(0)
        : String.join(", ", list.subList(0, list.size() - 1)) + " or " + list.get(list.size() - 1);
  }

  /** The keys a schema object declares, with those of what it refers to. */
  private static void collectProperties(JsonNode file, JsonNode schema, List<String> out) {
    if (schema == null || !schema.isObject()) {
      return;
    }
    for (Iterator<String> it = schema.path("properties").propertyNames().iterator();
        it.hasNext(); ) {
      String name = it.next();
      if (!out.contains(name)) {
        out.add(name);
      }
    }
    JsonNode ref = schema.get("$ref");
    if (ref != null && ref.asString().startsWith("#")) {
      collectProperties(file, file.at(ref.asString().substring(1)), out);
    }
    for (JsonNode part : schema.path("allOf")) {
      collectProperties(file, part, out);
    }
  }

  // ------------------------------------------------------------------ duration bounds

  /**
   * {@code minDuration} / {@code maxDuration}: bounds of an ISO-8601 duration, checked on text that
   * parses as one (the {@code pattern} of {@code $defs/duration} reports text that does not).
   */
  private static final class DurationBound extends AbstractKeyword {

    DurationBound(String keyword) {
      super(keyword);
    }

    @Override
    public KeywordValidator newValidator(
        SchemaLocation location, JsonNode schemaNode, Schema parentSchema, SchemaContext context) {
      Duration bound = Duration.parse(schemaNode.asString());
      boolean minimum = getValue().equals("minDuration");
      return new AbstractKeywordValidator(this, schemaNode, location) {
        @Override
        public void validate(
            ExecutionContext execution, JsonNode node, JsonNode root, NodePath at) {
          if (!node.isString()) {
            return;
          }
          Duration value;
          try {
            value = Duration.parse(node.asString().trim().toUpperCase(Locale.ROOT));
          } catch (DateTimeParseException e) {
            return;
          }
          int c = value.compareTo(bound);
          if (minimum ? c < 0 : c > 0) {
            execution.addError(
                Error.builder()
                    .keyword(getValue())
                    .instanceLocation(at)
                    .schemaLocation(location)
                    .instanceNode(node)
                    .schemaNode(schemaNode)
                    .message(
                        (minimum ? "must be at least " : "must be at most ")
                            + bound
                            + ", was "
                            + value)
                    .build());
          }
        }
      };
    }
  }

  private static JsonNode read(String file) {
    try (InputStream in = resource(file)) {
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream resource(String file) {
    InputStream in = ConfigSchema.class.getClassLoader().getResourceAsStream(CLASSPATH + file);
    if (in == null) {
      throw new IllegalStateException("the jar has no " + CLASSPATH + file);
    }
    return in;
  }
}
