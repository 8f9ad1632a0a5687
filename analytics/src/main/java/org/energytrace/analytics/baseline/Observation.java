package org.energytrace.analytics.baseline;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.AnalyticsException.Code;

/**
 * One period: its start, the energy used in it and the independent variables (production per
 * product, degree days, temperature) in the order of {@link DataSet#variables()}.
 */
public record Observation(LocalDateTime period, double energy, List<Double> values) {

  public Observation {
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(values, "values");
    if (!Double.isFinite(energy)) {
      throw new AnalyticsException(Code.INVALID_INPUT, "energy is not finite at " + period);
    }
    values = List.copyOf(values);
    for (Double v : values) {
      if (!Double.isFinite(v)) {
        throw new AnalyticsException(Code.INVALID_INPUT, "a variable is not finite at " + period);
      }
    }
  }

  public Observation withEnergy(double newEnergy) {
    return new Observation(period, newEnergy, values);
  }

  public double value(int index) {
    return values.get(index);
  }
}
