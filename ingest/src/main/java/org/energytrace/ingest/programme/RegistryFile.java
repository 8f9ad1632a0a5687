package org.energytrace.ingest.programme;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.energytrace.ingest.model.TopicName;
import org.energytrace.ingest.upload.Parsed;
import org.energytrace.ingest.upload.Problem;
import org.energytrace.ingest.upload.UploadTable;
import org.energytrace.ingest.upload.XlsxSheet;
import org.energytrace.ingest.web.Fields;

/**
 * A registry import (CSV, UTF-8, RFC 4180): a header row with {@code enterprise} (the enterprise
 * code) and the profile's fields ({@link FacilityProfile#FIELDS}; {@code legal_name_vi}, {@code
 * vsic} and {@code district} required), then one row per facility. Every problem names its row (the
 * file's line, header = 1) and column. The upload id is the SHA-256 of the rows read, so that a
 * commit proves it stores exactly what was previewed (as the production upload does).
 */
public final class RegistryFile {
  /** The most data rows of one file. */
  public static final int MAX_ROWS = 5_000;

  /** One facility to store. */
  public record Row(int row, String enterprise, FacilityProfile profile) {}

  private RegistryFile() {}

  public static Parsed<Row> parseCsv(String fileName, byte[] content) {
    try {
      return read(fileName, UploadTable.csv(content));
    } catch (UploadTable.Refused e) {
      return failed(fileName, e.getMessage());
    }
  }

  /**
   * Reads the first sheet of an XLSX workbook: the first non-empty row is the header (the CSV's
   * column names), then one facility per row; numbers are read as the text they show (a VSIC code
   * or tax code typed as a number), date cells as dates. Problems name Excel's row number and the
   * column letter beside the header.
   */
  public static Parsed<Row> parseXlsx(String fileName, byte[] content) {
    try {
      return read(fileName, UploadTable.xlsx(content, MAX_ROWS));
    } catch (UploadTable.Refused e) {
      return failed(fileName, e.getMessage());
    }
  }

  /** The header's checks, then each row's cells as the text a person sees. */
  private static Parsed<Row> read(String fileName, UploadTable table) {
    List<Problem> problems = new ArrayList<>();
    for (String h : table.header()) {
      if (!h.equals("enterprise") && !FacilityProfile.FIELDS.contains(h)) {
        problems.add(
            new Problem(
                table.headerRow(),
                h,
                table.letter(h),
                "unknown column; the columns are enterprise, "
                    + String.join(", ", FacilityProfile.FIELDS)));
      }
    }
    for (String required : List.of("enterprise", "legal_name_vi", "vsic", "district")) {
      if (!table.header().contains(required)) {
        problems.add(new Problem(table.headerRow(), required, "required column missing"));
      }
    }
    if (!problems.isEmpty()) {
      return new Parsed<>(fileName, List.of(), problems, null);
    }
    if (table.lines().size() > MAX_ROWS) {
      return failed(fileName, "at most " + MAX_ROWS + " rows, got " + table.lines().size());
    }
    List<Line> lines = new ArrayList<>();
    for (UploadTable.Line l : table.lines()) {
      l.problems().forEach(p -> problems.add(new Problem(p.row(), null, p.letter(), p.message())));
      if (l.problems().stream().anyMatch(p -> p.letter() == null)) {
        continue; // a CSV record that does not fit the header; a stray XLSX value spoils no cell
      }
      Map<String, Object> cells = new LinkedHashMap<>();
      table.header().stream()
          .filter(l.cells()::containsKey)
          .forEach(h -> cells.put(h, cellText(l.cells().get(h))));
      lines.add(new Line(l.row(), cells));
    }
    return check(fileName, lines, problems, table::letter);
  }

  /** One data row: its number in the file and its cells by column name. */
  private record Line(int row, Map<String, Object> cells) {}

  private static Parsed<Row> check(
      String fileName,
      List<Line> lines,
      List<Problem> problems,
      java.util.function.Function<String, String> letters) {
    List<Row> rows = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (Line line : lines) {
      int row = line.row();
      Map<String, Object> cells = new LinkedHashMap<>(line.cells());
      Object raw = cells.remove("enterprise");
      String code = raw == null ? "" : String.valueOf(raw).strip();
      if (!TopicName.ID.matcher(code).matches()) {
        problems.add(
            new Problem(
                row,
                "enterprise",
                letters.apply("enterprise"),
                "must match " + TopicName.ID.pattern() + ", got '" + code + "'"));
      } else if (seen.containsKey(code)) {
        problems.add(
            new Problem(
                row,
                "enterprise",
                letters.apply("enterprise"),
                code + " is already on row " + seen.get(code)));
      } else {
        seen.put(code, row);
      }
      Fields f = new Fields(cells, "");
      Optional<FacilityProfile> p = FacilityProfile.read(f);
      for (Fields.Problem fp : f.problems()) {
        problems.add(new Problem(row, fp.field(), letters.apply(fp.field()), fp.message()));
      }
      p.ifPresent(profile -> rows.add(new Row(row, code, profile)));
    }
    if (lines.isEmpty() && problems.isEmpty()) {
      problems.add(new Problem(1, null, "no data rows"));
    }
    return new Parsed<>(fileName, rows, problems, uploadId(rows));
  }

  /** A cell as the text a person sees: whole numbers without ".0", dates as yyyy-MM-dd. */
  private static String cellText(XlsxSheet.Value v) {
    if (v instanceof XlsxSheet.Text t) {
      return t.text();
    }
    if (v instanceof XlsxSheet.Number n) {
      double d = n.value();
      return d == Math.rint(d) && Math.abs(d) < 1e15
          ? Long.toString((long) d)
          : java.math.BigDecimal.valueOf(d).toPlainString();
    }
    if (v instanceof XlsxSheet.When w) {
      return w.at().toLocalDate().toString();
    }
    return "";
  }

  private static Parsed<Row> failed(String fileName, String message) {
    return new Parsed<>(fileName, List.of(), List.of(new Problem(1, null, message)), null);
  }

  static String uploadId(List<Row> rows) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      for (Row r : rows) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("enterprise", r.enterprise());
        m.putAll(r.profile().json());
        d.update(io.vertx.core.json.Json.encode(m).getBytes(StandardCharsets.UTF_8));
        d.update((byte) '\n');
      }
      return "reg-" + HexFormat.of().formatHex(d.digest()).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
