package org.energytrace.ingest.enpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.energytrace.analytics.integrity.Sha256;
import org.energytrace.ingest.IngestApp;
import org.energytrace.ingest.auth.Role;
import org.energytrace.ingest.config.IngestConfig;
import org.energytrace.ingest.fixtures.AnalyticsCli;
import org.energytrace.ingest.fixtures.GatewayFeed;
import org.energytrace.ingest.fixtures.SecuredService;
import org.energytrace.ingest.fixtures.TestAccess;
import org.energytrace.ingest.fixtures.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analytics API over stored data, in-process against the local PostgreSQL: a brewery's main
 * meter publishes a cumulative kWh counter (with one power-loss reset) and its filler a cumulative
 * hl counter (with one reset), four readings a day for two months, written through the ingest store
 * so that interval energy is derived exactly as in production. The REST API's SEC and savings are
 * then compared with the analytics CLI run on the API's own CSV export.
 */
class EnpiAnalyticsIT {
  static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
  static final String SITE = "plant-1";
  static final String GATEWAY = "gw-1";

  static TestDatabase db;
  static Vertx vertx;
  static IngestApp app;
  static WebClient http;
  static String token;
  static String enterprise;
  // the baseline is one calendar month, the reporting period the next
  static LocalDate baselineFrom;
  static LocalDate baselineTo;
  static LocalDate reportingFrom;
  static LocalDate reportingTo;

  @TempDir static Path dir;

  @BeforeAll
  static void start() {
    db = TestDatabase.create();
    vertx = Vertx.vertx();
    IngestConfig config =
        IngestConfig.defaults(
            db.url(), db.config().user(), "tcp://127.0.0.1:1", "et-it-enpi-" + UUID.randomUUID());
    // the year of the grid factor the pages use; a savings request without co2_year takes it too
    config = config.withDashboards(config.dashboards().withGridFactorYear(2023));
    // no broker is needed: readings go through the store, the API is HTTP
    app = IngestApp.start(vertx, config).await();
    http = WebClient.create(vertx);
    token = TestAccess.of(db).systemAdminToken();
    enterprise = "brew-" + UUID.randomUUID().toString().substring(0, 8);
    baselineFrom = LocalDate.now(ZONE).minusMonths(4).withDayOfMonth(1);
    baselineTo = baselineFrom.plusMonths(1).minusDays(1);
    reportingFrom = baselineTo.plusDays(1);
    reportingTo = reportingFrom.plusMonths(1).minusDays(1);
    writeCounters();
    setUpDomain();
  }

  @AfterAll
  static void stop() throws Exception {
    SecuredService.stop(app, vertx, null, db);
  }

  /**
   * Daily production P ~ 400..600 hl, energy 2000 kWh + 9 kWh/hl · P (+ noise); the reporting month
   * uses 10 % less energy at the same output. Readings at 00, 06, 12 and 18 h local time.
   */
  static void writeCounters() {
    GatewayFeed feed = GatewayFeed.of(db, enterprise, SITE, GATEWAY);
    Random random = new Random(5);
    double kwh = 1_000_000;
    double hl = 20_000;
    long seq = 0;
    for (LocalDate day = baselineFrom;
        !day.isAfter(reportingTo.plusDays(1));
        day = day.plusDays(1)) {
      double production = 400 + 200 * random.nextDouble();
      double energy = (2000 + 9 * production) * (1 + 0.03 * random.nextGaussian());
      if (!day.isBefore(reportingFrom)) {
        energy *= 0.9;
      }
      for (int quarter = 0; quarter < 4; quarter++) {
        Instant ts = day.atTime(6 * quarter, 0).atZone(ZONE).toInstant();
        if (day.equals(baselineFrom.plusDays(12)) && quarter == 2) {
          kwh = 0; // power loss: the register restarts from 0 (a reset, not a wrap)
        }
        if (day.equals(reportingFrom.plusDays(5)) && quarter == 1) {
          hl = 0; // the filler's counter is reset at a shift change
        }
        String telemetry =
            """
            {"schema_version":1,"gateway":"%s","seq":%d,"sent_at":"%s","points":[
             {"meter":"main-em","channel":"E","ts":"%s","value":%s,"unit":"KWH","quality":"good","kind":"counter","counter_bits":32}]}
            """
                .formatted(GATEWAY, ++seq, ts, ts, kwh);
        String counts =
            """
            {"schema_version":1,"gateway":"%s","seq":%d,"sent_at":"%s","counts":[
             {"line":"filler","product":"beer","ts":"%s","quantity":%s,"unit":"HLT","cumulative":true,"quality":"good"}]}
            """
                .formatted(GATEWAY, ++seq, ts, ts, hl);
        feed.add("telemetry", telemetry);
        feed.add("production", counts);
        kwh += energy / 4;
        hl += production / 4;
      }
      feed.writeWhenMoreThan(200);
    }
    feed.write();
  }

  static void setUpDomain() {
    ok(put("/sites/" + SITE + "/time-zone", new JsonObject().put("time_zone", ZONE.getId())));
    ok(
        put(
            "/meters/main-em/energy",
            new JsonObject()
                .put("carrier", "electricity")
                .put("unit", "kWh")
                .put("role", "main")
                .put("boundary", "site")
                .put("channel", "E")));
    ok(put("/lines/filler", new JsonObject().put("site", SITE).put("name", "Filling line")));
    ok(put("/products/beer", new JsonObject().put("line", "filler").put("unit", "HLT")));
    ok(
        put(
            "/enpis/site-sec",
            new JsonObject()
                .put("name", "Brewery SEC")
                .put("scope", new JsonObject().put("level", "facility").put("ref", SITE))
                .put("basis", "kwh_final")
                .put("meters", new JsonArray().add(new JsonObject().put("meter", "main-em")))
                .put("products", new JsonArray().add("beer"))));
  }

  @Test
  void counterDerivedDailyEnergyFromTheStoreGivesTheSameSecAsTheCliOnTheExportedCsv()
      throws Exception {
    JsonObject sec =
        ok(get("/enpis/site-sec/sec?bucket=day&from=" + baselineFrom + "&to=" + baselineTo))
            .bodyAsJsonObject();
    String csv = exportCsv(baselineFrom, baselineTo);
    List<String> lines = csv.lines().toList();
    assertThat(lines.get(0)).isEqualTo("period,energy,production");
    int days = baselineTo.getDayOfMonth();
    // every day complete: the resets were handled, not booked as negative or huge days
    assertThat(lines).hasSize(days + 1);
    assertThat(sec.getJsonObject("coverage").getInteger("present")).isEqualTo(days);
    JsonArray points = sec.getJsonArray("points");
    for (int i = 0; i < days; i++) {
      String[] cells = lines.get(i + 1).split(",");
      JsonObject point = points.getJsonObject(i);
      assertThat(point.getString("period")).isEqualTo(cells[0]);
      // the daily SEC of the API is exactly the exported day's energy / production
      assertThat(point.getDouble("sec"))
          .isEqualTo(Double.parseDouble(cells[1]) / Double.parseDouble(cells[2]));
    }
    assertThat(sec.getString("unit")).isEqualTo("kWh/hl");
    assertThat(sec.getString("time_zone")).as("periods are local days of").isEqualTo(ZONE.getId());

    // the CLI's ratio model is the SEC of the whole baseline (ISO 50006: Σ energy / Σ output)
    JsonObject monthly =
        ok(get("/enpis/site-sec/sec?bucket=month&from=" + baselineFrom + "&to=" + baselineTo))
            .bodyAsJsonObject();
    double apiSec = monthly.getJsonArray("points").getJsonObject(0).getDouble("sec");
    Path baseline = write("baseline.csv", csv);
    JsonObject cli =
        AnalyticsCli.json(
            "mv",
            "--baseline",
            baseline.toString(),
            "--reporting",
            baseline.toString(),
            "--model",
            "ratio");
    double cliSec =
        cli.getJsonObject("model").getJsonObject("coefficients").getDouble("production");
    // the CLI sums with compensated (Kahan) summation, SecCalculator with a plain loop: the two
    // may differ in the last bits of 30 terms, never more
    assertThat(apiSec).isCloseTo(cliSec, within(1e-12 * cliSec));
    assertThat(apiSec).isBetween(9.0 + 2000 / 600.0, 9.0 + 2000 / 400.0);
  }

  @Test
  void savingsOfTheApiEqualTheCliOnTheExportedBaselineAndReportingCsv() throws Exception {
    HttpResponse<Buffer> fitted =
        http.post(app.httpPort(), "127.0.0.1", path("/enpis/site-sec/baselines"))
            .bearerTokenAuthentication(token)
            .sendJsonObject(
                new JsonObject()
                    .put("from", baselineFrom.toString())
                    .put("to", baselineTo.toString())
                    .put("model", "ols"))
            .await();
    assertThat(fitted.statusCode()).as(fitted.bodyAsString()).isEqualTo(201);
    int version = fitted.bodyAsJsonObject().getInteger("version");
    assertThat(fitted.bodyAsJsonObject().getString("status")).isEqualTo("draft");
    String baselineCsv = exportCsv(baselineFrom, baselineTo);
    assertThat(fitted.bodyAsJsonObject().getString("data_hash")).isEqualTo(Sha256.hex(baselineCsv));

    // issue 15: the enterprise submits, an auditor assigned to it approves
    ok(
        http.post(
                app.httpPort(),
                "127.0.0.1",
                path("/enpis/site-sec/baselines/" + version + "/submit"))
            .bearerTokenAuthentication(token)
            .send()
            .await());
    HttpResponse<Buffer> approved =
        http.post(
                app.httpPort(),
                "127.0.0.1",
                path("/enpis/site-sec/baselines/" + version + "/approve"))
            .bearerTokenAuthentication(
                TestAccess.of(db).auditorToken("auditor-" + enterprise, enterprise))
            .sendJsonObject(new JsonObject().put("opinion", "the CLI agrees"))
            .await();
    assertThat(ok(approved).bodyAsJsonObject().getString("status")).isEqualTo("approved");

    JsonObject api =
        ok(get(
                "/enpis/site-sec/savings?baseline="
                    + version
                    + "&from="
                    + reportingFrom
                    + "&to="
                    + reportingTo
                    + "&co2_year=2023"))
            .bodyAsJsonObject();
    Path b = write("b.csv", baselineCsv);
    Path r = write("r.csv", exportCsv(reportingFrom, reportingTo));
    JsonObject cli =
        AnalyticsCli.json(
            "mv",
            "--baseline",
            b.toString(),
            "--reporting",
            r.toString(),
            "--model",
            "ols",
            "--confidence",
            "90",
            "--targets",
            "8,13",
            "--carrier",
            "electricity",
            "--unit",
            "kWh",
            "--year",
            "2023");
    for (String key :
        List.of("model", "fit", "reporting", "validity", "coverage", "targets", "co2")) {
      // parsed doubles compared exactly, re-encoded by one writer: byte-identical numbers
      assertThat(encode(api.getValue(key))).as(key).isEqualTo(encode(cli.getValue(key)));
    }
    assertThat(api.getString("method_version")).isEqualTo(cli.getString("method_version"));
    String savings =
        "/enpis/site-sec/savings?baseline="
            + version
            + "&from="
            + reportingFrom
            + "&to="
            + reportingTo;
    JsonObject configured = ok(get(savings)).bodyAsJsonObject();
    assertThat(encode(configured.getValue("co2")))
        .as("without co2_year: dashboards.grid_factor_year (2023)")
        .isEqualTo(encode(api.getValue("co2")));
    JsonObject year2022 = ok(get(savings + "&co2_year=2022")).bodyAsJsonObject();
    assertThat(year2022.getJsonObject("co2").getDouble("avoided_t"))
        .as("a year asked for wins")
        .isNotEqualTo(api.getJsonObject("co2").getDouble("avoided_t"));
    double fraction = api.getJsonObject("reporting").getDouble("savings_fraction");
    assertThat(fraction).isBetween(0.07, 0.13); // 10 % injected
    assertThat(api.getJsonObject("fsu_levels").fieldNames()).containsExactly("68", "90", "95");
    assertThat(api.getJsonObject("baseline").getString("approved_by")).startsWith("token:");
  }

  @Test
  void aViewerOfAnotherEnterpriseCannotReadTheEnpi() {
    TestAccess access = TestAccess.of(db);
    ok(
        http.put(app.httpPort(), "127.0.0.1", "/api/v1/enterprises/other-co/meters/m1")
            .bearerTokenAuthentication(token)
            .sendJsonObject(new JsonObject().put("site", "s1").put("channels", new JsonArray()))
            .await());
    String viewer = access.token(Role.ENTERPRISE_VIEWER, "other-co", Duration.ofHours(1));
    HttpResponse<Buffer> refused =
        http.get(
                app.httpPort(),
                "127.0.0.1",
                path("/enpis/site-sec/sec?from=" + baselineFrom + "&to=" + baselineTo))
            .bearerTokenAuthentication(viewer)
            .send()
            .await();
    assertThat(refused.statusCode()).isEqualTo(403);
  }

  @Test
  void previewsAnUploadWithRowErrorsStoringNothingThenCommitsThePreviewedRowsOnce() {
    String bad = "product,day,quantity\nbeer,2026-01-05,12\nbeer,not-a-day,3\n";
    JsonObject preview = ok(upload("/production/uploads/preview", bad)).bodyAsJsonObject();
    assertThat(preview.getBoolean("valid")).isFalse();
    JsonObject error = preview.getJsonArray("errors").getJsonObject(0);
    assertThat(error.getInteger("row")).isEqualTo(3);
    assertThat(error.getString("column")).isEqualTo("day");
    assertThat(stored(JANUARY_2026)).isZero();

    String good = "product,day,quantity\nbeer,2026-01-05,12.5\nbeer,2026-01-06,13\n";
    String uploadId =
        ok(upload("/production/uploads/preview", good)).bodyAsJsonObject().getString("upload_id");
    assertThat(stored(JANUARY_2026)).isZero(); // a preview stores nothing
    JsonObject first =
        ok(upload("/production/uploads/commit?upload_id=" + uploadId, good)).bodyAsJsonObject();
    assertThat(first.getInteger("stored")).isEqualTo(2);
    JsonObject again =
        ok(upload("/production/uploads/commit?upload_id=" + uploadId, good)).bodyAsJsonObject();
    assertThat(again.getBoolean("already_committed")).isTrue();
    assertThat(stored(JANUARY_2026)).isEqualTo(2);
    // a file changed after its preview is refused
    HttpResponse<Buffer> changed =
        upload("/production/uploads/commit?upload_id=" + uploadId, good.replace("12.5", "125"));
    assertThat(changed.statusCode()).isEqualTo(409);
    JsonArray listed =
        ok(get("/production?from=2026-01-01&to=2026-01-31"))
            .bodyAsJsonObject()
            .getJsonArray("quantities");
    assertThat(listed.getJsonObject(0).getDouble("quantity")).isEqualTo(12.5);
    assertThat(listed.getJsonObject(0).getString("source")).isEqualTo("upload");
    // a figure changed since, and the file committed again: the file's figure is stored again
    // (it answered "already committed" and kept the other)
    ok(
        http.post(app.httpPort(), "127.0.0.1", path("/production"))
            .bearerTokenAuthentication(token)
            .sendJsonObject(
                new JsonObject()
                    .put(
                        "quantities",
                        new JsonArray()
                            .add(
                                new JsonObject()
                                    .put("product", "beer")
                                    .put("day", "2026-01-06")
                                    .put("quantity", 31))))
            .await());
    JsonObject third =
        ok(upload("/production/uploads/commit?upload_id=" + uploadId, good)).bodyAsJsonObject();
    assertThat(third.getBoolean("already_committed")).isTrue();
    assertThat(third.getInteger("stored")).as(third.encode()).isEqualTo(1);
    assertThat(
            ok(get("/production?from=2026-01-06&to=2026-01-06"))
                .bodyAsJsonObject()
                .getJsonArray("quantities")
                .getJsonObject(0)
                .getDouble("quantity"))
        .isEqualTo(13.0);
  }

  // each upload test counts only its own month, so that the tests pass in any order
  static final String JANUARY_2026 = "2026-01";
  static final String JUNE_2024 = "2024-06";

  static long stored(String month) {
    return db.count(
        "select count(*) from production_quantity q join enterprise e using (enterprise_id)"
            + " where e.code = '"
            + enterprise
            + "' and to_char(q.day, 'YYYY-MM') = '"
            + month
            + "'");
  }

  static HttpResponse<Buffer> upload(String tail, String csv) {
    return http.post(app.httpPort(), "127.0.0.1", path(tail))
        .bearerTokenAuthentication(token)
        .putHeader("Content-Type", "text/csv")
        .sendBuffer(Buffer.buffer(csv))
        .await();
  }

  @Test
  void previewsAnXlsxUploadWithExcelCellErrorsStoringNothingThenCommitsItOnce() {
    byte[] bad =
        xlsx(
            new Object[] {"product", "day", "quantity"},
            new Object[] {"beer", LocalDate.of(2024, 6, 3), 12},
            new Object[] {"beer", LocalDate.of(2024, 6, 4), "lots"});
    JsonObject preview = ok(uploadXlsx("/production/uploads/preview", bad)).bodyAsJsonObject();
    assertThat(preview.getBoolean("valid")).isFalse();
    assertThat(preview.getString("file_name")).isEqualTo("upload.xlsx");
    JsonObject error = preview.getJsonArray("errors").getJsonObject(0);
    assertThat(error.getInteger("row")).isEqualTo(3);
    assertThat(error.getString("column")).isEqualTo("quantity");
    assertThat(error.getString("column_letter")).isEqualTo("C");
    assertThat(error.getString("message"))
        .isEqualTo("row 3, column C (quantity): not a non-negative decimal number: 'lots'");
    assertThat(stored(JUNE_2024)).isZero();

    // a date cell, a number, a text number
    byte[] good =
        xlsx(
            new Object[] {"product", "day", "quantity"},
            new Object[] {"beer", LocalDate.of(2024, 6, 3), 12.5},
            new Object[] {"beer", "2024-06-04", "13"});
    JsonObject previewed =
        ok(uploadXlsx("/production/uploads/preview?file_name=june.xlsx", good)).bodyAsJsonObject();
    assertThat(previewed.getBoolean("valid")).isTrue();
    assertThat(previewed.getJsonArray("rows").getJsonObject(0).getString("day"))
        .isEqualTo("2024-06-03");
    String uploadId = previewed.getString("upload_id");
    assertThat(stored(JUNE_2024)).isZero(); // a preview stores nothing
    JsonObject first =
        ok(uploadXlsx("/production/uploads/commit?upload_id=" + uploadId, good)).bodyAsJsonObject();
    assertThat(first.getInteger("stored")).isEqualTo(2);
    JsonObject again =
        ok(uploadXlsx("/production/uploads/commit?upload_id=" + uploadId, good)).bodyAsJsonObject();
    assertThat(again.getBoolean("already_committed")).isTrue();
    assertThat(stored(JUNE_2024)).isEqualTo(2);
    JsonArray listed =
        ok(get("/production?from=2024-06-01&to=2024-06-30"))
            .bodyAsJsonObject()
            .getJsonArray("quantities");
    assertThat(listed.getJsonObject(0).getDouble("quantity")).isEqualTo(12.5);
    assertThat(listed.getJsonObject(1).getDouble("quantity")).isEqualTo(13.0);
  }

  /** A workbook with one sheet of the given rows (from row 1, column A); dates as date cells. */
  static byte[] xlsx(Object[]... rows) {
    try (XSSFWorkbook wb = new XSSFWorkbook();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = wb.createSheet();
      CellStyle date = wb.createCellStyle();
      date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
      for (int i = 0; i < rows.length; i++) {
        Row row = sheet.createRow(i);
        for (int j = 0; j < rows[i].length; j++) {
          Cell cell = row.createCell(j);
          if (rows[i][j] instanceof Number n) {
            cell.setCellValue(n.doubleValue());
          } else if (rows[i][j] instanceof LocalDate d) {
            cell.setCellValue(d);
            cell.setCellStyle(date);
          } else {
            cell.setCellValue((String) rows[i][j]);
          }
        }
      }
      wb.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static HttpResponse<Buffer> uploadXlsx(String tail, byte[] xlsx) {
    return http.post(app.httpPort(), "127.0.0.1", path(tail))
        .bearerTokenAuthentication(token)
        .putHeader(
            "Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .sendBuffer(Buffer.buffer(xlsx))
        .await();
  }

  // ---- helpers ----

  static String exportCsv(LocalDate from, LocalDate to) {
    HttpResponse<Buffer> res = ok(get("/enpis/site-sec/data.csv?from=" + from + "&to=" + to));
    assertThat(res.getHeader("Content-Type")).startsWith("text/csv");
    return res.bodyAsString();
  }

  static String encode(Object v) {
    return v instanceof JsonObject o
        ? o.encode()
        : v instanceof JsonArray a ? a.encode() : String.valueOf(v);
  }

  static Path write(String name, String content) throws Exception {
    return Files.writeString(dir.resolve(name), content);
  }

  static String path(String tail) {
    return "/api/v1/enterprises/" + enterprise + tail;
  }

  static HttpResponse<Buffer> get(String tail) {
    return http.get(app.httpPort(), "127.0.0.1", path(tail))
        .bearerTokenAuthentication(token)
        .send()
        .await();
  }

  static HttpResponse<Buffer> put(String tail, JsonObject body) {
    return http.put(app.httpPort(), "127.0.0.1", path(tail))
        .bearerTokenAuthentication(token)
        .sendJsonObject(body)
        .await();
  }

  static HttpResponse<Buffer> ok(HttpResponse<Buffer> res) {
    assertThat(res.statusCode()).as(res.bodyAsString()).isBetween(200, 299);
    return res;
  }
}
