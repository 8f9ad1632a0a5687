package org.energytrace.analytics.baseline;

import java.util.Objects;

/** A fitted coefficient with its standard error and two-tailed p-value (df = n − p). */
public record Coefficient(String name, double value, double stdError, double pValue) {

  public Coefficient {
    Objects.requireNonNull(name, "name");
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("coefficient " + name + " is not finite");
    }
  }
}
