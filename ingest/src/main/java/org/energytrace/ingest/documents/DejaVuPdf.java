package org.energytrace.ingest.documents;

import com.lowagie.text.Document;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * An open PDF document written to memory, with DejaVu Sans embedded so that Vietnamese prints: the
 * set-up the tabular documents and the CP reports share.
 */
public final class DejaVuPdf {

  private final BaseFont base;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final Document document;

  private DejaVuPdf(BaseFont base, Rectangle page, float margin) {
    this.base = base;
    this.document = new Document(page, margin, margin, margin, margin);
    PdfWriter.getInstance(document, out);
    document.open();
  }

  /** Opens a document of {@code page} size with {@code margin} points on every side. */
  public static DejaVuPdf open(Rectangle page, float margin) throws IOException {
    try (InputStream in = DejaVuPdf.class.getResourceAsStream("/fonts/DejaVuSans.ttf")) {
      byte[] ttf = in.readAllBytes();
      BaseFont base =
          BaseFont.createFont(
              "DejaVuSans.ttf", BaseFont.IDENTITY_H, BaseFont.EMBEDDED, true, ttf, null);
      return new DejaVuPdf(base, page, margin);
    }
  }

  /**
   * Opens a document of titled tables, A4 landscape with 36 points on every side: {@code title} is
   * its title and its first line (14 points). The tabular documents and the CP report are laid out
   * so, with {@link #line} and {@link #table}.
   */
  public static DejaVuPdf tables(String title) throws IOException {
    DejaVuPdf pdf = open(PageSize.A4.rotate(), 36);
    pdf.document.addTitle(title);
    pdf.document.add(new Paragraph(title, pdf.font(14)));
    return pdf;
  }

  /** A line of text in 8 points. */
  public void line(String text) {
    document.add(new Paragraph(text, font(8)));
  }

  /**
   * Adds {@code table} at full width under a blank line, {@code title} (11 points) and a blank
   * line, filled with the {@code header} cells (none when empty) and the cells of the {@code rows};
   * with no rows, one row of blanks with {@code none} first. Every cell in 8 points.
   */
  public void table(
      String title,
      PdfPTable table,
      List<String> header,
      List<? extends List<String>> rows,
      String none) {
    Font body = font(8);
    document.add(new Paragraph(" ", body));
    document.add(new Paragraph(title, font(11)));
    document.add(new Paragraph(" ", body));
    table.setWidthPercentage(100);
    for (String h : header) {
      table.addCell(new Paragraph(h, body));
    }
    for (List<String> r : rows) {
      for (String c : r) {
        table.addCell(new Paragraph(c, body));
      }
    }
    if (rows.isEmpty()) {
      for (int i = 0; i < table.getNumberOfColumns(); i++) {
        table.addCell(new Paragraph(i == 0 ? none : "", body));
      }
    }
    document.add(table);
  }

  /** DejaVu Sans at {@code size} points. */
  public Font font(float size) {
    return new Font(base, size);
  }

  public Document document() {
    return document;
  }

  /** Closes the document and returns the PDF's bytes. */
  public byte[] close() {
    document.close();
    return out.toByteArray();
  }
}
