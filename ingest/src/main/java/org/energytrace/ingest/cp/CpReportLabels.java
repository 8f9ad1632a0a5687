package org.energytrace.ingest.cp;

import java.util.Map;

/**
 * The words of the CP assessment report in Vietnamese or English: its title, section titles, column
 * headers and the wire values it shows (status, kind, decision, feasibility). A key with no words
 * is shown as it is.
 */
final class CpReportLabels {
  private static final Map<String, String[]> LABELS =
      Map.ofEntries(
          Map.entry(
              "title",
              new String[] {
                "BÁO CÁO ĐÁNH GIÁ SẢN XUẤT SẠCH HƠN", "CLEANER PRODUCTION ASSESSMENT REPORT"
              }),
          Map.entry("company", new String[] {"1. Thông tin doanh nghiệp", "1. Company"}),
          Map.entry("enterprise", new String[] {"Doanh nghiệp", "Enterprise"}),
          Map.entry("legal_name", new String[] {"Tên doanh nghiệp", "Legal name"}),
          Map.entry("sector", new String[] {"Ngành (VSIC)", "Sector (VSIC)"}),
          Map.entry("district", new String[] {"Huyện/thị", "District"}),
          Map.entry("site", new String[] {"Cơ sở", "Site"}),
          Map.entry("assessment", new String[] {"Đánh giá", "Assessment"}),
          Map.entry("kind", new String[] {"Loại đánh giá", "Kind"}),
          Map.entry("status", new String[] {"Trạng thái", "Status"}),
          Map.entry("started_on", new String[] {"Ngày bắt đầu", "Started on"}),
          Map.entry("team", new String[] {"2. Nhóm đánh giá SXSH", "2. CP team"}),
          Map.entry("name", new String[] {"Họ tên", "Name"}),
          Map.entry("role", new String[] {"Vai trò", "Role"}),
          Map.entry("position", new String[] {"Chức vụ", "Position"}),
          Map.entry("process", new String[] {"3. Các công đoạn sản xuất", "3. Process steps"}),
          Map.entry("step", new String[] {"Công đoạn", "Step"}),
          Map.entry("inputs", new String[] {"Đầu vào", "Inputs"}),
          Map.entry("outputs", new String[] {"Đầu ra", "Outputs"}),
          Map.entry(
              "focus",
              new String[] {"4. Trọng tâm đánh giá và cân bằng", "4. Audit focus and balance"}),
          Map.entry("focus_step", new String[] {"Công đoạn trọng tâm", "Focus step"}),
          Map.entry("period", new String[] {"Kỳ cân bằng", "Balance period"}),
          Map.entry("flow", new String[] {"Dòng", "Flow"}),
          Map.entry("amount", new String[] {"Lượng", "Amount"}),
          Map.entry("unit", new String[] {"Đơn vị", "Unit"}),
          Map.entry("source", new String[] {"Nguồn số liệu", "Source"}),
          Map.entry("causes", new String[] {"5. Nguyên nhân gây thải", "5. Causes of waste"}),
          Map.entry("stream", new String[] {"Dòng thải", "Waste stream"}),
          Map.entry("cause", new String[] {"Nguyên nhân", "Cause"}),
          Map.entry("yearly_cost", new String[] {"Chi phí/năm (đ)", "Cost per year (VND)"}),
          Map.entry(
              "method",
              new String[] {
                "6. Tiến độ theo phương pháp (6 bước, 18 nhiệm vụ)",
                "6. Progress by the method (6 steps, 18 tasks)"
              }),
          Map.entry("options", new String[] {"7. Các giải pháp SXSH", "7. CP options"}),
          Map.entry("code", new String[] {"Mã", "Code"}),
          Map.entry("type", new String[] {"Loại giải pháp", "Option type"}),
          Map.entry("description", new String[] {"Giải pháp", "Action"}),
          Map.entry("investment", new String[] {"Đầu tư (đ)", "Investment (VND)"}),
          Map.entry("money_saving", new String[] {"Tiết kiệm/năm (đ)", "Saving per year (VND)"}),
          Map.entry("payback", new String[] {"Hoàn vốn (năm)", "Payback (years)"}),
          Map.entry(
              "feasibility", new String[] {"Khả thi (KT/KTế/MT)", "Feasibility (tech/econ/env)"}),
          Map.entry("decision", new String[] {"Quyết định", "Decision"}),
          Map.entry(
              "resources", new String[] {"Tiết kiệm tài nguyên/năm", "Resource savings per year"}),
          Map.entry(
              "implementation",
              new String[] {"8. Tình trạng thực hiện", "8. Implementation status"}),
          Map.entry("implemented_on", new String[] {"Ngày thực hiện", "Implemented on"}),
          Map.entry("enpi", new String[] {"EnPI theo dõi", "EnPI monitored"}),
          Map.entry("measure_date", new String[] {"Ngày áp dụng", "Measure date"}),
          Map.entry("verified", new String[] {"Tiết kiệm đã thẩm định", "Verified saving"}),
          Map.entry("pending", new String[] {"chờ thẩm định", "pending verification"}),
          Map.entry(
              "indicative",
              new String[] {"chỉ mang tính tham khảo, chưa thẩm định", "indicative, not verified"}),
          Map.entry(
              "totals",
              new String[] {
                "Tổng (không kể giải pháp bị loại)", "Totals (rejected options left out)"
              }),
          Map.entry("not_started", new String[] {"chưa bắt đầu", "not started"}),
          Map.entry("in_progress", new String[] {"đang thực hiện", "in progress"}),
          Map.entry("done", new String[] {"hoàn thành", "done"}),
          Map.entry("completed", new String[] {"hoàn thành", "completed"}),
          Map.entry("rapid", new String[] {"nhanh", "rapid"}),
          Map.entry("detailed", new String[] {"chi tiết", "detailed"}),
          Map.entry("implement", new String[] {"thực hiện", "implement"}),
          Map.entry("later", new String[] {"nghiên cứu thêm", "later"}),
          Map.entry("rejected", new String[] {"loại bỏ", "rejected"}),
          Map.entry("feasible", new String[] {"khả thi", "feasible"}),
          Map.entry("not_feasible", new String[] {"không khả thi", "not feasible"}),
          Map.entry("to_study", new String[] {"cần nghiên cứu", "to study"}),
          Map.entry("none", new String[] {"—", "—"}));

  private final String lang;

  CpReportLabels(String lang) {
    if (!lang.equals("vi") && !lang.equals("en")) {
      throw new IllegalArgumentException("lang " + lang);
    }
    this.lang = lang;
  }

  String lang() {
    return lang;
  }

  String label(String key) {
    String[] l = LABELS.get(key);
    return l == null ? key : l[lang.equals("vi") ? 0 : 1];
  }
}
