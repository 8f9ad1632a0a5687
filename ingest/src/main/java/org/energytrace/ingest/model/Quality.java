package org.energytrace.ingest.model;

import java.util.Locale;

/** Quality of a point, stored as smallint code (good 0, uncertain 1, bad 2). */
public enum Quality {
  GOOD,
  UNCERTAIN,
  BAD;

  public short code() {
    return (short) ordinal();
  }

  public static Quality fromWire(String s) {
    return s == null ? GOOD : valueOf(s.toUpperCase(Locale.ROOT));
  }

  public static Quality fromCode(int code) {
    return values()[code];
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
