package org.energytrace.analytics.report;

/**
 * The deterministic JSON writer of the reports; kept for callers of this package, it is {@link
 * org.energytrace.analytics.json.Json#write}.
 */
public final class Json {

  private Json() {}

  public static String write(Object tree) {
    return org.energytrace.analytics.json.Json.write(tree);
  }
}
