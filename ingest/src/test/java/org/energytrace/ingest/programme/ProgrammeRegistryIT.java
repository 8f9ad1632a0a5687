package org.energytrace.ingest.programme;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.energytrace.ingest.auth.Role;
import org.energytrace.ingest.config.SecurityConfig;
import org.energytrace.ingest.fixtures.AnalyticsCli;
import org.energytrace.ingest.fixtures.SecuredService;
import org.energytrace.ingest.fixtures.SecuredService.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The programme registry against the running service and PostgreSQL (issue 16): profiles, the CP
 * lifecycle as a dated history with evidence, officers and training, savings that count as verified
 * only once their baseline is approved, the registry import, the area officers' isolation, and the
 * indicators equal to {@code analytics programme} run on the exported input.
 */
class ProgrammeRegistryIT {
  static SecuredService svc;
  static String admin;
  static final String S = UUID.randomUUID().toString().substring(0, 6);
  // districts and a park of this run only: the database is shared with other tests
  static final String D1 = "Thủ Dầu Một " + S;
  static final String D2 = "Dĩ An " + S;
  static final String P1 = "KCN VSIP " + S;
  static final String F1 = "pf1-" + S;
  static final String F2 = "pf2-" + S;
  static final String F3 = "pf3-" + S;
  static Session district;
  static Session park;
  static Session province;

  @BeforeAll
  static void start() {
    svc = SecuredService.start(SecurityConfig.defaults());
    admin = svc.access.systemAdminToken();
    put(F1, profile("Công ty TNHH Bia Sài Gòn " + S, "1103", D1, P1));
    put(F2, profile("Công ty CP Giấy " + S, "1701", D1, null));
    put(F3, profile("Công ty Thép " + S, "2410", D2, null));
    district =
        officer(
            "do-" + S,
            Role.DISTRICT_OFFICER,
            new JsonObject().put("districts", new JsonArray().add(D1)));
    park =
        officer(
            "po-" + S, Role.PARK_OFFICER, new JsonObject().put("parks", new JsonArray().add(P1)));
    svc.access.user("pro-" + S, Role.PROVINCE_OFFICER, null, List.of(), "pw-" + S);
    province = svc.session("pro-" + S, "pw-" + S);
  }

  @AfterAll
  static void stop() throws Exception {
    if (svc != null) {
      svc.close();
    }
  }

  static JsonObject profile(String name, String vsic, String districtName, String parkName) {
    JsonObject p =
        new JsonObject()
            .put("legal_name_vi", name)
            .put("vsic", vsic)
            .put("district", districtName)
            .put("tax_code", "3700123456")
            .put("size", "medium")
            .put("latitude", 10.98)
            .put("longitude", 106.65);
    if (parkName != null) {
      p.put("industrial_park", parkName);
    }
    return p;
  }

  static HttpResponse<Buffer> put(String enterprise, JsonObject profile) {
    var r =
        svc.withToken(HttpMethod.PUT, "/api/v1/programme/facilities/" + enterprise, admin)
            .sendJsonObject(profile)
            .await();
    assertThat(r.statusCode()).as(r.bodyAsString()).isBetween(200, 201);
    return r;
  }

  /** An area officer created through the account API and given their area. */
  static Session officer(String username, Role role, JsonObject area) {
    svc.access.user(username, role, null, List.of(), "pw-" + S);
    var r =
        svc.withToken(HttpMethod.PUT, "/api/v1/programme/officer-areas/" + username, admin)
            .sendJsonObject(area)
            .await();
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return svc.session(username, "pw-" + S);
  }

  static HttpResponse<Buffer> post(String uri, JsonObject body) {
    return svc.withToken(HttpMethod.POST, uri, admin).sendJsonObject(body).await();
  }

  static JsonObject get(String uri) {
    var r = svc.withToken(HttpMethod.GET, uri, admin).send().await();
    assertThat(r.statusCode()).as(uri + " → " + r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  @Test
  void aProfileIsCheckedFieldByFieldAndEveryChangeIsAuditedWithItsStateBeforeAndAfter() {
    String e = "pfa-" + S;
    var bad =
        svc.withToken(HttpMethod.PUT, "/api/v1/programme/facilities/" + e, admin)
            .sendJsonObject(profile("Công ty A", "11a", D2, null))
            .await();
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.bodyAsJsonObject().getString("parameter")).isEqualTo("vsic");
    var unknown =
        svc.withToken(HttpMethod.PUT, "/api/v1/programme/facilities/" + e, admin)
            .sendJsonObject(profile("Công ty A", "1050", D2, null).put("sise", "large"))
            .await();
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.bodyAsJsonObject().getString("parameter")).isEqualTo("sise");

    assertThat(put(e, profile("Công ty A", "1050", D2, null)).statusCode()).isEqualTo(201);
    assertThat(put(e, profile("Công ty A", "1050", D2, null)).statusCode()).isEqualTo(200);
    assertThat(put(e, profile("Công ty A", "1050", D2, null).put("size", "large")).statusCode())
        .isEqualTo(200);

    assertThat(
            svc.count(
                "select count(*) from audit_log where action like 'programme.facility.%'"
                    + " and target = '"
                    + e
                    + "'"))
        .isEqualTo(2);
    // the unchanged second put wrote nothing; the third is one update with both states
    assertThat(
            svc.count(
                "select count(*) from audit_log where action = 'programme.facility.update'"
                    + " and target = '"
                    + e
                    + "' and before_state->>'size' = 'medium'"
                    + " and after_state->>'size' = 'large'"))
        .isEqualTo(1);
    assertThat(get("/api/v1/programme/facilities/" + e).getJsonObject("profile").getString("size"))
        .isEqualTo("large");
  }

  @Test
  void theCpLifecycleIsADatedHistoryAskedAsOfADateWithItsEvidenceKeptByHash() throws Exception {
    String e = "pfl-" + S;
    put(e, profile("Công ty Dệt " + S, "1311", D2, null));
    String steps = "/api/v1/programme/facilities/" + e + "/cp-steps";
    byte[] pdf = "%PDF-1.4 attendance list of the CP workshop".getBytes(StandardCharsets.UTF_8);
    var aware =
        post(
            steps,
            new JsonObject()
                .put("stage", "aware")
                .put("date", "2026-01-10")
                .put("detail", "workshop")
                .put(
                    "attachment",
                    new JsonObject()
                        .put("name", "attendance.pdf")
                        .put("content_type", "application/pdf")
                        .put("data", Base64.getEncoder().encodeToString(pdf))));
    assertThat(aware.statusCode()).as(aware.bodyAsString()).isEqualTo(201);
    JsonObject att = aware.bodyAsJsonObject().getJsonObject("attachment");
    assertThat(att.getString("sha256")).isEqualTo(CpStepRoutes.sha256(pdf));
    assertThat(att.getInteger("size")).isEqualTo(pdf.length);
    assertThat(
            post(
                    steps,
                    new JsonObject()
                        .put("stage", "potential_assessed")
                        .put("date", "2026-03-01")
                        .put("potential", true))
                .statusCode())
        .isEqualTo(201);
    assertThat(
            post(steps, new JsonObject().put("stage", "applying").put("date", "2026-05-01"))
                .statusCode())
        .isEqualTo(201);

    JsonObject feb = get("/api/v1/programme/facilities/" + e + "?as_of=2026-02-01");
    assertThat(feb.getJsonObject("cp").getString("stage")).isEqualTo("aware");
    assertThat(feb.getJsonObject("cp").getBoolean("potential")).isFalse();
    // the history is kept whole; steps after the date asked about are marked, not hidden
    assertThat(feb.getJsonObject("cp").getJsonArray("steps")).hasSize(3);
    assertThat(
            feb.getJsonObject("cp")
                .getJsonArray("steps")
                .getJsonObject(2)
                .getBoolean("after_as_of"))
        .isTrue();
    JsonObject june = get("/api/v1/programme/facilities/" + e + "?as_of=2026-06-30");
    assertThat(june.getJsonObject("cp").getString("stage")).isEqualTo("applying");
    assertThat(
            get("/api/v1/programme/facilities/" + e + "?as_of=2025-12-31")
                .getJsonObject("cp")
                .getString("stage"))
        .isEqualTo("not_reached");

    long id = aware.bodyAsJsonObject().getLong("id");
    var file =
        svc.withToken(HttpMethod.GET, steps + "/" + id + "/attachment", admin).send().await();
    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.body().getBytes()).isEqualTo(pdf);
    assertThat(file.getHeader("X-Content-SHA256")).isEqualTo(att.getString("sha256"));
    assertThat(
            svc.count(
                "select count(*) from audit_log where action = 'programme.cp_step.record' and enterprise = '"
                    + e
                    + "'"))
        .isEqualTo(3);
    // the evidence read is on record: who, which step's file, the hash sent
    assertThat(
            svc.db.rows(
                "select actor_role || ' ' || outcome || ' ' || target || ' ' || detail"
                    + " from audit_log where action = 'programme.cp_step.attachment.download'"
                    + " and enterprise = '"
                    + e
                    + "' and chain_seq is not null"))
        .containsExactly(
            "system_admin success "
                + e
                + "/cp-steps/"
                + id
                + "/attachment sha256 "
                + file.getHeader("X-Content-SHA256")
                + ", attendance.pdf, "
                + pdf.length
                + " bytes");
  }

  @Test
  void aStepThatCannotBeTrueIsRefusedNamingTheField() {
    String e = "pfr-" + S;
    put(e, profile("Công ty Gỗ " + S, "1610", D2, null));
    String steps = "/api/v1/programme/facilities/" + e + "/cp-steps";
    var future =
        post(
            steps,
            new JsonObject()
                .put("stage", "aware")
                .put("date", LocalDate.now().plusDays(3).toString())
                .put("detail", "visit"));
    assertThat(future.statusCode()).isEqualTo(400);
    assertThat(future.bodyAsJsonObject().getString("parameter")).isEqualTo("date");
    var how = post(steps, new JsonObject().put("stage", "aware").put("date", "2026-01-01"));
    assertThat(how.bodyAsJsonObject().getString("parameter")).isEqualTo("detail");
    var potential =
        post(steps, new JsonObject().put("stage", "potential_assessed").put("date", "2026-01-01"));
    assertThat(potential.bodyAsJsonObject().getString("parameter")).isEqualTo("potential");
    var big =
        post(
            steps,
            new JsonObject()
                .put("stage", "assessment_done")
                .put("date", "2026-01-01")
                .put(
                    "attachment",
                    new JsonObject()
                        .put("name", "big.bin")
                        .put(
                            "data",
                            Base64.getEncoder()
                                .encodeToString(new byte[PgCpSteps.MAX_ATTACHMENT + 1]))));
    assertThat(big.statusCode()).isIn(400, 413);
    var unverified =
        post(
            steps,
            new JsonObject()
                .put("stage", "savings_verified")
                .put("date", "2026-01-01")
                .put("saving", 999999999));
    assertThat(unverified.statusCode()).isEqualTo(409);
    assertThat(unverified.bodyAsJsonObject().getString("parameter")).isEqualTo("saving");
    assertThat(
            svc.count(
                "select count(*) from programme_cp_step s join enterprise e using (enterprise_id) where e.code = '"
                    + e
                    + "'"))
        .isZero();
  }

  @Test
  void anOfficerIsTrainedFromTheDayACompletedCourseIsRecorded() {
    String e = "pft-" + S;
    put(e, profile("Công ty Nhựa " + S, "2220", D2, null));
    String officer = "/api/v1/programme/facilities/" + e + "/officers/nguyen-van-a";
    var created =
        svc.withToken(HttpMethod.PUT, officer, admin)
            .sendJsonObject(
                new JsonObject().put("name", "Nguyễn Văn A").put("appointed_on", "2026-01-01"))
            .await();
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(200);
    JsonObject course =
        new JsonObject()
            .put("course", "SXSH cơ bản")
            .put("date", "2026-04-01")
            .put("certificate", "VNCPC-2026-17")
            .put("completed", true);
    assertThat(post(officer + "/trainings", course).statusCode()).isEqualTo(201);
    assertThat(post(officer + "/trainings", course).statusCode()).isEqualTo(409);

    JsonArray march =
        get("/api/v1/programme/facilities/" + e + "?as_of=2026-03-01").getJsonArray("officers");
    JsonArray june =
        get("/api/v1/programme/facilities/" + e + "?as_of=2026-06-30").getJsonArray("officers");
    assertThat(march.getJsonObject(0).getBoolean("trained")).isFalse();
    assertThat(june.getJsonObject(0).getBoolean("trained")).isTrue();
    assertThat(
            june.getJsonObject(0)
                .getJsonArray("trainings")
                .getJsonObject(0)
                .getString("certificate"))
        .isEqualTo("VNCPC-2026-17");
    var unknown = post("/api/v1/programme/facilities/" + e + "/officers/nobody/trainings", course);
    assertThat(unknown.statusCode()).isEqualTo(404);
  }

  @Test
  void aFacilityAboveTheThresholdIsAKeyEnergyUserOfThatYear() {
    String e = "pfk-" + S;
    put(e, profile("Công ty Xi măng " + S, "2394", D2, null));
    var r =
        svc.withToken(HttpMethod.PUT, "/api/v1/programme/facilities/" + e + "/energy/2025", admin)
            .sendJsonObject(
                new JsonObject()
                    .put(
                        "energy",
                        new JsonArray()
                            .add(
                                new JsonObject()
                                    .put("carrier", "electricity")
                                    .put("unit", "kWh")
                                    .put("amount", 5_000_000))
                            .add(
                                new JsonObject()
                                    .put("carrier", "coal_grade_3_4")
                                    .put("unit", "t")
                                    .put("amount", 600))))
            .await();
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    JsonObject k =
        get("/api/v1/programme/facilities/" + e + "?as_of=2026-06-30")
            .getJsonObject("key_energy_user");
    // 5,000,000 kWh x 0.0001543 + 600 t x 0.60 = 771.5 + 360 = 1,131.5 TOE >= 1,000 TOE
    assertThat(k.getInteger("year")).isEqualTo(2025);
    assertThat(k.getDouble("toe")).isCloseTo(1131.5, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(k.getBoolean("key_energy_user")).isTrue();
    JsonObject next =
        get("/api/v1/programme/facilities/" + e + "?as_of=2027-06-30")
            .getJsonObject("key_energy_user");
    assertThat(next.getBoolean("key_energy_user")).isFalse();
    assertThat(next.getString("note")).contains("2026");
  }

  @Test
  void theImportPreviewNamesRowAndColumnAndItsCommitStoresOnce() {
    String good =
        "enterprise,legal_name_vi,short_name,vsic,district,industrial_park,size\n"
            + "imp1-"
            + S
            + ",Công ty Một,Một,1050,"
            + D2
            + ",,small\n"
            + "imp2-"
            + S
            + ",\"Công ty Hai, chi nhánh\",Hai,1701,"
            + D2
            + ","
            + P1
            + ",large\n";
    String bad =
        "enterprise,legal_name_vi,vsic,district,size\n"
            + "imp3-"
            + S
            + ",Công ty Ba,10x,"
            + D2
            + ",small\n"
            + "imp4-"
            + S
            + ",,1050,"
            + D2
            + ",huge\n";
    var preview = csv("/api/v1/programme/registry/preview", bad);
    assertThat(preview.statusCode()).isEqualTo(200);
    JsonArray errors = preview.bodyAsJsonObject().getJsonArray("errors");
    List<String> where = new ArrayList<>();
    for (int i = 0; i < errors.size(); i++) {
      where.add(
          errors.getJsonObject(i).getInteger("row")
              + ":"
              + errors.getJsonObject(i).getString("column"));
    }
    assertThat(where).containsExactlyInAnyOrder("2:vsic", "3:legal_name_vi", "3:size");
    assertThat(errors.getJsonObject(0).getString("message")).startsWith("row 2, column vsic");

    String id =
        csv("/api/v1/programme/registry/preview", good).bodyAsJsonObject().getString("upload_id");
    assertThat(csv("/api/v1/programme/registry/commit?upload_id=" + id, bad).statusCode())
        .isEqualTo(422);
    assertThat(csv("/api/v1/programme/registry/commit?upload_id=wrong", good).statusCode())
        .isEqualTo(409);
    JsonObject first =
        csv("/api/v1/programme/registry/commit?upload_id=" + id, good).bodyAsJsonObject();
    JsonObject again =
        csv("/api/v1/programme/registry/commit?upload_id=" + id, good).bodyAsJsonObject();
    assertThat(first.getInteger("changed")).isEqualTo(2);
    // a file sent as a workbook is read as one: this CSV is not
    var notXlsx =
        svc.withToken(HttpMethod.POST, "/api/v1/programme/registry/preview", admin)
            .putHeader("Content-Type", RegistryImportRoutes.XLSX)
            .sendBuffer(Buffer.buffer(good))
            .await();
    assertThat(notXlsx.statusCode()).isEqualTo(200);
    assertThat(notXlsx.bodyAsJsonObject().getBoolean("valid")).isFalse();
    assertThat(
            notXlsx.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("message"))
        .contains("XLSX");
    assertThat(first.getBoolean("already_committed")).isFalse();
    assertThat(again.getBoolean("already_committed")).isTrue();
    assertThat(
            get("/api/v1/programme/facilities/imp2-" + S)
                .getJsonObject("profile")
                .getString("legal_name_vi"))
        .isEqualTo("Công ty Hai, chi nhánh");
    assertThat(
            svc.count(
                "select count(*) from audit_log where action = 'programme.registry.import' and target = '"
                    + id
                    + "'"))
        .isEqualTo(1);
  }

  static HttpResponse<Buffer> csv(String uri, String body) {
    return svc.withToken(HttpMethod.POST, uri, admin)
        .putHeader("Content-Type", "text/csv")
        .sendBuffer(Buffer.buffer(body))
        .await();
  }

  @Test
  void aDistrictOfficerReadsAndRecordsForTheFacilitiesOfTheirDistrictOnly() {
    JsonArray list =
        svc.request(HttpMethod.GET, "/api/v1/programme/facilities", district)
            .send()
            .await()
            .bodyAsJsonObject()
            .getJsonArray("facilities");
    List<String> codes = new ArrayList<>();
    list.forEach(o -> codes.add(((JsonObject) o).getString("enterprise")));
    assertThat(codes).contains(F1, F2).doesNotContain(F3);
    assertThat(
            svc.request(HttpMethod.GET, "/api/v1/programme/facilities/" + F3, district)
                .send()
                .await()
                .statusCode())
        .isEqualTo(403);
    JsonObject step =
        new JsonObject().put("stage", "aware").put("date", "2026-02-02").put("detail", "visit");
    assertThat(
            svc.request(
                    HttpMethod.POST, "/api/v1/programme/facilities/" + F3 + "/cp-steps", district)
                .sendJsonObject(step)
                .await()
                .statusCode())
        .isEqualTo(403);
    assertThat(
            svc.request(
                    HttpMethod.POST, "/api/v1/programme/facilities/" + F2 + "/cp-steps", district)
                .sendJsonObject(step)
                .await()
                .statusCode())
        .isEqualTo(201);
    // their indicators cover their district only, whatever district they ask for
    String ind =
        svc.request(HttpMethod.GET, "/api/v1/programme/indicators?as_of=2026-06-30", district)
            .send()
            .await()
            .bodyAsString();
    assertThat(ind).contains(F1).contains(F2).doesNotContain(F3);
    String other =
        svc.request(
                HttpMethod.GET,
                "/api/v1/programme/indicators?as_of=2026-06-30&district="
                    + java.net.URLEncoder.encode(D2, StandardCharsets.UTF_8),
                district)
            .send()
            .await()
            .bodyAsString();
    assertThat(other).doesNotContain(F3);
    // the park officer: the facilities of the park, in whichever district
    JsonArray parkList =
        svc.request(HttpMethod.GET, "/api/v1/programme/facilities", park)
            .send()
            .await()
            .bodyAsJsonObject()
            .getJsonArray("facilities");
    List<String> parkCodes = new ArrayList<>();
    parkList.forEach(o -> parkCodes.add(((JsonObject) o).getString("enterprise")));
    assertThat(parkCodes).contains(F1).doesNotContain(F2, F3);
  }

  @Test
  void aSavingTheProvincesFiguresCouldNotConvertIsRefusedNamingTheField() {
    // a reviewer typed electricity in Nm3, a carrier no table knows and a negative amount beside a
    // positive fraction: each was stored, and the province officer was told a factor was missing
    String e = "pcu-" + S;
    put(e, profile("Công ty Gạch " + S, "2392", D2, null));
    JsonObject saving =
        new JsonObject()
            .put("resource", "grid")
            .put("kind", "energy")
            .put("carrier", "electricity")
            .put("unit", "kWh")
            .put("from", "2026-02-01")
            .put("to", "2026-02-28")
            .put("fraction", 0.1)
            .put("fraction_low", 0.08)
            .put("fraction_high", 0.12)
            .put("amount", 5000);
    String uri = "/api/v1/programme/facilities/" + e + "/savings";
    for (Object[] bad :
        new Object[][] {
          {saving.copy().put("unit", "Nm3"), "unit", "electricity is converted from kWh"},
          {
            saving.copy().put("carrier", "unobtainium").put("unit", "t"),
            "carrier",
            "no factor for 'unobtainium'"
          },
          {saving.copy().put("amount", -5), "amount", "sign of fraction"},
          // water saved in kWh, as a reviewer typed it: the programme's water figures are volumes
          {nonEnergy(saving, "water", "kWh"), "unit", "is a volume (m3, L, hl), not kWh"},
          {nonEnergy(saving, "material", "GJ"), "unit", "by mass, volume or pieces, not GJ"},
          {nonEnergy(saving, "material", "sacks"), "unit", "unknown unit 'sacks'"}
        }) {
      var r = post(uri, (JsonObject) bad[0]);
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(400);
      assertThat(r.bodyAsJsonObject().getString("parameter")).isEqualTo(bad[1]);
      assertThat(r.bodyAsJsonObject().getString("message")).contains((String) bad[2]);
    }
    assertThat(get("/api/v1/programme/facilities/" + e).getJsonArray("savings")).isEmpty();
    // what the figures can convert is taken: steam metered in GJ (final energy by definition),
    // natural gas in a unit of the kind of its table's, an increase with its negative amount
    for (JsonObject good :
        List.of(
            saving.copy().put("resource", "steam").put("carrier", "steam").put("unit", "GJ"),
            saving.copy().put("resource", "gas").put("carrier", "natural_gas").put("unit", "Nm3"),
            nonEnergy(saving, "water", "m3"),
            nonEnergy(saving, "material", "t"),
            saving
                .copy()
                .put("fraction", -0.02)
                .put("fraction_low", -0.03)
                .put("fraction_high", -0.01)
                .put("amount", -1000))) {
      var r = post(uri, good);
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    }
    // the same carrier and period under a second resource name: the energy would count twice
    var twin =
        post(
            uri,
            saving.copy().put("resource", "gas2").put("carrier", "natural_gas").put("unit", "Nm3"));
    assertThat(twin.statusCode()).as(twin.bodyAsString()).isEqualTo(409);
    assertThat(twin.bodyAsJsonObject().getString("parameter")).isEqualTo("carrier");
    assertThat(twin.bodyAsJsonObject().getString("message")).contains("already recorded as gas");
  }

  /** {@code energy} as a saving of water or a material (no carrier) in {@code unit}. */
  private static JsonObject nonEnergy(JsonObject energy, String kind, String unit) {
    JsonObject s = energy.copy().put("resource", kind + "_use").put("kind", kind).put("unit", unit);
    s.remove("carrier");
    return s;
  }

  @Test
  void aSavingCountsAsVerifiedOnlyOnceAnAuditorSignedOffAPeriodCoveringIt() throws Exception {
    String e = "pfs-" + S;
    put(e, profile("Công ty Sữa " + S, "1050", D2, null));
    int version = Baselines.fitAndSubmit(svc, admin, e);
    JsonObject saving =
        new JsonObject()
            .put("resource", "electricity")
            .put("kind", "energy")
            .put("carrier", "electricity")
            .put("unit", "kWh")
            .put("from", "2026-02-01")
            .put("to", "2026-05-31")
            .put("fraction", 0.11)
            .put("fraction_low", 0.09)
            .put("fraction_high", 0.13)
            .put("amount", 120000)
            .put("half_width", 20000)
            .put("money", 2.4e8)
            .put("enpi", "x1")
            .put("baseline_version", version);
    var r = post("/api/v1/programme/facilities/" + e + "/savings", saving);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    assertThat(r.bodyAsJsonObject().getString("status")).isEqualTo("indicative");
    long savingId = r.bodyAsJsonObject().getLong("id");
    var early =
        post(
            "/api/v1/programme/facilities/" + e + "/cp-steps",
            new JsonObject()
                .put("stage", "savings_verified")
                .put("date", "2026-06-01")
                .put("saving", savingId));
    assertThat(early.statusCode()).isEqualTo(409);

    Baselines.approve(svc, e, version);
    // an approved baseline alone verifies nothing: the auditor signs off a period covering it
    JsonObject approvedOnly =
        get("/api/v1/programme/facilities/" + e).getJsonArray("savings").getJsonObject(0);
    assertThat(approvedOnly.getString("status")).isEqualTo("indicative");
    Baselines.signOff(svc, e, version, "2026-02-01", "2026-04-30");
    JsonObject shorter =
        get("/api/v1/programme/facilities/" + e).getJsonArray("savings").getJsonObject(0);
    assertThat(shorter.getString("status"))
        .as("a sign-off short of the saving's period")
        .isEqualTo("indicative");
    Baselines.signOff(svc, e, version, "2026-02-01", "2026-05-31");
    JsonObject after =
        get("/api/v1/programme/facilities/" + e).getJsonArray("savings").getJsonObject(0);
    assertThat(after.getString("status")).isEqualTo("verified");
    assertThat(after.getString("verified_on"))
        .isEqualTo(LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).toString());
    assertThat(after.getJsonObject("baseline").getString("status")).isEqualTo("approved");
    var verified =
        post(
            "/api/v1/programme/facilities/" + e + "/cp-steps",
            new JsonObject()
                .put("stage", "savings_verified")
                .put("date", LocalDate.now().toString())
                .put("saving", savingId)
                .put("detail", "auditor's letter 118/2026"));
    assertThat(verified.statusCode()).as(verified.bodyAsString()).isEqualTo(201);
    // signed off twice more: the step recorded by hand keeps the detail typed, its link follows
    // the newest sign-off (the second one overwrote it with the sign-off's English sentence)
    Baselines.signOff(svc, e, version, "2026-02-01", "2026-05-31");
    JsonObject newest =
        Baselines.signOff(
            svc, e, version, "2026-02-01", "2026-05-31", "verified", "seen again in full");
    JsonObject handStep = null;
    for (Object o :
        get("/api/v1/programme/facilities/" + e).getJsonObject("cp").getJsonArray("steps")) {
      if ("savings_verified".equals(((JsonObject) o).getString("stage"))) {
        handStep = (JsonObject) o;
      }
    }
    assertThat(handStep).isNotNull();
    assertThat(handStep.getString("detail")).isEqualTo("auditor's letter 118/2026");
    assertThat(handStep.getBoolean("detail_from_signoff")).isFalse();
    assertThat(handStep.getJsonObject("signoff").getLong("id")).isEqualTo(newest.getLong("id"));
    // and the savings typed after the first sign-off stay indicative through the later ones (a
    // reviewer's second sign-off made the typed 999,999 kWh verified again)
    for (Object o : get("/api/v1/programme/facilities/" + e).getJsonArray("savings")) {
      JsonObject x = (JsonObject) o;
      if (x.getString("from").equals("2026-02-02")
          || x.getString("resource").equals("malt")
          || x.getString("resource").equals("electricity_typed")) {
        assertThat(x.getString("status")).as(x.encode()).isEqualTo("indicative");
      }
    }
    var twice = post("/api/v1/programme/facilities/" + e + "/savings", saving);
    assertThat(twice.statusCode()).isEqualTo(409);

    // typed in after the sign-off, over a part of its period: figures no auditor saw (a reviewer's
    // 999,999 kWh at 45 % replaced the signed-off figures in the province's verified totals)
    JsonObject typed =
        saving
            .copy()
            .put("from", "2026-02-02")
            .put("fraction", 0.5)
            .put("fraction_low", 0.45)
            .put("fraction_high", 0.55)
            .put("amount", 999_999);
    var later = post("/api/v1/programme/facilities/" + e + "/savings", typed);
    assertThat(later.statusCode()).as(later.bodyAsString()).isEqualTo(201);
    assertThat(later.bodyAsJsonObject().getString("status")).isEqualTo("indicative");
    // a "savings verified" step may not name it, and the answer says why
    var onTyped =
        post(
            "/api/v1/programme/facilities/" + e + "/cp-steps",
            new JsonObject()
                .put("stage", "savings_verified")
                .put("date", LocalDate.now().toString())
                .put("saving", later.bodyAsJsonObject().getLong("id")));
    assertThat(onTyped.statusCode()).isEqualTo(409);
    assertThat(onTyped.bodyAsJsonObject().getString("message"))
        .contains("is not verified", "after the sign-off");
    // a resource the EnPI does not meter, linked to the same baseline
    JsonObject malt =
        saving
            .copy()
            .put("resource", "malt")
            .put("kind", "material")
            .put("unit", "t")
            .put("from", "2026-02-03");
    malt.remove("carrier");
    // the same carrier under another resource name, for exactly the signed period: refused (it was
    // taken, indicative, and its energy counted a second time in the province's totals)
    var renamed =
        post(
            "/api/v1/programme/facilities/" + e + "/savings",
            typed.copy().put("resource", "electricity_typed").put("from", "2026-02-01"));
    assertThat(renamed.statusCode()).as(renamed.bodyAsString()).isEqualTo(409);
    assertThat(renamed.bodyAsJsonObject().getString("parameter")).isEqualTo("carrier");
    var material = post("/api/v1/programme/facilities/" + e + "/savings", malt);
    assertThat(material.statusCode()).as(material.bodyAsString()).isEqualTo(201);
    assertThat(material.bodyAsJsonObject().getString("status")).isEqualTo("indicative");
    // the saving the auditor had before them stays verified
    assertThat(
            get("/api/v1/programme/facilities/" + e)
                .getJsonArray("savings")
                .getJsonObject(0)
                .getString("status"))
        .isEqualTo("verified");
  }

  @Test
  void anEnterpriseThatLeavesTheProgrammeCountsUntilThenAndNowhereAfter() {
    // a province could not take a closed enterprise out: the only way was a registration date in
    // the future, which took it out of the past periods too
    String e = "pleft-" + S;
    String district = "Dầu Tiếng " + S;
    JsonObject p =
        profile("Công ty Gỗ " + S, "1610", district, null).put("registered_on", "2025-01-01");
    put(e, p);
    for (JsonObject[] bad :
        new JsonObject[][] {
          {p.copy().put("left_on", "2026-07-01"), new JsonObject().put("parameter", "left_reason")},
          {p.copy().put("left_reason", "closed"), new JsonObject().put("parameter", "left_on")},
          {
            p.copy().put("left_on", "2025-01-01").put("left_reason", "closed"),
            new JsonObject().put("parameter", "left_on")
          }
        }) {
      var r =
          svc.withToken(HttpMethod.PUT, "/api/v1/programme/facilities/" + e, admin)
              .sendJsonObject(bad[0])
              .await();
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(400);
      assertThat(r.bodyAsString()).contains(bad[1].getString("parameter"));
    }
    String aware = "/api/v1/programme/indicators?district=" + enc(district) + "&as_of=";
    assertThat(
            get(aware + "2026-06-30")
                .getJsonObject("indicators")
                .getJsonObject("aware")
                .getInteger("denominator"))
        .isEqualTo(1);

    put(e, p.copy().put("left_on", "2026-07-01").put("left_reason", "the plant closed"));
    JsonObject profile = get("/api/v1/programme/facilities/" + e);
    assertThat(profile.getJsonObject("profile").getString("left_on")).isEqualTo("2026-07-01");
    assertThat(profile.getJsonObject("profile").getString("left_reason"))
        .isEqualTo("the plant closed");
    // the period before it left is as it was; after it, the enterprise is in no figure
    assertThat(
            get(aware + "2026-06-30")
                .getJsonObject("indicators")
                .getJsonObject("aware")
                .getInteger("denominator"))
        .isEqualTo(1);
    assertThat(
            get(aware + "2026-07-01")
                .getJsonObject("indicators")
                .getJsonObject("aware")
                .getInteger("denominator"))
        .isZero();
  }

  static String enc(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8)
        .replace("+", "%20");
  }

  @Test
  void theIndicatorsEqualTheAnalyticsCommandOnTheExportedInput(@TempDir Path dir) throws Exception {
    // a small province of its own: aware, assessed with and without potential, applying, trained
    String steps1 = "/api/v1/programme/facilities/" + F1 + "/cp-steps";
    post(
        steps1,
        new JsonObject().put("stage", "aware").put("date", "2026-01-05").put("detail", "workshop"));
    post(
        steps1,
        new JsonObject()
            .put("stage", "potential_assessed")
            .put("date", "2026-02-01")
            .put("potential", true));
    post(steps1, new JsonObject().put("stage", "applying").put("date", "2026-03-01"));
    post(
        "/api/v1/programme/facilities/" + F1 + "/savings",
        new JsonObject()
            .put("resource", "water")
            .put("kind", "water")
            .put("unit", "m3")
            .put("from", "2026-01-01")
            .put("to", "2026-05-31")
            .put("fraction", 0.15)
            .put("fraction_low", 0.14)
            .put("fraction_high", 0.16)
            .put("amount", 5000));
    svc.withToken(HttpMethod.PUT, "/api/v1/programme/facilities/" + F1 + "/officers/o1", admin)
        .sendJsonObject(new JsonObject().put("name", "Trần Thị B"))
        .await();
    post(
        "/api/v1/programme/facilities/" + F1 + "/officers/o1/trainings",
        new JsonObject().put("course", "SXSH").put("date", "2026-03-03").put("completed", true));
    String steps3 = "/api/v1/programme/facilities/" + F3 + "/cp-steps";
    post(
        steps3,
        new JsonObject().put("stage", "aware").put("date", "2026-01-05").put("detail", "material"));
    post(
        steps3,
        new JsonObject()
            .put("stage", "potential_assessed")
            .put("date", "2026-04-01")
            .put("potential", false));

    JsonObject before = sameFromTheApiAndTheCommand(dir).getJsonObject("indicators");
    assertThat(before.getJsonObject("aware").getBoolean("target_reached")).isFalse();

    // the province lowers the aware target to the share reached: both sides show the new target
    // and that it is met, the half-year before the change still against the bundled one
    double share = before.getJsonObject("aware").getDouble("share");
    double target = Math.floor(share * 100) / 100;
    var set =
        svc.request(HttpMethod.POST, "/api/v1/programme/targets", province)
            .sendJsonObject(
                new JsonObject()
                    .put("effective_from", "2026-06-01")
                    .put("reason", "mid-term review of the provincial plan")
                    .put("targets", new JsonObject().put("aware", target)))
            .await();
    assertThat(set.statusCode()).as(set.bodyAsString()).isEqualTo(201);
    JsonObject after = sameFromTheApiAndTheCommand(dir);
    assertThat(after.getString("targets_source")).isEqualTo("stored");
    assertThat(after.getJsonObject("targets").getJsonObject("aware").getDouble("target"))
        .isEqualTo(target);
    JsonObject aware = after.getJsonObject("indicators").getJsonObject("aware");
    assertThat(aware.getDouble("target")).isEqualTo(target);
    assertThat(aware.getBoolean("target_reached")).isTrue();
    JsonObject march =
        new JsonObject(
            svc.request(HttpMethod.GET, "/api/v1/programme/indicators?as_of=2026-03-31", province)
                .send()
                .await()
                .bodyAsString());
    assertThat(march.getString("targets_source")).isEqualTo("bundled");
    assertThat(march.getJsonObject("indicators").getJsonObject("aware").getDouble("target"))
        .isEqualTo(0.9);

    // and the figures say what was stored: F1 applying with its water saving, F3 without potential
    JsonObject h1 =
        new JsonObject(
            svc.request(HttpMethod.GET, "/api/v1/programme/indicators?period=2026-H1", district)
                .send()
                .await()
                .bodyAsString());
    JsonObject ind = h1.getJsonObject("indicators");
    assertThat(ind.getJsonObject("applying").getJsonArray("facilities").getList()).contains(F1);
    assertThat(ind.getJsonObject("officers_trained").getInteger("numerator"))
        .isGreaterThanOrEqualTo(1);
    // the water saving is indicative (no baseline): never inside the verified figures
    assertThat(
            ind.getJsonObject("verified")
                .getJsonObject("saving_high")
                .getJsonObject("any_resource")
                .getJsonArray("facilities")
                .getList())
        .doesNotContain(F1);
    assertThat(
            ind.getJsonObject("indicative")
                .getJsonObject("saving_high")
                .getJsonObject("any_resource")
                .getJsonArray("facilities")
                .getList())
        .contains(F1);
  }

  /**
   * For each caller and question, the API's indicators equal {@code analytics programme} on the
   * input the same caller exported, byte for byte; answers the command's first output (the
   * province's 2026-H1).
   */
  JsonObject sameFromTheApiAndTheCommand(Path dir) throws Exception {
    JsonObject first = null;
    for (var ask :
        List.of(
            Map.entry(province, "period=2026-H1"),
            Map.entry(
                province,
                "period=2026&district=" + java.net.URLEncoder.encode(D1, StandardCharsets.UTF_8)),
            Map.entry(province, "as_of=2026-06-30&sector=11"),
            Map.entry(district, "period=2026-H1"))) {
      Session who = ask.getKey();
      String q = ask.getValue();
      String periodOrDate = q.substring(0, q.contains("&") ? q.indexOf('&') : q.length());
      var input =
          svc.request(HttpMethod.GET, "/api/v1/programme/input?" + periodOrDate, who)
              .send()
              .await();
      assertThat(input.statusCode()).as(input.bodyAsString()).isEqualTo(200);
      Path file = dir.resolve("input-" + UUID.randomUUID() + ".json");
      Files.writeString(file, input.bodyAsString());
      List<String> args =
          new ArrayList<>(List.of("programme", "--input", file.toString(), "--format", "json"));
      for (String part : q.split("&")) {
        String[] kv = part.split("=", 2);
        if (kv[0].equals("district") || kv[0].equals("sector")) {
          args.add("--" + kv[0]);
          args.add(java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
      }
      String out = AnalyticsCli.run(args.toArray(String[]::new));

      var api =
          svc.request(HttpMethod.GET, "/api/v1/programme/indicators?" + q, who).send().await();
      assertThat(api.statusCode()).as(api.bodyAsString()).isEqualTo(200);
      assertThat(api.bodyAsString()).as(q).isEqualTo(out);
      if (first == null) {
        first = new JsonObject(out);
      }
    }
    return first;
  }
}
