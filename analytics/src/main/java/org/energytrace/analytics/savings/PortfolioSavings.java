package org.energytrace.analytics.savings;

import java.util.List;
import java.util.Objects;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.AnalyticsException.Code;
import org.energytrace.analytics.MethodVersion;

/**
 * Savings of several meters or enterprises combined (ASHRAE Guideline 14 Annex B, portfolio): FSU =
 * sqrt(Σ ΔUᵢ²) / Σ Uᵢ, which assumes the members' errors are independent.
 *
 * @param fsu sqrt(Σ ΔUᵢ²) / |Σ Uᵢ|; NaN when Σ Uᵢ = 0
 * @param maxMemberFsu the largest member FSU (NaN members skipped)
 */
public record PortfolioSavings(
    List<PortfolioMember> members,
    String energyUnit,
    double confidence,
    double savings,
    double adjustedBaseline,
    double savingsFraction,
    double halfWidth,
    double fsu,
    double low,
    double high,
    double maxMemberFsu,
    String methodVersion) {

  public PortfolioSavings {
    members = List.copyOf(members);
    Objects.requireNonNull(energyUnit, "energyUnit");
    Objects.requireNonNull(methodVersion, "methodVersion");
  }

  public static PortfolioSavings of(List<PortfolioMember> members) {
    if (members.isEmpty()) {
      throw new AnalyticsException(Code.INSUFFICIENT_DATA, "a portfolio needs at least one member");
    }
    PortfolioMember first = members.get(0);
    double u = 0;
    double adjusted = 0;
    double squares = 0;
    double maxFsu = Double.NaN;
    for (PortfolioMember m : members) {
      if (!m.energyUnit().equals(first.energyUnit())) {
        throw new AnalyticsException(
            Code.INVALID_INPUT,
            "member "
                + m.id()
                + " is in "
                + m.energyUnit()
                + ", "
                + first.id()
                + " in "
                + first.energyUnit()
                + ": convert first");
      }
      if (m.confidence() != first.confidence()) {
        throw new AnalyticsException(
            Code.INVALID_INPUT,
            "member "
                + m.id()
                + " is at confidence "
                + m.confidence()
                + ", "
                + first.id()
                + " at "
                + first.confidence());
      }
      u += m.savings();
      adjusted += m.adjustedBaseline();
      squares += m.halfWidth() * m.halfWidth();
      if (!Double.isNaN(m.fsu()) && !(m.fsu() <= maxFsu)) {
        maxFsu = m.fsu();
      }
    }
    double half = Math.sqrt(squares);
    return new PortfolioSavings(
        members,
        first.energyUnit(),
        first.confidence(),
        u,
        adjusted,
        adjusted == 0 ? Double.NaN : u / adjusted,
        half,
        u == 0 ? Double.NaN : half / Math.abs(u),
        u - half,
        u + half,
        maxFsu,
        MethodVersion.CURRENT);
  }
}
