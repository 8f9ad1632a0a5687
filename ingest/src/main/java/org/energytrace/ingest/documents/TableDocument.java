package org.energytrace.ingest.documents;

import com.lowagie.text.pdf.PdfPTable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A document of titled tables, rendered as PDF or XLSX from the same content so that both show the
 * same figures. The PDF prints each cell's {@link Cell#text()}; the workbook writes a cell with a
 * {@link Cell#number()} as a numeric cell (its text is how the PDF shows it) in its {@link
 * Cell#format()}, so that a spreadsheet shows 11.0 % where the PDF does, not 0.1095605….
 */
public record TableDocument(String title, List<String> lines, List<Table> tables) {

  public TableDocument {
    Objects.requireNonNull(title, "title");
    lines = List.copyOf(lines);
    tables = List.copyOf(tables);
  }

  /**
   * One cell: its text, its value when it is a number (null otherwise), and the spreadsheet's
   * number format of that value (Excel's codes, e.g. {@code #,##0.00} or {@code 0.0%}; the
   * spreadsheet shows them in its reader's separators).
   */
  public record Cell(String text, Double number, String format) {
    public static final String PERCENT = "0.0%";

    public Cell {
      text = text == null ? "—" : text;
    }

    public static Cell text(String text) {
      return new Cell(text, null, null);
    }

    /** A number shown as {@code shown}, written with {@code decimals} decimals. */
    public static Cell number(double value, String shown, int decimals) {
      return new Cell(
          shown,
          Double.isNaN(value) ? null : value,
          decimals == 0 ? "#,##0" : "#,##0." + "0".repeat(decimals));
    }

    /** A fraction shown as {@code shown} (a percentage), written as a percentage. */
    public static Cell fraction(double value, String shown) {
      return new Cell(shown, Double.isNaN(value) ? null : value, PERCENT);
    }
  }

  /**
   * A titled table; {@code sheet} is its short name in the workbook (at most 31 characters), {@code
   * widths} the relative widths of its columns in the PDF (empty: equal).
   */
  public record Table(
      String title, String sheet, List<String> header, List<List<Cell>> rows, float[] widths) {
    public Table {
      header = List.copyOf(header);
      rows = rows.stream().map(List::copyOf).toList();
      for (List<Cell> r : rows) {
        if (r.size() != header.size()) {
          throw new IllegalArgumentException(
              title + ": a row of " + r.size() + " cells under " + header.size() + " columns");
        }
      }
    }
  }

  /** The PDF, A4 landscape, DejaVu Sans embedded. {@code none} fills an empty table's row. */
  public byte[] pdf(String none) {
    try {
      DejaVuPdf pdf = DejaVuPdf.tables(title);
      for (String line : lines) {
        pdf.line(line);
      }
      for (Table t : tables) {
        PdfPTable p =
            t.widths() != null && t.widths().length == t.header().size()
                ? new PdfPTable(t.widths())
                : new PdfPTable(t.header().size());
        p.setHeaderRows(1);
        pdf.table(
            t.title(),
            p,
            t.header(),
            t.rows().stream().map(r -> r.stream().map(Cell::text).toList()).toList(),
            none);
      }
      return pdf.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The workbook: a first sheet with the title and the lines, then one sheet per table (header in
   * row 1, then the rows; numbers as numeric cells).
   */
  public byte[] xlsx(String firstSheet) {
    try (XSSFWorkbook wb = new XSSFWorkbook();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Set<String> names = new HashSet<>();
      Map<String, CellStyle> styles = new HashMap<>();
      Sheet front = wb.createSheet(sheetName(firstSheet, names));
      front.createRow(0).createCell(0).setCellValue(title);
      for (int i = 0; i < lines.size(); i++) {
        front.createRow(i + 1).createCell(0).setCellValue(lines.get(i));
      }
      front.setColumnWidth(0, 100 * 256);
      for (Table t : tables) {
        Sheet s = wb.createSheet(sheetName(t.sheet(), names));
        Row h = s.createRow(0);
        for (int k = 0; k < t.header().size(); k++) {
          h.createCell(k).setCellValue(t.header().get(k));
        }
        int i = 1;
        for (List<Cell> r : t.rows()) {
          Row row = s.createRow(i++);
          for (int k = 0; k < r.size(); k++) {
            Cell c = r.get(k);
            if (c.number() != null) {
              var cell = row.createCell(k);
              cell.setCellValue(c.number());
              if (c.format() != null) {
                cell.setCellStyle(
                    styles.computeIfAbsent(
                        c.format(),
                        f -> {
                          CellStyle style = wb.createCellStyle();
                          style.setDataFormat(wb.createDataFormat().getFormat(f));
                          return style;
                        }));
              }
            } else {
              row.createCell(k).setCellValue(c.text());
            }
          }
        }
        s.setColumnWidth(0, 36 * 256);
      }
      wb.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sheetName(String wanted, Set<String> taken) {
    String base = WorkbookUtil.createSafeSheetName(wanted);
    String name = base;
    for (int n = 2; !taken.add(name.toLowerCase(Locale.ROOT)); n++) {
      String suffix = " " + n;
      name = base.substring(0, Math.min(base.length(), 31 - suffix.length())) + suffix;
    }
    return name;
  }
}
