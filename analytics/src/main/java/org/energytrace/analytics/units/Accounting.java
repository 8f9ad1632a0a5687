package org.energytrace.analytics.units;

/** Which energy accounting a conversion uses; reports must say which (ISO 50047). */
public enum Accounting {
  /** Tonnes of oil equivalent, primary-equivalent (MOIT table; key-energy-user thresholds). */
  TOE_PRIMARY,
  /** Final (delivered) energy in MJ (Circular 20/2016/TT-BCT; sector SEC norms). */
  MJ_FINAL
}
