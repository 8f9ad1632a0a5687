package org.energytrace.analytics.domain;

import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.AnalyticsException.Code;

/**
 * A meter in an EnPI with its sign: +1 adds it, −1 subtracts it (a sub-meter feeding a load outside
 * the measurement boundary, e.g. main minus canteen).
 */
public record MeterTerm(String meterId, int sign) {

  public MeterTerm {
    Names.require(meterId, "meter id");
    if (sign != 1 && sign != -1) {
      throw new AnalyticsException(
          Code.INVALID_INPUT, "sign of meter " + meterId + " must be +1 or -1");
    }
  }

  public static MeterTerm plus(String meterId) {
    return new MeterTerm(meterId, 1);
  }

  public static MeterTerm minus(String meterId) {
    return new MeterTerm(meterId, -1);
  }
}
