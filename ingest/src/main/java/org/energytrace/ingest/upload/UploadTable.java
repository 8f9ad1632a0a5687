package org.energytrace.ingest.upload;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.util.CellReference;
import org.energytrace.ingest.upload.XlsxSheet.Number;
import org.energytrace.ingest.upload.XlsxSheet.SheetRow;
import org.energytrace.ingest.upload.XlsxSheet.Text;
import org.energytrace.ingest.upload.XlsxSheet.Value;
import org.energytrace.ingest.upload.XlsxSheet.When;

/**
 * The first step every file upload shares (production counts, resource entries, the programme
 * registry): a CSV file (UTF-8, RFC 4180, a byte order mark allowed) or the first sheet of an XLSX
 * workbook read into its header and data rows, each cell by its column's name, before the feature's
 * own checks of the cells. Rows are numbered as a person finds them (CSV: the file's line of a
 * record, header = 1; XLSX: Excel's row number) and an XLSX column also has its letter. What makes
 * a row unreadable (a CSV record with another number of cells than the header, an XLSX value beside
 * no header) is a {@link Line#problems problem of that row}; what makes the whole file unreadable
 * is {@link Refused}.
 *
 * <p>The rest of the workflow has the same shape for every feature: {@link RowChecks} runs the
 * feature's checks of each row into a {@link Parsed} (rows and every problem, by row and column),
 * with an upload id that is {@link #sha256} over the canonical rows; {@link UploadAnswers} is the
 * preview's answer; a commit stores exactly the previewed rows ({@link Parsed#requirePreviewed}),
 * idempotent by that id.
 *
 * @param headerRow the row of the header
 * @param header the column names in order (XLSX: a repeated name counts once, its first column)
 * @param letters column name → XLSX column letter (empty for CSV)
 */
public record UploadTable(
    int headerRow, List<String> header, Map<String, String> letters, List<Line> lines) {

  /** A data row: its number, its cells by column name, and what made it unreadable. */
  public record Line(int row, Map<String, Value> cells, List<CellProblem> problems) {}

  /** A problem of a row ({@code column} null) or of a cell without a header ({@code letter}). */
  public record CellProblem(int row, String letter, String message) {}

  /** The file as a whole cannot be read; the message says why in the user's terms. */
  public static final class Refused extends Exception {
    public Refused(String message) {
      super(message);
    }
  }

  /** A column's XLSX letter, or null (CSV, or no such column). */
  public String letter(String column) {
    return letters.get(column);
  }

  /** Reads a CSV file; blank lines are skipped. */
  public static UploadTable csv(byte[] content) throws Refused {
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
      throw new Refused(
          "not a readable CSV file"
              + (line.find() ? " at line " + line.group(1) : "")
              + ": a quoted cell is not closed, or has text after its closing quote (RFC 4180)");
    }
    records = records.stream().filter(r -> !(r.size() == 1 && r.get(0).isBlank())).toList();
    if (records.isEmpty()) {
      throw new Refused("the file is empty (a header row is required)");
    }
    List<String> header = new ArrayList<>();
    // column names as the file's reader means them: "Resource" is resource
    records.get(0).forEach(h -> header.add(h.strip().toLowerCase(Locale.ROOT)));
    List<Line> lines = new ArrayList<>();
    for (int i = 1; i < records.size(); i++) {
      CSVRecord r = records.get(i);
      int row = i + 1;
      if (r.stream().allMatch(String::isBlank)) {
        // a record of blank cells is no row: the ",,,,," a spreadsheet leaves under its last row
        // blocked the whole file ("5 cells, the header has 4" or a missing value per cell)
        continue;
      }
      Map<String, Value> cells = new HashMap<>();
      List<CellProblem> problems = new ArrayList<>();
      if (r.size() != header.size()) {
        problems.add(
            new CellProblem(
                row,
                null,
                r.size()
                    + " cells, the header has "
                    + header.size()
                    // "43257,5" unquoted: the likeliest cause of one cell too many
                    + (r.size() > header.size()
                        ? " (a number with a decimal comma is two cells unless quoted: write"
                            + " 43257.5, or \"43257,5\")"
                        : "")));
      } else {
        for (int j = 0; j < header.size(); j++) {
          cells.put(header.get(j), new Text(r.get(j)));
        }
      }
      lines.add(new Line(row, cells, problems));
    }
    return new UploadTable(1, header, Map.of(), lines);
  }

  /**
   * Reads the first sheet of an XLSX workbook: the first non-empty row is the header; cells may be
   * numbers, text or dates, formulas count with their cached values; empty rows are skipped.
   *
   * @param maxRows the most data rows read (more is {@link Refused})
   */
  public static UploadTable xlsx(byte[] content, int maxRows) throws Refused {
    List<SheetRow> sheet;
    try {
      sheet = XlsxSheet.read(content, maxRows + 1);
    } catch (XlsxSheet.Unreadable e) {
      throw new Refused(e.getMessage());
    }
    if (sheet.isEmpty()) {
      throw new Refused("the first sheet is empty (a header row is required)");
    }
    SheetRow first = sheet.get(0);
    Map<Integer, String> names = new HashMap<>();
    Map<String, String> letters = new HashMap<>();
    List<String> header = new ArrayList<>();
    first
        .cells()
        .forEach(
            (index, value) -> {
              String name = text(value).toLowerCase(Locale.ROOT);
              if (!letters.containsKey(name)) {
                names.put(index, name);
                letters.put(name, CellReference.convertNumToColString(index));
                header.add(name);
              }
            });
    List<Line> lines = new ArrayList<>();
    for (SheetRow r : sheet.subList(1, sheet.size())) {
      Map<String, Value> cells = new HashMap<>();
      List<CellProblem> problems = new ArrayList<>();
      r.cells()
          .forEach(
              (index, value) -> {
                String name = names.get(index);
                if (name == null) {
                  problems.add(
                      new CellProblem(
                          r.row(),
                          CellReference.convertNumToColString(index),
                          "a value in a column without a header: '" + text(value) + "'"));
                } else {
                  cells.put(name, value);
                }
              });
      lines.add(new Line(r.row(), cells, problems));
    }
    return new UploadTable(first.row(), header, letters, lines);
  }

  /** A cell as text, stripped: "" for an empty cell, 1001 for the number 1001. */
  public static String text(Value v) {
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

  /** The SHA-256 of the canonical rows, in hex: the upload id a commit must present. */
  public static String sha256(String canonicalRows) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(canonicalRows.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
