package org.energytrace.analytics.baseline;

import java.util.Objects;

/**
 * One regressor of a baseline model: a variable used as is, or a change-point hinge on it.
 *
 * @param name the coefficient name reported (e.g. {@code production}, {@code cooling_slope})
 * @param variable the data-set variable it reads
 * @param shape linear, or a hinge above/below the balance point
 * @param balancePoint the change point (ignored for {@link Shape#LINEAR})
 */
public record Term(String name, String variable, Shape shape, double balancePoint) {

  /** How the variable enters the model. */
  public enum Shape {
    /** x */
    LINEAR,
    /** max(0, x − balance point): cooling slope of a change-point model. */
    ABOVE,
    /** max(0, balance point − x): heating slope of a change-point model. */
    BELOW
  }

  public Term {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(variable, "variable");
    Objects.requireNonNull(shape, "shape");
    if (shape != Shape.LINEAR && !Double.isFinite(balancePoint)) {
      throw new IllegalArgumentException("balance point must be finite for " + name);
    }
    if (shape == Shape.LINEAR) {
      balancePoint = Double.NaN;
    }
  }

  public static Term linear(String variable) {
    return new Term(variable, variable, Shape.LINEAR, Double.NaN);
  }

  public double evaluate(double x) {
    return switch (shape) {
      case LINEAR -> x;
      case ABOVE -> Math.max(0.0, x - balancePoint);
      case BELOW -> Math.max(0.0, balancePoint - x);
    };
  }
}
