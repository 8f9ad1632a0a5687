package org.energytrace.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.energytrace.ingest.config.SecurityConfig;
import org.energytrace.ingest.fixtures.MeteredPlant;
import org.energytrace.ingest.fixtures.OpenApiDocument;
import org.energytrace.ingest.fixtures.RoleMatrix;
import org.energytrace.ingest.fixtures.RoleMatrix.Cell;
import org.energytrace.ingest.fixtures.SecuredService;
import org.energytrace.ingest.fixtures.SecuredService.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;

/**
 * The isolation matrix, generated from the OpenAPI document: every operation × every role × the own
 * and another enterprise, against the running service with real accounts signed in through the
 * login endpoint, asserting the status docs/security.md gives. On top of the status:
 *
 * <ul>
 *   <li>a successful answer to a caller who does not see every enterprise never contains the other
 *       enterprise's code (no leak through listings);
 *   <li>every refusal is audited as {@code access.denied} (those of anonymous callers counted in an
 *       entry's repeat_count).
 * </ul>
 *
 * An operation in openapi.yaml without a row in the documented matrix, or without a request recipe
 * here, fails the test (OWASP ASVS 4.0 V4.1.3 least privilege, V4.2.1 IDOR).
 */
class IsolationMatrixIT {
  static SecuredService svc;
  static final String SUFFIX = UUID.randomUUID().toString().substring(0, 6);
  static final String A = "iso-a-" + SUFFIX;
  static final String B = "iso-b-" + SUFFIX;
  static final Map<Role, String> USERS = new EnumMap<>(Role.class);
  static final Map<Role, String> PASSWORDS = new EnumMap<>(Role.class);
  static final Map<Role, Session> SESSIONS = new EnumMap<>(Role.class);
  static final AtomicInteger SEQ = new AtomicInteger();
  // the days of deleteResourceEntry's deliveries and deleteProductionQuantity's quantities (one a
  // call, 2025-03-02 on)
  static final AtomicInteger DELIVERIES = new AtomicInteger();
  static JsonNode openapi;

  /** The published document's responses, which every 2xx JSON answer of the matrix must match. */
  static org.energytrace.ingest.fixtures.DocumentedAnswers documented;

  /** One connection for the audit counts of every case (not one per count). */
  static java.sql.Connection audit;

  @BeforeAll
  static void start() throws Exception {
    // anonymous refusals are counted per address and window (RefusalAudit): a window shorter than
    // the time between two cases makes each one the first of its window, written at once, so the
    // await below need not wait for a window to close (the aggregation within a window is
    // RefusalAuditIT's)
    svc =
        SecuredService.start(
            SecurityConfig.defaults().withRefusalAuditWindow(Duration.ofMillis(1)));
    audit = svc.db.connect();
    openapi = OpenApiDocument.load();
    documented = org.energytrace.ingest.fixtures.DocumentedAnswers.of(svc.vertx);
    String admin = svc.access.systemAdminToken();
    for (String e : List.of(A, B)) {
      String gw = gateway(e);
      assertThat(
              svc.withToken(HttpMethod.PUT, "/api/v1/enterprises/" + e + "/gateways/" + gw, admin)
                  .sendJsonObject(new JsonObject().put("site", "plant-1"))
                  .await()
                  .statusCode())
          .isEqualTo(200);
      assertThat(
              svc.withToken(HttpMethod.PUT, "/api/v1/enterprises/" + e + "/meters/m1", admin)
                  .sendJsonObject(meterBody(e))
                  .await()
                  .statusCode())
          .isEqualTo(200);
    }
    for (String e : List.of(A, B)) {
      enpiData(e, admin);
    }
    svc.access.publish(A, "plant-1");
    for (Role r : Role.values()) {
      if (r == Role.ANONYMOUS) {
        continue;
      }
      String user = r.wire().replace('_', '-') + "-" + SUFFIX;
      String password = "pw-" + UUID.randomUUID();
      String enterprise = r.isEnterpriseRole() ? A : null;
      List<PgAccounts.Assignment> assignments =
          r == Role.AUDITOR
              ? List.of(new PgAccounts.Assignment(A, Instant.now().plus(Duration.ofDays(1))))
              : List.of();
      svc.access.user(user, r, enterprise, assignments, password);
      USERS.put(r, user);
      PASSWORDS.put(r, password);
      SESSIONS.put(r, svc.session(user, password));
    }
    // the period operations work on EnPI x2, whose baseline version 1 an assigned auditor
    // approved (a sign-off needs an approved baseline)
    var approved =
        svc.request(
                HttpMethod.POST,
                "/api/v1/enterprises/" + A + "/enpis/x2/baselines/1/approve",
                SESSIONS.get(Role.AUDITOR))
            .sendJsonObject(new JsonObject().put("opinion", "for the sign-off"))
            .await();
    assertThat(approved.statusCode()).as(approved.bodyAsString()).isEqualTo(200);
    programme(admin);
    cpAssessments(admin);
    reporting(admin);
    for (Role r : OFFICERS) {
      TOKENS.put(r, officerToken(r));
    }
  }

  // ---- the programme officers' API tokens (issue 16): each officer issues a read-only token of
  // their own role, signed in; a district or park officer's reads their area (DA, PA) only

  static final List<Role> OFFICERS =
      List.of(Role.PROVINCE_OFFICER, Role.DISTRICT_OFFICER, Role.PARK_OFFICER);
  static final Map<Role, String> TOKENS = new EnumMap<>(Role.class);

  /** What a programme officer sends to issue a token: their own role, no enterprise. */
  static JsonObject officerTokenBody(Role r) {
    return new JsonObject().put("name", "matrix-" + SEQ.incrementAndGet()).put("role", r.wire());
  }

  /**
   * A token the officer issues signed in (with the session the officer's cases use: no sign-in, and
   * so no password hash, per token); the answer as JSON.
   */
  static JsonObject issuedBy(Role r) {
    var res =
        svc.request(HttpMethod.POST, "/api/v1/tokens", SESSIONS.get(r))
            .sendJsonObject(officerTokenBody(r))
            .await();
    assertThat(res.statusCode()).as(res.bodyAsString()).isEqualTo(201);
    return res.bodyAsJsonObject();
  }

  static String officerToken(Role r) {
    JsonObject issued = issuedBy(r);
    assertThat(issued.getBoolean("write")).as("read-only unless granted").isFalse();
    return issued.getString("token");
  }

  // ---- CP assessments (issue 18): assessment cp1 of plant-1 in A and B, with option opt1

  static void cpAssessments(String admin) {
    for (String e : List.of(A, B)) {
      String base = "/api/v1/enterprises/" + e + "/cp-assessments/cp1";
      var r =
          svc.withToken(HttpMethod.PUT, base, admin)
              .sendJsonObject(BODIES.get("putCpAssessment").apply(e))
              .await();
      assertThat(r.statusCode()).as(r.bodyAsString()).isBetween(200, 201);
      var o =
          svc.withToken(HttpMethod.PUT, base + "/options/opt1", admin)
              .sendJsonObject(BODIES.get("putCpOption").apply(e))
              .await();
      assertThat(o.statusCode()).as(o.bodyAsString()).isBetween(200, 201);
    }
    // the public section's activity news-1 (attendance is recorded for it) and the published
    // guidance note g1 (downloaded by everyone)
    for (var put :
        List.of(
            Map.entry("/api/v1/cp-public/items/news-1", BODIES.get("putCpPublicItem").apply(A)),
            Map.entry("/api/v1/cp-guidance/g1", BODIES.get("putCpGuidance").apply(A)))) {
      var r =
          svc.withToken(HttpMethod.PUT, put.getKey(), admin).sendJsonObject(put.getValue()).await();
      assertThat(r.statusCode()).as(put.getKey() + " " + r.bodyAsString()).isBetween(200, 201);
    }
  }

  // ---- the CP programme (issue 16): A lies in district DA and park PA, B in DB and PB; the
  // district officer's area is DA, the park officer's PA, so "own" is A and "other" B for them too

  static final String DA = "iso-da-" + SUFFIX;
  static final String DB = "iso-db-" + SUFFIX;
  static final String PA = "iso-pa-" + SUFFIX;
  static final String PB = "iso-pb-" + SUFFIX;
  static final Map<String, Long> ATTACHMENT_STEPS = new java.util.HashMap<>();
  static final String REGISTRY =
      "enterprise,legal_name_vi,vsic,district\niso-r-" + SUFFIX + ",Công ty R,1050,iso-dr\n";

  static void programme(String admin) {
    for (String e : List.of(A, B)) {
      String base = "/api/v1/programme/facilities/" + e;
      for (var put :
          List.of(
              Map.entry(base, BODIES.get("putProgrammeFacility").apply(e)),
              Map.entry(base + "/officers/o1", BODIES.get("putCpOfficer").apply(e)))) {
        var r =
            svc.withToken(HttpMethod.PUT, put.getKey(), admin)
                .sendJsonObject(put.getValue())
                .await();
        assertThat(r.statusCode()).as(put.getKey() + " " + r.bodyAsString()).isBetween(200, 201);
      }
      var step =
          svc.withToken(HttpMethod.POST, base + "/cp-steps", admin)
              .sendJsonObject(BODIES.get("recordCpStep").apply(e))
              .await();
      assertThat(step.statusCode()).as(step.bodyAsString()).isEqualTo(201);
      ATTACHMENT_STEPS.put(e, step.bodyAsJsonObject().getLong("id"));
    }
    for (var area :
        List.of(
            Map.entry(Role.DISTRICT_OFFICER, BODIES.get("putOfficerArea").apply(A)),
            Map.entry(Role.PARK_OFFICER, new JsonObject().put("parks", new JsonArray().add(PA))))) {
      var r =
          svc.withToken(
                  HttpMethod.PUT,
                  "/api/v1/programme/officer-areas/" + USERS.get(area.getKey()),
                  admin)
              .sendJsonObject(area.getValue())
              .await();
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    }
  }

  // ---- the programme's reporting (issue 16): period REPORTING is open with A's and B's reports
  // not submitted; the operations that change a period or a report for good each get a fresh one

  static final String REPORTING = "2026-H1";
  static final AtomicInteger PERIODS = new AtomicInteger();

  static void reporting(String admin) {
    var r =
        svc.withToken(HttpMethod.POST, "/api/v1/programme/reporting-periods", admin)
            .sendJsonObject(new JsonObject().put("period", REPORTING).put("deadline", "2026-07-31"))
            .await();
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
  }

  /** A period label no other call used: half-years from 2030 on. */
  static String freshLabel() {
    int n = PERIODS.getAndIncrement();
    return (2030 + n / 2) + "-H" + (1 + n % 2);
  }

  /** The period an operation is played on (for enterprise {@code e}). */
  static String reportingPeriod(String op, String e) {
    if (!List.of("submitPeriodReport", "reopenPeriodReport", "closeReportingPeriod").contains(op)) {
      return REPORTING;
    }
    String admin = svc.access.systemAdminToken();
    String label = freshLabel();
    var r =
        svc.withToken(HttpMethod.POST, "/api/v1/programme/reporting-periods", admin)
            .sendJsonObject(
                new JsonObject()
                    .put("period", label)
                    .put("deadline", label.substring(0, 4) + "-12-31"))
            .await();
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    if (op.equals("reopenPeriodReport")) {
      var s =
          svc.withToken(
                  HttpMethod.POST,
                  "/api/v1/programme/reporting-periods/" + label + "/reports/" + e + "/submit",
                  admin)
              .sendJsonObject(new JsonObject())
              .await();
      assertThat(s.statusCode()).as(s.bodyAsString()).isEqualTo(200);
    }
    return label;
  }

  @AfterAll
  static void stop() throws Exception {
    if (audit != null) {
      audit.close();
    }
    if (svc != null) {
      svc.close();
    }
  }

  static String gateway(String enterprise) {
    return enterprise.equals(A) ? "gw-a" : "gw-b";
  }

  static JsonObject meterBody(String e) {
    return MeteredPlant.meter(
        "plant-1",
        gateway(e),
        MeteredPlant.powerChannel(),
        MeteredPlant.counterChannel("E"),
        // a counter of its own for the counter-event calls (E feeds the EnPI)
        MeteredPlant.counterChannel("C"));
  }

  // ---- EnPI domain and analytics (issue 5): an EnPI x1 of meter m1 and product p1 on line l1,
  // six days of interval energy and production, and a fitted baseline version 1 ----

  static final String DAY_0 = "2026-01-01";
  static final String DAY_5 = "2026-01-06";
  // the baselines end here: a dossier is of days after its baseline (getDossier refuses others)
  static final String BASE_TO = "2026-01-04";
  static final String UPLOAD = "product,day,quantity\np1,2026-01-02,7\n";

  static void enpiData(String e, String admin) throws Exception {
    String base = "/api/v1/enterprises/" + e;
    for (var put :
        List.of(
            Map.entry("/sites/plant-1/time-zone", BODIES.get("putSiteTimeZone").apply(e)),
            Map.entry("/meters/m1/energy", BODIES.get("putMeterEnergy").apply(e)),
            Map.entry("/lines/l1", BODIES.get("putLine").apply(e)),
            Map.entry("/products/p1", BODIES.get("putProduct").apply(e)),
            Map.entry("/enpis/x1", BODIES.get("putEnpi").apply(e)))) {
      var r =
          svc.withToken(HttpMethod.PUT, base + put.getKey(), admin)
              .sendJsonObject(put.getValue())
              .await();
      assertThat(r.statusCode()).as(put.getKey() + " " + r.bodyAsString()).isEqualTo(200);
    }
    java.util.function.IntToDoubleFunction q = i -> 10 + 3 * i + (i * i % 5);
    java.time.LocalDate first = java.time.LocalDate.parse(DAY_0);
    MeteredPlant.energy(
        svc, e, "m1", first, 6, i -> 100 + 2 * q.applyAsDouble(i) + (i % 2 == 0 ? 0.5 : -0.5) * i);
    MeteredPlant.production(svc, admin, e, List.of("p1"), first, 6, q);
    // three baseline versions, one per lifecycle step of the matrix (VERSIONS): 1 stays a draft
    // (submitBaseline), 2 and 3 are submitted (approveBaseline, returnBaseline)
    // resources (issue 17): coal from entries, grid electricity metered by m1's counter E
    for (var put :
        List.of(
            Map.entry("/resources/coal", BODIES.get("putResource").apply(e)),
            Map.entry(
                "/resources/grid",
                new JsonObject()
                    .put("site", "plant-1")
                    .put("kind", "energy")
                    .put("carrier", "electricity")
                    .put("unit", "kWh")
                    .put("meter", "m1")
                    .put("channel", "E")))) {
      var r =
          svc.withToken(HttpMethod.PUT, base + put.getKey(), admin)
              .sendJsonObject(put.getValue())
              .await();
      assertThat(r.statusCode()).as(put.getKey() + " " + r.bodyAsString()).isEqualTo(200);
    }
    // three stored baselines of the grid resource, as for the EnPI: 1 a draft, 2 and 3 submitted
    for (int v = 1; v <= 3; v++) {
      var stored =
          svc.withToken(HttpMethod.POST, base + "/resources/grid/baselines", admin)
              .sendJsonObject(BODIES.get("createResourceBaseline").apply(e))
              .await();
      assertThat(stored.statusCode()).as(stored.bodyAsString()).isEqualTo(201);
      assertThat(stored.bodyAsJsonObject().getInteger("version")).isEqualTo(v);
      if (v > 1) {
        var submitted =
            svc.withToken(
                    HttpMethod.POST, base + "/resources/grid/baselines/" + v + "/submit", admin)
                .sendJsonObject(new JsonObject())
                .await();
        assertThat(submitted.statusCode()).as(submitted.bodyAsString()).isEqualTo(200);
      }
    }
    for (int v = 1; v <= 3; v++) {
      var fitted =
          svc.withToken(HttpMethod.POST, base + "/enpis/x1/baselines", admin)
              .sendJsonObject(BODIES.get("fitBaseline").apply(e))
              .await();
      assertThat(fitted.statusCode()).as(fitted.bodyAsString()).isEqualTo(201);
      assertThat(fitted.bodyAsJsonObject().getInteger("version")).isEqualTo(v);
    }
    // EnPI x2 with a submitted baseline version 1 (approved in start() for A)
    var x2 =
        svc.withToken(HttpMethod.PUT, base + "/enpis/x2", admin)
            .sendJsonObject(BODIES.get("putEnpi").apply(e))
            .await();
    assertThat(x2.statusCode()).as(x2.bodyAsString()).isEqualTo(200);
    var fittedX2 =
        svc.withToken(HttpMethod.POST, base + "/enpis/x2/baselines", admin)
            .sendJsonObject(BODIES.get("fitBaseline").apply(e))
            .await();
    assertThat(fittedX2.statusCode()).as(fittedX2.bodyAsString()).isEqualTo(201);
    var submittedX2 =
        svc.withToken(HttpMethod.POST, base + "/enpis/x2/baselines/1/submit", admin)
            .sendJsonObject(new JsonObject())
            .await();
    assertThat(submittedX2.statusCode()).as(submittedX2.bodyAsString()).isEqualTo(200);
    // the dossier signOffPeriod names, as issued by getDossier (these days are not sealed)
    org.energytrace.ingest.fixtures.IssuedDossiers.record(
        svc.db,
        e,
        "x2",
        1,
        java.time.LocalDate.parse("2026-01-07"),
        java.time.LocalDate.parse("2026-01-08"),
        "0f".repeat(32));
    for (int v = 2; v <= 3; v++) {
      var submitted =
          svc.withToken(HttpMethod.POST, base + "/enpis/x1/baselines/" + v + "/submit", admin)
              .sendJsonObject(BODIES.get("submitBaseline").apply(e))
              .await();
      assertThat(submitted.statusCode()).as(submitted.bodyAsString()).isEqualTo(200);
    }
  }

  /**
   * The baseline version each lifecycle operation is played on, in the state it can be taken from
   * (the others use version 1): approving and returning are each allowed once (an assigned auditor
   * for the own enterprise), submitting a submitted baseline again changes nothing.
   */
  static final Map<String, String> VERSIONS =
      Map.of(
          "submitBaseline",
          "1",
          "approveBaseline",
          "2",
          "returnBaseline",
          "3",
          "submitResourceBaseline",
          "1",
          "approveResourceBaseline",
          "2",
          "returnResourceBaseline",
          "3");

  /** Query strings by operationId (issue 5 operations that need a period or an id). */
  static String query(String op) {
    String period = "from=" + DAY_0 + "&to=" + DAY_5;
    return switch (op) {
      case "getEnpiSec",
          "exportEnpiData",
          "listProduction",
          "checkIntegrity",
          "listSiteTemperatures" ->
          "?" + period;
      case "getEnpiSavings" -> "?baseline=1&" + period;
      case "getDossier" -> "?baseline=1&lang=en&from=2026-01-05&to=" + DAY_5;
      case "listResourceEntries" -> "?" + period;
      case "deleteResourceEntry" -> "?ref=matrix-del";
      case "getResourceIndicator" ->
          "?product=p1&model=ratio&baseline_from=2026-01-01&baseline_to=2026-01-03"
              + "&from=2026-01-04&to=2026-01-06";
      case "getResourceToe" -> "?year=2026";
      // after ?enterprise=; a text no fixture message has: the matrix checks who may, not what goes
      case "discardQuarantine" -> "&reason_contains=unknown";
      case "commitResourceUpload" ->
          "?upload_id="
              + org.energytrace.ingest.resource.EntryFile.parseCsv(
                      "m.csv",
                      RESOURCE_UPLOAD.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                      new org.energytrace.ingest.resource.EntryFile.Declared(
                          Map.of(
                              "coal",
                              new org.energytrace.ingest.resource.EntryFile.Known("t", null)),
                          java.time.LocalDate.now(java.time.ZoneOffset.ofHours(14))))
                  .uploadId();
      case "commitRegistryImport" ->
          "?upload_id="
              + org.energytrace.ingest.programme.RegistryFile.parseCsv(
                      "r.csv", REGISTRY.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                  .uploadId();
      case "getProgrammeIndicators" -> "?as_of=2026-06-30";
      case "getProgrammeReport", "getProgrammeDistrictReport", "getProgrammeParkReport" ->
          "?period=2026-H1&format=xlsx&lang=en";
      case "commitProductionUpload" ->
          "?upload_id="
              + org.energytrace.ingest.production.ProductionFile.parseCsv(
                      "m.csv",
                      UPLOAD.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                      new org.energytrace.ingest.production.ProductionFile.Products(
                          Map.of("p1", "l1"),
                          java.time.LocalDate.now(java.time.ZoneOffset.ofHours(14))))
                  .uploadId()
              // its figures may correct days of an approved baseline: an audited revision
              + "&reason=matrix+correction";
      default -> "";
    };
  }

  /** Operations whose body is a CSV file, not JSON. */
  static final List<String> CSV_OPS =
      List.of(
          "previewProductionUpload",
          "commitProductionUpload",
          "previewResourceUpload",
          "commitResourceUpload",
          "previewRegistryImport",
          "commitRegistryImport",
          "uploadSiteTemperatures");

  /** The file of the temperature upload (daily means of the site, issue 15). */
  static final String TEMPERATURES = "day,temperature\n2026-01-02,27.5\n";

  /** The file of the resource upload operations (issue 17). */
  static final String RESOURCE_UPLOAD = "resource,type,day,quantity\ncoal,delivery,2026-01-02,7\n";

  /** One request of the matrix. */
  record Call(HttpMethod method, String uri, JsonObject body, Session session, String token) {}

  /** Bodies by operationId, for the enterprise of the request. */
  static final Map<String, Function<String, JsonObject>> BODIES =
      Map.ofEntries(
          Map.entry("putGateway", e -> new JsonObject().put("site", "plant-1")),
          Map.entry("putMeter", IsolationMatrixIT::meterBody),
          Map.entry("recordCounterEvent", e -> counterEvent()),
          Map.entry("recordCalibration", e -> calibrationBody()),
          Map.entry("publishSite", e -> new JsonObject().put("published", false)),
          Map.entry(
              "putUser",
              e -> new JsonObject().put("role", "enterprise_viewer").put("enterprise", e)),
          Map.entry(
              "createToken",
              e ->
                  new JsonObject()
                      .put("name", "matrix")
                      .put("role", "enterprise_viewer")
                      .put("enterprise", e)),
          Map.entry("putSiteTimeZone", e -> new JsonObject().put("time_zone", "Asia/Ho_Chi_Minh")),
          Map.entry("putSiteTemperatureSource", e -> new JsonObject().put("source", "upload")),
          Map.entry(
              "putSiteStory",
              e -> new JsonObject().put("site_name", new JsonObject().put("en", "Plant 1"))),
          Map.entry(
              "putMeterEnergy",
              e ->
                  new JsonObject()
                      .put("carrier", "electricity")
                      .put("unit", "kWh")
                      .put("role", "main")
                      .put("channel", "E")),
          Map.entry("putLine", e -> new JsonObject().put("site", "plant-1")),
          Map.entry("putProduct", e -> new JsonObject().put("line", "l1").put("unit", "TNE")),
          Map.entry(
              "putEnpi",
              e ->
                  new JsonObject()
                      .put("scope", new JsonObject().put("level", "facility").put("ref", "plant-1"))
                      .put("meters", new JsonArray().add(new JsonObject().put("meter", "m1")))
                      .put("products", new JsonArray().add("p1"))),
          Map.entry(
              "fitBaseline",
              e -> new JsonObject().put("from", DAY_0).put("to", BASE_TO).put("model", "ols")),
          Map.entry(
              "submitBaseline", e -> new JsonObject().put("comment", "please review the matrix")),
          Map.entry("approveBaseline", e -> new JsonObject().put("opinion", "fine for the matrix")),
          Map.entry("returnBaseline", e -> new JsonObject().put("comments", "please add a month")),
          Map.entry(
              "createResourceBaseline",
              e ->
                  new JsonObject()
                      .put("product", "p1")
                      .put("from", "2026-01-01")
                      .put("to", "2026-01-03")
                      .put("model", "ratio")),
          Map.entry(
              "submitResourceBaseline",
              e -> new JsonObject().put("comment", "please review the matrix")),
          Map.entry(
              "approveResourceBaseline",
              e -> new JsonObject().put("opinion", "fine for the matrix")),
          Map.entry(
              "returnResourceBaseline",
              e -> new JsonObject().put("comments", "please add a month")),
          Map.entry(
              "signOffPeriod",
              e ->
                  new JsonObject()
                      .put("baseline_version", 1)
                      .put("from", "2026-01-07")
                      .put("to", "2026-01-08")
                      .put("opinion", "verified")
                      .put("dossier_sha256", "0f".repeat(32))),
          Map.entry("proposeAdjustment", IsolationMatrixIT::adjustmentBody),
          Map.entry("approveAdjustment", e -> new JsonObject().put("comment", "evidence seen")),
          Map.entry("rejectAdjustment", e -> new JsonObject().put("comments", "no evidence")),
          Map.entry(
              "postProduction",
              e ->
                  new JsonObject()
                      .put(
                          "quantities",
                          new JsonArray()
                              .add(
                                  new JsonObject()
                                      .put("product", "p1")
                                      .put("day", DAY_0)
                                      .put("quantity", 10)))
                      // a correction of an approved baseline's day is an audited revision
                      .put("reason", "matrix correction")),
          Map.entry("discardQuarantined", e -> new JsonObject().put("reason", "matrix")),
          Map.entry("discardQuarantine", e -> new JsonObject().put("reason", "matrix")),
          Map.entry("previewProductionUpload", e -> new JsonObject()),
          Map.entry("uploadSiteTemperatures", e -> new JsonObject()),
          Map.entry(
              "putResource",
              e ->
                  new JsonObject()
                      .put("site", "plant-1")
                      .put("kind", "energy")
                      .put("carrier", "coal_grade_3_4")
                      .put("unit", "t")),
          Map.entry(
              "postResourceEntries",
              e ->
                  new JsonObject()
                      .put(
                          "entries",
                          new JsonArray()
                              .add(
                                  new JsonObject()
                                      .put("type", "stock_count")
                                      .put("day", DAY_0)
                                      .put("quantity", 10)))),
          Map.entry("previewResourceUpload", e -> new JsonObject()),
          Map.entry("commitResourceUpload", e -> new JsonObject()),
          Map.entry("commitProductionUpload", e -> new JsonObject()),
          Map.entry("previewRegistryImport", e -> new JsonObject()),
          Map.entry("commitRegistryImport", e -> new JsonObject()),
          Map.entry(
              "putProgrammeFacility",
              e -> {
                JsonObject p =
                    new JsonObject()
                        .put("legal_name_vi", "Công ty " + e)
                        .put("vsic", "1050")
                        .put("district", e.equals(A) ? DA : DB);
                return p.put("industrial_park", e.equals(A) ? PA : PB);
              }),
          Map.entry(
              "recordCpStep",
              e ->
                  new JsonObject()
                      .put("stage", "aware")
                      .put("date", "2026-01-05")
                      .put("detail", "workshop")
                      .put(
                          "attachment",
                          new JsonObject().put("name", "list.pdf").put("data", "JVBERi0xLjQ="))),
          Map.entry("putCpOfficer", e -> new JsonObject().put("name", "Nguyễn Văn A")),
          Map.entry(
              "recordCpTraining",
              e ->
                  new JsonObject()
                      .put("course", "SXSH " + SEQ.incrementAndGet())
                      .put("date", "2026-02-01")
                      .put("completed", true)),
          Map.entry(
              "putDeclaredEnergy",
              e ->
                  new JsonObject()
                      .put(
                          "energy",
                          new JsonArray()
                              .add(
                                  new JsonObject()
                                      .put("carrier", "electricity")
                                      .put("unit", "kWh")
                                      .put("amount", 1_000_000)))),
          Map.entry(
              "recordProgrammeSaving",
              e -> {
                // one energy saving per carrier and period: each call its own period
                int n = SEQ.incrementAndGet();
                return new JsonObject()
                    .put("resource", "r" + n)
                    .put("kind", "energy")
                    .put("carrier", "electricity")
                    .put("unit", "kWh")
                    .put("from", java.time.LocalDate.parse(DAY_0).minusDays(n).toString())
                    .put("to", DAY_5)
                    .put("fraction", 0.1)
                    .put("fraction_low", 0.08)
                    .put("fraction_high", 0.12)
                    .put("amount", 100)
                    .put("enpi", "x1")
                    .put("baseline_version", 1);
              }),
          Map.entry(
              "putCpAssessment",
              e ->
                  new JsonObject()
                      .put("site", "plant-1")
                      .put("title", "Đánh giá SXSH " + e)
                      .put(
                          "process_steps", new JsonArray().add(new JsonObject().put("name", "Nấu")))
                      .put("focus_step", "Nấu")),
          Map.entry("prefillCpBalance", e -> new JsonObject().put("from", DAY_0).put("to", DAY_5)),
          Map.entry(
              "putCpPublicItem",
              e ->
                  new JsonObject()
                      .put("kind", "workshop")
                      .put("title_vi", "Hội thảo SXSH")
                      .put("date", DAY_0)
                      .put("attendance", 40)
                      .put("published", true)),
          Map.entry(
              "recordCpAttendance",
              e ->
                  new JsonObject()
                      .put("enterprise", e)
                      .put("person", "Trần Văn B")
                      .put("role", "staff")),
          Map.entry("publishCpAchievement", e -> new JsonObject().put("published", true)),
          Map.entry(
              "putCpPilotSite",
              e ->
                  new JsonObject()
                      .put("enterprise", e)
                      .put("site", "plant-1")
                      .put("title_vi", "Điểm trình diễn " + e)
                      .put("published", true)),
          Map.entry(
              "putCpGuidance",
              e ->
                  new JsonObject()
                      .put("sector", "1050")
                      .put("title_vi", "Hướng dẫn SXSH ngành sữa")
                      .put("body_vi", "Thu hồi nước ngưng.")
                      .put("published", true)),
          Map.entry(
              "putCpOption",
              e ->
                  new JsonObject()
                      .put("type", "good_housekeeping")
                      .put("description", "Sửa rò rỉ hơi")
                      .put("investment", 5_000_000)
                      .put("money_saving", 20_000_000)
                      .put("decision", "implement")
                      .put("implemented_on", DAY_0)
                      .put("enpi", "x1")
                      .put("measure_date", DAY_0)),
          Map.entry(
              "createReportingPeriod",
              e -> {
                String label = freshLabel();
                return new JsonObject()
                    .put("period", label)
                    .put("deadline", label.substring(0, 4) + "-12-31");
              }),
          Map.entry("setReportingDeadline", e -> new JsonObject().put("deadline", "2026-07-31")),
          Map.entry("putPeriodReportNotes", e -> new JsonObject().put("notes", "Ghi chú")),
          Map.entry("submitPeriodReport", e -> new JsonObject().put("notes", "Nộp báo cáo")),
          Map.entry("reopenPeriodReport", e -> new JsonObject().put("reason", "a wrong figure")),
          // targets from a date no other case computes on, so every figure elsewhere keeps its own
          Map.entry(
              "setProgrammeTargets",
              e ->
                  new JsonObject()
                      .put("effective_from", "2099-01-01")
                      .put("reason", "matrix")
                      .put("targets", new JsonObject().put("aware", 0.95))),
          // the district officer's own area, set again (unchanged)
          Map.entry(
              "putOfficerArea", e -> new JsonObject().put("districts", new JsonArray().add(DA))));

  @TestFactory
  Stream<DynamicTest> everyOperationAnswersEveryRoleAsTheDocumentedMatrixSays() {
    return cases(
        List.of(Role.values()),
        role -> null,
        (role, own) -> " as " + role.wire() + (own ? " for the own enterprise" : " for another"));
  }

  /**
   * The token rows (issue 16): every operation with the read-only token each programme officer
   * issued, for an enterprise of their area and one outside it. A read answers exactly as to the
   * officer's session (the cell of the matrix); every change is refused (403), whatever the officer
   * may do signed in (docs/security.md, "API tokens of the programme's officers").
   */
  @TestFactory
  Stream<DynamicTest> theOfficersReadOnlyTokensReadAsTheirSessionsAndChangeNothing() {
    return cases(
        OFFICERS,
        TOKENS::get,
        (role, own) ->
            " with a " + role.wire() + " token" + (own ? " for the own area" : " for another"));
  }

  /**
   * One case per operation of openapi.yaml × role × own/other enterprise, in that order; {@code
   * token} gives the role's token (looked up when the case runs), or null for its session.
   */
  Stream<DynamicTest> cases(
      List<Role> roles,
      Function<Role, String> token,
      java.util.function.BiFunction<Role, Boolean, String> label) {
    RoleMatrix matrix = RoleMatrix.load();
    List<DynamicTest> tests = new ArrayList<>();
    for (OpenApiDocument.ApiOperation op : OpenApiDocument.operations(openapi)) {
      for (Role role : roles) {
        for (boolean own : List.of(true, false)) {
          tests.add(
              DynamicTest.dynamicTest(
                  op.id() + label.apply(role, own),
                  () ->
                      check(
                          matrix,
                          op.id(),
                          op.method(),
                          op.path(),
                          op.node(),
                          role,
                          own,
                          token.apply(role))));
        }
      }
    }
    return tests.stream();
  }

  /**
   * One cell: the operation as {@code role} about the own or the other enterprise, with the role's
   * session, or with {@code token} (a read-only token of that role) when not null.
   */
  void check(
      RoleMatrix matrix,
      String op,
      HttpMethod method,
      String template,
      JsonNode operation,
      Role role,
      boolean own,
      String token)
      throws Exception {
    Map<Role, Cell> row = matrix.rows().get(op);
    assertThat(row).as("docs/security.md has no role-matrix row for " + op).isNotNull();
    Cell cell = row.get(role);
    boolean read = method == HttpMethod.GET || method == HttpMethod.HEAD;
    int expected = token != null && !read ? 403 : own ? cell.own() : cell.other();
    String e = own ? A : B;
    Call call = call(op, method, template, operation, role, e, token);
    Instant before = Instant.now().minusMillis(5);
    long deniedBefore = refusalsAudited(before.minusSeconds(3600));
    int status;
    String body;
    String contentType = null;
    if (op.equals("live")) {
      status = liveStatus(call);
      body = "";
    } else {
      var req =
          call.token() == null
              ? svc.request(call.method(), call.uri(), call.session())
              : svc.withToken(call.method(), call.uri(), call.token());
      var res =
          CSV_OPS.contains(op)
              ? req.putHeader("Content-Type", "text/csv")
                  .sendBuffer(
                      io.vertx.core.buffer.Buffer.buffer(
                          op.endsWith("ResourceUpload")
                              ? RESOURCE_UPLOAD
                              : op.endsWith("RegistryImport")
                                  ? REGISTRY
                                  : op.equals("uploadSiteTemperatures") ? TEMPERATURES : UPLOAD))
                  .await()
              : call.body() == null ? req.send().await() : req.sendJsonObject(call.body()).await();
      status = res.statusCode();
      body = res.bodyAsString() == null ? "" : res.bodyAsString();
      contentType = res.getHeader("Content-Type");
    }
    if (expected == 200) {
      assertThat(status).as(call.method() + " " + call.uri() + " → " + body).isBetween(200, 299);
    } else {
      assertThat(status).as(call.method() + " " + call.uri() + " → " + body).isEqualTo(expected);
    }
    // what the answer holds is what openapi.yaml says it holds (the contract's response schema)
    documented.check(
        call.method(), call.uri(), status, contentType, io.vertx.core.buffer.Buffer.buffer(body));
    if (status / 100 == 2 && !role.seesAllEnterprises()) {
      assertThat(body).as("what " + role.wire() + " may not see").doesNotContain(B);
    }
    if (status == 401 || status == 403 || (status == 404 && expected == 404)) {
      // a refusal is audited (issue 7: a forbidden action gets 403 and an audit entry)
      await()
          .atMost(Duration.ofSeconds(5))
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(5))
          .until(() -> refusalsAudited(before.minusSeconds(3600)) > deniedBefore);
    }
    if (op.equals("changePassword") && status == 200) {
      // a password change ends every session of the account (ASVS 4.0 V3.3.3): sign in again
      PASSWORDS.put(role, call.body().getString("new_password"));
      SESSIONS.put(role, fresh(role));
    }
  }

  /**
   * Refusals audited since {@code since}, each counted (as SecuredService's, on one connection).
   */
  static long refusalsAudited(Instant since) throws java.sql.SQLException {
    try (var ps =
        audit.prepareStatement(
            "select coalesce(sum(repeat_count), 0) from audit_log where action = 'access.denied'"
                + " and at >= ?")) {
      ps.setObject(1, java.time.OffsetDateTime.ofInstant(since, java.time.ZoneOffset.UTC));
      try (var rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /**
   * The request of one case, with the role's session, or with {@code token} instead when not null
   * (then no session is signed in for it).
   */
  Call call(
      String op,
      HttpMethod method,
      String template,
      JsonNode operation,
      Role role,
      String e,
      String token) {
    boolean signedIn = role != Role.ANONYMOUS && token == null;
    Session session = token == null ? SESSIONS.get(role) : null;
    JsonObject body = null;
    switch (op) {
      case "login" -> {
        Role as = role == Role.ANONYMOUS ? Role.ENTERPRISE_VIEWER : role;
        session = null;
        body = new JsonObject().put("username", USERS.get(as)).put("password", PASSWORDS.get(as));
      }
      // signing out ends the session: a fresh one, so that the role's own stays valid
      case "logout" -> session = signedIn ? fresh(role) : null;
      case "changePassword" -> {
        // a change ends every session of the account: check() signs in again after one
        session = signedIn ? SESSIONS.get(role) : null;
        body =
            new JsonObject()
                .put("current_password", PASSWORDS.getOrDefault(role, "x"))
                .put("new_password", "next-" + UUID.randomUUID());
      }
      case "createToken" ->
          // a programme officer issues tokens of their own role (issue 16), never an enterprise's
          body = role.isProgrammeOfficer() ? officerTokenBody(role) : BODIES.get(op).apply(e);
      default -> {
        if (operation.has("requestBody")) {
          Function<String, JsonObject> recipe = BODIES.get(op);
          assertThat(recipe)
              .as("IsolationMatrixIT.BODIES needs a request body for " + op)
              .isNotNull();
          body = recipe.apply(e);
        }
      }
    }
    String uri = template;
    for (String param : pathParams(template)) {
      String value =
          switch (param) {
            case "enterprise" -> e;
            case "meter" -> "m1";
            case "channel" -> op.endsWith("CounterEvent") ? "C" : "P";
            case "event" -> Long.toString(counterEventOf(e));
            case "gateway" -> gateway(e);
            case "site" ->
                op.equals("putSiteTimeZone")
                        || op.equals("putSiteTemperatureSource")
                        || op.equals("uploadSiteTemperatures")
                        || op.equals("listSiteTemperatures")
                        || op.equals("getShowcase")
                        || op.equals("putSiteStory")
                    ? "plant-1"
                    : "plant-2";
            case "line" -> "l1";
            case "product" -> "p1";
            case "enpi" -> PERIOD_OPS.contains(op) ? "x2" : "x1";
            case "calibration" -> Long.toString(calibrationOf(e));
            case "adjustment" ->
                Long.toString(
                    op.equals("getAdjustmentAttachment")
                        ? attachedAdjustment(e)
                        : proposedAdjustment(e));
            case "resource" ->
                op.equals("getResourceIndicator") || op.contains("ResourceBaseline")
                    ? "grid"
                    : "coal";
            case "version" -> VERSIONS.getOrDefault(op, "1");
            case "type" -> "delivery";
            case "day" ->
                op.equals("deleteProductionQuantity")
                    ? enteredOn(
                        e,
                        "/production",
                        "quantities",
                        new JsonObject().put("product", "p1").put("quantity", 7))
                    : enteredOn(
                        e,
                        "/resources/coal/entries",
                        "entries",
                        new JsonObject()
                            .put("type", "delivery")
                            .put("quantity", 5)
                            .put("ref", "matrix-del"));
            case "username" ->
                op.equals("putOfficerArea")
                    ? USERS.get(Role.DISTRICT_OFFICER)
                    : "matrix-" + SEQ.incrementAndGet() + "-" + SUFFIX;
            case "officer" -> "o1";
            case "district" -> e.equals(A) ? DA : DB;
            case "park" -> e.equals(A) ? PA : PB;
            case "assessment" -> "cp1";
            case "option" -> "opt1";
            case "item" -> "news-1";
            case "note" -> "g1";
            case "pilot" -> "pilot-" + e;
            case "year" -> "2025";
            case "step" -> Long.toString(ATTACHMENT_STEPS.get(e));
            case "period" -> op.equals("publishCpAchievement") ? "2025" : reportingPeriod(op, e);
            case "id" -> Long.toString(quarantined(e));
            case "token" ->
                // a programme officer's own token is one their account issued; the other is an
                // enterprise's
                role.isProgrammeOfficer() && e.equals(A)
                    ? Long.toString(issuedBy(role).getLong("id"))
                    : Long.toString(
                        svc.access
                            .accounts()
                            .issueToken(
                                "victim",
                                Role.ENTERPRISE_VIEWER,
                                e,
                                "test",
                                Instant.now(),
                                Instant.now().plus(Duration.ofDays(1)))
                            .id());
            default -> throw new AssertionError("no value for path parameter {" + param + "}");
          };
      uri = uri.replace("{" + param + "}", value);
    }
    if (queryParams(operation).contains("enterprise")) {
      uri += "?enterprise=" + e;
    }
    uri += query(op);
    return new Call(method, uri, body, session, token);
  }

  static Session fresh(Role role) {
    return svc.session(USERS.get(role), PASSWORDS.get(role));
  }

  static List<String> pathParams(String template) {
    List<String> out = new ArrayList<>();
    var m = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(template);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  static List<String> queryParams(JsonNode operation) {
    List<String> out = new ArrayList<>();
    for (JsonNode p : operation.path("parameters")) {
      JsonNode resolved = p;
      if (p.has("$ref")) {
        String name = p.get("$ref").asString().replace("#/components/parameters/", "");
        resolved = openapi.path("components").path("parameters").path(name);
      }
      if ("query".equals(resolved.path("in").asString())) {
        out.add(resolved.path("name").asString());
      }
    }
    return out;
  }

  /** Operations on a period's verification: played on EnPI x2 (approved baseline in A). */
  static final List<String> PERIOD_OPS =
      List.of(
          "signOffPeriod",
          "listSignoffs",
          "proposeAdjustment",
          "listAdjustments",
          "getAdjustmentAttachment",
          "approveAdjustment",
          "rejectAdjustment");

  static JsonObject adjustmentBody(String e) {
    return new JsonObject()
        .put("kind", "capacity")
        .put("from", "2026-01-07")
        .put("to", "2026-01-08")
        .put("method", "fixed_per_day")
        .put("value", 12.5)
        .put("justification", "a second compressor");
  }

  /** A fresh proposed adjustment of EnPI x2 of the enterprise, by the system administrator. */
  static long proposedAdjustment(String e) {
    var res =
        svc.withToken(
                HttpMethod.POST,
                "/api/v1/enterprises/" + e + "/enpis/x2/adjustments",
                svc.access.systemAdminToken())
            .sendJsonObject(adjustmentBody(e))
            .await();
    assertThat(res.statusCode()).as(res.bodyAsString()).isEqualTo(201);
    return res.bodyAsJsonObject().getLong("id");
  }

  /** A proposed adjustment of EnPI x2 with an attachment (getAdjustmentAttachment). */
  static long attachedAdjustment(String e) {
    var res =
        svc.withToken(
                HttpMethod.POST,
                "/api/v1/enterprises/" + e + "/enpis/x2/adjustments",
                svc.access.systemAdminToken())
            .sendJsonObject(
                adjustmentBody(e)
                    .put(
                        "attachment",
                        new JsonObject()
                            .put("name", "evidence.pdf")
                            .put("media_type", "application/pdf")
                            .put("content_base64", "JVBERi0=")))
            .await();
    assertThat(res.statusCode()).as(res.bodyAsString()).isEqualTo(201);
    return res.bodyAsJsonObject().getLong("id");
  }

  /** A calibration of meter m1 with its certificate file. */
  static JsonObject calibrationBody() {
    return new JsonObject()
        .put("calibrated_on", "2025-06-0" + (1 + SEQ.incrementAndGet() % 9))
        .put("valid_until", "2027-06-01")
        .put("certificate", "CAL-" + SEQ.get())
        .put("lab", "QUATEST 3")
        .put("result", "passed")
        .put(
            "attachment",
            new JsonObject()
                .put("name", "certificate.pdf")
                .put("media_type", "application/pdf")
                .put("content_base64", "JVBERi0="));
  }

  /** A calibration record of meter m1 of the enterprise, by the system administrator. */
  /**
   * A fresh day (2025-03-02 on, one a call) of the enterprise holding {@code row} in the list
   * {@code list} of the POST to {@code tail}, stored by the system administrator: the figure a
   * deleteResourceEntry or deleteProductionQuantity call deletes.
   */
  static String enteredOn(String e, String tail, String list, JsonObject row) {
    String day =
        java.time.LocalDate.of(2025, 3, 1).plusDays(DELIVERIES.incrementAndGet()).toString();
    var res =
        svc.withToken(
                HttpMethod.POST, "/api/v1/enterprises/" + e + tail, svc.access.systemAdminToken())
            .sendJsonObject(new JsonObject().put(list, new JsonArray().add(row.put("day", day))))
            .await();
    assertThat(res.statusCode()).as(res.bodyAsString()).isEqualTo(200);
    return day;
  }

  static long calibrationOf(String e) {
    var res =
        svc.withToken(
                HttpMethod.POST,
                "/api/v1/enterprises/" + e + "/meters/m1/calibrations",
                svc.access.systemAdminToken())
            .sendJsonObject(calibrationBody())
            .await();
    assertThat(res.statusCode()).as(res.bodyAsString()).isEqualTo(201);
    return res.bodyAsJsonObject().getLong("id");
  }

  /** A replacement at a time no other call of the matrix uses (one event per instant). */
  static JsonObject counterEvent() {
    return new JsonObject()
        .put(
            "ts", Instant.parse(DAY_0 + "T00:00:00Z").plusSeconds(SEQ.incrementAndGet()).toString())
        .put("kind", "replacement")
        .put("closing_value", 100.0)
        .put("opening_value", 0.0);
  }

  /** A counter event of meter m1's channel C, recorded by the system administrator. */
  static long counterEventOf(String e) {
    var res =
        svc.withToken(
                HttpMethod.POST,
                "/api/v1/enterprises/" + e + "/meters/m1/channels/C/counter-events",
                svc.access.systemAdminToken())
            .sendJsonObject(counterEvent())
            .await();
    assertThat(res.statusCode()).as(res.bodyAsString()).isEqualTo(201);
    return res.bodyAsJsonObject().getLong("id");
  }

  /** A quarantined message of the enterprise that re-processing releases. */
  static long quarantined(String e) {
    Instant ts = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
    String payload =
        """
        {"schema_version":1,"gateway":"%s","seq":%d,"sent_at":"%s","points":[
         {"meter":"m1","channel":"P","ts":"%s","value":1.5,"unit":"KWT","quality":"good"}]}
        """
            .formatted(gateway(e), SEQ.incrementAndGet(), ts, ts.minusSeconds(SEQ.get()));
    return svc.quarantine(e, "et/v1/" + e + "/plant-1/" + gateway(e) + "/telemetry", payload);
  }

  static int liveStatus(Call call) {
    HttpClient client = svc.vertx.createHttpClient();
    try {
      RequestOptions o =
          new RequestOptions()
              .setMethod(HttpMethod.GET)
              .setHost("127.0.0.1")
              .setPort(svc.app.httpPort())
              .setURI(call.uri());
      if (call.session() != null) {
        o.putHeader("Cookie", "et_session=" + call.session().cookie());
      }
      if (call.token() != null) {
        o.putHeader("Authorization", "Bearer " + call.token());
      }
      HttpClientResponse res = client.request(o).compose(r -> r.send()).await();
      try {
        res.exceptionHandler(e -> {}); // the stream is cut below on purpose
      } catch (IllegalStateException ended) {
        // a refusal: the answer is already complete
      }
      return res.statusCode();
    } finally {
      client.close().await();
    }
  }
}
