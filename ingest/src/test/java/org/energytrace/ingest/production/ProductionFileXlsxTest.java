package org.energytrace.ingest.production;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.energytrace.ingest.upload.Parsed;
import org.energytrace.ingest.upload.Problem;
import org.energytrace.ingest.upload.XlsxSheet;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** XLSX production uploads, on workbooks built in memory with POI. */
class ProductionFileXlsxTest {
  static final ProductionFile.Products PRODUCTS =
      new ProductionFile.Products(
          Map.of("beer", "filler", "1001", "filler-2"),
          java.time.LocalDate.now(java.time.ZoneOffset.ofHours(14)));

  /** A workbook whose first sheet is filled by {@code sheet}; dates get a date format. */
  static byte[] xlsx(Consumer<Sheet> sheet) {
    try (XSSFWorkbook wb = new XSSFWorkbook();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      sheet.accept(wb.createSheet("production"));
      wb.createSheet("notes").createRow(0).createCell(0).setCellValue("ignored");
      // formulas are stored with their cached values, as Excel saves them
      wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
      wb.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Writes the cells of one row from column A on: String, Number, LocalDate(Time) or "=formula".
   */
  static void row(Sheet sheet, int excelRow, Object... values) {
    Row r = sheet.createRow(excelRow - 1);
    CellStyle date = sheet.getWorkbook().createCellStyle();
    date.setDataFormat(
        sheet.getWorkbook().getCreationHelper().createDataFormat().getFormat("dd/mm/yyyy"));
    for (int i = 0; i < values.length; i++) {
      Object v = values[i];
      var cell = r.createCell(i);
      if (v instanceof Number n) {
        cell.setCellValue(n.doubleValue());
      } else if (v instanceof LocalDate d) {
        cell.setCellValue(d);
        cell.setCellStyle(date);
      } else if (v instanceof LocalDateTime t) {
        cell.setCellValue(t);
        cell.setCellStyle(date);
      } else if (v instanceof String s && s.startsWith("=")) {
        cell.setCellFormula(s.substring(1));
      } else if (v != null) {
        cell.setCellValue((String) v);
      }
    }
  }

  static Parsed<ProductionFile.Row> parse(byte[] content) {
    return ProductionFile.parseXlsx("p.xlsx", content, PRODUCTS);
  }

  static Parsed<ProductionFile.Row> csv(String text) {
    return ProductionFile.parseCsv("p.csv", text.getBytes(StandardCharsets.UTF_8), PRODUCTS);
  }

  @Nested
  class ReadsCells {
    @Test
    void readsNumbersTextNumbersDateCellsAndCachedFormulaValuesAsTheSameRowsAsTheCsv() {
      Parsed<ProductionFile.Row> p =
          parse(
              xlsx(
                  s -> {
                    row(s, 1, "product", "day", "quantity", "line");
                    row(s, 2, "beer", LocalDate.of(2026, 3, 1), 410.5, "filler");
                    row(s, 3, "beer", "2026-03-02", " 12 ", null);
                    row(s, 4, "beer", LocalDate.of(2026, 3, 3), "=B2*0+C2*2", "filler");
                    // a product code typed as a number stays the code "1001"
                    row(s, 5, 1001, LocalDate.of(2026, 3, 1), 7, "filler-2");
                  }));
      assertThat(p.problems()).isEmpty();
      assertThat(p.rows())
          .extracting(
              ProductionFile.Row::row,
              ProductionFile.Row::product,
              ProductionFile.Row::day,
              ProductionFile.Row::quantity)
          .containsExactly(
              tuple(2, "beer", LocalDate.of(2026, 3, 1), 410.5),
              tuple(3, "beer", LocalDate.of(2026, 3, 2), 12.0),
              tuple(4, "beer", LocalDate.of(2026, 3, 3), 821.0),
              tuple(5, "1001", LocalDate.of(2026, 3, 1), 7.0));
      // the commit proves what was previewed by the rows' hash, whatever the file's format
      assertThat(p.uploadId())
          .isEqualTo(
              csv("""
                      product,day,quantity
                      beer,2026-03-01,410.50
                      beer,2026-03-02,12
                      beer,2026-03-03,821
                      1001,2026-03-01,7
                      """)
                  .uploadId());
    }

    @Test
    void aColumnNotOfAProductionFileIsRefusedNamingItAndItsLetter() {
      // a unit column was read as absent: 100 hl were stored as 100 of the product's unit
      Parsed<ProductionFile.Row> p =
          parse(
              xlsx(
                  s -> {
                    row(s, 1, "product", "day", "quantity", "unit");
                    row(s, 2, "beer", LocalDate.of(2026, 3, 1), 100, "hl");
                  }));
      assertThat(p.valid()).isFalse();
      assertThat(p.rows()).isEmpty();
      assertThat(p.problems())
          .extracting(Problem::text)
          .containsExactly(
              "row 1, column D (unit): unknown column; the columns are product, day, quantity,"
                  + " line, note");
    }

    @Test
    void takesTheHeaderFromTheFirstNonEmptyRowAndSkipsEmptyRows() {
      Parsed<ProductionFile.Row> p =
          parse(
              xlsx(
                  s -> {
                    row(s, 3, "day", "quantity", "product", "note");
                    row(s, 5, LocalDate.of(2026, 3, 1), 1.25, "beer", "night shift");
                  }));
      assertThat(p.valid()).isTrue();
      assertThat(p.rows()).singleElement().satisfies(r -> assertThat(r.row()).isEqualTo(5));
    }

    @Test
    void convertsDatesOfA1904Workbook() throws IOException {
      byte[] content =
          xlsx(
              s -> {
                row(s, 1, "product", "day", "quantity");
                row(s, 2, "beer", LocalDate.of(2026, 3, 1), 1);
              });
      // the same serial number is a date 1462 days later in the 1900 system than in 1904
      byte[] as1904;
      try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(content));
          ByteArrayOutputStream out = new ByteArrayOutputStream()) {
        double serial = wb.getSheetAt(0).getRow(1).getCell(1).getNumericCellValue();
        wb.getCTWorkbook().getWorkbookPr().setDate1904(true);
        wb.getSheetAt(0).getRow(1).getCell(1).setCellValue(serial - 1462);
        wb.write(out);
        as1904 = out.toByteArray();
      }
      assertThat(parse(as1904).rows())
          .singleElement()
          .satisfies(r -> assertThat(r.day()).isEqualTo(LocalDate.of(2026, 3, 1)));
    }
  }

  @Nested
  class ReportsProblems {
    @Test
    void namesExcelsRowColumnLetterAndHeaderOfEveryBadCellAndGivesNoUploadId() {
      Parsed<ProductionFile.Row> p =
          parse(
              xlsx(
                  s -> {
                    row(s, 1, "product", "day", "quantity");
                    row(s, 2, "beer", LocalDate.of(2026, 3, 1), 1);
                    row(s, 3, "stout", LocalDate.of(2026, 3, 2), 1);
                    row(s, 4, "beer", LocalDate.of(2026, 3, 4), "lots");
                    row(s, 5, "beer", LocalDateTime.of(2026, 3, 5, 8, 30), 1);
                    row(s, 6, "beer", 46082, 1);
                    row(s, 7, "beer", LocalDate.of(2026, 3, 7), -3);
                    row(s, 8, "beer", LocalDate.of(2026, 3, 1), 2);
                    row(s, 9, "beer", LocalDate.of(2026, 3, 9), 1, null, "stray");
                    row(s, 10, "beer", null, 1);
                  }));
      assertThat(p.valid()).isFalse();
      assertThat(p.uploadId()).isNull();
      assertThat(p.problems())
          .extracting(Problem::row, Problem::columnLabel)
          .containsExactly(
              tuple(3, "A (product)"),
              tuple(4, "C (quantity)"),
              tuple(5, "B (day)"),
              tuple(6, "B (day)"),
              tuple(7, "C (quantity)"),
              tuple(8, "B (day)"),
              tuple(9, "E"),
              tuple(10, "B (day)"));
      assertThat(p.problems())
          .extracting(Problem::message)
          .containsExactly(
              "unknown product 'stout'",
              "not a non-negative decimal number: 'lots'",
              "a date with a time of day (2026-03-05T08:30): give the day only",
              "a number (46082), not a date: format the cell as a date or write an ISO date"
                  + " (e.g. 2026-01-31)",
              "not a non-negative decimal number: '-3'",
              "duplicate: product beer on 2026-03-01 is also at row 2",
              "a value in a column without a header: 'stray'",
              "empty cell");
    }

    @Test
    void refusesAnEmptySheet() {
      Parsed<ProductionFile.Row> p = parse(xlsx(s -> {}));
      assertThat(p.problems())
          .singleElement()
          .satisfies(x -> assertThat(x.message()).contains("first sheet is empty"));
    }

    @Test
    void refusesASheetWithoutTheRequiredColumnsNamingTheColumn() {
      Parsed<ProductionFile.Row> p =
          parse(
              xlsx(
                  s -> {
                    row(s, 1, "product", "date", "quantity");
                    row(s, 2, "beer", LocalDate.of(2026, 3, 1), 1);
                  }));
      // "date" is not a column of the file, and "day" is missing
      assertThat(p.problems())
          .extracting(x -> x.row() + " " + x.column())
          .containsExactly("1 date", "1 day");
    }

    @Test
    void refusesAHeaderWithoutDataRows() {
      Parsed<ProductionFile.Row> p = parse(xlsx(s -> row(s, 1, "product", "day", "quantity")));
      assertThat(p.valid()).isFalse();
      assertThat(p.problems())
          .extracting(Problem::message)
          .containsExactly("the file has no data rows");
    }

    @Test
    void refusesBytesThatAreNotAWorkbook() {
      Parsed<ProductionFile.Row> p =
          parse("product,day,quantity\nbeer,2026-03-01,1\n".getBytes(StandardCharsets.UTF_8));
      assertThat(p.problems())
          .singleElement()
          .satisfies(x -> assertThat(x.message()).startsWith("not a readable XLSX file"));
    }
  }

  @Nested
  class Guards {
    @Test
    void stopsReadingASheetLongerThanTheRowCapWithAClearError() {
      byte[] content =
          xlsx(
              s -> {
                row(s, 1, "product", "day", "quantity");
                for (int i = 0; i < 4; i++) {
                  row(s, 2 + i, "beer", LocalDate.of(2026, 3, 1).plusDays(i), 1);
                }
              });
      assertThat(ProductionFile.parseXlsx("p.xlsx", content, PRODUCTS, 4).valid()).isTrue();
      Parsed<ProductionFile.Row> p = ProductionFile.parseXlsx("p.xlsx", content, PRODUCTS, 3);
      assertThat(p.rows()).isEmpty();
      assertThat(p.problems())
          .singleElement()
          .satisfies(
              x ->
                  assertThat(x.message())
                      .isEqualTo(
                          "the first sheet has more than 3 data rows: split it into files of at"
                              + " most 3 rows"));
    }

    /** The valid one-row workbook with {@code blankMiB} MiB of blanks appended to its sheet. */
    byte[] padded(int blankMiB) throws IOException {
      byte[] valid =
          xlsx(
              s -> {
                row(s, 1, "product", "day", "quantity");
                row(s, 2, "beer", LocalDate.of(2026, 3, 1), 1);
              });
      ByteArrayOutputStream bomb = new ByteArrayOutputStream();
      try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(valid));
          ZipOutputStream out = new ZipOutputStream(bomb)) {
        out.setLevel(9);
        for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
          out.putNextEntry(new ZipEntry(e.getName()));
          out.write(in.readAllBytes());
          if (e.getName().equals("xl/worksheets/sheet1.xml")) {
            byte[] blanks = new byte[1 << 20];
            java.util.Arrays.fill(blanks, (byte) ' ');
            for (int i = 0; i < blankMiB; i++) {
              out.write(blanks);
            }
          }
          out.closeEntry();
        }
      }
      return bomb.toByteArray();
    }

    @Test
    void refusesAZipBombWithoutInflatingIt() throws IOException {
      // 30 MiB of blanks deflate to about 30 KiB: far past POI's 1:100 inflate ratio
      byte[] bomb = padded(30);
      assertThat(bomb.length).isLessThan(1 << 20);
      Parsed<ProductionFile.Row> p = parse(bomb);
      assertThat(p.problems())
          .singleElement()
          .satisfies(
              x ->
                  assertThat(x.message())
                      .isEqualTo(ProductionFile.XLSX_PREFIX + XlsxSheet.ZIP_BOMB)
                      .doesNotContain("Zip bomb detected"));
    }

    /**
     * As {@link #padded}, written the way most zip tools write: with each entry's sizes in its
     * local header (a seekable output), so a reader learns the inflated size before reading.
     */
    byte[] paddedWithSizesUpFront(int blankMiB) throws IOException {
      byte[] streamed = padded(0);
      var channel = new org.apache.commons.compress.utils.SeekableInMemoryByteChannel();
      try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(streamed));
          var out = new org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream(channel)) {
        out.setLevel(9);
        for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
          out.putArchiveEntry(
              new org.apache.commons.compress.archivers.zip.ZipArchiveEntry(e.getName()));
          out.write(in.readAllBytes());
          if (e.getName().equals("xl/worksheets/sheet1.xml")) {
            byte[] blanks = new byte[1 << 20];
            java.util.Arrays.fill(blanks, (byte) ' ');
            for (int i = 0; i < blankMiB; i++) {
              out.write(blanks);
            }
          }
          out.closeArchiveEntry();
        }
      }
      return java.util.Arrays.copyOf(channel.array(), (int) channel.size());
    }

    @Test
    void refusesAnEntryOverAHundredMegabytesWithTheSameZipBombMessage() throws IOException {
      // issue 11: an entry declaring more than POI's 100 MB array limit escaped as POI's own
      // RecordFormatException (a 500 with POI's text) instead of the documented refusal
      byte[] bomb = paddedWithSizesUpFront(101);
      assertThat(bomb.length).isLessThan(1 << 20);

      Parsed<ProductionFile.Row> p = parse(bomb);

      assertThat(p.valid()).isFalse();
      assertThat(p.problems())
          .singleElement()
          .satisfies(
              x ->
                  assertThat(x.message())
                      .isEqualTo(ProductionFile.XLSX_PREFIX + XlsxSheet.ZIP_BOMB));
    }
  }
}
