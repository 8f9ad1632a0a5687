package org.energytrace.analytics.domain;

/** Whether a meter measures a whole site's supply of a carrier or a part of it. */
public enum MeterRole {
  /** The utility or main meter of a carrier at a site (IPMVP Option C boundary). */
  MAIN,
  /** A sub-meter: a line, a process or a load outside the boundary (IPMVP Option B). */
  SUB
}
