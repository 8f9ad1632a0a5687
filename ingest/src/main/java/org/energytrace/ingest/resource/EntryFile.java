package org.energytrace.ingest.resource;

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
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.util.CellReference;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.units.Units;
import org.energytrace.ingest.production.XlsxSheet;
import org.energytrace.ingest.production.XlsxSheet.SheetRow;
import org.energytrace.ingest.production.XlsxSheet.Value;

/**
 * Parses and checks entries of unmetered resources, from a CSV file, the first sheet of an XLSX
 * workbook or the rows of an API request (issue 17): a header row with {@code resource}, {@code
 * type} ({@code delivery}, {@code invoice}, {@code stock_count}, {@code usage}), {@code day} (an
 * ISO date, or in XLSX a date cell), {@code quantity} and the optional {@code unit} (default: the
 * resource's; it must convert to it) and {@code ref} (delivery note or invoice number). Every
 * problem names its row (CSV: 1 = the header; XLSX: Excel's row number) and column (XLSX: also the
 * column letter); a file with any problem stores nothing. Pure: the enterprise's resources are
 * passed in.
 */
public final class EntryFile {
  static final List<String> REQUIRED = List.of("resource", "type", "day", "quantity");
  static final List<String> TYPES = List.of("delivery", "invoice", "stock_count", "usage");
  static final int MAX_ROWS = 50_000;

  /** What the parser needs to know of a resource: its unit, and its meter when it is metered. */
  public record Known(String unit, String meter) {}

  /** The currency of an invoice's amount when the row names none. */
  public static final String DEFAULT_CURRENCY = "VND";

  /** One entry to store; an invoice may carry its {@code amount} in {@code currency}. */
  public record Row(
      int row,
      String resource,
      String type,
      LocalDate day,
      double quantity,
      String unit,
      String ref,
      BigDecimal amount,
      String currency) {
    public Row {
      Objects.requireNonNull(resource, "resource");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(day, "day");
      Objects.requireNonNull(unit, "unit");
      ref = ref == null ? "" : ref;
      currency = amount == null ? null : currency == null ? DEFAULT_CURRENCY : currency;
    }

    /** An entry without money. */
    public Row(
        int row,
        String resource,
        String type,
        LocalDate day,
        double quantity,
        String unit,
        String ref) {
      this(row, resource, type, day, quantity, unit, ref, null, null);
    }
  }

  /** A problem of one cell or row ({@code column} null: the whole row or file). */
  public record Problem(int row, String column, String letter, String message) {
    public String text() {
      String col = letter == null ? column : column == null ? letter : letter + " (" + column + ")";
      return "row " + row + (col == null ? "" : ", column " + col) + ": " + message;
    }
  }

  /** The rows, the problems and the upload id (a hash of the rows; null when invalid). */
  public record Parsed(String fileName, List<Row> rows, List<Problem> problems, String uploadId) {
    public Parsed {
      rows = List.copyOf(rows);
      problems = List.copyOf(problems);
    }

    public boolean valid() {
      return problems.isEmpty() && !rows.isEmpty();
    }
  }

  private record Line(int row, Map<String, Value> cells, List<Problem> problems) {}

  private EntryFile() {}

  public static Parsed parseCsv(String fileName, byte[] content, Map<String, Known> resources) {
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
      return failed(
          fileName,
          "not a readable CSV file: a quoted cell is not closed, or has text after its closing"
              + " quote (RFC 4180)");
    }
    records = records.stream().filter(r -> !(r.size() == 1 && r.get(0).isBlank())).toList();
    if (records.isEmpty()) {
      return failed(fileName, "the file is empty (a header row is required)");
    }
    if (records.size() > MAX_ROWS + 1) {
      return failed(fileName, "more than " + MAX_ROWS + " data rows");
    }
    List<String> header = new ArrayList<>();
    records.get(0).forEach(h -> header.add(h.strip()));
    List<Line> lines = new ArrayList<>();
    for (int i = 1; i < records.size(); i++) {
      CSVRecord r = records.get(i);
      Map<String, Value> cells = new HashMap<>();
      List<Problem> problems = new ArrayList<>();
      if (r.size() != header.size()) {
        problems.add(
            new Problem(i + 1, null, null, r.size() + " cells, the header has " + header.size()));
      } else {
        for (int j = 0; j < header.size(); j++) {
          cells.put(header.get(j), new XlsxSheet.Text(r.get(j)));
        }
      }
      lines.add(new Line(i + 1, cells, problems));
    }
    return check(fileName, 1, header, c -> null, lines, resources);
  }

  public static Parsed parseXlsx(String fileName, byte[] content, Map<String, Known> resources) {
    List<SheetRow> sheet;
    try {
      sheet = XlsxSheet.read(content, MAX_ROWS + 1);
    } catch (XlsxSheet.Unreadable e) {
      return failed(fileName, "not a readable XLSX file: " + e.getMessage());
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
    return check(fileName, first.row(), header, letters::get, lines, resources);
  }

  private static Parsed failed(String fileName, String message) {
    return new Parsed(fileName, List.of(), List.of(new Problem(0, null, null, message)), null);
  }

  private static Parsed check(
      String fileName,
      int headerRow,
      List<String> header,
      Function<String, String> letters,
      List<Line> lines,
      Map<String, Known> resources) {
    List<Problem> problems = new ArrayList<>();
    List<Row> rows = new ArrayList<>();
    for (String required : REQUIRED) {
      if (!header.contains(required)) {
        problems.add(
            new Problem(headerRow, required, null, "missing column (header is " + header + ")"));
      }
    }
    if (!problems.isEmpty()) {
      return new Parsed(fileName, rows, problems, null);
    }
    if (lines.isEmpty()) {
      problems.add(new Problem(0, null, null, "the file has no data rows"));
    }
    Map<String, Integer> firstRow = new HashMap<>();
    for (Line l : lines) {
      int row = l.row();
      if (!l.problems().isEmpty()) {
        problems.addAll(l.problems());
        continue;
      }
      int before = problems.size();
      java.util.function.BiConsumer<String, String> problem =
          (column, message) ->
              problems.add(new Problem(row, column, letters.apply(column), message));
      String resource = text(l.cells().get("resource"));
      Known known = resources.get(resource);
      if (resource.isEmpty()) {
        problem.accept("resource", "empty cell");
      } else if (known == null) {
        problem.accept(
            "resource",
            "unknown resource '" + resource + "' (declared: " + resources.keySet() + ")");
      } else if (known.meter() != null) {
        problem.accept(
            "resource",
            "resource "
                + resource
                + " is metered (meter "
                + known.meter()
                + "): its quantity comes from the meter, not from entries");
      }
      String type = text(l.cells().get("type"));
      if (!TYPES.contains(type)) {
        problem.accept("type", "must be one of " + TYPES + ", got '" + type + "'");
      }
      LocalDate day = day(l.cells().get("day"), problem);
      double quantity = quantity(l.cells().get("quantity"), problem);
      String unit = text(l.cells().get("unit"));
      if (known != null) {
        if (unit.isEmpty()) {
          unit = known.unit();
        } else {
          try {
            Units.convert(1, unit, known.unit());
          } catch (AnalyticsException e) {
            problem.accept("unit", e.getMessage());
          }
        }
      }
      String ref = text(l.cells().get("ref"));
      if (ref.length() > 128) {
        problem.accept("ref", "at most 128 characters, got " + ref.length());
      } else if (ref.chars()
          .anyMatch(ch -> ch < 0x20 || ch == 0x7f || Character.isSurrogate((char) ch))) {
        problem.accept("ref", "must not contain control characters");
      }
      BigDecimal amount = amount(l.cells().get("amount"), problem);
      String currency = text(l.cells().get("currency"));
      if (amount != null && !"invoice".equals(type) && TYPES.contains(type)) {
        problem.accept("amount", "only an invoice carries an amount, not a " + type);
      }
      if (!currency.isEmpty()) {
        if (!currency.matches("[A-Z]{3}")) {
          problem.accept(
              "currency",
              "an ISO 4217 code of three capital letters (VND, USD), got '" + currency + "'");
        } else if (amount == null) {
          problem.accept("currency", "a currency without an amount");
        }
      }
      if (problems.size() > before) {
        continue;
      }
      String key = resource + "|" + type + "|" + day + "|" + ref;
      Integer earlier = firstRow.putIfAbsent(key, row);
      if (earlier != null) {
        problem.accept(
            "day",
            "duplicate: "
                + type
                + " of "
                + resource
                + " on "
                + day
                + (ref.isEmpty() ? "" : " ref " + ref)
                + " is also at row "
                + earlier
                + " (give each delivery of a day its own ref)");
        continue;
      }
      rows.add(
          new Row(
              row,
              resource,
              type,
              day,
              quantity,
              unit,
              ref,
              amount,
              currency.isEmpty() ? null : currency));
    }
    return new Parsed(fileName, rows, problems, problems.isEmpty() ? uploadId(rows) : null);
  }

  private static LocalDate day(Value d, java.util.function.BiConsumer<String, String> problem) {
    if (d == null || d instanceof XlsxSheet.Text t && t.text().isBlank()) {
      problem.accept("day", "empty cell");
      return null;
    }
    if (d instanceof XlsxSheet.When w) {
      if (w.at().toLocalTime().equals(LocalTime.MIDNIGHT)) {
        return w.at().toLocalDate();
      }
      problem.accept("day", "a date with a time of day (" + w.at() + "): give the day only");
      return null;
    }
    if (d instanceof XlsxSheet.Number) {
      problem.accept("day", "a number, not a date: write an ISO date (e.g. 2026-01-31)");
      return null;
    }
    try {
      LocalDate day = LocalDate.parse(text(d));
      if (day.getYear() < 1 || day.getYear() > 9999) {
        problem.accept("day", "not a day of the years 0001 to 9999: '" + text(d) + "'");
        return null;
      }
      return day;
    } catch (DateTimeParseException e) {
      problem.accept("day", "not an ISO date: '" + text(d) + "' (e.g. 2026-01-31)");
      return null;
    }
  }

  private static double quantity(Value v, java.util.function.BiConsumer<String, String> problem) {
    String q = text(v);
    if (q.isEmpty()) {
      problem.accept("quantity", "empty cell");
      return Double.NaN;
    }
    if (v instanceof XlsxSheet.When) {
      problem.accept("quantity", "a date (" + q + "), not a quantity");
      return Double.NaN;
    }
    if (v instanceof XlsxSheet.Number n && n.value() >= 0 && Double.isFinite(n.value())) {
      return n.value();
    }
    if (!q.matches("[+]?[0-9]*\\.?[0-9]+([eE][-+]?[0-9]+)?")) {
      problem.accept("quantity", "not a non-negative decimal number: '" + q + "'");
      return Double.NaN;
    }
    double x = Double.parseDouble(q);
    if (!Double.isFinite(x)) {
      problem.accept("quantity", "not a finite number: '" + q + "'");
    }
    return x;
  }

  /** An invoice's amount: empty is none; else a non-negative decimal of at most 18 digits. */
  private static BigDecimal amount(Value v, java.util.function.BiConsumer<String, String> problem) {
    String a = text(v);
    if (a.isEmpty()) {
      return null;
    }
    if (v instanceof XlsxSheet.When) {
      problem.accept("amount", "a date (" + a + "), not an amount");
      return null;
    }
    if (!a.matches("[+]?[0-9]{1,18}(\\.[0-9]{1,6})?")) {
      problem.accept(
          "amount",
          "not a non-negative amount (digits, an optional '.' and decimals): '" + a + "'");
      return null;
    }
    return new BigDecimal(a).stripTrailingZeros();
  }

  static String text(Value v) {
    if (v == null) {
      return "";
    }
    if (v instanceof XlsxSheet.Number n) {
      return BigDecimal.valueOf(n.value()).stripTrailingZeros().toPlainString();
    }
    if (v instanceof XlsxSheet.When w) {
      return w.at().toLocalTime().equals(LocalTime.MIDNIGHT)
          ? w.at().toLocalDate().toString()
          : w.at().toString();
    }
    return ((XlsxSheet.Text) v).text().strip();
  }

  /** SHA-256 over the canonical rows. */
  static String uploadId(List<Row> rows) {
    StringBuilder b = new StringBuilder();
    for (Row r : rows) {
      b.append(r.resource())
          .append(',')
          .append(r.type())
          .append(',')
          .append(r.day())
          .append(',')
          .append(Double.toString(r.quantity()))
          .append(',')
          .append(r.unit())
          .append(',')
          .append(r.ref());
      // rows without money hash as before invoices had amounts
      if (r.amount() != null) {
        b.append(',').append(r.amount().toPlainString()).append(',').append(r.currency());
      }
      b.append('\n');
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
