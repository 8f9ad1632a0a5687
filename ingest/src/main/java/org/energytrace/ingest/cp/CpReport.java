package org.energytrace.ingest.cp;

import com.lowagie.text.pdf.PdfPTable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.energytrace.ingest.cp.CpReportSections.Section;
import org.energytrace.ingest.documents.DejaVuPdf;
import org.energytrace.ingest.documents.Labels;

/**
 * The CP assessment report in the standard template (VNCPC guidance, reference "A CP report"),
 * rendered from the stored record as PDF (OpenPDF, DejaVu Sans for Vietnamese), XLSX or DOCX (POI),
 * in Vietnamese or English. What it says is {@link CpReportSections} (its words {@link Labels}
 * {@code cp-report}, its numbers {@link CpNumbers}); this class lays the same tables out in each
 * format.
 */
public final class CpReport {
  private final Labels labels;

  public CpReport(String lang) {
    this.labels = Labels.of("cp-report", lang);
  }

  private String label(String key) {
    return labels.label(key);
  }

  private List<Section> sections(Map<String, Object> a) {
    return new CpReportSections(labels).sections(a);
  }

  public byte[] pdf(Map<String, Object> a) {
    try {
      DejaVuPdf pdf = DejaVuPdf.tables(label("title"));
      for (Section s : sections(a)) {
        pdf.table(
            s.title(),
            s.header().size() == 9
                ? new PdfPTable(new float[] {0.6f, 1.5f, 2.4f, 1.3f, 1.3f, 0.8f, 1.6f, 1.6f, 1f})
                : new PdfPTable(s.header().size()),
            s.header().stream().allMatch(String::isEmpty) ? List.of() : s.header(),
            s.rows(),
            label("none"));
      }
      return pdf.close();
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
      Sheet sheet = wb.createSheet(label("sheet.report"));
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
      Sheet nums = wb.createSheet(label("sheet.options"));
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
