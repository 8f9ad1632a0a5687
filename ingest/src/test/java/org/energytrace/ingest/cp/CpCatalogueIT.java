package org.energytrace.ingest.cp;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.energytrace.ingest.auth.Role;
import org.energytrace.ingest.config.SecurityConfig;
import org.energytrace.ingest.fixtures.IssuedDossiers;
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
 * The measures catalogue (issue 18): an implemented option becomes an entry once its EnPI's
 * baseline is approved by the assigned auditor, with verified savings equal to what the savings API
 * answers for the same baseline and period; anonymous unless the enterprise chose to be named;
 * aggregates per sector and option type.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CpCatalogueIT {
  static SecuredService svc;
  static String admin;
  static final String S = UUID.randomUUID().toString().substring(0, 6);
  static final String E = "cat-" + S;
  static final LocalDate DAY_0 = LocalDate.parse("2026-01-01");
  static final LocalDate MEASURE = DAY_0.plusDays(20);
  static final LocalDate LAST = DAY_0.plusDays(29);
  static Session reader;

  @BeforeAll
  static void start() throws Exception {
    svc = SecuredService.start(SecurityConfig.defaults());
    admin = svc.access.systemAdminToken();
    String base = "/api/v1/enterprises/" + E;
    ok(HttpMethod.PUT, base + "/gateways/gw-1", new JsonObject().put("site", "plant-1"));
    ok(HttpMethod.PUT, base + "/meters/m1", MeteredPlant.counterMeter("gw-1"));
    ok(HttpMethod.PUT, base + "/meters/m1/energy", MeteredPlant.mainElectricity());
    ok(HttpMethod.PUT, base + "/lines/l1", new JsonObject().put("site", "plant-1"));
    ok(
        HttpMethod.PUT,
        base + "/products/p1",
        new JsonObject().put("line", "l1").put("unit", "HLT"));
    ok(HttpMethod.PUT, base + "/enpis/x1", MeteredPlant.facilityEnpi("plant-1"));
    ok(
        HttpMethod.PUT,
        "/api/v1/programme/facilities/" + E,
        new JsonObject()
            .put("legal_name_vi", "Công ty Bia " + S)
            .put("vsic", "1103")
            .put("district", "Thủ Dầu Một " + S));
    // 30 days: energy = 200 + 3 × production (+ a little noise), 9 % less from the measure date
    JsonArray quantities = new JsonArray();
    try (var c = svc.db.connect();
        var ps = c.prepareStatement(MeteredPlant.INSERT_M1_ENERGY)) {
      for (int i = 0; i < 30; i++) {
        LocalDate day = DAY_0.plusDays(i);
        double q = 40 + (i * 7 % 13);
        double energy = (200 + 3 * q + ((i * 5 % 7) - 3)) * (day.isBefore(MEASURE) ? 1 : 0.91);
        ps.setString(1, day + "T00:00:00+07:00");
        ps.setString(2, day.plusDays(1) + "T00:00:00+07:00");
        ps.setDouble(3, energy);
        ps.setString(4, E);
        ps.executeUpdate();
        quantities.add(
            new JsonObject().put("product", "p1").put("day", day.toString()).put("quantity", q));
      }
    }
    ok(HttpMethod.POST, base + "/production", new JsonObject().put("quantities", quantities));
    ok(
        HttpMethod.POST,
        base + "/enpis/x1/baselines",
        new JsonObject()
            .put("from", DAY_0.toString())
            .put("to", MEASURE.minusDays(1).toString())
            .put("model", "ols"));
    ok(
        HttpMethod.PUT,
        base + "/cp-assessments/a1",
        new JsonObject().put("site", "plant-1").put("title", "SXSH").put("focus_step", null));
    for (var o : List.of("named", "anonymous")) {
      ok(HttpMethod.PUT, base + "/cp-assessments/a1/options/" + o, optionBody(o, MEASURE));
    }
    svc.access.user("cat-v-" + S, Role.ENTERPRISE_VIEWER, "other-" + S, List.of(), "pw-" + S);
    reader = svc.session("cat-v-" + S, "pw-" + S);
  }

  /** Option {@code o} of assessment a1, implemented on {@code on} and linked to EnPI x1 from it. */
  static JsonObject optionBody(String o, LocalDate on) {
    return new JsonObject()
        .put("type", "good_housekeeping")
        .put("description", "Tắt máy nén khí ngoài giờ (" + o + ")")
        .put("investment", 10_000_000)
        .put("money_saving", 40_000_000)
        .put("decision", "implement")
        .put("implemented_on", on.toString())
        .put("enpi", "x1")
        .put("measure_date", on.toString())
        .put("catalogue_named", o.equals("named"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (svc != null) {
      svc.close();
    }
  }

  static void ok(HttpMethod m, String uri, JsonObject body) {
    var r = svc.withToken(m, uri, admin).sendJsonObject(body).await();
    assertThat(r.statusCode()).as(uri + " " + r.bodyAsString()).isBetween(200, 201);
  }

  static String pdfText(byte[] pdf) throws Exception {
    com.lowagie.text.pdf.PdfReader reader = new com.lowagie.text.pdf.PdfReader(pdf);
    StringBuilder text = new StringBuilder();
    for (int p = 1; p <= reader.getNumberOfPages(); p++) {
      text.append(new com.lowagie.text.pdf.parser.PdfTextExtractor(reader).getTextFromPage(p))
          .append('\n');
    }
    return text.toString();
  }

  /** An option of assessment a1 as getCpAssessment shows it. */
  static JsonObject option(String code) {
    var r =
        svc.withToken(HttpMethod.GET, "/api/v1/enterprises/" + E + "/cp-assessments/a1", admin)
            .send()
            .await();
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject().getJsonArray("options").stream()
        .map(JsonObject.class::cast)
        .filter(o -> o.getString("code").equals(code))
        .findFirst()
        .orElseThrow();
  }

  /** The assessment's CP report in English, its text with white space folded. */
  static String reportText() throws Exception {
    var report =
        svc.withToken(
                HttpMethod.GET,
                "/api/v1/enterprises/" + E + "/cp-assessments/a1/report?lang=en",
                admin)
            .send()
            .await();
    assertThat(report.statusCode()).isEqualTo(200);
    return pdfText(report.body().getBytes()).replaceAll("\\s+", " ");
  }

  static JsonObject catalogue() {
    var r = svc.request(HttpMethod.GET, "/api/v1/cp-catalogue", reader).send().await();
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  @Test
  @Order(1)
  void anImplementedOptionBecomesAnEntryWithTheSavingsApisFiguresOnceItsPeriodIsSignedOff()
      throws Exception {
    // not approved yet: nothing verified, both options wait
    JsonObject before = catalogue();
    assertThat(before.getJsonArray("entries")).isEmpty();
    assertThat(before.getInteger("pending_verification")).isEqualTo(2);
    assertThat(option("named").getJsonObject("verified").getString("status")).isEqualTo("pending");

    String base = "/api/v1/enterprises/" + E + "/enpis/x1/baselines/1";
    ok(HttpMethod.POST, base + "/submit", new JsonObject().put("comment", "please review"));
    var approved =
        svc.withToken(HttpMethod.POST, base + "/approve", svc.access.auditorToken("cat-au-" + S, E))
            .sendJsonObject(new JsonObject().put("opinion", "model valid"))
            .await();
    assertThat(approved.statusCode()).as(approved.bodyAsString()).isEqualTo(200);

    // an approved baseline alone verifies nothing (issue 15): the savings show beside the
    // expected ones as indicative, and no entry is made until an auditor signs a period off
    JsonObject approvedOnly = catalogue();
    assertThat(approvedOnly.getJsonArray("entries")).isEmpty();
    assertThat(approvedOnly.getInteger("pending_verification")).isEqualTo(2);
    JsonObject indicative = option("named").getJsonObject("verified");
    assertThat(indicative.getString("status")).isEqualTo("indicative");
    assertThat(indicative.getDouble("savings_fraction")).isBetween(0.07, 0.11);

    // a non-routine adjustment of the period, approved: the verified figures are the total's
    String adjustments = "/api/v1/enterprises/" + E + "/enpis/x1/adjustments";
    var proposed =
        svc.withToken(HttpMethod.POST, adjustments, admin)
            .sendJsonObject(
                new JsonObject()
                    .put("kind", "new_line")
                    .put("from", MEASURE.toString())
                    .put("to", MEASURE.plusDays(3).toString())
                    .put("method", "percentage")
                    .put("value", 2.0)
                    .put("justification", "a trial line ran in the measure's first days"))
            .await();
    assertThat(proposed.statusCode()).as(proposed.bodyAsString()).isEqualTo(201);
    var decided =
        svc.withToken(
                HttpMethod.POST,
                adjustments + "/" + proposed.bodyAsJsonObject().getLong("id") + "/approve",
                svc.access.auditorToken("cat-au-" + S, E))
            .sendJsonObject(new JsonObject().put("comment", "trial line's log seen"))
            .await();
    assertThat(decided.statusCode()).as(decided.bodyAsString()).isEqualTo(200);

    // the assigned auditor signs the measure's period off as verified, naming a dossier the
    // server issued for it (recorded directly: these days are not sealed, DossierIT makes one)
    String hash = "ab".repeat(32);
    IssuedDossiers.record(svc.db, E, "x1", 1, MEASURE, LAST, hash);
    var signed =
        svc.withToken(
                HttpMethod.POST,
                "/api/v1/enterprises/" + E + "/enpis/x1/signoffs",
                svc.access.auditorToken("cat-au-" + S, E))
            .sendJsonObject(
                new JsonObject()
                    .put("baseline_version", 1)
                    .put("from", MEASURE.toString())
                    .put("to", LAST.toString())
                    .put("opinion", "verified")
                    .put("comments", "meter readings and production seen")
                    .put("dossier_sha256", hash))
            .await();
    assertThat(signed.statusCode()).as(signed.bodyAsString()).isEqualTo(201);

    JsonObject after = catalogue();
    assertThat(after.getInteger("pending_verification")).isZero();
    JsonArray entries = after.getJsonArray("entries");
    assertThat(entries).hasSize(2);
    JsonObject named =
        entries.stream()
            .map(JsonObject.class::cast)
            .filter(e -> E.equals(e.getString("enterprise")))
            .findFirst()
            .orElseThrow();
    JsonObject anonymous =
        entries.stream()
            .map(JsonObject.class::cast)
            .filter(e -> !e.containsKey("enterprise"))
            .findFirst()
            .orElseThrow();
    // the enterprise chose: the anonymous entry carries nothing that names it
    assertThat(anonymous.encode()).doesNotContain(E).doesNotContain("Công ty Bia");
    assertThat(named.getString("site")).isEqualTo("plant-1");
    assertThat(named.getString("sector")).isEqualTo("1103");
    assertThat(named.getDouble("payback_years")).isEqualTo(0.25);

    JsonObject verified = named.getJsonObject("verified");
    assertThat(verified.getJsonObject("signoff").getString("opinion")).isEqualTo("verified");
    assertThat(verified.getString("from")).isEqualTo(MEASURE.toString());
    assertThat(verified.getString("to")).isEqualTo(LAST.toString());
    assertThat(verified.getInteger("baseline_version")).isEqualTo(1);
    var api =
        svc.withToken(
                HttpMethod.GET,
                "/api/v1/enterprises/"
                    + E
                    + "/enpis/x1/savings?baseline=1&from="
                    + MEASURE
                    + "&to="
                    + LAST,
                admin)
            .send()
            .await();
    assertThat(api.statusCode()).as(api.bodyAsString()).isEqualTo(200);
    // the total with approved non-routine adjustments, as the pages show it (savings_split)
    JsonObject reporting = api.bodyAsJsonObject().getJsonObject("savings_split");
    for (String k : List.of("savings", "savings_fraction", "savings_low", "savings_high")) {
      assertThat(verified.getValue(k)).as(k).isEqualTo(reporting.getValue(k));
      assertThat(anonymous.getJsonObject("verified").getValue(k))
          .as(k)
          .isEqualTo(reporting.getValue(k));
    }
    assertThat(reporting.getDouble("non_routine")).isPositive();
    // the FSU beside the total's band is the total's (it was the routine savings')
    assertThat(verified.getValue("fsu"))
        .isEqualTo(api.bodyAsJsonObject().getJsonObject("non_routine").getValue("fsu"))
        .isNotEqualTo(api.bodyAsJsonObject().getJsonObject("reporting").getValue("fsu"));
    // the assessment shows the same verified figures beside the expected ones
    JsonObject beside = option("named");
    assertThat(beside.getDouble("money_saving")).isEqualTo(40_000_000.0);
    assertThat(beside.getJsonObject("verified").getString("status")).isEqualTo("verified");
    assertThat(beside.getJsonObject("verified").getValue("savings"))
        .isEqualTo(reporting.getValue("savings"));
    // and the report writes them in its implementation section
    assertThat(reportText())
        .contains(
            String.format(
                java.util.Locale.ENGLISH,
                "%.2f %%",
                reporting.getDouble("savings_fraction") * 100));
    // the savings API's own verdict travels with the figures
    JsonObject verdict = api.bodyAsJsonObject().getJsonObject("verification");
    assertThat(verified.getString("verification_status")).isEqualTo(verdict.getString("status"));
    assertThat(verified.getBoolean("verifiable")).isEqualTo(verdict.getBoolean("verifiable"));
    // about the 9 % the data was made with
    assertThat(verified.getDouble("savings_fraction")).isBetween(0.07, 0.11);

    // both options were implemented on the measure date: the EnPI's saving is theirs together,
    // each entry says so, and neither counts as one option type's result in the medians (a
    // reviewer read a plant's saving from three measures as the median of one type)
    assertThat(verified.getJsonArray("other_measures"))
        .containsExactly(
            new JsonObject()
                .put("type", "good_housekeeping")
                .put("implemented_on", MEASURE.toString()));
    assertThat(after.getJsonArray("aggregates")).isEmpty();
    assertThat(after.getInteger("aggregates_left_out")).isEqualTo(2);
  }

  @Test
  @Order(2)
  void anOptionImplementedAloneInItsPeriodCountsInTheMediansOfItsType() throws Exception {
    // the anonymous option moved to after the signed-off period: the named one is alone in it
    ok(
        HttpMethod.PUT,
        "/api/v1/enterprises/" + E + "/cp-assessments/a1/options/anonymous",
        optionBody("anonymous", LAST.plusDays(1)));
    try {
      JsonObject catalogue = catalogue();
      JsonObject named =
          catalogue.getJsonArray("entries").stream()
              .map(JsonObject.class::cast)
              .filter(e -> e.containsKey("enterprise"))
              .findFirst()
              .orElseThrow();
      assertThat(named.getJsonObject("verified").getJsonArray("other_measures")).isEmpty();
      JsonArray aggregates = catalogue.getJsonArray("aggregates");
      assertThat(aggregates).hasSize(1);
      JsonObject g = aggregates.getJsonObject(0);
      assertThat(g.getString("sector")).isEqualTo("1103");
      assertThat(g.getString("type")).isEqualTo("good_housekeeping");
      assertThat(g.getInteger("entries")).isEqualTo(1);
      assertThat(g.getDouble("median_savings_fraction"))
          .isEqualTo(named.getJsonObject("verified").getDouble("savings_fraction"));
      assertThat(g.getDouble("median_payback_years")).isEqualTo(0.25);
    } finally {
      ok(
          HttpMethod.PUT,
          "/api/v1/enterprises/" + E + "/cp-assessments/a1/options/anonymous",
          optionBody("anonymous", MEASURE));
    }
  }

  /** The public section as anyone reads it. */
  static JsonObject publicSection() {
    var r = svc.request(HttpMethod.GET, "/api/v1/cp-public", null).send().await();
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  static JsonObject note(JsonObject publicSection, String code) {
    return publicSection.getJsonArray("guidance").stream()
        .map(JsonObject.class::cast)
        .filter(n -> n.getString("code").equals(code))
        .findFirst()
        .orElse(null);
  }

  @Test
  @Order(2)
  void aPublishedGuidanceNoteShowsTheEntriesItCitesAndDownloadsAsAPdfInBothLanguages()
      throws Exception {
    // runs after the baseline's approval (Order 1): the catalogue has its two entries
    svc.access.user("cat-p-" + S, Role.PROVINCE_OFFICER, null, List.of(), "pw-" + S);
    Session province = svc.session("cat-p-" + S, "pw-" + S);
    JsonArray entries = catalogue().getJsonArray("entries");
    assertThat(entries).hasSize(2);
    JsonObject named =
        entries.stream()
            .map(JsonObject.class::cast)
            .filter(e -> E.equals(e.getString("enterprise")))
            .findFirst()
            .orElseThrow();
    long id = named.getLong("id");
    String code = "bia-" + S;
    JsonObject body =
        new JsonObject()
            .put("sector", "1103")
            .put("title_vi", "Hướng dẫn SXSH ngành bia " + S)
            .put("title_en", "CP guidance for breweries " + S)
            .put("body_vi", "Tắt máy nén khí ngoài giờ sản xuất.")
            .put("body_en", "Switch compressors off outside production hours.")
            .put("cites", new JsonArray().add(id))
            .put("published", false);
    var created =
        svc.request(HttpMethod.PUT, "/api/v1/cp-guidance/" + code, province)
            .sendJsonObject(body)
            .await();
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    // a draft: neither listed nor downloadable
    assertThat(note(publicSection(), code)).isNull();
    String doc = "/api/v1/cp-public/guidance/" + code + "/document";
    assertThat(svc.request(HttpMethod.GET, doc, null).send().await().statusCode()).isEqualTo(404);

    // only entries of the catalogue can be cited; only the province's staff write
    var bad =
        svc.request(HttpMethod.PUT, "/api/v1/cp-guidance/" + code, province)
            .sendJsonObject(body.copy().put("cites", new JsonArray().add(id).add(987654321L)))
            .await();
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.bodyAsJsonObject().getString("parameter")).isEqualTo("cites[1]");
    svc.access.user("cat-e-" + S, Role.ENTERPRISE_ADMIN, E, List.of(), "pw-" + S);
    assertThat(
            svc.request(
                    HttpMethod.PUT,
                    "/api/v1/cp-guidance/" + code,
                    svc.session("cat-e-" + S, "pw-" + S))
                .sendJsonObject(body)
                .await()
                .statusCode())
        .isEqualTo(403);

    // published: listed with the cited entry as the catalogue has it, audited with the before
    assertThat(
            svc.request(HttpMethod.PUT, "/api/v1/cp-guidance/" + code, province)
                .sendJsonObject(body.copy().put("published", true))
                .await()
                .statusCode())
        .isEqualTo(200);
    JsonObject shown = note(publicSection(), code);
    assertThat(shown).isNotNull();
    assertThat(shown.getJsonArray("entries")).hasSize(1);
    assertThat(shown.getJsonArray("entries").getJsonObject(0).getJsonObject("verified"))
        .isEqualTo(named.getJsonObject("verified"));
    assertThat(
            svc.count(
                "select count(*) from audit_log where action = 'cp.guidance.update' and target ="
                    + " 'cp-guidance/"
                    + code
                    + "' and before_state->>'published' = 'false'"))
        .isEqualTo(1);

    double fraction = named.getJsonObject("verified").getDouble("savings_fraction");
    var vi = svc.request(HttpMethod.GET, doc, null).send().await();
    assertThat(vi.statusCode()).isEqualTo(200);
    assertThat(vi.getHeader("Content-Type")).isEqualTo("application/pdf");
    String viText = pdfText(vi.body().getBytes()).replaceAll("\\s+", " ");
    assertThat(viText)
        .contains("Hướng dẫn SXSH ngành bia " + S)
        .contains("1103")
        .contains("Tắt máy nén khí ngoài giờ sản xuất.")
        .contains("10.000.000")
        .contains(
            String.format(java.util.Locale.ENGLISH, "%.2f %%", fraction * 100).replace('.', ','));
    var en = svc.request(HttpMethod.GET, doc + "?lang=en", null).send().await();
    String enText = pdfText(en.body().getBytes()).replaceAll("\\s+", " ");
    assertThat(enText)
        .contains("CP guidance for breweries " + S)
        .contains("Switch compressors off outside production hours.")
        .contains("10,000,000")
        .contains(String.format(java.util.Locale.ENGLISH, "%.2f %%", fraction * 100));
    // the saving is its EnPI's over a period, with its band, not the measure's own (a visitor
    // read a whole plant's saving as one cheap fix's); the payback is the expected one (the
    // table's cells break words: compared without spaces)
    assertThat(enText.replaceAll("\\s", ""))
        .contains("VerifiedsavingofitsEnPI(everymeasureoftheperiod;confidenceband)")
        .contains("Expectedpayback(years)")
        .containsPattern(
            String.format(java.util.Locale.ENGLISH, "%.2f%%", fraction * 100)
                + "\\([0-9.]+–[0-9.]+%\\),x1,\\d{4}-\\d{2}-\\d{2}–\\d{4}-\\d{2}-\\d{2}");
  }

  @Test
  @Order(3)
  void aSignedOffPeriodWhoseDataChangedIsToBeReverifiedNotVerifiedAndLeavesTheCatalogue()
      throws Exception {
    // a production figure of the signed-off period revised, with its reason: the report called
    // the option's saving verified, with figures no auditor signed, beside the savings API's
    // "to_be_reverified"
    var revised =
        svc.withToken(HttpMethod.POST, "/api/v1/enterprises/" + E + "/production", admin)
            .sendJsonObject(
                new JsonObject()
                    .put(
                        "quantities",
                        new JsonArray()
                            .add(
                                new JsonObject()
                                    .put("product", "p1")
                                    .put("day", MEASURE.plusDays(2).toString())
                                    .put("quantity", 90)))
                    .put("reason", "the filler's count was wrong"))
            .await();
    assertThat(revised.statusCode()).as(revised.bodyAsString()).isEqualTo(200);

    JsonObject v = option("named").getJsonObject("verified");
    assertThat(v.getString("verification_status")).isEqualTo("to_be_reverified");
    assertThat(v.getString("status")).isEqualTo("to_be_reverified");
    assertThat(reportText()).contains("the data changed after the auditor signed the period off");
    JsonObject after = catalogue();
    assertThat(after.getJsonArray("entries")).isEmpty();
    assertThat(after.getInteger("pending_verification")).isEqualTo(2);
    // the public page says why the catalogue is empty (it said "Nothing published yet")
    var browser = org.energytrace.ingest.fixtures.Chromium.start("--lang=vi-VN");
    try {
      browser.get("http://127.0.0.1:" + svc.app.httpPort() + "/cp.html?lang=vi");
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(15))
          .ignoreExceptions()
          .until(
              () ->
                  !browser
                      .findElement(org.openqa.selenium.By.id("catalogue-empty"))
                      .getText()
                      .isEmpty());
      assertThat(browser.findElement(org.openqa.selenium.By.id("catalogue-empty")).getText())
          .startsWith("Chưa có giải pháp nào được xác minh: 2 giải pháp đã thực hiện đang chờ");
    } finally {
      browser.quit();
    }
  }

  @Test
  void theCatalogueIsForSignedInReadersOnly() {
    assertThat(
            svc.request(HttpMethod.GET, "/api/v1/cp-catalogue", null).send().await().statusCode())
        .isEqualTo(401);
  }
}
