package org.energytrace.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.energytrace.ingest.config.SecurityConfig;
import org.energytrace.ingest.fixtures.SecuredService;
import org.energytrace.ingest.fixtures.SecuredService.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * API tokens of the programme's officers (issue 16): a district focal point or a province script
 * pulls its area's registry, indicators and reports with a token of the officer's own role and
 * area, read-only unless granted, bounded on every request by what the officer's account holds now.
 *
 * <p>The registry: enterprise A lies in district D1 and park P1, B in district D2 and park P2, C in
 * district D3. The district officer holds D1 and D2, the park officer P1.
 */
class AreaTokensIT {
  static SecuredService svc;
  static String root;
  static final String SUFFIX = UUID.randomUUID().toString().substring(0, 6);
  static final String A = "at-a-" + SUFFIX;
  static final String B = "at-b-" + SUFFIX;
  static final String C = "at-c-" + SUFFIX;
  static final String D1 = "Quận Một " + SUFFIX;
  static final String D2 = "Quận Hai " + SUFFIX;
  static final String D3 = "Quận Ba " + SUFFIX;
  static final String P1 = "KCN Một " + SUFFIX;
  static final String P2 = "KCN Hai " + SUFFIX;
  static final String PASSWORD = "area-token-password-1";
  static String district;
  static String park;
  static String province;

  @BeforeAll
  static void start() {
    svc = SecuredService.start(SecurityConfig.defaults());
    root = svc.access.systemAdminToken();
    facility(A, D1, P1);
    facility(B, D2, P2);
    facility(C, D3, null);
    district = officer(Role.DISTRICT_OFFICER, new JsonObject().put("districts", List.of(D1, D2)));
    park = officer(Role.PARK_OFFICER, new JsonObject().put("parks", List.of(P1)));
    province = "at-pro-" + SUFFIX;
    svc.access.user(province, Role.PROVINCE_OFFICER, null, List.of(), PASSWORD);
  }

  @AfterAll
  static void stop() throws Exception {
    if (svc != null) {
      svc.close();
    }
  }

  static void facility(String e, String district, String park) {
    JsonObject body =
        new JsonObject()
            .put("legal_name_vi", "Công ty " + e)
            .put("vsic", "1050")
            .put("district", district);
    if (park != null) {
      body.put("industrial_park", park);
    }
    var r =
        svc.withToken(HttpMethod.PUT, "/api/v1/programme/facilities/" + e, root)
            .sendJsonObject(body)
            .await();
    assertThat(r.statusCode()).as(r.bodyAsString()).isBetween(200, 201);
    var o =
        svc.withToken(HttpMethod.PUT, "/api/v1/programme/facilities/" + e + "/officers/o1", root)
            .sendJsonObject(new JsonObject().put("name", "Nguyễn Văn A"))
            .await();
    assertThat(o.statusCode()).as(o.bodyAsString()).isBetween(200, 201);
  }

  static String officer(Role role, JsonObject area) {
    String name =
        role.wire().replace('_', '-') + "-" + UUID.randomUUID().toString().substring(0, 8);
    svc.access.user(name, role, null, List.of(), PASSWORD);
    setArea(name, area);
    return name;
  }

  static void setArea(String username, JsonObject area) {
    var r =
        svc.withToken(HttpMethod.PUT, "/api/v1/programme/officer-areas/" + username, root)
            .sendJsonObject(area)
            .await();
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
  }

  static Session signIn(String username) {
    return svc.session(username, PASSWORD);
  }

  static HttpResponse<Buffer> issue(Session s, JsonObject body) {
    return svc.request(HttpMethod.POST, "/api/v1/tokens", s).sendJsonObject(body).await();
  }

  static JsonObject issued(Session s, JsonObject body) {
    HttpResponse<Buffer> r = issue(s, body);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    return r.bodyAsJsonObject();
  }

  static int get(String token, String uri) {
    return svc.withToken(HttpMethod.GET, uri, token).send().await().statusCode();
  }

  static String facilityUri(String e) {
    return "/api/v1/programme/facilities/" + e;
  }

  static String areaReport(String kind, String name) {
    return "/api/v1/programme/"
        + kind
        + "/"
        + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20")
        + "/report?period=2026-H1&format=xlsx&lang=en";
  }

  static String indicators(String districtFilter) {
    return "/api/v1/programme/indicators?as_of=2026-06-30&district="
        + URLEncoder.encode(districtFilter, StandardCharsets.UTF_8);
  }

  static int recordTraining(String token, String e) {
    return svc.withToken(HttpMethod.POST, facilityUri(e) + "/officers/o1/trainings", token)
        .sendJsonObject(
            new JsonObject()
                .put("course", "SXSH " + UUID.randomUUID())
                .put("date", "2026-02-01")
                .put("completed", true))
        .await()
        .statusCode();
  }

  @Test
  void aDistrictTokenReadsOnlyTheDistrictsItWasIssuedFor() {
    Session s = signIn(district);
    JsonObject t =
        issued(
            s,
            new JsonObject()
                .put("name", "d1 script")
                .put("role", "district_officer")
                .put("districts", new JsonArray().add(D1)));
    String token = t.getString("token");

    assertThat(t.getJsonArray("districts")).containsExactly(D1);
    assertThat(t.getBoolean("write")).isFalse();
    assertThat(get(token, facilityUri(A))).isEqualTo(200);
    // D2 is the officer's, but not the token's; D3 is neither
    assertThat(get(token, facilityUri(B))).isEqualTo(403);
    assertThat(get(token, facilityUri(C))).isEqualTo(403);
    HttpResponse<Buffer> listed =
        svc.withToken(HttpMethod.GET, "/api/v1/programme/facilities", token).send().await();
    assertThat(listed.bodyAsString()).contains(A).doesNotContain(B).doesNotContain(C);
    assertThat(get(token, areaReport("districts", D1))).isEqualTo(200);
    assertThat(get(token, areaReport("districts", D2))).isEqualTo(403);
    HttpResponse<Buffer> other =
        svc.withToken(HttpMethod.GET, indicators(D2), token).send().await();
    // the officer's other district is not the token's: refused, as its report is
    assertThat(other.statusCode()).isEqualTo(403);
    assertThat(other.bodyAsString()).contains("district out of scope").doesNotContain(B);
    assertThat(get(token, indicators(D1))).isEqualTo(200);
    // enterprise data outside the area: not even its energy meters
    assertThat(get(token, "/api/v1/enterprises/" + C + "/energy-meters")).isEqualTo(403);
    assertThat(get(token, "/api/v1/enterprises/" + A + "/energy-meters")).isEqualTo(200);
  }

  @Test
  void withoutDistrictsATokenHasTheOfficersAreaAndLosesADistrictTheOfficerIsMovedOff() {
    String mover =
        officer(Role.DISTRICT_OFFICER, new JsonObject().put("districts", List.of(D1, D2)));
    JsonObject t =
        issued(signIn(mover), new JsonObject().put("name", "all").put("role", "district_officer"));
    String token = t.getString("token");
    assertThat(t.getJsonArray("districts")).containsExactlyInAnyOrder(D1, D2);
    assertThat(get(token, facilityUri(A))).isEqualTo(200);
    assertThat(get(token, facilityUri(B))).isEqualTo(200);

    setArea(mover, new JsonObject().put("districts", List.of(D2, D3)));

    assertThat(get(token, facilityUri(A))).isEqualTo(403);
    assertThat(get(token, areaReport("districts", D1))).isEqualTo(403);
    assertThat(get(token, facilityUri(B))).isEqualTo(200);
    // the officer's new district is not the token's
    assertThat(get(token, facilityUri(C))).isEqualTo(403);
  }

  @Test
  void aParkTokenReadsOnlyItsParks() {
    String token =
        issued(signIn(park), new JsonObject().put("name", "park").put("role", "park_officer"))
            .getString("token");

    assertThat(get(token, facilityUri(A))).isEqualTo(200);
    assertThat(get(token, facilityUri(B))).isEqualTo(403);
    assertThat(get(token, facilityUri(C))).isEqualTo(403);
    assertThat(get(token, areaReport("parks", P1))).isEqualTo(200);
    assertThat(get(token, areaReport("parks", P2))).isEqualTo(403);
    // a park token is not a district officer's
    assertThat(get(token, areaReport("districts", D1))).isEqualTo(403);
  }

  @Test
  void anOfficerDelegatesNoMoreThanTheirOwnRoleAndArea() {
    Session s = signIn(district);
    HttpResponse<Buffer> foreign =
        issue(
            s,
            new JsonObject()
                .put("name", "d3")
                .put("role", "district_officer")
                .put("districts", new JsonArray().add(D1).add(D3)));
    HttpResponse<Buffer> province =
        issue(s, new JsonObject().put("name", "p").put("role", "province_officer"));
    HttpResponse<Buffer> viewer =
        issue(
            s,
            new JsonObject()
                .put("name", "v")
                .put("role", "enterprise_viewer")
                .put("enterprise", A));
    HttpResponse<Buffer> parkToken =
        issue(s, new JsonObject().put("name", "pk").put("role", "park_officer"));
    HttpResponse<Buffer> admin =
        issue(signIn(park), new JsonObject().put("name", "x").put("role", "system_admin"));

    assertThat(foreign.statusCode()).as(foreign.bodyAsString()).isEqualTo(403);
    assertThat(foreign.bodyAsString()).contains(D3);
    assertThat(province.statusCode()).isEqualTo(403);
    assertThat(viewer.statusCode()).isEqualTo(403);
    assertThat(parkToken.statusCode()).isEqualTo(403);
    assertThat(admin.statusCode()).isEqualTo(403);
  }

  @Test
  void badAreaTokenRequestsNameTheField() {
    Session s = signIn(district);
    for (var bad :
        List.of(
            List.of(
                new JsonObject()
                    .put("name", "x")
                    .put("role", "district_officer")
                    .put("enterprise", A),
                "enterprise"),
            List.of(
                new JsonObject()
                    .put("name", "x")
                    .put("role", "district_officer")
                    .put("parks", new JsonArray().add(P1)),
                "parks"),
            List.of(
                new JsonObject()
                    .put("name", "x")
                    .put("role", "district_officer")
                    .put("districts", new JsonArray()),
                "districts"),
            List.of(
                new JsonObject()
                    .put("name", "x")
                    .put("role", "district_officer")
                    .put("districts", new JsonArray().add(42)),
                "districts"),
            List.of(
                new JsonObject()
                    .put("name", "x")
                    .put("role", "district_officer")
                    .put("write", "yes"),
                "write"))) {
      HttpResponse<Buffer> r = issue(s, (JsonObject) bad.get(0));
      assertThat(r.statusCode()).as(bad.get(0) + " → " + r.bodyAsString()).isEqualTo(400);
      assertThat(r.bodyAsJsonObject().getString("parameter")).isEqualTo(bad.get(1));
    }
    // a system administrator names the districts of a district_officer token
    HttpResponse<Buffer> r =
        svc.withToken(HttpMethod.POST, "/api/v1/tokens", root)
            .sendJsonObject(new JsonObject().put("name", "x").put("role", "district_officer"))
            .await();
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.bodyAsJsonObject().getString("parameter")).isEqualTo("districts");
  }

  @Test
  void tokensAreReadOnlyUnlessGrantedAndNeverIssueTokens() {
    Session s = signIn(district);
    String readOnly =
        issued(s, new JsonObject().put("name", "ro").put("role", "district_officer"))
            .getString("token");
    JsonObject w =
        issued(
            s,
            new JsonObject().put("name", "rw").put("role", "district_officer").put("write", true));
    String writer = w.getString("token");

    assertThat(w.getBoolean("write")).isTrue();
    assertThat(recordTraining(readOnly, A)).isEqualTo(403);
    assertThat(recordTraining(writer, A)).isEqualTo(201);
    assertThat(recordTraining(writer, C)).isEqualTo(403);
    // tokens are managed signed in, even with a write grant
    assertThat(
            svc.withToken(HttpMethod.POST, "/api/v1/tokens", writer)
                .sendJsonObject(new JsonObject().put("name", "m").put("role", "district_officer"))
                .await()
                .statusCode())
        .isEqualTo(403);
    assertThat(
            svc.withToken(HttpMethod.DELETE, "/api/v1/tokens/" + w.getLong("id"), writer)
                .send()
                .await()
                .statusCode())
        .isEqualTo(403);
  }

  @Test
  void aProvinceTokenReadsEveryAreaAndAdministersNothingUnlessGranted() {
    Session s = signIn(province);
    String token =
        issued(s, new JsonObject().put("name", "province script").put("role", "province_officer"))
            .getString("token");

    assertThat(get(token, facilityUri(C))).isEqualTo(200);
    assertThat(get(token, areaReport("districts", D3))).isEqualTo(200);
    assertThat(get(token, "/api/v1/programme/indicators?as_of=2026-06-30")).isEqualTo(200);
    int put =
        svc.withToken(HttpMethod.PUT, facilityUri(C), token)
            .sendJsonObject(
                new JsonObject()
                    .put("legal_name_vi", "Công ty " + C)
                    .put("vsic", "1050")
                    .put("district", D1))
            .await()
            .statusCode();
    assertThat(put).isEqualTo(403);
    assertThat(get(root, facilityUri(C))).isEqualTo(200);
    assertThat(svc.withToken(HttpMethod.GET, facilityUri(C), root).send().await().bodyAsString())
        .contains(D3);
  }

  @Test
  void anOfficerListsAndRevokesOnlyTheirOwnTokensAndARevokedTokenGets401() {
    Instant since = Instant.now().minusSeconds(5);
    Session s = signIn(district);
    JsonObject mine =
        issued(s, new JsonObject().put("name", "to revoke").put("role", "district_officer"));
    JsonObject theirs =
        issued(signIn(park), new JsonObject().put("name", "park's").put("role", "park_officer"));
    JsonObject provinces =
        issued(
            signIn(province), new JsonObject().put("name", "pro").put("role", "province_officer"));
    String token = mine.getString("token");
    assertThat(get(token, facilityUri(A))).isEqualTo(200);

    HttpResponse<Buffer> list = svc.request(HttpMethod.GET, "/api/v1/tokens", s).send().await();
    JsonArray listed = list.bodyAsJsonObject().getJsonArray("tokens");
    List<Long> ids = listed.stream().map(o -> ((JsonObject) o).getLong("id")).toList();
    assertThat(ids).contains(mine.getLong("id")).doesNotContain(theirs.getLong("id"));
    // the secret is shown once, never listed
    assertThat(list.bodyAsString()).doesNotContain(token);
    // a province officer sees every enterprise, but not the other officers' tokens
    HttpResponse<Buffer> provinceList =
        svc.request(HttpMethod.GET, "/api/v1/tokens", signIn(province)).send().await();
    assertThat(
            provinceList.bodyAsJsonObject().getJsonArray("tokens").stream()
                .map(o -> ((JsonObject) o).getLong("id")))
        .contains(provinces.getLong("id"))
        .doesNotContain(mine.getLong("id"), theirs.getLong("id"));
    assertThat(
            svc.request(HttpMethod.DELETE, "/api/v1/tokens/" + theirs.getLong("id"), s)
                .send()
                .await()
                .statusCode())
        .isEqualTo(404);
    assertThat(
            svc.request(HttpMethod.DELETE, "/api/v1/tokens/" + mine.getLong("id"), signIn(province))
                .send()
                .await()
                .statusCode())
        .isEqualTo(404);

    HttpResponse<Buffer> revoked =
        svc.request(HttpMethod.DELETE, "/api/v1/tokens/" + mine.getLong("id"), s).send().await();
    assertThat(revoked.statusCode()).as(revoked.bodyAsString()).isEqualTo(200);
    HttpResponse<Buffer> after =
        svc.withToken(HttpMethod.GET, facilityUri(A), token).send().await();
    assertThat(after.statusCode()).isEqualTo(401);
    assertThat(after.getHeader("WWW-Authenticate")).contains("invalid_token");
    assertThat(get(theirs.getString("token"), facilityUri(A))).isEqualTo(200);
    assertThat(svc.audited("token.create", since)).isGreaterThanOrEqualTo(3);
    assertThat(svc.audited("token.revoke", since)).isGreaterThanOrEqualTo(1);
    assertThat(
            svc.count(
                "select count(*) from audit_log where action = 'token.create' and actor = '"
                    + district
                    + "' and target = 'token:"
                    + mine.getLong("id")
                    + "' and after_state::text like '%"
                    + D1
                    + "%'"))
        .isEqualTo(1);
  }

  @Test
  void aDisabledOfficersTokensGet401AndTheSecretIsStoredOnlyHashed() {
    String leaving =
        officer(Role.PARK_OFFICER, new JsonObject().put("parks", new JsonArray().add(P1)));
    JsonObject t =
        issued(signIn(leaving), new JsonObject().put("name", "left").put("role", "park_officer"));
    String token = t.getString("token");
    assertThat(
            svc.count(
                "select count(*) from api_token where token_id = "
                    + t.getLong("id")
                    + " and token_hash = encode(sha256(convert_to('"
                    + token
                    + "', 'UTF8')), 'hex')"))
        .isEqualTo(1);
    assertThat(
            svc.count(
                "select count(*) from api_token where token_hash like '%"
                    + token.substring(3, 20)
                    + "%' or name like '%"
                    + token.substring(3, 20)
                    + "%'"))
        .isZero();
    assertThat(get(token, facilityUri(A))).isEqualTo(200);

    var disable =
        svc.withToken(HttpMethod.PUT, "/api/v1/users/" + leaving, root)
            .sendJsonObject(new JsonObject().put("role", "park_officer").put("disabled", true))
            .await();
    assertThat(disable.statusCode()).as(disable.bodyAsString()).isEqualTo(200);

    assertThat(get(token, facilityUri(A))).isEqualTo(401);
  }
}
