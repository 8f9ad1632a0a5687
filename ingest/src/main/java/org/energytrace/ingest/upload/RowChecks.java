package org.energytrace.ingest.upload;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * The loop every upload runs over a table's lines before its own checks of the cells: the columns
 * (an unknown or a missing one stops there), a file without data rows, each unreadable line's
 * problems, then each readable line through the feature's check; the upload id only when nothing
 * was found.
 */
public final class RowChecks {
  private RowChecks() {}

  /** The problems found in one line; as a {@code BiConsumer} it takes (column, message). */
  public static final class LineProblems implements BiConsumer<String, String> {
    private final UploadTable table;
    private final int row;
    private final List<Problem> problems;
    private final Map<String, Integer> firstRows;
    private final int before;

    private LineProblems(
        UploadTable table, int row, List<Problem> problems, Map<String, Integer> firstRows) {
      this.table = table;
      this.row = row;
      this.problems = problems;
      this.firstRows = firstRows;
      this.before = problems.size();
    }

    /** A problem of {@code column} (its XLSX letter added) in this line. */
    @Override
    public void accept(String column, String message) {
      problems.add(new Problem(row, column, table.letter(column), message));
    }

    /** Whether this line has a problem so far. */
    public boolean found() {
      return problems.size() > before;
    }

    /**
     * Whether an earlier line of the table has {@code key} (a line's identity in the file): then
     * this line's problem in {@code column} is {@code duplicate} of the earlier line's row; else
     * this line is remembered as the first with {@code key}.
     */
    public boolean repeats(String key, String column, IntFunction<String> duplicate) {
      Integer earlier = firstRows.putIfAbsent(key, row);
      if (earlier == null) {
        return false;
      }
      accept(column, duplicate.apply(earlier));
      return true;
    }
  }

  /** A feature's check of one readable line. */
  @FunctionalInterface
  public interface LineCheck<R> {
    /**
     * @return the line's row, or null when it is not stored (its problems told to {@code problems})
     */
    R check(UploadTable.Line line, LineProblems problems);
  }

  /**
   * What is wrong with the whole file before its columns: text that is not UTF-8 (a spreadsheet's
   * "Unicode text" is UTF-16) or columns separated by ';' or tabs (a CSV saved where the decimal
   * separator is a comma, as in Vietnamese settings). Each gave an "unknown column" and a "missing
   * column" per column, and no word of the cause; null when neither.
   */
  private static Problem wholeFile(UploadTable table, List<String> columns) {
    String header = String.join(",", table.header());
    if (header.indexOf('\u0000') >= 0 || header.indexOf('\uFFFD') >= 0) {
      return new Problem(
          table.headerRow(),
          null,
          "the file is not UTF-8 text (a \"Unicode text\" export is UTF-16): save it as \"CSV"
              + " UTF-8 (comma delimited)\"");
    }
    for (String separator : List.of(";", "\t")) {
      String first = header.split(separator, -1)[0].trim();
      if (header.contains(separator) && columns.contains(first)) {
        return new Problem(
            table.headerRow(),
            null,
            "the columns are separated by "
                + (separator.equals(";") ? "';'" : "tabs")
                + ", not commas: save the file as \"CSV UTF-8 (comma delimited)\"");
      }
    }
    return null;
  }

  /**
   * @param required the columns the header must have
   * @param columns every column the file may have (the required ones first): any other is refused,
   *     so that a misspelt optional column (a unit, a line) is not read as absent
   * @param uploadId the upload id of the rows (called only when there is no problem)
   */
  public static <R> Parsed<R> check(
      String fileName,
      UploadTable table,
      List<String> required,
      List<String> columns,
      LineCheck<R> check,
      Function<List<R>, String> uploadId) {
    List<String> header = table.header();
    List<Problem> problems = new ArrayList<>();
    List<R> rows = new ArrayList<>();
    Map<String, Integer> firstRows = new HashMap<>();
    Problem whole = wholeFile(table, columns);
    if (whole != null) {
      return new Parsed<>(fileName, rows, List.of(whole), null);
    }
    for (String column : header) {
      // (a column without a name is what a spreadsheet's trailing commas leave: not a misspelling)
      if (!column.isBlank() && !columns.contains(column)) {
        problems.add(
            new Problem(
                table.headerRow(),
                column,
                table.letter(column),
                "unknown column; the columns are " + String.join(", ", columns)));
      }
    }
    for (String column : required) {
      if (!header.contains(column)) {
        problems.add(
            new Problem(table.headerRow(), column, "missing column (header is " + header + ")"));
      }
    }
    if (!problems.isEmpty()) {
      return new Parsed<>(fileName, rows, problems, null);
    }
    if (table.lines().isEmpty()) {
      problems.add(new Problem(0, null, "the file has no data rows"));
    }
    for (UploadTable.Line l : table.lines()) {
      if (!l.problems().isEmpty()) {
        l.problems()
            .forEach(p -> problems.add(new Problem(p.row(), null, p.letter(), p.message())));
        continue;
      }
      R row = check.check(l, new LineProblems(table, l.row(), problems, firstRows));
      if (row != null) {
        rows.add(row);
      }
    }
    return new Parsed<>(fileName, rows, problems, problems.isEmpty() ? uploadId.apply(rows) : null);
  }

  /** Reads a file's table (its CSV, or its workbook's first sheet). */
  @FunctionalInterface
  public interface TableReader {
    UploadTable read() throws UploadTable.Refused;
  }

  /**
   * The table {@code read} gives, checked by {@code check}; a file that cannot be read is {@link
   * Parsed#refused} with the reason.
   */
  public static <R> Parsed<R> read(
      String fileName, TableReader read, Function<UploadTable, Parsed<R>> check) {
    UploadTable table;
    try {
      table = read.read();
    } catch (UploadTable.Refused e) {
      return Parsed.refused(fileName, e.getMessage());
    }
    return check.apply(table);
  }

  /**
   * What to write instead of a number typed the Vietnamese way (a decimal comma, points between
   * thousands: 43.747,5 or 30.000.000), or "" when {@code typed} is not such a number: the upload's
   * numbers take a point for the decimals and no thousands separators.
   */
  public static String separatorHint(String typed) {
    if (!typed.matches("[0-9]{1,3}(\\.[0-9]{3})+(,[0-9]+)?|[0-9]+,[0-9]+")) {
      return "";
    }
    return ": write "
        + typed.replace(".", "").replace(',', '.')
        + " (a point for the decimals, no thousands separators)";
  }

  /**
   * Why {@code typed} cannot be read as one number, or "" when it can: a point before exactly three
   * digits ("1.200", "67.225") separates thousands where the numbers are written the Vietnamese way
   * and marks decimals in English, and "1.200" crates were stored as 1.2 without a word. The answer
   * says how to write either reading.
   */
  public static String ambiguity(String typed) {
    if (!typed.matches("[+]?[0-9]{1,3}\\.[0-9]{3}")) {
      return "";
    }
    String unsigned = typed.startsWith("+") ? typed.substring(1) : typed;
    String decimals = new java.math.BigDecimal(unsigned).stripTrailingZeros().toPlainString();
    if (decimals.equals(unsigned)) {
      decimals = unsigned + "0";
    }
    return "'"
        + typed
        + "' is ambiguous: a point before three digits separates thousands in Vietnamese and"
        + " marks decimals in English: write "
        + unsigned.replace(".", "")
        + " for the thousands, or "
        + decimals
        + " for the decimals";
  }

  /**
   * {@code day}, or null with a problem when it is after {@code latest} (the enterprise's sites'
   * today): a day's use or output is entered once it happened, and a mistyped year (2027 for 2026)
   * was stored and listed.
   */
  private static LocalDate past(
      LocalDate day, LocalDate latest, BiConsumer<String, String> problem) {
    if (day.isAfter(latest)) {
      problem.accept(
          "day",
          "is in the future ("
              + day
              + "; today is "
              + latest
              + "): enter a day once it has happened");
      return null;
    }
    return day;
  }

  /**
   * The {@code day} cell: an ISO date of the years 0001 to 9999, or a date cell without a time of
   * day, not after {@code latest}; else null, its problem told to {@code problem}.
   *
   * @param number the problem of a number cell
   */
  public static LocalDate day(
      XlsxSheet.Value d,
      LocalDate latest,
      BiConsumer<String, String> problem,
      Function<XlsxSheet.Number, String> number) {
    if (d == null || d instanceof XlsxSheet.Text t && t.text().isBlank()) {
      problem.accept("day", "empty cell");
      return null;
    }
    if (d instanceof XlsxSheet.When w) {
      if (w.at().toLocalTime().equals(LocalTime.MIDNIGHT)) {
        return past(w.at().toLocalDate(), latest, problem);
      }
      problem.accept("day", "a date with a time of day (" + w.at() + "): give the day only");
      return null;
    }
    if (d instanceof XlsxSheet.Number n) {
      problem.accept("day", number.apply(n));
      return null;
    }
    String text = UploadTable.text(d);
    try {
      LocalDate day = LocalDate.parse(text);
      if (day.getYear() < 1 || day.getYear() > 9999) {
        problem.accept("day", "not a day of the years 0001 to 9999: '" + text + "'");
        return null;
      }
      return past(day, latest, problem);
    } catch (DateTimeParseException e) {
      problem.accept("day", "not an ISO date: '" + text + "' (e.g. 2026-01-31)");
      return null;
    }
  }
}
