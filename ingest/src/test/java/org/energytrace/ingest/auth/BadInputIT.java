package org.energytrace.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.energytrace.ingest.config.SecurityConfig;
import org.energytrace.ingest.fixtures.MeteredPlant;
import org.energytrace.ingest.fixtures.OpenApiDocument;
import org.energytrace.ingest.fixtures.SecuredService;
import org.energytrace.ingest.fixtures.VietnameseRefusals;
import org.energytrace.ingest.fixtures.VietnameseRefusals.Refusal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;

/**
 * Bad input of every kind for every field of every operation of the OpenAPI document, generated
 * from it: each path and query parameter and each property of the JSON body (nested objects and
 * array items included, whether the valid request has them or not) is set in turn to null, left
 * out, emptied, made very long, a number too large for a double, a date far outside any calendar
 * the database keeps, a value of the wrong type, or a string with U+0000; the whole body is also
 * replaced by malformed and wrongly shaped JSON, and the upload operations get broken files. Every
 * other part of the request is valid, so each value reaches the code that reads its field. Every
 * answer is a 2xx or a 4xx whose body names no class, exception or SQL: a server error or internal
 * text in the answer fails the operation's test (issue 11: extra_sites null, "sign": null and
 * to=+1000000000-01-01T00:00:00Z answered 5xx with internals). Sent by a system administrator,
 * whose requests reach every handler.
 */
class BadInputIT {
  static final String SUFFIX = UUID.randomUUID().toString().substring(0, 6);
  static final String E = "bad-" + SUFFIX;
  static final AtomicInteger SEQ = new AtomicInteger();
  static final String DAY_0 = "2026-01-01";
  static final String DAY_5 = "2026-01-06";

  /** A field left out of the request. */
  static final Object ABSENT = new Object();

  /** A JSON number spliced into the body text as is (a JsonObject cannot hold it). */
  record Raw(String json) {
    @Override
    public String toString() {
      return json.length() > 40 ? json.substring(0, 12) + "…(" + json.length() + " chars)" : json;
    }
  }

  static final List<String> TEXTS =
      List.of(
          "",
          " ",
          "x".repeat(20_000),
          "nul\u0000",
          "\uD800",
          "+1000000000-01-01T00:00:00Z",
          "-1000000000-01-01T00:00:00Z",
          "+999999999-12-31",
          "-999999999-01-01",
          "9999-12-31T23:59:59.999999999Z",
          "0000-01-01",
          "2026-02-30",
          "1e400",
          // JSON Schema takes it for an integer; a handler reading whole digits answered 500
          "2.0",
          "-1",
          "0",
          "99999999999999999999",
          "NaN",
          "-Infinity",
          "true",
          "null");

  static final List<Object> JSON_ONLY =
      List.of(
          ABSENT,
          JsonNullValue.NULL,
          true,
          12345,
          -1,
          Double.MAX_VALUE,
          -Double.MAX_VALUE,
          Long.MAX_VALUE,
          new Raw("1" + "0".repeat(400)),
          new Raw("-1" + "0".repeat(400)),
          new Raw("1e400"),
          new Raw("9223372036854775808"),
          new JsonArray(),
          new JsonArray().addNull(),
          new JsonObject(),
          new JsonObject().put("x", new JsonArray().add(new JsonObject())));

  /** JSON null as a value to put (JsonObject.put(k, null) would be absent-like in some readers). */
  enum JsonNullValue {
    NULL
  }

  /** Whole bodies that are not the object an operation expects. */
  static final List<String> BODIES =
      List.of(
          "",
          "null",
          "[]",
          "\"text\"",
          "42",
          "{",
          "{\"a\":}",
          "{\"a\":1,\"a\":2}",
          "[".repeat(5000) + "]".repeat(5000),
          "{\"x\":" + "1".repeat(100_000) + "}",
          "\u0000");

  /** Words that only internals put in an answer. */
  static final Pattern INTERNALS =
      Pattern.compile(
          "Exception|Error:|java\\.|javax\\.|org\\.(postgresql|apache|energytrace|eclipse)"
              + "|io\\.vertx|com\\.fasterxml|tools\\.jackson|SQLState|PSQL|ERROR: |Cannot invoke"
              + "|NullPointer|null pointer|because \"|at \\[Source|Failed to decode|\\tat |poi\\.|"
              + "Zip bomb detected|Tried to allocate|RecordFormat|ClassCast|cannot be cast|"
              + "NumberFormat|For input string|Text '.*' could not be parsed");

  static SecuredService svc;
  static String token;
  static JsonNode openapi;

  @BeforeAll
  static void start() throws Exception {
    svc = SecuredService.start(SecurityConfig.defaults());
    token = svc.access.systemAdminToken();
    openapi = OpenApiDocument.load();
    ok(HttpMethod.PUT, "/gateways/gw-1", new JsonObject().put("site", "plant-1"));
    ok(
        HttpMethod.PUT,
        "/meters/m1",
        MeteredPlant.meter(
            "plant-1",
            "gw-1",
            MeteredPlant.powerChannel(),
            MeteredPlant.counterChannel("E"),
            MeteredPlant.counterChannel("C")));
    for (String op :
        List.of("putSiteTimeZone", "putMeterEnergy", "putLine", "putProduct", "putEnpi")) {
      ok(HttpMethod.PUT, pathOf(op), body(op));
    }
    try (var c = svc.db.connect();
        var ps = c.prepareStatement(MeteredPlant.INSERT_M1_ENERGY)) {
      for (int i = 0; i < 6; i++) {
        LocalDate day = LocalDate.parse(DAY_0).plusDays(i);
        ps.setString(1, day + "T00:00:00+07:00");
        ps.setString(2, day.plusDays(1) + "T00:00:00+07:00");
        ps.setDouble(3, 120 + 7 * i + (i % 2 == 0 ? 0.5 : -0.5) * i);
        ps.setString(4, E);
        ps.executeUpdate();
      }
    }
    JsonArray quantities = new JsonArray();
    for (int i = 0; i < 6; i++) {
      quantities.add(
          new JsonObject()
              .put("product", "p1")
              .put("day", LocalDate.parse(DAY_0).plusDays(i).toString())
              .put("quantity", 10 + 3 * i + (i * i % 5)));
    }
    ok(HttpMethod.POST, "/production", new JsonObject().put("quantities", quantities));
    ok(
        HttpMethod.POST,
        "/enpis/x1/baselines",
        new JsonObject().put("from", DAY_0).put("to", DAY_5).put("model", "ols"));
    ok(HttpMethod.PUT, "/resources/coal", body("putResource"));
    ok(
        HttpMethod.PUT,
        "/resources/grid",
        new JsonObject()
            .put("site", "plant-1")
            .put("kind", "energy")
            .put("carrier", "electricity")
            .put("unit", "kWh")
            .put("meter", "m1")
            .put("channel", "E"));
    ok(HttpMethod.POST, "/resources/grid/baselines", body("createResourceBaseline"));
    svc.access.publish(E, "plant-1");
    // meter m9 of another enterprise (recordCalibration on E's path answers 404)
    String other = "bad2-" + SUFFIX;
    for (var call :
        List.of(
            Map.entry("/gateways/gw-9", new JsonObject().put("site", "plant-9")),
            Map.entry(
                "/meters/m9",
                new JsonObject()
                    .put("site", "plant-9")
                    .put("gateway", "gw-9")
                    .put("channels", new JsonArray().add(MeteredPlant.counterChannel("E")))))) {
      var r =
          svc.withToken(HttpMethod.PUT, "/api/v1/enterprises/" + other + call.getKey(), token)
              .sendJsonObject(call.getValue())
              .await();
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    }
    programme();
  }

  /** The step of E whose attachment getCpStepAttachment reads. */
  static long attachmentStep;

  static void programme() {
    String base = "/api/v1/programme/facilities/" + E;
    for (var call :
        List.of(
            Map.entry(HttpMethod.PUT, Map.entry(base, body("putProgrammeFacility"))),
            Map.entry(HttpMethod.PUT, Map.entry(base + "/officers/o1", body("putCpOfficer"))))) {
      var r =
          svc.withToken(call.getKey(), call.getValue().getKey(), token)
              .sendJsonObject(call.getValue().getValue())
              .await();
      assertThat(r.statusCode()).as(r.bodyAsString()).isBetween(200, 201);
    }
    var step =
        svc.withToken(HttpMethod.POST, base + "/cp-steps", token)
            .sendJsonObject(body("recordCpStep"))
            .await();
    assertThat(step.statusCode()).as(step.bodyAsString()).isEqualTo(201);
    attachmentStep = step.bodyAsJsonObject().getLong("id");
    svc.access.user("bad-do-" + SUFFIX, Role.DISTRICT_OFFICER, null, List.of(), "pw-" + SUFFIX);
    String cp = "/api/v1/enterprises/" + E + "/cp-assessments/cp1";
    for (var call :
        List.of(
            Map.entry(cp, body("putCpAssessment")),
            Map.entry(cp + "/options/opt1", body("putCpOption")))) {
      var r =
          svc.withToken(HttpMethod.PUT, call.getKey(), token)
              .sendJsonObject(call.getValue())
              .await();
      assertThat(r.statusCode()).as(r.bodyAsString()).isBetween(200, 201);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (svc != null) {
      // the service still answers and its data is intact
      assertThat(svc.withToken(HttpMethod.GET, "/api/v1/meters", token).send().await().statusCode())
          .isEqualTo(200);
      svc.close();
    }
  }

  static void ok(HttpMethod method, String path, JsonObject body) {
    HttpResponse<Buffer> r =
        svc.withToken(method, "/api/v1/enterprises/" + E + path, token)
            .sendJsonObject(body)
            .await();
    assertThat(r.statusCode()).as(path + " " + r.bodyAsString()).isBetween(200, 201);
  }

  static String pathOf(String op) {
    return switch (op) {
      case "putSiteTimeZone" -> "/sites/plant-1/time-zone";
      case "putMeterEnergy" -> "/meters/m1/energy";
      case "putLine" -> "/lines/l1";
      case "putProduct" -> "/products/p1";
      case "putEnpi" -> "/enpis/x1";
      default -> throw new IllegalArgumentException(op);
    };
  }

  /** A valid body for an operation; every call gives a fresh one (unique where it must be). */
  static JsonObject body(String op) {
    return switch (op) {
      case "putGateway" ->
          new JsonObject()
              .put("site", "plant-1")
              .put("extra_sites", new JsonArray().add("plant-2"))
              .put("auto_register_meters", false);
      case "putMeter" ->
          new JsonObject()
              .put("site", "plant-1")
              .put("gateway", "gw-1")
              .put("channels", new JsonArray().add(MeteredPlant.counterChannel("E")));
      case "recordCounterEvent" ->
          new JsonObject()
              .put(
                  "ts",
                  Instant.parse(DAY_0 + "T00:00:00Z").plusSeconds(SEQ.incrementAndGet()).toString())
              .put("kind", "replacement")
              .put("closing_value", 100.0)
              .put("opening_value", 0.0)
              .put("note", "bad input test");
      case "recordCalibration" ->
          new JsonObject()
              .put("calibrated_on", "2025-03-02")
              .put("valid_until", "2027-03-01")
              .put("certificate", "CAL-" + SEQ.incrementAndGet())
              .put("lab", "QUATEST 3")
              .put("result", "passed")
              .put("note", "bad input test")
              .put(
                  "attachment",
                  new JsonObject()
                      .put("name", "certificate.pdf")
                      .put("media_type", "application/pdf")
                      .put("content_base64", "JVBERi0="));
      case "publishSite" -> new JsonObject().put("published", true);
      case "putUser" ->
          new JsonObject()
              .put("role", "auditor")
              .put(
                  "assignments",
                  new JsonArray()
                      .add(
                          new JsonObject()
                              .put("enterprise", E)
                              .put(
                                  "expires_at", Instant.now().plus(Duration.ofDays(9)).toString())))
              .put("disabled", false);
      case "createToken" ->
          new JsonObject()
              .put("name", "bad-input")
              .put("role", "enterprise_viewer")
              .put("enterprise", E)
              .put("expires_at", Instant.now().plus(Duration.ofDays(9)).toString());
      case "login" -> new JsonObject().put("username", "nobody").put("password", "wrong-password");
      case "changePassword" ->
          new JsonObject().put("current_password", "x").put("new_password", "y".repeat(12));
      case "putSiteTimeZone" -> new JsonObject().put("time_zone", "Asia/Ho_Chi_Minh");
      case "putMeterEnergy" ->
          new JsonObject()
              .put("carrier", "electricity")
              .put("unit", "kWh")
              .put("role", "main")
              .put("boundary", "site")
              .put("channel", "E");
      case "putLine" -> new JsonObject().put("site", "plant-1").put("name", "Line 1");
      case "putProduct" -> new JsonObject().put("line", "l1").put("name", "P 1").put("unit", "TNE");
      case "putEnpi" ->
          new JsonObject()
              .put("name", "SEC")
              .put("scope", new JsonObject().put("level", "facility").put("ref", "plant-1"))
              .put("basis", "kwh_final")
              .put(
                  "meters", new JsonArray().add(new JsonObject().put("meter", "m1").put("sign", 1)))
              .put("products", new JsonArray().add("p1"));
      case "fitBaseline" ->
          new JsonObject().put("from", DAY_0).put("to", DAY_5).put("model", "ols");
      case "submitBaseline" -> new JsonObject().put("comment", "please review");
      case "approveBaseline" -> new JsonObject().put("opinion", "approved");
      case "returnBaseline" -> new JsonObject().put("comments", "please add a month");
      case "createResourceBaseline" ->
          new JsonObject()
              .put("product", "p1")
              .put("from", DAY_0)
              .put("to", LocalDate.parse(DAY_0).plusDays(2).toString())
              .put("model", "ratio");
      case "submitResourceBaseline" -> new JsonObject().put("comment", "please review");
      case "approveResourceBaseline" -> new JsonObject().put("opinion", "approved");
      case "returnResourceBaseline" -> new JsonObject().put("comments", "please add a month");
      case "signOffPeriod" ->
          new JsonObject()
              .put("baseline_version", 1)
              .put("from", "2026-01-07")
              .put("to", "2026-01-08")
              .put("opinion", "verified_with_reservations")
              .put("comments", "two days estimated")
              .put("dossier_sha256", "0f".repeat(32));
      case "proposeAdjustment" ->
          new JsonObject()
              .put("kind", "capacity")
              .put("from", "2026-01-07")
              .put("to", "2026-01-08")
              .put("method", "fixed_per_day")
              .put("value", 12.5)
              .put("std_error", 1.0)
              .put("justification", "a second compressor")
              .put(
                  "attachment",
                  new JsonObject()
                      .put("name", "c.pdf")
                      .put("media_type", "application/pdf")
                      .put("content_base64", "YWJj"));
      case "approveAdjustment" -> new JsonObject().put("comment", "seen");
      case "rejectAdjustment" -> new JsonObject().put("comments", "no evidence");
      case "postProduction" ->
          new JsonObject()
              .put(
                  "quantities",
                  new JsonArray()
                      .add(
                          new JsonObject()
                              .put("line", "l1")
                              .put("product", "p1")
                              .put("day", DAY_0)
                              .put("quantity", 10)));
      case "discardQuarantined" -> new JsonObject().put("reason", "test");
      case "putResource" ->
          new JsonObject()
              .put("site", "plant-1")
              .put("kind", "energy")
              .put("carrier", "coal_grade_3_4")
              .put("unit", "t")
              .put("name", "Coal");
      case "postResourceEntries" ->
          new JsonObject()
              .put(
                  "entries",
                  new JsonArray()
                      .add(
                          new JsonObject()
                              .put("type", "delivery")
                              .put("day", DAY_0)
                              .put("quantity", 10)
                              .put("unit", "t")
                              .put("ref", "DN-1")));
      default -> programmeBody(op);
    };
  }

  // ---- the CP programme (issue 16): E is a registered facility with officer o1 ----

  static JsonObject programmeBody(String op) {
    return switch (op) {
      case "putProgrammeFacility" ->
          new JsonObject()
              .put("legal_name_vi", "Công ty " + SUFFIX)
              .put("vsic", "1050")
              .put("district", "Thủ Dầu Một")
              .put("latitude", 10.9)
              .put("longitude", 106.6)
              .put("registered_on", "2025-01-01");
      case "recordCpStep" ->
          new JsonObject()
              .put("stage", "aware")
              .put("date", "2026-01-0" + (1 + SEQ.incrementAndGet() % 9))
              .put("detail", "workshop")
              .put(
                  "attachment",
                  new JsonObject()
                      .put("name", "a.pdf")
                      .put("content_type", "application/pdf")
                      .put("data", "JVBERi0xLjQ="));
      case "putCpOfficer" ->
          new JsonObject().put("name", "Nguyễn Văn A").put("appointed_on", DAY_0);
      case "recordCpTraining" ->
          new JsonObject()
              .put("course", "SXSH " + SEQ.incrementAndGet())
              .put("date", DAY_0)
              .put("certificate", "C-1")
              .put("completed", true);
      case "putDeclaredEnergy" ->
          new JsonObject()
              .put(
                  "energy",
                  new JsonArray()
                      .add(
                          new JsonObject()
                              .put("carrier", "electricity")
                              .put("unit", "kWh")
                              .put("amount", 1000)));
      case "recordProgrammeSaving" ->
          new JsonObject()
              .put("resource", "r" + SEQ.incrementAndGet())
              .put("kind", "energy")
              .put("carrier", "electricity")
              .put("unit", "kWh")
              .put("from", DAY_0)
              .put("to", DAY_5)
              .put("fraction", 0.1)
              .put("fraction_low", 0.08)
              .put("fraction_high", 0.12)
              .put("amount", 100)
              .put("enpi", "x1")
              .put("baseline_version", 1);
      case "putOfficerArea" -> new JsonObject().put("districts", new JsonArray().add("Dĩ An"));
      // the programme's reporting: period 2026-H1 (absent here, so most answers are 404)
      case "createReportingPeriod" ->
          new JsonObject().put("period", "2026-H1").put("deadline", "2026-07-31");
      case "setReportingDeadline" -> new JsonObject().put("deadline", "2026-07-31");
      case "putPeriodReportNotes", "submitPeriodReport" -> new JsonObject().put("notes", "Ghi chú");
      case "reopenPeriodReport" -> new JsonObject().put("reason", "a wrong figure");
      // the programme's targets: every target given, so each bad one reaches its check
      case "setProgrammeTargets" ->
          new JsonObject()
              .put("effective_from", "2027-01-01")
              .put("reason", "provincial plan 2027")
              .put(
                  "targets",
                  new JsonObject()
                      .put("aware", 0.9)
                      .put("applying", 0.5)
                      .put("saving_low", 0.08)
                      .put("saving_high", 0.13)
                      .put("officers_trained", 1.0));
      default -> cpBody(op);
    };
  }

  // ---- CP assessments (issue 18): assessment cp1 of plant-1 in E, with option opt1 ----

  static JsonObject cpBody(String op) {
    JsonObject flow =
        new JsonObject()
            .put("kind", "energy")
            .put("name", "điện")
            .put("amount", 10)
            .put("unit", "kWh");
    return switch (op) {
      case "putCpAssessment" ->
          new JsonObject()
              .put("site", "plant-1")
              .put("title", "Đánh giá SXSH")
              .put("kind", "rapid")
              .put("status", "in_progress")
              .put("started_on", DAY_0)
              .put(
                  "team",
                  new JsonArray()
                      .add(
                          new JsonObject()
                              .put("name", "A")
                              .put("role", "lead")
                              .put("position", "GĐ")))
              .put(
                  "process_steps",
                  new JsonArray()
                      .add(
                          new JsonObject()
                              .put("name", "Nấu")
                              .put("inputs", new JsonArray().add(flow.copy()))
                              .put(
                                  "outputs",
                                  new JsonArray().add(flow.copy().put("kind", "heat_loss")))))
              .put("focus_step", "Nấu")
              .put("tasks", new JsonObject().put("1", "done"))
              .put(
                  "balance",
                  new JsonObject()
                      .put("from", DAY_0)
                      .put("to", DAY_5)
                      .put("inputs", new JsonArray().add(flow.copy().put("source", "manual")))
                      .put("outputs", new JsonArray()))
              .put(
                  "waste_causes",
                  new JsonArray()
                      .add(
                          new JsonObject()
                              .put("stream", "hơi")
                              .put("cause", "rò rỉ")
                              .put("yearly_cost", 1000)));
      case "prefillCpBalance" -> new JsonObject().put("from", DAY_0).put("to", DAY_5);
      case "putCpPublicItem" ->
          new JsonObject()
              .put("kind", "plan")
              .put("title_vi", "Kế hoạch SXSH 2026")
              .put("title_en", "CP plan 2026")
              .put("body_vi", "Nội dung")
              .put("body_en", "Content")
              .put("date", DAY_0)
              .put("attendance", 12)
              .put("plan_year", 2026)
              .put("published", true);
      case "putCpOption" ->
          new JsonObject()
              .put("type", "good_housekeeping")
              .put("description", "Sửa rò rỉ hơi")
              .put("investment", 5_000_000)
              .put("money_saving", 20_000_000)
              .put(
                  "savings",
                  new JsonArray()
                      .add(
                          new JsonObject()
                              .put("resource", "electricity")
                              .put("amount", 1000)
                              .put("unit", "kWh")))
              .put(
                  "feasibility",
                  new JsonObject()
                      .put("technical", "feasible")
                      .put("economic", "feasible")
                      .put("environmental", "feasible"))
              .put("decision", "implement")
              .put("implemented_on", DAY_0)
              .put("enpi", "x1")
              .put("measure_date", DAY_0);
      case "recordCpAttendance" ->
          new JsonObject()
              .put("enterprise", E)
              .put("person", "Nguyễn Văn A")
              .put("role", "cp_officer")
              .put("officer", "o1");
      case "putCpGuidance" ->
          new JsonObject()
              .put("sector", "1103")
              .put("title_vi", "Hướng dẫn")
              .put("title_en", "Guidance")
              .put("body_vi", "Nội dung")
              .put("body_en", "Content")
              .put("cites", new JsonArray())
              .put("published", true);
      case "publishCpAchievement" -> new JsonObject().put("published", true);
      case "putCpPilotSite" ->
          new JsonObject()
              .put("enterprise", E)
              .put("site", "plant-1")
              .put("title_vi", "Điểm trình diễn")
              .put("title_en", "Pilot")
              .put("body_vi", "Nội dung")
              .put("body_en", "Content")
              .put("published", true);
      default -> null;
    };
  }

  static final String UPLOAD = "product,day,quantity\np1,2026-01-02,7\n";

  /** Query parameters a valid request needs. */
  static Map<String, String> query(String op) {
    Map<String, String> q = new LinkedHashMap<>();
    switch (op) {
      case "getEnpiSec", "exportEnpiData", "listProduction", "checkIntegrity" -> {
        q.put("from", DAY_0);
        q.put("to", DAY_5);
      }
      case "getEnpiSavings", "getDossier" -> {
        q.put("baseline", "1");
        q.put("from", DAY_0);
        q.put("to", DAY_5);
      }
      case "listResourceEntries" -> {
        q.put("from", DAY_0);
        q.put("to", DAY_5);
      }
      case "getResourceIndicator" -> {
        q.put("product", "p1");
        q.put("model", "ratio");
        q.put("baseline_from", DAY_0);
        q.put("baseline_to", LocalDate.parse(DAY_0).plusDays(2).toString());
        q.put("from", LocalDate.parse(DAY_0).plusDays(3).toString());
        q.put("to", DAY_5);
      }
      case "getResourceToe" -> q.put("year", "2026");
      case "getProgrammeReport", "getProgrammeDistrictReport", "getProgrammeParkReport" ->
          q.put("period", "2026-H1");
      case "commitResourceUpload" -> q.put("upload_id", "0".repeat(64));
      case "commitRegistryImport" ->
          q.put(
              "upload_id",
              org.energytrace.ingest.programme.RegistryFile.parseCsv(
                          "m.csv", UPLOAD.getBytes(StandardCharsets.UTF_8))
                      .uploadId()
                  + "");
      case "commitProductionUpload" ->
          q.put(
              "upload_id",
              org.energytrace.ingest.production.ProductionFile.parseCsv(
                      "m.csv",
                      UPLOAD.getBytes(StandardCharsets.UTF_8),
                      new org.energytrace.ingest.production.ProductionFile.Products(
                          Map.of("p1", "l1"),
                          java.time.LocalDate.now(java.time.ZoneOffset.ofHours(14))))
                  .uploadId());
      default -> {}
    }
    return q;
  }

  static String pathValue(String op, String param) {
    return switch (param) {
      case "enterprise" -> E;
      case "meter" -> "m1";
      case "channel" -> op.endsWith("CounterEvent") || op.equals("listCounterEvents") ? "C" : "P";
      case "event" -> Long.toString(counterEvent());
      case "gateway" -> "gw-1";
      case "site" -> op.equals("publishSite") ? "plant-2" : "plant-1";
      case "line" -> "l1";
      case "product" -> "p1";
      case "enpi" -> "x1";
      case "resource" ->
          op.equals("getResourceIndicator") || op.contains("ResourceBaseline") ? "grid" : "coal";
      case "version" -> "1";
      case "adjustment" -> Long.toString(adjustment());
      case "calibration" -> Long.toString(calibration());
      case "username" ->
          op.equals("putOfficerArea")
              ? "bad-do-" + SUFFIX
              : "bad-user-" + SEQ.incrementAndGet() + "-" + SUFFIX;
      case "officer" -> "o1";
      case "district", "park" -> "Thủ Dầu Một";
      case "assessment" -> "cp1";
      case "option" -> "opt1";
      case "item" -> "news-1";
      case "note" -> "g1";
      case "pilot" -> "pilot-1";
      case "year" -> "2025";
      case "step" -> Long.toString(attachmentStep);
      case "period" -> op.equals("publishCpAchievement") ? "2025" : "2026-H1";
      case "type" -> "delivery";
      case "day" -> DAY_0;
      case "id" -> Long.toString(quarantined());
      case "token" ->
          Long.toString(
              svc.access
                  .accounts()
                  .issueToken(
                      "victim",
                      Role.ENTERPRISE_VIEWER,
                      E,
                      "test",
                      Instant.now(),
                      Instant.now().plus(Duration.ofDays(1)))
                  .id());
      default -> throw new AssertionError("no value for path parameter {" + param + "}");
    };
  }

  /** A proposed adjustment of EnPI x1, by the system administrator. */
  static long adjustment() {
    HttpResponse<Buffer> r =
        svc.withToken(HttpMethod.POST, "/api/v1/enterprises/" + E + "/enpis/x1/adjustments", token)
            .sendJsonObject(body("proposeAdjustment"))
            .await();
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    return r.bodyAsJsonObject().getLong("id");
  }

  /** A calibration record of meter m1 with its certificate file, by the system administrator. */
  static long calibration() {
    HttpResponse<Buffer> r =
        svc.withToken(
                HttpMethod.POST, "/api/v1/enterprises/" + E + "/meters/m1/calibrations", token)
            .sendJsonObject(body("recordCalibration"))
            .await();
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    return r.bodyAsJsonObject().getLong("id");
  }

  @Test
  void anActionThatTakesNoBodyRefusesOneNamingTheBodyAndDoesNothing() {
    String periods = "/api/v1/programme/reporting-periods";
    var opened =
        svc.withToken(HttpMethod.POST, periods, token)
            .sendJsonObject(new JsonObject().put("period", "2031").put("deadline", "2032-03-31"))
            .await();
    assertThat(opened.statusCode()).as(opened.bodyAsString()).isBetween(200, 201);

    // a malformed body sent to the close (which takes none) closed the period before
    for (String body : List.of("{\"a\":", "{}")) {
      var r =
          svc.withToken(HttpMethod.POST, periods + "/2031/close", token)
              .putHeader("Content-Type", "application/json")
              .sendBuffer(Buffer.buffer(body))
              .await();
      assertThat(r.statusCode()).as(body + ": " + r.bodyAsString()).isEqualTo(400);
      assertThat(r.bodyAsJsonObject().getString("parameter")).isEqualTo("body");
      assertThat(r.bodyAsJsonObject().getString("message"))
          .contains("closeReportingPeriod takes no body");
    }
    assertThat(
            svc.db.count(
                "SELECT count(*) FROM programme_reporting_period WHERE label = '2031' AND closed_at IS NULL"))
        .as("the period is still open")
        .isEqualTo(1);

    // without a body the action is done
    var closed = svc.withToken(HttpMethod.POST, periods + "/2031/close", token).send().await();
    assertThat(closed.statusCode()).as(closed.bodyAsString()).isEqualTo(200);
    assertThat(
            svc.db.count(
                "SELECT count(*) FROM programme_reporting_period WHERE label = '2031' AND closed_at IS NULL"))
        .isZero();
  }

  @Test
  void aCalibrationWithBadDatesOrResultIsRefusedNamingTheFieldAndAnotherEnterprisesMeterIs404() {
    String uri = "/api/v1/enterprises/" + E + "/meters/m1/calibrations";
    for (var bad :
        List.of(
            Map.entry(
                "calibrated_on", body("recordCalibration").put("calibrated_on", "2025-02-30")),
            Map.entry("calibrated_on", body("recordCalibration").put("calibrated_on", "2/3/2025")),
            Map.entry(
                "calibrated_on", body("recordCalibration").put("calibrated_on", "2999-01-01")),
            Map.entry("valid_until", body("recordCalibration").put("valid_until", "2025-13-01")),
            // valid until a day before it was calibrated
            Map.entry("valid_until", body("recordCalibration").put("valid_until", "2025-03-01")),
            Map.entry("result", body("recordCalibration").put("result", "ok")),
            Map.entry("certificate", body("recordCalibration").put("certificate", " ")),
            Map.entry("corrects", body("recordCalibration").put("corrects", "first")))) {
      HttpResponse<Buffer> r =
          svc.withToken(HttpMethod.POST, uri, token).sendJsonObject(bad.getValue()).await();
      assertThat(r.statusCode()).as(bad + " → " + r.bodyAsString()).isEqualTo(400);
      assertThat(r.bodyAsJsonObject().getString("parameter"))
          .as(bad.toString())
          .isEqualTo(bad.getKey());
    }
    // nothing of the refused ones was stored
    JsonArray stored =
        svc.withToken(HttpMethod.GET, uri, token)
            .send()
            .await()
            .bodyAsJsonObject()
            .getJsonArray("calibrations");
    assertThat(stored.stream().map(o -> ((JsonObject) o).getString("valid_until")))
        .doesNotContain("2025-03-01");
    // meter m9 is another enterprise's: as unknown as one that does not exist
    HttpResponse<Buffer> other =
        svc.withToken(
                HttpMethod.POST, "/api/v1/enterprises/" + E + "/meters/m9/calibrations", token)
            .sendJsonObject(body("recordCalibration"))
            .await();
    assertThat(other.statusCode()).as(other.bodyAsString()).isEqualTo(404);
    assertThat(
            svc.withToken(
                    HttpMethod.GET, "/api/v1/enterprises/" + E + "/meters/m9/calibrations", token)
                .send()
                .await()
                .statusCode())
        .isEqualTo(404);
  }

  static long counterEvent() {
    HttpResponse<Buffer> r =
        svc.withToken(
                HttpMethod.POST,
                "/api/v1/enterprises/" + E + "/meters/m1/channels/C/counter-events",
                token)
            .sendJsonObject(body("recordCounterEvent"))
            .await();
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    return r.bodyAsJsonObject().getLong("id");
  }

  static long quarantined() {
    Instant ts =
        Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60 + SEQ.incrementAndGet());
    return svc.quarantine(
        E,
        "et/v1/" + E + "/plant-1/gw-1/telemetry",
        """
        {"schema_version":1,"gateway":"gw-1","seq":%d,"sent_at":"%s","points":[
         {"meter":"m1","channel":"P","ts":"%s","value":1.5,"unit":"KWT","quality":"good"}]}
        """
            .formatted(SEQ.get(), ts, ts));
  }

  /** One operation of the document with what its requests are made of. */
  record Operation(
      String id,
      HttpMethod method,
      String template,
      List<String> path,
      List<String> query,
      JsonNode bodySchema,
      boolean upload) {}

  static List<Operation> operations() {
    List<Operation> ops = new ArrayList<>();
    for (OpenApiDocument.ApiOperation o : OpenApiDocument.operations(openapi)) {
      List<String> pathParams = new ArrayList<>();
      List<String> queryParams = new ArrayList<>();
      for (JsonNode p : o.node().path("parameters")) {
        JsonNode r = resolve(p);
        ("path".equals(r.path("in").asString()) ? pathParams : queryParams)
            .add(r.path("name").asString());
      }
      JsonNode content = o.node().path("requestBody").path("content");
      ops.add(
          new Operation(
              o.id(),
              o.method(),
              o.path(),
              pathParams,
              queryParams,
              content.has("application/json")
                  ? content.path("application/json").path("schema")
                  : null,
              content.has("text/csv")));
    }
    return ops;
  }

  static JsonNode resolve(JsonNode node) {
    while (node.has("$ref")) {
      String[] parts = node.get("$ref").asString().substring(2).split("/");
      JsonNode target = openapi;
      for (String part : parts) {
        target = target.path(part);
      }
      node = target;
    }
    return node;
  }

  /**
   * Every property path of a body schema: {@code name}, {@code scope.level}, {@code
   * meters[0].sign}.
   */
  static void fields(JsonNode schema, String prefix, List<String> out) {
    JsonNode s = resolve(schema);
    s.path("properties")
        .properties()
        .forEach(
            p -> {
              String name = prefix + p.getKey();
              out.add(name);
              JsonNode child = resolve(p.getValue());
              if (child.has("properties")) {
                fields(child, name + ".", out);
              } else if (child.has("items")) {
                out.add(name + "[0]");
                JsonNode items = resolve(child.path("items"));
                if (items.has("properties")) {
                  fields(items, name + "[0].", out);
                }
              }
            });
  }

  /** One request to send: how it differs from the valid one. */
  record Attempt(Operation op, String where, String field, Object value, String rawBody) {
    @Override
    public String toString() {
      return op.id() + " " + where + " " + field + " = " + abbreviate(value);
    }
  }

  @TestFactory
  Stream<DynamicTest> everyBadValueOfEveryFieldIsAClientErrorWithoutInternals() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Operation op : operations()) {
      if (op.id().equals("live") || op.id().startsWith("health")) {
        continue; // the live feed has its own test below; health takes no input
      }
      List<Attempt> attempts = new ArrayList<>();
      for (String p : op.path()) {
        for (String v : TEXTS) {
          attempts.add(new Attempt(op, "path", p, v, null));
        }
      }
      for (String q : op.query()) {
        attempts.add(new Attempt(op, "query", q, ABSENT, null));
        for (String v : TEXTS) {
          attempts.add(new Attempt(op, "query", q, v, null));
        }
      }
      if (op.bodySchema() != null) {
        List<String> fields = new ArrayList<>();
        fields(op.bodySchema(), "", fields);
        for (String f : fields) {
          for (Object v : TEXTS) {
            attempts.add(new Attempt(op, "body", f, v, null));
          }
          for (Object v : JSON_ONLY) {
            attempts.add(new Attempt(op, "body", f, v, null));
          }
        }
        for (String b : BODIES) {
          attempts.add(new Attempt(op, "whole body", "body", null, b));
        }
      }
      if (op.upload()) {
        for (String b : UPLOADS) {
          attempts.add(new Attempt(op, "file", "body", null, b));
        }
      }
      tests.add(
          DynamicTest.dynamicTest(
              op.id() + " (" + attempts.size() + " bad requests)",
              () -> {
                SoftAssertions soft = new SoftAssertions();
                attempts.forEach(a -> check(a, soft));
                soft.assertAll();
              }));
    }
    tests.add(DynamicTest.dynamicTest("live feed parameters", BadInputIT::liveParameters));
    tests.add(
        DynamicTest.dynamicTest(
            "every refusal above reads in Vietnamese on a Vietnamese page",
            BadInputIT::everyRefusalReadsInVietnamese));
    tests.add(
        DynamicTest.dynamicTest(
            "every answer above is of a status openapi.yaml lists, as it says it",
            BadInputIT::everyAnswerIsDocumented));
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> aParameterTheOperationDoesNotTakeIsRefusedNamingIt() {
    // a misspelled parameter was ignored: audit?from= (for since) listed the whole log
    return operations().stream()
        .filter(op -> !op.id().equals("live") && !op.id().startsWith("health"))
        .map(
            op ->
                DynamicTest.dynamicTest(
                    op.id(),
                    () -> {
                      HttpResponse<Buffer> r =
                          send(new Attempt(op, "query", "sincee", DAY_0, null));
                      JsonObject problem = r.bodyAsJsonObject();
                      if (r.statusCode() == 403) {
                        // an operation of another role (an auditor's): the gate refuses the
                        // role before any parameter is read, as for every other check
                        assertThat(problem.getString("message")).startsWith("not allowed for role");
                        return;
                      }
                      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(400);
                      assertThat(problem.getString("parameter")).isEqualTo("sincee");
                      assertThat(problem.getString("message"))
                          .startsWith("sincee: is not a parameter of this request")
                          .contains(op.query().isEmpty() ? "takes none" : op.query().get(0));
                    }));
  }

  @Test
  void theAuditLogAskedFromADaySaysItTakesSince() {
    HttpResponse<Buffer> r =
        svc.withToken(HttpMethod.GET, "/api/v1/audit?from=" + DAY_0, token).send().await();
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(400);
    assertThat(r.bodyAsJsonObject().getString("parameter")).isEqualTo("from");
    assertThat(r.bodyAsJsonObject().getString("message")).contains("since");
  }

  static final List<String> UPLOADS =
      List.of(
          "",
          "\u0000",
          "product,day,quantity\n",
          "product,day,quantity\np\u00001,2026-01-02,7\n",
          "product,day,quantity\np1,+999999999-12-31,7\n",
          "product,day,quantity\np1,2026-01-02," + "9".repeat(400) + "\n",
          "product,day,quantity\np1,2026-01-02,1e400\n",
          "product,day,quantity,line\np1,2026-01-02,7," + "l".repeat(10_000) + "\n",
          "\uFEFFproduct,day,quantity\np1,2026-01-02,7\n",
          "x".repeat(900_000));

  static void check(Attempt a, SoftAssertions soft) {
    HttpResponse<Buffer> r = send(a);
    String body = r.bodyAsString() == null ? "" : r.bodyAsString();
    soft.assertThat(r.statusCode()).as(a + " → " + abbreviate(body)).isBetween(200, 499);
    soft.assertThat(INTERNALS.matcher(body).find())
        .as(a + " → internals in the answer: " + abbreviate(body))
        .isFalse();
    if (r.statusCode() >= 400 && body.startsWith("{")) {
      JsonObject problem = new JsonObject(body);
      if (problem.getValue("message") instanceof String message) {
        REFUSALS.add(new Refusal(problem.getString("parameter"), message));
      }
    }
  }

  /** Every refusal the bad requests got, for the words a Vietnamese page says them in. */
  static final Set<Refusal> REFUSALS = ConcurrentHashMap.newKeySet();

  /**
   * A page shows a refusal beside its field in the page's language (i18n.js refusalWords): on a
   * Vietnamese page, none of the API's refusals is left in English (there were 400 kinds: "must be
   * a list, got text", "not allowed for role …", "no meter m1 of enterprise …").
   */
  static void everyRefusalReadsInVietnamese() throws Exception {
    assertThat(REFUSALS).as("refusals of the bad requests above").isNotEmpty();
    assertThat(VietnameseRefusals.inEnglish(REFUSALS)).isEmpty();
  }

  static HttpResponse<Buffer> send(Attempt a) {
    Operation op = a.op();
    String uri = op.template();
    for (String p : op.path()) {
      String v =
          a.where().equals("path") && a.field().equals(p)
              ? URLEncoder.encode(String.valueOf(a.value()), StandardCharsets.UTF_8)
                  .replace("+", "%20")
              // a valid value, encoded as a client sends it (district names are Vietnamese)
              : URLEncoder.encode(pathValue(op.id(), p), StandardCharsets.UTF_8)
                  .replace("+", "%20");
      uri = uri.replace("{" + p + "}", v);
    }
    Map<String, String> q = query(op.id());
    if (a.where().equals("query")) {
      if (a.value() == ABSENT) {
        q.remove(a.field());
      } else {
        q.put(a.field(), String.valueOf(a.value()));
      }
    }
    StringBuilder qs = new StringBuilder();
    q.forEach(
        (k, v) ->
            qs.append(qs.length() == 0 ? "?" : "&")
                .append(k)
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    String target = uri + qs;
    var req = svc.withToken(op.method(), target, token);
    if (op.upload()) {
      String file = a.where().equals("file") ? a.rawBody() : UPLOAD;
      return documented(
          op, target, req.putHeader("Content-Type", "text/csv").sendBuffer(Buffer.buffer(file)));
    }
    if (op.bodySchema() == null) {
      return documented(op, target, req.send());
    }
    String text;
    if (a.where().equals("whole body")) {
      text = a.rawBody();
    } else {
      JsonObject body = body(op.id());
      if (body == null) {
        body = new JsonObject();
      }
      text = a.where().equals("body") ? mutate(body, a.field(), a.value()) : body.encode();
    }
    return documented(
        op,
        target,
        req.putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(text)));
  }

  /**
   * The answer, once checked against openapi.yaml ({@code DocumentedAnswers}: a status the
   * operation lists, matching that status's schema); what the document does not say is kept, one
   * line per operation and problem, for {@link #everyAnswerIsDocumented}.
   */
  static HttpResponse<Buffer> documented(
      Operation op, String uri, io.vertx.core.Future<HttpResponse<Buffer>> sent) {
    HttpResponse<Buffer> r = sent.await();
    String problem =
        svc.answers()
            .problem(op.method(), uri, r.statusCode(), r.getHeader("Content-Type"), r.body());
    if (problem != null) {
      // the validator's output unit names the instance, not the request: one line per kind
      int unit = problem.indexOf(" {");
      UNDOCUMENTED.add(
          op.id()
              + " "
              + r.statusCode()
              + ": "
              + (unit < 0 ? problem : problem.substring(0, unit)));
    }
    return r;
  }

  /** What the bad requests' answers held that openapi.yaml does not say. */
  static final Set<String> UNDOCUMENTED = ConcurrentHashMap.newKeySet();

  /** Every refusal above is of a status its operation lists, with the body that status says. */
  static void everyAnswerIsDocumented() {
    assertThat(new java.util.TreeSet<>(UNDOCUMENTED)).isEmpty();
  }

  static final String MARK = "\"__raw_value__\"";

  /** The body with the field at {@code path} replaced, as JSON text. */
  static String mutate(JsonObject body, String path, Object value) {
    String[] parts = path.split("\\.");
    Object node = body;
    for (int i = 0; i < parts.length; i++) {
      boolean last = i == parts.length - 1;
      String part = parts[i];
      boolean indexed = part.endsWith("[0]");
      String key = indexed ? part.substring(0, part.length() - 3) : part;
      JsonObject obj = (JsonObject) node;
      if (indexed) {
        if (!(obj.getValue(key) instanceof JsonArray)) {
          obj.put(key, new JsonArray());
        }
        JsonArray arr = obj.getJsonArray(key);
        if (last) {
          if (arr.isEmpty()) {
            arr.addNull();
          }
          set(arr, value);
          break;
        }
        if (arr.isEmpty() || !(arr.getValue(0) instanceof JsonObject)) {
          if (arr.isEmpty()) {
            arr.add(new JsonObject());
          } else {
            arr.set(0, new JsonObject());
          }
        }
        node = arr.getJsonObject(0);
      } else if (last) {
        set(obj, key, value);
      } else {
        if (!(obj.getValue(key) instanceof JsonObject)) {
          obj.put(key, new JsonObject());
        }
        node = obj.getJsonObject(key);
      }
    }
    String text = body.encode();
    return value instanceof Raw raw ? text.replace(MARK, raw.json()) : text;
  }

  static Object jsonValue(Object value) {
    if (value == JsonNullValue.NULL) {
      return null;
    }
    if (value instanceof Raw) {
      return "__raw_value__";
    }
    return value;
  }

  static void set(JsonObject obj, String key, Object value) {
    if (value == ABSENT) {
      obj.remove(key);
    } else {
      obj.put(key, jsonValue(value));
    }
  }

  static void set(JsonArray arr, Object value) {
    if (value == ABSENT) {
      arr.remove(0);
    } else {
      arr.set(0, jsonValue(value));
    }
  }

  static String abbreviate(Object o) {
    String s = String.valueOf(o).replace("\u0000", "\\u0000");
    return s.length() > 160 ? s.substring(0, 160) + "…(" + s.length() + " chars)" : s;
  }

  /**
   * The live feed answers its parameters before it streams: only refusals are read whole. Sent by
   * the JDK's client with a time limit: a stream's body is never waited for, and nothing can hang.
   */
  static void liveParameters() throws Exception {
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1) // one connection per stream, closed with it
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    for (String param : List.of("enterprise", "meter", "channel")) {
      for (String v : TEXTS) {
        String uri = "/api/v1/live?" + param + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8);
        java.net.http.HttpResponse<InputStream> res =
            client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + svc.app.httpPort() + uri))
                    .timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + token)
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofInputStream());
        String body;
        try (InputStream in = res.body()) {
          // a stream (200): only its start matters; closing it ends the request
          body =
              res.statusCode() == 200 ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(res.statusCode()).as(uri + " → " + abbreviate(body)).isBetween(200, 499);
        assertThat(INTERNALS.matcher(body).find()).as(uri + " → " + body).isFalse();
      }
    }
  }
}
