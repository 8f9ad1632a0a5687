package org.energytrace.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.energytrace.gateway.config.ConfigException.Problem;

/**
 * Loads a {@link GatewayConfig} from YAML in four steps, collecting every problem with its line and
 * path before one {@link ConfigException} reports them all:
 *
 * <ol>
 *   <li>parse ({@link YamlDocument}: the tree and the line of every key; a key given twice is a
 *       problem, and its last value is checked on);
 *   <li>resolve {@code ${ENV:NAME:default}} placeholders ({@link Placeholders}; {@code ${ENV:NAME}}
 *       without a default is required);
 *   <li>validate against the JSON Schema ({@link ConfigSchema}, docs/schemas/config): types,
 *       ranges, patterns, required and unknown keys — a typo never silently becomes a default;
 *   <li>bind with Jackson and assemble the records ({@link ConfigAssembler}): defaults, and what
 *       needs more than one key or the file system.
 * </ol>
 */
public final class ConfigLoader {

  /** Classpath resources are addressed as {@code classpath:demo/gateway.yaml}. */
  public static final String CLASSPATH_PREFIX = "classpath:";

  private final Placeholders placeholders;

  /**
   * @param environment looks up an environment variable; returns null when unset
   */
  public ConfigLoader(UnaryOperator<String> environment) {
    this.placeholders = new Placeholders(environment);
  }

  public static ConfigLoader fromSystemEnvironment() {
    return new ConfigLoader(System::getenv);
  }

  /** Loads a file path or a {@code classpath:} resource. */
  public GatewayConfig load(String location) {
    String text;
    try {
      if (location.startsWith(CLASSPATH_PREFIX)) {
        String resource = location.substring(CLASSPATH_PREFIX.length());
        try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(resource)) {
          if (in == null) {
            throw single(location, "no such classpath resource");
          }
          text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      } else {
        text = Files.readString(Path.of(location), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw single(location, "cannot read: " + e);
    }
    return parse(location, text);
  }

  private static ConfigException single(String source, String message) {
    return new ConfigException(source, List.of(new Problem(source, 0, "file", message)));
  }

  /** Parses YAML text; {@code source} names it in error messages. */
  public GatewayConfig parse(String source, String yaml) {
    YamlDocument document = YamlDocument.parse(source, yaml);
    ConfigReport report = new ConfigReport(document);
    if (document.root() == null || !document.root().isObject()) {
      report.add("", "the document must be a mapping with gateway, mqtt, devices");
      report.throwIfAny();
    }
    // the last value of a key given twice is checked like any other: the duplicate hides nothing
    document.duplicateKeys().forEach(report::addBeside);
    JsonNode resolved = resolve(document.root(), "", report);
    for (ConfigSchema.Violation v :
        ConfigSchema.get().validate(ConfigSchema.GATEWAY_CONFIG, resolved)) {
      if (!report.has(v.pointer())) { // an unset variable is the one problem of its value
        report.add(v.pointer(), v.message());
      }
    }
    GatewayConfig config = new ConfigAssembler(report).assemble(resolved);
    report.throwIfAny();
    return config;
  }

  /** The secrets of the file (mqtt.password, a device's password or key store password). */
  private static final Pattern SECRET =
      Pattern.compile("/mqtt/password|/devices/\\d+/(x509/)?password");

  /**
   * A copy of the tree with every placeholder in its strings resolved; a secret written out is
   * refused (README, "Configuration": secrets come from the environment, never from the file).
   */
  private JsonNode resolve(JsonNode node, String pointer, ConfigReport report) {
    if (node.isTextual()) {
      if (SECRET.matcher(pointer).matches()
          && !node.textValue().isEmpty()
          && !node.textValue().contains("${ENV:")) {
        // the value is not echoed: it is the secret
        report.add(pointer, "secrets come from the environment: write ${ENV:NAME}, not the secret");
        return TextNode.valueOf("");
      }
      Placeholders.Resolved r = placeholders.resolve(node.textValue());
      r.missing().forEach(name -> report.add(pointer, Placeholders.missingMessage(name)));
      return TextNode.valueOf(r.text());
    }
    if (node.isObject()) {
      ObjectNode copy = ((ObjectNode) node).objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        copy.set(e.getKey(), resolve(e.getValue(), pointer + "/" + e.getKey(), report));
      }
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = ((ArrayNode) node).arrayNode();
      for (int i = 0; i < node.size(); i++) {
        copy.add(resolve(node.get(i), pointer + "/" + i, report));
      }
      return copy;
    }
    return node;
  }
}
