package org.energytrace.analytics.units;

import java.util.Objects;
import org.energytrace.analytics.MethodVersion;

/**
 * Tonnes of CO2 with the emission factor used and, for fuels, the MJ-final conversion that put the
 * quantity on the factor's energy basis (null for electricity).
 */
public record Emission(
    double tonnesCo2, EmissionFactor factor, Conversion energyBasis, String methodVersion) {

  public Emission {
    Objects.requireNonNull(factor, "factor");
    Objects.requireNonNull(methodVersion, "methodVersion");
  }

  Emission(double tonnesCo2, EmissionFactor factor, Conversion energyBasis) {
    this(tonnesCo2, factor, energyBasis, MethodVersion.CURRENT);
  }
}
