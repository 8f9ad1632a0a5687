package org.energytrace.ingest.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntToDoubleFunction;
import org.energytrace.ingest.auth.PgAccounts;
import org.energytrace.ingest.config.SecurityConfig;
import org.energytrace.ingest.fixtures.IssuedDossiers;
import org.energytrace.ingest.fixtures.MeteredPlant;
import org.energytrace.ingest.fixtures.SecuredService;
import org.energytrace.ingest.tenant.Scope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A reporting period's verification over the HTTP API against the local PostgreSQL (issue 15,
 * docs/verification.md §1.2): an assigned auditor signs a period off against an approved baseline
 * (later sign-offs supersede earlier ones, history kept); the enterprise proposes non-routine
 * adjustments and an assigned auditor approves or rejects them; the savings apply approved ones
 * only, report routine and non-routine apart, and say the baseline's status (verified once signed
 * off) and its verifiability. Twelve days of data: days 1–6 are the baseline, 7–12 the reporting
 * period. Each test works on an EnPI of its own.
 */
class PeriodVerificationIT {
  static final String SUFFIX = UUID.randomUUID().toString().substring(0, 6);
  static final String E = "period-" + SUFFIX;
  static final String OTHER = "period-o-" + SUFFIX;
  static final LocalDate DAY_1 = LocalDate.parse("2026-01-01");
  static final String BASE_TO = "2026-01-06";
  static final String REP_FROM = "2026-01-07";
  static final String REP_TO = "2026-01-12";
  static final String HASH = "ab".repeat(32);
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
    IntToDoubleFunction q = i -> 10 + 3 * (i % 6) + (i * i % 5);
    // from day 7 on, 10 % less energy: the measure
    MeteredPlant.energy(
        svc,
        E,
        "m1",
        DAY_1,
        12,
        i ->
            (i < 6 ? 1 : 0.9)
                * (100 + 2 * q.applyAsDouble(i) + (i % 2 == 0 ? 0.5 : -0.5) * (i % 6)));
    MeteredPlant.production(svc, systemAdmin, E, List.of("p1"), DAY_1, 12, q);
    callers = Callers.of(svc, E, OTHER, "paud", SUFFIX);
  }

  @AfterAll
  static void stop() throws Exception {
    if (svc != null) {
      svc.close();
    }
  }

  // ---- helpers ----

  /** A fresh EnPI with a baseline version 1 fitted over days 1–6, in {@code state}. */
  static String enpi(String state) {
    String code = "p" + ENPIS.incrementAndGet();
    svc.enterpriseOk(
        systemAdmin, HttpMethod.PUT, E, "/enpis/" + code, MeteredPlant.facilityEnpi("plant-1"));
    svc.enterpriseOk(
        callers.enterpriseAdmin(),
        HttpMethod.POST,
        E,
        "/enpis/" + code + "/baselines",
        new JsonObject().put("from", DAY_1.toString()).put("to", BASE_TO).put("model", "ols"));
    if (!state.equals("draft")) {
      svc.enterpriseOk(
          callers.enterpriseAdmin(),
          HttpMethod.POST,
          E,
          "/enpis/" + code + "/baselines/1/submit",
          new JsonObject());
    }
    if (state.equals("approved")) {
      svc.enterpriseOk(
          callers.auditor(),
          HttpMethod.POST,
          E,
          "/enpis/" + code + "/baselines/1/approve",
          new JsonObject().put("opinion", "fine"));
    }
    return code;
  }

  static JsonObject signoff(String opinion, String comments) {
    JsonObject b =
        new JsonObject()
            .put("baseline_version", 1)
            .put("from", REP_FROM)
            .put("to", REP_TO)
            .put("opinion", opinion)
            .put("dossier_sha256", HASH);
    return comments == null ? b : b.put("comments", comments);
  }

  /**
   * Signs off with {@code body}; when it names a well-formed period and hash, that hash is first
   * recorded as a dossier the server issued for the period (these days are not sealed, so no real
   * dossier can be made: DossierIT signs off a real one, {@link #aHashTheServerNeverIssued} shows
   * the refusal).
   */
  static HttpResponse<Buffer> signOff(String token, String enpi, JsonObject body) {
    try {
      LocalDate from = LocalDate.parse(body.getString("from"));
      LocalDate to = LocalDate.parse(body.getString("to"));
      String hash = body.getString("dossier_sha256");
      if (hash.matches("[0-9a-f]{64}") && !to.isBefore(from)) {
        IssuedDossiers.record(svc.db, E, enpi, body.getInteger("baseline_version"), from, to, hash);
      }
    } catch (Exception e) {
      // a malformed body: the service answers it
    }
    return svc.enterpriseSend(token, HttpMethod.POST, E, "/enpis/" + enpi + "/signoffs", body);
  }

  static JsonObject savings(String enpi) {
    return svc.enterpriseOk(
        callers.viewer(),
        HttpMethod.GET,
        E,
        "/enpis/" + enpi + "/savings?baseline=1&from=" + REP_FROM + "&to=" + REP_TO,
        null);
  }

  static JsonObject adjustment(String method, double value, String from, String to) {
    return new JsonObject()
        .put("kind", "new_line")
        .put("from", from)
        .put("to", to)
        .put("method", method)
        .put("value", value)
        .put("justification", "a bottling line added on " + from);
  }

  static JsonObject propose(String enpi, JsonObject body) {
    HttpResponse<Buffer> r =
        svc.enterpriseSend(
            callers.enterpriseAdmin(), HttpMethod.POST, E, "/enpis/" + enpi + "/adjustments", body);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    return r.bodyAsJsonObject();
  }

  static HttpResponse<Buffer> decide(
      String token, String enpi, long id, String step, JsonObject body) {
    return svc.enterpriseSend(
        token, HttpMethod.POST, E, "/enpis/" + enpi + "/adjustments/" + id + "/" + step, body);
  }

  record Audited(String action, String actor, String role, String outcome, String detail) {}

  static List<Audited> audit(String targetPrefix) throws Exception {
    List<Audited> out = new ArrayList<>();
    try (Connection c = svc.db.connect();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT action, actor, actor_role, outcome, detail FROM audit_log"
                    + " WHERE target LIKE ? ORDER BY audit_id")) {
      ps.setString(1, targetPrefix + "%");
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new Audited(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5)));
        }
      }
    }
    return out;
  }

  // ---- sign-off ----

  @Nested
  class SignOff {
    @Test
    void anAssignedAuditorSignsOffAndTheSavingsOfThePeriodBecomeVerifiedWithTheDate()
        throws Exception {
      String enpi = enpi("approved");
      JsonObject before = savings(enpi).getJsonObject("verification");
      assertThat(before.getString("status")).isEqualTo("approved");
      assertThat(before.getString("verified_at")).isNull();

      HttpResponse<Buffer> r = signOff(callers.auditor(), enpi, signoff("verified", null));
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
      JsonObject s = r.bodyAsJsonObject();
      assertThat(s.getString("opinion")).isEqualTo("verified");
      assertThat(s.getString("dossier_sha256")).isEqualTo(HASH);
      assertThat(s.getString("signed_by_account")).isEqualTo("paud-" + SUFFIX);
      assertThat(s.getBoolean("current")).isTrue();

      JsonObject after = savings(enpi).getJsonObject("verification");
      assertThat(after.getString("status")).isEqualTo("verified");
      assertThat(after.getString("verified_at")).isEqualTo(s.getString("signed_at"));
      assertThat(after.getJsonObject("signoff").getString("dossier_sha256")).isEqualTo(HASH);
      // a sub-period is covered too; a period reaching beyond the signed one is not
      JsonObject inner =
          svc.enterpriseOk(
              callers.viewer(),
              HttpMethod.GET,
              E,
              "/enpis/" + enpi + "/savings?baseline=1&from=2026-01-08&to=2026-01-10",
              null);
      assertThat(inner.getJsonObject("verification").getString("status")).isEqualTo("verified");

      List<Audited> log = audit(E + "/" + enpi + "/period/");
      assertThat(log).extracting(Audited::action).containsExactly("period.signoff");
      assertThat(log.get(0).role()).isEqualTo("auditor");
      assertThat(log.get(0).outcome()).isEqualTo("success");
      assertThat(log.get(0).actor()).isEqualTo(s.getString("signed_by"));
      try (Connection c = svc.db.connect();
          PreparedStatement ps =
              c.prepareStatement(
                  "SELECT after_state->>'dossier_sha256', after_state->>'opinion' FROM audit_log"
                      + " WHERE action = 'period.signoff' AND target LIKE ?")) {
        ps.setString(1, E + "/" + enpi + "/%");
        try (ResultSet rs = ps.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).isEqualTo(HASH);
          assertThat(rs.getString(2)).isEqualTo("verified");
        }
      }
    }

    @Test
    void anAdjustmentApprovedInASignedPeriodAfterItsDossierMakesItToBeReverified() {
      // a reviewer approved an adjustment in a signed-off period: the showcase and the catalogue
      // went on saying "verified" with a saving no auditor had signed
      String enpi = enpi("approved");
      HttpResponse<Buffer> r = signOff(callers.auditor(), enpi, signoff("verified", null));
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
      assertThat(savings(enpi).getJsonObject("verification").getString("status"))
          .isEqualTo("verified");
      // proposed and rejected: the figures are those signed
      long rejected =
          propose(enpi, adjustment("percentage", 2, "2026-01-08", "2026-01-09")).getLong("id");
      HttpResponse<Buffer> no =
          decide(
              callers.auditor(), enpi, rejected, "reject", new JsonObject().put("comments", "no"));
      assertThat(no.statusCode()).as(no.bodyAsString()).isEqualTo(200);
      assertThat(savings(enpi).getJsonObject("verification").getString("status"))
          .isEqualTo("verified");

      // approved: the adjusted baseline is no longer the one signed
      long approved =
          propose(enpi, adjustment("percentage", 2, "2026-01-08", "2026-01-09")).getLong("id");
      HttpResponse<Buffer> yes =
          decide(callers.auditor(), enpi, approved, "approve", new JsonObject());
      assertThat(yes.statusCode()).as(yes.bodyAsString()).isEqualTo(200);
      JsonObject v = savings(enpi).getJsonObject("verification");
      assertThat(v.getString("status")).isEqualTo("to_be_reverified");
      assertThat(v.getBoolean("to_be_reverified")).isTrue();
      assertThat(v.getJsonArray("adjustments_approved")).hasSize(1);
      JsonObject listed = v.getJsonArray("adjustments_approved").getJsonObject(0);
      assertThat(listed.getString("id")).isEqualTo("nra-" + approved);
      assertThat(listed.getString("approved_by")).isEqualTo("paud-" + SUFFIX);
      JsonObject signed =
          svc.enterpriseOk(
                  callers.viewer(), HttpMethod.GET, E, "/enpis/" + enpi + "/signoffs", null)
              .getJsonArray("signoffs")
              .getJsonObject(0);
      assertThat(signed.getBoolean("to_be_reverified")).isTrue();
      assertThat(signed.getJsonArray("reverify_because")).containsExactly("adjustment_approved");
      // signing the same dossier again is an opinion on figures that are no longer the period's
      HttpResponse<Buffer> again =
          svc.enterpriseSend(
              callers.auditor(),
              HttpMethod.POST,
              E,
              "/enpis/" + enpi + "/signoffs",
              signoff("verified", null));
      assertThat(again.statusCode()).as(again.bodyAsString()).isEqualTo(409);
      assertThat(again.bodyAsJsonObject().getString("parameter")).isEqualTo("dossier_sha256");
      assertThat(again.bodyAsJsonObject().getString("message"))
          .contains("a non-routine adjustment of the period was approved");
    }

    @Test
    void aLaterSignOffOfThePeriodSupersedesTheEarlierAndBothAreListed() {
      String enpi = enpi("approved");
      JsonObject first =
          signOff(callers.auditor(), enpi, signoff("verified", null)).bodyAsJsonObject();
      HttpResponse<Buffer> second =
          signOff(
              callers.auditor(), enpi, signoff("not_verified", "the meter was replaced on day 9"));
      assertThat(second.statusCode()).as(second.bodyAsString()).isEqualTo(201);
      JsonArray list =
          svc.enterpriseOk(
                  callers.viewer(), HttpMethod.GET, E, "/enpis/" + enpi + "/signoffs", null)
              .getJsonArray("signoffs");
      assertThat(list).hasSize(2);
      assertThat(list.getJsonObject(0).getString("opinion")).isEqualTo("not_verified");
      assertThat(list.getJsonObject(0).getBoolean("current")).isTrue();
      assertThat(list.getJsonObject(1).getLong("id")).isEqualTo(first.getLong("id"));
      assertThat(list.getJsonObject(1).getLong("superseded_by"))
          .isEqualTo(second.bodyAsJsonObject().getLong("id"));
      // the newest opinion counts: not verified
      assertThat(savings(enpi).getJsonObject("verification").getString("status"))
          .isEqualTo("approved");
      // with reservations counts as verified
      signOff(callers.auditor(), enpi, signoff("verified_with_reservations", "two days estimated"));
      assertThat(savings(enpi).getJsonObject("verification").getString("status"))
          .isEqualTo("verified");
    }

    @Test
    void onlyAnAssignedAuditorSignsOffNeverTheEnterpriseNorTheSystemAdministrator()
        throws Exception {
      String enpi = enpi("approved");
      for (String token :
          List.of(
              callers.enterpriseAdmin(),
              callers.viewer(),
              systemAdmin,
              callers.auditorOfAnother())) {
        assertThat(signOff(token, enpi, signoff("verified", null)).statusCode()).isEqualTo(403);
      }
      assertThat(signOff(callers.auditorExpired(), enpi, signoff("verified", null)).statusCode())
          .isEqualTo(403);
      HttpResponse<Buffer> unowned =
          signOff(callers.auditorTokenWithoutAccount(), enpi, signoff("verified", null));
      assertThat(unowned.statusCode()).isEqualTo(403);
      assertThat(unowned.bodyAsJsonObject().getString("message")).contains("assigned");
      assertThat(audit(E + "/" + enpi + "/period/"))
          .extracting(Audited::outcome)
          .containsExactly("denied");
      assertThat(
              svc.enterpriseOk(
                      callers.viewer(), HttpMethod.GET, E, "/enpis/" + enpi + "/signoffs", null)
                  .getJsonArray("signoffs"))
          .isEmpty();
    }

    @Test
    void theStoreRefusesAnAuditorWhoseAssignmentIsOverAtTheMomentOfSigning() {
      String enpi = enpi("approved");
      PGSimpleDataSource ds = new PGSimpleDataSource();
      ds.setURL(svc.db.url());
      ds.setUser(svc.db.config().user());
      Actor assigned = Actor.ofAccount(new PgAccounts(ds), "paud-" + SUFFIX).orElseThrow();
      PgSignoffs.Request r =
          new PgSignoffs.Request(
              1,
              LocalDate.parse(REP_FROM),
              LocalDate.parse(REP_TO),
              PeriodSignoff.Opinion.VERIFIED,
              null,
              HASH);
      assertThatThrownBy(
              () ->
                  new PgSignoffs(ds)
                      .sign(
                          assigned, Scope.ALL, E, enpi, r, Instant.now().plus(Duration.ofDays(2))))
          .isInstanceOfSatisfying(
              TransitionRefused.class, x -> assertThat(x.status()).isEqualTo(403));
    }

    @Test
    void aRefusedSignOffIsAuditedWithItsReasonAndLeavesThePeriodAsItWas() throws Exception {
      String enpi = enpi("approved");
      String period = E + "/" + enpi + "/period/";
      // a hash the server never issued for the period: 409 naming dossier_sha256, as before
      HttpResponse<Buffer> never =
          svc.enterpriseSend(
              callers.auditor(),
              HttpMethod.POST,
              E,
              "/enpis/" + enpi + "/signoffs",
              signoff("verified", null).put("dossier_sha256", "cd".repeat(32)));
      assertThat(never.statusCode()).as(never.bodyAsString()).isEqualTo(409);
      assertThat(never.bodyAsJsonObject().getString("parameter")).isEqualTo("dossier_sha256");
      // a period starting within the baseline period: 409 naming from
      HttpResponse<Buffer> early =
          signOff(callers.auditor(), enpi, signoff("verified", null).put("from", "2026-01-05"));
      assertThat(early.statusCode()).as(early.bodyAsString()).isEqualTo(409);
      assertThat(early.bodyAsJsonObject().getString("parameter")).isEqualTo("from");
      // a body the route cannot take (reservations without comments, a malformed hash): 400,
      // refused before any step is taken, not audited
      assertThat(signOff(callers.auditor(), enpi, signoff("not_verified", null)).statusCode())
          .isEqualTo(400);
      assertThat(
              signOff(callers.auditor(), enpi, signoff("verified", null).put("dossier_sha256", "x"))
                  .statusCode())
          .isEqualTo(400);

      List<Audited> log = audit(period);
      assertThat(log).extracting(Audited::action).containsOnly("period.signoff");
      assertThat(log).extracting(Audited::outcome).containsExactly("failure", "failure");
      assertThat(log).extracting(Audited::role).containsOnly("auditor");
      // the same auditor as the approval of the baseline
      String auditor =
          audit(E + "/" + enpi).stream()
              .filter(a -> a.action().equals("baseline.approve"))
              .findFirst()
              .orElseThrow()
              .actor();
      assertThat(log).extracting(Audited::actor).containsOnly(auditor);
      assertThat(log.get(0).detail())
          .startsWith(
              "dossier_sha256: this server issued no dossier with SHA-256 " + "cd".repeat(32))
          .contains("baseline version 1 and " + REP_FROM + ".." + REP_TO);
      assertThat(log.get(1).detail())
          .isEqualTo(
              "from: the reporting period must start after the baseline period (which ends "
                  + BASE_TO
                  + ")");
      assertThat(
              svc.count(
                  "select count(*) from audit_log where action = 'period.signoff'"
                      + " and target = '"
                      + period
                      + REP_FROM
                      + ".."
                      + REP_TO
                      + "' and outcome = 'failure' and chain_seq is not null"))
          .isEqualTo(1);
      // nothing else changed: no sign-off, the period not verified
      assertThat(
              svc.enterpriseOk(
                      callers.viewer(), HttpMethod.GET, E, "/enpis/" + enpi + "/signoffs", null)
                  .getJsonArray("signoffs"))
          .isEmpty();
      assertThat(savings(enpi).getJsonObject("verification").getString("status"))
          .isEqualTo("approved");
      // a baseline not approved: 409 naming its state, audited as a failure naming it too
      String draft = enpi("draft");
      assertThat(signOff(callers.auditor(), draft, signoff("verified", null)).statusCode())
          .isEqualTo(409);
      assertThat(audit(E + "/" + draft + "/period/"))
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.outcome()).isEqualTo("failure");
                assertThat(a.detail()).startsWith("baseline version 1 is draft");
              });
      // the audit log's chain still verifies after these entries (what checkIntegrity reports)
      JsonObject integrity =
          svc.enterpriseOk(
              callers.auditor(),
              HttpMethod.GET,
              E,
              "/integrity?from=" + DAY_1 + "&to=" + REP_TO,
              null);
      assertThat(integrity.getJsonObject("audit_chain").getBoolean("ok"))
          .as(integrity.encode())
          .isTrue();
    }

    @Test
    void aBaselineThatIsNotApprovedCannotBeSignedOffAnswering409NamingItsState() {
      for (String state : List.of("draft", "submitted")) {
        String enpi = enpi(state);
        HttpResponse<Buffer> r = signOff(callers.auditor(), enpi, signoff("verified", null));
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(409);
        assertThat(r.bodyAsJsonObject().getString("state")).isEqualTo(state);
      }
    }

    @Test
    void aHashTheServerNeverIssuedForThePeriodIsRefused() {
      String enpi = enpi("approved");
      HttpResponse<Buffer> r =
          svc.enterpriseSend(
              callers.auditor(),
              HttpMethod.POST,
              E,
              "/enpis/" + enpi + "/signoffs",
              signoff("verified", null).put("dossier_sha256", "cd".repeat(32)));
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(409);
      assertThat(r.bodyAsJsonObject().getString("parameter")).isEqualTo("dossier_sha256");
      // issued for another period of the EnPI: still not this period's dossier
      try {
        IssuedDossiers.record(
            svc.db, E, enpi, 1, LocalDate.parse("2026-01-08"), LocalDate.parse(REP_TO), HASH);
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
      HttpResponse<Buffer> other =
          svc.enterpriseSend(
              callers.auditor(),
              HttpMethod.POST,
              E,
              "/enpis/" + enpi + "/signoffs",
              signoff("verified", null));
      assertThat(other.statusCode()).as(other.bodyAsString()).isEqualTo(409);
      assertThat(other.bodyAsJsonObject().getString("parameter")).isEqualTo("dossier_sha256");
      assertThat(
              svc.enterpriseOk(
                      callers.viewer(), HttpMethod.GET, E, "/enpis/" + enpi + "/signoffs", null)
                  .getJsonArray("signoffs"))
          .isEmpty();
    }

    @Test
    void badSignOffsAreRefusedNamingTheField() {
      String enpi = enpi("approved");
      HttpResponse<Buffer> hash =
          signOff(callers.auditor(), enpi, signoff("verified", null).put("dossier_sha256", "abc"));
      assertThat(hash.statusCode()).isEqualTo(400);
      assertThat(hash.bodyAsJsonObject().getString("parameter")).isEqualTo("dossier_sha256");
      HttpResponse<Buffer> reservations =
          signOff(callers.auditor(), enpi, signoff("verified_with_reservations", null));
      assertThat(reservations.statusCode()).isEqualTo(400);
      assertThat(reservations.bodyAsJsonObject().getString("parameter")).isEqualTo("comments");
      HttpResponse<Buffer> opinion = signOff(callers.auditor(), enpi, signoff("fine", null));
      assertThat(opinion.bodyAsJsonObject().getString("parameter")).isEqualTo("opinion");
      HttpResponse<Buffer> inBaseline =
          signOff(callers.auditor(), enpi, signoff("verified", null).put("from", "2026-01-05"));
      assertThat(inBaseline.statusCode()).isEqualTo(409);
      assertThat(inBaseline.bodyAsJsonObject().getString("parameter")).isEqualTo("from");
      HttpResponse<Buffer> reversed =
          signOff(
              callers.auditor(),
              enpi,
              signoff("verified", null).put("to", "2026-01-07").put("from", REP_TO));
      assertThat(reversed.statusCode()).isEqualTo(400);
      assertThat(reversed.bodyAsJsonObject().getString("parameter")).isEqualTo("to");
    }
  }

  // ---- adjustments ----

  @Nested
  class Adjustments {
    @Test
    void anApprovedFixedPerDayAdjustmentAddsItsEnergyToTheBaselineReportedApartFromRoutine()
        throws Exception {
      String enpi = enpi("approved");
      JsonObject routineOnly = savings(enpi);
      double routine = routineOnly.getJsonObject("savings_split").getDouble("routine");
      // 50 kWh a day over days 8-10: three reporting days, 150 kWh (IPMVP static factor)
      JsonObject p =
          propose(
              enpi,
              adjustment("fixed_per_day", 50, "2026-01-08", "2026-01-10")
                  .put(
                      "attachment",
                      new JsonObject()
                          .put("name", "line.pdf")
                          .put("media_type", "application/pdf")
                          .put(
                              "content_base64",
                              Base64.getEncoder().encodeToString("abc".getBytes()))));
      assertThat(p.getString("status")).isEqualTo("proposed");
      // SHA-256("abc") (FIPS 180-2, appendix B.1)
      assertThat(p.getJsonObject("attachment").getString("sha256"))
          .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
      assertThat(p.getJsonObject("attachment").getInteger("bytes")).isEqualTo(3);
      // the viewer downloads the file as stored: its bytes, media type, name and hash
      HttpResponse<Buffer> file =
          svc.enterpriseSend(
              callers.viewer(),
              HttpMethod.GET,
              E,
              "/enpis/" + enpi + "/adjustments/" + p.getLong("id") + "/attachment",
              null);
      assertThat(file.statusCode()).as(file.bodyAsString()).isEqualTo(200);
      assertThat(file.bodyAsString()).isEqualTo("abc");
      assertThat(file.getHeader("Content-Type")).isEqualTo("application/pdf");
      assertThat(file.getHeader("Content-Disposition"))
          .contains("attachment; filename=\"line.pdf\"");
      assertThat(file.getHeader("X-Content-SHA256"))
          .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");

      // proposed: listed, not applied
      JsonObject proposed = savings(enpi);
      assertThat(proposed.getJsonObject("savings_split").getDouble("non_routine")).isEqualTo(0.0);
      assertThat(proposed.getJsonObject("non_routine").getJsonArray("not_applied")).hasSize(1);

      HttpResponse<Buffer> approved =
          decide(callers.auditor(), enpi, p.getLong("id"), "approve", new JsonObject());
      assertThat(approved.statusCode()).as(approved.bodyAsString()).isEqualTo(200);
      assertThat(approved.bodyAsJsonObject().getString("status")).isEqualTo("approved");
      assertThat(approved.bodyAsJsonObject().getString("decided_by_account"))
          .isEqualTo("paud-" + SUFFIX);

      JsonObject split = savings(enpi).getJsonObject("savings_split");
      assertThat(split.getDouble("routine")).isCloseTo(routine, within(1e-9));
      assertThat(split.getDouble("non_routine")).isCloseTo(150.0, within(1e-9));
      assertThat(split.getDouble("savings")).isCloseTo(routine + 150.0, within(1e-9));
      assertThat(split.getInteger("applied_adjustments")).isEqualTo(1);

      // the viewer's reading of the evidence is on record, with the hash it was sent
      List<Audited> log = audit(E + "/" + enpi + "/adjustment");
      assertThat(log)
          .extracting(Audited::action)
          .containsExactly(
              "adjustment.propose", "adjustment.attachment.download", "adjustment.approve");
      Audited download = log.get(1);
      assertThat(download.role()).isEqualTo("enterprise_viewer");
      assertThat(download.outcome()).isEqualTo("success");
      assertThat(download.detail())
          .isEqualTo("sha256 " + file.getHeader("X-Content-SHA256") + ", line.pdf, 3 bytes");
      assertThat(
              svc.count(
                  "select count(*) from audit_log where action = 'adjustment.attachment.download'"
                      + " and target = '"
                      + E
                      + "/"
                      + enpi
                      + "/adjustment/"
                      + p.getLong("id")
                      + "/attachment' and enterprise = '"
                      + E
                      + "' and chain_seq is not null"))
          .isEqualTo(1);
    }

    @Test
    void aFixedPerPeriodAdjustmentCountsOnlyItsDaysInsideTheReportingData() {
      String enpi = enpi("approved");
      // 90 kWh over days 10-15 (6 days); days 10, 11, 12 have reporting data: 3/6 × 90 = 45
      long id =
          propose(enpi, adjustment("fixed_per_period", 90, "2026-01-10", "2026-01-15"))
              .getLong("id");
      // no attachment to download: 404
      assertThat(
              svc.enterpriseSend(
                      callers.viewer(),
                      HttpMethod.GET,
                      E,
                      "/enpis/" + enpi + "/adjustments/" + id + "/attachment",
                      null)
                  .statusCode())
          .isEqualTo(404);
      decide(callers.auditor(), enpi, id, "approve", null);
      assertThat(savings(enpi).getJsonObject("savings_split").getDouble("non_routine"))
          .isCloseTo(45.0, within(1e-9));
    }

    @Test
    void aPercentageAdjustmentIsThatShareOfTheRoutineAdjustedBaseline() {
      String enpi = enpi("approved");
      double baseline = savings(enpi).getJsonObject("savings_split").getDouble("adjusted_baseline");
      long id = propose(enpi, adjustment("percentage", 10, REP_FROM, REP_TO)).getLong("id");
      decide(callers.auditor(), enpi, id, "approve", null);
      JsonObject split = savings(enpi).getJsonObject("savings_split");
      // 10 % of the routine adjusted baseline over the whole reporting period
      assertThat(split.getDouble("non_routine")).isCloseTo(0.10 * baseline, within(1e-6));
      assertThat(split.getDouble("adjusted_baseline")).isCloseTo(1.10 * baseline, within(1e-6));
    }

    @Test
    void aRefittedTermAddsItsCoefficientFittedToTheRoutineResidualsTimesItsVariable() {
      String enpi = enpi("approved");
      double routine = savings(enpi).getJsonObject("savings_split").getDouble("routine");
      // hand-worked from the data written in start(): the baseline E = a + b·q by least squares
      // over days 1–6, the routine residuals (actual − a − b·q) of days 9–12, and their slope c on
      // q with an intercept (which keeps the saving out of the term): non-routine = c · Σq
      double[] q = new double[12];
      double[] e = new double[12];
      for (int i = 0; i < 12; i++) {
        q[i] = 10 + 3 * (i % 6) + (i * i % 5);
        double energy = 100 + 2 * q[i] + (i % 2 == 0 ? 0.5 : -0.5) * (i % 6);
        e[i] = i < 6 ? energy : 0.9 * energy;
      }
      double[] ab = line(q, e, 0, 6);
      double[] x = new double[4];
      double[] r = new double[4];
      double sumX = 0;
      for (int k = 0; k < 4; k++) {
        x[k] = q[8 + k];
        r[k] = e[8 + k] - (ab[0] + ab[1] * q[8 + k]);
        sumX += x[k];
      }
      double c = line(x, r, 0, 4)[1];
      JsonObject p =
          propose(
              enpi,
              new JsonObject()
                  .put("kind", "product_mix")
                  .put("from", "2026-01-09")
                  .put("to", "2026-01-12")
                  .put("method", "refitted_term")
                  .put("variable", "production")
                  .put("justification", "a heavier product from 9 January"));
      assertThat(p.getString("method")).isEqualTo("refitted_term");
      assertThat(p.getString("variable")).isEqualTo("production");
      assertThat(p.getValue("value")).isNull();
      decide(callers.auditor(), enpi, p.getLong("id"), "approve", null);
      JsonObject split = savings(enpi).getJsonObject("savings_split");
      assertThat(split.getDouble("routine")).isCloseTo(routine, within(1e-9));
      assertThat(split.getDouble("non_routine")).isCloseTo(c * sumX, within(1e-6));
      assertThat(split.getDouble("savings")).isCloseTo(routine + c * sumX, within(1e-6));
    }

    @Test
    void aRefittedTermNamesItsVariableAndStatesNoValue() {
      String enpi = enpi("approved");
      String path = "/enpis/" + enpi + "/adjustments";
      JsonObject noVariable = adjustment("refitted_term", 0, REP_FROM, REP_TO);
      noVariable.remove("value");
      assertThat(
              svc.enterpriseSend(callers.enterpriseAdmin(), HttpMethod.POST, E, path, noVariable)
                  .bodyAsJsonObject()
                  .getString("parameter"))
          .isEqualTo("variable");
      assertThat(
              svc.enterpriseSend(
                      callers.enterpriseAdmin(),
                      HttpMethod.POST,
                      E,
                      path,
                      adjustment("refitted_term", 2, REP_FROM, REP_TO)
                          .put("variable", "production"))
                  .bodyAsJsonObject()
                  .getString("parameter"))
          .isEqualTo("value");
      assertThat(
              svc.enterpriseSend(
                      callers.enterpriseAdmin(),
                      HttpMethod.POST,
                      E,
                      path,
                      adjustment("fixed_per_day", 2, REP_FROM, REP_TO)
                          .put("variable", "production"))
                  .bodyAsJsonObject()
                  .getString("parameter"))
          .isEqualTo("variable");
    }

    /** Intercept and slope of y on x by least squares over [from, to) (closed form). */
    static double[] line(double[] x, double[] y, int from, int to) {
      int n = to - from;
      double mx = 0;
      double my = 0;
      for (int i = from; i < to; i++) {
        mx += x[i] / n;
        my += y[i] / n;
      }
      double sxy = 0;
      double sxx = 0;
      for (int i = from; i < to; i++) {
        sxy += (x[i] - mx) * (y[i] - my);
        sxx += (x[i] - mx) * (x[i] - mx);
      }
      double b = sxy / sxx;
      return new double[] {my - b * mx, b};
    }

    @Test
    void anAdjustmentInTheBaselinePeriodOrStartingInTheFutureIsRefusedNamingFrom() {
      // both were accepted: one inside the data the model was fitted on, one not begun yet
      String enpi = enpi("approved");
      String tomorrow =
          java.time.LocalDate.now(java.time.ZoneOffset.ofHours(14)).plusDays(1).toString();
      for (JsonObject body :
          List.of(
              adjustment("fixed_per_day", 50, "2026-01-03", REP_TO),
              adjustment("fixed_per_day", 50, tomorrow, tomorrow))) {
        HttpResponse<Buffer> r =
            svc.enterpriseSend(
                callers.enterpriseAdmin(),
                HttpMethod.POST,
                E,
                "/enpis/" + enpi + "/adjustments",
                body);
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(400);
        assertThat(r.bodyAsJsonObject().getString("parameter")).isEqualTo("from");
        assertThat(r.bodyAsString())
            .containsAnyOf(
                "must be after the approved baseline period (" + DAY_1 + ".." + BASE_TO + ")",
                "is in the future (" + tomorrow + "; today is ");
      }
    }

    @Test
    void aRejectedAdjustmentIsNotAppliedAndCannotBeApprovedAfterwards() throws Exception {
      String enpi = enpi("approved");
      long id = propose(enpi, adjustment("fixed_per_day", 50, REP_FROM, REP_TO)).getLong("id");
      // rejecting needs comments
      assertThat(decide(callers.auditor(), enpi, id, "reject", new JsonObject()).statusCode())
          .isEqualTo(400);
      HttpResponse<Buffer> rejected =
          decide(
              callers.auditor(),
              enpi,
              id,
              "reject",
              new JsonObject().put("comments", "no evidence the line ran"));
      assertThat(rejected.statusCode()).isEqualTo(200);
      assertThat(rejected.bodyAsJsonObject().getString("decision_comment"))
          .isEqualTo("no evidence the line ran");
      HttpResponse<Buffer> late = decide(callers.auditor(), enpi, id, "approve", null);
      assertThat(late.statusCode()).isEqualTo(409);
      assertThat(late.bodyAsJsonObject().getString("state")).isEqualTo("rejected");
      JsonObject s = savings(enpi);
      assertThat(s.getJsonObject("savings_split").getDouble("non_routine")).isEqualTo(0.0);
      assertThat(
              s.getJsonObject("non_routine")
                  .getJsonArray("not_applied")
                  .getJsonObject(0)
                  .getString("status"))
          .isEqualTo("rejected");
      assertThat(audit(E + "/" + enpi + "/adjustment"))
          .extracting(Audited::action, Audited::outcome)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("adjustment.propose", "success"),
              org.assertj.core.groups.Tuple.tuple("adjustment.reject", "success"),
              org.assertj.core.groups.Tuple.tuple("adjustment.approve", "failure"));
    }

    @Test
    void theEnterpriseProposesAndOnlyAnAssignedAuditorDecides() {
      String enpi = enpi("approved");
      assertThat(
              svc.enterpriseSend(
                      callers.viewer(),
                      HttpMethod.POST,
                      E,
                      "/enpis/" + enpi + "/adjustments",
                      adjustment("fixed_per_day", 5, REP_FROM, REP_TO))
                  .statusCode())
          .isEqualTo(403);
      assertThat(
              svc.enterpriseSend(
                      callers.auditor(),
                      HttpMethod.POST,
                      E,
                      "/enpis/" + enpi + "/adjustments",
                      adjustment("fixed_per_day", 5, REP_FROM, REP_TO))
                  .statusCode())
          .isEqualTo(403);
      long id = propose(enpi, adjustment("fixed_per_day", 5, REP_FROM, REP_TO)).getLong("id");
      for (String token :
          List.of(
              callers.enterpriseAdmin(),
              callers.viewer(),
              systemAdmin,
              callers.auditorOfAnother(),
              callers.auditorExpired(),
              callers.auditorTokenWithoutAccount())) {
        assertThat(decide(token, enpi, id, "approve", null).statusCode()).isEqualTo(403);
      }
      assertThat(
              svc.enterpriseOk(
                      callers.viewer(), HttpMethod.GET, E, "/enpis/" + enpi + "/adjustments", null)
                  .getJsonArray("adjustments")
                  .getJsonObject(0)
                  .getString("status"))
          .isEqualTo("proposed");
    }

    @Test
    void badProposalsAreRefusedNamingTheField() {
      String enpi = enpi("approved");
      String path = "/enpis/" + enpi + "/adjustments";
      HttpResponse<Buffer> big =
          svc.enterpriseSend(
              callers.enterpriseAdmin(),
              HttpMethod.POST,
              E,
              path,
              adjustment("fixed_per_day", 5, REP_FROM, REP_TO)
                  .put(
                      "attachment",
                      new JsonObject()
                          .put("name", "big.pdf")
                          .put("media_type", "application/pdf")
                          .put(
                              "content_base64",
                              Base64.getEncoder()
                                  .encodeToString(new byte[Adjustment.MAX_ATTACHMENT_BYTES + 1]))));
      // larger than the attachment limit (or than the JSON body limit: 413)
      assertThat(big.statusCode()).isIn(400, 413);
      assertThat(
              svc.enterpriseSend(
                      callers.enterpriseAdmin(),
                      HttpMethod.POST,
                      E,
                      path,
                      adjustment("percentage", -100, REP_FROM, REP_TO))
                  .bodyAsJsonObject()
                  .getString("parameter"))
          .isEqualTo("value");
      assertThat(
              svc.enterpriseSend(
                      callers.enterpriseAdmin(),
                      HttpMethod.POST,
                      E,
                      path,
                      adjustment("fixed_per_day", 5, REP_FROM, REP_TO).put("kind", "weather"))
                  .bodyAsJsonObject()
                  .getString("parameter"))
          .isEqualTo("kind");
      assertThat(
              svc.enterpriseSend(
                      callers.enterpriseAdmin(),
                      HttpMethod.POST,
                      E,
                      path,
                      adjustment("fixed_per_day", 5, REP_FROM, REP_TO).put("justification", " "))
                  .bodyAsJsonObject()
                  .getString("parameter"))
          .isEqualTo("justification");
    }
  }

  // ---- validity ----

  @Nested
  class Validity {
    @Test
    void aSavingFromASixDayBaselineIsIndicativeInBothLanguagesAndNeverMeetsATarget() {
      String enpi = enpi("approved");
      signOff(callers.auditor(), enpi, signoff("verified", null));
      JsonObject s = savings(enpi);
      JsonObject v = s.getJsonObject("verification");
      // CalTRACK data sufficiency: six days is not a year
      assertThat(v.getBoolean("verifiable")).isFalse();
      assertThat(v.getString("label")).isEqualTo("indicative, not verifiable");
      assertThat(v.getString("label_vi")).isEqualTo("chỉ mang tính tham khảo, chưa thể xác minh");
      assertThat(v.getJsonArray("failed_checks")).isNotEmpty();
      assertThat(v.getJsonObject("validity").getBoolean("valid")).isFalse();
      for (Object t : s.getJsonArray("targets")) {
        assertThat(((JsonObject) t).getString("status")).isEqualTo("INDICATIVE");
      }
    }
  }
}
