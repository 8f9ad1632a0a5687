package org.energytrace.ingest.resource;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.energytrace.ingest.upload.Parsed;
import org.energytrace.ingest.upload.Problem;
import org.junit.jupiter.api.Test;

/** Issue 17: an upload of resource entries is checked like a production upload. */
class EntryFileTest {
  static final EntryFile.Declared KNOWN =
      new EntryFile.Declared(
          Map.of(
              "coal", new EntryFile.Known("t", null), "water", new EntryFile.Known("m3", "wm-1")),
          java.time.LocalDate.now(java.time.ZoneOffset.ofHours(14)));

  @Test
  void anXlsxWithDateCellsGivesTheSameRowsAndUploadIdAsTheCsv() throws Exception {
    byte[] xlsx;
    try (XSSFWorkbook wb = new XSSFWorkbook();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet s = wb.createSheet("entries");
      CellStyle date = wb.createCellStyle();
      date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
      String[] header = {"resource", "type", "day", "quantity", "unit", "ref"};
      Row h = s.createRow(0);
      for (int i = 0; i < header.length; i++) {
        h.createCell(i).setCellValue(header[i]);
      }
      Row r = s.createRow(1);
      r.createCell(0).setCellValue("coal");
      r.createCell(1).setCellValue("delivery");
      r.createCell(2).setCellValue(LocalDate.of(2026, 1, 7));
      r.getCell(2).setCellStyle(date);
      r.createCell(3).setCellValue(30);
      r.createCell(4).setCellValue("t");
      r.createCell(5).setCellValue("DN-1");
      wb.write(out);
      xlsx = out.toByteArray();
    }
    Parsed<EntryFile.Row> fromXlsx = EntryFile.parseXlsx("e.xlsx", xlsx, KNOWN);
    Parsed<EntryFile.Row> fromCsv =
        EntryFile.parseCsv(
            "e.csv",
            "resource,type,day,quantity,unit,ref\ncoal,delivery,2026-01-07,30,t,DN-1\n"
                .getBytes(StandardCharsets.UTF_8),
            KNOWN);
    assertThat(fromXlsx.problems()).isEmpty();
    assertThat(fromXlsx.rows()).hasSize(1);
    assertThat(fromXlsx.rows().get(0).day()).isEqualTo(LocalDate.of(2026, 1, 7));
    assertThat(fromXlsx.uploadId()).isEqualTo(fromCsv.uploadId()).isNotNull();
  }

  @Test
  void eachProblemNamesItsRowAndColumnAndAnXlsxAlsoTheColumnLetter() throws Exception {
    byte[] xlsx;
    try (XSSFWorkbook wb = new XSSFWorkbook();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet s = wb.createSheet("entries");
      String[][] rows = {
        {"resource", "type", "day", "quantity"},
        {"coal", "stock_count", "2026-01-31", "12"},
        {"coal", "stock_count", "2026-01-31", "13"},
        {"coal", "delivery", "2026-02-01", "5 t"}
      };
      for (int i = 0; i < rows.length; i++) {
        Row r = s.createRow(i);
        for (int j = 0; j < rows[i].length; j++) {
          r.createCell(j).setCellValue(rows[i][j]);
        }
      }
      wb.write(out);
      xlsx = out.toByteArray();
    }
    Parsed<EntryFile.Row> p = EntryFile.parseXlsx("e.xlsx", xlsx, KNOWN);
    assertThat(p.valid()).isFalse();
    assertThat(p.uploadId()).isNull();
    assertThat(p.problems())
        .extracting(Problem::text)
        .containsExactly(
            "row 3, column C (day): duplicate: stock_count of coal on 2026-01-31 is also at row 2"
                + " (a day has one stock count)",
            "row 4, column D (quantity): not a non-negative decimal number: '5 t'");
  }

  @Test
  void aMisspeltColumnIsRefusedNamingItRatherThanReadAsAbsent() {
    // "unitt": the 2 t of the line were taken in the resource's unit, as 2 kg, and stored
    Problem x = onlyProblem("resource,type,day,quantity,unitt\ncoal,delivery,2026-01-07,2,t\n");
    assertThat(x.row()).isEqualTo(1);
    assertThat(x.column()).isEqualTo("unitt");
    assertThat(x.message())
        .isEqualTo(
            "unknown column; the columns are resource, type, day, quantity, unit, ref, amount,"
                + " currency, note");
    // a note for the people who keep the file is not a problem, nor a spreadsheet's empty column
    Parsed<EntryFile.Row> noted =
        EntryFile.parseCsv(
            "e.csv",
            "resource,type,day,quantity,unit,note,\ncoal,delivery,2026-01-07,2,t,truck 2,\n"
                .getBytes(StandardCharsets.UTF_8),
            KNOWN);
    assertThat(noted.problems()).isEmpty();
    assertThat(noted.rows()).singleElement().satisfies(r -> assertThat(r.quantity()).isEqualTo(2));
  }

  @Test
  void twoStockCountsOfADayAreRefusedWhateverTheirRefsAndTwoDeliveriesTakeTheirRefs() {
    // a second count of a day under another ref was previewed valid and broke the ledger
    Parsed<EntryFile.Row> p =
        EntryFile.parseCsv(
            "e.csv",
            ("resource,type,day,quantity,unit,ref\n"
                    + "coal,stock_count,2026-01-31,12,t,A\n"
                    + "coal,stock_count,2026-01-31,13,t,B\n"
                    + "coal,delivery,2026-01-31,5,t,DN-1\n"
                    + "coal,delivery,2026-01-31,5,t,DN-2\n")
                .getBytes(StandardCharsets.UTF_8),
            KNOWN);
    assertThat(p.problems())
        .extracting(Problem::text)
        .containsExactly(
            "row 3, column day: duplicate: stock_count of coal on 2026-01-31 is also at row 2"
                + " (a day has one stock count)");
  }

  @Test
  void aUnitThatDoesNotConvertToTheResourcesIsRefusedNamingBoth() {
    Problem x = onlyProblem("resource,type,day,quantity,unit\ncoal,delivery,2026-01-07,30,m3\n");
    assertThat(x.row()).isEqualTo(2);
    assertThat(x.column()).isEqualTo("unit");
    assertThat(x.message()).contains("m3").contains("t");
  }

  @Test
  void aTypeWrittenWithCapitalsIsTheTypeItSaysAndAnUnknownOneIsNamed() {
    // a spreadsheet's "Delivery" was refused: must be one of [delivery, …], got 'Delivery'
    Parsed<EntryFile.Row> p =
        EntryFile.parseCsv(
            "e.csv",
            "resource,type,day,quantity\ncoal,Delivery,2026-01-07,30\ncoal,STOCK_COUNT,2026-01-08,5\n"
                .getBytes(StandardCharsets.UTF_8),
            KNOWN);
    assertThat(p.problems()).isEmpty();
    assertThat(p.rows()).extracting(EntryFile.Row::type).containsExactly("delivery", "stock_count");
    Problem x = onlyProblem("resource,type,day,quantity\ncoal,Deliveries,2026-01-07,30\n");
    assertThat(x.column()).isEqualTo("type");
    assertThat(x.message()).endsWith(", got 'Deliveries'");
  }

  @Test
  void anEntryForADayThatHasNotBegunAnywhereIsRefusedNamingTheDay() {
    java.time.LocalDate later = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(2);
    Problem x = onlyProblem("resource,type,day,quantity\ncoal,delivery," + later + ",30\n");
    assertThat(x.row()).isEqualTo(2);
    assertThat(x.column()).isEqualTo("day");
    assertThat(x.message()).contains("in the future (" + later + "; today is ");
  }

  @Test
  void aNumberTypedWithADecimalCommaSaysWhatToWriteAndAnUnreadableAmountIsOneProblem() {
    // a reviewer's "12,5" and "43.747,5" got only "not a non-negative decimal number", and an
    // invoice of "30.000.000" VND a second, wrong problem: "a currency without an amount"
    Parsed<EntryFile.Row> p =
        EntryFile.parseCsv(
            "e.csv",
            ("resource,type,day,quantity,unit,ref,amount,currency\n"
                    + "coal,delivery,2026-01-07,\"12,5\",t,,,\n"
                    + "coal,delivery,2026-01-08,\"43.747,5\",t,,,\n"
                    + "coal,invoice,2026-01-09,3,t,INV-1,30.000.000,VND\n")
                .getBytes(StandardCharsets.UTF_8),
            KNOWN);
    assertThat(p.problems())
        .extracting(x -> x.row() + " " + x.column() + ": " + x.message())
        .containsExactly(
            "2 quantity: not a non-negative decimal number: '12,5': write 12.5 (a point for the"
                + " decimals, no thousands separators)",
            "3 quantity: not a non-negative decimal number: '43.747,5': write 43747.5 (a point"
                + " for the decimals, no thousands separators)",
            "4 amount: not a non-negative amount (digits, an optional '.' and decimals):"
                + " '30.000.000': write 30000000 (a point for the decimals, no thousands"
                + " separators)");
  }

  @Test
  void aCurrencyIsAnIso4217CodeNotAnyThreeCapitals() {
    // "ZZZ" (or a typed "VDN") was taken and stood as a currency of its own in the totals
    Problem p =
        onlyProblem(
            "resource,type,day,quantity,unit,ref,amount,currency\n"
                + "coal,invoice,2026-01-09,3,t,INV-1,100,ZZZ\n");
    assertThat(p.column()).isEqualTo("currency");
    assertThat(p.message()).isEqualTo("not an ISO 4217 currency code (VND, USD, EUR, …): 'ZZZ'");
    // a code is one whatever its case: "vnd" is VND
    Parsed<EntryFile.Row> lower =
        EntryFile.parseCsv(
            "e.csv",
            ("resource,type,day,quantity,unit,ref,amount,currency\n"
                    + "coal,invoice,2026-01-09,3,t,INV-1,100,vnd\n")
                .getBytes(StandardCharsets.UTF_8),
            KNOWN);
    assertThat(lower.problems()).isEmpty();
    assertThat(lower.rows().get(0).currency()).isEqualTo("VND");
  }

  @Test
  void aFileSeparatedBySemicolonsOrInUtf16IsOneProblemSayingHowToSaveIt() {
    // Excel with Vietnamese settings saves "CSV" with ';': five "unknown column" and "missing
    // column" problems and no word of the separator
    Problem semicolons = onlyProblem("resource;type;day;quantity\ncoal;delivery;2026-12-01;5\n");
    assertThat(semicolons.message())
        .isEqualTo(
            "the columns are separated by ';', not commas: save the file as \"CSV UTF-8 (comma"
                + " delimited)\"");
    Parsed<EntryFile.Row> utf16 =
        EntryFile.parseCsv(
            "e.csv",
            ("\uFEFFresource,type,day,quantity\ncoal,delivery,2026-12-01,5\n")
                .getBytes(StandardCharsets.UTF_16LE),
            KNOWN);
    assertThat(utf16.problems())
        .singleElement()
        .extracting(Problem::message)
        .asString()
        .startsWith("the file is not UTF-8 text");
  }

  @Test
  void aPointBeforeThreeDigitsIsAmbiguousAndSaysHowToWriteEitherReading() {
    // "1.200" crates (one thousand two hundred, written the Vietnamese way) were stored as 1.2
    Problem p = onlyProblem("resource,type,day,quantity\ncoal,delivery,2026-01-07,1.200\n");
    assertThat(p.column()).isEqualTo("quantity");
    assertThat(p.message())
        .isEqualTo(
            "'1.200' is ambiguous: a point before three digits separates thousands in Vietnamese"
                + " and marks decimals in English: write 1200 for the thousands, or 1.2 for the"
                + " decimals");
    assertThat(
            onlyProblem("resource,type,day,quantity\ncoal,delivery,2026-01-07,67.225\n").message())
        .endsWith("write 67225 for the thousands, or 67.2250 for the decimals");
    // either reading written plainly is taken; so is a JSON number of the API (67.225)
    for (String q : List.of("1200", "1.2", "67.2250", "12.5", "1234.567")) {
      assertThat(
              EntryFile.parseCsv(
                      "e.csv",
                      ("resource,type,day,quantity\ncoal,delivery,2026-01-07," + q + "\n")
                          .getBytes(StandardCharsets.UTF_8),
                      KNOWN)
                  .problems())
          .as(q)
          .isEmpty();
    }
    assertThat(org.energytrace.ingest.upload.RequestRows.number("67.225")).isEqualTo("67.2250");
    assertThat(org.energytrace.ingest.upload.RequestRows.number("1200")).isEqualTo("1200");
    assertThat(org.energytrace.ingest.upload.RequestRows.number("1.2E7")).isEqualTo("12000000");
  }

  @Test
  void columnNamesInCapitalsAndTheBlankRowsASpreadsheetLeavesAreRead() {
    // "Resource,Type,…" gave each column as unknown and missing; ",,,,," rows blocked the file
    Parsed<EntryFile.Row> p =
        EntryFile.parseCsv(
            "e.csv",
            ("Resource,Type,Day,Quantity,Unit,Ref\n"
                    + "coal,delivery,2026-01-07,5,t,DN-1\n"
                    + ",,,,,\n"
                    + "coal,delivery,2026-01-08,x,t,DN-2\n"
                    + ",,,,,\n")
                .getBytes(StandardCharsets.UTF_8),
            KNOWN);
    // the second row's problem still names its own row of the file
    assertThat(p.problems())
        .extracting(x -> x.row() + " " + x.column())
        .containsExactly("4 quantity");
  }

  /** The one problem of {@code csv}'s rows. */
  private static Problem onlyProblem(String csv) {
    Parsed<EntryFile.Row> p =
        EntryFile.parseCsv("e.csv", csv.getBytes(StandardCharsets.UTF_8), KNOWN);
    assertThat(p.problems()).hasSize(1);
    return p.problems().get(0);
  }
}
