package org.energytrace.ingest.programme;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.energytrace.analytics.report.ReportPeriod;
import org.energytrace.analytics.report.ResourceSaving;
import org.energytrace.analytics.resource.ResourceKind;
import org.junit.jupiter.api.Test;

/**
 * The pilot-site table of a province report: per resource the verified saving, else the latest
 * indicative one. A reviewer typed a 50 % saving over a part of a signed period; being recorded
 * later, it took the signed-off 13.2 % saving's place in the table.
 */
class PilotSavingsTest {
  static final ReportPeriod H2 = ReportPeriod.parse("2026-H2");
  static final LocalDate AS_OF = LocalDate.of(2026, 12, 6);

  static ResourceSaving saving(
      String resource, ResourceSaving.Status status, String verifiedOn, String from, double f) {
    return new ResourceSaving(
        resource,
        ResourceKind.ENERGY,
        "electricity",
        "kWh",
        status,
        verifiedOn == null ? null : LocalDate.parse(verifiedOn),
        LocalDate.parse(from),
        LocalDate.of(2026, 12, 5),
        f,
        f - 0.02,
        f + 0.02,
        0.9,
        1000,
        100,
        null,
        null,
        "");
  }

  @Test
  void aVerifiedSavingIsShownRatherThanOneTypedBesideIt() {
    ResourceSaving signed =
        saving("electricity", ResourceSaving.Status.VERIFIED, "2026-12-06", "2026-11-06", 0.132);
    ResourceSaving typed =
        saving("electricity", ResourceSaving.Status.INDICATIVE, null, "2026-11-07", 0.5);
    assertThat(ProgrammeReportRoutes.pilotSavings(List.of(signed, typed), H2, AS_OF))
        .containsEntry("electricity", signed);
    assertThat(ProgrammeReportRoutes.pilotSavings(List.of(typed, signed), H2, AS_OF))
        .containsEntry("electricity", signed);
  }

  @Test
  void withoutAVerifiedOneTheLatestIndicativeIsShownAndAVerificationAfterTheDateDoesNotCount() {
    ResourceSaving early =
        saving("electricity", ResourceSaving.Status.INDICATIVE, null, "2026-07-01", 0.1);
    ResourceSaving later =
        saving("electricity", ResourceSaving.Status.VERIFIED, "2026-12-20", "2026-11-06", 0.12);
    // verified only after the as-of date: an indicative saving like the other, the later recorded
    assertThat(ProgrammeReportRoutes.pilotSavings(List.of(early, later), H2, AS_OF))
        .containsEntry("electricity", later);
    assertThat(ProgrammeReportRoutes.pilotSavings(List.of(later, early), H2, AS_OF))
        .containsEntry("electricity", early);
  }
}
