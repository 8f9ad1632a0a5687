package org.energytrace.ingest.verification.dossier;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.Map;

/**
 * The texts of the dossier's report in Vietnamese or English, by key, and its number formats: what
 * {@link DossierReport} and its sections ({@link CalibrationSection}, {@link SignoffSection})
 * print.
 */
final class ReportLabels {
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

  private final String lang;

  /** {@code vi} or {@code en}. */
  ReportLabels(String lang) {
    this.lang = lang;
  }

  String lang() {
    return lang;
  }

  String label(String key) {
    return LABELS.get(key)[lang.equals("vi") ? 0 : 1];
  }

  /** Whether {@code key} has a text (an event kind, an opinion, a calibration result). */
  boolean has(String key) {
    return LABELS.containsKey(key);
  }

  /** A number as the report prints it: grouped, one decimal (vi: 1.234,5; en: 1,234.5). */
  static String number(double v, String lang) {
    DecimalFormat f =
        new DecimalFormat(
            "#,##0.0",
            DecimalFormatSymbols.getInstance(
                lang.equals("vi") ? Locale.forLanguageTag("vi-VN") : Locale.ENGLISH));
    return f.format(v);
  }

  String number(double v) {
    return number(v, lang);
  }

  /** A number or "—". */
  String num(Object v) {
    return v instanceof Number n ? number(n.doubleValue()) : "—";
  }

  /** A fraction as a percentage, or "—". */
  String pct(Object v) {
    if (!(v instanceof Number n)) {
      return "—";
    }
    return number(n.doubleValue() * 100.0) + " %";
  }
}
