package org.energytrace.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.energytrace.gateway.config.ConfigException.Problem;

/**
 * A register map as a data file: the points of one meter model with the manual they came from.
 * Built-in templates live in {@code registermaps/<name>.yaml} on the classpath; a device may also
 * name a file. A device config names a template and overrides what differs (by channel). The format
 * is docs/schemas/config/register-map.schema.json:
 *
 * <pre>
 * name: eastron-sdm630
 * manual: Eastron SDM630 Modbus protocol …   (required: where the numbers came from)
 * addressing: 0                              (0: wire addresses; 1: 1-based register numbers)
 * address_offset: 0                          (added to every address, e.g. a SunSpec model base)
 * defaults: {function: 4, type: float32, order: ABCD}
 * points:
 *   - {channel: AcVoltageL1N, address: 0x0000, unit: VLT}
 * </pre>
 */
public record RegisterMapTemplate(
    String name,
    String source,
    String manual,
    int addressOffset,
    List<Point> points,
    List<Problem> problems) {

  /** The built-in templates, by name. */
  public static final List<String> BUILT_IN =
      List.of(
          "eastron-sdm630",
          "eastron-sdm120",
          "schneider-iem3xxx-pm5xxx",
          "janitza-umg96rm",
          "carlo-gavazzi-em24",
          "sunspec-203",
          "xylem-magflux",
          "diehl-sharky-775",
          "moxa-iologik-e1210");

  /**
   * A template point: its YAML with the defaults applied, how its address is numbered, and where it
   * stands ({@code file:line}).
   */
  public record Point(String channel, ObjectNode node, int addressing, String origin) {}

  public RegisterMapTemplate {
    points = List.copyOf(points);
    problems = List.copyOf(problems);
  }

  /** Loads a built-in template by name, or a template file by path. */
  public static RegisterMapTemplate load(String nameOrPath) {
    String source;
    String text;
    try {
      if (nameOrPath.endsWith(".yaml") || nameOrPath.contains("/")) {
        source = nameOrPath;
        text = Files.readString(Path.of(nameOrPath), StandardCharsets.UTF_8);
      } else {
        source = "classpath:registermaps/" + nameOrPath + ".yaml";
        try (InputStream in =
            RegisterMapTemplate.class
                .getClassLoader()
                .getResourceAsStream("registermaps/" + nameOrPath + ".yaml")) {
          if (in == null) {
            throw unreadable(
                nameOrPath,
                "unknown template '"
                    + nameOrPath
                    + "' (built in: "
                    + String.join(", ", BUILT_IN)
                    + "; or a path to a .yaml file)");
          }
          text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    } catch (IOException e) {
      throw unreadable(nameOrPath, "cannot read template: " + e);
    }
    return parse(source, text);
  }

  private static ConfigException unreadable(String nameOrPath, String message) {
    return new ConfigException(
        nameOrPath, List.of(new Problem(nameOrPath, 0, "template", message)));
  }

  static RegisterMapTemplate parse(String source, String yaml) {
    YamlDocument document = YamlDocument.parse(source, yaml);
    JsonNode root = document.root();
    List<Problem> problems = new ArrayList<>();
    if (root == null || !root.isObject()) {
      problems.add(document.problem("", "a template is a mapping with name, manual, points"));
      return new RegisterMapTemplate("?", source, "", 0, List.of(), problems);
    }
    problems.addAll(document.duplicateKeys());
    for (ConfigSchema.Violation v : ConfigSchema.get().validate(ConfigSchema.REGISTER_MAP, root)) {
      problems.add(document.problem(v.pointer(), v.message()));
    }
    int addressing = root.path("addressing").asInt(0);
    JsonNode defaults = root.path("defaults");
    List<Point> points = new ArrayList<>();
    Set<String> channels = new HashSet<>();
    JsonNode list = root.path("points");
    for (int i = 0; i < list.size(); i++) {
      JsonNode p = list.get(i);
      if (!p.isObject() || !p.hasNonNull("channel")) {
        continue; // reported by the schema
      }
      String channel = p.get("channel").asText();
      if (!channels.add(channel)) {
        problems.add(document.problem("/points/" + i + "/channel", "duplicate channel " + channel));
        continue;
      }
      ObjectNode merged = JsonNodeFactory.instance.objectNode();
      if (defaults.isObject()) {
        merged.setAll((ObjectNode) defaults);
      }
      merged.setAll((ObjectNode) p);
      points.add(
          new Point(channel, merged, addressing, source + ":" + document.lineOf("/points/" + i)));
    }
    return new RegisterMapTemplate(
        root.path("name").asText("?"),
        source,
        root.path("manual").asText(""),
        root.path("address_offset").asInt(0),
        points,
        problems);
  }
}
