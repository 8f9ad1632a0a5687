package org.energytrace.gateway.config;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.energytrace.gateway.model.GatewayException;

/** The configuration is invalid; carries every problem found, not just the first. */
public final class ConfigException extends GatewayException {

  /** One invalid field: where it is and what is wrong with it. */
  public record Problem(String source, int line, String path, String message) {
    @Override
    public String toString() {
      return source + (line > 0 ? ":" + line : "") + ": " + path + ": " + message;
    }
  }

  private final List<Problem> problems;

  /** The problems are kept in the order of the file's lines (stable), those without one last. */
  public ConfigException(String source, List<Problem> problems) {
    super(Code.CONFIG_INVALID, render(source, inLineOrder(problems)));
    this.problems = inLineOrder(problems);
  }

  private static List<Problem> inLineOrder(List<Problem> problems) {
    return problems.stream()
        .sorted(Comparator.comparingInt(p -> p.line() > 0 ? p.line() : Integer.MAX_VALUE))
        .toList();
  }

  public List<Problem> problems() {
    return problems;
  }

  private static String render(String source, List<Problem> problems) {
    return "invalid configuration "
        + source
        + " ("
        + problems.size()
        + (problems.size() == 1 ? " problem" : " problems")
        + "):\n"
        + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
  }
}
