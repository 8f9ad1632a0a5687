package org.energytrace.ingest.showcase;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import java.util.Map;

/**
 * A QR code as a small SVG document (ZXing encodes, this draws): one path of the dark modules, runs
 * of a row merged, with the standard four-module quiet zone (ISO/IEC 18004 §7.3.7). Error
 * correction level M (15 %): a code on a lobby screen, photographed from a few metres.
 */
public final class QrSvg {
  private static final int QUIET = 4;

  private QrSvg() {}

  /** The SVG of a QR code holding {@code text} (UTF-8). */
  public static String of(String text) {
    ByteMatrix m;
    try {
      m =
          Encoder.encode(
                  text, ErrorCorrectionLevel.M, Map.of(EncodeHintType.CHARACTER_SET, "UTF-8"))
              .getMatrix();
    } catch (WriterException e) {
      throw new IllegalArgumentException("cannot encode as a QR code: " + e.getMessage(), e);
    }
    int size = m.getWidth() + 2 * QUIET;
    StringBuilder path = new StringBuilder();
    for (int y = 0; y < m.getHeight(); y++) {
      int x = 0;
      while (x < m.getWidth()) {
        if (m.get(x, y) != 1) {
          x++;
          continue;
        }
        int start = x;
        while (x < m.getWidth() && m.get(x, y) == 1) {
          x++;
        }
        path.append('M')
            .append(start + QUIET)
            .append(' ')
            .append(y + QUIET)
            .append('h')
            .append(x - start)
            .append("v1h-")
            .append(x - start)
            .append('z');
      }
    }
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "
        + size
        + " "
        + size
        + "\" shape-rendering=\"crispEdges\"><rect width=\""
        + size
        + "\" height=\""
        + size
        + "\" fill=\"#fff\"/><path fill=\"#000\" d=\""
        + path
        + "\"/></svg>";
  }
}
