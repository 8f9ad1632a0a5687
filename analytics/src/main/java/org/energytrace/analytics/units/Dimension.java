package org.energytrace.analytics.units;

/** What a unit measures; only units of one dimension convert into each other. */
public enum Dimension {
  /** Final energy; base MJ. */
  ENERGY("MJ"),
  /** Mass; base kg. */
  MASS("kg"),
  /** Volume at the metered conditions (water, liquids); base m³. */
  VOLUME("m3"),
  /** Gas volume at normal conditions (Nm³; the MOIT table's 1000 m³ are read as Nm³); base Nm³. */
  NORMAL_VOLUME("Nm3"),
  /** Pieces; base pcs. */
  COUNT("pcs");

  private final String base;

  Dimension(String base) {
    this.base = base;
  }

  /** The unit every unit of this dimension is expressed in by {@link PhysicalUnit#toBase()}. */
  public String base() {
    return base;
  }
}
