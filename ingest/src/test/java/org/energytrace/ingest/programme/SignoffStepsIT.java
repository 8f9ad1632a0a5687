package org.energytrace.ingest.programme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.assertj.core.data.Offset;
import org.energytrace.analytics.units.ConversionTable;
import org.energytrace.ingest.auth.Role;
import org.energytrace.ingest.config.SecurityConfig;
import org.energytrace.ingest.fixtures.BrowserSession;
import org.energytrace.ingest.fixtures.Chromium;
import org.energytrace.ingest.fixtures.SecuredService;
import org.energytrace.ingest.fixtures.TwoCarrierPlant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The CP lifecycle's "savings verified" follows the auditors' period sign-offs
 * (docs/programme-reporting.md, "Savings verified follows the sign-off"; issue 16 with issue 15): a
 * verifying sign-off records the step and the registry's saving with the link to itself and its
 * dossier, once; a not_verified one withdraws it, the history kept; nothing is recorded for a
 * facility not applying CP yet, and the sign-off's answer says why.
 */
class SignoffStepsIT {
  static SecuredService svc;
  static String admin;
  static final String S = UUID.randomUUID().toString().substring(0, 6);
  // a district of this run only: the indicators below count its facilities alone
  static final String DISTRICT = "Bến Cát " + S;

  @BeforeAll
  static void start() {
    // priced as a deployment prices them: the registry's savings carry their money
    svc =
        SecuredService.start(
            SecurityConfig.defaults(),
            c -> c.withDashboards(c.dashboards().withTariff(2103.11, "VND").withGasTariff(12000)));
    admin = svc.access.systemAdminToken();
  }

  @AfterAll
  static void stop() throws Exception {
    if (svc != null) {
      svc.close();
    }
  }

  /** A registered facility of the district, its EnPI's baseline approved, a reporting period in. */
  static int facility(String e, boolean applying) throws Exception {
    registered(e, applying);
    int version = Baselines.fitAndSubmit(svc, admin, e);
    Baselines.reportingDays(svc, admin, e);
    Baselines.approve(svc, e, version);
    return version;
  }

  /** A registered facility of the district, aware of CP, and applying it when {@code applying}. */
  static void registered(String e, boolean applying) {
    var put =
        svc.withToken(HttpMethod.PUT, "/api/v1/programme/facilities/" + e, admin)
            .sendJsonObject(ProgrammeRegistryIT.profile("Công ty Bia " + S, "1103", DISTRICT, null))
            .await();
    assertThat(put.statusCode()).as(put.bodyAsString()).isEqualTo(201);
    String steps = "/api/v1/programme/facilities/" + e + "/cp-steps";
    created(
        steps,
        new JsonObject().put("stage", "aware").put("date", "2025-10-01").put("detail", "workshop"));
    if (applying) {
      created(
          steps,
          new JsonObject()
              .put("stage", "potential_assessed")
              .put("date", "2025-11-01")
              .put("potential", true));
      created(steps, new JsonObject().put("stage", "applying").put("date", "2025-12-15"));
    }
  }

  static void created(String uri, JsonObject body) {
    var r = svc.withToken(HttpMethod.POST, uri, admin).sendJsonObject(body).await();
    assertThat(r.statusCode()).as(uri + " → " + r.bodyAsString()).isEqualTo(201);
  }

  static JsonObject get(String uri) {
    var r = svc.withToken(HttpMethod.GET, uri, admin).send().await();
    assertThat(r.statusCode()).as(uri + " → " + r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  /** The facilities whose verified savings the district's indicators count as of {@code day}. */
  static List<Object> verifiedFacilities(LocalDate day) {
    return get("/api/v1/programme/indicators?as_of="
            + day
            + "&district="
            + URLEncoder.encode(DISTRICT, StandardCharsets.UTF_8))
        .getJsonObject("energy_saved")
        .getJsonObject("verified")
        .getJsonArray("facilities")
        .getList();
  }

  static List<JsonObject> verifiedSteps(JsonObject facility) {
    List<JsonObject> out = new ArrayList<>();
    for (Object o : facility.getJsonObject("cp").getJsonArray("steps")) {
      JsonObject step = (JsonObject) o;
      if ("savings_verified".equals(step.getString("stage"))) {
        out.add(step);
      }
    }
    return out;
  }

  static int audited(String e) {
    return (int)
        svc.count(
            "select count(*) from audit_log where action = 'programme.step.auto'"
                + " and enterprise = '"
                + e
                + "'");
  }

  @Test
  void aVerifyingSignOffRecordsTheStepAndTheSavingOnceAndANotVerifiedOneWithdrawsIt()
      throws Exception {
    String e = "pso-" + S;
    int version = facility(e, true);
    LocalDate today = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));
    String facilityUri = "/api/v1/programme/facilities/" + e;
    List<Object> before = verifiedFacilities(today);
    assertThat(before).doesNotContain(e);

    JsonObject first =
        Baselines.signOff(
            svc,
            e,
            version,
            Baselines.REPORTING_FROM,
            Baselines.REPORTING_TO,
            "verified",
            "metered data and production seen");
    JsonObject programme = first.getJsonObject("programme");
    assertThat(programme.getBoolean("recorded")).as(programme.encode()).isTrue();
    assertThat(programme.getString("step_action")).isEqualTo("recorded");
    assertThat(programme.getString("saving_action")).isEqualTo("recorded");

    JsonObject f = get(facilityUri);
    assertThat(f.getJsonObject("cp").getString("stage")).isEqualTo("savings_verified");
    List<JsonObject> steps = verifiedSteps(f);
    assertThat(steps).hasSize(1);
    JsonObject step = steps.get(0);
    // dated the sign-off's day, recorded by the auditor, linked to the sign-off and its dossier
    assertThat(step.getString("date")).isEqualTo(today.toString());
    assertThat(step.getString("recorded_by")).isEqualTo("aud-" + e);
    assertThat(step.getJsonObject("signoff").getLong("id")).isEqualTo(first.getLong("id"));
    assertThat(step.getJsonObject("signoff").getString("dossier_sha256"))
        .isEqualTo(first.getString("dossier_sha256"));
    assertThat(step.getString("detail")).contains(first.getString("dossier_sha256"));
    // the detail the sign-off wrote is marked, so that a page words it in its own language; the
    // step recorded by hand is not
    assertThat(step.getBoolean("detail_from_signoff")).isTrue();
    JsonObject aware = f.getJsonObject("cp").getJsonArray("steps").getJsonObject(0);
    assertThat(aware.getString("detail")).isEqualTo("workshop");
    assertThat(aware.getBoolean("detail_from_signoff")).isFalse();
    assertThat(step.getValue("withdrawn")).isNull();

    // the registry's saving holds the period's figures as the EnPI's savings compute them
    JsonArray savings = f.getJsonArray("savings");
    assertThat(savings).hasSize(1);
    JsonObject saving = savings.getJsonObject(0);
    assertThat(step.getLong("saving")).isEqualTo(saving.getLong("id"));
    assertThat(saving.getString("status")).isEqualTo("verified");
    assertThat(saving.getString("verified_on")).isEqualTo(today.toString());
    assertThat(saving.getLong("signoff")).isEqualTo(first.getLong("id"));
    assertThat(saving.getString("from")).isEqualTo(Baselines.REPORTING_FROM);
    assertThat(saving.getString("to")).isEqualTo(Baselines.REPORTING_TO);
    assertThat(saving.getString("resource")).isEqualTo("electricity");
    // an EnPI over one carrier: the saving is that carrier's own
    assertThat(saving.getBoolean("carrier_share")).isFalse();
    JsonObject answer =
        get(
            "/api/v1/enterprises/"
                + e
                + "/enpis/x1/savings?baseline="
                + version
                + "&from="
                + Baselines.REPORTING_FROM
                + "&to="
                + Baselines.REPORTING_TO);
    JsonObject computed = answer.getJsonObject("savings_split");
    // its money at the configured tariff, as the savings API prices it (it was always empty)
    assertThat(saving.getDouble("money"))
        .as(saving.encode())
        .isNotNull()
        .isCloseTo(answer.getJsonObject("money").getDouble("amount"), Offset.offset(1e-6))
        .isCloseTo(saving.getDouble("amount") * 2103.11, Offset.offset(1e-3));
    assertThat(saving.getString("currency")).isEqualTo("VND");
    assertThat(saving.getDouble("fraction"))
        .isCloseTo(computed.getDouble("savings_fraction"), Offset.offset(1e-9));
    assertThat(saving.getDouble("amount"))
        .isCloseTo(computed.getDouble("savings"), Offset.offset(1e-6))
        .isPositive();
    assertThat(saving.getDouble("fraction_low")).isLessThanOrEqualTo(saving.getDouble("fraction"));
    assertThat(saving.getDouble("fraction_high"))
        .isGreaterThanOrEqualTo(saving.getDouble("fraction"));

    // the indicators count one more facility with a verified saving
    List<Object> after = verifiedFacilities(today);
    assertThat(after).hasSize(before.size() + 1).contains(e);
    assertThat(audited(e)).isEqualTo(1);
    assertThat(
            svc.count(
                "select count(*) from audit_log where action = 'programme.step.auto'"
                    + " and enterprise = '"
                    + e
                    + "' and detail like '%sign-off "
                    + first.getLong("id")
                    + " %'"))
        .isEqualTo(1);

    // signed off again: no second step nor saving; the link moves to the newer sign-off
    JsonObject again =
        Baselines.signOff(
            svc,
            e,
            version,
            Baselines.REPORTING_FROM,
            Baselines.REPORTING_TO,
            "verified_with_reservations",
            "one day's production estimated");
    assertThat(again.getJsonObject("programme").getString("step_action")).isEqualTo("link_updated");
    JsonObject f2 = get(facilityUri);
    assertThat(verifiedSteps(f2)).hasSize(1);
    assertThat(verifiedSteps(f2).get(0).getLong("id")).isEqualTo(step.getLong("id"));
    assertThat(verifiedSteps(f2).get(0).getJsonObject("signoff").getLong("id"))
        .isEqualTo(again.getLong("id"));
    assertThat(f2.getJsonArray("savings")).hasSize(1);
    assertThat(f2.getJsonArray("savings").getJsonObject(0).getLong("signoff"))
        .isEqualTo(again.getLong("id"));
    assertThat(verifiedFacilities(today)).hasSize(before.size() + 1);
    assertThat(audited(e)).isEqualTo(2);

    // not verified supersedes it: withdrawn, not counted from then on, the history kept
    JsonObject withdrawn =
        Baselines.signOff(
            svc,
            e,
            version,
            Baselines.REPORTING_FROM,
            Baselines.REPORTING_TO,
            "not_verified",
            "the production records of 9 January do not match the delivery notes");
    JsonObject w = withdrawn.getJsonObject("programme");
    assertThat(w.getBoolean("recorded")).as(w.encode()).isTrue();
    assertThat(w.getString("step_action")).isEqualTo("withdrawn");
    JsonObject f3 = get(facilityUri);
    List<JsonObject> kept = verifiedSteps(f3);
    assertThat(kept).hasSize(1);
    JsonObject note = kept.get(0).getJsonObject("withdrawn");
    assertThat(note.getString("on")).isEqualTo(today.toString());
    assertThat(note.getString("by")).isEqualTo("aud-" + e);
    assertThat(note.getLong("signoff")).isEqualTo(withdrawn.getLong("id"));
    assertThat(note.getString("reason")).contains("delivery notes");
    // the link to the verification it withdrew stays
    assertThat(kept.get(0).getJsonObject("signoff").getLong("id")).isEqualTo(again.getLong("id"));
    assertThat(f3.getJsonObject("cp").getString("stage")).isEqualTo("applying");
    assertThat(f3.getJsonArray("savings").getJsonObject(0).getString("status"))
        .isEqualTo("indicative");
    assertThat(verifiedFacilities(today)).hasSize(before.size()).doesNotContain(e);
    assertThat(verifiedFacilities(today.plusDays(1))).doesNotContain(e);
    // every sign-off of the period is kept, the last one current
    JsonArray history =
        get("/api/v1/enterprises/" + e + "/enpis/x1/signoffs").getJsonArray("signoffs");
    assertThat(history).hasSize(3);
    assertThat(history.getJsonObject(0).getString("opinion")).isEqualTo("not_verified");
    assertThat(history.getJsonObject(0).getBoolean("current")).isTrue();
    assertThat(audited(e)).isEqualTo(3);

    // the programme page's timeline shows the step with the verification it came from, marked
    // withdrawn with who withdrew it and why
    ChromeDriver browser = programmePage("po-" + e, e);
    try {
      By row = By.id("step-" + kept.get(0).getLong("id"));
      await().atMost(Duration.ofSeconds(20)).until(() -> !browser.findElements(row).isEmpty());
      var li = browser.findElement(row);
      assertThat(li.getAttribute("class")).contains("withdrawn");
      assertThat(li.getText())
          .contains("From auditor aud-" + e + "'s sign-off")
          .contains(
              kept.get(0).getJsonObject("signoff").getString("dossier_sha256").substring(0, 12))
          .contains("Withdrawn on")
          .contains("by aud-" + e)
          .contains("delivery notes")
          // the detail the sign-off wrote, worded from the sign-off, not a missing label
          .contains(
              "(period sign-off " + again.getLong("id") + ", baseline version " + version + ")")
          .doesNotContain("programme.detail.");
      // the Vietnamese page words the same step in Vietnamese, no English sentence nor label key
      browser.get(base() + "/programme.html?lang=vi&facility=" + e);
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  !browser.findElements(row).isEmpty()
                      && browser.findElement(row).getText().contains("Đã rút lại"));
      String timeline = browser.findElement(By.id("timeline")).getText();
      assertThat(browser.findElement(row).getText())
          .contains(
              "tiết kiệm đã xác minh (ý kiến xác nhận theo kỳ số "
                  + again.getLong("id")
                  + ", đường cơ sở phiên bản "
                  + version
                  + ")");
      assertThat(timeline)
          .contains("đã nhận thức (hội thảo)")
          .doesNotContain("programme.detail.")
          .doesNotContain("period sign-off")
          .doesNotContain("of EnPI");
    } finally {
      browser.quit();
    }
  }

  @Test
  void aSavingWhosePeriodIsToBeReverifiedIsNoLongerCountedVerified() throws Exception {
    // an auditor's recheck: the registry kept the saving "verified" (and the province's verified
    // totals counted it) while its period said "to be re-verified"
    String e = "psr-" + S;
    int version = facility(e, true);
    LocalDate today = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));
    Baselines.signOff(
        svc, e, version, Baselines.REPORTING_FROM, Baselines.REPORTING_TO, "verified", "seen");
    String facilityUri = "/api/v1/programme/facilities/" + e;
    assertThat(get(facilityUri).getJsonArray("savings").getJsonObject(0).getString("status"))
        .isEqualTo("verified");
    assertThat(verifiedFacilities(today)).contains(e);
    assertThat(get(facilityUri).getJsonObject("cp").getString("stage"))
        .isEqualTo("savings_verified");
    assertThat(stageToBeReverified(e)).containsExactly(false, false);

    // a production figure of the signed period corrected afterwards
    var revised =
        svc.withToken(HttpMethod.POST, "/api/v1/enterprises/" + e + "/production", admin)
            .sendJsonObject(
                new JsonObject()
                    .put("reason", "weighbridge ticket misread")
                    .put(
                        "quantities",
                        new JsonArray()
                            .add(
                                new JsonObject()
                                    .put("product", "p1")
                                    .put("day", Baselines.REPORTING_FROM)
                                    .put("quantity", 99))))
            .await();
    assertThat(revised.statusCode()).as(revised.bodyAsString()).isEqualTo(200);
    assertThat(get(facilityUri).getJsonArray("savings").getJsonObject(0).getString("status"))
        .isEqualTo("indicative");
    assertThat(verifiedFacilities(today)).doesNotContain(e);
    // the stage stays (the facility verified savings and applies CP), said to be re-verified in
    // the facility and in the list
    assertThat(get(facilityUri).getJsonObject("cp").getString("stage"))
        .isEqualTo("savings_verified");
    assertThat(stageToBeReverified(e)).containsExactly(true, true);
    // and the province's report, beside the facility's stage
    var report =
        svc.withToken(
                HttpMethod.GET, "/api/v1/programme/report?period=2026&format=xlsx&lang=en", admin)
            .send()
            .await();
    assertThat(report.statusCode()).as(report.bodyAsString()).isEqualTo(200);
    assertThat(
            ProgrammeReportIT.sheet(report.body().getBytes(), "Facilities").stream()
                .filter(r -> e.equals(r.get(0)))
                .findFirst()
                .orElseThrow())
        .contains("savings verified — to be re-verified (data changed after the signed dossier)");
    // the programme page says it beside the stage, in the list and in the facility's facts
    ChromeDriver browser = programmePage("pr-" + e, e);
    try {
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> browser.findElement(By.id("p-fields")).getText().contains("re-verified"));
      assertThat(browser.findElement(By.id("p-fields")).getText())
          .contains("savings verified — to be re-verified (data changed after the signed dossier)");
      assertThat(browser.findElement(By.id("fac-" + e)).getText())
          .contains("savings verified — to be re-verified");
      // the step's recording time in the province's time (UTC+7), not the browser's (UTC): a
      // reviewer read 09:59 on the programme page and 16:59 on the verification page
      String recordedAt = verifiedSteps(get(facilityUri)).get(0).getString("recorded_at");
      assertThat(browser.findElement(By.id("timeline")).getText())
          .contains(
              java.time.Instant.parse(recordedAt)
                  .atZone(ZoneId.of("Asia/Ho_Chi_Minh"))
                  .format(java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss")));
    } finally {
      browser.quit();
    }

    // signed off again on a dossier of the corrected data: verified again
    String newer = "d1".repeat(32);
    org.energytrace.ingest.fixtures.IssuedDossiers.record(
        svc.db,
        e,
        "x1",
        version,
        LocalDate.parse(Baselines.REPORTING_FROM),
        LocalDate.parse(Baselines.REPORTING_TO),
        newer);
    var again =
        svc.withToken(
                HttpMethod.POST,
                "/api/v1/enterprises/" + e + "/enpis/x1/signoffs",
                svc.access.auditorToken("aud-" + e, e))
            .sendJsonObject(
                new JsonObject()
                    .put("baseline_version", version)
                    .put("from", Baselines.REPORTING_FROM)
                    .put("to", Baselines.REPORTING_TO)
                    .put("opinion", "verified")
                    .put("dossier_sha256", newer))
            .await();
    assertThat(again.statusCode()).as(again.bodyAsString()).isEqualTo(201);
    assertThat(get(facilityUri).getJsonArray("savings").getJsonObject(0).getString("status"))
        .isEqualTo("verified");
    assertThat(verifiedFacilities(today)).contains(e);
    assertThat(stageToBeReverified(e)).containsExactly(false, false);
  }

  /**
   * Headless Chromium signed in as a new province officer {@code officer}, on the programme page's
   * facility {@code e} in English (the caller quits it).
   */
  static ChromeDriver programmePage(String officer, String e) throws Exception {
    String password = "pw-" + UUID.randomUUID();
    svc.access.user(officer, Role.PROVINCE_OFFICER, null, List.of(), password);
    ChromeDriver browser = Chromium.start("--lang=en-GB", "--window-size=1366,900");
    browser.get(base() + "/login.html");
    BrowserSession.submitSignIn(browser, officer, password);
    browser.get(base() + "/programme.html?lang=en&facility=" + e);
    return browser;
  }

  static String base() {
    return "http://127.0.0.1:" + svc.app.httpPort();
  }

  /** {@code stage_to_be_reverified} of the facility {@code e}: its own answer's, the list's. */
  static List<Boolean> stageToBeReverified(String e) {
    JsonObject row =
        get("/api/v1/programme/facilities").getJsonArray("facilities").stream()
            .map(o -> (JsonObject) o)
            .filter(o -> o.getString("enterprise").equals(e))
            .findFirst()
            .orElseThrow();
    return List.of(
        get("/api/v1/programme/facilities/" + e)
            .getJsonObject("cp")
            .getBoolean("stage_to_be_reverified"),
        row.getBoolean("stage_to_be_reverified"));
  }

  @Test
  void anEnpiOverTwoCarriersGetsAVerifiedSavingPerCarrierFromItsSplit() throws Exception {
    // the demo brewery's case: an EnPI over electricity and gas; the registry keeps a saving per
    // resource, so the sign-off records one per carrier from the savings' split by carrier
    String e = "psm-" + S;
    registered(e, true);
    ZoneId zone = ZoneId.of("Asia/Ho_Chi_Minh");
    LocalDate today = LocalDate.now(zone);
    LocalDate measure = today.minusDays(14);
    int version =
        new TwoCarrierPlant(e, zone, today.minusDays(40), measure)
            .create(svc.db, svc.app.httpPort(), java.time.Instant.now(), 0.10);
    String from = measure.toString();
    String to = today.minusDays(1).toString();
    JsonObject first = signOffPlant(e, version, from, to, "verified");
    JsonObject programme = first.getJsonObject("programme");
    assertThat(programme.getBoolean("recorded")).as(programme.encode()).isTrue();
    assertThat(programme.getString("saving_action")).isEqualTo("recorded");
    assertThat(programme.getJsonArray("other_savings")).hasSize(1);

    JsonObject split =
        get(
            "/api/v1/enterprises/"
                + e
                + "/enpis/"
                + TwoCarrierPlant.ENPI
                + "/savings?baseline="
                + version
                + "&from="
                + from
                + "&to="
                + to);
    JsonObject whole = split.getJsonObject("savings_split");
    JsonObject band = split.getJsonArray("targets").getJsonObject(0);
    JsonObject f = get("/api/v1/programme/facilities/" + e);
    JsonArray savings = f.getJsonArray("savings");
    assertThat(savings.stream().map(o -> ((JsonObject) o).getString("resource")))
        .containsExactlyInAnyOrder("electricity", "natural_gas");
    double total = 0;
    double money = 0;
    for (Object o : split.getJsonObject("by_carrier").getJsonArray("carriers")) {
      JsonObject carrier = (JsonObject) o;
      JsonObject saving =
          savings.stream()
              .map(x -> (JsonObject) x)
              .filter(x -> x.getString("resource").equals(carrier.getString("carrier")))
              .findFirst()
              .orElseThrow();
      assertThat(saving.getString("status")).isEqualTo("verified");
      assertThat(saving.getLong("signoff")).isEqualTo(first.getLong("id"));
      // its carrier's share of the EnPI's saving, not the carrier measured alone
      assertThat(saving.getBoolean("carrier_share")).isTrue();
      // in the unit the carrier's meter counts (kWh, Nm3), back through the MJ-final factor the
      // EnPI converted it with, so that the programme's TOE and CO2 factors apply
      assertThat(saving.getString("unit")).isEqualTo(carrier.getString("metered_unit"));
      double mjPerUnit =
          ConversionTable.bundled()
              .toMj(carrier.getString("carrier"), saving.getString("unit"), 1, LocalDate.parse(to))
              .value();
      // the carrier's saved energy over its share of the adjusted baseline
      assertThat(saving.getDouble("amount") * mjPerUnit)
          .isCloseTo(carrier.getDouble("savings"), Offset.offset(1e-6));
      assertThat(saving.getDouble("fraction"))
          .isCloseTo(
              carrier.getDouble("savings") / carrier.getDouble("adjusted_baseline"),
              Offset.offset(1e-9));
      // the band as wide as the whole fraction's
      assertThat(saving.getDouble("fraction_high") - saving.getDouble("fraction_low"))
          .isCloseTo(
              band.getDouble("fraction_high") - band.getDouble("fraction_low"),
              Offset.offset(1e-9));
      total += saving.getDouble("amount") * mjPerUnit;
      // each carrier's money at its own tariff, as the savings API prices it
      JsonObject priced =
          split.getJsonObject("money").getJsonArray("by_carrier").stream()
              .map(x -> (JsonObject) x)
              .filter(x -> x.getString("carrier").equals(carrier.getString("carrier")))
              .findFirst()
              .orElseThrow();
      assertThat(saving.getDouble("money"))
          .as(saving.encode())
          .isCloseTo(priced.getDouble("amount"), Offset.offset(1e-6));
      money += saving.getDouble("money");
    }
    assertThat(money)
        .isCloseTo(split.getJsonObject("money").getDouble("amount"), Offset.offset(1e-6));
    // the carriers' savings add up to the EnPI's
    assertThat(total).isCloseTo(whole.getDouble("savings"), Offset.offset(1e-6));
    List<JsonObject> verified = verifiedSteps(f);
    assertThat(verified).hasSize(1);
    assertThat(verified.get(0).getLong("saving"))
        .isEqualTo(programme.getJsonObject("saving").getLong("id"));
    assertThat(verifiedFacilities(today)).contains(e);
    // the district's verified energy has the plant's TOE: no factor missing for its carriers
    JsonObject energy =
        get("/api/v1/programme/indicators?as_of="
                + today
                + "&district="
                + URLEncoder.encode(DISTRICT, StandardCharsets.UTF_8))
            .getJsonObject("energy_saved")
            .getJsonObject("verified");
    assertThat(energy.getDouble("toe")).isPositive();
    assertThat(energy.getJsonArray("missing_factors").stream().map(String::valueOf))
        .noneMatch(m -> m.contains(e) && m.contains("TOE"));

    // signed off again: the same step, the same two savings, both linked to the newer sign-off
    JsonObject again = signOffPlant(e, version, from, to, "verified_with_reservations");
    assertThat(again.getJsonObject("programme").getString("step_action")).isEqualTo("link_updated");
    JsonObject f2 = get("/api/v1/programme/facilities/" + e);
    assertThat(verifiedSteps(f2)).hasSize(1);
    assertThat(f2.getJsonArray("savings")).hasSize(2);
    assertThat(f2.getJsonArray("savings").stream().map(o -> ((JsonObject) o).getLong("signoff")))
        .containsOnly(again.getLong("id"));
  }

  @Test
  void theProvinceReportSaysAPilotsCarrierSavingIsItsShareOfTheEnpisVerifiedSaving()
      throws Exception {
    // a published plant whose EnPI is over electricity and gas, signed off over a period of
    // 2026-H1: its two savings in the registry are the EnPI's saving split by the carrier mix of
    // the baseline period, not each carrier's saving measured alone, and the report gave
    // "electricity 10.0 %" as if it were (the H1 report is as of 30 June, before the sign-off:
    // indicative then)
    String e = "pss-" + S;
    registered(e, true);
    ZoneId zone = ZoneId.of("Asia/Ho_Chi_Minh");
    LocalDate measure = LocalDate.of(2026, 5, 16);
    int version =
        new TwoCarrierPlant(e, zone, LocalDate.of(2026, 4, 20), measure)
            .create(
                svc.db,
                svc.app.httpPort(),
                LocalDate.of(2026, 6, 21).atStartOfDay(zone).toInstant(),
                0.10);
    signOffPlant(e, version, measure.toString(), "2026-06-20", "verified");

    for (String lang : List.of("en", "vi")) {
      var r =
          svc.withToken(
                  HttpMethod.GET,
                  "/api/v1/programme/report?period=2026-H1&format=xlsx&lang=" + lang,
                  admin)
              .send()
              .await();
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
      byte[] xlsx = r.body().getBytes();
      boolean en = lang.equals("en");
      List<List<Object>> pilots =
          ProgrammeReportIT.sheet(xlsx, en ? "Pilot sites" : "Cơ sở điểm").stream()
              .filter(row -> !row.isEmpty() && e.equals(row.get(0)))
              .toList();
      assertThat(pilots).as(lang).hasSize(2);
      assertThat(pilots)
          .allSatisfy(
              row ->
                  assertThat(row.get(4))
                      .isEqualTo(
                          en
                              ? "indicative (share of an EnPI's saving)"
                              : "ước tính (phần của mức tiết kiệm của một EnPI)"));
      assertThat(
              ProgrammeReportIT.sheet(xlsx, en ? "Notes" : "Ghi chú").stream().map(String::valueOf))
          .anySatisfy(
              note ->
                  assertThat(note)
                      .contains(
                          en
                              ? "It is not that carrier's saving measured alone"
                              : "Đó không phải mức tiết kiệm của riêng dạng năng lượng đó"));
    }
  }

  /** An assigned auditor's sign-off of the two-carrier plant's EnPI (the answer, 201). */
  static JsonObject signOffPlant(String e, int version, String from, String to, String opinion)
      throws Exception {
    return Baselines.signOff(
        svc,
        e,
        TwoCarrierPlant.ENPI,
        "auditor-" + e,
        version,
        from,
        to,
        opinion,
        "metered data and production seen");
  }

  @Test
  void nothingIsRecordedForAFacilityNotApplyingCpAndTheAnswerSaysWhy() throws Exception {
    String e = "psn-" + S;
    int version = facility(e, false);
    JsonObject signed =
        Baselines.signOff(
            svc,
            e,
            version,
            Baselines.REPORTING_FROM,
            Baselines.REPORTING_TO,
            "verified",
            "metered data and production seen");
    // the sign-off itself stands
    assertThat(signed.getString("opinion")).isEqualTo("verified");
    JsonObject programme = signed.getJsonObject("programme");
    assertThat(programme.getBoolean("recorded")).isFalse();
    assertThat(programme.getString("reason")).contains("applying").contains("aware");
    JsonObject f = get("/api/v1/programme/facilities/" + e);
    assertThat(verifiedSteps(f)).isEmpty();
    assertThat(f.getJsonArray("savings")).isEmpty();
    assertThat(f.getJsonObject("cp").getString("stage")).isEqualTo("aware");
    assertThat(audited(e)).isZero();
    assertThat(
            svc.count(
                "select count(*) from audit_log where action = 'period.signoff'"
                    + " and enterprise = '"
                    + e
                    + "' and after_state->'programme'->>'recorded' = 'false'"))
        .isEqualTo(1);
  }
}
