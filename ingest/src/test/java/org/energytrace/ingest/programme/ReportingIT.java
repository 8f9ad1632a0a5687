package org.energytrace.ingest.programme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.energytrace.ingest.auth.Role;
import org.energytrace.ingest.config.SecurityConfig;
import org.energytrace.ingest.fixtures.MeteredPlant;
import org.energytrace.ingest.fixtures.SecuredService;
import org.energytrace.ingest.fixtures.SecuredService.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The programme's reporting against the running service and PostgreSQL (issue 16): periods with
 * deadlines administered by the province, an enterprise's period report pre-filled from its stored
 * data (hand-worked below), submitted and locked, reopened with a reason, the area officers' status
 * with the late list, and the reminders' outbox.
 *
 * <p>F1 (district D1, contact e-mail) has EnPI x1 with six January days ({@link Baselines}): energy
 * 120 + 127.5 + 141 + 144.5 + 148 + 147.5 = 828.5 kWh for 10 + 14 + 20 + 23 + 23 + 25 = 115 t, SEC
 * 828.5 / 115 = 7.2043 kWh/t; its baseline is an OLS fit on those same days, whose predictions add
 * up to the measured energy (least squares with an intercept), so the baseline SEC is the same and
 * the change 0. F2 (D1) and F3 (D2) report nothing. Deadlines are in the past (2026-H1: 31 July
 * 2026) or set from today's date in Asia/Ho_Chi_Minh (the reminders).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReportingIT {
  static SecuredService svc;
  static String admin;
  static final String S = UUID.randomUUID().toString().substring(0, 6);
  static final String D1 = "Thủ Dầu Một " + S;
  static final String D2 = "Dĩ An " + S;
  static final String F1 = "rf1-" + S;
  static final String F2 = "rf2-" + S;
  static final String F3 = "rf3-" + S;
  static final String H1 = "/api/v1/programme/reporting-periods/2026-H1";
  static Session province;
  static Session district;
  static Session enterprise;
  static Session viewer;

  @BeforeAll
  static void start() throws Exception {
    svc = SecuredService.start(SecurityConfig.defaults());
    admin = svc.access.systemAdminToken();
    put(F1, profile("Công ty Bia " + S, D1).put("contact_email", "sxsh@" + F1 + ".vn"));
    put(F2, profile("Công ty Giấy " + S, D1));
    put(F3, profile("Công ty Thép " + S, D2));
    // F2 declares nothing: its main meter reads 100 + i kWh a day from 28 June to 3 July 2026
    MeteredPlant.create(svc, admin, F2, "gw-" + F2, List.of("m1"), List.of("p1"));
    MeteredPlant.energy(svc, F2, "m1", LocalDate.parse("2026-06-28"), 6, i -> 100 + i);
    int version = Baselines.fitAndSubmit(svc, admin, F1);
    Baselines.approve(svc, F1, version);
    String f1 = "/api/v1/programme/facilities/" + F1;
    ok(
        HttpMethod.POST,
        f1 + "/cp-steps",
        admin,
        new JsonObject().put("stage", "applying").put("date", "2026-03-01"));
    ok(HttpMethod.PUT, f1 + "/energy/2026", admin, energy(50_000));
    // a verified saving of the period (its baseline approved, the period signed off by the
    // auditor) and an indicative one of 2025
    ok(HttpMethod.POST, f1 + "/savings", admin, saving("electricity", "2026-02-01", "2026-03-31"));
    Baselines.signOff(svc, F1, version, "2026-02-01", "2026-03-31");
    ok(HttpMethod.POST, f1 + "/savings", admin, saving("water", "2025-01-01", "2025-12-31"));
    String cp = "/api/v1/enterprises/" + F1 + "/cp-assessments/cp1";
    ok(
        HttpMethod.PUT,
        cp,
        admin,
        new JsonObject()
            .put("site", "plant-1")
            .put("title", "Đánh giá SXSH")
            .put("process_steps", new JsonArray().add(new JsonObject().put("name", "Nấu")))
            .put("focus_step", "Nấu"));
    ok(
        HttpMethod.PUT,
        cp + "/options/opt1",
        admin,
        new JsonObject()
            .put("type", "good_housekeeping")
            .put("description", "Sửa rò rỉ hơi")
            .put("investment", 5_000_000)
            .put("money_saving", 20_000_000)
            .put("decision", "implement")
            .put("implemented_on", "2026-01-05")
            .put("enpi", "x1")
            .put("measure_date", "2026-01-05"));
    svc.access.user("pro-" + S, Role.PROVINCE_OFFICER, null, List.of(), "pw-" + S);
    province = svc.session("pro-" + S, "pw-" + S);
    svc.access.user("do-" + S, Role.DISTRICT_OFFICER, null, List.of(), "pw-" + S);
    ok(
        HttpMethod.PUT,
        "/api/v1/programme/officer-areas/do-" + S,
        admin,
        new JsonObject().put("districts", new JsonArray().add(D1)));
    district = svc.session("do-" + S, "pw-" + S);
    svc.access.user("ea-" + S, Role.ENTERPRISE_ADMIN, F1, List.of(), "pw-" + S);
    enterprise = svc.session("ea-" + S, "pw-" + S);
    svc.access.user("ev-" + S, Role.ENTERPRISE_VIEWER, F1, List.of(), "pw-" + S);
    viewer = svc.session("ev-" + S, "pw-" + S);
  }

  @AfterAll
  static void stop() throws Exception {
    if (svc != null) {
      svc.close();
    }
  }

  static JsonObject profile(String name, String districtName) {
    return new JsonObject()
        .put("legal_name_vi", name)
        .put("vsic", "1103")
        .put("district", districtName);
  }

  static JsonObject energy(double kwh) {
    return new JsonObject()
        .put(
            "energy",
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("carrier", "electricity")
                        .put("unit", "kWh")
                        .put("amount", kwh)));
  }

  static JsonObject saving(String resource, String from, String to) {
    JsonObject s =
        new JsonObject()
            .put("resource", resource)
            .put("kind", resource.equals("water") ? "water" : "energy")
            .put("unit", resource.equals("water") ? "m3" : "kWh")
            .put("from", from)
            .put("to", to)
            .put("fraction", 0.1)
            .put("fraction_low", 0.09)
            .put("fraction_high", 0.11)
            .put("amount", 80);
    return resource.equals("water")
        ? s
        : s.put("carrier", "electricity").put("enpi", "x1").put("baseline_version", 1);
  }

  static void put(String e, JsonObject profile) {
    ok(HttpMethod.PUT, "/api/v1/programme/facilities/" + e, admin, profile);
  }

  static void ok(HttpMethod m, String uri, String token, JsonObject body) {
    var r = svc.withToken(m, uri, token).sendJsonObject(body).await();
    assertThat(r.statusCode()).as(m + " " + uri + " → " + r.bodyAsString()).isBetween(200, 201);
  }

  static HttpResponse<Buffer> as(Session s, HttpMethod m, String uri, JsonObject body) {
    var req = svc.request(m, uri, s);
    return body == null ? req.send().await() : req.sendJsonObject(body).await();
  }

  static JsonObject okAs(Session s, HttpMethod m, String uri, JsonObject body) {
    var r = as(s, m, uri, body);
    assertThat(r.statusCode()).as(m + " " + uri + " → " + r.bodyAsString()).isBetween(200, 201);
    return r.bodyAsJsonObject();
  }

  static void refused(HttpResponse<Buffer> r, int status, String parameter) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    if (parameter != null) {
      assertThat(r.bodyAsJsonObject().getString("parameter")).isEqualTo(parameter);
    }
  }

  static LocalDate today() {
    return LocalDate.now(ProgrammeExport.ZONE);
  }

  @Test
  @Order(1)
  void theProvinceOpensAPeriodWithADeadlineAndBadInputNamesTheField() {
    String periods = "/api/v1/programme/reporting-periods";
    JsonObject p =
        okAs(
            province,
            HttpMethod.POST,
            periods,
            new JsonObject().put("period", "2026-H1").put("deadline", "2026-07-31"));
    assertThat(p.getString("kind")).isEqualTo("semiannual");
    assertThat(p.getString("from")).isEqualTo("2026-01-01");
    assertThat(p.getString("to")).isEqualTo("2026-06-30");
    assertThat(p.getInteger("reminder_days")).isEqualTo(7);
    assertThat(p.getString("status")).isEqualTo("open");
    refused(
        as(
            province,
            HttpMethod.POST,
            periods,
            new JsonObject().put("period", "2026-H1").put("deadline", "2026-07-31")),
        409,
        "period");
    refused(
        as(
            province,
            HttpMethod.POST,
            periods,
            new JsonObject().put("period", "2026-H3").put("deadline", "2026-07-31")),
        400,
        "period");
    refused(
        as(
            province,
            HttpMethod.POST,
            periods,
            new JsonObject().put("period", "2025").put("deadline", "2024-12-31")),
        400,
        "deadline");
    refused(
        as(
            province,
            HttpMethod.POST,
            periods,
            new JsonObject()
                .put("period", "2025")
                .put("deadline", "2026-01-31")
                .put("reminder_days", 91)),
        400,
        "reminder_days");
    // an enterprise reads the periods, never opens one
    assertThat(okAs(enterprise, HttpMethod.GET, periods, null).getJsonArray("periods")).hasSize(1);
    refused(
        as(
            enterprise,
            HttpMethod.POST,
            periods,
            new JsonObject().put("period", "2027").put("deadline", "2028-01-31")),
        403,
        null);
    assertThat(svc.audited("programme.period.create", Instant.EPOCH)).isEqualTo(1);
  }

  @Test
  @Order(2)
  void theReportIsPrefilledFromTheStoredData() {
    JsonObject r = okAs(enterprise, HttpMethod.GET, H1 + "/reports/" + F1, null);
    assertThat(r.getString("status")).isEqualTo("not_started");
    assertThat(r.getBoolean("prefilled")).isTrue();
    assertThat(r.getBoolean("locked")).isFalse();
    // the deadline of 31 July 2026 has passed
    assertThat(r.getBoolean("late")).isTrue();
    JsonObject f = r.getJsonObject("figures");
    assertThat(f.getJsonObject("cp").getString("stage")).isEqualTo("applying");
    assertThat(f.getJsonObject("cp").getString("as_of")).isEqualTo("2026-06-30");
    JsonObject e = f.getJsonArray("energy_by_carrier").getJsonObject(0);
    assertThat(f.getJsonArray("energy_by_carrier")).hasSize(1);
    assertThat(e.getInteger("year")).isEqualTo(2026);
    assertThat(e.getString("carrier")).isEqualTo("electricity");
    assertThat(e.getDouble("amount")).isEqualTo(50_000.0);
    assertThat(e.getString("source")).isEqualTo("declared");
    // a declaration is the whole year's, and says so
    assertThat(e.getString("from")).isEqualTo("2026-01-01");
    assertThat(e.getString("to")).isEqualTo("2026-12-31");
    JsonObject x1 = f.getJsonArray("enpis").getJsonObject(0);
    assertThat(x1.getString("enpi")).isEqualTo("x1");
    assertThat(x1.getDouble("energy")).isCloseTo(828.5, within(1e-9));
    assertThat(x1.getJsonArray("production").getJsonObject(0).getDouble("amount"))
        .isCloseTo(115.0, within(1e-9));
    assertThat(x1.getDouble("sec")).isCloseTo(828.5 / 115, within(1e-9));
    assertThat(x1.getInteger("baseline_version")).isEqualTo(1);
    assertThat(x1.getDouble("baseline_sec")).isCloseTo(828.5 / 115, within(1e-6));
    assertThat(x1.getDouble("sec_change")).isCloseTo(0.0, within(1e-6));
    JsonObject m = f.getJsonArray("measures").getJsonObject(0);
    assertThat(m.getString("option")).isEqualTo("opt1");
    assertThat(m.getString("implemented_on")).isEqualTo("2026-01-05");
    // the verified saving of the period; the 2025 water saving is of another period
    JsonArray verified = f.getJsonObject("savings").getJsonArray("verified");
    assertThat(verified).hasSize(1);
    assertThat(verified.getJsonObject(0).getString("resource")).isEqualTo("electricity");
    assertThat(f.getJsonObject("savings").getJsonArray("indicative")).isEmpty();
  }

  @Test
  @Order(3)
  void aSubmittedReportIsLockedWithItsFiguresAsSubmitted() {
    String report = H1 + "/reports/" + F1;
    refused(as(viewer, HttpMethod.PUT, report, new JsonObject().put("notes", "x")), 403, null);
    JsonObject draft =
        okAs(
            enterprise,
            HttpMethod.PUT,
            report,
            new JsonObject().put("notes", "Đã thay nồi hơi.\nSố liệu tháng 1."));
    assertThat(draft.getString("status")).isEqualTo("draft");
    assertThat(draft.getString("notes")).isEqualTo("Đã thay nồi hơi.\nSố liệu tháng 1.");
    refused(
        as(enterprise, HttpMethod.PUT, report, new JsonObject().put("notes", "a\u0000b")),
        400,
        "notes");
    JsonObject s = okAs(enterprise, HttpMethod.POST, report + "/submit", new JsonObject());
    assertThat(s.getString("status")).isEqualTo("submitted");
    assertThat(s.getBoolean("locked")).isTrue();
    assertThat(s.getBoolean("late")).isFalse();
    assertThat(s.getBoolean("submitted_late")).isTrue();
    assertThat(s.getString("notes")).isEqualTo("Đã thay nồi hơi.\nSố liệu tháng 1.");
    refused(
        as(enterprise, HttpMethod.PUT, report, new JsonObject().put("notes", "later")),
        409,
        "report");
    refused(as(enterprise, HttpMethod.POST, report + "/submit", new JsonObject()), 409, "report");
    // the stored data changes; the submitted report keeps what was submitted
    ok(
        HttpMethod.PUT,
        "/api/v1/programme/facilities/" + F1 + "/energy/2026",
        admin,
        energy(60_000));
    JsonObject after = okAs(enterprise, HttpMethod.GET, report, null);
    assertThat(after.getBoolean("prefilled")).isFalse();
    assertThat(
            after
                .getJsonObject("figures")
                .getJsonArray("energy_by_carrier")
                .getJsonObject(0)
                .getDouble("amount"))
        .isEqualTo(50_000.0);
    assertThat(svc.audited("programme.report.submit", Instant.EPOCH)).isEqualTo(1);
  }

  @Test
  @Order(4)
  void areaOfficersReadTheirAreasReportsAndSeeTheirLateList() {
    JsonObject r = okAs(district, HttpMethod.GET, H1 + "/reports/" + F1, null);
    assertThat(r.getString("status")).isEqualTo("submitted");
    refused(as(district, HttpMethod.GET, H1 + "/reports/" + F3, null), 403, null);
    JsonObject st = okAs(district, HttpMethod.GET, H1 + "/status", null);
    assertThat(
            st.getJsonArray("facilities").stream()
                .map(o -> ((JsonObject) o).getString("enterprise")))
        .containsExactly(F1, F2);
    assertThat(st.getJsonArray("late").stream().map(o -> ((JsonObject) o).getString("enterprise")))
        .containsExactly(F2);
    assertThat(st.getJsonObject("counts").getInteger("submitted")).isEqualTo(1);
    assertThat(st.getJsonObject("counts").getInteger("late")).isEqualTo(1);
    JsonObject all = okAs(province, HttpMethod.GET, H1 + "/status", null);
    assertThat(all.getJsonArray("late").stream().map(o -> ((JsonObject) o).getString("enterprise")))
        .containsExactly(F2, F3);
    refused(as(enterprise, HttpMethod.GET, H1 + "/status", null), 403, null);
  }

  @Test
  @Order(5)
  void theProvinceReopensAReportWithAReasonAndTheResubmissionReadsTheDataAnew() {
    String report = H1 + "/reports/" + F1;
    refused(as(province, HttpMethod.POST, report + "/reopen", new JsonObject()), 400, "reason");
    refused(
        as(enterprise, HttpMethod.POST, report + "/reopen", new JsonObject().put("reason", "x")),
        403,
        null);
    JsonObject r =
        okAs(
            province,
            HttpMethod.POST,
            report + "/reopen",
            new JsonObject().put("reason", "năng lượng năm 2026 khai sai"));
    assertThat(r.getString("status")).isEqualTo("draft");
    assertThat(r.getString("reopen_reason")).isEqualTo("năng lượng năm 2026 khai sai");
    assertThat(r.getString("reopened_by")).isEqualTo("pro-" + S);
    assertThat(
            svc.count(
                "select count(*) from audit_log where action = 'programme.report.reopen' and"
                    + " after_state->>'reason' = 'năng lượng năm 2026 khai sai' and"
                    + " before_state->>'status' = 'submitted'"))
        .isEqualTo(1);
    refused(
        as(province, HttpMethod.POST, report + "/reopen", new JsonObject().put("reason", "x")),
        409,
        "report");
    JsonObject again = okAs(enterprise, HttpMethod.POST, report + "/submit", new JsonObject());
    assertThat(
            again
                .getJsonObject("figures")
                .getJsonArray("energy_by_carrier")
                .getJsonObject(0)
                .getDouble("amount"))
        .isEqualTo(60_000.0);
  }

  @Test
  @Order(6)
  void aClosedPeriodIsFinal() {
    JsonObject moved =
        okAs(
            province,
            HttpMethod.PUT,
            H1 + "/deadline",
            new JsonObject().put("deadline", "2026-08-15").put("reason", "gia hạn"));
    assertThat(moved.getString("deadline")).isEqualTo("2026-08-15");
    JsonObject closed = okAs(province, HttpMethod.POST, H1 + "/close", null);
    assertThat(closed.getString("status")).isEqualTo("closed");
    assertThat(closed.getString("closed_by")).isEqualTo("pro-" + S);
    refused(as(province, HttpMethod.POST, H1 + "/close", null), 409, "period");
    refused(
        as(
            province,
            HttpMethod.PUT,
            H1 + "/deadline",
            new JsonObject().put("deadline", "2026-08-31")),
        409,
        "period");
    var late =
        svc.withToken(HttpMethod.POST, H1 + "/reports/" + F2 + "/submit", admin)
            .sendJsonObject(new JsonObject())
            .await();
    refused(late, 409, "period");
    refused(
        as(
            province,
            HttpMethod.POST,
            H1 + "/reports/" + F1 + "/reopen",
            new JsonObject().put("reason", "x")),
        409,
        "period");
    assertThat(okAs(enterprise, HttpMethod.GET, H1 + "/reports/" + F1, null).getBoolean("locked"))
        .isTrue();
  }

  @Test
  @Order(7)
  void remindersAreRecordedOnceWithinTheLeadTimeForWhoHasNotSubmitted() {
    LocalDate today = today();
    String label = String.valueOf(today.getYear());
    String period = "/api/v1/programme/reporting-periods/" + label;
    okAs(
        province,
        HttpMethod.POST,
        "/api/v1/programme/reporting-periods",
        new JsonObject()
            .put("period", label)
            .put("deadline", today.plusDays(30).toString())
            .put("reminder_days", 7));
    // 30 days before the deadline: not yet
    JsonObject none = okAs(province, HttpMethod.POST, period + "/reminders", null);
    assertThat(none.getBoolean("due")).isFalse();
    assertThat(none.getJsonArray("reminders")).isEmpty();
    okAs(
        province,
        HttpMethod.PUT,
        period + "/deadline",
        new JsonObject().put("deadline", today.plusDays(3).toString()).put("reason", "sớm hơn"));
    JsonObject sent = okAs(province, HttpMethod.POST, period + "/reminders", null);
    assertThat(sent.getBoolean("due")).isTrue();
    assertThat(sent.getString("delivery")).isEqualTo("outbox");
    JsonArray rs = sent.getJsonArray("reminders");
    assertThat(rs.stream().map(o -> ((JsonObject) o).getString("enterprise")))
        .containsExactly(F1, F2, F3);
    JsonObject f1 = rs.getJsonObject(0);
    assertThat(f1.getString("recipient")).isEqualTo("sxsh@" + F1 + ".vn");
    assertThat(f1.getString("status")).isEqualTo("queued");
    assertThat(f1.getString("subject")).contains(label).contains(today.plusDays(3).toString());
    assertThat(rs.getJsonObject(1).getString("status")).isEqualTo("no_address");
    // once per period and enterprise
    assertThat(
            okAs(province, HttpMethod.POST, period + "/reminders", null).getJsonArray("reminders"))
        .isEmpty();
    JsonObject mine = okAs(district, HttpMethod.GET, period + "/reminders", null);
    assertThat(
            mine.getJsonArray("reminders").stream()
                .map(o -> ((JsonObject) o).getString("enterprise")))
        .containsExactly(F1, F2);
    JsonObject st = okAs(district, HttpMethod.GET, period + "/status", null);
    assertThat(st.getJsonArray("facilities").getJsonObject(0).getString("reminder"))
        .isEqualTo("queued");
    assertThat(st.getJsonArray("late")).isEmpty();
    refused(as(district, HttpMethod.POST, period + "/reminders", null), 403, null);
  }

  @Test
  @Order(8)
  void afterTheDeadlineTheOfficersRequestRemindsTheLateFacilitiesOnceSayingTheReportIsOverdue() {
    // "send the reminders now" recorded nothing once the window had passed, and the page said
    // "Saved.": the late facilities, those most in need of it, were never reminded
    LocalDate yesterday = today().minusDays(1);
    String period = "/api/v1/programme/reporting-periods/2025-H2";
    okAs(
        province,
        HttpMethod.POST,
        "/api/v1/programme/reporting-periods",
        new JsonObject()
            .put("period", "2025-H2")
            .put("deadline", yesterday.toString())
            .put("reminder_days", 7));
    JsonObject sent = okAs(province, HttpMethod.POST, period + "/reminders", null);
    assertThat(sent.getBoolean("due")).isFalse();
    assertThat(sent.getBoolean("overdue")).isTrue();
    JsonArray rs = sent.getJsonArray("reminders");
    assertThat(rs.stream().map(o -> ((JsonObject) o).getString("enterprise")))
        .containsExactly(F1, F2, F3);
    assertThat(rs.getJsonObject(0).getString("subject"))
        .contains("đã quá hạn nộp (" + yesterday + ")")
        .contains("Overdue: CP programme report 2025-H2 was due " + yesterday);
    // the link names the period's page (dashboards.public_url before it when configured)
    assertThat(rs.getJsonObject(0).getString("body"))
        .contains("/reporting.html?period=2025-H2")
        .contains("đã quá hạn nộp");
    // once, as before the deadline
    assertThat(
            okAs(province, HttpMethod.POST, period + "/reminders", null).getJsonArray("reminders"))
        .isEmpty();
    // a closed period reminds nobody
    okAs(province, HttpMethod.POST, period + "/close", null);
    JsonObject closed = okAs(province, HttpMethod.POST, period + "/reminders", null);
    assertThat(closed.getBoolean("overdue")).isFalse();
    assertThat(closed.getJsonArray("reminders")).isEmpty();
  }

  @Test
  @Order(9)
  void aHalfYearsReportCarriesTheEnergyMeteredOnItsOwnDays() {
    // it carried the year's metered energy to date: read in August, a 2026-H1 report held July's
    JsonObject h1 = okAs(province, HttpMethod.GET, H1 + "/reports/" + F2, null);
    JsonArray first = h1.getJsonObject("figures").getJsonArray("energy_by_carrier");
    assertThat(first).hasSize(1);
    JsonObject june = first.getJsonObject(0);
    assertThat(june.getString("carrier")).isEqualTo("electricity");
    assertThat(june.getString("source")).isEqualTo("metered");
    assertThat(june.getDouble("amount")).isEqualTo(100.0 + 101 + 102);
    assertThat(june.getInteger("days")).isEqualTo(3);
    assertThat(june.getString("from")).isEqualTo("2026-01-01");
    assertThat(june.getString("to")).isEqualTo("2026-06-30");

    okAs(
        province,
        HttpMethod.POST,
        "/api/v1/programme/reporting-periods",
        new JsonObject().put("period", "2026-H2").put("deadline", "2027-01-31"));
    JsonObject h2 =
        okAs(
            province,
            HttpMethod.GET,
            "/api/v1/programme/reporting-periods/2026-H2/reports/" + F2,
            null);
    JsonObject july =
        h2.getJsonObject("figures").getJsonArray("energy_by_carrier").getJsonObject(0);
    assertThat(july.getDouble("amount")).isEqualTo(103.0 + 104 + 105);
    assertThat(july.getInteger("days")).isEqualTo(3);
    assertThat(july.getString("from")).isEqualTo("2026-07-01");
    LocalDate last = LocalDate.parse("2026-12-31");
    assertThat(july.getString("to"))
        .isEqualTo((today().isBefore(last) ? today() : last).toString());
  }
}
