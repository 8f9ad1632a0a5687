package org.energytrace.ingest.production;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.util.CellReference;
import org.energytrace.ingest.production.XlsxSheet.Number;
import org.energytrace.ingest.production.XlsxSheet.SheetRow;
import org.energytrace.ingest.production.XlsxSheet.Text;
import org.energytrace.ingest.production.XlsxSheet.Value;
import org.energytrace.ingest.production.XlsxSheet.When;

/**
 * Parses and checks an uploaded production file, CSV or the first sheet of an XLSX workbook: a
 * header row with {@code product}, {@code day} (a local day of the product's site: an ISO date, or
 * in XLSX a date cell), {@code quantity} (in the product's unit) and an optional {@code line}
 * (checked against the product's line). Every problem is reported with its row (CSV: 1 = the
 * header; XLSX: Excel's row number) and column (XLSX: also Excel's column letter); a file with any
 * error stores nothing. Both formats give the same rows, so the same upload id. Pure: the products
 * of the enterprise are passed in.
 */
public final class ProductionFile {
  static final List<String> REQUIRED = List.of("product", "day", "quantity");

  /** The most data rows an XLSX upload may have (its sheet is read no further). */
  public static final int MAX_XLSX_ROWS = 50_000;

  /** How the refusal of a file that is not a readable workbook starts. */
  static final String XLSX_PREFIX = "not a readable XLSX file: ";

  /** One stored-to-be quantity. */
  public record Row(int row, String product, LocalDate day, double quantity) {
    public Row {
      Objects.requireNonNull(product, "product");
      Objects.requireNonNull(day, "day");
    }
  }

  /**
   * A problem of one cell or row ({@code column} null: the whole row or file; {@code letter}: the
   * spreadsheet column, XLSX only).
   */
  public record Problem(int row, String column, String letter, String message) {
    public Problem(int row, String column, String message) {
      this(row, column, null, message);
    }

    /** "C (quantity)", "quantity", "F" or null: how a message names the column. */
    public String columnLabel() {
      if (letter == null) {
        return column;
      }
      return column == null ? letter : letter + " (" + column + ")";
    }
  }

  /**
   * The outcome of a preview: the rows, the problems, and the upload id, a hash of the rows
   * themselves so that a commit can prove it stores exactly what was previewed.
   */
  public record Parsed(String fileName, List<Row> rows, List<Problem> problems, String uploadId) {
    public Parsed {
      rows = List.copyOf(rows);
      problems = List.copyOf(problems);
    }

    public boolean valid() {
      return problems.isEmpty() && !rows.isEmpty();
    }
  }

  /** One data row before its checks: values by header name (absent = empty cell). */
  private record Line(int row, Map<String, Value> cells, List<Problem> problems) {}

  private ProductionFile() {}

  /**
   * @param productLines the enterprise's products: product code → its line code
   */
  public static Parsed parseCsv(String fileName, byte[] content, Map<String, String> productLines) {
    String text = new String(content, StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    List<CSVRecord> records;
    try (CSVParser parser =
        CSVFormat.RFC4180
            .builder()
            .setIgnoreSurroundingSpaces(true)
            .get()
            .parse(new StringReader(text))) {
      records = parser.getRecords();
    } catch (IOException | RuntimeException e) {
      // the parser's own message names its classes: say what is wrong, and where, in our words
      Matcher line = Pattern.compile("\\(line (\\d+)\\)").matcher(String.valueOf(e.getMessage()));
      return failed(
          fileName,
          "not a readable CSV file"
              + (line.find() ? " at line " + line.group(1) : "")
              + ": a quoted cell is not closed, or has text after its closing quote (RFC 4180)");
    }
    records = records.stream().filter(r -> !(r.size() == 1 && r.get(0).isBlank())).toList();
    if (records.isEmpty()) {
      return failed(fileName, "the file is empty (a header row is required)");
    }
    List<String> header = new ArrayList<>();
    records.get(0).forEach(h -> header.add(h.strip()));
    List<Line> lines = new ArrayList<>();
    for (int i = 1; i < records.size(); i++) {
      CSVRecord r = records.get(i);
      int row = i + 1;
      Map<String, Value> cells = new HashMap<>();
      List<Problem> problems = new ArrayList<>();
      if (r.size() != header.size()) {
        problems.add(new Problem(row, null, r.size() + " cells, the header has " + header.size()));
      } else {
        for (int j = 0; j < header.size(); j++) {
          cells.put(header.get(j), new Text(r.get(j)));
        }
      }
      lines.add(new Line(row, cells, problems));
    }
    return check(fileName, 1, header, column -> null, lines, productLines);
  }

  /**
   * Reads the first sheet of an XLSX workbook: the first non-empty row is the header; cells may be
   * numbers, text or dates, formulas count with their cached values; empty rows are skipped.
   *
   * @param productLines the enterprise's products: product code → its line code
   */
  public static Parsed parseXlsx(
      String fileName, byte[] content, Map<String, String> productLines) {
    return parseXlsx(fileName, content, productLines, MAX_XLSX_ROWS);
  }

  static Parsed parseXlsx(
      String fileName, byte[] content, Map<String, String> productLines, int maxRows) {
    List<SheetRow> sheet;
    try {
      sheet = XlsxSheet.read(content, maxRows + 1);
    } catch (XlsxSheet.Unreadable e) {
      return failed(fileName, e.getMessage());
    }
    if (sheet.isEmpty()) {
      return failed(fileName, "the first sheet is empty (a header row is required)");
    }
    SheetRow first = sheet.get(0);
    Map<Integer, String> names = new HashMap<>();
    Map<String, String> letters = new HashMap<>();
    List<String> header = new ArrayList<>();
    first
        .cells()
        .forEach(
            (index, value) -> {
              String name = text(value);
              if (!letters.containsKey(name)) {
                names.put(index, name);
                letters.put(name, CellReference.convertNumToColString(index));
                header.add(name);
              }
            });
    List<Line> lines = new ArrayList<>();
    for (SheetRow r : sheet.subList(1, sheet.size())) {
      Map<String, Value> cells = new HashMap<>();
      List<Problem> problems = new ArrayList<>();
      r.cells()
          .forEach(
              (index, value) -> {
                String name = names.get(index);
                if (name == null) {
                  problems.add(
                      new Problem(
                          r.row(),
                          null,
                          CellReference.convertNumToColString(index),
                          "a value in a column without a header: '" + text(value) + "'"));
                } else {
                  cells.put(name, value);
                }
              });
      lines.add(new Line(r.row(), cells, problems));
    }
    return check(fileName, first.row(), header, letters::get, lines, productLines);
  }

  private static Parsed failed(String fileName, String message) {
    return new Parsed(fileName, List.of(), List.of(new Problem(0, null, message)), null);
  }

  /** The checks both formats share; {@code letters} gives a column's letter (CSV: none). */
  private static Parsed check(
      String fileName,
      int headerRow,
      List<String> header,
      Function<String, String> letters,
      List<Line> lines,
      Map<String, String> productLines) {
    List<Problem> problems = new ArrayList<>();
    List<Row> rows = new ArrayList<>();
    for (String required : REQUIRED) {
      if (!header.contains(required)) {
        problems.add(new Problem(headerRow, required, "missing column (header is " + header + ")"));
      }
    }
    if (!problems.isEmpty()) {
      return new Parsed(fileName, rows, problems, null);
    }
    if (lines.isEmpty()) {
      problems.add(new Problem(0, null, "the file has no data rows"));
    }
    Map<String, Integer> firstRow = new HashMap<>();
    for (Line l : lines) {
      int row = l.row();
      if (!l.problems().isEmpty()) {
        problems.addAll(l.problems());
        continue;
      }
      int before = problems.size();
      BiConsumer<String, String> problem =
          (column, message) ->
              problems.add(new Problem(row, column, letters.apply(column), message));
      String product = text(l.cells().get("product"));
      String line = text(l.cells().get("line"));
      if (product.isEmpty()) {
        problem.accept("product", "empty cell");
      } else if (!productLines.containsKey(product)) {
        problem.accept("product", "unknown product '" + product + "'");
      } else if (!line.isEmpty() && !line.equals(productLines.get(product))) {
        problem.accept(
            "line",
            "product "
                + product
                + " is made on line "
                + productLines.get(product)
                + ", not '"
                + line
                + "'");
      }
      LocalDate day = null;
      Value d = l.cells().get("day");
      if (d == null || d instanceof Text t && t.text().isBlank()) {
        problem.accept("day", "empty cell");
      } else if (d instanceof When w) {
        if (w.at().toLocalTime().equals(LocalTime.MIDNIGHT)) {
          day = w.at().toLocalDate();
        } else {
          problem.accept("day", "a date with a time of day (" + w.at() + "): give the day only");
        }
      } else if (d instanceof Number n) {
        problem.accept(
            "day",
            "a number ("
                + text(n)
                + "), not a date: format the cell as a date or write an ISO date (e.g."
                + " 2026-01-31)");
      } else {
        try {
          day = LocalDate.parse(text(d));
          if (day.getYear() < 1 || day.getYear() > 9999) {
            day = null;
            problem.accept("day", "not a day of the years 0001 to 9999: '" + text(d) + "'");
          }
        } catch (DateTimeParseException e) {
          problem.accept("day", "not an ISO date: '" + text(d) + "' (e.g. 2026-01-31)");
        }
      }
      double quantity = Double.NaN;
      Value v = l.cells().get("quantity");
      String q = text(v);
      if (q.isEmpty()) {
        problem.accept("quantity", "empty cell");
      } else if (v instanceof When) {
        problem.accept("quantity", "a date (" + q + "), not a quantity");
      } else if (v instanceof Number n && n.value() >= 0) {
        quantity = n.value();
      } else if (!q.matches("[+]?[0-9.]+([eE][-+]?[0-9]+)?")) {
        problem.accept("quantity", "not a non-negative decimal number: '" + q + "'");
      } else {
        try {
          quantity = Double.parseDouble(q);
        } catch (NumberFormatException e) {
          quantity = Double.NaN; // "1.2.3" passes the pattern
        }
        if (!Double.isFinite(quantity)) {
          problem.accept("quantity", "not a finite number: '" + q + "'");
        }
      }
      if (problems.size() > before) {
        continue;
      }
      String key = product + "|" + day;
      Integer earlier = firstRow.putIfAbsent(key, row);
      if (earlier != null) {
        problem.accept(
            "day", "duplicate: product " + product + " on " + day + " is also at row " + earlier);
        continue;
      }
      rows.add(new Row(row, product, day, quantity));
    }
    return new Parsed(fileName, rows, problems, problems.isEmpty() ? uploadId(rows) : null);
  }

  /** A cell as text, stripped: "" for an empty cell, 1001 for the number 1001. */
  private static String text(Value v) {
    if (v == null) {
      return "";
    }
    if (v instanceof Number n) {
      return BigDecimal.valueOf(n.value()).stripTrailingZeros().toPlainString();
    }
    if (v instanceof When w) {
      return w.at().toLocalTime().equals(LocalTime.MIDNIGHT)
          ? w.at().toLocalDate().toString()
          : w.at().toString();
    }
    return ((Text) v).text().strip();
  }

  /** SHA-256 over the canonical rows (product, day, quantity by Double.toString). */
  static String uploadId(List<Row> rows) {
    StringBuilder b = new StringBuilder();
    for (Row r : rows) {
      b.append(r.product())
          .append(',')
          .append(r.day())
          .append(',')
          .append(Double.toString(r.quantity()))
          .append('\n');
    }
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(b.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
