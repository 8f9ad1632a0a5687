package org.energytrace.gateway.model;

/** How far a reading can be trusted (the wire contract's quality). */
public enum Quality {
  GOOD,
  UNCERTAIN,
  BAD;

  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
