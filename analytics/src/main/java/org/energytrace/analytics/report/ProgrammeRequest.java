package org.energytrace.analytics.report;

import java.util.Objects;

/**
 * What to report: the province, the period, the confidence every result must be stated at (e.g.
 * 0.90) and the year of the grid emission factor (null: the period's year; there is no official
 * factor after 2023 in the bundled table, so a report for 2026 names the year it uses).
 */
public record ProgrammeRequest(
    String province, ReportPeriod period, double confidence, Integer gridFactorYear) {

  public ProgrammeRequest {
    Objects.requireNonNull(province, "province");
    Objects.requireNonNull(period, "period");
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence must be in (0, 1): " + confidence);
    }
  }

  public int gridYear() {
    return gridFactorYear != null ? gridFactorYear : period.to().getYear();
  }
}
