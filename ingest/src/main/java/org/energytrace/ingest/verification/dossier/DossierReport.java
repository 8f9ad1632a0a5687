package org.energytrace.ingest.verification.dossier;

import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.energytrace.analytics.savings.AppliedAdjustment;
import org.energytrace.analytics.savings.NonRoutineAdjustment;
import org.energytrace.ingest.enpi.PeriodRecords;

/**
 * The dossier's {@code report.pdf} and {@code report.xlsx}, in Vietnamese or English, rendered from
 * the figures {@code DossierFigures.compute} gives (the same the offline verifier recomputes) and
 * the facts of the EnPI: boundary, meters, baseline model and statistics, validity rules, savings
 * with FSU at 68/90/95 % and each non-routine adjustment behind them (its decision and what it
 * booked), progress to the 8 % and 13 % targets, data coverage, the integrity result, the meters'
 * calibration records with the days no valid calibration covers, and the sign-off block: the
 * sign-offs on record for the period and the one this dossier is for (its auditors, the opinions,
 * and that it is recorded in EnergyTrace naming the ZIP's SHA-256, which the report cannot hold).
 * The PDF embeds DejaVu Sans (Vietnamese glyphs, Bitstream Vera licence, {@code
 * fonts/DejaVu-LICENSE.txt}).
 */
public final class DossierReport {
  /**
   * At most this many counter anomalies of a meter are stated; past it, the meter's line says so
   * and where the rest are (the API's counter anomalies of the meter).
   */
  static final int ANOMALIES_STATED = 1000;

  /** What the report states besides the figures. */
  public record Facts(
      String enterprise,
      String enpi,
      String enpiName,
      String boundary,
      List<String> meters,
      List<String> products,
      int baselineVersion,
      String baselineStatus,
      LocalDate baselineFrom,
      LocalDate baselineTo,
      LocalDate from,
      LocalDate to,
      String energyUnit,
      String integrity,
      String generatedAt,
      String serverKeyId,
      Map<String, List<MeterEvent>> meterEvents,
      Map<String, List<CounterAnomaly>> counterAnomalies,
      Map<String, List<CalibrationCoverage.Record>> calibrations,
      List<StatedAdjustment> adjustments,
      List<Signoff> signoffs,
      List<String> auditors,
      Map<String, String> series,
      ZoneId zone) {

    /**
     * An instant as the site's local time with its offset ({@code 2026-12-06T22:00:05+07:00}), as
     * the report's other times are the site's: "Z" times beside local ones had to be converted.
     */
    String local(Instant at) {
      return localTime(at, zone);
    }
  }

  /**
   * {@code at} in {@code zone} to the second, with the offset: {@code 2026-12-07T20:47:00+07:00}
   * (OffsetDateTime's own text leaves out zero seconds, and the report said 20:47 of one time
   * beside 06:47:40 of another).
   */
  static String localTime(Instant at, ZoneId zone) {
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
        at.truncatedTo(ChronoUnit.SECONDS).atZone(zone).toOffsetDateTime());
  }

  /**
   * A non-routine adjustment of the period as the report states it (nonroutine_adjustment): what
   * changed ({@code change}, the adjustment's kind: new_line, product_mix …), the auditor's
   * decision (who, the site's local time, the comment; null while proposed) and what the figures'
   * own run made of it: the energy it booked, or null when it was not applied.
   */
  public record StatedAdjustment(
      NonRoutineAdjustment adjustment,
      String change,
      String decidedBy,
      String decidedAt,
      String comment,
      AppliedAdjustment applied) {}

  /**
   * A sign-off on record for the EnPI whose period overlaps the dossier's (period_signoff); {@code
   * toBeReverified}: a figure revised, late data, a counter event recorded or deleted or an
   * adjustment approved since the dossier it names (PgSignoffs.TO_BE_REVERIFIED), each listed.
   */
  public record Signoff(
      long id,
      LocalDate from,
      LocalDate to,
      int baselineVersion,
      String opinion,
      String auditor,
      String signedAt,
      String comments,
      String dossierSha256,
      Long supersededBy,
      boolean toBeReverified,
      List<PeriodRecords.Revision> revisions,
      List<PeriodRecords.LateData> lateData,
      List<PeriodRecords.CounterEventChange> counterEvents,
      List<PeriodRecords.AdjustmentApproved> adjustmentsApproved) {
    public Signoff {
      revisions = List.copyOf(revisions);
      lateData = List.copyOf(lateData);
      counterEvents = List.copyOf(counterEvents);
      adjustmentsApproved = List.copyOf(adjustmentsApproved);
    }

    /** This sign-off with what changed since the dossier it names. */
    Signoff withChanges(
        List<PeriodRecords.Revision> revisions,
        List<PeriodRecords.LateData> lateData,
        List<PeriodRecords.CounterEventChange> counterEvents,
        List<PeriodRecords.AdjustmentApproved> adjustmentsApproved) {
      return new Signoff(
          id,
          from,
          to,
          baselineVersion,
          opinion,
          auditor,
          signedAt,
          comments,
          dossierSha256,
          supersededBy,
          toBeReverified,
          revisions,
          lateData,
          counterEvents,
          adjustmentsApproved);
    }
  }

  /**
   * A reset or wrap the derivation booked on its own judgement, or an implausible interval, of a
   * meter's energy channel (store.PgCounterAnomalies): when it ended (the site's local time, to the
   * second), how, what it booked over how many seconds, and its rate against the channel's usual
   * highest (null: too few intervals to judge).
   */
  public record CounterAnomaly(
      String channel,
      String at,
      String how,
      double energy,
      String unit,
      long seconds,
      Double timesUsual,
      Boolean implausible) {}

  /**
   * A counter event of a meter of the EnPI within the period (counter_event): a meter replacement
   * or a multiplier change, with the counter's closing and opening values.
   */
  public record MeterEvent(
      String channel,
      String at,
      String kind,
      double closing,
      double opening,
      double multiplier,
      String note) {}

  private final String lang;
  private final ReportLabels labels;
  private final MeterSection meters;
  private final CalibrationSection calibrations;
  private final AdjustmentSection adjustments;
  private final SignoffSection signoffs;

  private DossierReport(String lang) {
    this.lang = lang;
    this.labels = new ReportLabels(lang);
    this.meters = new MeterSection(labels);
    this.calibrations = new CalibrationSection(labels);
    this.adjustments = new AdjustmentSection(labels);
    this.signoffs = new SignoffSection(labels);
  }

  /** {@code vi} or {@code en}. */
  public static DossierReport of(String lang) {
    if (!lang.equals("vi") && !lang.equals("en")) {
      throw new IllegalArgumentException(lang);
    }
    return new DossierReport(lang);
  }

  /** A number as the report prints it: grouped, one decimal (vi: 1.234,5; en: 1,234.5). */
  public static String number(double v, String lang) {
    return ReportLabels.number(v, lang);
  }

  private String label(String key) {
    return labels.label(key);
  }

  /** Whether the figures' FSU at 68 % confidence is above Guideline 14's 50 %. */
  @SuppressWarnings("unchecked")
  private static boolean fsu68Above50(Map<String, Object> fsu) {
    return fsu != null
        && fsu.get("68") instanceof Map<?, ?> at68
        && at68.get("fsu") instanceof Number n
        && n.doubleValue() > 0.5;
  }

  /** A value of the figures or the store (a status, a verifiability label) in words. */
  private String word(String prefix, Object value) {
    return labels.word(prefix, value);
  }

  /** The EnPI's boundary: its level (facility, line, process) in words, and its reference. */
  String boundary(String level, String ref) {
    return word("level_", level) + " " + ref;
  }

  /** The integrity check's line: passed with its counts, else FAILED with the first problem. */
  String integrity(boolean ok, int series, long seriesDays, String summary) {
    return ok
        ? label("integrity_ok")
            .replace("{series}", Integer.toString(series))
            .replace("{days}", Long.toString(seriesDays))
        : label("integrity_failed") + " — " + summary;
  }

  /** The report's lines: (label, text, number or null for the spreadsheet). */
  record Line(String label, String text, Double value) {}

  @SuppressWarnings("unchecked")
  List<Line> lines(Facts f, Map<String, Object> figures) {
    List<Line> out = new ArrayList<>();
    out.add(new Line(label("enterprise"), f.enterprise(), null));
    out.add(new Line(label("enpi"), f.enpi() + " — " + f.enpiName(), null));
    out.add(new Line(label("boundary"), f.boundary(), null));
    out.add(new Line(label("meters"), String.join(", ", f.meters()), null));
    out.addAll(meters.lines(f));
    out.addAll(calibrations.lines(f));
    // the CSV files name series by id only
    List<String> legend = new ArrayList<>();
    f.series().forEach((id, name) -> legend.add(id + " = " + labels.seriesName(name)));
    out.add(
        new Line(
            label("series_legend"),
            legend.isEmpty() ? label("no_events") : String.join("; ", legend),
            null));
    out.add(new Line(label("products"), String.join(", ", f.products()), null));
    out.add(new Line(label("period"), f.from() + " .. " + f.to(), null));
    out.add(
        new Line(
            label("baseline"),
            label("version")
                + " "
                + f.baselineVersion()
                + " ("
                + word("baseline_", f.baselineStatus())
                + "), "
                + f.baselineFrom()
                + " .. "
                + f.baselineTo(),
            null));
    out.add(
        new Line(
            label("model"),
            word("model_", figures.get("model")) + ", " + figures.get("method_version"),
            null));
    Map<String, Object> fit = (Map<String, Object>) figures.get("baseline_fit");
    out.add(
        new Line(
            label("fit"),
            "n = "
                + fit.get("n")
                + " · p = "
                + fit.get("p")
                + " · R² = "
                + statistic(fit.get("r2"), "0.0000")
                + " · CV(RMSE) = "
                + percent(fit.get("cv_rmse"))
                + " · NMBE = "
                + percent(fit.get("nmbe")),
            null));
    List<Object> failed = (List<Object>) figures.get("failed_checks");
    // Guideline 14's FSU check does not decide verifiability (analytics Verifiability), so it is
    // not among the failed checks; the line must not say "all passed" when it failed
    String fsuAbove =
        fsu68Above50((Map<String, Object>) figures.get("fsu")) ? label("fsu_above") : null;
    String checks =
        failed.isEmpty()
            ? (fsuAbove == null ? label("passed") : label("passed_deciding"))
            : label("failed")
                + " "
                + String.join("; ", failed.stream().map(c -> word("check_", c)).toList());
    out.add(
        new Line(
            label("validity"),
            word("verifiability_", figures.get("verifiability"))
                + ": "
                + checks
                + (fsuAbove == null ? "" : "; " + fsuAbove),
            null));
    String unit = " " + labels.unit(f.energyUnit());
    for (String k :
        List.of("actual", "adjusted_baseline", "routine_savings", "non_routine", "savings")) {
      Object v = figures.get(k);
      out.add(
          new Line(label(k), labels.num(v) + unit, v instanceof Number n ? n.doubleValue() : null));
      if (k.equals("non_routine")) {
        out.addAll(adjustments.lines(f, unit.trim()));
      }
    }
    Object frac = figures.get("savings_fraction");
    out.add(
        new Line(
            label("fraction"),
            labels.pct(frac),
            frac instanceof Number n ? n.doubleValue() : null));
    Map<String, Object> fsu = (Map<String, Object>) figures.get("fsu");
    fsu.forEach(
        (level, m) -> {
          Map<String, Object> x = (Map<String, Object>) m;
          Object v = x.get("fsu");
          out.add(
              new Line(
                  label("fsu") + " " + level + " %",
                  labels.pct(v)
                      + "; "
                      + label("range")
                      + " "
                      + labels.num(x.get("savings_low"))
                      + " .. "
                      + labels.num(x.get("savings_high"))
                      + unit,
                  v instanceof Number n ? n.doubleValue() : null));
        });
    Map<String, Object> progress = (Map<String, Object>) figures.get("progress");
    progress.forEach(
        (target, m) -> {
          Map<String, Object> x = (Map<String, Object>) m;
          out.add(
              new Line(
                  label("progress") + " " + target + " %",
                  word("progress_", x.get("status"))
                      + " ("
                      + labels.pct(x.get("fraction_low"))
                      + " .. "
                      + labels.pct(x.get("fraction_high"))
                      + ")",
                  null));
        });
    long days = f.to().toEpochDay() - f.from().toEpochDay() + 1;
    out.add(
        new Line(
            label("coverage"),
            figures.get("reporting_points") + " " + label("days_with_data") + " " + days,
            ((Number) figures.get("reporting_points")).doubleValue()));
    out.add(new Line(label("integrity"), f.integrity(), null));
    out.add(new Line(label("generated"), f.generatedAt() + ", " + f.serverKeyId(), null));
    // the days as the language writes them (vi: 30/11/2026, as the pages do); times stay ISO
    return out.stream().map(l -> new Line(l.label(), labels.days(l.text()), l.value())).toList();
  }

  /**
   * A model statistic in the report's separators, as every other number of it (vi: 0,9892; en:
   * 0.9892), or "—".
   */
  private String statistic(Object v, String pattern) {
    return v instanceof Number n ? ReportLabels.format(n.doubleValue(), lang, pattern) : "—";
  }

  /**
   * CV(RMSE) or NMBE in per cent with two decimals ({@code 2,77 %}), as ASHRAE Guideline 14 states
   * its limits and the verification page shows them (the report printed the fraction 0,0277).
   */
  private String percent(Object fraction) {
    return fraction instanceof Number n ? statistic(n.doubleValue() * 100, "0.00") + " %" : "—";
  }

  /** report.pdf */
  public byte[] pdf(Facts f, Map<String, Object> figures) {
    try (InputStream in = DossierReport.class.getResourceAsStream("/fonts/DejaVuSans.ttf")) {
      byte[] ttf = in.readAllBytes();
      BaseFont base =
          BaseFont.createFont(
              "DejaVuSans.ttf", BaseFont.IDENTITY_H, BaseFont.EMBEDDED, true, ttf, null);
      Font title = new Font(base, 15);
      Font head = new Font(base, 11.5f);
      Font body = new Font(base, 9.5f);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Document doc = new Document(PageSize.A4, 48, 48, 48, 48);
      PdfWriter.getInstance(doc, out);
      doc.open();
      doc.addTitle(label("title"));
      doc.add(new Paragraph(label("title"), title));
      doc.add(new Paragraph(" ", body));
      PdfPTable table = new PdfPTable(new float[] {2.2f, 4f});
      table.setWidthPercentage(100);
      for (Line l : lines(f, figures)) {
        table.addCell(new Paragraph(l.label(), body));
        table.addCell(new Paragraph(l.text(), body));
      }
      doc.add(table);
      doc.add(new Paragraph(" ", body));
      doc.add(new Paragraph(label("signoff"), head));
      doc.add(new Paragraph(label("signoffs_on_record"), body));
      PdfPTable onRecord = new PdfPTable(new float[] {1f});
      onRecord.setWidthPercentage(100);
      List<String> signed = signoffs.signoffsOnRecord(f);
      for (String t : signed.isEmpty() ? List.of(label("no_signoffs")) : signed) {
        onRecord.addCell(new Paragraph(labels.days(t), body));
      }
      doc.add(onRecord);
      doc.add(new Paragraph(" ", body));
      doc.add(new Paragraph(label("this_signoff"), body));
      PdfPTable sign = new PdfPTable(new float[] {2.2f, 4f});
      sign.setWidthPercentage(100);
      for (String[] row : signoffs.signoffBlock(f)) {
        sign.addCell(new Paragraph(row[0], body));
        Paragraph text = new Paragraph(labels.days(row[1]), body);
        text.setAlignment(Element.ALIGN_LEFT);
        sign.addCell(text);
      }
      doc.add(sign);
      doc.add(new Paragraph(" ", body));
      doc.add(new Paragraph(label("check"), body));
      doc.close();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** report.xlsx: one sheet of label, text and (where there is one) the number. */
  public byte[] xlsx(Facts f, Map<String, Object> figures) {
    return DossierSheet.write(
        lang, labels, lines(f, figures), signoffs.signoffsOnRecord(f), signoffs.signoffBlock(f));
  }
}
