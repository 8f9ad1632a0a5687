package org.energytrace.analytics.savings;

import java.util.Objects;

/**
 * One meter's or enterprise's saving in a portfolio: avoided energy U, its half-width ΔU at {@code
 * confidence}, the adjusted baseline, all in {@code energyUnit}. Members of one portfolio must
 * share the unit and the confidence: convert first ({@link #scaled}).
 */
public record PortfolioMember(
    String id,
    double savings,
    double halfWidth,
    double adjustedBaseline,
    double confidence,
    String energyUnit) {

  public PortfolioMember {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(energyUnit, "energyUnit");
    if (!Double.isFinite(savings) || !Double.isFinite(adjustedBaseline)) {
      throw new IllegalArgumentException("savings and adjusted baseline must be finite: " + id);
    }
    if (!(halfWidth >= 0) || !Double.isFinite(halfWidth)) {
      throw new IllegalArgumentException("half-width must be finite and >= 0: " + id);
    }
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence must be in (0, 1): " + id);
    }
  }

  /** A member from a savings result whose energy is in {@code energyUnit}. */
  public static PortfolioMember of(String id, SavingsResult result, String energyUnit) {
    return new PortfolioMember(
        id,
        result.savings(),
        result.uncertainty().halfWidth(),
        result.adjustedBaseline(),
        result.uncertainty().confidence(),
        energyUnit);
  }

  /** The same member restated in another unit, {@code factor} new units per old unit. */
  public PortfolioMember scaled(double factor, String unit) {
    return new PortfolioMember(
        id, savings * factor, halfWidth * factor, adjustedBaseline * factor, confidence, unit);
  }

  /** ΔU / |U|; NaN when the saving is 0. */
  public double fsu() {
    return savings == 0 ? Double.NaN : halfWidth / Math.abs(savings);
  }
}
