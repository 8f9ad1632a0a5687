package org.energytrace.analytics.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.AnalyticsException.Code;
import org.energytrace.analytics.savings.SavingsResult;

/**
 * One enterprise's M&amp;V result for a reporting period [{@code from}, {@code to}]: SEC before and
 * after in {@code secUnit} (e.g. MJ/t), the savings fraction per unit of product with its band at
 * {@code confidence}, whether the baseline model passed its validity checks, and the energy saved
 * per carrier (for TOE, MWh and CO2 totals).
 */
public record VerifiedSaving(
    LocalDate from,
    LocalDate to,
    String secUnit,
    double baselineSec,
    double reportingSec,
    double fraction,
    double fractionLow,
    double fractionHigh,
    double confidence,
    boolean modelValid,
    List<CarrierAmount> energySaved,
    String methodVersion) {

  public VerifiedSaving {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(secUnit, "secUnit");
    energySaved = List.copyOf(energySaved);
    Objects.requireNonNull(methodVersion, "methodVersion");
    if (to.isBefore(from)) {
      throw new AnalyticsException(Code.INVALID_INPUT, "saving period ends before it starts");
    }
    for (double v : new double[] {baselineSec, reportingSec, fraction, fractionLow, fractionHigh}) {
      if (!Double.isFinite(v)) {
        throw new AnalyticsException(Code.INVALID_INPUT, "SEC and fractions must be finite");
      }
    }
    if (!(fractionLow <= fraction && fraction <= fractionHigh)) {
      throw new AnalyticsException(
          Code.INVALID_INPUT,
          "the fraction "
              + fraction
              + " must lie in its band ["
              + fractionLow
              + ", "
              + fractionHigh
              + "]");
    }
    if (!(confidence > 0 && confidence < 1)) {
      throw new AnalyticsException(
          Code.INVALID_INPUT, "confidence must be in (0, 1), got " + confidence);
    }
  }

  /** From a savings result: fraction, band, confidence and validity are taken from it. */
  public static VerifiedSaving of(
      SavingsResult result,
      LocalDate from,
      LocalDate to,
      String secUnit,
      double baselineSec,
      double reportingSec,
      List<CarrierAmount> energySaved) {
    return new VerifiedSaving(
        from,
        to,
        secUnit,
        baselineSec,
        reportingSec,
        result.savingsFraction(),
        result.fractionLow(),
        result.fractionHigh(),
        result.uncertainty().confidence(),
        result.validity().valid(),
        energySaved,
        result.methodVersion());
  }
}
