package org.energytrace.ingest.programme;

import static org.assertj.core.api.Assertions.assertThat;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.energytrace.ingest.auth.Role;
import org.energytrace.ingest.config.SecurityConfig;
import org.energytrace.ingest.fixtures.SecuredService;
import org.energytrace.ingest.fixtures.SecuredService.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The programme reports of a period (issue 16) against the running service: the district's figures
 * worked by hand, every figure of the workbook and the PDF equal to the indicators API for the same
 * period and area (also the previous periods of the trend), the pilot site's saving, and who may
 * have which report.
 */
class ProgrammeReportIT {
  static SecuredService svc;
  static String admin;
  static final String S = UUID.randomUUID().toString().substring(0, 6);
  static final String D1 = "Tân Uyên " + S;
  static final String D2 = "Bến Cát " + S;
  static final String P1 = "KCN Nam Tân Uyên " + S;
  static final String F1 = "rf1-" + S;
  static final String F2 = "rf2-" + S;
  static final String F3 = "rf3-" + S;
  static final String F4 = "rf4-" + S;
  static Session district;
  static Session park;
  static Session province;
  static Session viewer;

  @BeforeAll
  static void start() {
    svc = SecuredService.start(SecurityConfig.defaults());
    admin = svc.access.systemAdminToken();
    put(F1, ProgrammeRegistryIT.profile("Công ty Bia " + S, "1103", D1, P1));
    put(F2, ProgrammeRegistryIT.profile("Công ty Giấy " + S, "1701", D1, null));
    put(F3, ProgrammeRegistryIT.profile("Công ty Bao bì " + S, "1702", D1, null));
    put(F4, ProgrammeRegistryIT.profile("Công ty Thép " + S, "2410", D2, null));
    // F1: aware, assessed with potential, applying; its officer trained in March; an indicative
    // electricity saving of 10 % [9 %, 11 %] over January to May; a site on the showcase
    step(
        F1,
        new JsonObject().put("stage", "aware").put("date", "2026-02-01").put("detail", "visit"));
    step(
        F1,
        new JsonObject()
            .put("stage", "potential_assessed")
            .put("date", "2026-03-01")
            .put("potential", true));
    step(F1, new JsonObject().put("stage", "applying").put("date", "2026-04-01"));
    ok(
        svc.withToken(HttpMethod.PUT, facility(F1) + "/officers/o1", admin)
            .sendJsonObject(new JsonObject().put("name", "Trần Thị B"))
            .await());
    ok(
        post(
            facility(F1) + "/officers/o1/trainings",
            new JsonObject()
                .put("course", "SXSH cơ bản")
                .put("date", "2026-03-10")
                .put("completed", true)));
    ok(
        post(
            facility(F1) + "/savings",
            new JsonObject()
                .put("resource", "electricity")
                .put("kind", "energy")
                .put("carrier", "electricity")
                .put("unit", "kWh")
                .put("from", "2026-01-01")
                .put("to", "2026-05-31")
                .put("fraction", 0.10)
                .put("fraction_low", 0.09)
                .put("fraction_high", 0.11)
                .put("amount", 100000)
                .put("money", 2.0e8)));
    svc.access.publish(F1, "plant-1");
    // F2: aware in May, an officer not trained; F3: nothing yet; F4 in the other district
    step(
        F2,
        new JsonObject().put("stage", "aware").put("date", "2026-05-01").put("detail", "workshop"));
    ok(
        svc.withToken(HttpMethod.PUT, facility(F2) + "/officers/o1", admin)
            .sendJsonObject(new JsonObject().put("name", "Lê Văn C"))
            .await());
    step(
        F4,
        new JsonObject().put("stage", "aware").put("date", "2026-01-15").put("detail", "material"));
    district =
        officer(
            "rdo-" + S,
            Role.DISTRICT_OFFICER,
            new JsonObject().put("districts", new JsonArray().add(D1)));
    park =
        officer(
            "rpo-" + S, Role.PARK_OFFICER, new JsonObject().put("parks", new JsonArray().add(P1)));
    svc.access.user("rpr-" + S, Role.PROVINCE_OFFICER, null, List.of(), "pw-" + S);
    province = svc.session("rpr-" + S, "pw-" + S);
    svc.access.user("rev-" + S, Role.ENTERPRISE_VIEWER, F1, List.of(), "pw-" + S);
    viewer = svc.session("rev-" + S, "pw-" + S);
  }

  @AfterAll
  static void stop() throws Exception {
    if (svc != null) {
      svc.close();
    }
  }

  /** An area officer with their area. */
  static Session officer(String username, Role role, JsonObject area) {
    svc.access.user(username, role, null, List.of(), "pw-" + S);
    ok(
        svc.withToken(HttpMethod.PUT, "/api/v1/programme/officer-areas/" + username, admin)
            .sendJsonObject(area)
            .await());
    return svc.session(username, "pw-" + S);
  }

  static String facility(String e) {
    return "/api/v1/programme/facilities/" + e;
  }

  static void put(String e, JsonObject profile) {
    ok(svc.withToken(HttpMethod.PUT, facility(e), admin).sendJsonObject(profile).await());
  }

  static HttpResponse<Buffer> post(String uri, JsonObject body) {
    return svc.withToken(HttpMethod.POST, uri, admin).sendJsonObject(body).await();
  }

  static void step(String e, JsonObject step) {
    ok(post(facility(e) + "/cp-steps", step));
  }

  static void ok(HttpResponse<Buffer> r) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isBetween(200, 201);
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static String districtReport(String d) {
    return "/api/v1/programme/districts/" + enc(d) + "/report";
  }

  static HttpResponse<Buffer> get(Session s, String uri) {
    return svc.request(HttpMethod.GET, uri, s).send().await();
  }

  static byte[] bytes(Session s, String uri) {
    var r = get(s, uri);
    assertThat(r.statusCode()).as(uri + " → " + r.bodyAsString()).isEqualTo(200);
    return r.body().getBytes();
  }

  static JsonObject indicators(Session s, String query) {
    var r = get(s, "/api/v1/programme/indicators?" + query);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  static String pdfText(byte[] pdf) throws Exception {
    PdfReader reader = new PdfReader(pdf);
    StringBuilder text = new StringBuilder();
    for (int p = 1; p <= reader.getNumberOfPages(); p++) {
      text.append(new PdfTextExtractor(reader).getTextFromPage(p)).append('\n');
    }
    return text.toString();
  }

  /** The number format a spreadsheet shows the cell in (Excel's code). */
  static String format(byte[] xlsx, String sheet, int row, int column) throws Exception {
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
      return wb.getSheet(sheet).getRow(row).getCell(column).getCellStyle().getDataFormatString();
    }
  }

  /** The rows of a sheet, each cell as its number (a Double) or its text. */
  static List<List<Object>> sheet(byte[] xlsx, String name) throws Exception {
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
      Sheet sh = wb.getSheet(name);
      assertThat(sh).as("sheet " + name).isNotNull();
      List<List<Object>> rows = new ArrayList<>();
      for (Row r : sh) {
        List<Object> cells = new ArrayList<>();
        for (int k = 0; k < r.getLastCellNum(); k++) {
          var c = r.getCell(k);
          cells.add(
              c == null
                  ? null
                  : switch (c.getCellType()) {
                    case NUMERIC -> c.getNumericCellValue();
                    default -> c.getStringCellValue();
                  });
        }
        rows.add(cells);
      }
      return rows;
    }
  }

  /** The API's figures in the order of the report's indicator table. */
  static List<JsonObject> figures(JsonObject tree) {
    JsonObject i = tree.getJsonObject("indicators");
    List<JsonObject> out = new ArrayList<>();
    out.add(i.getJsonObject("aware"));
    out.add(i.getJsonObject("applying"));
    for (String kind : List.of("verified", "indicative")) {
      for (String level : List.of("saving_low", "saving_high")) {
        JsonObject s = i.getJsonObject(kind).getJsonObject(level);
        out.add(s.getJsonObject("any_resource"));
        JsonObject by = s.getJsonObject("by_resource");
        for (String r : by.fieldNames()) {
          out.add(by.getJsonObject(r));
        }
      }
    }
    out.add(i.getJsonObject("officers_trained"));
    return out;
  }

  /** Every row of the workbook's indicator sheet equals the API's figure: counts, share, target. */
  static void sameAsApi(List<List<Object>> sheet, JsonObject api) {
    List<JsonObject> expected = figures(api);
    assertThat(sheet).hasSize(expected.size() + 1);
    for (int k = 0; k < expected.size(); k++) {
      List<Object> row = sheet.get(k + 1);
      JsonObject f = expected.get(k);
      assertThat(row.get(1))
          .as(row.get(0) + " numerator")
          .isEqualTo((double) f.getInteger("numerator"));
      assertThat(row.get(2))
          .as(row.get(0) + " denominator")
          .isEqualTo((double) f.getInteger("denominator"));
      if (f.getDouble("share") == null) {
        assertThat(row.get(3)).isEqualTo("—");
      } else {
        assertThat((Double) row.get(3)).as(row.get(0) + " share").isEqualTo(f.getDouble("share"));
      }
      if (f.getDouble("target") != null) {
        assertThat((Double) row.get(4)).as(row.get(0) + " target").isEqualTo(f.getDouble("target"));
      }
    }
  }

  @Nested
  class TheDistrictReport {
    @Test
    void itsWorkbookHoldsTheHandWorkedFiguresAndEqualsTheIndicatorsApiRowByRow() throws Exception {
      byte[] xlsx = bytes(district, districtReport(D1) + "?period=2026-H1&format=xlsx&lang=en");
      List<List<Object>> ind = sheet(xlsx, "Indicators");
      // as of 2026-06-30 in D1: aware F1, F2 of 3; applying F1 of 1 (F1 the only one with
      // potential); indicative ≥ 8 % F1 (lower bound 9 %); officers trained 1 of 2
      assertThat(ind.get(0)).startsWith("Indicator", "Numerator", "Denominator", "Share");
      assertThat(ind.get(1)).startsWith("Facilities aware of CP", 2.0, 3.0, 2.0 / 3, 0.9, "no");
      assertThat(ind.get(2)).startsWith("Facilities with potential applying CP", 1.0, 1.0, 1.0);
      assertThat(ind.get(ind.size() - 1))
          .startsWith("CP officers trained", 1.0, 2.0, 0.5, 1.0, "no");
      sameAsApi(ind, indicators(district, "period=2026-H1&district=" + enc(D1)));
      // a spreadsheet shows the numbers as the PDF does: counts whole, shares as percentages
      assertThat(format(xlsx, "Indicators", 1, 1)).isEqualTo("#,##0");
      assertThat(format(xlsx, "Indicators", 1, 3)).isEqualTo("0.0%");
      assertThat(format(xlsx, "Indicators", 1, 4)).isEqualTo("0.0%");
      // the facilities of the district only, with their status at the period's end
      List<List<Object>> fac = sheet(xlsx, "Facilities");
      assertThat(fac.stream().skip(1).map(r -> r.get(0))).containsExactly(F1, F2, F3);
      assertThat(fac.get(1)).contains("applying", "yes", "1/1");
      assertThat(fac.get(3)).contains("not yet reached", "0/0");
      // by district: one row, the district's; by sector: 1103, 1701, 1702
      assertThat(sheet(xlsx, "Districts").get(1)).startsWith(D1, 3.0, 2.0 / 3);
      // the share a number, shown with its counts as the PDF shows "2/3 (66.7 %)": the workbook
      // held the share alone
      assertThat(format(xlsx, "Districts", 1, 2)).isEqualTo("\"2/3 (\"0.0%\")\"");
      assertThat(sheet(xlsx, "Sectors").stream().skip(1).map(r -> r.get(0)))
          .containsExactly("1103", "1701", "1702");
    }

    @Test
    void aPilotSiteWithoutASavingInThePeriodShowsOneDashPerCell() throws Exception {
      // F1's only saving (January to May) lies in no part of 2026-H2: its row read "— .. —" and
      // "— – —"
      byte[] xlsx = bytes(district, districtReport(D1) + "?period=2026-H2&format=xlsx&lang=en");
      List<Object> row =
          sheet(xlsx, "Pilot sites").stream()
              .filter(r -> F1.equals(r.get(0)))
              .findFirst()
              .orElseThrow();
      assertThat(row.get(5)).as("period").isEqualTo("—");
      assertThat(row.get(7)).as("band").isEqualTo("—");
      assertThat(row.toString()).doesNotContain("..", "– —");
    }

    @Test
    void anEnglishReportNamesAPilotSiteByItsEnglishName() throws Exception {
      // the showcase story's English name of the site; the English report gave its Vietnamese one
      try (var c = svc.db.connect();
          var ps =
              c.prepareStatement(
                  "UPDATE site SET name_vi = 'Nhà máy số 1', name_en = 'Plant no. 1' FROM"
                      + " enterprise e WHERE e.enterprise_id = site.enterprise_id AND e.code = ?"
                      + " AND site.code = 'plant-1'")) {
        ps.setString(1, F1);
        assertThat(ps.executeUpdate()).isEqualTo(1);
      }
      try {
        for (String lang : List.of("en", "vi")) {
          byte[] xlsx =
              bytes(district, districtReport(D1) + "?period=2026-H1&format=xlsx&lang=" + lang);
          List<Object> row =
              sheet(xlsx, lang.equals("en") ? "Pilot sites" : "Cơ sở điểm").stream()
                  .filter(r -> F1.equals(r.get(0)))
                  .findFirst()
                  .orElseThrow();
          assertThat(row.get(2)).isEqualTo(lang.equals("en") ? "Plant no. 1" : "Nhà máy số 1");
          // a saving typed in for the facility is its own, not a share of an EnPI's: no mark, and
          // no note saying what such a share is
          assertThat(row.get(4)).isEqualTo(lang.equals("en") ? "indicative" : "ước tính");
          assertThat(sheet(xlsx, lang.equals("en") ? "Notes" : "Ghi chú").toString())
              .doesNotContain("EnPI");
        }
      } finally {
        try (var c = svc.db.connect();
            var ps =
                c.prepareStatement(
                    "UPDATE site SET name_vi = NULL, name_en = NULL FROM enterprise e WHERE"
                        + " e.enterprise_id = site.enterprise_id AND e.code = ? AND site.code ="
                        + " 'plant-1'")) {
          ps.setString(1, F1);
          ps.executeUpdate();
        }
      }
    }

    @Test
    void aTargetTheProvinceSetsIsTheReportsTargetFromItsDateAndDecidesWhetherItIsReached()
        throws Exception {
      // from July the aware target is 50 %: the year's report (as of 31 December) states it and
      // that the district's 2 of 3 reach it; the first half-year's keeps the bundled 90 %
      var set =
          svc.request(HttpMethod.POST, "/api/v1/programme/targets", province)
              .sendJsonObject(
                  new JsonObject()
                      .put("effective_from", "2026-07-01")
                      .put("reason", "provincial plan revised in June")
                      .put("targets", new JsonObject().put("aware", 0.5)))
              .await();
      assertThat(set.statusCode()).as(set.bodyAsString()).isEqualTo(201);
      List<List<Object>> year =
          sheet(
              bytes(district, districtReport(D1) + "?period=2026&format=xlsx&lang=en"),
              "Indicators");
      assertThat(year.get(1)).startsWith("Facilities aware of CP").contains(0.5, "yes");
      sameAsApi(year, indicators(district, "period=2026&district=" + enc(D1)));
      List<List<Object>> half =
          sheet(
              bytes(district, districtReport(D1) + "?period=2026-H1&format=xlsx&lang=en"),
              "Indicators");
      assertThat(half.get(1)).startsWith("Facilities aware of CP", 2.0, 3.0, 2.0 / 3, 0.9, "no");
    }

    @Test
    void theTrendShowsTheSameIndicatorsForTheThreePreviousHalfYears() throws Exception {
      byte[] xlsx = bytes(district, districtReport(D1) + "?period=2026-H1&format=xlsx&lang=en");
      List<List<Object>> trend = sheet(xlsx, "Trend");
      assertThat(trend.get(0))
          .containsExactly("Indicator", "2024-H2", "2025-H1", "2025-H2", "2026-H1");
      List<String> periods = List.of("2024-H2", "2025-H1", "2025-H2", "2026-H1");
      for (int k = 0; k < periods.size(); k++) {
        JsonObject api = indicators(district, "period=" + periods.get(k) + "&district=" + enc(D1));
        JsonObject aware = api.getJsonObject("indicators").getJsonObject("aware");
        assertThat(trend.get(1).get(k + 1))
            .as("aware in " + periods.get(k))
            .isEqualTo(aware.getDouble("share"));
      }
      // no step before 2026: nobody was aware in 2025-H2 (0 of 3)
      assertThat(trend.get(1).get(3)).isEqualTo(0.0);
    }

    @Test
    void itsPdfIsInVietnameseByDefaultWithTheFiguresThePilotSiteAndTheTrend() throws Exception {
      String text = pdfText(bytes(district, districtReport(D1) + "?period=2026-H1"));
      // the area in capitals as the title is (it read "HUYỆN/THÀNH PHỐ Thủ Dầu Một")
      assertThat(text.replaceAll("\\s+", " "))
          .contains("HUYỆN/THÀNH PHỐ " + D1.toUpperCase(java.util.Locale.ROOT));
      assertThat(text)
          .contains("BÁO CÁO CHƯƠNG TRÌNH SẢN XUẤT SẠCH HƠN")
          // the period in words as the programme page names it, with its label
          .contains("6 tháng đầu năm 2026 (2026-H1)")
          .contains(D1)
          .contains("Cơ sở nhận thức về SXSH")
          .contains("66,7 %")
          .contains(F1)
          .contains(F2)
          .contains(F3)
          .doesNotContain(F4)
          // the trend's periods in words too (its columns read "2025-H2")
          .contains("6 tháng cuối 2025")
          .contains("6 tháng cuối 2024")
          .doesNotContain("2025-H2");
      // the pilot site: F1's published plant with its indicative saving of 10 % [9 %, 11 %]
      assertThat(text)
          .contains("plant-1")
          .contains("ước tính")
          .contains("10,0 %")
          .contains("9,0 %");
      assertThat(text).containsPattern("100\\.000\\s");
    }

    @Test
    void inVietnameseItsMissingFactorResourcesAndTargetsSourceAreSaidInVietnamese()
        throws Exception {
      // F1's electricity saving ends in 2026, a year the bundled grid factors do not cover: the
      // energy table names the gap; the targets (valid to 2020) are carried forward, the notes
      // naming their decision. A reviewer read English messages, a CSV to add a row to, raw
      // resource keys and "Decision 1419/QD-TTg" in the Vietnamese report.
      byte[] xlsx = bytes(district, districtReport(D1) + "?period=2026-H1&format=xlsx&lang=vi");
      List<Object> missing =
          sheet(xlsx, "Năng lượng").stream()
              .filter(r -> "Thiếu hệ số".equals(r.get(0)))
              .findFirst()
              .orElseThrow();
      assertThat(missing.get(2))
          .isEqualTo(
              F1 + ", điện: thiếu hệ số phát thải CO2 cho điện (kWh) năm 2026; không ước tính");
      assertThat(sheet(xlsx, "Chỉ tiêu").stream().map(r -> (String) r.get(0)))
          .contains("    theo tài nguyên: điện")
          .noneMatch(name -> name.contains("electricity"));
      assertThat(sheet(xlsx, "Cơ sở điểm").get(1)).contains(F1, "điện");
      String notes = sheet(xlsx, "Ghi chú").toString();
      assertThat(notes)
          // the day as the Vietnamese pages write it (it read 2020-12-31)
          .contains("(Quyết định 1419/QĐ-TTg (2009), hiệu lực đến 31/12/2020)")
          .doesNotContain("Decision", "QD-");
      // the PDF's table cells wrap: its words compared with their line breaks as spaces
      String pdf =
          pdfText(bytes(district, districtReport(D1) + "?period=2026-H1&lang=vi"))
              .replaceAll("\\s+", " ");
      assertThat(pdf)
          .contains("thiếu hệ số phát thải CO2 cho điện (kWh) năm 2026")
          .contains("theo tài nguyên: điện")
          .contains("Quyết định 1419/QĐ-TTg (2009)")
          .doesNotContain(
              "electricity", "add a row", "nothing was estimated", "no CO2", "Decision", "QD-");
    }

    @Test
    void inEnglishItsMissingFactorNamesTheFacilityResourceAndYearWithoutADevelopersInstruction()
        throws Exception {
      byte[] xlsx = bytes(district, districtReport(D1) + "?period=2026-H1&format=xlsx&lang=en");
      List<Object> missing =
          sheet(xlsx, "Energy").stream()
              .filter(r -> "Missing factors".equals(r.get(0)))
              .findFirst()
              .orElseThrow();
      assertThat(missing.get(2))
          .isEqualTo(
              F1
                  + ", electricity: no CO2 emission factor for electricity (kWh) in 2026;"
                  + " nothing was estimated");
      assertThat(sheet(xlsx, "Notes").toString())
          .contains("(Decision 1419/QĐ-TTg (2009), valid to 2020-12-31)");
      assertThat(pdfText(bytes(district, districtReport(D1) + "?period=2026-H1&lang=en")))
          .contains("for resource: electricity")
          .doesNotContain("add a row", "emission-factors.csv");
    }

    @Test
    void inEnglishItsPdfSpeaksEnglish() throws Exception {
      String text = pdfText(bytes(province, districtReport(D1) + "?period=2026-H1&lang=en"));
      assertThat(text)
          .contains("CLEANER-PRODUCTION PROGRAMME REPORT")
          .contains("Facilities aware of CP")
          .contains("66.7 %")
          .contains("indicative")
          .doesNotContain("Cơ sở nhận thức");
    }
  }

  @Nested
  class TheProvinceReport {
    @Test
    void itsIndicatorsEqualTheApiForTheWholeProvinceAndItsDistrictsIncludeTheDistrict()
        throws Exception {
      JsonObject api = indicators(province, "period=2026-H1");
      byte[] xlsx = bytes(province, "/api/v1/programme/report?period=2026-H1&format=xlsx&lang=en");
      sameAsApi(sheet(xlsx, "Indicators"), api);
      List<List<Object>> districts = sheet(xlsx, "Districts");
      JsonArray byDistrict = api.getJsonArray("by_district");
      assertThat(districts).hasSize(byDistrict.size() + 1);
      assertThat(districts.stream().filter(r -> D1.equals(r.get(0))).findFirst().orElseThrow())
          .startsWith(D1, 3.0);
      assertThat(districts.stream().filter(r -> D2.equals(r.get(0))).findFirst().orElseThrow())
          .startsWith(D2, 1.0, 1.0);
    }

    @Test
    void aPeriodNotOverIsReportedAsOfTodaySayingSoAndWhenItWasDrawn() throws Exception {
      // a reviewer found 2026-H2 reported as of 2026-12-31 on 2026-12-06, with savings that end
      // after today counted, and no word that the figures would still change
      LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh"));
      LocalDate tomorrow = today.plusDays(1);
      String period = tomorrow.getYear() + (tomorrow.getMonthValue() <= 6 ? "-H1" : "-H2");
      assertThat(indicators(province, "period=" + period).getString("as_of"))
          .isEqualTo(today.toString());
      String en =
          pdfText(bytes(province, "/api/v1/programme/report?period=" + period + "&lang=en"))
              .replaceAll("\\s+", " ");
      assertThat(en)
          .contains(
              "As of: " + today,
              "The period is not over: the figures are those as of " + today,
              "Generated: " + today);
      String vi =
          pdfText(bytes(province, "/api/v1/programme/report?period=" + period + "&lang=vi"))
              .replaceAll("\\s+", " ");
      String viToday = java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy").format(today);
      assertThat(vi).contains("Kỳ báo cáo chưa kết thúc: số liệu tính đến ngày " + viToday);
      assertThat(vi).contains("Lập lúc: " + viToday).contains("Tính đến ngày: " + viToday);
      // a period that is over says neither
      String past =
          pdfText(bytes(province, "/api/v1/programme/report?period=2025-H1&lang=en"))
              .replaceAll("\\s+", " ");
      assertThat(past).contains("As of: 2025-06-30").doesNotContain("The period is not over");
    }

    @Test
    void theKeyEnergyUsersTableNamesAFacilityByItsLegalNameAsTheOtherTablesDo() throws Exception {
      // it said the short name ("Gỗ 37") where every other table names the registry's legal name
      put(
          F4,
          ProgrammeRegistryIT.profile("Công ty Thép " + S, "2410", D2, null)
              .put("short_name", "Thép " + S));
      ok(
          svc.withToken(HttpMethod.PUT, facility(F4) + "/energy/2025", admin)
              .sendJsonObject(
                  new JsonObject()
                      .put(
                          "energy",
                          new JsonArray()
                              .add(
                                  new JsonObject()
                                      .put("carrier", "electricity")
                                      .put("unit", "kWh")
                                      .put("amount", 10_000_000))))
              .await());
      byte[] xlsx = bytes(province, "/api/v1/programme/report?period=2026-H1&format=xlsx&lang=en");
      List<Object> row =
          sheet(xlsx, "Key energy users").stream()
              .filter(r -> F4.equals(r.get(0)))
              .findFirst()
              .orElseThrow();
      assertThat(row.get(1)).isEqualTo("Công ty Thép " + S);
    }

    @Test
    void aYearReportsTheYearAndTheThreeYearsBefore() throws Exception {
      byte[] xlsx = bytes(province, "/api/v1/programme/report?period=2026&format=xlsx&lang=vi");
      assertThat(sheet(xlsx, "Xu hướng").get(0))
          .containsExactly("Chỉ tiêu", "Năm 2023", "Năm 2024", "Năm 2025", "Năm 2026");
      sameAsApi(sheet(xlsx, "Chỉ tiêu"), indicators(province, "period=2026"));
    }

    @Test
    void aWrongPeriodFormatOrLanguageIsRefusedNamingTheParameter() {
      for (var c :
          List.of(
              List.of("?format=pdf", "period"),
              List.of("?period=2026-Q1", "period"),
              List.of("?period=2026&format=docx", "format"),
              List.of("?period=2026&lang=fr", "lang"),
              List.of("?period=2026&grid_year=20x", "grid_year"))) {
        var r = get(province, "/api/v1/programme/report" + c.get(0));
        assertThat(r.statusCode()).as(c.get(0)).isEqualTo(400);
        assertThat(r.bodyAsJsonObject().getString("parameter")).isEqualTo(c.get(1));
      }
    }
  }

  @Nested
  class ItsReadingIsAudited {
    @Test
    void eachReportSentIsOnRecordWithWhoTheAreaThePeriodAndTheHashSent() throws Exception {
      String target = "programme/report/district/" + D1 + "/2026-H1";
      long before =
          svc.count(
              "select count(*) from audit_log where action = 'programme.report.download'"
                  + " and target = '"
                  + target
                  + "'");
      HttpResponse<Buffer> r = get(district, districtReport(D1) + "?period=2026-H1&lang=en");
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
      String sent = r.getHeader("X-Content-SHA256");
      assertThat(sent)
          .isEqualTo(org.energytrace.analytics.integrity.Sha256.hex(r.body().getBytes()));
      assertThat(
              svc.db.rows(
                  "select actor || ' ' || actor_role || ' ' || outcome || ' '"
                      + " || coalesce(enterprise, '-') || ' ' || detail from audit_log"
                      + " where action = 'programme.report.download' and target = '"
                      + target
                      + "' and chain_seq is not null and detail like '%"
                      + sent
                      + "%'"))
          .containsExactly(
              "rdo-"
                  + S
                  + " district_officer success - sha256 "
                  + sent
                  + ", programme-district-"
                  + ProgrammeReportRoutes.ascii(D1)
                  + "-2026-H1-en.pdf, "
                  + r.body().length()
                  + " bytes");
      // a report refused to the officer (another district's) is not one sent: no such entry
      assertThat(get(district, districtReport(D2) + "?period=2026-H1").statusCode()).isEqualTo(403);
      assertThat(
              svc.count(
                  "select count(*) from audit_log where action = 'programme.report.download'"
                      + " and target like 'programme/report/district/"
                      + D2
                      + "/%' and actor = 'rdo-"
                      + S
                      + "'"))
          .isZero();
      assertThat(
              svc.count(
                  "select count(*) from audit_log where action = 'programme.report.download'"
                      + " and target = '"
                      + target
                      + "'"))
          .isEqualTo(before + 1);
      // the province's own report, as the workbook: its target names the province and the year
      // (the same workbook may have been sent to the province by another test: only this one's
      // entry, written after lastBefore, is looked at)
      long lastBefore = svc.count("select coalesce(max(audit_id), 0) from audit_log");
      HttpResponse<Buffer> year = get(province, "/api/v1/programme/report?period=2026&format=xlsx");
      assertThat(year.statusCode()).as(year.bodyAsString()).isEqualTo(200);
      assertThat(
              svc.db.rows(
                  "select actor_role || ' ' || target from audit_log"
                      + " where action = 'programme.report.download' and audit_id > "
                      + lastBefore
                      + " and detail like '%sha256 "
                      + year.getHeader("X-Content-SHA256")
                      + "%'"))
          .containsExactly("province_officer programme/report/province/2026");
      // the audit log's chain still verifies with these entries
      org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
      ds.setURL(svc.db.url());
      ds.setUser(svc.db.config().user());
      var check = new org.energytrace.ingest.audit.PgAuditLog(ds).verifyChain();
      assertThat(check.firstBreak()).isEmpty();
      assertThat(check.entries()).isPositive();
    }
  }

  @Nested
  class WhoMayHaveWhichReport {
    @Test
    void aDistrictOfficerHasTheirDistrictsReportButNotAnotherDistrictsNorTheProvinces() {
      assertThat(get(district, districtReport(D1) + "?period=2026-H1").statusCode()).isEqualTo(200);
      assertThat(get(district, districtReport(D2) + "?period=2026-H1").statusCode()).isEqualTo(403);
      assertThat(get(district, "/api/v1/programme/report?period=2026-H1").statusCode())
          .isEqualTo(403);
      // the indicators of another district are refused as its report is, not answered empty
      String indicators = "/api/v1/programme/indicators?period=2026-H1";
      assertThat(get(district, indicators + "&district=" + enc(D1)).statusCode()).isEqualTo(200);
      assertThat(get(district, indicators).statusCode()).isEqualTo(200);
      var other = get(district, indicators + "&district=" + enc(D2));
      assertThat(other.statusCode()).isEqualTo(403);
      assertThat(other.bodyAsString()).contains("district out of scope");
      assertThat(
              get(district, "/api/v1/programme/parks/" + enc(P1) + "/report?period=2026-H1")
                  .statusCode())
          .isEqualTo(403);
    }

    @Test
    void aParkOfficerHasTheirParksReportWithItsFacilitiesOnly() throws Exception {
      byte[] xlsx =
          bytes(
              park,
              "/api/v1/programme/parks/" + enc(P1) + "/report?period=2026-H1&format=xlsx&lang=en");
      assertThat(sheet(xlsx, "Facilities").stream().skip(1).map(r -> r.get(0))).containsExactly(F1);
      sameAsApi(sheet(xlsx, "Indicators"), indicators(park, "period=2026-H1&park=" + enc(P1)));
      assertThat(get(park, districtReport(D1) + "?period=2026-H1").statusCode()).isEqualTo(403);
      assertThat(
              get(park, "/api/v1/programme/indicators?period=2026-H1&district=" + enc(D1))
                  .statusCode())
          .isEqualTo(403);
      assertThat(
              get(
                      park,
                      "/api/v1/programme/parks/" + enc("KCN khác " + S) + "/report?period=2026-H1")
                  .statusCode())
          .isEqualTo(403);
    }

    @Test
    void theProvinceHasEveryDistrictsReportAndAnUnknownDistrictIsNotFound() {
      assertThat(get(province, districtReport(D2) + "?period=2026-H1").statusCode()).isEqualTo(200);
      assertThat(get(province, districtReport("Không có " + S) + "?period=2026-H1").statusCode())
          .isEqualTo(404);
      assertThat(get(viewer, districtReport(D1) + "?period=2026-H1").statusCode()).isEqualTo(403);
      assertThat(get(viewer, "/api/v1/programme/report?period=2026-H1").statusCode())
          .isEqualTo(403);
    }
  }
}
