package org.energytrace.gateway.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.energytrace.gateway.config.ConfigException.Problem;

/**
 * A register map as a data file: the points of one meter model with the manual they came from.
 * Built-in templates live in {@code registermaps/<name>.yaml} on the classpath; a device may also
 * name a file. A device config names a template and overrides what differs (by channel).
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
          "sunspec-203");

  /** A template point: its YAML with the defaults applied, and how its address is numbered. */
  public record Point(String channel, ObjectNode node, int addressing) {}

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
            throw new ConfigException(
                nameOrPath,
                List.of(
                    new Problem(
                        nameOrPath,
                        0,
                        "template",
                        "unknown template '"
                            + nameOrPath
                            + "' (built in: "
                            + String.join(", ", BUILT_IN)
                            + "; or a path to a .yaml file)")));
          }
          text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    } catch (IOException e) {
      throw new ConfigException(
          nameOrPath,
          List.of(new Problem(nameOrPath, 0, "template", "cannot read template: " + e)));
    }
    return parse(source, text);
  }

  static RegisterMapTemplate parse(String source, String yaml) {
    List<Problem> problems = new ArrayList<>();
    YAMLMapper mapper = new YAMLMapper();
    JsonNode root;
    Map<String, Integer> lines;
    try {
      lines = ConfigLoader.lineIndex(mapper.getFactory(), yaml);
      root = mapper.readTree(yaml);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new ConfigException(
          source, List.of(new Problem(source, line, "(document)", e.getOriginalMessage())));
    } catch (IOException e) {
      throw new ConfigException(
          source, List.of(new Problem(source, 0, "(document)", e.toString())));
    }
    BiConsumer<String, String> problem =
        (pointer, message) ->
            problems.add(
                new Problem(
                    source, lineOf(lines, pointer), ConfigLoader.display(pointer), message));
    if (root == null || !root.isObject()) {
      problem.accept("", "a template is a mapping with name, manual, points");
      return new RegisterMapTemplate("?", source, "", 0, List.of(), problems);
    }
    Set<String> allowed =
        Set.of("name", "manual", "addressing", "address_offset", "defaults", "points");
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!allowed.contains(field)) {
        problem.accept("/" + field, "unknown key (expected one of " + allowed + ")");
      }
    }
    String name = root.path("name").asText("");
    if (name.isBlank()) {
      problem.accept("/name", "is required");
    }
    String manual = root.path("manual").asText("");
    if (manual.isBlank()) {
      problem.accept("/manual", "is required: name the manual (and version) the map comes from");
    }
    int addressing = root.path("addressing").asInt(0);
    if (!root.path("addressing").isMissingNode()
        && !(root.get("addressing").isInt() && (addressing == 0 || addressing == 1))) {
      problem.accept("/addressing", "must be 0 (wire addresses) or 1 (1-based register numbers)");
    }
    int offset = root.path("address_offset").asInt(0);
    if (offset < 0 || offset > 0xFFFF) {
      problem.accept("/address_offset", "must be 0..65535");
    }
    JsonNode defaults = root.path("defaults");
    if (!defaults.isMissingNode() && !defaults.isObject()) {
      problem.accept("/defaults", "must be a mapping");
    }
    List<Point> points = new ArrayList<>();
    JsonNode list = root.path("points");
    if (!list.isArray() || list.isEmpty()) {
      problem.accept("/points", "must be a non-empty list");
    } else {
      Set<String> channels = new HashSet<>();
      for (int i = 0; i < list.size(); i++) {
        JsonNode p = list.get(i);
        if (!p.isObject() || !p.hasNonNull("channel")) {
          problem.accept("/points/" + i, "must be a mapping with a channel");
          continue;
        }
        String channel = p.get("channel").asText();
        if (!channels.add(channel)) {
          problem.accept("/points/" + i + "/channel", "duplicate channel " + channel);
          continue;
        }
        ObjectNode merged = mapper.createObjectNode();
        if (defaults.isObject()) {
          merged.setAll((ObjectNode) defaults);
        }
        merged.setAll((ObjectNode) p);
        points.add(new Point(channel, merged, addressing));
      }
    }
    return new RegisterMapTemplate(name, source, manual, offset, points, problems);
  }

  private static int lineOf(Map<String, Integer> lines, String pointer) {
    String p = pointer;
    while (true) {
      Integer line = lines.get(p);
      if (line != null) {
        return line;
      }
      int cut = p.lastIndexOf('/');
      if (cut < 0) {
        return 0;
      }
      p = p.substring(0, cut);
    }
  }
}
