package org.energytrace.analytics.baseline;

/** The range of an independent variable over the baseline (for the extrapolation check). */
public record VariableRange(String variable, double min, double max) {

  public VariableRange {
    if (!(min <= max)) {
      throw new IllegalArgumentException("min > max for " + variable);
    }
  }

  public boolean contains(double x) {
    return x >= min && x <= max;
  }
}
