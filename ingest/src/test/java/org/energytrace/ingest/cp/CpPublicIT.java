package org.energytrace.ingest.cp;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.energytrace.ingest.auth.Role;
import org.energytrace.ingest.config.SecurityConfig;
import org.energytrace.ingest.fixtures.SecuredService;
import org.energytrace.ingest.fixtures.SecuredService.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The public CP section (issue 18): province officers write news, activities and the yearly plan,
 * every change audited; anyone reads, without signing in, only what was published.
 */
class CpPublicIT {
  static SecuredService svc;
  static final String S = UUID.randomUUID().toString().substring(0, 6);
  static Session province;
  static Session enterpriseAdmin;

  @BeforeAll
  static void start() {
    svc = SecuredService.start(SecurityConfig.defaults());
    svc.access.user("pub-p-" + S, Role.PROVINCE_OFFICER, null, List.of(), "pw-" + S);
    province = svc.session("pub-p-" + S, "pw-" + S);
    svc.access.user("pub-e-" + S, Role.ENTERPRISE_ADMIN, "pub-ent-" + S, List.of(), "pw-" + S);
    enterpriseAdmin = svc.session("pub-e-" + S, "pw-" + S);
  }

  @AfterAll
  static void stop() throws Exception {
    if (svc != null) {
      svc.close();
    }
  }

  static int put(Session s, String code, JsonObject body) {
    return svc.request(HttpMethod.PUT, "/api/v1/cp-public/items/" + code, s)
        .sendJsonObject(body)
        .await()
        .statusCode();
  }

  static JsonObject anonymous() {
    var r = svc.request(HttpMethod.GET, "/api/v1/cp-public", null).send().await();
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  static List<String> codes(JsonArray items) {
    return items.stream().map(o -> ((JsonObject) o).getString("code")).toList();
  }

  static long audited(String action, String code) {
    return svc.count(
        "select count(*) from audit_log where action = '"
            + action
            + "' and target = '"
            + code
            + "'");
  }

  @Test
  void onlyPublishedItemsAreShownToThePublicAndEveryEditIsAudited() {
    String workshop = "ws-" + S;
    String draft = "draft-" + S;
    String plan = "plan-" + S;
    assertThat(
            put(
                province,
                workshop,
                new JsonObject()
                    .put("kind", "workshop")
                    .put("title_vi", "Hội thảo SXSH ngành bia")
                    .put("title_en", "CP workshop for breweries")
                    .put("date", "2026-03-12")
                    .put("attendance", 45)
                    .put("published", true)))
        .isEqualTo(201);
    JsonObject draftBody =
        new JsonObject().put("kind", "news").put("title_vi", "Bản nháp chưa công bố " + S);
    assertThat(put(province, draft, draftBody)).isEqualTo(201);
    assertThat(
            put(
                province,
                plan,
                new JsonObject()
                    .put("kind", "plan")
                    .put("title_vi", "Kế hoạch SXSH năm 2026")
                    .put("plan_year", 2026)
                    .put("published", true)))
        .isEqualTo(201);

    JsonObject shown = anonymous();
    assertThat(codes(shown.getJsonArray("activities"))).contains(workshop).doesNotContain(draft);
    assertThat(shown.encode()).doesNotContain("Bản nháp chưa công bố " + S);
    assertThat(codes(shown.getJsonArray("plans"))).contains(plan);
    JsonObject ws =
        shown.getJsonArray("activities").stream()
            .map(JsonObject.class::cast)
            .filter(o -> o.getString("code").equals(workshop))
            .findFirst()
            .orElseThrow();
    assertThat(ws.getInteger("attendance")).isEqualTo(45);
    assertThat(shown.getJsonObject("catalogue").getJsonArray("entries")).isNotNull();

    // published later: shown, and the change audited with the state before
    assertThat(put(province, draft, draftBody.copy().put("published", true))).isEqualTo(200);
    assertThat(codes(anonymous().getJsonArray("activities"))).contains(draft);
    assertThat(audited("cp.public.create", draft)).isEqualTo(1);
    assertThat(audited("cp.public.update", draft)).isEqualTo(1);
    assertThat(
            svc.db.text(
                "select before_state->>'published' from audit_log where action ="
                    + " 'cp.public.update' and target = '"
                    + draft
                    + "'"))
        .isEqualTo("false");
  }

  @Test
  void onlyTheProvincesStaffEditAndBadFieldsAreNamed() {
    JsonObject body = new JsonObject().put("kind", "news").put("title_vi", "Tin");
    assertThat(put(enterpriseAdmin, "x-" + S, body)).isEqualTo(403);
    assertThat(put(null, "x-" + S, body)).isEqualTo(401);
    var r =
        svc.request(HttpMethod.PUT, "/api/v1/cp-public/items/p-" + S, province)
            .sendJsonObject(new JsonObject().put("kind", "plan").put("title_vi", "Kế hoạch"))
            .await();
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.bodyAsJsonObject().getString("parameter")).isEqualTo("plan_year");
    var k =
        svc.request(HttpMethod.PUT, "/api/v1/cp-public/items/p-" + S, province)
            .sendJsonObject(new JsonObject().put("kind", "party").put("title_vi", "x"))
            .await();
    assertThat(k.bodyAsJsonObject().getString("parameter")).isEqualTo("kind");
  }
}
