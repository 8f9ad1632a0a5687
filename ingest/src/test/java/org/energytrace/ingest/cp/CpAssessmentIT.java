package org.energytrace.ingest.cp;

import static org.assertj.core.api.Assertions.assertThat;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.energytrace.ingest.auth.Role;
import org.energytrace.ingest.config.SecurityConfig;
import org.energytrace.ingest.fixtures.MeteredPlant;
import org.energytrace.ingest.fixtures.SecuredService;
import org.energytrace.ingest.fixtures.SecuredService.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * CP assessments against the running service and PostgreSQL (issue 18): the record stored and
 * edited through the API, the focus step's balance filled from the stored interval energy and
 * production, options with their payback, every change audited, the report as a real PDF and XLSX
 * carrying the record's numbers, and the officers' search within their area.
 */
class CpAssessmentIT {
  static SecuredService svc;
  static String admin;
  static final String S = UUID.randomUUID().toString().substring(0, 6);
  static final String E1 = "cp1-" + S;
  static final String E2 = "cp2-" + S;
  static final String D1 = "Bến Cát " + S;
  static final String D2 = "Tân Uyên " + S;
  static final String DAY_0 = "2026-01-01";
  static Session owner;
  static Session viewer;
  static Session district;
  // what the test stored: interval energy per day and production per day, days 0..5
  static final double[] ENERGY = {100.5, 120.25, 130, 90.75, 110, 105.5};
  static final double[] PRODUCED = {10, 12, 13, 9, 11, 10.5};

  @BeforeAll
  static void start() throws Exception {
    svc = SecuredService.start(SecurityConfig.defaults());
    admin = svc.access.systemAdminToken();
    for (String e : List.of(E1, E2)) {
      plant(e);
      var r =
          svc.withToken(HttpMethod.PUT, "/api/v1/programme/facilities/" + e, admin)
              .sendJsonObject(
                  new JsonObject()
                      .put("legal_name_vi", "Công ty Bia " + e)
                      .put("vsic", e.equals(E1) ? "1103" : "1701")
                      .put("district", e.equals(E1) ? D1 : D2))
              .await();
      assertThat(r.statusCode()).as(r.bodyAsString()).isBetween(200, 201);
    }
    svc.access.user("cpa-" + S, Role.ENTERPRISE_ADMIN, E1, List.of(), "pw-" + S);
    owner = svc.session("cpa-" + S, "pw-" + S);
    svc.access.user("cpv-" + S, Role.ENTERPRISE_VIEWER, E1, List.of(), "pw-" + S);
    viewer = svc.session("cpv-" + S, "pw-" + S);
    svc.access.user("cpd-" + S, Role.DISTRICT_OFFICER, null, List.of(), "pw-" + S);
    var area =
        svc.withToken(HttpMethod.PUT, "/api/v1/programme/officer-areas/cpd-" + S, admin)
            .sendJsonObject(new JsonObject().put("districts", new JsonArray().add(D1)))
            .await();
    assertThat(area.statusCode()).as(area.bodyAsString()).isEqualTo(200);
    district = svc.session("cpd-" + S, "pw-" + S);
  }

  @AfterAll
  static void stop() throws Exception {
    if (svc != null) {
      svc.close();
    }
  }

  /** Site plant-1 with meter m1 (electricity, counter E), line l1, product p1, EnPI x1. */
  static void plant(String e) throws Exception {
    String base = "/api/v1/enterprises/" + e;
    ok(HttpMethod.PUT, base + "/gateways/gw-1", new JsonObject().put("site", "plant-1"));
    ok(HttpMethod.PUT, base + "/meters/m1", MeteredPlant.counterMeter("gw-1"));
    ok(
        HttpMethod.PUT,
        base + "/sites/plant-1/time-zone",
        new JsonObject().put("time_zone", "Asia/Ho_Chi_Minh"));
    ok(HttpMethod.PUT, base + "/meters/m1/energy", MeteredPlant.mainElectricity());
    ok(HttpMethod.PUT, base + "/lines/l1", new JsonObject().put("site", "plant-1"));
    ok(
        HttpMethod.PUT,
        base + "/products/p1",
        new JsonObject().put("line", "l1").put("name", "Bia hơi").put("unit", "HLT"));
    ok(HttpMethod.PUT, base + "/enpis/x1", MeteredPlant.facilityEnpi("plant-1"));
    JsonArray quantities = new JsonArray();
    try (var c = svc.db.connect();
        var ps = c.prepareStatement(MeteredPlant.INSERT_M1_ENERGY)) {
      for (int i = 0; i < ENERGY.length; i++) {
        LocalDate day = LocalDate.parse(DAY_0).plusDays(i);
        ps.setString(1, day + "T00:00:00+07:00");
        ps.setString(2, day.plusDays(1) + "T00:00:00+07:00");
        ps.setDouble(3, ENERGY[i]);
        ps.setString(4, e);
        ps.executeUpdate();
        quantities.add(
            new JsonObject()
                .put("product", "p1")
                .put("day", day.toString())
                .put("quantity", PRODUCED[i]));
      }
    }
    ok(HttpMethod.POST, base + "/production", new JsonObject().put("quantities", quantities));
  }

  static void ok(HttpMethod m, String uri, JsonObject body) {
    var r = svc.withToken(m, uri, admin).sendJsonObject(body).await();
    assertThat(r.statusCode()).as(uri + " " + r.bodyAsString()).isBetween(200, 201);
  }

  /** Audit entries of E1 with this action and target. */
  static long audited(String action, String target) {
    return svc.count(
        "select count(*) from audit_log where action = '"
            + action
            + "' and target = '"
            + target
            + "' and enterprise = '"
            + E1
            + "'");
  }

  static String uri(String e, String a) {
    return "/api/v1/enterprises/" + e + "/cp-assessments/" + a;
  }

  static HttpResponse<Buffer> put(Session s, String uri, JsonObject body) {
    return svc.request(HttpMethod.PUT, uri, s).sendJsonObject(body).await();
  }

  static JsonObject get(Session s, String uri) {
    var r = svc.request(HttpMethod.GET, uri, s).send().await();
    assertThat(r.statusCode()).as(uri + " → " + r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  static JsonObject assessment() {
    JsonObject tasks = new JsonObject();
    for (int t = 1; t <= 13; t++) {
      tasks.put(Integer.toString(t), "done");
    }
    tasks.put("14", "in_progress");
    return new JsonObject()
        .put("site", "plant-1")
        .put("title", "Đánh giá SXSH chi tiết 2026")
        .put("kind", "detailed")
        .put("status", "completed")
        .put("started_on", "2026-01-10")
        .put(
            "team",
            new JsonArray()
                .add(new JsonObject().put("name", "Trần Thị B").put("role", "trưởng nhóm"))
                .add(new JsonObject().put("name", "Lê Văn C").put("role", "kỹ thuật")))
        .put(
            "process_steps",
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("name", "Nấu")
                        .put(
                            "inputs",
                            new JsonArray()
                                .add(new JsonObject().put("kind", "energy").put("name", "hơi")))
                        .put(
                            "outputs",
                            new JsonArray()
                                .add(
                                    new JsonObject()
                                        .put("kind", "waste_water")
                                        .put("name", "nước rửa"))))
                .add(new JsonObject().put("name", "Lên men")))
        .put("focus_step", "Nấu")
        .put("tasks", tasks)
        .put(
            "waste_causes",
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("stream", "hơi rò rỉ")
                        .put("cause", "bẫy hơi hỏng")
                        .put("yearly_cost", 45_000_000)));
  }

  static JsonObject option(String type, double investment, double money, String decision) {
    return new JsonObject()
        .put("type", type)
        .put("description", "Giải pháp " + type)
        .put("investment", investment)
        .put("money_saving", money)
        .put(
            "savings",
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("resource", "electricity")
                        .put("amount", 12_000)
                        .put("unit", "kWh")))
        .put(
            "feasibility",
            new JsonObject()
                .put("technical", "feasible")
                .put("economic", "feasible")
                .put("environmental", "to_study"))
        .put("decision", decision);
  }

  @Nested
  class TheRecord {
    @Test
    void anAssessmentIsStoredEditedAndAuditedWithItsStepsDerivedFromTheTasks() {
      String u = uri(E1, "rec");
      var created = put(owner, u, assessment());
      assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
      JsonObject a = get(viewer, u);
      assertThat(a.getString("focus_step")).isEqualTo("Nấu");
      assertThat(a.getJsonArray("team")).hasSize(2);
      JsonArray steps = a.getJsonArray("steps");
      assertThat(steps).hasSize(6);
      // tasks 1..13 done: steps 1 to 4 done; task 14 begun: step 5 in progress; step 6 not begun
      assertThat(steps.stream().map(s -> ((JsonObject) s).getString("status")).toList())
          .containsExactly("done", "done", "done", "done", "in_progress", "not_started");
      assertThat(a.getJsonObject("tasks").getString("18")).isEqualTo("not_started");

      var edited = put(owner, u, assessment().put("focus_step", "Lên men"));
      assertThat(edited.statusCode()).as(edited.bodyAsString()).isEqualTo(200);
      assertThat(get(district, u).getString("focus_step")).isEqualTo("Lên men");
      var unchanged = put(owner, u, assessment().put("focus_step", "Lên men"));
      assertThat(unchanged.statusCode()).isEqualTo(200);
      assertThat(audited("cp.assessment.create", "rec")).isEqualTo(1);
      // the unchanged put wrote no second update entry
      assertThat(audited("cp.assessment.update", "rec")).isEqualTo(1);
    }

    @Test
    void badFieldsAreRefusedByNameAndACompletedAssessmentNeedsItsFirstFourSteps() {
      String u = uri(E1, "bad");
      var focus = put(owner, u, assessment().put("focus_step", "Đóng chai"));
      assertThat(focus.statusCode()).isEqualTo(400);
      assertThat(focus.bodyAsJsonObject().getString("parameter")).isEqualTo("focus_step");
      JsonObject flow =
          assessment()
              .put(
                  "process_steps",
                  new JsonArray()
                      .add(
                          new JsonObject()
                              .put("name", "Nấu")
                              .put(
                                  "inputs",
                                  new JsonArray()
                                      .add(
                                          new JsonObject()
                                              .put("kind", "energy")
                                              .put("name", "hơi")
                                              .put("amount", -3)))));
      var negative = put(owner, u, flow);
      assertThat(negative.statusCode()).isEqualTo(400);
      assertThat(negative.bodyAsJsonObject().getString("parameter"))
          .isEqualTo("process_steps[0].inputs[0].amount");
      String tomorrow =
          java.time.LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).plusDays(1).toString();
      var started = put(owner, u, assessment().put("started_on", tomorrow));
      assertThat(started.statusCode()).as(started.bodyAsString()).isEqualTo(400);
      assertThat(started.bodyAsJsonObject().getString("parameter")).isEqualTo("started_on");
      var site = put(owner, u, assessment().put("site", "plant-9"));
      assertThat(site.statusCode()).isEqualTo(400);
      assertThat(site.bodyAsJsonObject().getString("parameter")).isEqualTo("site");
      JsonObject early = assessment();
      early.getJsonObject("tasks").put("11", "in_progress");
      var completed = put(owner, u, early);
      assertThat(completed.statusCode()).isEqualTo(409);
      assertThat(completed.bodyAsJsonObject().getString("parameter")).isEqualTo("status");
      assertThat(svc.request(HttpMethod.GET, u, owner).send().await().statusCode()).isEqualTo(404);
    }

    @Test
    void onlyTheEnterprisesAdministratorsWriteAndOfficersOutsideTheAreaReadNothing() {
      String u = uri(E1, "acc");
      assertThat(put(viewer, u, assessment()).statusCode()).isEqualTo(403);
      assertThat(put(district, u, assessment()).statusCode()).isEqualTo(403);
      assertThat(put(owner, uri(E2, "acc"), assessment()).statusCode()).isEqualTo(403);
      assertThat(put(owner, u, assessment()).statusCode()).isEqualTo(201);
      assertThat(svc.request(HttpMethod.GET, uri(E2, "acc"), district).send().await().statusCode())
          .isEqualTo(403);
    }
  }

  @Test
  void theFocusBalanceIsFilledFromStoredEnergyAndProductionAndStaysEditable() throws Exception {
    String u = uri(E1, "bal");
    JsonObject body =
        assessment()
            .put(
                "balance",
                new JsonObject()
                    .put(
                        "inputs",
                        new JsonArray()
                            .add(
                                new JsonObject()
                                    .put("kind", "water")
                                    .put("name", "nước giếng")
                                    .put("amount", 800)
                                    .put("unit", "m3"))));
    assertThat(put(owner, u, body).statusCode()).isEqualTo(201);
    // days 1..4 (the site's local days): the stored energy and production of those days
    var r =
        svc.request(HttpMethod.POST, u + "/balance", owner)
            .sendJsonObject(new JsonObject().put("from", "2026-01-02").put("to", "2026-01-05"))
            .await();
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    JsonObject balance = r.bodyAsJsonObject().getJsonObject("balance");
    double energy = ENERGY[1] + ENERGY[2] + ENERGY[3] + ENERGY[4];
    double produced = PRODUCED[1] + PRODUCED[2] + PRODUCED[3] + PRODUCED[4];
    JsonObject metered = find(balance.getJsonArray("inputs"), "metered");
    assertThat(metered.getString("meter")).isEqualTo("m1");
    assertThat(metered.getDouble("amount")).isEqualTo(energy);
    assertThat(metered.getString("unit")).isEqualTo("kWh");
    JsonObject product = find(balance.getJsonArray("outputs"), "production");
    assertThat(product.getString("product")).isEqualTo("p1");
    assertThat(product.getDouble("amount")).isEqualTo(produced);
    // the row entered by hand is kept
    assertThat(find(balance.getJsonArray("inputs"), "manual").getDouble("amount")).isEqualTo(800);
    assertThat(audited("cp.balance.prefill", "bal")).isEqualTo(1);
    // editable: the owner corrects the metered figure through the record
    metered.put("amount", 400.0);
    JsonObject edited = assessment().put("balance", balance);
    assertThat(put(owner, u, edited).statusCode()).isEqualTo(200);
    assertThat(
            find(get(owner, u).getJsonObject("balance").getJsonArray("inputs"), "metered")
                .getDouble("amount"))
        .isEqualTo(400.0);

    // the Vietnamese report says the balance's kinds, carriers and data sources in words (it
    // said "energy: electricity (m1)" and "metered")
    var report = svc.request(HttpMethod.GET, u + "/report?format=docx", owner).send().await();
    assertThat(report.statusCode()).as(report.bodyAsString()).isEqualTo(200);
    try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(report.body().getBytes()))) {
      List<List<String>> rows = TheReport.docxTable(doc, "Dòng");
      String text = rows.toString();
      assertThat(text)
          .contains(
              "năng lượng: điện (m1)", "đo bằng công tơ", "số liệu sản xuất", "nước: nước giếng")
          .doesNotContain("metered", "production", "energy:", "manual");
    }
  }

  static JsonObject find(JsonArray rows, String source) {
    return rows.stream()
        .map(JsonObject.class::cast)
        .filter(o -> source.equals(o.getString("source")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + source + " row in " + rows));
  }

  @Test
  void optionsCarryTheirPaybackAndAnImplementedOneLinksToAnExistingEnpi() {
    String u = uri(E1, "opt");
    assertThat(put(owner, u, assessment()).statusCode()).isEqualTo(201);
    var o1 =
        put(
            owner,
            u + "/options/o1",
            option("equipment_modification", 120_000_000, 80_000_000, "implement")
                .put("implemented_on", "2026-03-01")
                .put("enpi", "x1")
                .put("measure_date", "2026-03-01"));
    assertThat(o1.statusCode()).as(o1.bodyAsString()).isEqualTo(201);
    assertThat(o1.bodyAsJsonObject().getDouble("payback_years")).isEqualTo(1.5);
    assertThat(o1.bodyAsJsonObject().getString("type_vi")).isEqualTo("Cải tiến thiết bị");
    var noSaving = put(owner, u + "/options/o2", option("good_housekeeping", 0, 0, "later"));
    assertThat(noSaving.statusCode()).isEqualTo(201);
    assertThat(noSaving.bodyAsJsonObject().getValue("payback_years")).isNull();
    var unknownEnpi =
        put(
            owner,
            u + "/options/o3",
            option("technology_change", 1, 1, "implement")
                .put("implemented_on", "2026-03-01")
                .put("enpi", "x9")
                .put("measure_date", "2026-03-01"));
    assertThat(unknownEnpi.statusCode()).isEqualTo(400);
    assertThat(unknownEnpi.bodyAsJsonObject().getString("parameter")).isEqualTo("enpi");
    var notDecided =
        put(
            owner,
            u + "/options/o3",
            option("technology_change", 1, 1, "later").put("implemented_on", "2026-03-01"));
    assertThat(notDecided.statusCode()).isEqualTo(400);
    assertThat(notDecided.bodyAsJsonObject().getString("parameter")).isEqualTo("implemented_on");
    var type = put(owner, u + "/options/o3", option("magic", 1, 1, "later"));
    assertThat(type.bodyAsJsonObject().getString("parameter")).isEqualTo("type");
    // an option implemented in the future dropped out of every period report without a word
    String tomorrow =
        java.time.LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).plusDays(1).toString();
    var future =
        put(
            owner,
            u + "/options/o3",
            option("technology_change", 1, 1, "implement").put("implemented_on", tomorrow));
    assertThat(future.statusCode()).as(future.bodyAsString()).isEqualTo(400);
    assertThat(future.bodyAsJsonObject().getString("parameter")).isEqualTo("implemented_on");
    assertThat(future.bodyAsJsonObject().getString("message"))
        .contains(tomorrow + " is in the future");
    // savings in a unit the reports cannot read: "water 10 kWh", "electricity 10 bananas"
    for (String[] bad :
        new String[][] {
          {"water", "kWh", "water"},
          {"electricity", "bananas", "unknown unit 'bananas'"},
          {"electricity", "Nm3", "electricity is converted from"}
        }) {
      JsonObject o = option("good_housekeeping", 1, 1, "later");
      o.getJsonArray("savings").getJsonObject(0).put("resource", bad[0]).put("unit", bad[1]);
      var refused = put(owner, u + "/options/o3", o);
      assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(400);
      assertThat(refused.bodyAsJsonObject().getString("parameter")).isEqualTo("savings[0].unit");
      assertThat(refused.bodyAsJsonObject().getString("message")).contains(bad[2]);
    }
    JsonObject a = get(district, u);
    assertThat(a.getJsonArray("options")).hasSize(2);
    assertThat(a.getJsonObject("totals_not_rejected").getDouble("investment"))
        .isEqualTo(120_000_000.0);
    assertThat(audited("cp.option.create", "opt/o1")).isEqualTo(1);
    assertThat(audited("cp.option.create", "opt/o2")).isEqualTo(1);
    assertThat(audited("cp.option.create", "opt/o3")).isZero();
  }

  @Nested
  class TheReport {
    static String U;

    @BeforeAll
    static void record() {
      U = uri(E1, "rep");
      assertThat(put(owner, U, assessment()).statusCode()).isEqualTo(201);
      assertThat(
              put(
                      owner,
                      U + "/options/r1",
                      option("better_process_control", 120_000_000, 80_000_000, "implement"))
                  .statusCode())
          .isEqualTo(201);
      assertThat(
              put(
                      owner,
                      U + "/options/r2",
                      option("onsite_recovery", 35_500_000, 14_200_000, "later"))
                  .statusCode())
          .isEqualTo(201);
    }

    static byte[] report(String query) {
      var r = svc.request(HttpMethod.GET, U + "/report" + query, viewer).send().await();
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
      return r.body().getBytes();
    }

    static String pdfText(byte[] pdf) throws Exception {
      PdfReader reader = new PdfReader(pdf);
      StringBuilder text = new StringBuilder();
      for (int p = 1; p <= reader.getNumberOfPages(); p++) {
        text.append(new PdfTextExtractor(reader).getTextFromPage(p)).append('\n');
      }
      return text.toString();
    }

    @Test
    void thePdfInVietnameseByDefaultCarriesTheOptionsInvestmentsSavingsAndPayback()
        throws Exception {
      byte[] pdf = report("");
      assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII))
          .isEqualTo("%PDF-");
      String text = pdfText(pdf);
      assertThat(text).contains("BÁO CÁO ĐÁNH GIÁ SẢN XUẤT SẠCH HƠN");
      // 120 000 000 / 80 000 000 = 1.50 years; 35 500 000 / 14 200 000 = 2.50 years
      assertThat(text).contains("120.000.000", "80.000.000", "1,50");
      assertThat(text).contains("35.500.000", "14.200.000", "2,50");
      // totals of the options not rejected: 155 500 000 and 94 200 000
      assertThat(text).contains("155.500.000", "94.200.000");
      // a table cell wraps its text at spaces
      assertThat(text.replaceAll("\\s+", " "))
          .contains("Trần Thị B", "Kiểm soát quá trình tốt hơn")
          // its start as the Vietnamese pages write a day (it read 2026-01-10)
          .containsPattern("Ngày bắt đầu\\s*10/01/2026")
          .doesNotContain("2026-01-10");
    }

    @Test
    void thePdfInEnglishUsesEnglishLabelsAndNumbers() throws Exception {
      String text = pdfText(report("?lang=en"));
      assertThat(text.replaceAll("\\s+", " "))
          .contains("CLEANER PRODUCTION ASSESSMENT REPORT", "Better process control");
      assertThat(text).contains("120,000,000", "80,000,000", "1.50", "2.50", "2026-01-10");
    }

    @Test
    void theXlsxHoldsTheOptionsAsNumbers() throws Exception {
      try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(report("?format=xlsx")))) {
        Sheet options = wb.getSheet("Giải pháp");
        assertThat(options).isNotNull();
        Map<String, double[]> byCode = new java.util.HashMap<>();
        for (Row r : options) {
          if (r.getRowNum() == 0) {
            continue;
          }
          byCode.put(
              r.getCell(0).getStringCellValue(),
              new double[] {
                r.getCell(1).getNumericCellValue(),
                r.getCell(2).getNumericCellValue(),
                r.getCell(3).getNumericCellValue()
              });
        }
        assertThat(byCode.get("r1")).containsExactly(120_000_000, 80_000_000, 1.5);
        assertThat(byCode.get("r2")).containsExactly(35_500_000, 14_200_000, 2.5);
        assertThat(wb.getSheetAt(0).getRow(0).getCell(0).getStringCellValue())
            .isEqualTo("BÁO CÁO ĐÁNH GIÁ SẢN XUẤT SẠCH HƠN");
      }
    }

    /** The table of a DOCX whose first row starts with {@code head}, as rows of cell texts. */
    static List<List<String>> docxTable(XWPFDocument doc, String head) {
      for (XWPFTable t : doc.getTables()) {
        if (t.getRow(0).getCell(0).getText().equals(head)) {
          return t.getRows().stream()
              .map(r -> r.getTableCells().stream().map(c -> c.getText()).toList())
              .toList();
        }
      }
      throw new AssertionError("no table headed " + head);
    }

    @Test
    void theDocxInVietnameseByDefaultHoldsTheOptionsTableWithTheRecordsNumbers() throws Exception {
      var r = svc.request(HttpMethod.GET, U + "/report?format=docx", viewer).send().await();
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
      assertThat(r.getHeader("Content-Type"))
          .isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
      assertThat(r.getHeader("Content-Disposition")).contains("-vi.docx");
      try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(r.body().getBytes()))) {
        assertThat(doc.getParagraphs().get(0).getText())
            .isEqualTo("BÁO CÁO ĐÁNH GIÁ SẢN XUẤT SẠCH HƠN");
        List<List<String>> options = docxTable(doc, "Mã");
        // code, type, action, investment, yearly saving, payback, ...: 120 000 000 / 80 000 000
        List<String> r1 = options.stream().filter(x -> x.get(0).equals("r1")).findFirst().get();
        assertThat(r1.subList(3, 6)).containsExactly("120.000.000", "80.000.000", "1,50");
        List<String> r2 = options.stream().filter(x -> x.get(0).equals("r2")).findFirst().get();
        assertThat(r2.subList(3, 6)).containsExactly("35.500.000", "14.200.000", "2,50");
        // the resource saved in words, not its code ("electricity 12.000 kWh")
        assertThat(r1).contains("điện 12.000 kWh");
        // totals of the options not rejected: 155 500 000 / 94 200 000 = 1.65 years
        List<String> totals = options.get(options.size() - 1);
        assertThat(totals.subList(3, 6)).containsExactly("155.500.000", "94.200.000", "1,65");
        assertThat(doc.getParagraphs().stream().map(p -> p.getText()))
            .contains("7. Các giải pháp SXSH");
      }
    }

    @Test
    void theDocxInEnglishUsesEnglishLabelsAndNumbers() throws Exception {
      var r = svc.request(HttpMethod.GET, U + "/report?format=docx&lang=en", viewer).send().await();
      assertThat(r.statusCode()).isEqualTo(200);
      try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(r.body().getBytes()))) {
        assertThat(doc.getParagraphs().get(0).getText())
            .isEqualTo("CLEANER PRODUCTION ASSESSMENT REPORT");
        List<List<String>> options = docxTable(doc, "Code");
        List<String> r1 = options.stream().filter(x -> x.get(0).equals("r1")).findFirst().get();
        assertThat(r1.get(1)).isEqualTo("Better process control");
        assertThat(r1.subList(3, 6)).containsExactly("120,000,000", "80,000,000", "1.50");
        assertThat(r1).contains("electricity 12,000 kWh");
      }
    }

    @Test
    void anUnknownFormatOrLanguageIsRefusedByName() {
      var r = svc.request(HttpMethod.GET, U + "/report?format=odt", viewer).send().await();
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.bodyAsJsonObject().getString("parameter")).isEqualTo("format");
      var l = svc.request(HttpMethod.GET, U + "/report?lang=fr", viewer).send().await();
      assertThat(l.bodyAsJsonObject().getString("parameter")).isEqualTo("lang");
    }
  }

  @Test
  void officersSearchTheAssessmentsOfTheirAreaByOptionTypeStatusAndSaving() {
    String a1 = uri(E1, "srch");
    String a2 = uri(E2, "srch");
    assertThat(put(owner, a1, assessment()).statusCode()).isEqualTo(201);
    ok(HttpMethod.PUT, a2, assessment().put("status", "in_progress"));
    assertThat(
            put(
                    owner,
                    a1 + "/options/s1",
                    option("technology_change", 900_000_000, 300_000_000, "implement"))
                .statusCode())
        .isEqualTo(201);
    ok(HttpMethod.PUT, a2 + "/options/s1", option("technology_change", 1, 1, "implement"));
    // the district officer's area is D1: E1 only
    JsonArray mine =
        get(district, "/api/v1/cp-assessments?option_type=technology_change")
            .getJsonArray("assessments");
    assertThat(mine.stream().map(o -> ((JsonObject) o).getString("enterprise")).distinct())
        .containsExactly(E1);
    JsonObject row =
        mine.stream()
            .map(JsonObject.class::cast)
            .filter(o -> o.getString("assessment").equals("srch"))
            .findFirst()
            .orElseThrow();
    assertThat(row.getString("district")).isEqualTo(D1);
    assertThat(row.getDouble("money_saving")).isEqualTo(300_000_000.0);
    assertThat(row.getDouble("payback_years")).isEqualTo(3.0);
    // the province sees both; filters narrow
    String province =
        "/api/v1/cp-assessments?district="
            + java.net.URLEncoder.encode(D2, java.nio.charset.StandardCharsets.UTF_8);
    var all = svc.withToken(HttpMethod.GET, province, admin).send().await().bodyAsJsonObject();
    assertThat(all.getJsonArray("assessments")).hasSize(1);
    assertThat(all.getJsonArray("assessments").getJsonObject(0).getString("enterprise"))
        .isEqualTo(E2);
    var completed =
        svc.withToken(
                HttpMethod.GET,
                "/api/v1/cp-assessments?status=in_progress&sector=17&min_saving=0",
                admin)
            .send()
            .await()
            .bodyAsJsonObject()
            .getJsonArray("assessments");
    assertThat(completed.stream().map(o -> ((JsonObject) o).getString("enterprise")))
        .containsOnly(E2);
    var rich =
        get(district, "/api/v1/cp-assessments?min_saving=250000000").getJsonArray("assessments");
    assertThat(rich.stream().map(o -> ((JsonObject) o).getString("assessment")))
        .containsExactly("srch");
    var bad =
        svc.request(HttpMethod.GET, "/api/v1/cp-assessments?option_type=x", district)
            .send()
            .await();
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.bodyAsJsonObject().getString("parameter")).isEqualTo("option_type");
  }
}
