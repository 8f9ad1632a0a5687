package org.energytrace.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.energytrace.ingest.config.SecurityConfig;
import org.energytrace.ingest.fixtures.SecuredService;
import org.energytrace.ingest.fixtures.SecuredService.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An API token acts for the account that issued it: on every request its rights are those of its
 * own role and scope intersected with its owner's current role, scope and state (issue 11: a token
 * issued by an administrator kept working after the administrator was disabled and demoted, and
 * created a new enterprise administrator).
 */
class TokenRightsIT {
  static SecuredService svc;
  static String rootToken;

  @BeforeAll
  static void start() {
    svc = SecuredService.start(SecurityConfig.defaults());
    rootToken = svc.access.systemAdminToken();
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

  /** A signed-in system administrator and a system_admin token they issued through the API. */
  record Issuer(String username, String token) {}

  static Issuer systemAdminWithToken() {
    String name = unique("boss");
    svc.access.user(name, Role.SYSTEM_ADMIN, null, List.of(), "boss-password-1");
    Session s = svc.session(name, "boss-password-1");
    HttpResponse<Buffer> issued =
        svc.request(HttpMethod.POST, "/api/v1/tokens", s)
            .sendJsonObject(new JsonObject().put("name", "ci").put("role", "system_admin"))
            .await();
    assertThat(issued.statusCode()).as(issued.bodyAsString()).isEqualTo(201);
    return new Issuer(name, issued.bodyAsJsonObject().getString("token"));
  }

  static int putUser(String token, String username, JsonObject account) {
    return svc.withToken(HttpMethod.PUT, "/api/v1/users/" + username, token)
        .sendJsonObject(account)
        .await()
        .statusCode();
  }

  static int changeIssuer(String username, JsonObject account) {
    return putUser(rootToken, username, account);
  }

  @Test
  void anEnterpriseAdministratorWhoNamesNoEnterpriseIsToldToNameOne() {
    String admin =
        svc.access.token(Role.ENTERPRISE_ADMIN, unique("ent"), java.time.Duration.ofHours(1));

    HttpResponse<Buffer> r =
        svc.withToken(HttpMethod.POST, "/api/v1/tokens", admin)
            .sendJsonObject(new JsonObject().put("name", "x").put("role", "enterprise_viewer"))
            .await();

    // it said "an enterprise outside the own scope" of a request that named none
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.bodyAsJsonObject().getString("message"))
        .contains("field enterprise")
        .doesNotContain("outside");
  }

  @Test
  void aTokenStopsWorkingWhenTheAccountThatIssuedItIsDisabled() {
    Issuer boss = systemAdminWithToken();
    int before =
        svc.withToken(HttpMethod.GET, "/api/v1/users", boss.token()).send().await().statusCode();

    assertThat(
            changeIssuer(
                boss.username(),
                new JsonObject().put("role", "system_admin").put("disabled", true)))
        .isEqualTo(200);
    HttpResponse<Buffer> after =
        svc.withToken(HttpMethod.GET, "/api/v1/users", boss.token()).send().await();
    int create =
        putUser(
            boss.token(),
            unique("mole"),
            new JsonObject().put("role", "enterprise_admin").put("enterprise", unique("ent")));

    assertThat(before).isEqualTo(200);
    // RFC 6750 §3.1: the token is no longer valid
    assertThat(after.statusCode()).isEqualTo(401);
    assertThat(after.getHeader("WWW-Authenticate")).contains("invalid_token");
    assertThat(create).isEqualTo(401);
  }

  @Test
  void aTokenOfADemotedAdministratorHasOnlyTheRightsTheAccountStillHas() {
    Issuer boss = systemAdminWithToken();
    String own = unique("own");
    String other = unique("other");
    // a token issued by that token before the demotion is bound to the same account
    HttpResponse<Buffer> chained =
        svc.withToken(HttpMethod.POST, "/api/v1/tokens", boss.token())
            .sendJsonObject(new JsonObject().put("name", "chained").put("role", "system_admin"))
            .await();
    assertThat(chained.statusCode()).isEqualTo(201);
    String chainedToken = chained.bodyAsJsonObject().getString("token");

    assertThat(
            changeIssuer(
                boss.username(),
                new JsonObject().put("role", "enterprise_admin").put("enterprise", own)))
        .isEqualTo(200);

    for (String token : List.of(boss.token(), chainedToken)) {
      // nothing beyond the enterprise the account now administers
      assertThat(
              putUser(
                  token,
                  unique("mole"),
                  new JsonObject().put("role", "enterprise_admin").put("enterprise", other)))
          .isEqualTo(403);
      assertThat(putUser(token, unique("root"), new JsonObject().put("role", "system_admin")))
          .isEqualTo(403);
      assertThat(
              svc.withToken(HttpMethod.GET, "/api/v1/audit?enterprise=" + other, token)
                  .send()
                  .await()
                  .statusCode())
          .isEqualTo(403);
      // what the account may still do, the token may do
      assertThat(
              putUser(
                  token,
                  unique("colleague"),
                  new JsonObject().put("role", "enterprise_viewer").put("enterprise", own)))
          .isEqualTo(201);
    }
    HttpResponse<Buffer> me =
        svc.withToken(HttpMethod.GET, "/api/v1/auth/me", boss.token()).send().await();
    assertThat(me.bodyAsJsonObject().getJsonObject("scope").getBoolean("all_enterprises"))
        .isFalse();
    assertThat(me.bodyAsJsonObject().getJsonObject("scope").getJsonArray("enterprises"))
        .containsExactly(own);
  }

  @Test
  void aTokenOfAnAccountDemotedToViewerMayNoLongerChangeAnything() {
    Issuer boss = systemAdminWithToken();
    String own = unique("own");
    assertThat(
            changeIssuer(
                boss.username(),
                new JsonObject().put("role", "enterprise_viewer").put("enterprise", own)))
        .isEqualTo(200);

    int write =
        svc.withToken(
                HttpMethod.PUT,
                "/api/v1/enterprises/" + own + "/sites/plant-1/published",
                boss.token())
            .sendJsonObject(new JsonObject().put("published", true))
            .await()
            .statusCode();
    int read =
        svc.withToken(HttpMethod.GET, "/api/v1/quarantine?enterprise=" + own, boss.token())
            .send()
            .await()
            .statusCode();

    assertThat(write).isEqualTo(403);
    assertThat(read).isEqualTo(200);
  }
}
