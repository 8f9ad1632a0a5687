package org.energytrace.ingest.programme;

import java.util.Map;

/**
 * The words of the programme report ({@link ProgrammeReportDocument}): each key's Vietnamese and
 * English text. Keys: {@code title.*} the title by area, {@code s.*} the section headings, {@code
 * sh.*} the sheet names, {@code c.*} the column headers, {@code e.*} and {@code i.*} the energy and
 * indicator rows; the rest are values (CP stages, yes/no).
 */
final class ProgrammeReportLabels {
  private ProgrammeReportLabels() {}

  static final Map<String, String[]> LABELS =
      Map.ofEntries(
          Map.entry(
              "title.province",
              new String[] {
                "BÁO CÁO CHƯƠNG TRÌNH SẢN XUẤT SẠCH HƠN — TỈNH {name}",
                "CLEANER-PRODUCTION PROGRAMME REPORT — {name} PROVINCE"
              }),
          Map.entry(
              "title.district",
              new String[] {
                "BÁO CÁO CHƯƠNG TRÌNH SẢN XUẤT SẠCH HƠN — HUYỆN/THÀNH PHỐ {name}",
                "CLEANER-PRODUCTION PROGRAMME REPORT — DISTRICT {name}"
              }),
          Map.entry(
              "title.park",
              new String[] {
                "BÁO CÁO CHƯƠNG TRÌNH SẢN XUẤT SẠCH HƠN — KHU CÔNG NGHIỆP {name}",
                "CLEANER-PRODUCTION PROGRAMME REPORT — INDUSTRIAL PARK {name}"
              }),
          Map.entry("period", new String[] {"Kỳ báo cáo", "Reporting period"}),
          Map.entry("as_of", new String[] {"Tính đến ngày", "As of"}),
          Map.entry("province", new String[] {"Tỉnh", "Province"}),
          Map.entry(
              "confidence", new String[] {"Độ tin cậy của tiết kiệm", "Confidence of savings"}),
          Map.entry("method", new String[] {"Phiên bản phương pháp", "Method version"}),
          Map.entry(
              "same_as_api",
              new String[] {
                "Số liệu tính bằng cùng mã với GET /api/v1/programme/indicators",
                "Figures computed by the same code as GET /api/v1/programme/indicators"
              }),
          Map.entry(
              "s.indicators",
              new String[] {"1. Chỉ tiêu so với mục tiêu", "1. Indicators against targets"}),
          Map.entry("s.energy", new String[] {"2. Năng lượng tiết kiệm", "2. Energy saved"}),
          Map.entry("s.districts", new String[] {"3. Theo huyện/thành phố", "3. By district"}),
          Map.entry("s.sectors", new String[] {"4. Theo ngành (VSIC)", "4. By sector (VSIC)"}),
          Map.entry(
              "s.facilities",
              new String[] {"5. Danh sách cơ sở và tình trạng", "5. Facilities and their status"}),
          Map.entry(
              "s.pilots",
              new String[] {
                "6. Kết quả các cơ sở điểm (trình diễn)", "6. Pilot sites' results (showcase)"
              }),
          Map.entry(
              "s.trend",
              new String[] {
                "7. Xu hướng so với các kỳ trước", "7. Trend against previous periods"
              }),
          Map.entry(
              "s.keu",
              new String[] {"8. Cơ sở sử dụng năng lượng trọng điểm", "8. Key energy users"}),
          Map.entry("s.notes", new String[] {"9. Ghi chú", "9. Notes"}),
          Map.entry("sh.indicators", new String[] {"Chỉ tiêu", "Indicators"}),
          Map.entry("sh.energy", new String[] {"Năng lượng", "Energy"}),
          Map.entry("sh.districts", new String[] {"Huyện", "Districts"}),
          Map.entry("sh.sectors", new String[] {"Ngành", "Sectors"}),
          Map.entry("sh.facilities", new String[] {"Cơ sở", "Facilities"}),
          Map.entry("sh.pilots", new String[] {"Cơ sở điểm", "Pilot sites"}),
          Map.entry("sh.trend", new String[] {"Xu hướng", "Trend"}),
          Map.entry("sh.keu", new String[] {"Trọng điểm", "Key energy users"}),
          Map.entry("sh.notes", new String[] {"Ghi chú", "Notes"}),
          Map.entry("sh.front", new String[] {"Báo cáo", "Report"}),
          Map.entry("c.indicator", new String[] {"Chỉ tiêu", "Indicator"}),
          Map.entry("c.numerator", new String[] {"Số cơ sở đạt", "Numerator"}),
          Map.entry("c.denominator", new String[] {"Trên tổng số", "Denominator"}),
          Map.entry("c.share", new String[] {"Tỷ lệ", "Share"}),
          Map.entry("c.target", new String[] {"Mục tiêu", "Target"}),
          Map.entry("c.reached", new String[] {"Đạt mục tiêu", "Target reached"}),
          Map.entry("c.facilities", new String[] {"Số cơ sở", "Facilities"}),
          Map.entry("c.district", new String[] {"Huyện/thành phố", "District"}),
          Map.entry("c.sector", new String[] {"Mã VSIC", "VSIC code"}),
          Map.entry(
              "c.kwh",
              new String[] {
                "Tiết kiệm đã thẩm định (kWh cuối cùng)", "Verified saving (kWh final)"
              }),
          Map.entry(
              "c.toe", new String[] {"Tiết kiệm đã thẩm định (TOE)", "Verified saving (TOE)"}),
          Map.entry("c.code", new String[] {"Mã", "Code"}),
          Map.entry("c.name", new String[] {"Tên cơ sở", "Facility"}),
          Map.entry("c.park", new String[] {"Khu công nghiệp", "Industrial park"}),
          Map.entry("c.stage", new String[] {"Giai đoạn SXSH", "CP stage"}),
          Map.entry("c.potential", new String[] {"Có tiềm năng SXSH", "CP potential"}),
          Map.entry("c.officers", new String[] {"Cán bộ SXSH đã đào tạo", "CP officers trained"}),
          Map.entry("c.keu", new String[] {"Trọng điểm", "Key energy user"}),
          Map.entry("c.sites", new String[] {"Địa điểm trình diễn", "Showcase sites"}),
          Map.entry("c.resource", new String[] {"Tài nguyên", "Resource"}),
          Map.entry("c.status", new String[] {"Tình trạng", "Status"}),
          Map.entry("c.saving_period", new String[] {"Thời gian", "Period"}),
          Map.entry(
              "c.fraction",
              new String[] {"Tiết kiệm / đơn vị sản phẩm", "Saving per unit of product"}),
          Map.entry("c.band", new String[] {"Khoảng tin cậy", "Confidence band"}),
          Map.entry("c.amount", new String[] {"Lượng tiết kiệm", "Amount saved"}),
          Map.entry("c.unit", new String[] {"Đơn vị", "Unit"}),
          Map.entry("c.money", new String[] {"Tiền tiết kiệm", "Money saved"}),
          Map.entry("c.what", new String[] {"Đại lượng", "Quantity"}),
          Map.entry("c.verified", new String[] {"Đã thẩm định", "Verified"}),
          Map.entry(
              "c.indicative",
              new String[] {"Ước tính (chưa thẩm định)", "Indicative (not verified)"}),
          Map.entry("c.year_toe", new String[] {"TOE năm {year}", "TOE in {year}"}),
          Map.entry("c.listed", new String[] {"Trong danh sách quốc gia", "On the national list"}),
          Map.entry("c.note", new String[] {"Ghi chú", "Note"}),
          Map.entry("e.kwh", new String[] {"kWh năng lượng cuối cùng", "kWh final energy"}),
          Map.entry("e.toe", new String[] {"TOE", "TOE"}),
          Map.entry("e.co2", new String[] {"t CO2 tránh được", "t CO2 avoided"}),
          Map.entry("e.complete", new String[] {"Đủ hệ số quy đổi", "All factors found"}),
          Map.entry("e.missing", new String[] {"Thiếu hệ số", "Missing factors"}),
          Map.entry("e.facilities", new String[] {"Số cơ sở đóng góp", "Contributing facilities"}),
          Map.entry(
              "e.money", new String[] {"Tiền tiết kiệm ({currency})", "Money saved ({currency})"}),
          Map.entry("i.aware", new String[] {"Cơ sở nhận thức về SXSH", "Facilities aware of CP"}),
          Map.entry(
              "i.applying",
              new String[] {
                "Cơ sở có tiềm năng đang áp dụng SXSH", "Facilities with potential applying CP"
              }),
          Map.entry(
              "i.v_low",
              new String[] {"Tiết kiệm ≥ 8 % (đã thẩm định)", "Saving ≥ 8 % (verified)"}),
          Map.entry(
              "i.v_high",
              new String[] {"Tiết kiệm ≥ 13 % (đã thẩm định)", "Saving ≥ 13 % (verified)"}),
          Map.entry(
              "i.i_low", new String[] {"Tiết kiệm ≥ 8 % (ước tính)", "Saving ≥ 8 % (indicative)"}),
          Map.entry(
              "i.i_high",
              new String[] {"Tiết kiệm ≥ 13 % (ước tính)", "Saving ≥ 13 % (indicative)"}),
          Map.entry("i.officers", new String[] {"Cán bộ SXSH được đào tạo", "CP officers trained"}),
          Map.entry(
              "i.resource", new String[] {"    theo tài nguyên: {r}", "    for resource: {r}"}),
          Map.entry("yes", new String[] {"có", "yes"}),
          Map.entry("no", new String[] {"không", "no"}),
          Map.entry("none", new String[] {"—", "—"}),
          Map.entry("verified", new String[] {"đã thẩm định", "verified"}),
          Map.entry("indicative", new String[] {"ước tính", "indicative"}),
          Map.entry("not_reached", new String[] {"chưa tiếp cận", "not yet reached"}),
          Map.entry("aware", new String[] {"đã nhận thức", "aware"}),
          Map.entry(
              "potential_assessed", new String[] {"đã đánh giá tiềm năng", "potential assessed"}),
          Map.entry("assessment_done", new String[] {"đã đánh giá SXSH", "assessment done"}),
          Map.entry("applying", new String[] {"đang áp dụng", "applying"}),
          Map.entry(
              "savings_verified", new String[] {"tiết kiệm đã thẩm định", "savings verified"}));
}
