package org.energytrace.ingest.programme;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.energytrace.ingest.auth.Role;
import org.energytrace.ingest.config.SecurityConfig;
import org.energytrace.ingest.demo.DemoAccounts;
import org.energytrace.ingest.fixtures.SecuredService;
import org.energytrace.ingest.fixtures.SecuredService.Session;
import org.energytrace.ingest.store.Database;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo's province (issue 16) in a fresh database, seeded as {@code ingest demo} seeds it: about
 * forty facilities over districts, sectors and parks at the stages of the lifecycle, the demo plant
 * among them, and the printed area officers who see their own area only.
 */
class ProgrammeDemoIT {
  static final String PLANT = "demo-plant-it";
  // the demo's default: its reporting days after the measure (DemoDates)
  static final java.time.LocalDate MEASURE =
      java.time.LocalDate.now(ProgrammeExport.ZONE).minusDays(30);
  static SecuredService svc;
  static Database pool;
  static List<DemoAccounts.Account> accounts;
  static long seedMillis;

  @BeforeAll
  static void seed() {
    svc = SecuredService.start(SecurityConfig.defaults());
    pool = Database.open(svc.db.config());
    long t0 = System.nanoTime();
    accounts =
        new java.util.concurrent.CopyOnWriteArrayList<>(
            ProgrammeDemo.seed(
                pool.dataSource(),
                PLANT,
                DemoAccounts.seed(pool.dataSource(), PLANT, Clock.systemUTC()),
                MEASURE,
                Clock.systemUTC()));
    seedMillis = (System.nanoTime() - t0) / 1_000_000;
    // reported, not asserted (no wall-clock assertions): the demo's start-up pays this once
    System.out.println(
        "ProgrammeDemoIT: demo accounts and province seeded in " + seedMillis + " ms");
  }

  @AfterAll
  static void stop() throws Exception {
    if (pool != null) {
      pool.close();
    }
    if (svc != null) {
      svc.close();
    }
  }

  static Session as(Role role) {
    DemoAccounts.Account a =
        accounts.stream().filter(x -> x.role() == role).findFirst().orElseThrow();
    return svc.session(a.username(), a.password());
  }

  static JsonArray facilities(Session s) {
    var r = svc.request(HttpMethod.GET, "/api/v1/programme/facilities", s).send().await();
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject().getJsonArray("facilities");
  }

  @Test
  void theProvinceHasFortyFacilitiesOverDistrictsSectorsParksAndStagesWithThePlantAmongThem() {
    JsonArray all = facilities(as(Role.PROVINCE_OFFICER));
    Set<String> districts = new HashSet<>();
    Set<String> sectors = new HashSet<>();
    Set<String> parks = new HashSet<>();
    Set<String> stages = new HashSet<>();
    String plantStage = null;
    for (Object o : all) {
      JsonObject f = (JsonObject) o;
      districts.add(f.getString("district"));
      sectors.add(f.getString("vsic"));
      if (f.getString("industrial_park") != null) {
        parks.add(f.getString("industrial_park"));
      }
      stages.add(f.getString("stage"));
      if (f.getString("enterprise").equals(PLANT)) {
        plantStage = f.getString("stage");
      }
    }
    assertThat(all).hasSize(40);
    assertThat(districts).hasSize(5);
    assertThat(sectors).hasSizeGreaterThanOrEqualTo(10);
    assertThat(parks).hasSizeGreaterThanOrEqualTo(4);
    assertThat(stages)
        .contains("not_reached", "aware", "potential_assessed", "assessment_done", "applying");
    assertThat(plantStage).isEqualTo("applying");
    // the plant applies CP from the day of its measures, whose saving the overview shows (the step
    // was dated four months earlier), after the assessment it did
    var r =
        svc.request(
                HttpMethod.GET, "/api/v1/programme/facilities/" + PLANT, as(Role.PROVINCE_OFFICER))
            .send()
            .await();
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    Map<String, String> dates = new java.util.HashMap<>();
    for (Object o : r.bodyAsJsonObject().getJsonObject("cp").getJsonArray("steps")) {
      dates.put(((JsonObject) o).getString("stage"), ((JsonObject) o).getString("date"));
    }
    assertThat(dates.get("applying")).isEqualTo(MEASURE.toString());
    assertThat(dates.get("assessment_done")).isLessThan(MEASURE.toString());
    JsonObject ind =
        svc.request(HttpMethod.GET, "/api/v1/programme/indicators", as(Role.PROVINCE_OFFICER))
            .send()
            .await()
            .bodyAsJsonObject();
    assertThat(ind.getJsonObject("indicators").getJsonObject("aware").getInteger("numerator"))
        .isGreaterThan(0);
    assertThat(ind.getJsonObject("key_energy_users").getJsonArray("list")).isNotEmpty();
  }

  @Test
  void theOverviewNamesThePlantByItsLegalNameInTheRegistry() {
    JsonObject plant =
        facilities(as(Role.PROVINCE_OFFICER)).stream()
            .map(JsonObject.class::cast)
            .filter(f -> f.getString("enterprise").equals(PLANT))
            .findFirst()
            .orElseThrow();
    var r =
        svc.request(
                HttpMethod.GET,
                "/api/v1/enterprises/" + PLANT + "/overview",
                as(Role.PROVINCE_OFFICER))
            .send()
            .await();
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getString("enterprise_name"))
        .isNotBlank()
        .isEqualTo(plant.getString("legal_name_vi"));
  }

  @Test
  void theDistrictOfficerSeesThePlantsDistrictOnlyAndTheParkOfficerTheirPark() {
    JsonArray district = facilities(as(Role.DISTRICT_OFFICER));
    assertThat(district).isNotEmpty();
    district.forEach(
        o -> assertThat(((JsonObject) o).getString("district")).isEqualTo(ProgrammeDemo.DISTRICT));
    assertThat(district.stream().map(o -> ((JsonObject) o).getString("enterprise")))
        .contains(PLANT);
    JsonArray park = facilities(as(Role.PARK_OFFICER));
    assertThat(park).isNotEmpty();
    park.forEach(
        o ->
            assertThat(((JsonObject) o).getString("industrial_park"))
                .isEqualTo(ProgrammeDemo.PARK));
  }

  @Test
  void theDemoHasAClosedYearMostlySubmittedAndAnOpenHalfYearWithALateList() {
    Session province = as(Role.PROVINCE_OFFICER);
    var r =
        svc.request(HttpMethod.GET, "/api/v1/programme/reporting-periods", province).send().await();
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    JsonArray periods = r.bodyAsJsonObject().getJsonArray("periods");
    assertThat(periods).hasSize(2);
    JsonObject closed = null;
    JsonObject open = null;
    for (Object o : periods) {
      JsonObject p = (JsonObject) o;
      if (p.getString("status").equals("closed")) {
        closed = p;
      } else {
        open = p;
      }
    }
    assertThat(closed).isNotNull();
    assertThat(closed.getString("kind")).isEqualTo("annual");
    assertThat(open).isNotNull();
    assertThat(open.getString("kind")).isEqualTo("semiannual");
    assertThat(open.getLong("days_to_deadline")).isEqualTo(-10L);
    JsonObject year = status(province, closed.getString("period"));
    JsonObject counts = year.getJsonObject("counts");
    // every report of the closed year submitted but three (i % 13 == 12 of the rows)
    assertThat(counts.getInteger("facilities") - counts.getInteger("submitted")).isEqualTo(3);
    JsonObject half = status(province, open.getString("period"));
    JsonArray late = half.getJsonArray("late");
    assertThat(late).isNotEmpty();
    assertThat(late.stream().map(o -> ((JsonObject) o).getString("enterprise"))).contains(PLANT);
    long onTime = 0;
    long afterDeadline = 0;
    for (Object o : half.getJsonArray("facilities")) {
      JsonObject f = (JsonObject) o;
      if (f.getString("status").equals("submitted")) {
        if (f.getBoolean("submitted_late")) {
          afterDeadline++;
        } else {
          onTime++;
        }
      }
    }
    assertThat(onTime).isPositive();
    assertThat(afterDeadline).isPositive();
    // the district officer's late list is their district's only
    JsonObject district = status(as(Role.DISTRICT_OFFICER), open.getString("period"));
    district
        .getJsonArray("late")
        .forEach(
            o ->
                assertThat(((JsonObject) o).getString("district"))
                    .isEqualTo(ProgrammeDemo.DISTRICT));
  }

  static JsonObject status(Session s, String period) {
    var r =
        svc.request(HttpMethod.GET, "/api/v1/programme/reporting-periods/" + period + "/status", s)
            .send()
            .await();
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  @Test
  void everySavingOfTheDemoHasEndedAsTheApiRequires() {
    // four facilities' savings ran into next year, which the API refuses ("a saving is recorded
    // once its period has ended"), and the half-year report listed them
    assertThat(svc.count("select count(*) from programme_saving")).isGreaterThan(5);
    assertThat(
            svc.count(
                "select count(*) from programme_saving where period_to >= (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date"))
        .isZero();
  }

  @Test
  void aRestartKeepsTheRegistryAsItIsAndResetsTheOfficersPasswords() {
    long steps = svc.count("select count(*) from programme_cp_step");
    List<DemoAccounts.Account> again =
        ProgrammeDemo.seed(pool.dataSource(), PLANT, List.of(), MEASURE, Clock.systemUTC());
    assertThat(svc.count("select count(*) from programme_cp_step")).isEqualTo(steps);
    assertThat(again)
        .extracting(DemoAccounts.Account::role)
        .containsExactly(Role.DISTRICT_OFFICER, Role.PARK_OFFICER);
    // the passwords printed now are those that sign in
    accounts.removeIf(a -> a.role().isAreaRole());
    accounts.addAll(again);
    DemoAccounts.Account d = again.get(0);
    assertThat(svc.login(d.username(), d.password()).statusCode()).isEqualTo(200);
  }
}
