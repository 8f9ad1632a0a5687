package org.energytrace.ingest.verification.dossier;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.energytrace.ingest.verification.dossier.DossierReport.Facts;
import org.energytrace.ingest.verification.dossier.DossierReport.Line;

/**
 * The report's calibration section: per meter its calibration records (date, result, lab,
 * certificate, validity) and the days of the baseline and reporting periods no valid calibration
 * covers ({@link CalibrationCoverage#gaps}).
 */
final class CalibrationSection {
  private final ReportLabels labels;

  CalibrationSection(ReportLabels labels) {
    this.labels = labels;
  }

  /** Two lines per meter: its records, and the check of their coverage. */
  List<Line> lines(Facts f) {
    List<Line> out = new ArrayList<>();
    f.calibrations()
        .forEach(
            (meter, records) -> {
              List<String> texts = new ArrayList<>();
              for (CalibrationCoverage.Record r : records) {
                texts.add(
                    r.calibratedOn()
                        + " "
                        + calResult(r.result())
                        + ", "
                        + r.lab()
                        + ", "
                        + label("certificate")
                        + " "
                        + r.certificate()
                        + ", "
                        + (r.validUntil() == null
                            ? label("no_valid_until")
                            : label("valid_until") + " " + r.validUntil()));
              }
              out.add(
                  new Line(
                      label("calibration") + " " + meter,
                      texts.isEmpty() ? label("no_calibration") : String.join("; ", texts),
                      null));
              List<String> flags = new ArrayList<>();
              flags.addAll(
                  gaps(label("baseline_period"), records, f.baselineFrom(), f.baselineTo()));
              flags.addAll(gaps(label("reporting_period"), records, f.from(), f.to()));
              out.add(
                  new Line(
                      label("calibration_check") + " " + meter,
                      flags.isEmpty()
                          ? label("covered")
                          : label("warning") + ": " + String.join("; ", flags),
                      null));
            });
    return out;
  }

  private String label(String key) {
    return labels.label(key);
  }

  private String calResult(String result) {
    return labels.has("cal_" + result) ? label("cal_" + result) : result;
  }

  /** The flags of a period's days no valid calibration covers. */
  private List<String> gaps(
      String period, List<CalibrationCoverage.Record> records, LocalDate from, LocalDate to) {
    List<String> out = new ArrayList<>();
    for (CalibrationCoverage.Gap g : CalibrationCoverage.gaps(records, from, to)) {
      String why =
          switch (g.reason()) {
            case NONE_ON_RECORD -> label("gap_none");
            case NOT_YET_CALIBRATED -> label("gap_not_yet");
            case EXPIRED -> label("gap_expired") + " " + g.record().validUntil();
            case FAILED ->
                label("gap_failed")
                    + " "
                    + g.record().calibratedOn()
                    + " ("
                    + label("certificate")
                    + " "
                    + g.record().certificate()
                    + ")";
          };
      out.add(period + ": " + why + " — " + label("gap_days") + " " + g.from() + " .. " + g.to());
    }
    return out;
  }
}
