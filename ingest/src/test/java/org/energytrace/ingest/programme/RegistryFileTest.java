package org.energytrace.ingest.programme;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.energytrace.ingest.upload.Parsed;
import org.junit.jupiter.api.Test;

/** The registry import's CSV: every problem with its row and column, and a stable upload id. */
class RegistryFileTest {
  static Parsed<RegistryFile.Row> parse(String csv) {
    return RegistryFile.parseCsv("r.csv", csv.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsQuotedVietnameseNamesAfterAByteOrderMark() {
    var p =
        parse(
            "\uFEFFenterprise,legal_name_vi,vsic,district,latitude,longitude\n"
                + "bd-1,\"Công ty TNHH Bia, Nước giải khát\",1103,Thủ Dầu Một,10.98,106.65\n");
    assertThat(p.problems()).isEmpty();
    assertThat(p.rows())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.row()).isEqualTo(2);
              assertThat(r.profile().legalNameVi()).isEqualTo("Công ty TNHH Bia, Nước giải khát");
              assertThat(r.profile().latitude()).isEqualTo(10.98);
            });
  }

  @Test
  void namesTheRowAndColumnOfEveryBadCellAndTheRowOfADuplicate() {
    var p =
        parse(
            "enterprise,legal_name_vi,vsic,district,tax_code,latitude\n"
                + "bd-1,A,11,D,123,10\n"
                + "bd-1,B,1103,D,,\n"
                + "Bad Code,C,12345,,,\n");
    assertThat(p.problems())
        .extracting(x -> x.row() + ":" + x.column())
        .containsExactlyInAnyOrder(
            "2:tax_code", "2:longitude", "3:enterprise", "4:enterprise", "4:vsic", "4:district");
    assertThat(p.valid()).isFalse();
  }

  @Test
  void refusesAnUnknownOrMissingColumnBeforeReadingAnyRow() {
    var p = parse("enterprise,legal_name,vsic\nbd-1,A,1103\n");
    assertThat(p.problems())
        .extracting(x -> x.row() + ":" + x.column())
        .contains("1:legal_name", "1:legal_name_vi", "1:district");
    assertThat(p.rows()).isEmpty();
  }

  @Test
  void theUploadIdIsTheSameForTheSameRowsAndChangesWithAnyValue() {
    String a = "enterprise,legal_name_vi,vsic,district\nbd-1,A,1103,D\n";
    assertThat(parse(a).uploadId()).isEqualTo(parse(a.replace(",", " , ")).uploadId());
    assertThat(parse(a).uploadId()).isNotEqualTo(parse(a.replace("1103", "1104")).uploadId());
  }

  @Test
  void readsAWorkbookWhoseCodesAreNumbersAndNamesExcelsRowAndColumnLetter() throws Exception {
    byte[] xlsx;
    try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook();
        var out = new java.io.ByteArrayOutputStream()) {
      var sheet = wb.createSheet("registry");
      String[] header = {
        "enterprise", "legal_name_vi", "vsic", "district", "tax_code", "registered_on", "size"
      };
      var h = sheet.createRow(0);
      for (int i = 0; i < header.length; i++) {
        h.createCell(i).setCellValue(header[i]);
      }
      var dates = wb.createCellStyle();
      dates.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("dd/mm/yyyy"));
      var r = sheet.createRow(1);
      r.createCell(0).setCellValue("bd-1");
      r.createCell(1).setCellValue("Công ty Bia");
      r.createCell(2).setCellValue(1103); // typed as a number in Excel
      r.createCell(3).setCellValue("Thủ Dầu Một");
      r.createCell(4).setCellValue(3700123456d);
      var d = r.createCell(5);
      d.setCellValue(java.time.LocalDate.of(2024, 3, 15));
      d.setCellStyle(dates);
      r.createCell(6).setCellValue("small");
      var bad = sheet.createRow(2);
      bad.createCell(0).setCellValue("bd-2");
      bad.createCell(1).setCellValue("Công ty Giấy");
      bad.createCell(2).setCellValue(1701);
      bad.createCell(3).setCellValue("Dĩ An");
      bad.createCell(6).setCellValue("huge");
      wb.write(out);
      xlsx = out.toByteArray();
    }
    var p = RegistryFile.parseXlsx("r.xlsx", xlsx);
    assertThat(p.rows())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.profile().vsic()).isEqualTo("1103");
              assertThat(r.profile().taxCode()).isEqualTo("3700123456");
              assertThat(r.profile().registeredOn()).isEqualTo(java.time.LocalDate.of(2024, 3, 15));
            });
    assertThat(p.problems())
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.row()).isEqualTo(3);
              assertThat(x.columnLabel()).isEqualTo("G (size)");
            });
  }
}
