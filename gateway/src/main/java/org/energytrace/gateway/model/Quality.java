package org.energytrace.gateway.model;

import java.util.Locale;

/** How far a reading can be trusted (the wire contract's quality). */
public enum Quality {
  GOOD,
  UNCERTAIN,
  BAD;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
