package org.energytrace.analytics.domain;

import java.util.Objects;

/**
 * What an EnPI covers (ISO 50006 EnPI boundary): the whole facility, a production line or a
 * process; {@code ref} names it (a site id, a line id, a process name).
 */
public record EnpiScope(Level level, String ref) {

  public enum Level {
    FACILITY,
    LINE,
    PROCESS
  }

  public EnpiScope {
    Objects.requireNonNull(level, "level");
    Names.require(ref, "scope reference");
  }
}
