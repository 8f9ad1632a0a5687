package org.energytrace.ingest.resource;

import static org.energytrace.ingest.upload.UploadTable.text;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.units.Units;
import org.energytrace.ingest.model.CurrencyCode;
import org.energytrace.ingest.upload.Parsed;
import org.energytrace.ingest.upload.RowChecks;
import org.energytrace.ingest.upload.UploadTable;
import org.energytrace.ingest.upload.XlsxSheet;
import org.energytrace.ingest.upload.XlsxSheet.Value;

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

  /**
   * Every column a file may have: the required ones, then the optional ones, and a note for the
   * people who keep the file (not stored).
   */
  static final List<String> COLUMNS =
      List.of("resource", "type", "day", "quantity", "unit", "ref", "amount", "currency", "note");

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

  /**
   * What a file is checked against: the enterprise's declared resources by code and the latest day
   * begun at its sites (a later day has not happened).
   */
  public record Declared(Map<String, Known> resources, LocalDate latest) {
    public Declared {
      resources = Collections.unmodifiableMap(new LinkedHashMap<>(resources));
      Objects.requireNonNull(latest, "latest");
    }
  }

  private EntryFile() {}

  public static Parsed<Row> parseCsv(String fileName, byte[] content, Declared resources) {
    return RowChecks.read(
        fileName,
        () -> UploadTable.csv(content),
        t ->
            t.lines().size() > MAX_ROWS
                ? Parsed.refused(fileName, "more than " + MAX_ROWS + " data rows")
                : check(fileName, t, resources));
  }

  public static Parsed<Row> parseXlsx(String fileName, byte[] content, Declared resources) {
    return RowChecks.read(
        fileName, () -> UploadTable.xlsx(content, MAX_ROWS), t -> check(fileName, t, resources));
  }

  private static Parsed<Row> check(String fileName, UploadTable table, Declared resources) {
    return RowChecks.check(
        fileName,
        table,
        REQUIRED,
        COLUMNS,
        (l, problem) -> row(l, problem, resources),
        EntryFile::uploadId);
  }

  /** One line's entry, or null when it has a problem (told to {@code problem}). */
  private static Row row(UploadTable.Line l, RowChecks.LineProblems problem, Declared declared) {
    Map<String, Known> resources = declared.resources();
    int row = l.row();
    String resource = text(l.cells().get("resource"));
    Known known = resources.get(resource);
    if (resource.isEmpty()) {
      problem.accept("resource", "empty cell");
    } else if (known == null) {
      problem.accept(
          "resource", "unknown resource '" + resource + "' (declared: " + resources.keySet() + ")");
    } else if (known.meter() != null) {
      problem.accept(
          "resource",
          "resource "
              + resource
              + " is metered (meter "
              + known.meter()
              + "): its quantity comes from the meter, not from entries");
    }
    String typed = text(l.cells().get("type"));
    // a spreadsheet's "Delivery" is the delivery it says
    String type =
        typed != null && TYPES.contains(typed.toLowerCase(Locale.ROOT))
            ? typed.toLowerCase(Locale.ROOT)
            : typed;
    if (!TYPES.contains(type)) {
      problem.accept("type", "must be one of " + TYPES + ", got '" + type + "'");
    }
    LocalDate day =
        RowChecks.day(
            l.cells().get("day"),
            declared.latest(),
            problem,
            n -> "a number, not a date: write an ISO date (e.g. 2026-01-31)");
    double quantity = quantity(l.cells().get("quantity"), problem);
    // "tấn", "l", "KWH" are the symbols they stand for
    String unit = Units.written(text(l.cells().get("unit")));
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
    // "vnd" is VND: a code is one whatever its case
    String currency = text(l.cells().get("currency")).toUpperCase(Locale.ROOT);
    if (amount != null && !"invoice".equals(type) && TYPES.contains(type)) {
      problem.accept("amount", "only an invoice carries an amount, not a " + type);
    }
    if (!currency.isEmpty()) {
      if (!CurrencyCode.known(currency)) {
        problem.accept(
            "currency", "not an ISO 4217 currency code (VND, USD, EUR, …): '" + currency + "'");
      } else if (amount == null && text(l.cells().get("amount")).isEmpty()) {
        // an amount that is there but unreadable has its own problem
        problem.accept("currency", "a currency without an amount");
      }
    }
    if (problem.found()) {
      return null;
    }
    // a day has one stock: two counts of it contradict each other whatever their refs
    boolean count = type.equals("stock_count");
    if (problem.repeats(
        resource + "|" + type + "|" + day + "|" + (count ? "" : ref),
        "day",
        earlier ->
            "duplicate: "
                + type
                + " of "
                + resource
                + " on "
                + day
                + (ref.isEmpty() || count ? "" : " ref " + ref)
                + " is also at row "
                + earlier
                + (count
                    ? " (a day has one stock count)"
                    : " (give each delivery of a day its own ref)"))) {
      return null;
    }
    return new Row(
        row,
        resource,
        type,
        day,
        quantity,
        unit,
        ref,
        amount,
        currency.isEmpty() ? null : currency);
  }

  private static double quantity(Value v, BiConsumer<String, String> problem) {
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
      problem.accept(
          "quantity",
          "not a non-negative decimal number: '" + q + "'" + RowChecks.separatorHint(q));
      return Double.NaN;
    }
    if (!RowChecks.ambiguity(q).isEmpty()) {
      problem.accept("quantity", RowChecks.ambiguity(q));
      return Double.NaN;
    }
    double x = Double.parseDouble(q);
    if (!Double.isFinite(x)) {
      problem.accept("quantity", "not a finite number: '" + q + "'");
    }
    return x;
  }

  /** An invoice's amount: empty is none; else a non-negative decimal of at most 18 digits. */
  private static BigDecimal amount(Value v, BiConsumer<String, String> problem) {
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
          "not a non-negative amount (digits, an optional '.' and decimals): '"
              + a
              + "'"
              + RowChecks.separatorHint(a));
      return null;
    }
    if (!(v instanceof XlsxSheet.Number) && !RowChecks.ambiguity(a).isEmpty()) {
      // "30.000" VND was taken as 30
      problem.accept("amount", RowChecks.ambiguity(a));
      return null;
    }
    return new BigDecimal(a).stripTrailingZeros();
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
    return UploadTable.sha256(b.toString());
  }
}
