package org.energytrace.gateway.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.energytrace.gateway.config.ConfigException.Problem;

/**
 * A YAML file as a tree, with the line of every key and item taken from the parser's {@link
 * com.fasterxml.jackson.core.JsonLocation}, so that a problem found anywhere later (placeholders,
 * schema, binding) is reported as {@code file:line: path: problem}.
 */
public final class YamlDocument {

  /** A key given twice is an error, not the last one silently winning (README, "Configuration"). */
  private static final YAMLMapper YAML =
      YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private final String source;
  private final JsonNode root;
  private final Map<String, Integer> lines;

  private YamlDocument(String source, JsonNode root, Map<String, Integer> lines) {
    this.source = source;
    this.root = root;
    this.lines = lines;
  }

  /**
   * Parses YAML text; {@code source} names it in messages.
   *
   * @throws ConfigException for a YAML syntax error, with its line
   */
  public static YamlDocument parse(String source, String yaml) {
    try {
      return new YamlDocument(source, YAML.readTree(yaml), lineIndex(yaml));
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new ConfigException(
          source, List.of(new Problem(source, line, "(document)", e.getOriginalMessage())));
    } catch (IOException e) {
      throw new ConfigException(
          source, List.of(new Problem(source, 0, "(document)", e.toString())));
    }
  }

  /** Maps each JSON pointer in the document to the line where its key (or item) starts. */
  private static Map<String, Integer> lineIndex(String yaml) throws IOException {
    Map<String, Integer> lines = new HashMap<>();
    try (JsonParser parser = YAML.getFactory().createParser(yaml)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
          continue;
        }
        String pointer = parser.getParsingContext().pathAsPointer().toString();
        lines.putIfAbsent(pointer, parser.currentTokenLocation().getLineNr());
      }
    }
    return lines;
  }

  public String source() {
    return source;
  }

  /** The document's root; null for an empty document. */
  public JsonNode root() {
    return root;
  }

  /** A problem at a JSON pointer of this document: its line is the nearest known one. */
  public Problem problem(String pointer, String message) {
    return new Problem(source, lineOf(pointer), display(pointer), message);
  }

  /** The line of the pointer, or of its nearest ancestor the document has (0 when none). */
  public int lineOf(String pointer) {
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

  /** {@code /devices/1/points/0/address} → {@code devices[1].points[0].address}. */
  public static String display(String pointer) {
    if (pointer.isEmpty()) {
      return "(document)";
    }
    StringBuilder out = new StringBuilder();
    for (String part : pointer.substring(1).split("/")) {
      if (!part.isEmpty() && part.chars().allMatch(Character::isDigit)) {
        out.append('[').append(part).append(']');
      } else {
        if (out.length() > 0) {
          out.append('.');
        }
        out.append(part.replace("~1", "/").replace("~0", "~"));
      }
    }
    return out.toString();
  }
}
