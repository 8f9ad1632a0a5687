package org.energytrace.gateway.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.energytrace.gateway.config.ConfigException.Problem;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A YAML file as a tree, with the line of every key and item taken from the parser's {@link
 * com.fasterxml.jackson.core.JsonLocation}, so that a problem found anywhere later (placeholders,
 * schema, binding) is reported as {@code file:line: path: problem}.
 */
public final class YamlDocument {

  /**
   * Keys given twice are found by {@link #index} and reported as problems of their own (README,
   * "Configuration"), beside the file's other problems; the tree keeps the last value, which is
   * checked on. Jackson's strict duplicate detection would stop the parse at the first one.
   */
  private static final YAMLMapper YAML = new YAMLMapper();

  private final JsonNode root;
  private final ConfigOrigin origin;
  private final List<Problem> duplicateKeys;

  private YamlDocument(String source, JsonNode root, Index index) {
    this.root = root;
    this.origin = new ConfigOrigin(source, index.lines());
    this.duplicateKeys = index.duplicateKeys();
  }

  /**
   * Parses YAML text; {@code source} names it in messages. A key given twice is not a syntax error:
   * see {@link #duplicateKeys()}.
   *
   * @throws ConfigException for a YAML syntax error, with its line
   */
  public static YamlDocument parse(String source, String yaml) {
    try {
      return new YamlDocument(source, YAML.readTree(yaml), index(source, yaml));
    } catch (JsonProcessingException e) {
      throw new ConfigException(source, List.of(syntaxProblem(source, e)));
    } catch (IOException e) {
      throw new ConfigException(
          source, List.of(new Problem(source, 0, "(document)", e.toString())));
    }
  }

  /**
   * A syntax error on one line, at the line and column where the YAML scanner or parser stopped
   * (Jackson's own location is one line early for some of them, e.g. a tab), and with the construct
   * it was reading when that started on another line.
   */
  static Problem syntaxProblem(String source, JsonProcessingException e) {
    if (e.getCause() instanceof MarkedYAMLException m && m.getProblemMark() != null) {
      Mark at = m.getProblemMark();
      StringBuilder message =
          new StringBuilder("not valid YAML at column ")
              .append(at.getColumn() + 1)
              .append(": ")
              .append(plain(m.getProblem()));
      Mark start = m.getContextMark();
      if (m.getContext() != null && start != null && start.getLine() != at.getLine()) {
        message
            .append(" (")
            .append(m.getContext().replaceFirst("^while ", ""))
            .append(" from line ")
            .append(start.getLine() + 1)
            .append(')');
      }
      return new Problem(source, at.getLine() + 1, "(document)", message.toString());
    }
    int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
    return new Problem(source, line, "(document)", plain(e.getOriginalMessage()));
  }

  /** SnakeYAML's words on one line, a tab named as such. */
  private static String plain(String problem) {
    if (problem == null) {
      return "syntax error";
    }
    if (problem.contains("\\t(TAB)")) {
      return "a tab character: YAML indents with spaces only";
    }
    return problem.replaceAll("\\s*\\n\\s*", " ").strip();
  }

  /** The line of every key and item, and the keys given twice. */
  private record Index(Map<String, Integer> lines, List<Problem> duplicateKeys) {}

  /**
   * Maps each JSON pointer in the document to the line where its key (or item) starts; a key given
   * again in the same mapping is a problem at its second line, and its pointers then lead to the
   * value that counts, the last.
   */
  private static Index index(String source, String yaml) throws IOException {
    Map<String, Integer> lines = new HashMap<>();
    List<Problem> duplicates = new ArrayList<>();
    Deque<Map<String, Integer>> keysOfMappings = new ArrayDeque<>();
    try (JsonParser parser = YAML.getFactory().createParser(yaml)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (token == JsonToken.END_OBJECT) {
          keysOfMappings.pop();
          continue;
        }
        if (token == JsonToken.END_ARRAY) {
          continue;
        }
        String pointer = parser.getParsingContext().pathAsPointer().toString();
        int line = parser.currentTokenLocation().getLineNr();
        if (token == JsonToken.FIELD_NAME) {
          Integer first = keysOfMappings.peek().putIfAbsent(parser.currentName(), line);
          if (first != null) {
            duplicates.add(
                new Problem(
                    source,
                    line,
                    display(pointer),
                    "given twice (first on line " + first + "); write each key once"));
            lines.keySet().removeIf(p -> p.equals(pointer) || p.startsWith(pointer + "/"));
          }
        }
        if (token == JsonToken.START_OBJECT) {
          keysOfMappings.push(new HashMap<>());
        }
        lines.putIfAbsent(pointer, line);
      }
    }
    return new Index(lines, List.copyOf(duplicates));
  }

  /**
   * The keys given twice in one mapping, each at the line where it is given again (YAML 1.2
   * §3.2.1.1: the keys of a mapping are unique). The tree holds the last value.
   */
  public List<Problem> duplicateKeys() {
    return duplicateKeys;
  }

  public String source() {
    return origin.source();
  }

  /** The document's root; null for an empty document. */
  public JsonNode root() {
    return root;
  }

  /** The file and the line of every key, kept with the configuration made from it. */
  public ConfigOrigin origin() {
    return origin;
  }

  /** A problem at a JSON pointer of this document: its line is the nearest known one. */
  public Problem problem(String pointer, String message) {
    return origin.problem(pointer, message);
  }

  /** The line of the pointer, or of its nearest ancestor the document has (0 when none). */
  public int lineOf(String pointer) {
    return origin.lineOf(pointer);
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
