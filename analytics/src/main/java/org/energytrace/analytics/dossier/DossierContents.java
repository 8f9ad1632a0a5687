package org.energytrace.analytics.dossier;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.AnalyticsException.Code;
import org.energytrace.analytics.baseline.ModelSelector;
import org.energytrace.analytics.integrity.AuditEntry;
import org.energytrace.analytics.integrity.QuantityRow;
import org.energytrace.analytics.integrity.ReadingRow;
import org.energytrace.analytics.integrity.Seal;
import org.energytrace.analytics.savings.NonRoutineAdjustment;

/**
 * Everything a verification dossier holds, as the ingest side gathers it from its store: the EnPI
 * and baseline version, the reporting period [{@code from}, {@code to}] in the site's {@code
 * timeZone}, the model the baseline was approved with, the two period CSVs in the {@code analytics
 * mv} format, the rows and seal links of every channel and production series of the EnPI over the
 * period, the adjustments, the audit entries that touched the EnPI, and the report files (rendered
 * by ingest from {@link DossierFigures}), and the meters' calibration records as {@code
 * calibrations.csv} ({@link DossierLayout#CALIBRATIONS_HEADER}; null: the dossier holds no such
 * file). {@code generatedAt} is passed in: the core reads no clock.
 */
public record DossierContents(
    String enterprise,
    String enpi,
    int baselineVersion,
    LocalDate from,
    LocalDate to,
    ZoneId timeZone,
    ModelSelector.Request model,
    Instant generatedAt,
    String serverKeyId,
    String baselineCsv,
    String reportingCsv,
    List<Series<ReadingRow>> readings,
    List<Series<QuantityRow>> production,
    List<Seal> seals,
    List<NonRoutineAdjustment> adjustments,
    List<AuditEntry> audit,
    byte[] reportPdf,
    byte[] reportXlsx,
    String calibrationsCsv) {

  /** The rows of one channel or production series. */
  public record Series<T>(String id, List<T> rows) {
    public Series {
      Objects.requireNonNull(id, "id");
      rows = List.copyOf(rows);
    }
  }

  public DossierContents {
    for (Object o :
        new Object[] {
          enterprise,
          enpi,
          from,
          to,
          timeZone,
          model,
          generatedAt,
          serverKeyId,
          baselineCsv,
          reportingCsv,
          reportPdf,
          reportXlsx
        }) {
      Objects.requireNonNull(o, "every dossier field is required");
    }
    if (to.isBefore(from)) {
      throw new AnalyticsException(Code.INVALID_INPUT, "dossier period ends before it starts");
    }
    readings = List.copyOf(readings);
    production = List.copyOf(production);
    seals = List.copyOf(seals);
    adjustments = List.copyOf(adjustments);
    audit = List.copyOf(audit);
    reportPdf = reportPdf.clone();
    reportXlsx = reportXlsx.clone();
  }
}
