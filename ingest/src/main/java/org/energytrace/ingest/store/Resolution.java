package org.energytrace.ingest.store;

import java.util.Arrays;
import java.util.Optional;

/**
 * The resolutions of the read API: raw rows, buckets of 15 minutes or 1 hour aligned to UTC, each
 * kept in a rollup of that suffix ({@code reading_15m}, {@code energy_1h}, …), or days of the
 * site's local calendar ({@code 1d}), built at query time from the hourly (or 15-minute) rollup.
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

  /** Whether a rollup of this resolution is stored (15m, 1h); 1d is built from them. */
  public boolean stored() {
    return this == M15 || this == H1;
  }

  public static Optional<Resolution> fromWire(String s) {
    return Arrays.stream(values()).filter(r -> r.wire.equals(s)).findFirst();
  }
}
