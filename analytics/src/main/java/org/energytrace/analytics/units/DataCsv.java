package org.energytrace.analytics.units;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.AnalyticsException.Code;

/**
 * The bundled data tables: RFC 4180 CSV with a header, {@code #} comment lines for provenance.
 * Tables ship inside the jar; reading them is the only resource access of the core.
 */
public final class DataCsv {

  /** One data row by column name, with its line number for error messages. */
  public record Row(String table, int line, Map<String, String> cells) {

    public String get(String column) {
      String v = cells.get(column);
      if (v == null) {
        throw new AnalyticsException(
            Code.INVALID_INPUT, table + " line " + line + ": no column '" + column + "'");
      }
      return v;
    }

    public double number(String column) {
      try {
        return Double.parseDouble(get(column));
      } catch (NumberFormatException e) {
        throw new AnalyticsException(
            Code.INVALID_INPUT, table + " line " + line + ": '" + column + "' is not a number");
      }
    }

    /** An ISO date, or null when the cell is empty (open-ended validity). */
    public LocalDate date(String column) {
      String v = get(column);
      return v.isEmpty() ? null : LocalDate.parse(v);
    }
  }

  private DataCsv() {}

  /** Reads a table bundled next to {@code anchor}'s package. */
  public static List<Row> resource(Class<?> anchor, String name) {
    try (InputStream in = anchor.getResourceAsStream(name)) {
      if (in == null) {
        throw new AnalyticsException(Code.UNKNOWN_NAME, "no bundled table " + name);
      }
      return parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AnalyticsException(Code.INVALID_INPUT, "cannot read bundled table " + name, e);
    }
  }

  /** Reads a bundled table ({@link #resource(Class, String)}), one {@code make} per row. */
  public static <T> List<T> resource(Class<?> anchor, String name, Function<Row, T> make) {
    List<T> out = new ArrayList<>();
    for (Row r : resource(anchor, name)) {
      out.add(make.apply(r));
    }
    return out;
  }

  public static List<Row> parse(String table, String text) {
    List<Row> rows = new ArrayList<>();
    List<String> header = null;
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      List<String> cells = cells(line, null);
      if (header == null) {
        header = cells;
        continue;
      }
      if (cells.size() != header.size()) {
        throw new AnalyticsException(
            Code.INVALID_INPUT,
            table
                + " line "
                + (i + 1)
                + ": "
                + cells.size()
                + " cells, header has "
                + header.size());
      }
      Map<String, String> map = new LinkedHashMap<>();
      for (int c = 0; c < cells.size(); c++) {
        map.put(header.get(c), cells.get(c));
      }
      rows.add(new Row(table, i + 1, map));
    }
    return rows;
  }

  /**
   * The cells of one CSV line (RFC 4180 quoting, quotes doubled). Leniently ({@code strict} null):
   * a quote anywhere opens a quoted part, cells are stripped. Strictly: a quote opens a cell only
   * at its start, text after the closing quote, a final CR and an unterminated quote are refused
   * through {@code strict}, which makes the error from the problem; cells are kept as they are.
   */
  public static List<String> cells(String line, Function<String, AnalyticsException> strict) {
    boolean lenient = strict == null;
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          cell.append(ch);
        }
      } else if (ch == '"' && (lenient || (cell.length() == 0 && !wasQuoted))) {
        quoted = true;
        wasQuoted = true;
      } else if (ch == ',') {
        cells.add(lenient ? cell.toString().strip() : cell.toString());
        cell.setLength(0);
        wasQuoted = false;
      } else if (!lenient && ch == '\r' && i == line.length() - 1) {
        throw strict.apply("line ends with CR LF; the dossier's CSV ends lines with LF");
      } else {
        if (!lenient && wasQuoted) {
          throw strict.apply("text after a closing quote");
        }
        cell.append(ch);
      }
    }
    if (!lenient && quoted) {
      throw strict.apply("unterminated quote");
    }
    cells.add(lenient ? cell.toString().strip() : cell.toString());
    return cells;
  }

  /** True when {@code on} lies in [from, to], a null bound being open. */
  public static boolean validOn(LocalDate from, LocalDate to, LocalDate on) {
    return (from == null || !on.isBefore(from)) && (to == null || !on.isAfter(to));
  }
}
