package org.energytrace.ingest.showcase;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class QrSvgTest {
  static final Pattern VIEW = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"");
  static final Pattern RUN = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-(\\d+)z");

  @Test
  void theDrawnCodeReadsBackAsTheAddress() throws Exception {
    String url = "https://energy.example.vn/showcase.html?enterprise=demo-brewery&site=plant-1";
    String svg = QrSvg.of(url);

    // the SVG's dark runs drawn into pixels (4 per module) and read by ZXing's decoder
    Matcher v = VIEW.matcher(svg);
    assertThat(v.find()).isTrue();
    int modules = Integer.parseInt(v.group(1));
    int scale = 4;
    int size = modules * scale;
    int[] pixels = new int[size * size];
    Arrays.fill(pixels, 0xFFFFFFFF);
    Matcher run = RUN.matcher(svg);
    int runs = 0;
    while (run.find()) {
      runs++;
      int x = Integer.parseInt(run.group(1));
      int y = Integer.parseInt(run.group(2));
      int w = Integer.parseInt(run.group(3));
      for (int py = y * scale; py < (y + 1) * scale; py++) {
        for (int px = x * scale; px < (x + w) * scale; px++) {
          pixels[py * size + px] = 0xFF000000;
        }
      }
    }
    assertThat(runs).isPositive();
    String read =
        new QRCodeReader()
            .decode(
                new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(size, size, pixels))))
            .getText();
    assertThat(read).isEqualTo(url);
    // the quiet zone: nothing drawn in the outer four modules
    assertThat(svg).doesNotContain("M0 ", "M1 ", "M2 ", "M3 ");
  }
}
