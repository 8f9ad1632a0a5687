package org.energytrace.gateway.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code ${ENV:NAME:default}} and {@code ${ENV:NAME}} in configuration strings: NAME is
 * looked up in the environment; when it is unset the default is used, and a placeholder without a
 * default is an error (it names the variable). A set but empty variable counts as set. Nothing else
 * in the text changes; there is no escaping and no nesting, and a default ends at the first {@code
 * }}.
 *
 * <p>One small class on purpose: the ingest service resolves its configuration the same way.
 */
public final class Placeholders {

  /** {@code ${ENV:NAME}} or {@code ${ENV:NAME:default}}; NAME as a POSIX environment name. */
  public static final Pattern PLACEHOLDER =
      Pattern.compile("\\$\\{ENV:([A-Za-z_][A-Za-z0-9_]*)(?::([^}]*))?}");

  private final UnaryOperator<String> environment;

  /**
   * @param environment looks up an environment variable; returns null when it is unset
   */
  public Placeholders(UnaryOperator<String> environment) {
    this.environment = Objects.requireNonNull(environment, "environment");
  }

  public static Placeholders fromSystemEnvironment() {
    return new Placeholders(System::getenv);
  }

  /**
   * The text with every placeholder replaced; {@code missing} names the variables that are unset
   * and have no default (each is replaced by nothing).
   */
  public record Resolved(String text, List<String> missing) {
    public Resolved {
      Objects.requireNonNull(text, "text");
      missing = List.copyOf(missing);
    }

    public boolean isComplete() {
      return missing.isEmpty();
    }
  }

  public Resolved resolve(String text) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    List<String> missing = new ArrayList<>();
    while (m.find()) {
      String value = environment.apply(m.group(1));
      if (value == null) {
        value = m.group(2);
      }
      if (value == null) {
        missing.add(m.group(1));
        value = "";
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return new Resolved(out.toString(), missing);
  }

  /** Whether the text holds a placeholder at all. */
  public static boolean contains(String text) {
    return PLACEHOLDER.matcher(text).find();
  }

  /** The problem to report for an unset variable without a default. */
  public static String missingMessage(String name) {
    return "environment variable " + name + " is not set and has no default";
  }
}
