package org.energytrace.analytics.dossier;

import java.util.List;

/** The file names of a dossier ZIP and the CSV headers (docs/verification.md, "Dossier"). */
public final class DossierLayout {

  public static final String FORMAT = "energytrace-dossier/1";
  public static final String MANIFEST = "manifest.json";
  public static final String SIGNATURE = "manifest.sig";
  public static final String REPORT_PDF = "report.pdf";
  public static final String REPORT_XLSX = "report.xlsx";
  public static final String BASELINE = "baseline.csv";
  public static final String REPORTING = "reporting.csv";
  public static final String READINGS = "readings.csv";
  public static final String PRODUCTION = "production.csv";
  public static final String SEALS = "seals.csv";
  public static final String ADJUSTMENTS = "adjustments.json";
  public static final String AUDIT = "audit.csv";
  public static final String FIGURES = "figures.json";

  /**
   * The calibration records of the EnPI's meters relevant to the baseline and reporting periods
   * (since the format's first dossiers; a dossier made before has none, so the checker hash-checks
   * it when the manifest lists it and does not require it).
   */
  public static final String CALIBRATIONS = "calibrations.csv";

  /** Every file the manifest lists, in ZIP order (after manifest.json and manifest.sig). */
  public static final List<String> FILES =
      List.of(
          REPORT_PDF,
          REPORT_XLSX,
          BASELINE,
          REPORTING,
          READINGS,
          PRODUCTION,
          SEALS,
          ADJUSTMENTS,
          AUDIT,
          FIGURES);

  /** Files a dossier may hold besides {@link #FILES}: checked when the manifest lists them. */
  public static final List<String> OPTIONAL_FILES = List.of(CALIBRATIONS);

  /** CSV files whose every line's SHA-256 the manifest lists (readings.csv is located by seals). */
  public static final List<String> ROW_HASHED =
      List.of(BASELINE, REPORTING, PRODUCTION, SEALS, AUDIT, CALIBRATIONS);

  public static final List<String> READINGS_HEADER =
      List.of("series", "ts_epoch_micros", "value", "quality", "unit");
  public static final List<String> PRODUCTION_HEADER = List.of("series", "day", "value", "unit");
  public static final List<String> SEALS_HEADER =
      List.of("series", "day", "revision", "prev_seal", "digest", "seal", "rows", "reason");
  public static final List<String> AUDIT_HEADER = List.of("seq", "prev_hash", "hash", "entry");
  public static final List<String> CALIBRATIONS_HEADER =
      List.of(
          "meter",
          "calibration_id",
          "calibrated_on",
          "valid_until",
          "certificate",
          "lab",
          "result",
          "certificate_sha256",
          "recorded_by",
          "recorded_at");

  private DossierLayout() {}
}
