package org.energytrace.analytics.report;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.AnalyticsException.Code;
import org.energytrace.analytics.units.DataCsv;

/**
 * A programme indicator's target ({@code programme-indicator-targets.csv}, Decision 1419/QĐ-TTg):
 * aware 90 %, applying 50 %, saving 8 % and 13 % per unit of product, CP officers trained 100 %
 * (2016–2020).
 *
 * @param carriedForward true when no row is valid on the date asked and the latest earlier row is
 *     used (every report says so)
 * @param stored true when the province stored it ({@link ProgrammeTargets}), false for the bundled
 *     table
 */
public record IndicatorTarget(
    String id,
    String indicator,
    double target,
    String source,
    LocalDate validFrom,
    LocalDate validTo,
    boolean carriedForward,
    boolean stored) {

  public IndicatorTarget {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(indicator, "indicator");
    Objects.requireNonNull(source, "source");
  }

  public static List<IndicatorTarget> bundled() {
    return DataCsv.resource(
        IndicatorTarget.class,
        "programme-indicator-targets.csv",
        r ->
            new IndicatorTarget(
                r.get("id"),
                r.get("indicator"),
                r.number("target"),
                r.get("source"),
                r.date("valid_from"),
                r.date("valid_to"),
                false,
                false));
  }

  /**
   * The target of {@code indicator} on {@code on}: of the stored set in force then ({@link
   * ProgrammeTargets#inForce}), else the bundled row valid on it, else the latest earlier bundled
   * row, carried forward.
   */
  public static IndicatorTarget of(String indicator, LocalDate on, List<ProgrammeTargets> stored) {
    Optional<ProgrammeTargets> set = ProgrammeTargets.inForce(stored, on);
    if (set.isPresent()) {
      ProgrammeTargets s = set.get();
      return new IndicatorTarget(
          "stored_" + indicator + "_" + s.effectiveFrom(),
          indicator,
          s.get(indicator),
          s.source(),
          s.effectiveFrom(),
          ProgrammeTargets.validTo(stored, s),
          false,
          true);
    }
    return of(indicator, on);
  }

  /** The bundled target of {@code indicator} valid on {@code on}, else the latest earlier one. */
  public static IndicatorTarget of(String indicator, LocalDate on) {
    List<IndicatorTarget> rows =
        bundled().stream().filter(t -> t.indicator().equals(indicator)).toList();
    for (IndicatorTarget t : rows) {
      if (DataCsv.validOn(t.validFrom(), t.validTo(), on)) {
        return t;
      }
    }
    return rows.stream()
        .filter(t -> t.validTo() != null && t.validTo().isBefore(on))
        .max(Comparator.comparing(IndicatorTarget::validTo))
        .map(
            t ->
                new IndicatorTarget(
                    t.id(),
                    t.indicator(),
                    t.target(),
                    t.source(),
                    t.validFrom(),
                    t.validTo(),
                    true,
                    false))
        .orElseThrow(
            () ->
                new AnalyticsException(
                    Code.UNKNOWN_NAME, "no target for indicator " + indicator + " on " + on));
  }
}
