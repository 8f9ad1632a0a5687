package org.energytrace.ingest.store;

import java.util.Arrays;
import java.util.Optional;

/**
 * The resolutions of the read API: raw rows, or buckets of 15 minutes, 1 hour or 1 day aligned to
 * UTC, each kept in a rollup of that suffix ({@code reading_15m}, {@code energy_1d}, …).
 */
public enum Resolution {
  RAW("raw", null),
  M15("15m", "15 minutes"),
  H1("1h", "1 hour"),
  D1("1d", "1 day");

  private final String wire;
  private final String width;

  Resolution(String wire, String width) {
    this.wire = wire;
    this.width = width;
  }

  /**
   * As written in the API and in rollup names: {@code raw}, {@code 15m}, {@code 1h}, {@code 1d}.
   */
  public String wire() {
    return wire;
  }

  /** The bucket width as a PostgreSQL interval literal; null for raw. */
  public String width() {
    return width;
  }

  public static Optional<Resolution> fromWire(String s) {
    return Arrays.stream(values()).filter(r -> r.wire.equals(s)).findFirst();
  }
}
