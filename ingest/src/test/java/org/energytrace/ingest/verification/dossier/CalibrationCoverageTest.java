package org.energytrace.ingest.verification.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.energytrace.ingest.verification.dossier.CalibrationCoverage.Gap;
import org.energytrace.ingest.verification.dossier.CalibrationCoverage.Reason;
import org.energytrace.ingest.verification.dossier.CalibrationCoverage.Record;
import org.junit.jupiter.api.Test;

class CalibrationCoverageTest {
  static final LocalDate FROM = LocalDate.parse("2026-01-01");
  static final LocalDate TO = LocalDate.parse("2026-01-31");

  static Record rec(long id, String on, String until, String result) {
    return new Record(
        id,
        LocalDate.parse(on),
        until == null ? null : LocalDate.parse(until),
        "C" + id,
        "lab",
        result,
        null,
        "admin",
        "2026-01-01T00:00:00Z");
  }

  @Test
  void aMeterWithoutRecordsIsNotCoveredAtAll() {
    assertThat(CalibrationCoverage.gaps(List.of(), FROM, TO))
        .containsExactly(new Gap(FROM, TO, Reason.NONE_ON_RECORD, null));
  }

  @Test
  void aCalibrationValidThroughThePeriodLeavesNoGap() {
    assertThat(
            CalibrationCoverage.gaps(
                List.of(rec(1, "2025-06-01", "2027-05-31", "passed")), FROM, TO))
        .isEmpty();
    // no expiry stated: valid from its day on
    assertThat(CalibrationCoverage.gaps(List.of(rec(1, "2025-06-01", null, "adjusted")), FROM, TO))
        .isEmpty();
  }

  @Test
  void theDaysAfterACalibrationExpiredAreAGapNamingTheExpiry() {
    Record r = rec(1, "2024-01-10", "2026-01-20", "passed");
    // a later, shorter record corrected elsewhere does not hide which one expired last
    Record older = rec(2, "2025-12-01", "2025-12-15", "passed");
    assertThat(CalibrationCoverage.gaps(List.of(r, older), FROM, TO))
        .containsExactly(new Gap(LocalDate.parse("2026-01-21"), TO, Reason.EXPIRED, r));
  }

  @Test
  void aFailedCalibrationEndsTheCoverageUntilTheNextPassedOne() {
    Record ok = rec(1, "2025-01-01", "2027-01-01", "passed");
    Record failed = rec(2, "2026-01-10", null, "failed");
    Record again = rec(3, "2026-01-15", "2028-01-15", "adjusted");
    assertThat(CalibrationCoverage.gaps(List.of(ok, failed, again), FROM, TO))
        .containsExactly(
            new Gap(
                LocalDate.parse("2026-01-10"),
                LocalDate.parse("2026-01-14"),
                Reason.FAILED,
                failed));
  }

  @Test
  void daysBeforeTheFirstCalibrationAreNotYetCalibrated() {
    assertThat(
            CalibrationCoverage.gaps(
                List.of(rec(1, "2026-01-05", "2027-01-05", "passed")), FROM, TO))
        .containsExactly(
            new Gap(FROM, LocalDate.parse("2026-01-04"), Reason.NOT_YET_CALIBRATED, null));
  }
}
