package org.energytrace.ingest.verification.dossier;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.energytrace.ingest.verification.dossier.DossierReport.Line;

/**
 * report.xlsx of the dossier: one sheet of the report's lines (label, text and, where there is one,
 * the number), then the sign-offs on record and this dossier's own sign-off block, as report.pdf
 * prints them ({@link DossierReport}).
 */
final class DossierSheet {
  private DossierSheet() {}

  static byte[] write(
      String lang,
      ReportLabels labels,
      List<Line> lines,
      List<String> signed,
      List<String[]> signoffBlock) {
    try (XSSFWorkbook wb = new XSSFWorkbook();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = wb.createSheet(lang.equals("vi") ? "Báo cáo" : "Report");
      sheet.createRow(0).createCell(0).setCellValue(labels.label("title"));
      int i = 2;
      for (Line l : lines) {
        Row r = sheet.createRow(i++);
        r.createCell(0).setCellValue(l.label());
        r.createCell(1).setCellValue(l.text());
        if (l.value() != null) {
          r.createCell(2).setCellValue(l.value());
        }
      }
      i++;
      sheet.createRow(i++).createCell(0).setCellValue(labels.label("signoff"));
      for (String t : signed.isEmpty() ? List.of(labels.label("no_signoffs")) : signed) {
        Row r = sheet.createRow(i++);
        r.createCell(0).setCellValue(labels.label("signoffs_on_record"));
        r.createCell(1).setCellValue(labels.days(t));
      }
      i++;
      sheet.createRow(i++).createCell(0).setCellValue(labels.label("this_signoff"));
      for (String[] row : signoffBlock) {
        Row r = sheet.createRow(i++);
        r.createCell(0).setCellValue(row[0]);
        r.createCell(1).setCellValue(labels.days(row[1]));
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
