package org.energytrace.ingest.cp;

import com.lowagie.text.Document;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.PdfPTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.energytrace.ingest.documents.DejaVuPdf;
import org.energytrace.ingest.documents.Labels;

/**
 * A published guidance note as a PDF (OpenPDF, DejaVu Sans for Vietnamese): its title and text in
 * the language asked for (the Vietnamese where no English is given), its sector, and the measures
 * catalogue's entries it cites (option type, process, action, investment, yearly saving, payback,
 * verified savings fraction), with the numbers in the language's format as the CP report writes
 * them.
 */
final class CpGuidanceDocument {
  private final String lang;

  CpGuidanceDocument(String lang) {
    this.lang = lang;
  }

  private String t(String vi, String en) {
    return lang.equals("vi") ? vi : en;
  }

  private static String s(Object v) {
    return v == null ? "—" : v.toString();
  }

  private String text(Map<String, Object> note, String field) {
    Object en = note.get(field + "_en");
    return lang.equals("en") && en != null ? en.toString() : s(note.get(field + "_vi"));
  }

  @SuppressWarnings("unchecked")
  byte[] pdf(Map<String, Object> note, List<Map<String, Object>> entries) {
    try {
      DejaVuPdf pdf = DejaVuPdf.open(PageSize.A4, 48);
      Font title = pdf.font(14);
      Font head = pdf.font(11);
      Font body = pdf.font(10);
      Font small = pdf.font(8);
      Document doc = pdf.document();
      doc.addTitle(text(note, "title"));
      doc.add(new Paragraph(t("HƯỚNG DẪN SẢN XUẤT SẠCH HƠN", "CLEANER PRODUCTION GUIDANCE"), head));
      doc.add(new Paragraph(text(note, "title"), title));
      doc.add(new Paragraph(t("Ngành (VSIC): ", "Sector (VSIC): ") + note.get("sector"), body));
      doc.add(new Paragraph(" ", body));
      for (String para : text(note, "body").split("\n")) {
        doc.add(new Paragraph(para, body));
      }
      doc.add(new Paragraph(" ", body));
      doc.add(
          new Paragraph(
              t(
                  "Giải pháp đã thực hiện và xác minh (danh mục giải pháp)",
                  "Implemented and verified measures (measures catalogue)"),
              head));
      doc.add(new Paragraph(" ", small));
      // the verified saving states its band, EnPI and period: its column is the widest
      PdfPTable table = new PdfPTable(new float[] {0.5f, 1.2f, 1f, 1.9f, 1.1f, 1.1f, 0.8f, 2.4f});
      table.setWidthPercentage(100);
      for (String h :
          List.of(
              t("Mã", "Id"),
              t("Loại giải pháp", "Option type"),
              t("Công đoạn", "Process"),
              t("Giải pháp", "Action"),
              t("Đầu tư (đ)", "Investment (VND)"),
              t("Tiết kiệm/năm dự kiến (đ)", "Expected saving per year (VND)"),
              t("Hoàn vốn dự kiến (năm)", "Expected payback (years)"),
              t(
                  "Tiết kiệm đã xác minh của EnPI (mọi giải pháp cùng kỳ; khoảng tin cậy)",
                  "Verified saving of its EnPI (every measure of the period; confidence band)"))) {
        table.addCell(new Paragraph(h, small));
      }
      for (Map<String, Object> e : entries) {
        Map<String, Object> v = (Map<String, Object>) e.get("verified");
        Object f = v == null ? null : v.get("savings_fraction");
        List<String> row =
            List.of(
                s(e.get("id")),
                s(e.get(lang.equals("vi") ? "type_vi" : "type_en")),
                s(e.get("process")),
                s(e.get("description")),
                CpNumbers.money(((Number) e.get("investment")).doubleValue(), lang),
                CpNumbers.money(((Number) e.get("expected_money_saving")).doubleValue(), lang),
                CpNumbers.decimal(
                    e.get("payback_years") instanceof Number p ? p.doubleValue() : null, lang),
                f instanceof Number n ? verified(v, n.doubleValue()) : "—");
        for (String c : row) {
          table.addCell(new Paragraph(c, small));
        }
      }
      if (entries.isEmpty()) {
        table.addCell(new Paragraph("—", small));
        for (int i = 1; i < 8; i++) {
          table.addCell(new Paragraph("", small));
        }
      }
      doc.add(table);
      return pdf.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The verified saving of the option's EnPI as a reader can weigh it: the fraction with its band
   * at the savings' confidence, the EnPI and the period ("10,12 % (9,21–11,03 %), plant-sec,
   * 06/11/2026–05/12/2026"): it is the whole EnPI's, all its measures of the period together, not
   * the option's alone.
   */
  private String verified(Map<String, Object> v, double fraction) {
    String out = CpNumbers.decimal(fraction * 100, lang) + " %";
    if (v.get("savings") instanceof Number s
        && v.get("savings_low") instanceof Number lo
        && v.get("savings_high") instanceof Number hi
        && s.doubleValue() != 0) {
      double k = fraction / s.doubleValue();
      out +=
          " ("
              + CpNumbers.decimal(lo.doubleValue() * k * 100, lang)
              + "–"
              + CpNumbers.decimal(hi.doubleValue() * k * 100, lang)
              + " %)";
    }
    return out
        + ", "
        + s(v.get("enpi"))
        + ", "
        + Labels.of("cp-report", lang).days(s(v.get("from")))
        + "–"
        + Labels.of("cp-report", lang).days(s(v.get("to")));
  }
}
