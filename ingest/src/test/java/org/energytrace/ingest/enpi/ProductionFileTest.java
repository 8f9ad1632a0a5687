package org.energytrace.ingest.enpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.energytrace.ingest.production.ProductionFile;
import org.energytrace.ingest.upload.Parsed;
import org.energytrace.ingest.upload.Problem;
import org.junit.jupiter.api.Test;

class ProductionFileTest {
  static final ProductionFile.Products PRODUCTS =
      new ProductionFile.Products(
          Map.of("beer", "filler", "water", "filler-2"),
          java.time.LocalDate.now(java.time.ZoneOffset.ofHours(14)));

  static Parsed<ProductionFile.Row> parse(String csv) {
    return ProductionFile.parseCsv("p.csv", csv.getBytes(StandardCharsets.UTF_8), PRODUCTS);
  }

  @Test
  void namesRowAndColumnOfEveryBadCellAndGivesNoUploadId() {
    Parsed<ProductionFile.Row> p =
        parse(
            """
            line,product,day,quantity
            filler,beer,2026-03-01,410.5
            filler,stout,2026-03-02,12
            filler,beer,03/03/2026,12
            filler,beer,2026-03-04,-3
            filler,water,2026-03-05,7
            filler,beer,2026-03-01,400
            """);
    assertThat(p.valid()).isFalse();
    assertThat(p.uploadId()).isNull();
    assertThat(p.problems())
        .extracting(Problem::row, Problem::column)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(3, "product"),
            org.assertj.core.groups.Tuple.tuple(4, "day"),
            org.assertj.core.groups.Tuple.tuple(5, "quantity"),
            org.assertj.core.groups.Tuple.tuple(6, "line"),
            org.assertj.core.groups.Tuple.tuple(7, "day"));
    assertThat(p.problems().get(4).message()).contains("row 2");
  }

  @Test
  void aDayAfterTheSitesTodayIsRefusedAndTodayIsTaken() {
    // a reviewer's output for 2027-02-01 (typed for 2026) was stored and listed
    java.time.LocalDate today = java.time.LocalDate.of(2026, 3, 10);
    Parsed<ProductionFile.Row> p =
        ProductionFile.parseCsv(
            "p.csv",
            ("product,day,quantity\nbeer," + today + ",1\nbeer," + today.plusDays(1) + ",2\n")
                .getBytes(StandardCharsets.UTF_8),
            new ProductionFile.Products(PRODUCTS.productLines(), today));
    assertThat(p.problems())
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.row()).isEqualTo(3);
              assertThat(x.column()).isEqualTo("day");
              assertThat(x.message())
                  .isEqualTo(
                      "is in the future (2026-03-11; today is 2026-03-10): enter a day once it has"
                          + " happened");
            });
  }

  @Test
  void refusesAFileWithoutTheRequiredColumnsNamingTheColumn() {
    Parsed<ProductionFile.Row> p = parse("product,date,quantity\nbeer,2026-03-01,1\n");
    // "date" for "day": the column it is, and the one it is not
    assertThat(p.problems())
        .extracting(x -> x.row() + " " + x.column() + ": " + x.message())
        .containsExactly(
            "1 date: unknown column; the columns are product, day, quantity, line, note",
            "1 day: missing column (header is [product, date, quantity])");
  }

  @Test
  void givesTheSameUploadIdForTheSameRowsWhateverTheirFormatting() {
    // the commit proves it stores what was previewed by the rows' hash, not the file's bytes
    Parsed<ProductionFile.Row> a = parse("product,day,quantity\nbeer,2026-03-01,410.50\n");
    Parsed<ProductionFile.Row> b =
        parse("\uFEFFday,quantity,product\r\n2026-03-01, 410.5 ,beer\r\n");
    assertThat(a.valid()).isTrue();
    assertThat(a.uploadId()).isEqualTo(b.uploadId());
    assertThat(parse("product,day,quantity\nbeer,2026-03-01,410.6\n").uploadId())
        .isNotEqualTo(a.uploadId());
  }
}
