package org.energytrace.ingest.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntToDoubleFunction;
import org.energytrace.ingest.auth.PgAccounts;
import org.energytrace.ingest.config.SecurityConfig;
import org.energytrace.ingest.fixtures.MeteredPlant;
import org.energytrace.ingest.fixtures.SecuredService;
import org.energytrace.ingest.tenant.Scope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The baseline lifecycle over the HTTP API against the local PostgreSQL (issue 15,
 * docs/verification.md §1): the enterprise submits, only an auditor assigned to it (assignment not
 * expired) approves or returns, a returned baseline can be submitted again, approving a newer
 * version supersedes the older, refused steps answer 409 naming the state or 403, and every step is
 * in the audit log with who, when and why. Each test works on an EnPI of its own.
 */
class BaselineLifecycleIT {
  static final String SUFFIX = UUID.randomUUID().toString().substring(0, 6);
  static final String E = "life-" + SUFFIX;
  static final String OTHER = "life-o-" + SUFFIX;
  static final String DAY_0 = "2026-01-01";
  static final String DAY_5 = "2026-01-06";
  static final AtomicInteger ENPIS = new AtomicInteger();

  static SecuredService svc;
  static String systemAdmin;
  static Callers callers;

  @BeforeAll
  static void start() throws Exception {
    svc = SecuredService.start(SecurityConfig.defaults());
    systemAdmin = svc.access.systemAdminToken();
    MeteredPlant.create(svc, systemAdmin, E, "gw-1", List.of("m1"), List.of("p1"));
    svc.enterpriseOk(
        systemAdmin,
        HttpMethod.PUT,
        OTHER,
        "/gateways/gw-1",
        new JsonObject().put("site", "plant-1"));
    // six days of energy and production: the baseline period
    IntToDoubleFunction q = i -> 10 + 3 * i + (i * i % 5);
    LocalDate first = LocalDate.parse(DAY_0);
    MeteredPlant.energy(
        svc, E, "m1", first, 6, i -> 100 + 2 * q.applyAsDouble(i) + (i % 2 == 0 ? 0.5 : -0.5) * i);
    MeteredPlant.production(svc, systemAdmin, E, List.of("p1"), first, 6, q);
    callers = Callers.of(svc, E, OTHER, "aud", SUFFIX);
  }

  @AfterAll
  static void stop() throws Exception {
    if (svc != null) {
      svc.close();
    }
  }

  // ---- helpers ----

  /** A fresh EnPI over m1 and p1. */
  static String enpi() {
    String code = "x" + ENPIS.incrementAndGet();
    svc.enterpriseOk(
        systemAdmin, HttpMethod.PUT, E, "/enpis/" + code, MeteredPlant.facilityEnpi("plant-1"));
    return code;
  }

  /** Fits a new draft version (as the enterprise's administrator) and returns its number. */
  static int fit(String enpi) {
    return svc.enterpriseOk(
            callers.enterpriseAdmin(),
            HttpMethod.POST,
            E,
            "/enpis/" + enpi + "/baselines",
            new JsonObject().put("from", DAY_0).put("to", DAY_5).put("model", "ols"))
        .getInteger("version");
  }

  static HttpResponse<Buffer> step(
      String token, String enpi, int version, String step, String field, String text) {
    return svc.enterpriseSend(
        token,
        HttpMethod.POST,
        E,
        "/enpis/" + enpi + "/baselines/" + version + "/" + step,
        field == null ? new JsonObject() : new JsonObject().put(field, text));
  }

  static JsonObject submit(String enpi, int version, String comment) {
    HttpResponse<Buffer> r =
        step(callers.enterpriseAdmin(), enpi, version, "submit", "comment", comment);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  static JsonObject approve(String enpi, int version, String opinion) {
    HttpResponse<Buffer> r = step(callers.auditor(), enpi, version, "approve", "opinion", opinion);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  static String status(String enpi, int version) {
    for (Object o :
        svc.enterpriseOk(callers.viewer(), HttpMethod.GET, E, "/enpis/" + enpi + "/baselines", null)
            .getJsonArray("baselines")) {
      JsonObject b = (JsonObject) o;
      if (b.getInteger("version") == version) {
        return b.getString("status");
      }
    }
    throw new AssertionError("no version " + version);
  }

  /**
   * An audit entry of the baseline: action, actor, actor_role, outcome, detail, at, before, after.
   */
  record Audited(
      String action,
      String actor,
      String role,
      String outcome,
      String detail,
      Instant at,
      JsonObject before,
      JsonObject after) {}

  static List<Audited> audit(String enpi, int version) throws Exception {
    List<Audited> out = new ArrayList<>();
    try (Connection c = svc.db.connect();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT action, actor, actor_role, outcome, detail, at, before_state::text,"
                    + " after_state::text FROM audit_log WHERE target = ? ORDER BY audit_id")) {
      ps.setString(1, E + "/" + enpi + "/v" + version);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new Audited(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getObject(6, java.time.OffsetDateTime.class).toInstant(),
                  rs.getString(7) == null ? null : new JsonObject(rs.getString(7)),
                  rs.getString(8) == null ? null : new JsonObject(rs.getString(8))));
        }
      }
    }
    return out;
  }

  // ---- the tests ----

  @Nested
  class TheWholeWay {
    @Test
    void theEnterpriseSubmitsItsAssignedAuditorApprovesAndEachStepIsAuditedWithWhoWhenAndWhy()
        throws Exception {
      String enpi = enpi();
      int v = fit(enpi);
      Instant before = Instant.now().minusSeconds(1);
      JsonObject submitted = submit(enpi, v, "the year before the VSDs");
      assertThat(submitted.getString("status")).isEqualTo("submitted");
      assertThat(submitted.getString("submitted_by")).startsWith("token:");
      assertThat(submitted.getString("submit_comment")).isEqualTo("the year before the VSDs");

      JsonObject approved = approve(enpi, v, "data complete, model valid");
      assertThat(approved.getString("status")).isEqualTo("approved");
      assertThat(approved.getString("approved_by_role")).isEqualTo("auditor");
      assertThat(approved.getString("opinion")).isEqualTo("data complete, model valid");
      assertThat(approved.getString("approved_at")).isNotBlank();

      List<Audited> log = audit(enpi, v);
      assertThat(log)
          .extracting(Audited::action)
          .containsExactly("baseline.submit", "baseline.approve");
      Audited s = log.get(0);
      assertThat(s.role()).isEqualTo("enterprise_admin");
      assertThat(s.outcome()).isEqualTo("success");
      assertThat(s.detail()).isEqualTo("the year before the VSDs");
      assertThat(s.at()).isAfter(before);
      assertThat(s.before().getString("status")).isEqualTo("draft");
      assertThat(s.after().getString("status")).isEqualTo("submitted");
      assertThat(s.after().getString("data_hash")).isEqualTo(approved.getString("data_hash"));
      Audited a = log.get(1);
      assertThat(a.role()).isEqualTo("auditor");
      assertThat(a.actor()).isEqualTo(approved.getString("approved_by"));
      assertThat(a.detail()).isEqualTo("data complete, model valid");
      assertThat(a.after().getString("account")).isEqualTo("aud-" + SUFFIX);
      assertThat(a.after().getString("opinion")).isEqualTo("data complete, model valid");
    }

    @Test
    void submittingOrApprovingAgainChangesNothingAndWritesNoEntry() throws Exception {
      String enpi = enpi();
      int v = fit(enpi);
      submit(enpi, v, null);
      assertThat(submit(enpi, v, "again").getString("submit_comment")).isNull();
      approve(enpi, v, "fine");
      assertThat(approve(enpi, v, "fine again").getString("opinion")).isEqualTo("fine");
      assertThat(audit(enpi, v)).hasSize(2);
    }
  }

  @Nested
  class WhoMayApprove {
    @Test
    void theEnterpriseCannotApproveOrReturnItsOwnBaselineNorCanTheSystemAdministrator() {
      String enpi = enpi();
      int v = fit(enpi);
      submit(enpi, v, null);
      for (String token : List.of(callers.enterpriseAdmin(), callers.viewer(), systemAdmin)) {
        assertThat(step(token, enpi, v, "approve", "opinion", "mine").statusCode()).isEqualTo(403);
        assertThat(step(token, enpi, v, "return", "comments", "mine").statusCode()).isEqualTo(403);
      }
      assertThat(status(enpi, v)).isEqualTo("submitted");
    }

    @Test
    void anAuditorOfAnotherEnterpriseOrWithAnExpiredAssignmentCannotApprove() throws Exception {
      String enpi = enpi();
      int v = fit(enpi);
      submit(enpi, v, null);
      assertThat(step(callers.auditorOfAnother(), enpi, v, "approve", "opinion", "x").statusCode())
          .isEqualTo(403);
      assertThat(step(callers.auditorExpired(), enpi, v, "approve", "opinion", "x").statusCode())
          .isEqualTo(403);
      // past the gate (the token's own enterprise is E) but not an assigned auditor's account
      HttpResponse<Buffer> unowned =
          step(callers.auditorTokenWithoutAccount(), enpi, v, "approve", "opinion", "x");
      assertThat(unowned.statusCode()).as(unowned.bodyAsString()).isEqualTo(403);
      assertThat(unowned.bodyAsJsonObject().getString("message")).contains("assigned");
      assertThat(audit(enpi, v))
          .filteredOn(a -> a.action().equals("baseline.approve"))
          .extracting(Audited::outcome)
          .containsExactly("denied");
      assertThat(status(enpi, v)).isEqualTo("submitted");
    }

    @Test
    void theStoreItselfRefusesAnAuditorWhoseAssignmentExpiredWhateverTheScope() {
      String enpi = enpi();
      int v = fit(enpi);
      submit(enpi, v, null);
      PGSimpleDataSource ds = new PGSimpleDataSource();
      ds.setURL(svc.db.url());
      ds.setUser(svc.db.config().user());
      PgBaselineLifecycle lifecycle = new PgBaselineLifecycle(ds);
      Actor expired = Actor.ofAccount(new PgAccounts(ds), "aud-expired-" + SUFFIX).orElseThrow();
      assertThatThrownBy(
              () ->
                  lifecycle.take(
                      expired,
                      Scope.ALL,
                      E,
                      enpi,
                      v,
                      BaselineLifecycle.Step.APPROVE,
                      "x",
                      Instant.now()))
          .isInstanceOfSatisfying(
              TransitionRefused.class, r -> assertThat(r.status()).isEqualTo(403));
      Actor assigned = Actor.ofAccount(new PgAccounts(ds), "aud-" + SUFFIX).orElseThrow();
      // the same auditor once the assignment is over (a day from now)
      assertThatThrownBy(
              () ->
                  lifecycle.take(
                      assigned,
                      Scope.ALL,
                      E,
                      enpi,
                      v,
                      BaselineLifecycle.Step.APPROVE,
                      "x",
                      Instant.now().plus(Duration.ofDays(2))))
          .isInstanceOf(TransitionRefused.class);
      assertThat(status(enpi, v)).isEqualTo("submitted");
    }
  }

  @Nested
  class ReturnAndResubmit {
    @Test
    void aReturnedBaselineCarriesTheCommentsAndCanBeSubmittedAgainAndApproved() throws Exception {
      String enpi = enpi();
      int v = fit(enpi);
      submit(enpi, v, null);
      // comments are required: say why
      assertThat(step(callers.auditor(), enpi, v, "return", null, null).statusCode())
          .isEqualTo(400);
      assertThat(step(callers.auditor(), enpi, v, "return", "comments", "  ").statusCode())
          .isEqualTo(400);
      HttpResponse<Buffer> returned =
          step(
              callers.auditor(), enpi, v, "return", "comments", "six days are too few: use a year");
      assertThat(returned.statusCode()).as(returned.bodyAsString()).isEqualTo(200);
      assertThat(returned.bodyAsJsonObject().getString("status")).isEqualTo("returned");
      assertThat(returned.bodyAsJsonObject().getString("return_comments"))
          .isEqualTo("six days are too few: use a year");
      // a returned baseline is the enterprise's again: not approvable until resubmitted
      HttpResponse<Buffer> early = step(callers.auditor(), enpi, v, "approve", "opinion", "x");
      assertThat(early.statusCode()).isEqualTo(409);
      assertThat(early.bodyAsJsonObject().getString("state")).isEqualTo("returned");

      assertThat(submit(enpi, v, "a year is not stored yet; please accept").getString("status"))
          .isEqualTo("submitted");
      assertThat(approve(enpi, v, "accepted with the stated limitation").getString("status"))
          .isEqualTo("approved");
      assertThat(audit(enpi, v))
          .filteredOn(a -> a.outcome().equals("success"))
          .extracting(Audited::action)
          .containsExactly(
              "baseline.submit", "baseline.return", "baseline.submit", "baseline.approve");
      assertThat(audit(enpi, v))
          .filteredOn(a -> a.action().equals("baseline.return"))
          .first()
          .satisfies(a -> assertThat(a.detail()).isEqualTo("six days are too few: use a year"));
    }
  }

  @Nested
  class RefusedSteps {
    @Test
    void aStepTheStateDoesNotAllowAnswers409NamingTheState() throws Exception {
      String enpi = enpi();
      int v = fit(enpi);
      HttpResponse<Buffer> draft = step(callers.auditor(), enpi, v, "approve", "opinion", "x");
      assertThat(draft.statusCode()).isEqualTo(409);
      assertThat(draft.bodyAsJsonObject().getString("state")).isEqualTo("draft");
      assertThat(draft.bodyAsJsonObject().getString("message")).contains("is draft");
      submit(enpi, v, null);
      approve(enpi, v, "ok");
      HttpResponse<Buffer> resubmit =
          step(callers.enterpriseAdmin(), enpi, v, "submit", null, null);
      assertThat(resubmit.statusCode()).isEqualTo(409);
      assertThat(resubmit.bodyAsJsonObject().getString("state")).isEqualTo("approved");
      HttpResponse<Buffer> ret = step(callers.auditor(), enpi, v, "return", "comments", "late");
      assertThat(ret.statusCode()).isEqualTo(409);
      assertThat(ret.bodyAsJsonObject().getString("state")).isEqualTo("approved");
      assertThat(audit(enpi, v))
          .filteredOn(a -> a.outcome().equals("failure"))
          .extracting(Audited::action)
          .containsExactly("baseline.approve", "baseline.submit", "baseline.return");
    }

    @Test
    void anUnknownVersionIsNotFound() {
      String enpi = enpi();
      assertThat(step(callers.enterpriseAdmin(), enpi, 99, "submit", null, null).statusCode())
          .isEqualTo(404);
    }
  }

  @Nested
  class Supersession {
    @Test
    void approvingVersion2SupersedesVersion1AndAnOlderVersionCannotBeApprovedAfterIt()
        throws Exception {
      String enpi = enpi();
      int v1 = fit(enpi);
      submit(enpi, v1, null);
      approve(enpi, v1, "first");
      int v2 = fit(enpi);
      int v3 = fit(enpi);
      submit(enpi, v2, null);
      submit(enpi, v3, null);
      approve(enpi, v3, "a newer fit");
      assertThat(status(enpi, v1)).isEqualTo("superseded");
      JsonObject old =
          svc.enterpriseOk(
                  callers.viewer(), HttpMethod.GET, E, "/enpis/" + enpi + "/baselines", null)
              .getJsonArray("baselines")
              .getJsonObject(0);
      assertThat(old.getInteger("superseded_by_version")).isEqualTo(v3);
      assertThat(old.getString("superseded_at")).isNotBlank();
      assertThat(audit(enpi, v1))
          .extracting(Audited::action)
          .containsExactly("baseline.submit", "baseline.approve", "baseline.supersede");
      assertThat(audit(enpi, v1).get(2).detail()).contains("version " + v3);

      HttpResponse<Buffer> older = step(callers.auditor(), enpi, v2, "approve", "opinion", "x");
      assertThat(older.statusCode()).isEqualTo(409);
      assertThat(older.bodyAsJsonObject().getString("message")).contains("newer");
      assertThat(status(enpi, v2)).isEqualTo("submitted");
      assertThat(status(enpi, v3)).isEqualTo("approved");
    }
  }
}
