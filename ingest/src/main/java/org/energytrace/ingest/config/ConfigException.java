package org.energytrace.ingest.config;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** The configuration is invalid; carries every problem found, not just the first. */
public final class ConfigException extends RuntimeException {
  private final List<ConfigProblem> problems;

  /** The problems are kept in the order of the file's lines; those without a line last. */
  public ConfigException(List<ConfigProblem> problems) {
    super(
        "invalid configuration:\n"
            + inLineOrder(problems).stream().map(p -> "  " + p).collect(Collectors.joining("\n")));
    this.problems = inLineOrder(problems);
  }

  private static List<ConfigProblem> inLineOrder(List<ConfigProblem> problems) {
    return problems.stream()
        .sorted(
            Comparator.comparing(ConfigProblem::file)
                .thenComparingInt(p -> p.line() > 0 ? p.line() : Integer.MAX_VALUE))
        .toList();
  }

  public List<ConfigProblem> problems() {
    return problems;
  }
}
