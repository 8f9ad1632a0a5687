package org.energytrace.ingest.cp;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.energytrace.ingest.config.SecurityConfig;
import org.energytrace.ingest.demo.DemoSeeder;
import org.energytrace.ingest.fixtures.MeteredPlant;
import org.energytrace.ingest.fixtures.SecuredService;
import org.energytrace.ingest.store.Database;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo plant's CP assessment (issue 18, docs/cleaner-production.md "Demo"): seeded on a plant
 * described as the demo seeding describes it (site plant-1, EnPI plant-sec), completed, six options
 * of which three are implemented and one linked to the EnPI from the measure date; seeding again
 * changes nothing.
 */
class CpDemoIT {
  static SecuredService svc;
  static String admin;
  static final String E = "cpdemo-" + UUID.randomUUID().toString().substring(0, 6);

  @BeforeAll
  static void start() {
    svc = SecuredService.start(SecurityConfig.defaults());
    admin = svc.access.systemAdminToken();
    String base = "/api/v1/enterprises/" + E;
    ok(base + "/gateways/gw-1", new JsonObject().put("site", DemoSeeder.SITE));
    ok(
        base + "/meters/m1",
        MeteredPlant.meter(DemoSeeder.SITE, "gw-1", MeteredPlant.counterChannel("E")));
    ok(base + "/meters/m1/energy", MeteredPlant.mainElectricity());
    ok(base + "/lines/l1", new JsonObject().put("site", DemoSeeder.SITE));
    ok(base + "/products/p1", new JsonObject().put("line", "l1").put("unit", "HLT"));
    ok(base + "/enpis/" + DemoSeeder.ENPI, MeteredPlant.facilityEnpi(DemoSeeder.SITE));
  }

  @AfterAll
  static void stop() throws Exception {
    if (svc != null) {
      svc.close();
    }
  }

  static void ok(String uri, JsonObject body) {
    var r = svc.withToken(HttpMethod.PUT, uri, admin).sendJsonObject(body).await();
    assertThat(r.statusCode()).as(uri + " " + r.bodyAsString()).isBetween(200, 201);
  }

  @Test
  void theDemoPlantHasACompletedAssessmentWithSixOptionsThreeImplementedOneLinkedToItsEnpi()
      throws Exception {
    LocalDate measure = LocalDate.parse("2026-02-01");
    // the programme registry as the demo's has it: the plant and a facility not reached yet
    for (String f : List.of(E, "bd-08")) {
      ok(
          "/api/v1/programme/facilities/" + f,
          new JsonObject()
              .put("legal_name_vi", "Công ty " + f)
              .put("vsic", "1103")
              .put("district", "Thủ Dầu Một"));
    }
    svc.access.publish(E, DemoSeeder.SITE);
    try (Database db = Database.open(svc.db.config())) {
      assertThat(CpDemo.seed(db.dataSource(), E, measure, Clock.systemUTC())).isTrue();
      assertThat(CpDemo.seed(db.dataSource(), E, measure, Clock.systemUTC())).isFalse();
    }
    var r =
        svc.withToken(
                HttpMethod.GET,
                "/api/v1/enterprises/" + E + "/cp-assessments/" + CpDemo.ASSESSMENT,
                admin)
            .send()
            .await();
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    JsonObject a = r.bodyAsJsonObject();
    assertThat(a.getString("status")).isEqualTo("completed");
    JsonArray options = a.getJsonArray("options");
    assertThat(options).hasSize(6);
    assertThat(
            options.stream()
                .map(JsonObject.class::cast)
                .filter(o -> o.getValue("implemented_on") != null))
        .hasSize(3);
    assertThat(
            options.stream()
                .map(JsonObject.class::cast)
                .filter(o -> DemoSeeder.ENPI.equals(o.getString("enpi"))))
        .singleElement()
        .satisfies(o -> assertThat(o.getString("measure_date")).isEqualTo(measure.toString()));
    // each option saves what it acts on (every option claimed coal: the pumps' inverters too)
    java.util.Map<String, String> saves = new java.util.HashMap<>();
    for (Object o : options) {
      JsonArray savings = ((JsonObject) o).getJsonArray("savings");
      saves.put(
          ((JsonObject) o).getString("code"),
          savings.isEmpty() ? "" : savings.getJsonObject(0).getString("resource"));
    }
    assertThat(saves)
        .containsEntry("gp1", "electricity")
        .containsEntry("gp2", "natural_gas")
        .containsEntry("gp3", "electricity")
        .containsEntry("gp5", "coal")
        .containsEntry("gp6", "");
    // the balance was filled from the stored data (a row per described meter and product)
    assertThat(a.getJsonObject("balance").getString("to"))
        .isEqualTo(measure.minusDays(1).toString());
    assertThat(
            a.getJsonObject("balance").getJsonArray("inputs").stream().map(JsonObject.class::cast))
        .anySatisfy(i -> assertThat(i.getString("meter")).isEqualTo("m1"));
    // recorded as the demo enterprise administrator, audited
    assertThat(
            svc.count(
                "select count(*) from audit_log where action = 'cp.option.create' and enterprise = '"
                    + E
                    + "' and actor_role = 'enterprise_admin'"))
        .isEqualTo(6);
    // the province's public section: three published activities and the plan, not the draft
    JsonObject pub =
        svc.request(HttpMethod.GET, "/api/v1/cp-public", null).send().await().bodyAsJsonObject();
    assertThat(pub.getJsonArray("activities")).hasSize(3);
    assertThat(pub.getJsonArray("plans")).hasSize(1);
    assertThat(pub.encode()).doesNotContain("Bản tin đang soạn");

    // attendance fed the programme: the plant's officer trained at the course; bd-08 aware by the
    // workshop; bd-15 is not in this registry and was left out
    assertThat(
            svc.count(
                "select count(*) from programme_training t join programme_officer o using"
                    + " (officer_id) join enterprise e using (enterprise_id) where e.code = '"
                    + E
                    + "' and o.code = 'cb-sxsh' and t.course like 'Khóa đào tạo cán bộ%'"))
        .isEqualTo(1);
    assertThat(
            svc.db.text(
                "select s.detail from programme_cp_step s join enterprise e using (enterprise_id)"
                    + " where e.code = 'bd-08' and s.stage = 'aware'"))
        .isEqualTo("workshop");
    assertThat(svc.count("select count(*) from cp_attendance")).isEqualTo(3);
    // the published guidance note cites the plant's linked option; the draft is not shown
    JsonObject note = pub.getJsonArray("guidance").getJsonObject(0);
    assertThat(pub.getJsonArray("guidance")).hasSize(1);
    assertThat(note.getString("code")).isEqualTo("huong-dan-sxsh-bia");
    assertThat(note.getJsonArray("cites")).hasSize(1);
    assertThat(note.getJsonArray("cites").getLong(0))
        .isEqualTo(
            svc.count(
                "select o.option_id from cp_option o join enterprise e using (enterprise_id)"
                    + " where e.code = '"
                    + E
                    + "' and o.code = 'gp1'"));
    // the plant as pilot site with its showcase, and the last closed half-year's achievements
    assertThat(pub.getJsonArray("pilot_sites").getJsonObject(0).getString("showcase"))
        .isEqualTo("/showcase.html?enterprise=" + E + "&site=" + DemoSeeder.SITE);
    assertThat(pub.getJsonArray("achievements")).hasSize(1);
    assertThat(
            pub.getJsonArray("achievements")
                .getJsonObject(0)
                .getJsonObject("figures")
                .getInteger("facilities"))
        .isEqualTo(2);
  }
}
