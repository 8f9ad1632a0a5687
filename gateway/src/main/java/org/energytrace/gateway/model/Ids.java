package org.energytrace.gateway.model;

import java.util.regex.Pattern;

/** The identifier grammars of the wire contract (docs/asyncapi.yaml, docs/schemas). */
public final class Ids {

  public static final Pattern ID = Pattern.compile("^[a-z0-9][a-z0-9_-]{0,62}$");
  public static final Pattern CHANNEL = Pattern.compile("^[A-Za-z][A-Za-z0-9_]{0,63}$");
  public static final Pattern UNIT = Pattern.compile("^[A-Z0-9]{2,3}$");

  private Ids() {}

  public static void requireId(String what, String value) {
    require(what, value, ID);
  }

  public static void require(String what, String value, Pattern pattern) {
    if (value == null || !pattern.matcher(value).matches()) {
      throw new IllegalArgumentException(what + " must match " + pattern + ", was " + value);
    }
  }
}
