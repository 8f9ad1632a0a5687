package org.energytrace.ingest.cp;

import com.lowagie.text.Document;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.energytrace.analytics.cp.CpMethod;

/**
 * The CP assessment report in the standard template (VNCPC guidance, reference "A CP report"):
 * company and site, the CP team, the process steps with their inputs and outputs, the audit focus
 * with its material and energy balance, the causes of waste, the method's steps, the options table
 * (type, action, investment, yearly saving, payback, feasibility, decision) and the implementation
 * status. Rendered from the stored record as PDF (OpenPDF, DejaVu Sans for Vietnamese) or XLSX
 * (POI), in Vietnamese or English. Money is written as whole đồng, payback with two decimals, in
 * the language's number format.
 */
public final class CpReport {
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

  public CpReport(String lang) {
    if (!lang.equals("vi") && !lang.equals("en")) {
      throw new IllegalArgumentException("lang " + lang);
    }
    this.lang = lang;
  }

  String label(String key) {
    String[] l = LABELS.get(key);
    return l == null ? key : l[lang.equals("vi") ? 0 : 1];
  }

  /** Whole đồng in the language's grouping: 120.000.000 (vi), 120,000,000 (en). */
  public static String money(double v, String lang) {
    DecimalFormat f =
        new DecimalFormat(
            "#,##0",
            DecimalFormatSymbols.getInstance(
                lang.equals("vi") ? Locale.forLanguageTag("vi") : Locale.ENGLISH));
    return f.format(Math.round(v));
  }

  /** Two decimals: 1,50 (vi), 1.50 (en). */
  public static String decimal(Double v, String lang) {
    if (v == null) {
      return "—";
    }
    DecimalFormat f =
        new DecimalFormat(
            "#,##0.00",
            DecimalFormatSymbols.getInstance(
                lang.equals("vi") ? Locale.forLanguageTag("vi") : Locale.ENGLISH));
    return f.format(v);
  }

  private static String num(Object v, String lang) {
    if (!(v instanceof Number n)) {
      return "—";
    }
    double d = n.doubleValue();
    DecimalFormat f =
        new DecimalFormat(
            "#,##0.###",
            DecimalFormatSymbols.getInstance(
                lang.equals("vi") ? Locale.forLanguageTag("vi") : Locale.ENGLISH));
    return f.format(d);
  }

  private static String s(Object v) {
    return v == null ? "—" : v.toString();
  }

  /** A titled table: its header and rows of text. */
  record Section(String title, List<String> header, List<List<String>> rows) {}

  @SuppressWarnings("unchecked")
  List<Section> sections(Map<String, Object> a) {
    List<Section> out = new ArrayList<>();
    Map<String, Object> fac = (Map<String, Object>) a.get("facility");
    out.add(
        new Section(
            label("company"),
            List.of("", ""),
            List.of(
                List.of(label("enterprise"), s(a.get("enterprise"))),
                List.of(label("legal_name"), s(fac.get("legal_name_vi"))),
                List.of(label("sector"), s(fac.get("vsic"))),
                List.of(label("district"), s(fac.get("district"))),
                List.of(label("site"), s(a.get("site"))),
                List.of(label("assessment"), a.get("code") + " — " + a.get("title")),
                List.of(label("kind"), label((String) a.get("kind"))),
                List.of(label("status"), label((String) a.get("status"))),
                List.of(label("started_on"), s(a.get("started_on"))))));
    List<List<String>> team = new ArrayList<>();
    for (Object o : (List<Object>) a.get("team")) {
      Map<String, Object> m = (Map<String, Object>) o;
      team.add(List.of(s(m.get("name")), s(m.get("role")), s(m.get("position"))));
    }
    out.add(
        new Section(label("team"), List.of(label("name"), label("role"), label("position")), team));
    List<List<String>> steps = new ArrayList<>();
    for (Object o : (List<Object>) a.get("process_steps")) {
      Map<String, Object> m = (Map<String, Object>) o;
      steps.add(
          List.of(
              s(m.get("name")),
              flows((List<Object>) m.get("inputs")),
              flows((List<Object>) m.get("outputs"))));
    }
    out.add(
        new Section(
            label("process"), List.of(label("step"), label("inputs"), label("outputs")), steps));
    Map<String, Object> bal = (Map<String, Object>) a.get("balance");
    List<List<String>> balance = new ArrayList<>();
    balance.add(List.of(label("focus_step"), s(a.get("focus_step")), "", "", ""));
    balance.add(
        List.of(label("period"), s(bal.get("from")) + " .. " + s(bal.get("to")), "", "", ""));
    for (String side : List.of("inputs", "outputs")) {
      for (Object o : (List<Object>) bal.get(side)) {
        Map<String, Object> m = (Map<String, Object>) o;
        balance.add(
            List.of(
                label(side),
                m.get("kind") + ": " + m.get("name"),
                num(m.get("amount"), lang),
                s(m.get("unit")),
                s(m.get("source"))));
      }
    }
    out.add(
        new Section(
            label("focus"),
            List.of(label("flow"), "", label("amount"), label("unit"), label("source")),
            balance));
    List<List<String>> causes = new ArrayList<>();
    for (Object o : (List<Object>) a.get("waste_causes")) {
      Map<String, Object> m = (Map<String, Object>) o;
      causes.add(
          List.of(
              s(m.get("stream")),
              s(m.get("cause")),
              m.get("yearly_cost") instanceof Number n ? money(n.doubleValue(), lang) : "—"));
    }
    out.add(
        new Section(
            label("causes"),
            List.of(label("stream"), label("cause"), label("yearly_cost")),
            causes));
    List<List<String>> method = new ArrayList<>();
    Map<String, Object> tasks = (Map<String, Object>) a.get("tasks");
    for (Object o : (List<Object>) a.get("steps")) {
      Map<String, Object> m = (Map<String, Object>) o;
      int n = ((Number) m.get("step")).intValue();
      CpMethod.Step st = CpMethod.STEPS.get(n - 1);
      method.add(List.of(n + ". " + st.label(lang), label((String) m.get("status"))));
      for (CpMethod.Task t : st.tasks()) {
        method.add(
            List.of(
                "    " + t.number() + ". " + t.label(lang),
                label((String) tasks.get(Integer.toString(t.number())))));
      }
    }
    out.add(new Section(label("method"), List.of(label("step"), label("status")), method));
    List<List<String>> options = new ArrayList<>();
    List<List<String>> impl = new ArrayList<>();
    for (Map<String, Object> o : (List<Map<String, Object>>) a.get("options")) {
      Map<String, Object> fe = (Map<String, Object>) o.get("feasibility");
      StringBuilder res = new StringBuilder();
      for (Object sv : (List<Object>) o.get("savings")) {
        Map<String, Object> m = (Map<String, Object>) sv;
        if (res.length() > 0) {
          res.append("; ");
        }
        res.append(m.get("resource"))
            .append(' ')
            .append(num(m.get("amount"), lang))
            .append(' ')
            .append(m.get("unit"));
      }
      options.add(
          List.of(
              s(o.get("code")),
              s(o.get(lang.equals("vi") ? "type_vi" : "type_en")),
              s(o.get("description")),
              money(((Number) o.get("investment")).doubleValue(), lang),
              money(((Number) o.get("money_saving")).doubleValue(), lang),
              decimal((Double) o.get("payback_years"), lang),
              res.toString(),
              label((String) fe.get("technical"))
                  + " / "
                  + label((String) fe.get("economic"))
                  + " / "
                  + label((String) fe.get("environmental")),
              o.get("decision") == null ? "—" : label((String) o.get("decision"))));
      impl.add(
          List.of(
              s(o.get("code")),
              s(o.get("implemented_on")),
              s(o.get("enpi")),
              s(o.get("measure_date")),
              verified((Map<String, Object>) o.get("verified"))));
    }
    Map<String, Object> totals = (Map<String, Object>) a.get("totals_not_rejected");
    options.add(
        List.of(
            label("totals"),
            "",
            "",
            money(((Number) totals.get("investment")).doubleValue(), lang),
            money(((Number) totals.get("money_saving")).doubleValue(), lang),
            decimal((Double) totals.get("payback_years"), lang),
            "",
            "",
            ""));
    out.add(
        new Section(
            label("options"),
            List.of(
                label("code"),
                label("type"),
                label("description"),
                label("investment"),
                label("money_saving"),
                label("payback"),
                label("resources"),
                label("feasibility"),
                label("decision")),
            options));
    out.add(
        new Section(
            label("implementation"),
            List.of(
                label("code"),
                label("implemented_on"),
                label("enpi"),
                label("measure_date"),
                label("verified")),
            impl));
    return out;
  }

  /**
   * "8,9 % (1.234 kWh, 01-21..01-30)", the same marked indicative while no period is signed off,
   * pending, or — for an option not linked.
   */
  private String verified(Map<String, Object> v) {
    if (v == null) {
      return "—";
    }
    boolean indicative = "indicative".equals(v.get("status"));
    if (!"verified".equals(v.get("status")) && !indicative) {
      return label("pending");
    }
    Object f = v.get("savings_fraction");
    String pct = f instanceof Number n ? decimal(n.doubleValue() * 100, lang) + " %" : "—";
    return pct
        + " ("
        + num(v.get("savings"), lang)
        + " "
        + s(v.get("energy_unit"))
        + ", "
        + v.get("from")
        + " .. "
        + v.get("to")
        + ")"
        + (indicative ? " — " + label("indicative") : "");
  }

  @SuppressWarnings("unchecked")
  private String flows(List<Object> rows) {
    StringBuilder b = new StringBuilder();
    for (Object o : rows) {
      Map<String, Object> m = (Map<String, Object>) o;
      if (b.length() > 0) {
        b.append("; ");
      }
      b.append(m.get("name"));
      if (m.get("amount") != null) {
        b.append(' ').append(num(m.get("amount"), lang)).append(' ').append(s(m.get("unit")));
      }
    }
    return b.toString();
  }

  public byte[] pdf(Map<String, Object> a) {
    try (InputStream in = CpReport.class.getResourceAsStream("/fonts/DejaVuSans.ttf")) {
      byte[] ttf = in.readAllBytes();
      BaseFont base =
          BaseFont.createFont(
              "DejaVuSans.ttf", BaseFont.IDENTITY_H, BaseFont.EMBEDDED, true, ttf, null);
      Font title = new Font(base, 14);
      Font head = new Font(base, 11);
      Font body = new Font(base, 8);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Document doc = new Document(PageSize.A4.rotate(), 36, 36, 36, 36);
      PdfWriter.getInstance(doc, out);
      doc.open();
      doc.addTitle(label("title"));
      doc.add(new Paragraph(label("title"), title));
      for (Section s : sections(a)) {
        doc.add(new Paragraph(" ", body));
        doc.add(new Paragraph(s.title(), head));
        doc.add(new Paragraph(" ", body));
        PdfPTable t =
            s.header().size() == 9
                ? new PdfPTable(new float[] {0.6f, 1.5f, 2.4f, 1.3f, 1.3f, 0.8f, 1.6f, 1.6f, 1f})
                : new PdfPTable(s.header().size());
        t.setWidthPercentage(100);
        if (!s.header().stream().allMatch(String::isEmpty)) {
          for (String h : s.header()) {
            t.addCell(new Paragraph(h, body));
          }
        }
        for (List<String> r : s.rows()) {
          for (String c : r) {
            t.addCell(new Paragraph(c, body));
          }
        }
        if (s.rows().isEmpty()) {
          for (int i = 0; i < s.header().size(); i++) {
            t.addCell(new Paragraph(i == 0 ? label("none") : "", body));
          }
        }
        doc.add(t);
      }
      doc.close();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * One sheet per section; money and payback are also numeric cells (column after the text ones),
   * so that a spreadsheet can sum them.
   */
  @SuppressWarnings("unchecked")
  public byte[] xlsx(Map<String, Object> a) {
    try (XSSFWorkbook wb = new XSSFWorkbook();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = wb.createSheet(lang.equals("vi") ? "Báo cáo SXSH" : "CP report");
      int i = 0;
      sheet.createRow(i++).createCell(0).setCellValue(label("title"));
      for (Section s : sections(a)) {
        i++;
        sheet.createRow(i++).createCell(0).setCellValue(s.title());
        Row h = sheet.createRow(i++);
        for (int k = 0; k < s.header().size(); k++) {
          h.createCell(k).setCellValue(s.header().get(k));
        }
        for (List<String> r : s.rows()) {
          Row row = sheet.createRow(i++);
          for (int k = 0; k < r.size(); k++) {
            row.createCell(k).setCellValue(r.get(k));
          }
        }
      }
      // the options as numbers: code, investment, yearly saving, payback
      Sheet nums = wb.createSheet(lang.equals("vi") ? "Giải pháp" : "Options");
      Row h = nums.createRow(0);
      String[] head = {label("code"), label("investment"), label("money_saving"), label("payback")};
      for (int k = 0; k < head.length; k++) {
        h.createCell(k).setCellValue(head[k]);
      }
      int r = 1;
      for (Map<String, Object> o : (List<Map<String, Object>>) a.get("options")) {
        Row row = nums.createRow(r++);
        row.createCell(0).setCellValue((String) o.get("code"));
        row.createCell(1).setCellValue(((Number) o.get("investment")).doubleValue());
        row.createCell(2).setCellValue(((Number) o.get("money_saving")).doubleValue());
        if (o.get("payback_years") instanceof Number p) {
          row.createCell(3).setCellValue(p.doubleValue());
        }
      }
      sheet.setColumnWidth(0, 40 * 256);
      sheet.setColumnWidth(1, 30 * 256);
      sheet.setColumnWidth(2, 50 * 256);
      wb.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The report as a Word document (POI XWPF): the title, then each section as a heading and a table
   * (its header row, then its rows), the same texts as the PDF.
   */
  public byte[] docx(Map<String, Object> a) {
    try (XWPFDocument doc = new XWPFDocument();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      doc.getProperties().getCoreProperties().setTitle(label("title"));
      XWPFRun t = doc.createParagraph().createRun();
      t.setBold(true);
      t.setFontSize(14);
      t.setText(label("title"));
      for (Section s : sections(a)) {
        XWPFRun h = doc.createParagraph().createRun();
        h.setBold(true);
        h.setFontSize(11);
        h.setText(s.title());
        boolean header = !s.header().stream().allMatch(String::isEmpty);
        List<List<String>> rows = new ArrayList<>();
        if (header) {
          rows.add(s.header());
        }
        rows.addAll(s.rows());
        if (rows.isEmpty()) {
          doc.createParagraph().createRun().setText(label("none"));
          continue;
        }
        XWPFTable table = doc.createTable(rows.size(), s.header().size());
        for (int r = 0; r < rows.size(); r++) {
          XWPFTableRow row = table.getRow(r);
          for (int k = 0; k < rows.get(r).size(); k++) {
            XWPFRun run = row.getCell(k).getParagraphs().get(0).createRun();
            run.setFontSize(8);
            run.setBold(header && r == 0);
            run.setText(rows.get(r).get(k));
          }
        }
      }
      doc.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
