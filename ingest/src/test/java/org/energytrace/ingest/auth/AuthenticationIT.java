package org.energytrace.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.energytrace.ingest.config.SecurityConfig;
import org.energytrace.ingest.fixtures.Gateways;
import org.energytrace.ingest.fixtures.LiveStream;
import org.energytrace.ingest.fixtures.SecuredService;
import org.energytrace.ingest.fixtures.SecuredService.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Sign-in, sessions, CSRF, API tokens, scope and audit against the running service, the local
 * PostgreSQL and Mosquitto. Each test uses its own accounts and enterprises.
 */
class AuthenticationIT {
  static SecuredService svc;
  static String adminToken;

  @BeforeAll
  static void start() {
    svc =
        SecuredService.start(
            SecurityConfig.defaults()
                .withLoginLimits(3, 1000, Duration.ofMinutes(15))
                .withCookies("auto", true));
    adminToken = svc.access.systemAdminToken();
  }

  @AfterAll
  static void stop() throws Exception {
    if (svc != null) {
      svc.close();
    }
  }

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static String viewer(String enterprise, String password) {
    String name = unique("viewer");
    svc.access.user(name, Role.ENTERPRISE_VIEWER, enterprise, List.of(), password);
    return name;
  }

  static JsonObject withoutRequestId(JsonObject body) {
    JsonObject copy = body.copy();
    copy.remove("request_id");
    return copy;
  }

  static HttpResponse<Buffer> me(String cookie) {
    return svc.request(HttpMethod.GET, "/api/v1/auth/me", new Session(cookie, null)).send().await();
  }

  @Nested
  class SignIn {
    @Test
    void answersOneGenericMessageForAnUnknownAccountAWrongPasswordAndADisabledAccount() {
      String e = unique("ent");
      String known = viewer(e, "right-password-1");
      String disabled = unique("disabled");
      svc.access.user(disabled, Role.ENTERPRISE_VIEWER, e, List.of(), "right-password-2");
      svc.access
          .accounts()
          .putUser(disabled, Role.ENTERPRISE_VIEWER, e, List.of(), true, null, false);
      Instant since = Instant.now().minusSeconds(1);

      List<HttpResponse<Buffer>> answers =
          List.of(
              svc.login(unique("nobody"), "whatever-password"),
              svc.login(known, "wrong-password-1"),
              svc.login(disabled, "right-password-2"));

      // OWASP ASVS 4.0 V2.2 / Authentication Cheat Sheet: no account enumeration
      assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(401);
      // the same answer but for its request id (which support uses to find a request in the log)
      assertThat(answers)
          .extracting(a -> withoutRequestId(a.bodyAsJsonObject()))
          .containsOnly(
              new JsonObject()
                  .put("error", "unauthorized")
                  .put("message", "invalid username or password"));
      assertThat(answers).allSatisfy(a -> assertThat(a.cookies()).isEmpty());
      await().atMost(Duration.ofSeconds(5)).until(() -> svc.audited("login.failure", since) >= 3);
    }

    @Test
    void auditsAFailedSignInWhoseNameHoldsALineBreakWithoutForgingALine() {
      String name = unique("crlf") + "\r\nlogin.success admin";

      HttpResponse<Buffer> answer = svc.login(name, "whatever-password");

      assertThat(answer.statusCode()).isEqualTo(401);
      String stored = name.replace("\r", "\\u000d").replace("\n", "\\u000a");
      await()
          .atMost(Duration.ofSeconds(5))
          .until(
              () ->
                  svc.count(
                          "select count(*) from audit_log where action = 'login.failure'"
                              + " and actor = '"
                              + stored
                              + "'")
                      == 1);
    }

    @Test
    void refusesASignInWhoseNameHoldsANulByteNamingTheField() {
      // issue 11: U+0000 in any string of a request body is refused with 400 naming the field
      HttpResponse<Buffer> answer = svc.login(unique("nul") + "\u0000admin", "whatever-password");

      assertThat(answer.statusCode()).isEqualTo(400);
      assertThat(answer.bodyAsJsonObject().getString("parameter")).isEqualTo("username");
      assertThat(answer.cookies()).isEmpty();
    }

    @Test
    void redoesAHashMadeWithOtherArgon2ParametersAtSignInAndKeepsTheAccountsSessions() {
      // the test accounts' hashes are made with m=1024,t=1,p=1; the service hashes with the
      // defaults of security.password_* (m=19456,t=2,p=1)
      String name = viewer(unique("ent"), "rehash-password-1");
      String hashOf = "SELECT password_hash FROM app_user WHERE username = '" + name + "'";
      String changedAt =
          "SELECT password_changed_at || ' ' || must_change_password FROM app_user"
              + " WHERE username = '"
              + name
              + "'";
      String changedBefore = svc.db.text(changedAt);
      assertThat(svc.db.text(hashOf)).startsWith("$argon2id$v=19$m=1024,t=1,p=1$");

      Session first = svc.session(name, "rehash-password-1");

      String redone = svc.db.text(hashOf);
      assertThat(redone).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
      assertThat(svc.db.text(changedAt)).isEqualTo(changedBefore);
      // an older hash again (parameters changed back, say): the next sign-in redoes it, and the
      // session opened before stays signed in
      svc.db.execute(
          "UPDATE app_user SET password_hash = '"
              + new PasswordHasher(1024, 1, 1).hash("rehash-password-1")
              + "' WHERE username = '"
              + name
              + "'");
      Session second = svc.session(name, "rehash-password-1");

      assertThat(svc.db.text(hashOf)).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
      assertThat(me(first.cookie()).statusCode()).isEqualTo(200);
      assertThat(me(second.cookie()).statusCode()).isEqualTo(200);
      // a hash already made with today's parameters is kept, and still signs in
      String kept = svc.db.text(hashOf);
      svc.session(name, "rehash-password-1");
      assertThat(svc.db.text(hashOf)).isEqualTo(kept);
      assertThat(svc.login(name, "rehash-password-2").statusCode()).isEqualTo(401);
    }

    @Test
    void setsAnHttpOnlySameSiteStrictCookieThatIsSecureOnlyBehindTls() {
      String name = viewer(unique("ent"), "cookie-password-1");
      JsonObject creds =
          new JsonObject().put("username", name).put("password", "cookie-password-1");

      HttpResponse<Buffer> plain =
          svc.request(HttpMethod.POST, "/api/v1/auth/login", null).sendJsonObject(creds).await();
      HttpResponse<Buffer> proxied =
          svc.request(HttpMethod.POST, "/api/v1/auth/login", null)
              .putHeader("X-Forwarded-Proto", "https")
              .sendJsonObject(creds)
              .await();

      // OWASP ASVS 4.0 V3.4.1 Secure, V3.4.2 HttpOnly, V3.4.3 SameSite; attribute names are
      // case-insensitive (RFC 6265 §5.2)
      assertThat(plain.cookies())
          .singleElement()
          .asString()
          .containsIgnoringCase("HttpOnly")
          .contains("SameSite=Strict")
          .contains("Path=/")
          .doesNotContainIgnoringCase("Secure");
      assertThat(proxied.cookies())
          .singleElement()
          .asString()
          .containsIgnoringCase("Secure")
          .containsIgnoringCase("HttpOnly");
    }

    @Test
    void refusesFurtherAttemptsAfterTheLimitWith429EvenWithTheRightPassword() {
      String name = viewer(unique("ent"), "throttle-password-1");
      Instant since = Instant.now().minusSeconds(1);
      for (int i = 0; i < 3; i++) {
        assertThat(svc.login(name, "wrong-" + i).statusCode()).isEqualTo(401);
      }

      HttpResponse<Buffer> blocked = svc.login(name, "throttle-password-1");

      // OWASP ASVS 4.0 V2.2.1 anti-automation; RFC 6585 §4 429 with Retry-After
      assertThat(blocked.statusCode()).isEqualTo(429);
      assertThat(Long.parseLong(blocked.getHeader("Retry-After"))).isPositive();
      assertThat(blocked.cookies()).isEmpty();
      await().atMost(Duration.ofSeconds(5)).until(() -> svc.audited("login.throttled", since) >= 1);
      // another account from the same address is not affected
      String other = viewer(unique("ent"), "throttle-password-2");
      assertThat(svc.login(other, "throttle-password-2").statusCode()).isEqualTo(200);
    }

    @Test
    void issuesANewSessionIdAtSignInSoAPlantedIdIsNeverAuthenticatedAsTheVictim() {
      String e = unique("ent");
      String attacker = viewer(unique("other"), "attacker-password-1");
      String victim = viewer(e, "victim-password-1");
      Session planted = svc.session(attacker, "attacker-password-1");

      // the victim signs in in a browser where the attacker planted their own session cookie
      HttpResponse<Buffer> signIn =
          svc.request(HttpMethod.POST, "/api/v1/auth/login", planted)
              .sendJsonObject(
                  new JsonObject().put("username", victim).put("password", "victim-password-1"))
              .await();

      // OWASP ASVS 4.0 V3.2.1: a new session token on authentication (no fixation)
      String issued = SecuredService.sessionCookie(signIn);
      assertThat(issued).isNotNull().isNotEqualTo(planted.cookie());
      assertThat(me(issued).bodyAsJsonObject().getString("subject")).isEqualTo(victim);
      assertThat(me(planted.cookie()).bodyAsJsonObject().getString("role")).isEqualTo("anonymous");
    }

    @Test
    void signingOutEndsTheSessionOnTheServer() {
      String name = viewer(unique("ent"), "logout-password-1");
      Session s = svc.session(name, "logout-password-1");

      HttpResponse<Buffer> out =
          svc.request(HttpMethod.POST, "/api/v1/auth/logout", s).send().await();

      assertThat(out.statusCode()).isEqualTo(200);
      assertThat(out.cookies()).singleElement().asString().contains("Max-Age=0");
      assertThat(me(s.cookie()).bodyAsJsonObject().getString("role")).isEqualTo("anonymous");
    }

    @Test
    void anAccountGivenANewPasswordKeepsNoSessionOpenedWithTheOldOne() {
      // a demo restart resets its accounts' passwords: the sessions signed in with the old ones
      // went on working (OWASP ASVS 4.0 V3.3.3)
      String e = unique("ent");
      String name = viewer(e, "old-password-1");
      Session s = svc.session(name, "old-password-1");
      assertThat(me(s.cookie()).bodyAsJsonObject().getString("role"))
          .isEqualTo("enterprise_viewer");
      svc.access.user(name, Role.ENTERPRISE_VIEWER, e, List.of(), "new-password-2");
      assertThat(me(s.cookie()).bodyAsJsonObject().getString("role")).isEqualTo("anonymous");
      // the new password signs in
      Session again = svc.session(name, "new-password-2");
      assertThat(me(again.cookie()).bodyAsJsonObject().getString("role"))
          .isEqualTo("enterprise_viewer");
    }

    @Test
    void aNewAccountMustChangeItsInitialPasswordBeforeAnythingElse() {
      String e = unique("ent");
      String name = unique("new");
      HttpResponse<Buffer> created =
          svc.withToken(HttpMethod.PUT, "/api/v1/users/" + name, adminToken)
              .sendJsonObject(
                  new JsonObject().put("role", "enterprise_viewer").put("enterprise", e))
              .await();
      assertThat(created.statusCode()).isEqualTo(201);
      String initial = created.bodyAsJsonObject().getString("initial_password");
      Session first = svc.session(name, initial);

      HttpResponse<Buffer> meters =
          svc.request(HttpMethod.GET, "/api/v1/meters", first).send().await();
      HttpResponse<Buffer> weak =
          svc.request(HttpMethod.POST, "/api/v1/auth/password", first)
              .sendJsonObject(
                  new JsonObject().put("current_password", initial).put("new_password", "short"))
              .await();
      HttpResponse<Buffer> changed =
          svc.request(HttpMethod.POST, "/api/v1/auth/password", first)
              .sendJsonObject(
                  new JsonObject()
                      .put("current_password", initial)
                      .put("new_password", "a much longer passphrase"))
              .await();
      Session second =
          new Session(
              SecuredService.sessionCookie(changed),
              changed.bodyAsJsonObject().getString("csrf_token"));

      assertThat(meters.statusCode()).isEqualTo(403);
      assertThat(meters.bodyAsJsonObject().getString("message"))
          .isEqualTo("password_change_required");
      // OWASP ASVS 4.0 V2.1.1: at least 12 characters
      assertThat(weak.statusCode()).isEqualTo(400);
      assertThat(changed.statusCode()).isEqualTo(200);
      assertThat(svc.request(HttpMethod.GET, "/api/v1/meters", second).send().await().statusCode())
          .isEqualTo(200);
      // the change ended the old session (ASVS V3.3.3)
      assertThat(me(first.cookie()).bodyAsJsonObject().getString("role")).isEqualTo("anonymous");
      assertThat(svc.login(name, initial).statusCode()).isEqualTo(401);
    }
  }

  @Nested
  class Csrf {
    @Test
    void refusesACookieAuthenticatedChangeWithoutTheCsrfTokenAndChangesNothing() {
      String name = unique("admin");
      String e = unique("ent");
      svc.access.user(name, Role.ENTERPRISE_ADMIN, e, List.of(), "csrf-password-1");
      Session s = svc.session(name, "csrf-password-1");
      JsonObject meter =
          new JsonObject()
              .put("site", "plant-1")
              .put(
                  "channels",
                  new JsonArray().add(new JsonObject().put("name", "P").put("unit", "KWT")));
      String uri = "/api/v1/enterprises/" + e + "/meters/m-csrf";
      Instant since = Instant.now().minusSeconds(1);

      int missing =
          svc.request(HttpMethod.PUT, uri, new Session(s.cookie(), null))
              .sendJsonObject(meter)
              .await()
              .statusCode();
      int wrong =
          svc.request(HttpMethod.PUT, uri, new Session(s.cookie(), "forged"))
              .sendJsonObject(meter)
              .await()
              .statusCode();
      long metersAfterRefusals = svc.count("select count(*) from meter where code = 'm-csrf'");
      int right = svc.request(HttpMethod.PUT, uri, s).sendJsonObject(meter).await().statusCode();

      // OWASP CSRF Prevention Cheat Sheet: synchronizer token in a custom header
      assertThat(missing).isEqualTo(403);
      assertThat(wrong).isEqualTo(403);
      assertThat(metersAfterRefusals).isZero();
      assertThat(right).isEqualTo(200);
      await().atMost(Duration.ofSeconds(5)).until(() -> svc.audited("access.denied", since) >= 2);
    }

    @Test
    void aTokenAuthenticatedChangeNeedsNoCsrfToken() {
      String e = unique("ent");
      int status =
          svc.withToken(
                  HttpMethod.PUT,
                  "/api/v1/enterprises/" + e + "/sites/plant-1/published",
                  adminToken)
              .sendJsonObject(new JsonObject().put("published", false))
              .await()
              .statusCode();

      assertThat(status).isEqualTo(200);
    }

    @Test
    void signInAcceptsOnlyJsonSoACrossSiteFormCannotSignAVictimIn() {
      int status =
          svc.request(HttpMethod.POST, "/api/v1/auth/login", null)
              .putHeader("Content-Type", "application/x-www-form-urlencoded")
              .sendBuffer(Buffer.buffer("username=a&password=b"))
              .await()
              .statusCode();

      assertThat(status).isEqualTo(415);
    }
  }

  @Nested
  class Tokens {
    @Test
    void aRevokedTokenGets401WithTheInvalidTokenChallenge() {
      String e = unique("ent");
      HttpResponse<Buffer> issued =
          svc.withToken(HttpMethod.POST, "/api/v1/tokens", adminToken)
              .sendJsonObject(
                  new JsonObject()
                      .put("name", "erp")
                      .put("role", "enterprise_viewer")
                      .put("enterprise", e))
              .await();
      assertThat(issued.statusCode()).isEqualTo(201);
      String token = issued.bodyAsJsonObject().getString("token");
      long id = issued.bodyAsJsonObject().getLong("id");
      int before =
          svc.withToken(HttpMethod.GET, "/api/v1/meters", token).send().await().statusCode();

      int revoked =
          svc.withToken(HttpMethod.DELETE, "/api/v1/tokens/" + id, adminToken)
              .send()
              .await()
              .statusCode();
      HttpResponse<Buffer> after =
          svc.withToken(HttpMethod.GET, "/api/v1/meters", token).send().await();

      assertThat(before).isEqualTo(200);
      assertThat(revoked).isEqualTo(200);
      // RFC 6750 §3.1
      assertThat(after.statusCode()).isEqualTo(401);
      assertThat(after.getHeader("WWW-Authenticate")).contains("error=\"invalid_token\"");
    }

    @Test
    void anExpiredTokenGets401() {
      Instant now = Instant.now();
      String token =
          svc.access
              .accounts()
              .issueToken(
                  "old",
                  Role.ENTERPRISE_VIEWER,
                  unique("ent"),
                  "test",
                  now.minus(Duration.ofDays(2)),
                  now.minus(Duration.ofSeconds(1)))
              .token();

      HttpResponse<Buffer> r =
          svc.withToken(HttpMethod.GET, "/api/v1/meters", token).send().await();

      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(r.getHeader("WWW-Authenticate")).contains("invalid_token");
    }

    @Test
    void isShownOnceAndStoredOnlyAsItsHash() {
      HttpResponse<Buffer> issued =
          svc.withToken(HttpMethod.POST, "/api/v1/tokens", adminToken)
              .sendJsonObject(
                  new JsonObject()
                      .put("name", "once")
                      .put("role", "enterprise_viewer")
                      .put("enterprise", unique("ent")))
              .await();
      String token = issued.bodyAsJsonObject().getString("token");

      String listed =
          svc.withToken(HttpMethod.GET, "/api/v1/tokens", adminToken).send().await().bodyAsString();

      assertThat(token).startsWith("et_").hasSizeGreaterThan(40);
      assertThat(listed).doesNotContain(token);
      assertThat(svc.count("select count(*) from api_token where token_hash = '" + token + "'"))
          .isZero();
      assertThat(
              svc.count(
                  "select count(*) from api_token where token_hash = '"
                      + Secrets.sha256(token)
                      + "'"))
          .isEqualTo(1);
    }

    @Test
    void theListSaysWhenEachTokenLastAuthenticatedARequest() {
      String e = unique("ent");
      JsonObject spec = new JsonObject().put("role", "enterprise_viewer").put("enterprise", e);
      String used =
          svc.withToken(HttpMethod.POST, "/api/v1/tokens", adminToken)
              .sendJsonObject(spec.copy().put("name", "used"))
              .await()
              .bodyAsJsonObject()
              .getString("token");
      svc.withToken(HttpMethod.POST, "/api/v1/tokens", adminToken)
          .sendJsonObject(spec.copy().put("name", "idle"))
          .await();
      Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      assertThat(
              svc.withToken(HttpMethod.GET, "/api/v1/quarantine?enterprise=" + e, used)
                  .send()
                  .await()
                  .statusCode())
          .isEqualTo(200);
      Instant after = Instant.now();
      // a second request within the minute writes nothing: the time stays the first one's
      svc.withToken(HttpMethod.GET, "/api/v1/quarantine?enterprise=" + e, used).send().await();

      JsonArray listed =
          svc.withToken(HttpMethod.GET, "/api/v1/tokens", adminToken)
              .send()
              .await()
              .bodyAsJsonObject()
              .getJsonArray("tokens");
      JsonObject u = named(listed, e, "used");
      JsonObject idle = named(listed, e, "idle");
      assertThat(Instant.parse(u.getString("last_used_at"))).isBetween(before, after);
      assertThat(idle.getValue("last_used_at")).isNull();
      assertThat(
              svc.count(
                  "select count(*) from api_token where last_used_at is not null and token_hash = '"
                      + Secrets.sha256(used)
                      + "'"))
          .isEqualTo(1);
    }

    JsonObject named(JsonArray tokens, String enterprise, String name) {
      return tokens.stream()
          .map(x -> (JsonObject) x)
          .filter(
              x -> enterprise.equals(x.getString("enterprise")) && name.equals(x.getString("name")))
          .findFirst()
          .orElseThrow();
    }

    @Test
    void aTokenReachesOnlyItsOwnEnterprise() {
      String mine = unique("ent");
      String theirs = unique("ent");
      String token = svc.access.token(Role.ENTERPRISE_VIEWER, mine, Duration.ofHours(1));

      int own =
          svc.withToken(HttpMethod.GET, "/api/v1/quarantine?enterprise=" + mine, token)
              .send()
              .await()
              .statusCode();
      int other =
          svc.withToken(
                  HttpMethod.GET, "/api/v1/enterprises/" + theirs + "/meters/m/readings", token)
              .send()
              .await()
              .statusCode();

      assertThat(own).isEqualTo(200);
      assertThat(other).isEqualTo(403);
    }
  }

  @Nested
  class Scope {
    @Test
    void anAuditorWhoseAssignmentExpiredSeesNothingOfThatEnterprise() {
      String e = unique("ent");
      String name = unique("auditor");
      svc.access.user(
          name,
          Role.AUDITOR,
          null,
          List.of(new PgAccounts.Assignment(e, Instant.now().minusSeconds(60))),
          "auditor-password-1");
      Session s = svc.session(name, "auditor-password-1");

      int status =
          svc.request(HttpMethod.GET, "/api/v1/quarantine?enterprise=" + e, s)
              .send()
              .await()
              .statusCode();

      assertThat(status).isEqualTo(403);
      assertThat(
              me(s.cookie()).bodyAsJsonObject().getJsonObject("scope").getJsonArray("enterprises"))
          .isEmpty();
    }

    @Test
    void theLiveFeedOfAViewerCarriesOnlyTheirEnterprise() throws Exception {
      String mine = unique("ent");
      String theirs = unique("ent");
      String name = viewer(mine, "live-password-1");
      Session s = svc.session(name, "live-password-1");
      try (LiveStream events =
          LiveStream.open(svc.app.httpPort(), "", "Cookie", "et_session=" + s.cookie())) {
        await().atMost(Duration.ofSeconds(5)).until(() -> events.contains("connected"));

        Instant ts = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(30);
        Gateways.register(svc.db, theirs + "/plant-1/gw-1", mine + "/plant-1/gw-1");
        svc.broker.publish("et/v1/" + theirs + "/plant-1/gw-1/telemetry", telemetry(ts, 666.5));
        svc.broker.publish("et/v1/" + mine + "/plant-1/gw-1/telemetry", telemetry(ts, 42.5));

        await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("42.5"));
        await()
            .atMost(Duration.ofSeconds(5))
            .until(
                () ->
                    svc.count(
                            "select count(*) from reading r join enterprise e using (enterprise_id)"
                                + " where e.code = '"
                                + theirs
                                + "'")
                        == 1);
        assertThat(events.text()).doesNotContain(theirs).doesNotContain("666.5");
      }
    }

    @Test
    void anonymousVisitorsSeeOnlyPublishedSites() {
      String shown = unique("ent");
      String hidden = unique("ent");
      Instant ts = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(30);
      Gateways.register(svc.db, shown + "/plant-1/gw-1", hidden + "/plant-1/gw-1");
      svc.broker.publish("et/v1/" + shown + "/plant-1/gw-1/telemetry", telemetry(ts, 1.0));
      svc.broker.publish("et/v1/" + hidden + "/plant-1/gw-1/telemetry", telemetry(ts, 2.0));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  svc.count(
                          "select count(*) from meter m join enterprise e using (enterprise_id)"
                              + " where e.code in ('"
                              + shown
                              + "','"
                              + hidden
                              + "')")
                      == 2);
      svc.access.publish(shown, "plant-1");

      String meters =
          svc.request(HttpMethod.GET, "/api/v1/meters", null).send().await().bodyAsString();
      int hiddenReadings =
          svc.request(
                  HttpMethod.GET,
                  "/api/v1/enterprises/" + hidden + "/meters/line1-em/readings",
                  null)
              .send()
              .await()
              .statusCode();
      int shownReadings =
          svc.request(
                  HttpMethod.GET,
                  "/api/v1/enterprises/" + shown + "/meters/line1-em/readings",
                  null)
              .send()
              .await()
              .statusCode();

      assertThat(meters).contains(shown).doesNotContain(hidden);
      assertThat(shownReadings).isEqualTo(200);
      assertThat(hiddenReadings).isEqualTo(403);
    }
  }

  @Nested
  class Audit {
    @Test
    void recordsAMeterChangeWithWhoAndTheStateBeforeAndAfter() {
      String e = unique("ent");
      String uri = "/api/v1/enterprises/" + e + "/meters/m-audit";
      JsonObject one =
          new JsonObject()
              .put("site", "plant-1")
              .put(
                  "channels",
                  new JsonArray().add(new JsonObject().put("name", "P").put("unit", "KWT")));
      JsonObject two =
          one.copy()
              .put(
                  "channels",
                  new JsonArray()
                      .add(new JsonObject().put("name", "P").put("unit", "KWT"))
                      .add(
                          new JsonObject()
                              .put("name", "E")
                              .put("unit", "KWH")
                              .put("kind", "counter")));
      svc.withToken(HttpMethod.PUT, uri, adminToken).sendJsonObject(one).await();
      svc.withToken(HttpMethod.PUT, uri, adminToken).sendJsonObject(two).await();

      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> entries(adminToken, "meter.put", e).size() == 2);
      JsonObject latest = entries(adminToken, "meter.put", e).getJsonObject(0);

      assertThat(latest.getString("actor")).startsWith("token:");
      assertThat(latest.getString("target")).isEqualTo("meter:m-audit");
      assertThat(latest.getJsonObject("before").getJsonArray("channels")).hasSize(1);
      assertThat(latest.getJsonObject("after").getJsonArray("channels")).hasSize(2);
      assertThat(entries(adminToken, "meter.put", e).getJsonObject(1).getValue("before")).isNull();
    }

    @Test
    void anAuditorReadsTheAuditEntriesOfTheirEnterprisesOnly() {
      String mine = unique("ent");
      String theirs = unique("ent");
      for (String e : List.of(mine, theirs)) {
        svc.withToken(
                HttpMethod.PUT, "/api/v1/enterprises/" + e + "/sites/plant-1/published", adminToken)
            .sendJsonObject(new JsonObject().put("published", false))
            .await();
      }
      String token = svc.access.token(Role.AUDITOR, mine, Duration.ofHours(1));

      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> entries(adminToken, "site.publish", theirs).size() == 1);
      String seen =
          svc.withToken(HttpMethod.GET, "/api/v1/audit?limit=10000", token)
              .send()
              .await()
              .bodyAsString();

      assertThat(seen).contains(mine).doesNotContain(theirs);
      assertThat(
              svc.withToken(HttpMethod.GET, "/api/v1/audit?enterprise=" + theirs, token)
                  .send()
                  .await()
                  .statusCode())
          .isEqualTo(403);
    }

    @Test
    void aFilterOrCursorOutsideTheDocumentIsRefusedNamingIt() {
      for (String[] bad :
          List.of(
              new String[] {"limit=0", "limit"},
              new String[] {"limit=10001", "limit"},
              new String[] {"before=abc", "before"},
              new String[] {"before=0", "before"},
              new String[] {"outcome=maybe", "outcome"},
              new String[] {"action=Login", "action"},
              new String[] {"enterprise=no%20such", "enterprise"},
              new String[] {"since=2026-12-02T00:00:00Z&until=2026-12-01T00:00:00Z", "until"})) {
        HttpResponse<Buffer> r =
            svc.withToken(HttpMethod.GET, "/api/v1/audit?" + bad[0], adminToken).send().await();

        assertThat(r.statusCode()).as(bad[0]).isEqualTo(400);
        assertThat(r.bodyAsJsonObject().getString("parameter")).as(bad[0]).isEqualTo(bad[1]);
      }
    }

    @Test
    void theLogIsFilteredByOutcomeActorAndTime() {
      String e = unique("ent");
      String publish = "/api/v1/enterprises/" + e + "/sites/plant-1/published";
      JsonObject off = new JsonObject().put("published", false);
      svc.withToken(HttpMethod.PUT, publish, adminToken).sendJsonObject(off).await();
      // another enterprise's administrator, refused on this one: recorded under this one
      String other = svc.access.token(Role.ENTERPRISE_ADMIN, unique("ent"), Duration.ofHours(1));
      assertThat(
              svc.withToken(HttpMethod.PUT, publish, other)
                  .sendJsonObject(off)
                  .await()
                  .statusCode())
          .isEqualTo(403);
      // the enterprise's own viewer, refused by role: listed with the enterprise too
      String viewer = svc.access.token(Role.ENTERPRISE_VIEWER, e, Duration.ofHours(1));
      assertThat(
              svc.withToken(HttpMethod.PUT, publish, viewer)
                  .sendJsonObject(off)
                  .await()
                  .statusCode())
          .isEqualTo(403);
      await().atMost(Duration.ofSeconds(5)).until(() -> audit("enterprise=" + e).size() == 3);
      JsonObject byRole = audit("enterprise=" + e).getJsonObject(0);
      assertThat(byRole.getString("action")).isEqualTo("access.denied");
      assertThat(byRole.getString("detail")).contains("not allowed for role enterprise_viewer");
      // newest first: the viewer's refusal, the other administrator's, the system administrator's
      // change
      JsonObject denied = audit("enterprise=" + e).getJsonObject(1);
      JsonObject done = audit("enterprise=" + e).getJsonObject(2);
      assertThat(denied.getString("outcome")).isEqualTo("denied");
      assertThat(done.getString("outcome")).isEqualTo("success");

      assertThat(ids(audit("enterprise=" + e + "&outcome=denied")))
          .containsExactly(byRole.getLong("id"), denied.getLong("id"));
      assertThat(ids(audit("enterprise=" + e + "&outcome=success")))
          .containsExactly(done.getLong("id"));
      assertThat(ids(audit("enterprise=" + e + "&actor=" + encode(denied.getString("actor")))))
          .containsExactly(denied.getLong("id"));
      // since is inclusive, until exclusive
      String at = encode(denied.getString("at"));
      assertThat(ids(audit("enterprise=" + e + "&since=" + at)))
          .containsExactly(byRole.getLong("id"), denied.getLong("id"));
      assertThat(ids(audit("enterprise=" + e + "&until=" + at)))
          .containsExactly(done.getLong("id"));

      // a filter that is not one is refused naming it
      for (String[] bad :
          List.of(
              new String[] {"outcome=maybe", "outcome"},
              new String[] {"since=yesterday", "since"},
              new String[] {"since=" + at + "&until=" + at, "until"})) {
        HttpResponse<Buffer> r =
            svc.withToken(
                    HttpMethod.GET, "/api/v1/audit?enterprise=" + e + "&" + bad[0], adminToken)
                .send()
                .await();
        assertThat(r.statusCode()).as(bad[0]).isEqualTo(400);
        assertThat(r.bodyAsString()).as(bad[0]).contains(bad[1]);
      }
    }

    @Test
    void theLogIsReadPageByPageWithTheCursorNeitherRepeatingNorSkippingAnEntry() {
      String e = unique("ent");
      String publish = "/api/v1/enterprises/" + e + "/sites/plant-1/published";
      for (int i = 0; i < 5; i++) {
        svc.withToken(HttpMethod.PUT, publish, adminToken)
            .sendJsonObject(new JsonObject().put("published", i % 2 == 0))
            .await();
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> audit("enterprise=" + e).size() == 5);
      List<Long> whole = ids(audit("enterprise=" + e));

      JsonObject first = page("enterprise=" + e + "&limit=2");
      assertThat(ids(first.getJsonArray("entries"))).isEqualTo(whole.subList(0, 2));
      assertThat(first.getLong("next")).isEqualTo(whole.get(1));
      // an entry written while the reader pages: the cursor neither repeats nor pushes one out
      svc.withToken(HttpMethod.PUT, publish, adminToken)
          .sendJsonObject(new JsonObject().put("published", true))
          .await();
      await().atMost(Duration.ofSeconds(5)).until(() -> audit("enterprise=" + e).size() == 6);
      JsonObject second = page("enterprise=" + e + "&limit=2&before=" + first.getLong("next"));
      assertThat(ids(second.getJsonArray("entries"))).isEqualTo(whole.subList(2, 4));
      JsonObject last = page("enterprise=" + e + "&limit=2&before=" + second.getLong("next"));
      // fewer than asked: the end of the log, and no next
      assertThat(ids(last.getJsonArray("entries"))).isEqualTo(whole.subList(4, 5));
      assertThat(last.containsKey("next")).isFalse();

      // a cursor that names no entry is refused naming it
      HttpResponse<Buffer> unknown =
          svc.withToken(HttpMethod.GET, "/api/v1/audit?before=999999999999", adminToken)
              .send()
              .await();
      assertThat(unknown.statusCode()).isEqualTo(400);
      assertThat(unknown.bodyAsString()).contains("before").contains("999999999999");
    }

    JsonObject page(String query) {
      HttpResponse<Buffer> r =
          svc.withToken(HttpMethod.GET, "/api/v1/audit?" + query, adminToken).send().await();
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
      return r.bodyAsJsonObject();
    }

    JsonArray audit(String query) {
      return svc.withToken(HttpMethod.GET, "/api/v1/audit?" + query, adminToken)
          .send()
          .await()
          .bodyAsJsonObject()
          .getJsonArray("entries");
    }

    List<Long> ids(JsonArray entries) {
      return entries.stream().map(x -> ((JsonObject) x).getLong("id")).toList();
    }

    String encode(String value) {
      return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    JsonArray entries(String token, String action, String enterprise) {
      return svc.withToken(
              HttpMethod.GET, "/api/v1/audit?action=" + action + "&enterprise=" + enterprise, token)
          .send()
          .await()
          .bodyAsJsonObject()
          .getJsonArray("entries");
    }
  }

  static String telemetry(Instant at, double value) {
    return """
        {"schema_version":1,"gateway":"gw-1","seq":1,"sent_at":"%s","points":[
         {"meter":"line1-em","channel":"AcActivePowerTotal","ts":"%s","value":%s,"unit":"KWT","quality":"good"}]}
        """
        .formatted(at, at, value);
  }
}
