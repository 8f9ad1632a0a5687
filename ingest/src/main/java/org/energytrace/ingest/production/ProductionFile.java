package org.energytrace.ingest.production;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Parses and checks an uploaded production file: a header row with {@code product}, {@code day}
 * (ISO date, a local day of the product's site), {@code quantity} (in the product's unit) and an
 * optional {@code line} (checked against the product's line). Every problem is reported with its
 * row (1 = the header) and column; a file with any error stores nothing. Pure: the products of the
 * enterprise are passed in.
 */
public final class ProductionFile {
  static final List<String> REQUIRED = List.of("product", "day", "quantity");

  /** One stored-to-be quantity. */
  public record Row(int row, String product, LocalDate day, double quantity) {
    public Row {
      Objects.requireNonNull(product, "product");
      Objects.requireNonNull(day, "day");
    }
  }

  /** A problem of one cell or row ({@code column} null: the whole row or file). */
  public record Problem(int row, String column, String message) {}

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

  private ProductionFile() {}

  /**
   * @param productLines the enterprise's products: product code → its line code
   */
  public static Parsed parseCsv(String fileName, byte[] content, Map<String, String> productLines) {
    List<Problem> problems = new ArrayList<>();
    List<Row> rows = new ArrayList<>();
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
      problems.add(new Problem(0, null, "not a readable CSV file: " + e.getMessage()));
      return new Parsed(fileName, rows, problems, null);
    }
    records = records.stream().filter(r -> !(r.size() == 1 && r.get(0).isBlank())).toList();
    if (records.isEmpty()) {
      problems.add(new Problem(0, null, "the file is empty (a header row is required)"));
      return new Parsed(fileName, rows, problems, null);
    }
    List<String> header = new ArrayList<>();
    records.get(0).forEach(h -> header.add(h.strip()));
    for (String required : REQUIRED) {
      if (!header.contains(required)) {
        problems.add(new Problem(1, required, "missing column (header is " + header + ")"));
      }
    }
    if (!problems.isEmpty()) {
      return new Parsed(fileName, rows, problems, null);
    }
    if (records.size() == 1) {
      problems.add(new Problem(0, null, "the file has no data rows"));
    }
    Map<String, Integer> firstRow = new HashMap<>();
    for (int i = 1; i < records.size(); i++) {
      CSVRecord r = records.get(i);
      int row = i + 1;
      if (r.size() != header.size()) {
        problems.add(new Problem(row, null, r.size() + " cells, the header has " + header.size()));
        continue;
      }
      Map<String, String> cells = new HashMap<>();
      for (int j = 0; j < header.size(); j++) {
        cells.put(header.get(j), r.get(j).strip());
      }
      int before = problems.size();
      String product = cells.get("product");
      if (product.isEmpty()) {
        problems.add(new Problem(row, "product", "empty cell"));
      } else if (!productLines.containsKey(product)) {
        problems.add(new Problem(row, "product", "unknown product '" + product + "'"));
      } else if (cells.containsKey("line")
          && !cells.get("line").isEmpty()
          && !cells.get("line").equals(productLines.get(product))) {
        problems.add(
            new Problem(
                row,
                "line",
                "product "
                    + product
                    + " is made on line "
                    + productLines.get(product)
                    + ", not '"
                    + cells.get("line")
                    + "'"));
      }
      LocalDate day = null;
      try {
        day = LocalDate.parse(cells.get("day"));
      } catch (DateTimeParseException e) {
        problems.add(
            new Problem(
                row, "day", "not an ISO date: '" + cells.get("day") + "' (e.g. 2026-01-31)"));
      }
      double quantity = Double.NaN;
      String q = cells.get("quantity");
      if (q.isEmpty()) {
        problems.add(new Problem(row, "quantity", "empty cell"));
      } else if (!q.matches("[+]?[0-9.]+([eE][-+]?[0-9]+)?")) {
        problems.add(
            new Problem(row, "quantity", "not a non-negative decimal number: '" + q + "'"));
      } else {
        quantity = Double.parseDouble(q);
        if (!Double.isFinite(quantity)) {
          problems.add(new Problem(row, "quantity", "not a finite number: '" + q + "'"));
        }
      }
      if (problems.size() > before) {
        continue;
      }
      String key = product + "|" + day;
      Integer first = firstRow.putIfAbsent(key, row);
      if (first != null) {
        problems.add(
            new Problem(
                row,
                "day",
                "duplicate: product " + product + " on " + day + " is also at row " + first));
        continue;
      }
      rows.add(new Row(row, product, day, quantity));
    }
    return new Parsed(fileName, rows, problems, problems.isEmpty() ? uploadId(rows) : null);
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
