package org.energytrace.gateway.config;

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

  public ConfigException(String source, List<Problem> problems) {
    super(Code.CONFIG_INVALID, render(source, problems));
    this.problems = List.copyOf(problems);
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
