package org.energytrace.ingest.programme;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
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
 * The programme's targets against the running service (issue 16, programme administration): the
 * bundled defaults until the province stores a set, a set in force from its date with who, when and
 * why, the history kept, every change audited, bad input refused naming the field with nothing
 * stored, and the area officers reading but not changing them.
 */
class ProgrammeTargetsIT {
  static SecuredService svc;
  static final String S = UUID.randomUUID().toString().substring(0, 6);
  static Session province;
  static Session district;

  @BeforeAll
  static void start() {
    svc = SecuredService.start(SecurityConfig.defaults());
    svc.access.user("pt-" + S, Role.PROVINCE_OFFICER, null, List.of(), "pw-" + S);
    province = svc.session("pt-" + S, "pw-" + S);
    svc.access.user("dt-" + S, Role.DISTRICT_OFFICER, null, List.of(), "pw-" + S);
    district = svc.session("dt-" + S, "pw-" + S);
  }

  @AfterAll
  static void stop() throws Exception {
    if (svc != null) {
      svc.close();
    }
  }

  static HttpResponse<Buffer> set(Session who, JsonObject body) {
    return svc.request(HttpMethod.POST, "/api/v1/programme/targets", who)
        .sendJsonObject(body)
        .await();
  }

  static JsonObject targets(Session who, String asOf) {
    var r =
        svc.request(HttpMethod.GET, "/api/v1/programme/targets?as_of=" + asOf, who).send().await();
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  static double target(JsonObject answer, String key) {
    return answer.getJsonObject("in_force").getJsonObject(key).getDouble("target");
  }

  static JsonObject body(String from, String reason, JsonObject targets) {
    JsonObject b = new JsonObject().put("effective_from", from).put("targets", targets);
    return reason == null ? b : b.put("reason", reason);
  }

  static long audited() {
    return svc.count("select count(*) from audit_log where action = 'programme.targets.set'");
  }

  @Test
  void aSetAppliesFromItsDateWithWhoWhenAndWhyAndTheHistoryKeepsEveryChange() throws Exception {
    // nothing stored for 2040: the bundled table's 2016-2020 targets, carried forward
    JsonObject before = targets(district, "2040-06-30");
    assertThat(before.getString("targets_source")).isEqualTo("bundled");
    assertThat(target(before, "aware")).isEqualTo(0.9);
    assertThat(target(before, "saving_high")).isEqualTo(0.13);
    long audits = audited();

    var r =
        set(
            province,
            body(
                "2040-01-01",
                "Kế hoạch SXSH của tỉnh 2040",
                new JsonObject().put("aware", 0.95).put("saving_high", 0.15)));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    JsonObject stored = r.bodyAsJsonObject().getJsonObject("stored");
    assertThat(stored.getString("set_by")).isEqualTo("pt-" + S);
    assertThat(stored.getString("reason")).isEqualTo("Kế hoạch SXSH của tỉnh 2040");
    assertThat(stored.getString("set_at")).isNotBlank();
    // the targets left out keep the value in force on that date
    assertThat(stored.getJsonObject("targets").getDouble("applying")).isEqualTo(0.5);
    assertThat(audited()).isEqualTo(audits + 1);

    JsonObject after = targets(district, "2040-06-30");
    assertThat(after.getString("targets_source")).isEqualTo("stored");
    assertThat(target(after, "aware")).isEqualTo(0.95);
    assertThat(target(after, "saving_high")).isEqualTo(0.15);
    assertThat(target(after, "saving_low")).isEqualTo(0.08);
    assertThat(after.getJsonObject("bundled").getJsonObject("aware").getDouble("target"))
        .isEqualTo(0.9);
    // the day before its date the bundled table still applies
    assertThat(targets(district, "2039-12-31").getString("targets_source")).isEqualTo("bundled");

    // a correction of the same date replaces it from then on; both stay in the history
    var again =
        set(province, body("2040-01-01", "typo in aware", new JsonObject().put("aware", 0.92)));
    assertThat(again.statusCode()).as(again.bodyAsString()).isEqualTo(201);
    JsonObject corrected = targets(province, "2040-06-30");
    assertThat(target(corrected, "aware")).isEqualTo(0.92);
    assertThat(target(corrected, "saving_high")).isEqualTo(0.15);
    JsonArray history = corrected.getJsonArray("history");
    assertThat(history.stream().map(h -> ((JsonObject) h).getString("reason")))
        .containsSubsequence("typo in aware", "Kế hoạch SXSH của tỉnh 2040");
    assertThat(audited()).isEqualTo(audits + 2);

    // the indicators of a date after it compare against it
    var ind =
        svc.request(HttpMethod.GET, "/api/v1/programme/indicators?as_of=2040-06-30", district)
            .send()
            .await();
    assertThat(ind.statusCode()).as(ind.bodyAsString()).isEqualTo(200);
    assertThat(ind.bodyAsJsonObject().getString("targets_source")).isEqualTo("stored");
    assertThat(
            ind.bodyAsJsonObject()
                .getJsonObject("indicators")
                .getJsonObject("aware")
                .getDouble("target"))
        .isEqualTo(0.92);
  }

  @Test
  void badInputIsRefusedNamingTheFieldAndNothingIsStored() throws Exception {
    long audits = audited();
    JsonObject ok = new JsonObject().put("aware", 0.9);
    List<List<Object>> cases =
        List.of(
            List.of(body("2041-01-01", "r", new JsonObject().put("aware", 1.5)), "targets.aware"),
            List.of(
                body("2041-01-01", "r", new JsonObject().put("officers_trained", -0.1)),
                "targets.officers_trained"),
            List.of(
                body(
                    "2041-01-01",
                    "r",
                    new JsonObject().put("saving_low", 0.13).put("saving_high", 0.08)),
                "targets.saving_high"),
            // a low level above the high one in force on the date
            List.of(
                body("2041-01-01", "r", new JsonObject().put("saving_low", 0.2)),
                "targets.saving_low"),
            List.of(
                body("2041-01-01", "r", new JsonObject().put("awareness", 0.9)),
                "targets.awareness"),
            List.of(body("2041-01-01", "r", new JsonObject()), "targets"),
            List.of(body("2041-01-01", null, ok), "reason"),
            List.of(body("2041-01-01", "  ", ok), "reason"),
            List.of(body("2041-02-30", "r", ok), "effective_from"),
            List.of(body("next year", "r", ok), "effective_from"),
            List.of(body("2041-01-01", "r", ok).put("note", "x"), "note"));
    for (List<Object> c : cases) {
      var r = set(province, (JsonObject) c.get(0));
      assertThat(r.statusCode()).as(c.get(0) + " → " + r.bodyAsString()).isEqualTo(400);
      assertThat(r.bodyAsJsonObject().getString("parameter"))
          .as(c.get(0).toString())
          .isEqualTo(c.get(1));
    }
    var date =
        svc.request(HttpMethod.GET, "/api/v1/programme/targets?as_of=2041-13-01", province)
            .send()
            .await();
    assertThat(date.statusCode()).isEqualTo(400);
    assertThat(date.bodyAsJsonObject().getString("parameter")).isEqualTo("as_of");
    assertThat(audited()).isEqualTo(audits);
    assertThat(targets(province, "2041-06-30").getJsonArray("history").stream())
        .noneMatch(h -> ((JsonObject) h).getString("effective_from").startsWith("2041"));
  }

  @Test
  void anAreaOfficerReadsTheTargetsButMayNotChangeThem() {
    var r = set(district, body("2042-01-01", "not mine", new JsonObject().put("aware", 0.5)));
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(
            targets(district, "2042-06-30")
                .getJsonObject("in_force")
                .getJsonObject("aware")
                .getDouble("target"))
        .isNotEqualTo(0.5);
  }
}
