package org.energytrace.ingest.cp;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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
 * Attendance of the public section's activities feeds the programme (issue 18): a CP officer at a
 * training course gets a training record, an enterprise at a workshop or study tour becomes aware
 * of CP, and the programme's indicators (share aware, officers trained) count them.
 */
class CpAttendanceIT {
  static SecuredService svc;
  static String admin;
  static final String S = UUID.randomUUID().toString().substring(0, 6);
  static final String DISTRICT = "Bến Cát " + S;
  static final String BREWERY = "att-b-" + S;
  static final String DAIRY = "att-d-" + S;
  static final String TEXTILE = "att-t-" + S;
  static Session province;

  @BeforeAll
  static void start() {
    svc = SecuredService.start(SecurityConfig.defaults());
    admin = svc.access.systemAdminToken();
    for (String e : List.of(BREWERY, DAIRY, TEXTILE)) {
      var r =
          svc.withToken(HttpMethod.PUT, "/api/v1/programme/facilities/" + e, admin)
              .sendJsonObject(
                  new JsonObject()
                      .put("legal_name_vi", "Công ty " + e)
                      .put("vsic", "1103")
                      .put("district", DISTRICT))
              .await();
      assertThat(r.statusCode()).as(r.bodyAsString()).isBetween(200, 201);
    }
    svc.access.user("att-p-" + S, Role.PROVINCE_OFFICER, null, List.of(), "pw-" + S);
    province = svc.session("att-p-" + S, "pw-" + S);
    item("course-" + S, "training", "Khóa đào tạo SXSH cơ bản", "2026-03-10");
    item("ws-" + S, "workshop", "Hội thảo SXSH ngành bia", "2026-02-05");
    item("tour-" + S, "study_tour", "Tham quan nhà máy bia", "2026-04-02");
    item("news-" + S, "news", "Tin SXSH", "2026-01-05");
  }

  @AfterAll
  static void stop() throws Exception {
    if (svc != null) {
      svc.close();
    }
  }

  static void item(String code, String kind, String title, String date) {
    var r =
        svc.request(HttpMethod.PUT, "/api/v1/cp-public/items/" + code, province)
            .sendJsonObject(
                new JsonObject()
                    .put("kind", kind)
                    .put("title_vi", title)
                    .put("date", date)
                    .put("published", true))
            .await();
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
  }

  static io.vertx.core.buffer.Buffer attend(int status, String item, JsonObject attendee) {
    var r =
        svc.request(HttpMethod.POST, "/api/v1/cp-public/items/" + item + "/attendance", province)
            .sendJsonObject(attendee)
            .await();
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    return r.body();
  }

  static JsonObject attendee(String enterprise, String person, String role, String officer) {
    JsonObject a =
        new JsonObject().put("enterprise", enterprise).put("person", person).put("role", role);
    return officer == null ? a : a.put("officer", officer);
  }

  /** The district's indicators (share aware, officers trained) as of a day. */
  static JsonObject indicators(String asOf) {
    var r =
        svc.withToken(
                HttpMethod.GET,
                "/api/v1/programme/indicators?as_of="
                    + asOf
                    + "&district="
                    + URLEncoder.encode(DISTRICT, StandardCharsets.UTF_8),
                admin)
            .send()
            .await();
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject().getJsonObject("indicators");
  }

  static long audited(String action, String enterprise) {
    return svc.count(
        "select count(*) from audit_log where action = '"
            + action
            + "' and enterprise = '"
            + enterprise
            + "'");
  }

  @Test
  void attendanceRecordsTrainingAndAwarenessOnceAndTheIndicatorsCountThem() {
    JsonObject before = indicators("2026-06-30");
    assertThat(before.getJsonObject("aware").getInteger("numerator")).isZero();
    assertThat(before.getJsonObject("aware").getInteger("denominator")).isEqualTo(3);
    assertThat(before.getJsonObject("officers_trained").getInteger("denominator")).isZero();

    // the brewery's CP officer at the training course: registered, trained, the brewery aware
    JsonObject course =
        attend(201, "course-" + S, attendee(BREWERY, "Nguyễn Văn An", "cp_officer", "an"))
            .toJsonObject();
    assertThat(course.getBoolean("training_recorded")).isTrue();
    assertThat(course.getBoolean("aware_recorded")).isTrue();
    // the dairy's manager on the study tour: aware by a visit, no training
    JsonObject tour =
        attend(201, "tour-" + S, attendee(DAIRY, "Lê Thị Bình", "manager", null)).toJsonObject();
    assertThat(tour.getBoolean("training_recorded")).isFalse();
    assertThat(tour.getBoolean("aware_recorded")).isTrue();
    // the brewery at the workshop later: attendance recorded, it is aware already
    JsonObject ws =
        attend(201, "ws-" + S, attendee(BREWERY, "Trần Văn Cường", "staff", null)).toJsonObject();
    assertThat(ws.getBoolean("aware_recorded")).isFalse();

    // recording the same attendee again writes nothing
    long trainingAudits = audited("programme.training.record", BREWERY);
    long attendanceAudits = audited("cp.attendance.record", BREWERY);
    JsonObject again =
        attend(200, "course-" + S, attendee(BREWERY, "Nguyễn Văn An", "cp_officer", "an"))
            .toJsonObject();
    assertThat(again.getBoolean("recorded")).isFalse();
    assertThat(audited("programme.training.record", BREWERY)).isEqualTo(trainingAudits);
    assertThat(audited("cp.attendance.record", BREWERY)).isEqualTo(attendanceAudits);
    assertThat(trainingAudits).isEqualTo(1);
    assertThat(attendanceAudits).isEqualTo(2);
    assertThat(audited("programme.officer.create", BREWERY)).isEqualTo(1);
    assertThat(audited("programme.cp_step.record", BREWERY)).isEqualTo(1);
    assertThat(audited("programme.cp_step.record", DAIRY)).isEqualTo(1);

    // the programme's registry shows the steps with how they became aware, and the training
    assertThat(
            svc.db.text(
                "select s.detail || ' ' || s.step_date from programme_cp_step s join enterprise e"
                    + " using (enterprise_id) where e.code = '"
                    + DAIRY
                    + "'"))
        .isEqualTo("visit 2026-04-02");
    assertThat(
            svc.db.text(
                "select s.detail || ' ' || s.step_date from programme_cp_step s join enterprise e"
                    + " using (enterprise_id) where e.code = '"
                    + BREWERY
                    + "'"))
        .isEqualTo("workshop 2026-03-10");

    // hand-worked: 2 of the district's 3 facilities aware, its 1 officer trained
    JsonObject after = indicators("2026-06-30");
    assertThat(after.getJsonObject("aware").getInteger("numerator")).isEqualTo(2);
    assertThat(after.getJsonObject("aware").getDouble("share")).isEqualTo(2.0 / 3);
    assertThat(after.getJsonObject("officers_trained").getInteger("numerator")).isEqualTo(1);
    assertThat(after.getJsonObject("officers_trained").getInteger("denominator")).isEqualTo(1);
    // the dates count: before the course nobody was trained or aware by it; the dairy not yet
    JsonObject march = indicators("2026-03-01");
    assertThat(march.getJsonObject("aware").getInteger("numerator")).isZero();
    assertThat(march.getJsonObject("officers_trained").getInteger("numerator")).isZero();
  }

  @Test
  void onlyActivitiesWithADateOfRegisteredEnterprisesTakeAttendanceAndFieldsAreNamed() {
    var news =
        svc.request(HttpMethod.POST, "/api/v1/cp-public/items/news-" + S + "/attendance", province)
            .sendJsonObject(attendee(TEXTILE, "A", "staff", null))
            .await();
    assertThat(news.statusCode()).isEqualTo(409);
    assertThat(news.bodyAsJsonObject().getString("parameter")).isEqualTo("item");
    var unregistered =
        svc.request(HttpMethod.POST, "/api/v1/cp-public/items/ws-" + S + "/attendance", province)
            .sendJsonObject(attendee("nobody-" + S, "A", "staff", null))
            .await();
    assertThat(unregistered.statusCode()).isEqualTo(409);
    assertThat(unregistered.bodyAsJsonObject().getString("parameter")).isEqualTo("enterprise");
    var noOfficer =
        svc.request(HttpMethod.POST, "/api/v1/cp-public/items/ws-" + S + "/attendance", province)
            .sendJsonObject(attendee(TEXTILE, "A", "cp_officer", null))
            .await();
    assertThat(noOfficer.statusCode()).isEqualTo(400);
    assertThat(noOfficer.bodyAsJsonObject().getString("parameter")).isEqualTo("officer");
    var role =
        svc.request(HttpMethod.POST, "/api/v1/cp-public/items/ws-" + S + "/attendance", province)
            .sendJsonObject(attendee(TEXTILE, "A", "boss", null))
            .await();
    assertThat(role.bodyAsJsonObject().getString("parameter")).isEqualTo("role");
    assertThat(
            svc.request(
                    HttpMethod.POST,
                    "/api/v1/cp-public/items/nothing-" + S + "/attendance",
                    province)
                .sendJsonObject(attendee(TEXTILE, "A", "staff", null))
                .await()
                .statusCode())
        .isEqualTo(404);
    // nothing of it reached the programme
    assertThat(audited("programme.cp_step.record", TEXTILE)).isZero();
  }

  @Test
  void anActivityDatedInTheFutureTakesNoAttendanceAndRecordsNoStep() {
    // a workshop typed as 2030 gave its attendee a 2030 "aware" step, which kept the facility's
    // real workshop of this year out of the count until then (steps are never withdrawn)
    String future =
        java.time.LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).plusDays(1).toString();
    item("ws-next-" + S, "workshop", "Hội thảo sắp tới", future);
    long steps = audited("programme.cp_step.record", TEXTILE);
    long attended = audited("cp.attendance.record", TEXTILE);
    var r =
        svc.request(
                HttpMethod.POST, "/api/v1/cp-public/items/ws-next-" + S + "/attendance", province)
            .sendJsonObject(attendee(TEXTILE, "B", "staff", null))
            .await();
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(409);
    assertThat(r.bodyAsJsonObject().getString("parameter")).isEqualTo("item");
    assertThat(r.bodyAsJsonObject().getString("message"))
        .contains("is dated " + future + ", in the future")
        .contains("once the activity took place");
    assertThat(audited("programme.cp_step.record", TEXTILE)).isEqualTo(steps);
    assertThat(audited("cp.attendance.record", TEXTILE)).isEqualTo(attended);
    // nor a head count for it
    var counted =
        svc.request(HttpMethod.PUT, "/api/v1/cp-public/items/ws-next-" + S, province)
            .sendJsonObject(
                new JsonObject()
                    .put("kind", "workshop")
                    .put("title_vi", "Hội thảo sắp tới")
                    .put("date", future)
                    .put("attendance", 40))
            .await();
    assertThat(counted.statusCode()).as(counted.bodyAsString()).isEqualTo(400);
    assertThat(counted.bodyAsJsonObject().getString("parameter")).isEqualTo("attendance");
    // an activity with attendees recorded is not moved to a future day (a facility of another
    // district, so that the district's indicators of the other tests keep their facilities)
    String other = "att-x-" + S;
    var registered =
        svc.withToken(HttpMethod.PUT, "/api/v1/programme/facilities/" + other, admin)
            .sendJsonObject(
                new JsonObject()
                    .put("legal_name_vi", "Công ty " + other)
                    .put("vsic", "1103")
                    .put("district", "Khác " + S))
            .await();
    assertThat(registered.statusCode()).as(registered.bodyAsString()).isBetween(200, 201);
    String yesterday =
        java.time.LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).minusDays(1).toString();
    item("ws-held-" + S, "workshop", "Hội thảo đã tổ chức", yesterday);
    attend(201, "ws-held-" + S, attendee(other, "D", "staff", null));
    var moved =
        svc.request(HttpMethod.PUT, "/api/v1/cp-public/items/ws-held-" + S, province)
            .sendJsonObject(
                new JsonObject()
                    .put("kind", "workshop")
                    .put("title_vi", "Hội thảo đã tổ chức")
                    .put("date", future))
            .await();
    assertThat(moved.statusCode()).as(moved.bodyAsString()).isEqualTo(409);
    assertThat(moved.bodyAsJsonObject().getString("parameter")).isEqualTo("date");
    assertThat(moved.bodyAsJsonObject().getString("message")).contains("has attendees recorded");
    // announced, without attendance, it is taken
    var announced =
        svc.request(HttpMethod.PUT, "/api/v1/cp-public/items/ws-next-" + S, province)
            .sendJsonObject(
                new JsonObject()
                    .put("kind", "workshop")
                    .put("title_vi", "Hội thảo sắp tới")
                    .put("date", future)
                    .put("published", true))
            .await();
    assertThat(announced.statusCode()).as(announced.bodyAsString()).isEqualTo(200);
  }
}
