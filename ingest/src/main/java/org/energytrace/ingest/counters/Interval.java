package org.energytrace.ingest.counters;

import java.time.Instant;

/**
 * Energy consumed in {@code (start, end]}, derived from two register values.
 *
 * @param how how the difference was obtained
 */
public record Interval(Instant start, Instant end, double energy, How how) {
  public enum How {
    /** plain difference */
    DIFFERENCE,
    /** the register passed its maximum and started again at 0 */
    WRAP,
    /** the register restarted from 0 (power loss), no replacement recorded */
    RESET,
    /** up to or from a recorded replacement or multiplier change */
    EVENT
  }

  public Interval {
    if (!end.isAfter(start) && !end.equals(start)) {
      throw new IllegalArgumentException("end before start: " + start + " " + end);
    }
    if (energy < 0) {
      throw new IllegalArgumentException("negative interval energy " + energy);
    }
  }
}
