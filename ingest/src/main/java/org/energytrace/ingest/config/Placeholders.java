package org.energytrace.ingest.config;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code ${ENV:NAME:default}} and {@code ${ENV:NAME}} in configuration strings: NAME is
 * looked up in the environment; when it is unset the default is used, and a placeholder without a
 * default is an error (it names the variable). A set but empty variable counts as set. No escaping,
 * no nesting; a default ends at the first {@code }}.
 *
 * <p>A copy of the gateway's {@code config.Placeholders} (same rules, same message): gateway and
 * ingest share no jar, and one small class is cheaper than a module for it.
 */
final class Placeholders {
  static final Pattern PLACEHOLDER =
      Pattern.compile("\\$\\{ENV:([A-Za-z_][A-Za-z0-9_]*)(?::([^}]*))?}");

  private final Function<String, String> environment;

  Placeholders(Function<String, String> environment) {
    this.environment = environment;
  }

  /** The text with every placeholder replaced, and the unset variables that have no default. */
  record Resolved(String text, List<String> missing) {}

  Resolved resolve(String text) {
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

  static String missingMessage(String name) {
    return "environment variable " + name + " is not set and has no default";
  }
}
