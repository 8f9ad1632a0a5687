package org.energytrace.gateway.config;

import java.util.Map;
import java.util.Objects;
import org.energytrace.gateway.config.ConfigException.Problem;

/**
 * Where a loaded configuration came from: its file and the line of each key. A problem found after
 * loading (an OPC UA server whose EngineeringUnits differ from a point's unit) is then reported
 * like the loader's own, as {@code file:line: path: problem}.
 */
public final class ConfigOrigin {

  private final String source;
  private final Map<String, Integer> lines;

  ConfigOrigin(String source, Map<String, Integer> lines) {
    this.source = Objects.requireNonNull(source, "source");
    this.lines = Map.copyOf(lines);
  }

  /** The file (or {@code classpath:} resource) as it was named. */
  public String source() {
    return source;
  }

  /** A problem at a JSON pointer of the file ({@code /devices/0/points/1/unit}), with its line. */
  public Problem problem(String pointer, String message) {
    return new Problem(source, lineOf(pointer), YamlDocument.display(pointer), message);
  }

  /** The line of the pointer, or of its nearest ancestor the file has (0 when none). */
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
}
