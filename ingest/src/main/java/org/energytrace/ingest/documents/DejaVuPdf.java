package org.energytrace.ingest.documents;

import com.lowagie.text.Document;
import com.lowagie.text.Font;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

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
