package org.energytrace.ingest.production;

import static org.energytrace.ingest.upload.UploadTable.text;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.energytrace.ingest.upload.Parsed;
import org.energytrace.ingest.upload.RowChecks;
import org.energytrace.ingest.upload.UploadTable;
import org.energytrace.ingest.upload.XlsxSheet;
import org.energytrace.ingest.upload.XlsxSheet.Number;
import org.energytrace.ingest.upload.XlsxSheet.Value;
import org.energytrace.ingest.upload.XlsxSheet.When;

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

  /**
   * Every column a file may have: the required ones, the optional line, and a note for the people
   * who keep the file (not stored).
   */
  static final List<String> COLUMNS = List.of("product", "day", "quantity", "line", "note");

  /** The most data rows an XLSX upload may have (its sheet is read no further). */
  public static final int MAX_XLSX_ROWS = 50_000;

  /** How the refusal of a file that is not a readable workbook starts. */
  static final String XLSX_PREFIX = XlsxSheet.UNREADABLE;

  /** One stored-to-be quantity. */
  public record Row(int row, String product, LocalDate day, double quantity) {
    public Row {
      Objects.requireNonNull(product, "product");
      Objects.requireNonNull(day, "day");
    }
  }

  /**
   * What a file is checked against: the enterprise's products (product code → its line code) and
   * the latest day begun at its sites (a later day has not happened).
   */
  public record Products(Map<String, String> productLines, LocalDate latest) {
    public Products {
      productLines = Map.copyOf(productLines);
      Objects.requireNonNull(latest, "latest");
    }
  }

  private ProductionFile() {}

  public static Parsed<Row> parseCsv(String fileName, byte[] content, Products products) {
    return RowChecks.read(
        fileName, () -> UploadTable.csv(content), t -> check(fileName, t, products));
  }

  /**
   * Reads the first sheet of an XLSX workbook: the first non-empty row is the header; cells may be
   * numbers, text or dates, formulas count with their cached values; empty rows are skipped.
   */
  public static Parsed<Row> parseXlsx(String fileName, byte[] content, Products products) {
    return parseXlsx(fileName, content, products, MAX_XLSX_ROWS);
  }

  static Parsed<Row> parseXlsx(String fileName, byte[] content, Products products, int maxRows) {
    return RowChecks.read(
        fileName, () -> UploadTable.xlsx(content, maxRows), t -> check(fileName, t, products));
  }

  /** The checks of the rows, the same for both formats. */
  private static Parsed<Row> check(String fileName, UploadTable table, Products products) {
    return RowChecks.check(
        fileName,
        table,
        REQUIRED,
        COLUMNS,
        (l, problem) -> row(l, problem, products),
        ProductionFile::uploadId);
  }

  /** One line's row, or null when it has a problem (told to {@code problem}). */
  private static Row row(UploadTable.Line l, RowChecks.LineProblems problem, Products products) {
    Map<String, String> productLines = products.productLines();
    int row = l.row();
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
    LocalDate day =
        RowChecks.day(
            l.cells().get("day"),
            products.latest(),
            problem,
            n ->
                "a number ("
                    + text(n)
                    + "), not a date: format the cell as a date or write an ISO date (e.g."
                    + " 2026-01-31)");
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
      problem.accept(
          "quantity",
          "not a non-negative decimal number: '" + q + "'" + RowChecks.separatorHint(q));
    } else if (!RowChecks.ambiguity(q).isEmpty()) {
      problem.accept("quantity", RowChecks.ambiguity(q));
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
    if (problem.found()) {
      return null;
    }
    if (problem.repeats(
        product + "|" + day,
        "day",
        earlier -> "duplicate: product " + product + " on " + day + " is also at row " + earlier)) {
      return null;
    }
    return new Row(row, product, day, quantity);
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
    return UploadTable.sha256(b.toString());
  }
}
