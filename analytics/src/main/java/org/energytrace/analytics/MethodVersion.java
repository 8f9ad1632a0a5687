package org.energytrace.analytics;

/** The version of the calculation method; every result carries it (see docs/mv-method.md). */
public final class MethodVersion {

  /**
   * Bump on any change that can alter a number: formula, divisor, sign, default, data table.
   * Format: {@code energytrace-mv/<major>.<minor>}.
   */
  public static final String CURRENT = "energytrace-mv/1.2";

  private MethodVersion() {}
}
