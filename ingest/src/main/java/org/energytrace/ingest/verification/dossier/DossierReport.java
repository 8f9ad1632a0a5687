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
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The dossier's {@code report.pdf} and {@code report.xlsx}, in Vietnamese or English, rendered from
 * the figures {@code DossierFigures.compute} gives (the same the offline verifier recomputes) and
 * the facts of the EnPI: boundary, meters, baseline model and statistics, validity rules, savings
 * with FSU at 68/90/95 %, progress to the 8 % and 13 % targets, data coverage, the integrity
 * result, the meters' calibration records with the days no valid calibration covers, and the
 * sign-off block: the sign-offs on record for the period and the one this dossier is for (its
 * auditors, the opinions, and that it is recorded in EnergyTrace naming the ZIP's SHA-256, which
 * the report cannot hold). The PDF embeds DejaVu Sans (Vietnamese glyphs, Bitstream Vera licence,
 * {@code fonts/DejaVu-LICENSE.txt}).
 */
public final class DossierReport {

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
      Map<String, List<CalibrationCoverage.Record>> calibrations,
      List<Signoff> signoffs,
      List<String> auditors) {}

  /** A sign-off on record for the EnPI whose period overlaps the dossier's (period_signoff). */
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
      Long supersededBy) {}

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

  private DossierReport(String lang) {
    this.lang = lang;
  }

  /** {@code vi} or {@code en}. */
  public static DossierReport of(String lang) {
    if (!lang.equals("vi") && !lang.equals("en")) {
      throw new IllegalArgumentException(lang);
    }
    return new DossierReport(lang);
  }

  private static final Map<String, String[]> LABELS =
      Map.ofEntries(
          Map.entry(
              "title",
              new String[] {
                "Hồ sơ thẩm tra tiết kiệm năng lượng", "Energy savings verification dossier"
              }),
          Map.entry("enterprise", new String[] {"Doanh nghiệp", "Enterprise"}),
          Map.entry(
              "enpi",
              new String[] {
                "Chỉ số hiệu suất năng lượng (EnPI)", "Energy performance indicator (EnPI)"
              }),
          Map.entry("boundary", new String[] {"Ranh giới", "Boundary"}),
          Map.entry("meters", new String[] {"Công tơ", "Meters"}),
          Map.entry(
              "meter_events",
              new String[] {"Sự kiện công tơ trong kỳ", "Meter events in the period"}),
          Map.entry("no_events", new String[] {"không có", "none"}),
          Map.entry("replacement", new String[] {"thay công tơ", "replacement"}),
          Map.entry("multiplier_change", new String[] {"đổi hệ số nhân", "multiplier change"}),
          Map.entry("closing", new String[] {"chỉ số cuối", "closing"}),
          Map.entry("opening", new String[] {"chỉ số đầu", "opening"}),
          Map.entry("multiplier", new String[] {"hệ số nhân", "multiplier"}),
          Map.entry("calibration", new String[] {"Hiệu chuẩn", "Calibration"}),
          Map.entry("calibration_check", new String[] {"Kiểm tra hiệu chuẩn", "Calibration check"}),
          Map.entry(
              "no_calibration",
              new String[] {"chưa có hồ sơ hiệu chuẩn", "no calibration on record"}),
          Map.entry("certificate", new String[] {"giấy chứng nhận", "certificate"}),
          Map.entry("valid_until", new String[] {"hiệu lực đến", "valid until"}),
          Map.entry("no_valid_until", new String[] {"không ghi hạn", "no expiry stated"}),
          Map.entry("cal_passed", new String[] {"đạt", "passed"}),
          Map.entry("cal_adjusted", new String[] {"đã hiệu chỉnh", "adjusted"}),
          Map.entry("cal_failed", new String[] {"không đạt", "failed"}),
          Map.entry(
              "covered",
              new String[] {
                "hiệu chuẩn hợp lệ suốt kỳ cơ sở và kỳ báo cáo",
                "a valid calibration covers the baseline and reporting periods"
              }),
          Map.entry("warning", new String[] {"CẢNH BÁO", "WARNING"}),
          Map.entry(
              "gap_none", new String[] {"chưa có hồ sơ hiệu chuẩn", "no calibration on record"}),
          Map.entry(
              "gap_not_yet",
              new String[] {"chưa được hiệu chuẩn trước đó", "not calibrated before then"}),
          Map.entry(
              "gap_expired", new String[] {"hiệu chuẩn hết hạn ngày", "calibration expired on"}),
          Map.entry(
              "gap_failed", new String[] {"hiệu chuẩn không đạt ngày", "calibration failed on"}),
          Map.entry(
              "gap_days",
              new String[] {"không có hiệu chuẩn hợp lệ từ", "no valid calibration from"}),
          Map.entry("baseline_period", new String[] {"kỳ cơ sở", "baseline period"}),
          Map.entry("reporting_period", new String[] {"kỳ báo cáo", "reporting period"}),
          Map.entry("products", new String[] {"Sản phẩm", "Products"}),
          Map.entry("period", new String[] {"Kỳ báo cáo", "Reporting period"}),
          Map.entry("baseline", new String[] {"Đường cơ sở", "Baseline"}),
          Map.entry("version", new String[] {"phiên bản", "version"}),
          Map.entry("status", new String[] {"Trạng thái", "Status"}),
          Map.entry("model", new String[] {"Mô hình", "Model"}),
          Map.entry(
              "fit",
              new String[] {
                "Thống kê mô hình (n, p, R², CV(RMSE), NMBE)",
                "Model statistics (n, p, R², CV(RMSE), NMBE)"
              }),
          Map.entry("validity", new String[] {"Quy tắc hợp lệ", "Validity rules"}),
          Map.entry("passed", new String[] {"tất cả đạt", "all passed"}),
          Map.entry("failed", new String[] {"không đạt", "failed"}),
          Map.entry("savings_head", new String[] {"Tiết kiệm", "Savings"}),
          Map.entry("actual", new String[] {"Năng lượng thực tế", "Actual energy"}),
          Map.entry(
              "adjusted_baseline", new String[] {"Đường cơ sở điều chỉnh", "Adjusted baseline"}),
          Map.entry("routine_savings", new String[] {"Tiết kiệm thường xuyên", "Routine savings"}),
          Map.entry(
              "non_routine",
              new String[] {"Điều chỉnh không thường xuyên", "Non-routine adjustments"}),
          Map.entry("savings", new String[] {"Tiết kiệm", "Savings"}),
          Map.entry("fraction", new String[] {"Tỷ lệ tiết kiệm", "Savings fraction"}),
          Map.entry(
              "fsu",
              new String[] {
                "Độ bất định (FSU) ở mức tin cậy",
                "Fractional savings uncertainty (FSU) at confidence"
              }),
          Map.entry("range", new String[] {"khoảng tiết kiệm", "savings range"}),
          Map.entry("progress", new String[] {"Tiến độ so với mục tiêu", "Progress to target"}),
          Map.entry("coverage", new String[] {"Độ phủ dữ liệu", "Data coverage"}),
          Map.entry("days_with_data", new String[] {"ngày có dữ liệu trên", "days with data of"}),
          Map.entry(
              "integrity", new String[] {"Kiểm tra toàn vẹn dữ liệu", "Data integrity check"}),
          Map.entry("signoff", new String[] {"Xác nhận của kiểm toán viên", "Auditor sign-off"}),
          Map.entry(
              "signoffs_on_record",
              new String[] {
                "Các xác nhận đã ghi nhận cho kỳ trùng với kỳ này",
                "Sign-offs on record for periods overlapping this one"
              }),
          Map.entry("no_signoffs", new String[] {"chưa có", "none"}),
          Map.entry(
              "superseded", new String[] {"đã bị thay thế bởi xác nhận", "superseded by sign-off"}),
          Map.entry("current", new String[] {"hiện hành", "current"}),
          Map.entry("comments", new String[] {"nhận xét", "comments"}),
          Map.entry("dossier_sha", new String[] {"SHA-256 hồ sơ", "dossier SHA-256"}),
          Map.entry(
              "this_signoff",
              new String[] {"Xác nhận cho hồ sơ này", "The sign-off of this dossier"}),
          Map.entry("auditor", new String[] {"Kiểm toán viên", "Auditor"}),
          Map.entry(
              "auditors_assigned",
              new String[] {
                "Kiểm toán viên được phân công", "Auditor(s) assigned to the enterprise"
              }),
          Map.entry(
              "no_auditor",
              new String[] {"chưa có kiểm toán viên được phân công", "no auditor is assigned now"}),
          Map.entry("opinion", new String[] {"Ý kiến (một trong)", "Opinion (one of)"}),
          Map.entry(
              "opinions",
              new String[] {
                "đã thẩm tra (verified); đã thẩm tra có bảo lưu (verified_with_reservations, kèm"
                    + " nhận xét); không thẩm tra (not_verified, kèm nhận xét)",
                "verified; verified with reservations (verified_with_reservations, with comments);"
                    + " not verified (not_verified, with comments)"
              }),
          Map.entry("op_verified", new String[] {"đã thẩm tra", "verified"}),
          Map.entry(
              "op_verified_with_reservations",
              new String[] {"đã thẩm tra có bảo lưu", "verified with reservations"}),
          Map.entry("op_not_verified", new String[] {"không thẩm tra", "not verified"}),
          Map.entry("where", new String[] {"Nơi ghi nhận", "Where it is recorded"}),
          Map.entry(
              "statement",
              new String[] {
                "Xác nhận được ghi nhận trong EnergyTrace (kiểm toán viên được phân công, mục Xác"
                    + " nhận kỳ của EnPI) và ghi rõ SHA-256 của hồ sơ này: mã băm của tệp ZIP chứa"
                    + " báo cáo này, mà báo cáo không thể tự chứa. Tính bằng: sha256sum"
                    + " dossier.zip. Việc cấp hồ sơ được ghi trong nhật ký kiểm toán"
                    + " (dossier.generate) với cùng mã băm.",
                "The sign-off is recorded in EnergyTrace (by an assigned auditor, the EnPI's period"
                    + " sign-off) naming this dossier's SHA-256: the hash of the ZIP file that holds"
                    + " this report, which the report itself cannot contain. Compute it with:"
                    + " sha256sum dossier.zip. The dossier's issue is in the audit log"
                    + " (dossier.generate) with the same hash."
              }),
          Map.entry(
              "generated", new String[] {"Tạo lúc, khoá máy chủ", "Generated at, server key"}),
          Map.entry(
              "check",
              new String[] {
                "Kiểm tra ngoại tuyến: java -jar energytrace-analytics.jar verify dossier.zip --public-key dossier-key.pem",
                "Offline check: java -jar energytrace-analytics.jar verify dossier.zip --public-key dossier-key.pem"
              }));

  String label(String key) {
    return LABELS.get(key)[lang.equals("vi") ? 0 : 1];
  }

  /** A number as the report prints it: grouped, one decimal (vi: 1.234,5; en: 1,234.5). */
  public static String number(double v, String lang) {
    DecimalFormat f =
        new DecimalFormat(
            "#,##0.0",
            DecimalFormatSymbols.getInstance(
                lang.equals("vi") ? Locale.forLanguageTag("vi-VN") : Locale.ENGLISH));
    return f.format(v);
  }

  private String num(Object v) {
    return v instanceof Number n ? number(n.doubleValue(), lang) : "—";
  }

  private String pct(Object v) {
    if (!(v instanceof Number n)) {
      return "—";
    }
    return number(n.doubleValue() * 100.0, lang) + " %";
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
    f.meterEvents()
        .forEach(
            (meter, events) -> {
              List<String> texts = new ArrayList<>();
              for (MeterEvent e : events) {
                texts.add(
                    e.at()
                        + " "
                        + (LABELS.containsKey(e.kind()) ? label(e.kind()) : e.kind())
                        + " ("
                        + e.channel()
                        + ": "
                        + label("closing")
                        + " "
                        + number(e.closing(), lang)
                        + ", "
                        + label("opening")
                        + " "
                        + number(e.opening(), lang)
                        + ", "
                        + label("multiplier")
                        + " "
                        + number(e.multiplier(), lang)
                        + ")"
                        + (e.note() == null || e.note().isBlank() ? "" : " " + e.note()));
              }
              out.add(
                  new Line(
                      label("meter_events") + " " + meter,
                      texts.isEmpty() ? label("no_events") : String.join("; ", texts),
                      null));
            });
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
    out.add(new Line(label("products"), String.join(", ", f.products()), null));
    out.add(new Line(label("period"), f.from() + " .. " + f.to(), null));
    out.add(
        new Line(
            label("baseline"),
            label("version")
                + " "
                + f.baselineVersion()
                + " ("
                + f.baselineStatus()
                + "), "
                + f.baselineFrom()
                + " .. "
                + f.baselineTo(),
            null));
    out.add(
        new Line(
            label("model"),
            figures.get("model") + " (" + figures.get("method_version") + ")",
            null));
    Map<String, Object> fit = (Map<String, Object>) figures.get("baseline_fit");
    out.add(
        new Line(
            label("fit"),
            fit.get("n")
                + ", "
                + fit.get("p")
                + ", "
                + fmt4(fit.get("r2"))
                + ", "
                + fmt4(fit.get("cv_rmse"))
                + ", "
                + fmt4(fit.get("nmbe")),
            null));
    List<Object> failed = (List<Object>) figures.get("failed_checks");
    out.add(
        new Line(
            label("validity"),
            figures.get("verifiability")
                + ": "
                + (failed.isEmpty() ? label("passed") : label("failed") + " " + failed),
            null));
    String unit = " " + f.energyUnit();
    for (String k :
        List.of("actual", "adjusted_baseline", "routine_savings", "non_routine", "savings")) {
      Object v = figures.get(k);
      out.add(new Line(label(k), num(v) + unit, v instanceof Number n ? n.doubleValue() : null));
    }
    Object frac = figures.get("savings_fraction");
    out.add(
        new Line(label("fraction"), pct(frac), frac instanceof Number n ? n.doubleValue() : null));
    Map<String, Object> fsu = (Map<String, Object>) figures.get("fsu");
    fsu.forEach(
        (level, m) -> {
          Map<String, Object> x = (Map<String, Object>) m;
          Object v = x.get("fsu");
          out.add(
              new Line(
                  label("fsu") + " " + level + " %",
                  pct(v)
                      + "; "
                      + label("range")
                      + " "
                      + num(x.get("savings_low"))
                      + " .. "
                      + num(x.get("savings_high"))
                      + unit,
                  v instanceof Number n ? n.doubleValue() : null));
        });
    Map<String, Object> progress = (Map<String, Object>) figures.get("progress");
    progress.forEach(
        (target, m) -> {
          Map<String, Object> x = (Map<String, Object>) m;
          out.add(
              new Line(
                  label("progress") + " " + target,
                  x.get("status")
                      + " ("
                      + pct(x.get("fraction_low"))
                      + " .. "
                      + pct(x.get("fraction_high"))
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
    return out;
  }

  private String calResult(String result) {
    return LABELS.containsKey("cal_" + result) ? label("cal_" + result) : result;
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

  /** The sign-offs on record, one text each (opinion, auditor, date, comments, hash, status). */
  List<String> signoffsOnRecord(Facts f) {
    List<String> out = new ArrayList<>();
    for (Signoff s : f.signoffs()) {
      String op = "op_" + s.opinion();
      out.add(
          "#"
              + s.id()
              + " "
              + s.from()
              + " .. "
              + s.to()
              + ": "
              + (LABELS.containsKey(op) ? label(op) : s.opinion())
              + " — "
              + label("auditor")
              + " "
              + s.auditor()
              + ", "
              + s.signedAt()
              + (s.comments() == null || s.comments().isBlank()
                  ? ""
                  : ", " + label("comments") + ": " + s.comments())
              + ", "
              + label("dossier_sha")
              + " "
              + s.dossierSha256()
              + ", "
              + (s.supersededBy() == null
                  ? label("current")
                  : label("superseded") + " #" + s.supersededBy()));
    }
    return out;
  }

  /** The block of this dossier's sign-off: (label, text) rows. */
  List<String[]> signoffBlock(Facts f) {
    List<String[]> out = new ArrayList<>();
    out.add(
        new String[] {
          label("auditors_assigned"),
          f.auditors().isEmpty() ? label("no_auditor") : String.join(", ", f.auditors())
        });
    out.add(new String[] {label("opinion"), label("opinions")});
    out.add(new String[] {label("where"), label("statement")});
    return out;
  }

  private static String fmt4(Object v) {
    return v instanceof Number n ? String.format(Locale.ROOT, "%.4f", n.doubleValue()) : "—";
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
      List<String> signed = signoffsOnRecord(f);
      for (String t : signed.isEmpty() ? List.of(label("no_signoffs")) : signed) {
        onRecord.addCell(new Paragraph(t, body));
      }
      doc.add(onRecord);
      doc.add(new Paragraph(" ", body));
      doc.add(new Paragraph(label("this_signoff"), body));
      PdfPTable sign = new PdfPTable(new float[] {2.2f, 4f});
      sign.setWidthPercentage(100);
      for (String[] row : signoffBlock(f)) {
        sign.addCell(new Paragraph(row[0], body));
        Paragraph text = new Paragraph(row[1], body);
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
    try (XSSFWorkbook wb = new XSSFWorkbook();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = wb.createSheet(lang.equals("vi") ? "Báo cáo" : "Report");
      Row r0 = sheet.createRow(0);
      r0.createCell(0).setCellValue(label("title"));
      int i = 2;
      for (Line l : lines(f, figures)) {
        Row r = sheet.createRow(i++);
        r.createCell(0).setCellValue(l.label());
        r.createCell(1).setCellValue(l.text());
        if (l.value() != null) {
          Cell c = r.createCell(2);
          c.setCellValue(l.value());
        }
      }
      i++;
      sheet.createRow(i++).createCell(0).setCellValue(label("signoff"));
      List<String> signed = signoffsOnRecord(f);
      for (String t : signed.isEmpty() ? List.of(label("no_signoffs")) : signed) {
        Row r = sheet.createRow(i++);
        r.createCell(0).setCellValue(label("signoffs_on_record"));
        r.createCell(1).setCellValue(t);
      }
      i++;
      sheet.createRow(i++).createCell(0).setCellValue(label("this_signoff"));
      for (String[] row : signoffBlock(f)) {
        Row r = sheet.createRow(i++);
        r.createCell(0).setCellValue(row[0]);
        r.createCell(1).setCellValue(row[1]);
      }
      sheet.setColumnWidth(0, 60 * 256);
      sheet.setColumnWidth(1, 70 * 256);
      sheet.setColumnWidth(2, 18 * 256);
      wb.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
