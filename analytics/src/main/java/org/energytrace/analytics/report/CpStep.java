package org.energytrace.analytics.report;

import java.time.LocalDate;
import java.util.Objects;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.AnalyticsException.Code;

/**
 * One dated step of a facility's CP lifecycle.
 *
 * @param detail AWARE: how (workshop, visit, material); otherwise free text (may be empty)
 * @param potential POTENTIAL_ASSESSED only: whether the facility has CP potential
 * @param recordedBy who recorded it (the ingest side's account; may be empty)
 */
public record CpStep(
    CpStage stage, LocalDate date, String detail, Boolean potential, String recordedBy) {

  public CpStep {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(date, "date");
    detail = detail == null ? "" : detail;
    recordedBy = recordedBy == null ? "" : recordedBy;
    if ((stage == CpStage.POTENTIAL_ASSESSED) != (potential != null)) {
      throw new AnalyticsException(
          Code.INVALID_INPUT,
          stage == CpStage.POTENTIAL_ASSESSED
              ? "a potential_assessed step says potential true or false"
              : "only a potential_assessed step has 'potential'");
    }
  }
}
