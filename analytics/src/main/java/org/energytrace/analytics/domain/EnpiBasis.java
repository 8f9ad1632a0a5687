package org.energytrace.analytics.domain;

import org.energytrace.analytics.units.Accounting;

/**
 * The energy accounting of an EnPI (ISO 50047: say which): final energy in kWh or MJ (Circular
 * 20/2016/TT-BCT factors), or primary-equivalent TOE (the MOIT table).
 */
public enum EnpiBasis {
  /** Final energy in kWh: the MJ-final factor divided by 3.6 MJ/kWh (a definition, not a law). */
  KWH_FINAL("kWh", Accounting.MJ_FINAL, 1 / 3.6),
  /** Final energy in MJ (sector norms). */
  MJ_FINAL("MJ", Accounting.MJ_FINAL, 1.0),
  /** Tonnes of oil equivalent (key-energy-user thresholds). */
  TOE_PRIMARY("TOE", Accounting.TOE_PRIMARY, 1.0);

  private final String unit;
  private final Accounting accounting;
  private final double scale;

  EnpiBasis(String unit, Accounting accounting, double scale) {
    this.unit = unit;
    this.accounting = accounting;
    this.scale = scale;
  }

  /** The energy unit of the EnPI's numerator. */
  public String unit() {
    return unit;
  }

  /** The table accounting the factors come from. */
  public Accounting accounting() {
    return accounting;
  }

  /** Multiplies a table factor (MJ or TOE per metered unit) into this basis's unit. */
  public double scale() {
    return scale;
  }
}
