package org.energytrace.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.energytrace.ingest.config.SecurityConfig;
import org.energytrace.ingest.fixtures.OpenApiDocument;
import org.energytrace.ingest.fixtures.SecuredService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;

/**
 * SQL and JSON injection attempts on every parameter of every operation of the OpenAPI document
 * (path, query, and each property of the JSON body), generated from the document. Sent by a system
 * administrator, whose requests reach every query, and by an enterprise administrator, whose
 * answers must never carry another enterprise's data. Every answer is a client error or a success
 * that treats the input as data, never a server error, and the database is intact afterwards (OWASP
 * ASVS 4.0 V5.3.4 parameterised queries, V5.1.3 input validation; OWASP Testing Guide
 * WSTG-INPV-05).
 */
class InjectionIT {
  static final String SUFFIX = UUID.randomUUID().toString().substring(0, 6);
  static final String A = "inj-a-" + SUFFIX;
  static final String B = "inj-b-" + SUFFIX;
  static final List<String> STRINGS =
      List.of(
          "' OR '1'='1",
          "x'; DROP TABLE reading; --",
          B + "' OR 'a'='a",
          "1 UNION SELECT password_hash FROM app_user --",
          "\" OR \"\"=\"",
          "%27%20OR%201%3D1",
          "../../etc/passwd",
          "nul\u0000byte",
          "{\"$ne\":null}",
          "x".repeat(5000));
  static final List<Object> JSON_VALUES =
      List.of(
          new JsonObject().put("$ne", ""),
          new JsonArray().add("' OR 1=1 --"),
          new JsonObject().put("__proto__", new JsonObject().put("admin", true)),
          12345678901234L,
          true);
  static SecuredService svc;
  static String adminToken;
  static String enterpriseAdminToken;
  static JsonNode openapi;
  static long metersOfB;

  @BeforeAll
  static void start() throws Exception {
    svc = SecuredService.start(SecurityConfig.defaults());
    adminToken = svc.access.systemAdminToken();
    enterpriseAdminToken = svc.access.token(Role.ENTERPRISE_ADMIN, A, Duration.ofHours(1));
    for (String e : List.of(A, B)) {
      svc.withToken(HttpMethod.PUT, "/api/v1/enterprises/" + e + "/gateways/gw-1", adminToken)
          .sendJsonObject(new JsonObject().put("site", "plant-1"))
          .await();
      svc.withToken(HttpMethod.PUT, "/api/v1/enterprises/" + e + "/meters/m1", adminToken)
          .sendJsonObject(
              new JsonObject()
                  .put("site", "plant-1")
                  .put(
                      "channels",
                      new JsonArray().add(new JsonObject().put("name", "P").put("unit", "KWT"))))
          .await();
    }
    metersOfB = metersOf(B);
    openapi = OpenApiDocument.load();
  }

  static long metersOf(String e) {
    return svc.count(
        "select count(*) from meter m join enterprise e using (enterprise_id) where e.code = '"
            + e
            + "'");
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      // the database is intact: every table answers and nothing of B was touched
      for (String table :
          List.of(
              "reading", "meter", "channel", "enterprise", "app_user", "api_token", "audit_log")) {
        assertThat(svc.count("select count(*) from " + table)).isNotNegative();
      }
      assertThat(metersOf(B)).isEqualTo(metersOfB);
    } finally {
      svc.close();
    }
  }

  record Attempt(String name, HttpMethod method, String template, String param, String where) {}

  @TestFactory
  Stream<DynamicTest> everyParameterThatReachesAQueryTreatsInjectionAsData() {
    List<Attempt> attempts = new ArrayList<>();
    for (OpenApiDocument.ApiOperation op : OpenApiDocument.operations(openapi)) {
      for (JsonNode p : op.node().path("parameters")) {
        JsonNode r = resolve(p);
        attempts.add(
            new Attempt(
                op.id(),
                op.method(),
                op.path(),
                r.path("name").asString(),
                r.path("in").asString()));
      }
      op.node()
          .path("requestBody")
          .path("content")
          .path("application/json")
          .path("schema")
          .path("properties")
          .properties()
          .forEach(
              prop ->
                  attempts.add(
                      new Attempt(op.id(), op.method(), op.path(), prop.getKey(), "body")));
    }
    assertThat(attempts).hasSizeGreaterThan(30);
    return attempts.stream()
        .map(
            a ->
                DynamicTest.dynamicTest(
                    a.name() + " " + a.where() + " parameter " + a.param(), () -> attack(a)));
  }

  static JsonNode resolve(JsonNode p) {
    if (!p.has("$ref")) {
      return p;
    }
    return openapi
        .path("components")
        .path("parameters")
        .path(p.get("$ref").asString().replace("#/components/parameters/", ""));
  }

  void attack(Attempt a) {
    List<Object> values = new ArrayList<>(STRINGS);
    if (a.where().equals("body")) {
      values.addAll(JSON_VALUES);
    }
    for (Object value : values) {
      for (String token : List.of(adminToken, enterpriseAdminToken)) {
        Answer r = send(a, value, token);
        String body = r.body();
        assertThat(r.status())
            .as(a + " = " + abbreviate(value) + " → " + abbreviate(body))
            .isBetween(200, 499);
        if (token.equals(enterpriseAdminToken)
            && r.status() / 100 == 2
            && !String.valueOf(value).contains(B)) {
          assertThat(body).as(a + " leaked another enterprise").doesNotContain(B);
        }
      }
    }
  }

  static String abbreviate(Object o) {
    String s = String.valueOf(o);
    return s.length() > 200 ? s.substring(0, 200) + "…" : s;
  }

  Answer send(Attempt a, Object value, String token) {
    String uri = a.template();
    for (String p :
        List.of(
            "enterprise",
            "meter",
            "gateway",
            "site",
            "username",
            "id",
            "token",
            "officer",
            "step",
            "year",
            "period",
            "calibration",
            "type",
            "day")) {
      String v =
          a.where().equals("path") && a.param().equals(p)
              ? URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8).replace("+", "%20")
              : switch (p) {
                case "enterprise" -> A;
                case "meter" -> "m1";
                case "gateway" -> "gw-1";
                case "site" -> "plant-1";
                case "username" -> "inj-user-" + SUFFIX;
                case "officer" -> "o1";
                case "year" -> "2026";
                case "period" -> "2026-H1";
                case "type" -> "delivery";
                case "day" -> "2026-01-02";
                default -> "1";
              };
      uri = uri.replace("{" + p + "}", v);
    }
    if (a.where().equals("query")) {
      uri +=
          "?" + a.param() + "=" + URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8);
    }
    var req = svc.withToken(a.method(), uri, token);
    if (a.method() == HttpMethod.GET && a.template().equals("/api/v1/live")) {
      // the live feed never ends: only its answer to the parameter matters
      return liveAnswer(uri, token);
    }
    JsonObject body = validBody(a.name());
    if (a.where().equals("body")) {
      body.put(a.param(), value);
    }
    HttpResponse<Buffer> r = body == null ? req.send().await() : req.sendJsonObject(body).await();
    return new Answer(r.statusCode(), r.bodyAsString() == null ? "" : r.bodyAsString());
  }

  static Answer liveAnswer(String uri, String token) {
    var client = svc.vertx.createHttpClient();
    try {
      var res =
          client
              .request(
                  new io.vertx.core.http.RequestOptions()
                      .setHost("127.0.0.1")
                      .setPort(svc.app.httpPort())
                      .setURI(uri)
                      .putHeader("Authorization", "Bearer " + token))
              .compose(r -> r.send())
              .await();
      try {
        res.exceptionHandler(e -> {}); // the stream is cut below on purpose
      } catch (IllegalStateException ended) {
        // a refusal: the answer is already complete
      }
      return new Answer(res.statusCode(), "");
    } finally {
      client.close().await();
    }
  }

  /** What the service answered. */
  record Answer(int status, String body) {}

  static JsonObject validBody(String op) {
    return switch (op) {
      case "putGateway" -> new JsonObject().put("site", "plant-1");
      case "putMeter" ->
          new JsonObject()
              .put("site", "plant-1")
              .put(
                  "channels",
                  new JsonArray().add(new JsonObject().put("name", "P").put("unit", "KWT")));
      case "publishSite" -> new JsonObject().put("published", false);
      case "putSiteStory" ->
          new JsonObject().put("site_name", new JsonObject().put("en", "Plant 1"));
      case "recordCounterEvent" ->
          new JsonObject()
              .put("ts", "2026-01-01T00:00:00Z")
              .put("kind", "replacement")
              .put("closing_value", 1)
              .put("opening_value", 0);
      case "putUser" -> new JsonObject().put("role", "enterprise_viewer").put("enterprise", A);
      case "createToken" ->
          new JsonObject().put("name", "inj").put("role", "enterprise_viewer").put("enterprise", A);
      case "login" -> new JsonObject().put("username", "nobody").put("password", "x");
      case "changePassword" ->
          new JsonObject().put("current_password", "x").put("new_password", "y".repeat(12));
      // EnPI domain and analytics (issue 5)
      case "putSiteTimeZone" -> new JsonObject().put("time_zone", "Asia/Ho_Chi_Minh");
      case "putSiteTemperatureSource" -> new JsonObject().put("source", "upload");
      case "putMeterEnergy" ->
          new JsonObject()
              .put("carrier", "electricity")
              .put("unit", "kWh")
              .put("role", "main")
              .put("channel", "P");
      case "putLine" -> new JsonObject().put("site", "plant-1");
      case "putProduct" -> new JsonObject().put("line", "1").put("unit", "TNE");
      case "putEnpi" ->
          new JsonObject()
              .put("meters", new JsonArray().add(new JsonObject().put("meter", "m1")))
              .put("products", new JsonArray().add("1"));
      case "fitBaseline" -> new JsonObject().put("from", "2026-01-01").put("to", "2026-01-31");
      case "submitBaseline" -> new JsonObject().put("comment", "please review");
      case "approveBaseline" -> new JsonObject().put("opinion", "approved");
      case "returnBaseline" -> new JsonObject().put("comments", "please add a month");
      case "createResourceBaseline" ->
          new JsonObject()
              .put("product", "1")
              .put("from", "2026-01-01")
              .put("to", "2026-01-31")
              .put("model", "ratio");
      case "submitResourceBaseline" -> new JsonObject().put("comment", "please review");
      case "approveResourceBaseline" -> new JsonObject().put("opinion", "approved");
      case "returnResourceBaseline" -> new JsonObject().put("comments", "please add a month");
      // a period's verification (issue 15)
      case "signOffPeriod" ->
          new JsonObject()
              .put("baseline_version", 1)
              .put("from", "2026-02-01")
              .put("to", "2026-02-28")
              .put("opinion", "verified_with_reservations")
              .put("comments", "two days estimated")
              .put("dossier_sha256", "0f".repeat(32));
      case "proposeAdjustment" ->
          new JsonObject()
              .put("kind", "capacity")
              .put("from", "2026-02-01")
              .put("to", "2026-02-07")
              .put("method", "fixed_per_day")
              .put("value", 12.5)
              .put("justification", "a second compressor");
      case "approveAdjustment" -> new JsonObject().put("comment", "seen");
      case "rejectAdjustment" -> new JsonObject().put("comments", "no evidence");
      case "discardQuarantined", "discardQuarantine" -> new JsonObject();
      case "postProduction" ->
          new JsonObject()
              .put(
                  "quantities",
                  new JsonArray()
                      .add(
                          new JsonObject()
                              .put("product", "1")
                              .put("day", "2026-01-01")
                              .put("quantity", 1)));
      // resources (issue 17)
      case "putResource" ->
          new JsonObject().put("site", "plant-1").put("kind", "water").put("unit", "m3");
      case "postResourceEntries" ->
          new JsonObject()
              .put(
                  "entries",
                  new JsonArray()
                      .add(
                          new JsonObject()
                              .put("type", "usage")
                              .put("day", "2026-01-01")
                              .put("quantity", 1)));
      // meter calibration records (issue 15)
      case "recordCalibration" ->
          new JsonObject()
              .put("calibrated_on", "2025-03-02")
              .put("valid_until", "2027-03-01")
              .put("certificate", "CAL-INJ-1")
              .put("lab", "QUATEST 3")
              .put("result", "passed");
      // the programme's operations (issue 16): the bodies BadInputIT sends them
      default -> BadInputIT.programmeBody(op);
    };
  }
}
