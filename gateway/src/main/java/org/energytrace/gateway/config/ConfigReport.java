package org.energytrace.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.energytrace.gateway.config.ConfigException.Problem;

/**
 * The problems found in one configuration file, each with its line and path, each once and in the
 * order of the file. A key with a problem of its own is not used further, so one mistake is
 * reported once and not again by everything built on it; the checks of the keys beside it still run
 * ({@link #soundPart}).
 */
final class ConfigReport {

  private final YamlDocument document;
  private final Set<Problem> problems = new LinkedHashSet<>();
  private final List<String> pointers = new ArrayList<>();
  private final Map<String, String> origins = new HashMap<>();

  ConfigReport(YamlDocument document) {
    this.document = document;
  }

  /** The file the problems are in, kept with the configuration made from it. */
  ConfigOrigin origin() {
    return document.origin();
  }

  void add(String pointer, String message) {
    String origin = originOf(pointer);
    Problem problem =
        document.problem(pointer, origin == null ? message : message + " (" + origin + ")");
    if (problems.add(problem)) {
      pointers.add(pointer);
    }
  }

  /**
   * What stands at {@code pointer} and below was written in another file ({@code file:line} of a
   * register-map template's point): a problem found there names that place too.
   */
  void origin(String pointer, String origin) {
    origins.put(pointer, origin);
  }

  private String originOf(String pointer) {
    for (String p = pointer; ; p = p.substring(0, p.lastIndexOf('/'))) {
      String origin = origins.get(p);
      if (origin != null) {
        return origin;
      }
      if (p.lastIndexOf('/') < 0) {
        return null;
      }
    }
  }

  /** A problem found in another file (a register-map template), with its own file and line. */
  void add(Problem problem, String pointer) {
    if (problems.add(problem)) {
      pointers.add(pointer);
    }
  }

  /**
   * A problem that leaves the value in place and checked on (a key given twice: the last value
   * counts), so it holds nothing else back.
   */
  void addBeside(Problem problem) {
    problems.add(problem);
  }

  /** Whether nothing at or below {@code pointer} has a problem. */
  boolean isClean(String pointer) {
    for (String p : pointers) {
      if (p.equals(pointer) || p.startsWith(pointer + "/") || pointer.isEmpty()) {
        return false;
      }
    }
    return true;
  }

  /**
   * A copy of the mapping at {@code pointer} without the keys that have a problem (a nested mapping
   * keeps its sound keys) and without {@code leftOut}: what can still be bound, so that the checks
   * of the other keys run beside the problems already found. Null when {@code node} is not a
   * mapping.
   */
  ObjectNode soundPart(JsonNode node, String pointer, String... leftOut) {
    if (node == null || !node.isObject()) {
      return null;
    }
    ObjectNode sound = JsonNodeFactory.instance.objectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String at = pointer + "/" + e.getKey();
      if (List.of(leftOut).contains(e.getKey()) || has(at)) {
        continue;
      }
      if (isClean(at)) {
        sound.set(e.getKey(), e.getValue());
      } else if (e.getValue().isObject()) {
        sound.set(e.getKey(), soundPart(e.getValue(), at));
      }
    }
    return sound;
  }

  /** Whether a problem is reported exactly at {@code pointer}. */
  boolean has(String pointer) {
    return pointers.contains(pointer);
  }

  boolean isEmpty() {
    return problems.isEmpty();
  }

  /**
   * Builds a record; its compact constructor has the last word on invariants, and what it refuses
   * is reported at {@code pointer}.
   */
  <T> T construct(String pointer, Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException | NullPointerException e) {
      add(pointer, e.getMessage());
      return null;
    }
  }

  void throwIfAny() {
    if (!problems.isEmpty()) {
      // in the order of the file, then those of templates (under their own file names)
      List<Problem> sorted = new ArrayList<>(problems);
      sorted.sort(
          Comparator.comparing((Problem p) -> !p.source().equals(document.source()))
              .thenComparingInt(Problem::line));
      throw new ConfigException(document.source(), sorted);
    }
  }
}
