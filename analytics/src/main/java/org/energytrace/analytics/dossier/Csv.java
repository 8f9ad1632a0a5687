package org.energytrace.analytics.dossier;

import java.util.ArrayList;
import java.util.List;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.AnalyticsException.Code;
import org.energytrace.analytics.units.DataCsv;

/**
 * The dossier's CSV: RFC 4180 with {@code \n} line ends, one record per line (no cell holds a line
 * break), a cell quoted only when it holds a comma or a quote, quotes doubled.
 */
final class Csv {

  /** A record with its line number (1 = header) and the line's exact text. */
  record Line(int number, String text, List<String> cells) {}

  private Csv() {}

  static String line(List<String> cells) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String c = cells.get(i);
      if (c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0) {
        throw new AnalyticsException(Code.INVALID_INPUT, "a CSV cell holds a line break: " + c);
      }
      if (i > 0) {
        b.append(',');
      }
      if (c.indexOf(',') >= 0 || c.indexOf('"') >= 0) {
        b.append('"').append(c.replace("\"", "\"\"")).append('"');
      } else {
        b.append(c);
      }
    }
    return b.append('\n').toString();
  }

  /** The lines of a file (a final line end is optional; blank lines are refused). */
  static List<Line> parse(String file, String text) {
    List<Line> out = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    int n = lines.length;
    if (n > 0 && lines[n - 1].isEmpty()) {
      n--;
    }
    for (int i = 0; i < n; i++) {
      out.add(new Line(i + 1, lines[i], cells(file, i + 1, lines[i])));
    }
    return out;
  }

  private static List<String> cells(String file, int row, String line) {
    return DataCsv.cells(line, problem -> bad(file, row, problem));
  }

  static AnalyticsException bad(String file, int row, String problem) {
    return new AnalyticsException(Code.INVALID_INPUT, file + " row " + row + ": " + problem);
  }
}
