package org.energytrace.analytics.report;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.AnalyticsException.Code;

/**
 * The programme's inputs as the ingest side exports them from its database (issue 16) and {@code
 * analytics programme} reads them ({@link ProgrammeInputJson}): the province, the date the
 * indicators are computed "as of", an optional reporting period (then only savings whose period
 * lies inside it count), the confidence every saving is stated at, the grid-factor year for CO2
 * (null: the year of each saving's end), the facilities and the province's stored targets in the
 * order they were recorded (empty: the bundled table; {@link ProgrammeTargets}).
 */
public record ProgrammeInput(
    String province,
    LocalDate asOf,
    ReportPeriod period,
    double confidence,
    Integer gridFactorYear,
    List<Facility> facilities,
    List<ProgrammeTargets> targets) {

  /** The {@code format} of the JSON (docs/programme-reporting.md, "Input"). */
  public static final String FORMAT = "energytrace-programme/2";

  public ProgrammeInput {
    Objects.requireNonNull(province, "province");
    Objects.requireNonNull(asOf, "asOf");
    if (!(confidence > 0 && confidence < 1)) {
      throw new AnalyticsException(Code.INVALID_INPUT, "confidence must be in (0, 1)");
    }
    facilities = List.copyOf(facilities);
    targets = List.copyOf(targets);
    Set<String> ids = new HashSet<>();
    for (Facility f : facilities) {
      if (!ids.add(f.id())) {
        throw new AnalyticsException(Code.INVALID_INPUT, "facility " + f.id() + " appears twice");
      }
      for (ResourceSaving s : f.savings()) {
        if (s.confidence() != confidence) {
          throw new AnalyticsException(
              Code.INVALID_INPUT,
              "facility "
                  + f.id()
                  + ": the saving of "
                  + s.resource()
                  + " is at confidence "
                  + s.confidence()
                  + ", the input at "
                  + confidence
                  + "; restate it at the input's confidence");
        }
      }
    }
  }

  /** Without stored targets: the bundled table applies. */
  public ProgrammeInput(
      String province,
      LocalDate asOf,
      ReportPeriod period,
      double confidence,
      Integer gridFactorYear,
      List<Facility> facilities) {
    this(province, asOf, period, confidence, gridFactorYear, facilities, List.of());
  }

  public ProgrammeInput withAsOf(LocalDate date) {
    return new ProgrammeInput(
        province, date, period, confidence, gridFactorYear, facilities, targets);
  }

  public ProgrammeInput withPeriod(ReportPeriod p) {
    return new ProgrammeInput(province, asOf, p, confidence, gridFactorYear, facilities, targets);
  }

  public ProgrammeInput withTargets(List<ProgrammeTargets> stored) {
    return new ProgrammeInput(
        province, asOf, period, confidence, gridFactorYear, facilities, stored);
  }
}
