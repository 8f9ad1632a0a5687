package org.energytrace.ingest.programme;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.energytrace.analytics.report.Figure;
import org.energytrace.analytics.report.ProgrammeIndicators;
import org.energytrace.ingest.documents.TableDocument;
import org.energytrace.ingest.documents.TableDocument.Cell;
import org.energytrace.ingest.documents.TableDocument.Table;

/**
 * The programme report of a period for the province, a district or an industrial park (issue 16;
 * docs/programme-reporting.md, "Province and district reports"): the indicators against their
 * targets, the same by district and by sector, energy saved, the facilities with their status, the
 * pilot sites' savings, the trend over the previous periods and the key energy users. Every figure
 * is read from {@link ProgrammeIndicators} as {@code ProgrammeCalculator.indicators} computed it —
 * the object the indicators API answers as JSON — so the report cannot disagree with the API. Text
 * in Vietnamese or English; numbers in the language's format.
 */
final class ProgrammeReportDocument {

  /** One facility of the report: its registry entry and its status at the period's end. */
  record FacilityRow(
      String code,
      String name,
      String district,
      String vsic,
      String park,
      String stage,
      boolean potential,
      long officers,
      long officersTrained,
      boolean keyEnergyUser) {}

  /** One saving of a pilot site (a facility with a site published on the showcase). */
  record PilotRow(
      String code,
      String name,
      String sites,
      String resource,
      String status,
      String from,
      String to,
      double fraction,
      double fractionLow,
      double fractionHigh,
      double amount,
      String unit,
      Double money,
      String currency) {}

  /** What the report covers: the province, a district or a park, and its name. */
  record Area(String kind, String name) {}

  private static final Map<String, String[]> LABELS =
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

  private final String lang;
  private final DecimalFormatSymbols symbols;

  ProgrammeReportDocument(String lang) {
    if (!lang.equals("vi") && !lang.equals("en")) {
      throw new IllegalArgumentException("lang " + lang);
    }
    this.lang = lang;
    this.symbols =
        DecimalFormatSymbols.getInstance(
            lang.equals("vi") ? Locale.forLanguageTag("vi") : Locale.ENGLISH);
  }

  String label(String key) {
    String[] l = LABELS.get(key);
    return l == null ? key : l[lang.equals("vi") ? 0 : 1];
  }

  /** The name of the first sheet of the workbook. */
  String frontSheet() {
    return label("sh.front");
  }

  String none() {
    return label("none");
  }

  /** A share as a percentage with one decimal: 71,4 % (vi), 71.4 % (en); — when undefined. */
  String percent(double share) {
    return Double.isNaN(share) ? none() : format("#,##0.0", share * 100) + " %";
  }

  /** A number with at most {@code decimals} decimals in the language's grouping. */
  String number(double v, int decimals) {
    if (Double.isNaN(v)) {
      return none();
    }
    return format(decimals == 0 ? "#,##0" : "#,##0." + "#".repeat(decimals), v);
  }

  private String format(String pattern, double v) {
    return new DecimalFormat(pattern, symbols).format(v);
  }

  private Cell count(int n) {
    return Cell.number(n, number(n, 0));
  }

  private Cell share(Figure f) {
    return Cell.number(f.share(), percent(f.share()));
  }

  private Cell target(Figure f) {
    return Cell.number(f.target(), percent(f.target()));
  }

  private Cell reached(Figure f) {
    Boolean r = f.targetReached();
    return Cell.text(r == null ? none() : label(r ? "yes" : "no"));
  }

  private Cell quantity(double v, int decimals) {
    return Cell.number(v, number(v, decimals));
  }

  /** The indicator rows: key, label, figure. The by-resource figures follow their "any" row. */
  private List<Map.Entry<String, Figure>> figures(ProgrammeIndicators.Indicators i) {
    List<Map.Entry<String, Figure>> out = new ArrayList<>();
    out.add(Map.entry(label("i.aware"), i.aware()));
    out.add(Map.entry(label("i.applying"), i.applying()));
    savings(out, "i.v_low", i.savingLowVerified());
    savings(out, "i.v_high", i.savingHighVerified());
    savings(out, "i.i_low", i.savingLowIndicative());
    savings(out, "i.i_high", i.savingHighIndicative());
    out.add(Map.entry(label("i.officers"), i.officersTrained()));
    return out;
  }

  private void savings(
      List<Map.Entry<String, Figure>> out, String key, ProgrammeIndicators.Savings s) {
    out.add(Map.entry(label(key), s.any()));
    s.byResource().forEach((r, f) -> out.add(Map.entry(label("i.resource").replace("{r}", r), f)));
  }

  /** The headline figures of one set of indicators, for the group and trend tables. */
  private static List<Figure> headline(ProgrammeIndicators.Indicators i) {
    return List.of(
        i.aware(),
        i.applying(),
        i.savingLowVerified().any(),
        i.savingHighVerified().any(),
        i.officersTrained());
  }

  private List<String> headlineLabels() {
    return List.of(
        label("i.aware"),
        label("i.applying"),
        label("i.v_low"),
        label("i.v_high"),
        label("i.officers"));
  }

  private static String fraction(Figure f) {
    return f.numerator() + "/" + f.denominator();
  }

  TableDocument document(
      Area area,
      ProgrammeIndicators now,
      List<ProgrammeIndicators> previous,
      List<FacilityRow> facilities,
      List<PilotRow> pilots) {
    String title = label("title." + area.kind()).replace("{name}", area.name());
    List<String> lines = new ArrayList<>();
    lines.add(label("province") + ": " + now.province());
    lines.add(label("period") + ": " + (now.period() == null ? none() : now.period().label()));
    lines.add(label("as_of") + ": " + now.asOf());
    lines.add(label("confidence") + ": " + percent(now.confidence()));
    lines.add(label("method") + ": " + now.methodVersion());
    lines.add(label("same_as_api"));
    List<Table> tables = new ArrayList<>();

    List<List<Cell>> ind = new ArrayList<>();
    for (var e : figures(now.indicators())) {
      Figure f = e.getValue();
      ind.add(
          List.of(
              Cell.text(e.getKey()),
              count(f.numerator()),
              count(f.denominator()),
              share(f),
              target(f),
              reached(f)));
    }
    tables.add(
        new Table(
            label("s.indicators"),
            label("sh.indicators"),
            List.of(
                label("c.indicator"),
                label("c.numerator"),
                label("c.denominator"),
                label("c.share"),
                label("c.target"),
                label("c.reached")),
            ind,
            new float[] {3.5f, 1, 1, 1, 1, 1}));

    List<List<Cell>> energy = new ArrayList<>();
    ProgrammeIndicators.Totals v = now.verified();
    ProgrammeIndicators.Totals n = now.indicative();
    energy.add(
        List.of(Cell.text(label("e.kwh")), quantity(v.kwhFinal(), 0), quantity(n.kwhFinal(), 0)));
    energy.add(List.of(Cell.text(label("e.toe")), quantity(v.toe(), 2), quantity(n.toe(), 2)));
    energy.add(
        List.of(Cell.text(label("e.co2")), quantity(v.co2Tonnes(), 2), quantity(n.co2Tonnes(), 2)));
    energy.add(
        List.of(
            Cell.text(label("e.facilities")),
            count(v.facilities().size()),
            count(n.facilities().size())));
    java.util.TreeSet<String> currencies = new java.util.TreeSet<>(v.money().keySet());
    currencies.addAll(n.money().keySet());
    for (String c : currencies) {
      energy.add(
          List.of(
              Cell.text(label("e.money").replace("{currency}", c)),
              quantity(v.money().getOrDefault(c, 0.0), 0),
              quantity(n.money().getOrDefault(c, 0.0), 0)));
    }
    energy.add(
        List.of(
            Cell.text(label("e.complete")),
            Cell.text(label(v.complete() ? "yes" : "no")),
            Cell.text(label(n.complete() ? "yes" : "no"))));
    if (!v.missingFactors().isEmpty() || !n.missingFactors().isEmpty()) {
      energy.add(
          List.of(
              Cell.text(label("e.missing")),
              Cell.text(String.join("; ", v.missingFactors())),
              Cell.text(String.join("; ", n.missingFactors()))));
    }
    tables.add(
        new Table(
            label("s.energy"),
            label("sh.energy"),
            List.of(label("c.what"), label("c.verified"), label("c.indicative")),
            energy,
            new float[] {3, 2, 2}));

    tables.add(
        group(label("s.districts"), label("sh.districts"), label("c.district"), now.byDistrict()));
    tables.add(group(label("s.sectors"), label("sh.sectors"), label("c.sector"), now.bySector()));

    List<List<Cell>> fac = new ArrayList<>();
    for (FacilityRow f : facilities) {
      fac.add(
          List.of(
              Cell.text(f.code()),
              Cell.text(f.name()),
              Cell.text(f.district()),
              Cell.text(f.vsic()),
              Cell.text(f.park() == null || f.park().isEmpty() ? none() : f.park()),
              Cell.text(label(f.stage())),
              Cell.text(label(f.potential() ? "yes" : "no")),
              Cell.text(f.officersTrained() + "/" + f.officers()),
              Cell.text(label(f.keyEnergyUser() ? "yes" : "no"))));
    }
    tables.add(
        new Table(
            label("s.facilities"),
            label("sh.facilities"),
            List.of(
                label("c.code"),
                label("c.name"),
                label("c.district"),
                label("c.sector"),
                label("c.park"),
                label("c.stage"),
                label("c.potential"),
                label("c.officers"),
                label("c.keu")),
            fac,
            new float[] {1.3f, 3, 1.5f, 0.8f, 1.3f, 1.4f, 0.8f, 0.9f, 0.8f}));

    List<List<Cell>> pil = new ArrayList<>();
    for (PilotRow p : pilots) {
      pil.add(
          List.of(
              Cell.text(p.code()),
              Cell.text(p.name()),
              Cell.text(p.sites()),
              Cell.text(p.resource()),
              Cell.text(label(p.status())),
              Cell.text(p.from() + " .. " + p.to()),
              Cell.number(p.fraction(), percent(p.fraction())),
              Cell.text(percent(p.fractionLow()) + " – " + percent(p.fractionHigh())),
              quantity(p.amount(), 2),
              Cell.text(p.unit()),
              p.money() == null
                  ? Cell.text(none())
                  : Cell.number(p.money(), number(p.money(), 0) + " " + p.currency())));
    }
    tables.add(
        new Table(
            label("s.pilots"),
            label("sh.pilots"),
            List.of(
                label("c.code"),
                label("c.name"),
                label("c.sites"),
                label("c.resource"),
                label("c.status"),
                label("c.saving_period"),
                label("c.fraction"),
                label("c.band"),
                label("c.amount"),
                label("c.unit"),
                label("c.money")),
            pil,
            new float[] {1.2f, 2.2f, 1.4f, 1, 1, 1.8f, 0.9f, 1.3f, 1.1f, 0.6f, 1.3f}));

    List<String> trendHeader = new ArrayList<>();
    trendHeader.add(label("c.indicator"));
    List<ProgrammeIndicators> periods = new ArrayList<>(previous);
    periods.add(now);
    for (ProgrammeIndicators p : periods) {
      trendHeader.add(p.period() == null ? p.asOf().toString() : p.period().label());
    }
    List<List<Cell>> trend = new ArrayList<>();
    List<String> names = headlineLabels();
    for (int k = 0; k < names.size(); k++) {
      List<Cell> row = new ArrayList<>();
      row.add(Cell.text(names.get(k)));
      for (ProgrammeIndicators p : periods) {
        Figure f = headline(p.indicators()).get(k);
        row.add(Cell.number(f.share(), fraction(f) + " (" + percent(f.share()) + ")"));
      }
      trend.add(row);
    }
    List<Cell> toe = new ArrayList<>();
    toe.add(Cell.text(label("c.toe")));
    for (ProgrammeIndicators p : periods) {
      toe.add(quantity(p.verified().toe(), 2));
    }
    trend.add(toe);
    tables.add(new Table(label("s.trend"), label("sh.trend"), trendHeader, trend, null));

    List<List<Cell>> keu = new ArrayList<>();
    for (ProgrammeIndicators.KeyUser k : now.keyEnergyUsers().list()) {
      keu.add(
          List.of(
              Cell.text(k.id()),
              Cell.text(k.name()),
              quantity(k.toe(), 1),
              Cell.text(label(k.onNationalList() ? "yes" : "no")),
              Cell.text(k.note() == null ? "" : k.note())));
    }
    tables.add(
        new Table(
            label("s.keu"),
            label("sh.keu"),
            List.of(
                label("c.code"),
                label("c.name"),
                label("c.year_toe")
                    .replace("{year}", Integer.toString(now.keyEnergyUsers().year())),
                label("c.listed"),
                label("c.note")),
            keu,
            new float[] {1.3f, 3, 1, 1, 3.5f}));

    tables.add(
        new Table(
            label("s.notes"),
            label("sh.notes"),
            List.of(label("c.note")),
            now.notes().stream().map(s -> List.of(Cell.text(s))).toList(),
            null));
    return new TableDocument(title, lines, tables);
  }

  private Table group(
      String title, String sheet, String keyLabel, List<ProgrammeIndicators.Group> groups) {
    List<String> header = new ArrayList<>();
    header.add(keyLabel);
    header.add(label("c.facilities"));
    for (String l : headlineLabels()) {
      header.add(l);
    }
    header.add(label("c.kwh"));
    header.add(label("c.toe"));
    List<List<Cell>> rows = new ArrayList<>();
    for (ProgrammeIndicators.Group g : groups) {
      List<Cell> row = new ArrayList<>();
      row.add(Cell.text(g.key().isEmpty() ? none() : g.key()));
      row.add(count(g.indicators().facilities()));
      for (Figure f : headline(g.indicators())) {
        row.add(Cell.number(f.share(), fraction(f) + " (" + percent(f.share()) + ")"));
      }
      row.add(quantity(g.verified().kwhFinal(), 0));
      row.add(quantity(g.verified().toe(), 2));
      rows.add(row);
    }
    return new Table(
        title, sheet, header, rows, new float[] {2, 1, 1.3f, 1.3f, 1.3f, 1.3f, 1.3f, 1.3f, 1});
  }
}
