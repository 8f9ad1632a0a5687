package org.energytrace.ingest.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.energytrace.ingest.auth.Role;
import org.energytrace.ingest.config.SecurityConfig;
import org.energytrace.ingest.fixtures.IssuedDossiers;
import org.energytrace.ingest.fixtures.MeteredPlant;
import org.energytrace.ingest.fixtures.SecuredService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Frozen EnPI versions over the HTTP API against the local PostgreSQL (issue 15,
 * docs/verification.md §1.4): "an approved baseline freezes its EnPI definition … any change to the
 * EnPI makes a new version that needs a new approval; savings always name the baseline version they
 * use". Twelve days: days 1–6 the baseline, 7–12 the reporting period with 10 % less energy on
 * meter m1; meter m2 uses a constant 50 kWh a day. And audited revisions (§1.4): a production
 * figure used by an approved baseline or a verified period changes only with a reason, and the
 * results it touches read "to be re-verified" (product p2, used only by those tests).
 */
class EnpiVersionIT {
  static final String SUFFIX = UUID.randomUUID().toString().substring(0, 6);
  static final String E = "versions-" + SUFFIX;
  static final LocalDate DAY_1 = LocalDate.parse("2026-01-01");
  static final String BASE_TO = "2026-01-06";
  static final String REP_FROM = "2026-01-07";
  static final String REP_TO = "2026-01-12";

  static SecuredService svc;
  static String systemAdmin;
  static String enterpriseAdmin;
  static String viewer;
  static String auditor;

  /** m1's energy on day i (0-based), as the set-up stores it. */
  static double m1(int i) {
    double q = 10 + 3 * (i % 6) + (i * i % 5);
    double energy = 100 + 2 * q + (i % 2 == 0 ? 0.5 : -0.5) * (i % 6);
    return i < 6 ? energy : 0.9 * energy;
  }

  @BeforeAll
  static void start() throws Exception {
    svc = SecuredService.start(SecurityConfig.defaults());
    systemAdmin = svc.access.systemAdminToken();
    MeteredPlant.create(svc, systemAdmin, E, "gw-1", List.of("m1", "m2"), List.of("p1", "p2"));
    MeteredPlant.energy(svc, E, "m1", DAY_1, 12, EnpiVersionIT::m1);
    MeteredPlant.energy(svc, E, "m2", DAY_1, 12, i -> 50);
    MeteredPlant.production(
        svc, systemAdmin, E, List.of("p1", "p2"), DAY_1, 12, i -> 10 + 3 * (i % 6) + (i * i % 5));
    enterpriseAdmin = svc.access.token(Role.ENTERPRISE_ADMIN, E, Duration.ofHours(1));
    viewer = svc.access.token(Role.ENTERPRISE_VIEWER, E, Duration.ofHours(1));
    auditor = svc.access.auditorToken("vaud-" + SUFFIX, E);
  }

  @AfterAll
  static void stop() throws Exception {
    if (svc != null) {
      svc.close();
    }
  }

  static HttpResponse<Buffer> send(String token, HttpMethod method, String path, JsonObject body) {
    var r = svc.withToken(method, "/api/v1/enterprises/" + E + path, token);
    return body == null ? r.send().await() : r.sendJsonObject(body).await();
  }

  static JsonObject ok(String token, HttpMethod method, String path, JsonObject body) {
    HttpResponse<Buffer> r = send(token, method, path, body);
    assertThat(r.statusCode()).as(method + " " + path + " " + r.bodyAsString()).isBetween(200, 201);
    return r.bodyAsJsonObject();
  }

  static JsonObject define(String enpi, String... meters) {
    return defineWith(enpi, "p1", meters);
  }

  static JsonObject defineWith(String enpi, String product, String... meters) {
    JsonArray terms = new JsonArray();
    for (String m : meters) {
      terms.add(new JsonObject().put("meter", m));
    }
    return ok(
        enterpriseAdmin,
        HttpMethod.PUT,
        "/enpis/" + enpi,
        new JsonObject()
            .put("scope", new JsonObject().put("level", "facility").put("ref", "plant-1"))
            .put("meters", terms)
            .put("products", new JsonArray().add(product)));
  }

  static JsonObject savings(String enpi, int baseline) {
    return ok(
        viewer,
        HttpMethod.GET,
        "/enpis/" + enpi + "/savings?baseline=" + baseline + "&from=" + REP_FROM + "&to=" + REP_TO,
        null);
  }

  @Test
  void changingTheMetersAfterApprovalLeavesTheApprovedBaselineOnItsFrozenVersion()
      throws Exception {
    assertThat(define("x", "m1").getInteger("version")).isEqualTo(1);
    // the same definition again is no new version
    assertThat(define("x", "m1").getInteger("version")).isEqualTo(1);
    JsonObject fitted =
        ok(
            enterpriseAdmin,
            HttpMethod.POST,
            "/enpis/x/baselines",
            new JsonObject().put("from", DAY_1.toString()).put("to", BASE_TO).put("model", "ols"));
    assertThat(fitted.getInteger("enpi_version")).isEqualTo(1);
    ok(enterpriseAdmin, HttpMethod.POST, "/enpis/x/baselines/1/submit", new JsonObject());
    ok(
        auditor,
        HttpMethod.POST,
        "/enpis/x/baselines/1/approve",
        new JsonObject().put("opinion", "fine"));
    JsonObject before = savings("x", 1);
    double actual = 0;
    for (int i = 6; i < 12; i++) {
      actual += m1(i);
    }
    assertThat(before.getJsonObject("savings_split").getDouble("actual"))
        .isCloseTo(actual, within(1e-6));
    assertThat(before.getJsonObject("verification").getInteger("enpi_version")).isEqualTo(1);
    assertThat(before.getJsonObject("verification").getString("enpi_version_note")).isNull();

    // m2 joins the EnPI after the approval: version 2
    JsonObject changed = define("x", "m1", "m2");
    assertThat(changed.getInteger("version")).isEqualTo(2);
    JsonArray versions =
        ok(viewer, HttpMethod.GET, "/enpis/x/versions", null).getJsonArray("versions");
    assertThat(versions).hasSize(2);
    assertThat(versions.getJsonObject(0).getJsonObject("definition").getJsonArray("meters"))
        .hasSize(1);
    assertThat(versions.getJsonObject(1).getJsonObject("definition").getJsonArray("meters"))
        .hasSize(2);
    assertThat(versions.getJsonObject(1).getBoolean("current")).isTrue();

    // the approved baseline still computes on version 1: m1 alone, the same numbers
    JsonObject after = savings("x", 1);
    assertThat(after.getJsonObject("savings_split").getDouble("actual"))
        .isCloseTo(actual, within(1e-6));
    assertThat(after.getJsonObject("savings_split").getDouble("savings"))
        .isEqualTo(before.getJsonObject("savings_split").getDouble("savings"));
    JsonObject v = after.getJsonObject("verification");
    assertThat(v.getString("status")).isEqualTo("approved");
    assertThat(v.getInteger("baseline_version")).isEqualTo(1);
    assertThat(v.getInteger("enpi_version")).isEqualTo(1);
    assertThat(v.getInteger("enpi_current_version")).isEqualTo(2);
    assertThat(v.getString("enpi_version_note"))
        .contains("frozen definition of version 1", "version 2 needs a baseline");
    assertThat(after.getJsonObject("baseline").getInteger("enpi_version")).isEqualTo(1);

    // the EnPI's own series is the new definition: m1 + m2 (50 kWh a day more)
    JsonObject sec =
        ok(
            viewer,
            HttpMethod.GET,
            "/enpis/x/sec?from=" + REP_FROM + "&to=" + REP_FROM + "&bucket=day",
            null);
    assertThat(sec.getJsonArray("points").getJsonObject(0).getDouble("energy"))
        .isCloseTo(m1(6) + 50, within(1e-6));

    // a baseline of version 2 is a draft until an auditor approves it
    JsonObject refit =
        ok(
            enterpriseAdmin,
            HttpMethod.POST,
            "/enpis/x/baselines",
            new JsonObject().put("from", DAY_1.toString()).put("to", BASE_TO).put("model", "ols"));
    assertThat(refit.getInteger("version")).isEqualTo(2);
    assertThat(refit.getInteger("enpi_version")).isEqualTo(2);
    assertThat(refit.getString("status")).isEqualTo("draft");
    JsonObject onNew = savings("x", 2);
    assertThat(onNew.getJsonObject("verification").getString("status")).isEqualTo("draft");
    assertThat(onNew.getJsonObject("verification").getInteger("enpi_version")).isEqualTo(2);
    assertThat(onNew.getJsonObject("savings_split").getDouble("actual"))
        .isCloseTo(actual + 6 * 50, within(1e-6));

    // the change is audited with who, the old and the new definition
    try (Connection c = svc.db.connect();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT actor_role, detail, jsonb_array_length(before_state->'meters'),"
                    + " jsonb_array_length(after_state->'meters') FROM audit_log"
                    + " WHERE action = 'enpi.version' AND enterprise = ? AND target = ?"
                    + " ORDER BY audit_id")) {
      ps.setString(1, E);
      ps.setString(2, E + "/x");
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(2)).isEqualTo("version 1");
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("enterprise_admin");
        assertThat(rs.getString(2)).startsWith("version 2 replaces version 1");
        assertThat(rs.getInt(3)).isEqualTo(1);
        assertThat(rs.getInt(4)).isEqualTo(2);
        assertThat(rs.next()).isFalse();
      }
    }
  }

  @Test
  void describingAMeterDifferentlyMakesANewVersionOfEveryEnpiUsingIt() {
    define("y", "m2");
    int versions =
        ok(viewer, HttpMethod.GET, "/enpis/y/versions", null).getJsonArray("versions").size();
    ok(
        enterpriseAdmin,
        HttpMethod.PUT,
        "/meters/m2/energy",
        new JsonObject()
            .put("carrier", "electricity")
            .put("unit", "kWh")
            .put("role", "main")
            .put("boundary", "workshop " + SUFFIX)
            .put("channel", "E"));
    JsonArray after =
        ok(viewer, HttpMethod.GET, "/enpis/y/versions", null).getJsonArray("versions");
    assertThat(after).hasSize(versions + 1);
    assertThat(
            after
                .getJsonObject(after.size() - 1)
                .getJsonObject("definition")
                .getJsonArray("meters")
                .getJsonObject(0)
                .getString("boundary"))
        .isEqualTo("workshop " + SUFFIX);
  }

  static JsonObject quantity(String product, String day, double quantity) {
    return new JsonObject()
        .put(
            "quantities",
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("product", product)
                        .put("day", day)
                        .put("quantity", quantity)));
  }

  /** An assigned auditor signs off the reporting period of EnPI {@code enpi}'s baseline 1. */
  static void signOff(String enpi) throws Exception {
    // these days are not sealed: the dossier the sign-off names is recorded as issued
    IssuedDossiers.record(
        svc.db, E, enpi, 1, LocalDate.parse(REP_FROM), LocalDate.parse(REP_TO), "ab".repeat(32));
    ok(
        auditor,
        HttpMethod.POST,
        "/enpis/" + enpi + "/signoffs",
        new JsonObject()
            .put("baseline_version", 1)
            .put("from", REP_FROM)
            .put("to", REP_TO)
            .put("opinion", "verified")
            .put("dossier_sha256", "ab".repeat(32)));
  }

  @Nested
  class ProductionRevisions {
    @Test
    void correctingAFigureOfAnApprovedBaselineNeedsAReasonAndMarksItToBeReverified()
        throws Exception {
      defineWith("r", "p2", "m1");
      ok(
          enterpriseAdmin,
          HttpMethod.POST,
          "/enpis/r/baselines",
          new JsonObject().put("from", DAY_1.toString()).put("to", BASE_TO).put("model", "ols"));
      ok(enterpriseAdmin, HttpMethod.POST, "/enpis/r/baselines/1/submit", new JsonObject());
      ok(
          auditor,
          HttpMethod.POST,
          "/enpis/r/baselines/1/approve",
          new JsonObject().put("opinion", "fine"));
      assertThat(savings("r", 1).getJsonObject("verification").getString("status"))
          .isEqualTo("approved");
      // day 2 (i = 1): q = 10 + 3 + 1 = 14, inside the approved baseline's period
      HttpResponse<Buffer> refused =
          send(enterpriseAdmin, HttpMethod.POST, "/production", quantity("p2", "2026-01-02", 15));
      assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(400);
      assertThat(refused.bodyAsJsonObject().getString("parameter")).isEqualTo("reason");
      assertThat(refused.bodyAsJsonObject().getString("message")).contains("baseline r/1");
      // nothing changed: the same figure again needs no reason
      ok(enterpriseAdmin, HttpMethod.POST, "/production", quantity("p2", "2026-01-02", 14));
      JsonObject unchanged = savings("r", 1).getJsonObject("verification");
      assertThat(unchanged.getString("status")).isEqualTo("approved");
      assertThat(unchanged.getBoolean("to_be_reverified")).isFalse();

      ok(
          enterpriseAdmin,
          HttpMethod.POST,
          "/production",
          quantity("p2", "2026-01-02", 15).put("reason", "weighbridge ticket 118 was misread"));
      JsonObject v = savings("r", 1).getJsonObject("verification");
      assertThat(v.getString("status")).isEqualTo("to_be_reverified");
      assertThat(v.getBoolean("to_be_reverified")).isTrue();
      JsonObject revision = v.getJsonArray("revisions").getJsonObject(0);
      assertThat(revision.getString("product")).isEqualTo("p2");
      assertThat(revision.getString("day")).isEqualTo("2026-01-02");
      assertThat(revision.getDouble("old_quantity")).isEqualTo(14.0);
      assertThat(revision.getDouble("new_quantity")).isEqualTo(15.0);
      assertThat(revision.getString("reason")).isEqualTo("weighbridge ticket 118 was misread");
      assertThat(revision.getString("revised_by")).isNotBlank();

      // audited: old and new value, who, why
      try (Connection c = svc.db.connect();
          PreparedStatement ps =
              c.prepareStatement(
                  "SELECT actor, actor_role, detail, before_state->>'quantity',"
                      + " after_state->>'quantity' FROM audit_log"
                      + " WHERE action = 'production.revise' AND target = ?")) {
        ps.setString(1, E + "/production/p2/2026-01-02");
        try (ResultSet rs = ps.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).isEqualTo(revision.getString("revised_by"));
          assertThat(rs.getString(2)).isEqualTo("enterprise_admin");
          assertThat(rs.getString(3))
              .contains("weighbridge ticket 118 was misread", "baseline r/1", "to be re-verified");
          assertThat(Double.parseDouble(rs.getString(4))).isEqualTo(14.0);
          assertThat(Double.parseDouble(rs.getString(5))).isEqualTo(15.0);
          assertThat(rs.next()).isFalse();
        }
      }
    }

    @Test
    void aQuantityEnteredByMistakeIsDeletedUnlessAnApprovedBaselineUsesIt() throws Exception {
      // quantities could not be deleted: one entered for the wrong day stayed
      ok(enterpriseAdmin, HttpMethod.POST, "/production", quantity("p1", "2025-12-20", 42));
      JsonObject answer = ok(enterpriseAdmin, HttpMethod.DELETE, "/production/p1/2025-12-20", null);
      try (Connection c = svc.db.connect();
          PreparedStatement ps =
              c.prepareStatement(
                  "SELECT detail, after_state::text FROM audit_log"
                      + " WHERE action = 'production.quantities' AND target = ?"
                      + " AND after_state::text LIKE '%2025-12-20%'")) {
        // the quantity's entry is audited too (production writes were not: the log showed a
        // deletion of a figure nobody had entered)
        ps.setString(1, E + "/production");
        try (ResultSet rs = ps.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).isEqualTo("1 of 1 quantities stored (api)");
          assertThat(
                  new JsonObject(rs.getString(2))
                      .getJsonArray("quantities")
                      .getJsonObject(0)
                      .getDouble("quantity"))
              .isEqualTo(42.0);
        }
      }
      assertThat(answer.getJsonObject("deleted").getDouble("quantity")).isEqualTo(42.0);
      assertThat(answer.getJsonObject("deleted").getString("source")).isEqualTo("api");
      assertThat(answer.getValue("counters")).as("no counter counted that day").isNull();
      assertThat(
              ok(viewer, HttpMethod.GET, "/production?from=2025-12-20&to=2025-12-20", null)
                  .getJsonArray("quantities"))
          .isEmpty();
      try (Connection c = svc.db.connect();
          PreparedStatement ps =
              c.prepareStatement(
                  "SELECT actor_role, detail, before_state->>'quantity', after_state FROM audit_log"
                      + " WHERE action = 'production.delete' AND target = ?")) {
        ps.setString(1, E + "/production/p1/2025-12-20");
        try (ResultSet rs = ps.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).isEqualTo("enterprise_admin");
          assertThat(rs.getString(2)).isEqualTo("deleted the quantity of p1 on 2025-12-20");
          assertThat(Double.parseDouble(rs.getString(3))).isEqualTo(42.0);
          assertThat(rs.getString(4)).isNull();
        }
      }
      HttpResponse<Buffer> again =
          send(enterpriseAdmin, HttpMethod.DELETE, "/production/p1/2025-12-20", null);
      assertThat(again.statusCode()).as(again.bodyAsString()).isEqualTo(404);
      assertThat(again.bodyAsJsonObject().getString("message"))
          .contains("the quantity of p1 on 2025-12-20 was not entered");
      // a product the enterprise has not: said so (it said the quantity was not entered)
      HttpResponse<Buffer> unknown =
          send(enterpriseAdmin, HttpMethod.DELETE, "/production/ale/2025-12-20", null);
      assertThat(unknown.statusCode()).as(unknown.bodyAsString()).isEqualTo(404);
      assertThat(unknown.bodyAsJsonObject().getString("message")).isEqualTo("no product ale");

      // a figure of an approved baseline's period is corrected with a reason, not deleted
      defineWith("d", "p2", "m1");
      ok(
          enterpriseAdmin,
          HttpMethod.POST,
          "/enpis/d/baselines",
          new JsonObject().put("from", DAY_1.toString()).put("to", BASE_TO).put("model", "ols"));
      ok(enterpriseAdmin, HttpMethod.POST, "/enpis/d/baselines/1/submit", new JsonObject());
      ok(
          auditor,
          HttpMethod.POST,
          "/enpis/d/baselines/1/approve",
          new JsonObject().put("opinion", "fine"));
      HttpResponse<Buffer> used =
          send(enterpriseAdmin, HttpMethod.DELETE, "/production/p2/2026-01-03", null);
      assertThat(used.statusCode()).as(used.bodyAsString()).isEqualTo(409);
      assertThat(used.bodyAsJsonObject().getString("message"))
          .contains("the quantity of p2 on 2026-01-03 is used by")
          .contains("baseline d/1")
          .contains("enter the corrected figure with its reason");
      assertThat(
              ok(
                      viewer,
                      HttpMethod.GET,
                      "/production?from=2026-01-03&to=2026-01-03&product=p2",
                      null)
                  .getJsonArray("quantities"))
          .hasSize(1);
      // a day that is not one: 400 naming it
      HttpResponse<Buffer> bad =
          send(enterpriseAdmin, HttpMethod.DELETE, "/production/p1/yesterday", null);
      assertThat(bad.statusCode()).as(bad.bodyAsString()).isEqualTo(400);
      assertThat(bad.bodyAsJsonObject().getString("parameter")).isEqualTo("day");
    }

    @Test
    void correctingAFigureOfAVerifiedPeriodMarksTheSignOffToBeReverified() throws Exception {
      defineWith("s", "p2", "m2", "m1");
      ok(
          enterpriseAdmin,
          HttpMethod.POST,
          "/enpis/s/baselines",
          new JsonObject().put("from", DAY_1.toString()).put("to", BASE_TO).put("model", "ols"));
      ok(enterpriseAdmin, HttpMethod.POST, "/enpis/s/baselines/1/submit", new JsonObject());
      ok(
          auditor,
          HttpMethod.POST,
          "/enpis/s/baselines/1/approve",
          new JsonObject().put("opinion", "fine"));
      signOff("s");
      JsonArray before =
          ok(viewer, HttpMethod.GET, "/enpis/s/signoffs", null).getJsonArray("signoffs");
      assertThat(before.getJsonObject(0).getBoolean("to_be_reverified")).isFalse();
      assertThat(savings("s", 1).getJsonObject("verification").getString("status"))
          .isEqualTo("verified");

      // day 9 lies in the signed-off period: the preview of a file changing it says the commit
      // will need a reason (it said "valid" and only the commit refused)
      JsonObject preview =
          svc.withToken(
                  HttpMethod.POST,
                  "/api/v1/enterprises/" + E + "/production/uploads/preview",
                  enterpriseAdmin)
              .putHeader("Content-Type", "text/csv")
              .sendBuffer(
                  io.vertx.core.buffer.Buffer.buffer("product,day,quantity\np2,2026-01-09,99\n"))
              .await()
              .bodyAsJsonObject();
      assertThat(preview.getBoolean("valid")).isTrue();
      assertThat(preview.getString("reason_needed"))
          .contains("period s/1 " + REP_FROM + ".." + REP_TO)
          .contains("give its reason");
      HttpResponse<Buffer> refused =
          send(enterpriseAdmin, HttpMethod.POST, "/production", quantity("p2", "2026-01-09", 99));
      assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(400);
      assertThat(refused.bodyAsJsonObject().getString("parameter")).isEqualTo("reason");
      assertThat(refused.bodyAsJsonObject().getString("message"))
          .contains("period s/1 " + REP_FROM + ".." + REP_TO);
      ok(
          enterpriseAdmin,
          HttpMethod.POST,
          "/production",
          quantity("p2", "2026-01-09", 99).put("reason", "second shift's output was left out"));
      JsonArray after =
          ok(viewer, HttpMethod.GET, "/enpis/s/signoffs", null).getJsonArray("signoffs");
      assertThat(after.getJsonObject(0).getBoolean("to_be_reverified")).isTrue();
      JsonObject v = savings("s", 1).getJsonObject("verification");
      assertThat(v.getString("status")).isEqualTo("to_be_reverified");
      assertThat(v.getJsonArray("revisions").getJsonObject(0).getString("reason"))
          .isEqualTo("second shift's output was left out");
    }
  }
}
