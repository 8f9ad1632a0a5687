package org.energytrace.ingest.verification.dossier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.energytrace.analytics.dossier.DossierChecker;
import org.energytrace.analytics.dossier.DossierResult;
import org.energytrace.ingest.config.IntegrityConfig;
import org.energytrace.ingest.config.SecurityConfig;
import org.energytrace.ingest.fixtures.MeteredPlant;
import org.energytrace.ingest.fixtures.SecuredService;
import org.energytrace.ingest.fixtures.Zips;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verification dossier over HTTP from a running service against the local PostgreSQL and
 * Mosquitto (issue 15, docs/verification.md §5–§6): an EnPI with readings through MQTT, daily
 * energy and production, a baseline approved by its assigned auditor; the dossier fetched over HTTP
 * passes {@code DossierChecker.check} with the public key served at the well-known URL; the same
 * ZIP with one changed CSV cell fails naming the file and row; report.pdf and report.xlsx parse and
 * hold the savings figure the savings API shows; the key file is 0600.
 */
class DossierIT {
  static final String SUFFIX = UUID.randomUUID().toString().substring(0, 6);
  static final String E = "dos-" + SUFFIX;
  static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
  static final LocalDate TODAY = LocalDate.now(ZONE);
  static final LocalDate FIRST = TODAY.minusDays(41);
  static final LocalDate BASE_TO = FIRST.plusDays(27);
  static final LocalDate REP_FROM = BASE_TO.plusDays(1);
  static final java.time.LocalDateTime RESET_AT = REP_FROM.plusDays(4).atTime(10, 15);

  /** A local time as the report writes it: 26/11/2026 10:00 (vi), 2026-11-26 10:00 (en). */
  static String shown(java.time.LocalDateTime t, String lang) {
    return t.format(
        java.time.format.DateTimeFormatter.ofPattern(
            lang.equals("vi") ? "dd/MM/yyyy HH:mm" : "yyyy-MM-dd HH:mm"));
  }

  static final LocalDate LAST = TODAY.minusDays(2);

  @TempDir static Path keys;
  static SecuredService svc;
  static String admin;

  static long adjustmentId;
  static long rejectedId;
  static long calibrationId;
  static final String CERTIFICATE = "CAL-" + SUFFIX;
  // the calibration of m1 is valid until the fourth reporting day
  static final LocalDate EXPIRES = REP_FROM.plusDays(3);
  static String auditor;
  static int baselineVersion;

  @BeforeAll
  static void start() throws Exception {
    Path keyFile = keys.resolve("sub/dossier-key.pem");
    svc =
        SecuredService.start(
            SecurityConfig.defaults(),
            c -> c.withIntegrity(new IntegrityConfig(Duration.ZERO, Duration.ofHours(1), keyFile)));
    admin = svc.access.systemAdminToken();
    ok(HttpMethod.PUT, "/gateways/gw-1", new JsonObject().put("site", "plant-1"));
    ok(
        HttpMethod.PUT,
        "/meters/m1",
        MeteredPlant.meter(
            "plant-1", "gw-1", MeteredPlant.powerChannel(), MeteredPlant.counterChannel("E")));
    ok(HttpMethod.PUT, "/meters/m1/energy", MeteredPlant.mainElectricity());
    ok(HttpMethod.PUT, "/lines/l1", new JsonObject().put("site", "plant-1"));
    ok(
        HttpMethod.PUT,
        "/products/p1",
        new JsonObject().put("line", "l1").put("unit", "TNE").put("name", "Thép cuộn"));
    svc.ok(
        HttpMethod.PUT,
        "/api/v1/programme/facilities/" + E,
        admin,
        new JsonObject()
            .put("legal_name_vi", "Công ty Thép Hồ Sơ")
            .put("short_name", "Thép Hồ Sơ")
            .put("vsic", "2410")
            .put("district", "Dĩ An"));
    ok(HttpMethod.PUT, "/enpis/x1", MeteredPlant.facilityEnpi("plant-1"));
    // daily energy (interval energy of channel E) and production; the reporting period uses less
    // energy per unit than the baseline
    JsonArray quantities = new JsonArray();
    List<String> points = new ArrayList<>();
    try (Connection c = svc.db.connect();
        PreparedStatement ps = c.prepareStatement(MeteredPlant.INSERT_M1_ENERGY)) {
      int i = 0;
      for (LocalDate d = FIRST; !d.isAfter(LAST); d = d.plusDays(1), i++) {
        double q = 20 + (i * 7 % 11) + (i % 3);
        double perUnit = d.isAfter(BASE_TO) ? 4.4 : 5.0;
        ps.setString(1, d.atStartOfDay(ZONE).toOffsetDateTime().toString());
        ps.setString(2, d.plusDays(1).atStartOfDay(ZONE).toOffsetDateTime().toString());
        ps.setDouble(3, 80 + perUnit * q + ((i * 5) % 7) - 3);
        ps.setString(4, E);
        ps.executeUpdate();
        quantities.add(
            new JsonObject().put("product", "p1").put("day", d.toString()).put("quantity", q));
        for (int h : new int[] {3, 9, 15, 21}) {
          points.add(
              String.format(
                  Locale.ROOT,
                  "{\"meter\":\"m1\",\"channel\":\"P\",\"ts\":\"%s\",\"value\":%s,"
                      + "\"unit\":\"KWT\",\"quality\":\"good\"}",
                  d.atTime(h, 0).atZone(ZONE).toInstant(),
                  30.0 + h + i * 0.25));
        }
      }
    }
    ok(HttpMethod.POST, "/production", new JsonObject().put("quantities", quantities));
    // a reset the derivation booked on its own judgement in the reporting period (nothing booked:
    // the figures stay), on daily intervals too few to judge its rate by
    svc.db.execute(
        "insert into interval_energy (enterprise_id, channel_id, ts_start, ts_end, energy, how)"
            + " select ch.enterprise_id, ch.channel_id, '"
            + RESET_AT.minusMinutes(15).atZone(ZONE).toOffsetDateTime()
            + "', '"
            + RESET_AT.atZone(ZONE).toOffsetDateTime()
            + "', 0, 'reset' from channel ch join meter m using (meter_id) join enterprise e"
            + " on e.enterprise_id = m.enterprise_id where e.code = '"
            + E
            + "' and m.code = 'm1' and ch.name = 'E'");
    // the main meter was replaced on the third reporting day at 10:00 (a counter event), and had
    // its multiplier changed before the period (not listed)
    for (String[] ev :
        new String[][] {
          {
            REP_FROM.plusDays(2).atTime(10, 0).atZone(ZONE).toOffsetDateTime().toString(),
            "replacement",
            "48250.5",
            "0",
            "1"
          },
          {
            FIRST.plusDays(1).atTime(9, 0).atZone(ZONE).toOffsetDateTime().toString(),
            "multiplier_change",
            "100",
            "100",
            "2"
          }
        }) {
      svc.db.execute(
          "insert into counter_event (enterprise_id, channel_id, ts, kind, closing_value,"
              + " opening_value, multiplier, note) select ch.enterprise_id, ch.channel_id, '"
              + ev[0]
              + "', '"
              + ev[1]
              + "', "
              + ev[2]
              + ", "
              + ev[3]
              + ", "
              + ev[4]
              + ", 'meter swap' from channel ch join meter m using (meter_id) join enterprise e"
              + " on e.enterprise_id = m.enterprise_id where e.code = '"
              + E
              + "' and m.code = 'm1' and ch.name = 'E'");
    }
    svc.broker.publish(
        "et/v1/" + E + "/plant-1/gw-1/telemetry",
        "{\"schema_version\":1,\"gateway\":\"gw-1\",\"seq\":1,\"sent_at\":\""
            + Instant.now()
            + "\",\"points\":["
            + String.join(",", points)
            + "]}");
    long n = points.size();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                svc.db.count(
                        "select count(*) from reading r join enterprise e using (enterprise_id)"
                            + " where e.code = '"
                            + E
                            + "'")
                    >= n);
    // a baseline fitted by the enterprise, approved by its assigned auditor
    JsonObject fitted =
        ok(
            HttpMethod.POST,
            "/enpis/x1/baselines",
            new JsonObject()
                .put("from", FIRST.toString())
                .put("to", BASE_TO.toString())
                .put("model", "ols"));
    int v = fitted.getInteger("version");
    baselineVersion = v;
    ok(
        HttpMethod.POST,
        "/enpis/x1/baselines/" + v + "/submit",
        new JsonObject().put("comment", "for the dossier"));
    auditor = svc.access.auditorToken("aud-" + SUFFIX, E);
    HttpResponse<Buffer> approved =
        svc.withToken(
                HttpMethod.POST,
                "/api/v1/enterprises/" + E + "/enpis/x1/baselines/" + v + "/approve",
                auditor)
            .sendJsonObject(new JsonObject().put("opinion", "fit for purpose"))
            .await();
    assertThat(approved.statusCode()).as(approved.bodyAsString()).isEqualTo(200);
    // one non-routine adjustment in the reporting period, approved by the same auditor: the
    // dossier carries it and its figures apply it, as the savings API does
    adjustmentId =
        ok(
                HttpMethod.POST,
                "/enpis/x1/adjustments",
                new JsonObject()
                    .put("kind", "new_line")
                    .put("from", REP_FROM.toString())
                    .put("to", LAST.toString())
                    .put("method", "fixed_per_day")
                    .put("value", 50)
                    .put("justification", "a bottling line added " + SUFFIX))
            .getLong("id");
    HttpResponse<Buffer> adjusted =
        svc.withToken(
                HttpMethod.POST,
                "/api/v1/enterprises/" + E + "/enpis/x1/adjustments/" + adjustmentId + "/approve",
                auditor)
            .sendJsonObject(new JsonObject().put("comment", "seen the line's commissioning"))
            .await();
    assertThat(adjusted.statusCode()).as(adjusted.bodyAsString()).isEqualTo(200);
    // and one the auditor rejected, with the reason: it counts for nothing, and the report says why
    rejectedId =
        ok(
                HttpMethod.POST,
                "/enpis/x1/adjustments",
                new JsonObject()
                    .put("kind", "operating_hours")
                    .put("from", REP_FROM.toString())
                    .put("to", LAST.toString())
                    .put("method", "percentage")
                    .put("value", 2)
                    .put("justification", "Saturday overtime " + SUFFIX))
            .getLong("id");
    HttpResponse<Buffer> rejected =
        svc.withToken(
                HttpMethod.POST,
                "/api/v1/enterprises/" + E + "/enpis/x1/adjustments/" + rejectedId + "/reject",
                auditor)
            .sendJsonObject(
                new JsonObject().put("comments", "the baseline has Saturday shifts too " + SUFFIX))
            .await();
    assertThat(rejected.statusCode()).as(rejected.bodyAsString()).isEqualTo(200);
    // meter m1's calibrations: one valid from before the baseline until the fourth reporting day
    // (then expired), with its certificate file; one recorded with a typing error, corrected
    calibrationId =
        ok(
                HttpMethod.POST,
                "/meters/m1/calibrations",
                new JsonObject()
                    .put("calibrated_on", FIRST.minusDays(300).toString())
                    .put("valid_until", EXPIRES.toString())
                    .put("certificate", CERTIFICATE)
                    .put("lab", "QUATEST 3")
                    .put("result", "passed")
                    .put(
                        "attachment",
                        new JsonObject()
                            .put("name", "certificate.pdf")
                            .put("media_type", "application/pdf")
                            .put(
                                "content_base64",
                                Base64.getEncoder()
                                    .encodeToString(
                                        ("%PDF-1.4 " + CERTIFICATE)
                                            .getBytes(StandardCharsets.UTF_8)))))
            .getLong("id");
    long typo =
        ok(
                HttpMethod.POST,
                "/meters/m1/calibrations",
                new JsonObject()
                    .put("calibrated_on", FIRST.minusDays(10).toString())
                    .put("certificate", "TYPO-" + SUFFIX)
                    .put("lab", "QUATEST 3")
                    .put("result", "passed"))
            .getLong("id");
    ok(
        HttpMethod.POST,
        "/meters/m1/calibrations",
        new JsonObject()
            .put("calibrated_on", FIRST.minusDays(10).toString())
            .put("valid_until", FIRST.minusDays(5).toString())
            .put("certificate", "FIXED-" + SUFFIX)
            .put("lab", "QUATEST 3")
            .put("result", "adjusted")
            .put("corrects", typo)
            .put("note", "the certificate number and validity were mistyped"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (svc != null) {
      svc.close();
    }
  }

  @Test
  void aDossierFetchedOverHttpPassesTheOfflineCheckWithTheWellKnownKey() throws Exception {
    byte[] zip = dossier("en");
    DossierResult r = DossierChecker.check(zip, wellKnownKey());
    assertThat(r.outcome())
        .as(r.problem() + "\n" + r.summary())
        .isEqualTo(DossierResult.Outcome.VERIFIED);
    Map<String, byte[]> files = Zips.unzip(zip);
    assertThat(files.keySet())
        .contains(
            "manifest.json",
            "manifest.sig",
            "report.pdf",
            "report.xlsx",
            "baseline.csv",
            "reporting.csv",
            "readings.csv",
            "production.csv",
            "seals.csv",
            "adjustments.json",
            "audit.csv");
    String readings = new String(files.get("readings.csv"), StandardCharsets.UTF_8);
    long days = LAST.toEpochDay() - REP_FROM.toEpochDay() + 1;
    assertThat(readings.lines().count()).isEqualTo(1 + 4 * days);
    String seals = new String(files.get("seals.csv"), StandardCharsets.UTF_8);
    assertThat(seals.lines().count()).isEqualTo(1 + 2 * days); // channel P and product p1
    String audit = new String(files.get("audit.csv"), StandardCharsets.UTF_8);
    assertThat(audit).contains("baseline.submit").contains("baseline.approve");
    String adjustments = new String(files.get("adjustments.json"), StandardCharsets.UTF_8);
    assertThat(adjustments)
        .contains("nra-" + adjustmentId)
        .contains("a bottling line added " + SUFFIX);
    // who had it made, with the hash an auditor's sign-off will refer to
    String sha = org.energytrace.analytics.integrity.Sha256.hex(zip);
    assertThat(
            svc.db.count(
                "select count(*) from audit_log where action = 'dossier.generate' and enterprise"
                    + " = '"
                    + E
                    + "' and detail like '%sha256 "
                    + sha
                    + "%' and chain_seq is not null"))
        .isEqualTo(1);
  }

  @Test
  void aSignOffNamesADossierTheServerIssuedForThatPeriodOrIsRefused() throws Exception {
    String sha = org.energytrace.analytics.integrity.Sha256.hex(dossier("vi"));
    // a hash this server never issued: refused naming dossier_sha256
    HttpResponse<Buffer> never = signOff(REP_FROM, LAST, "cd".repeat(32));
    assertThat(never.statusCode()).as(never.bodyAsString()).isEqualTo(409);
    assertThat(never.bodyAsJsonObject().getString("parameter")).isEqualTo("dossier_sha256");
    // the issued dossier's hash for another period than the dossier's: refused too
    HttpResponse<Buffer> otherPeriod = signOff(REP_FROM, LAST.minusDays(1), sha);
    assertThat(otherPeriod.statusCode()).as(otherPeriod.bodyAsString()).isEqualTo(409);
    assertThat(otherPeriod.bodyAsJsonObject().getString("parameter")).isEqualTo("dossier_sha256");
    assertThat(
            svc.db.count(
                "select count(*) from period_signoff s join enpi n using (enpi_id)"
                    + " join enterprise e on e.enterprise_id = n.enterprise_id where e.code = '"
                    + E
                    + "' and s.dossier_sha256 in ('"
                    + "cd".repeat(32)
                    + "', '"
                    + sha
                    + "')"))
        .isZero();
    // the hash of the dossier the server made for the period: signed off
    HttpResponse<Buffer> signed = signOff(REP_FROM, LAST, sha);
    assertThat(signed.statusCode()).as(signed.bodyAsString()).isEqualTo(201);
    assertThat(signed.bodyAsJsonObject().getString("dossier_sha256")).isEqualTo(sha);
  }

  @Test
  void theReportListsTheMetersCalibrationsAndFlagsTheDaysNoneCovers() throws Exception {
    // the corrected record is listed as such; the dossier lists the records in force
    JsonObject listed = ok(HttpMethod.GET, "/meters/m1/calibrations", null);
    JsonArray records = listed.getJsonArray("calibrations");
    assertThat(records.size()).isEqualTo(3);
    assertThat(
            records.stream()
                .map(JsonObject.class::cast)
                .filter(r -> r.getString("certificate").startsWith("TYPO-"))
                .findFirst()
                .orElseThrow()
                .getBoolean("current"))
        .isFalse();
    for (String lang : List.of("en", "vi")) {
      byte[] zip = dossier(lang);
      DossierResult r = DossierChecker.check(zip, wellKnownKey());
      assertThat(r.outcome())
          .as(r.problem() + "\n" + r.summary())
          .isEqualTo(DossierResult.Outcome.VERIFIED);
      Map<String, byte[]> files = Zips.unzip(zip);
      String csv = new String(files.get("calibrations.csv"), StandardCharsets.UTF_8);
      assertThat(csv)
          .contains(CERTIFICATE)
          .contains(EXPIRES.toString())
          .contains("FIXED-" + SUFFIX)
          .doesNotContain("TYPO-");
      // what the dossier flags: the reporting period's days after the calibration expired
      // (days as each language writes them: 30/11/2026 in Vietnamese)
      java.util.function.Function<LocalDate, String> day =
          d ->
              lang.equals("vi")
                  ? d.format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy"))
                  : d.toString();
      String flag =
          (lang.equals("vi") ? "hiệu chuẩn hết hạn ngày " : "calibration expired on ")
              + day.apply(EXPIRES);
      String pdf = pdfText(files.get("report.pdf"));
      assertThat(pdf)
          .as(lang)
          .contains(CERTIFICATE)
          .contains("QUATEST 3")
          .contains(flag)
          .contains(day.apply(EXPIRES.plusDays(1)) + " .. " + day.apply(LAST))
          // where the key of the offline check comes from (the ZIP holds no dossier-key.pem)
          .contains("--public-key dossier-key.pem (", "/.well-known/energytrace/dossier-key.pem")
          .doesNotContain("TYPO-");
      String check =
          xlsxRow(
              files.get("report.xlsx"),
              lang.equals("vi") ? "Kiểm tra hiệu chuẩn m1" : "Calibration check m1");
      assertThat(check).as(lang).contains(flag);
      // the enterprise by its registry name and the product by its name beside their codes (the
      // report named them by code alone)
      assertThat(
              xlsxRow(files.get("report.xlsx"), lang.equals("vi") ? "Doanh nghiệp" : "Enterprise"))
          .as(lang)
          .contains("Công ty Thép Hồ Sơ (" + E + ")");
      assertThat(xlsxRow(files.get("report.xlsx"), lang.equals("vi") ? "Sản phẩm" : "Products"))
          .as(lang)
          .contains("p1 (Thép cuộn)");
      assertThat(
              xlsxRow(
                  files.get("report.xlsx"), lang.equals("vi") ? "Hiệu chuẩn m1" : "Calibration m1"))
          .contains(CERTIFICATE);
    }
    // a changed calibrations.csv fails the offline check naming the file and row
    Map<String, byte[]> files = Zips.unzip(dossier("en"));
    String csv = new String(files.get("calibrations.csv"), StandardCharsets.UTF_8);
    files.put(
        "calibrations.csv",
        csv.replace(EXPIRES.toString(), LAST.toString()).getBytes(StandardCharsets.UTF_8));
    DossierResult changed = DossierChecker.check(zip(files), wellKnownKey());
    assertThat(changed.outcome()).isEqualTo(DossierResult.Outcome.MISMATCH);
    assertThat(changed.problem()).contains("calibrations.csv").contains("row");
    // the certificate file is served as stored, with its hash
    HttpResponse<Buffer> file =
        svc.withToken(
                HttpMethod.GET,
                "/api/v1/enterprises/"
                    + E
                    + "/meters/m1/calibrations/"
                    + calibrationId
                    + "/certificate",
                auditor)
            .send()
            .await();
    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.bodyAsString()).isEqualTo("%PDF-1.4 " + CERTIFICATE);
    assertThat(file.getHeader("X-Content-SHA256"))
        .isEqualTo(org.energytrace.analytics.integrity.Sha256.hex(file.body().getBytes()));
  }

  @Test
  void readingsOfEvidenceAndRefusedSignOffsAreAuditedAndTheChainAndNextDossierStillVerify()
      throws Exception {
    // the auditor fetches the period's dossier: its dossier.generate entry (the record of this
    // download, a dossier being made per request) names the SHA-256 of the bytes received
    HttpResponse<Buffer> fetched =
        svc.withToken(
                HttpMethod.GET,
                "/api/v1/enterprises/" + E + "/enpis/x1/dossier?from=" + REP_FROM + "&to=" + LAST,
                auditor)
            .send()
            .await();
    assertThat(fetched.statusCode()).as(fetched.bodyAsString()).isEqualTo(200);
    String sent = org.energytrace.analytics.integrity.Sha256.hex(fetched.body().getBytes());
    assertThat(
            svc.db.rows(
                "select actor_role || ' ' || outcome || ' ' || target from audit_log"
                    + " where action = 'dossier.generate' and detail like '%sha256 "
                    + sent
                    + "%' and chain_seq is not null"))
        .containsExactly("auditor success " + E + "/x1/dossier");

    // a sign-off naming a hash the server never issued: refused as before, and on record
    String wrong = "ef".repeat(32);
    HttpResponse<Buffer> refused = signOff(REP_FROM, LAST, wrong);
    assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(409);
    assertThat(refused.bodyAsJsonObject().getString("parameter")).isEqualTo("dossier_sha256");
    String target = E + "/x1/period/" + REP_FROM + ".." + LAST;
    assertThat(
            svc.db.rows(
                "select actor_role || ' ' || outcome || ' ' || detail from audit_log"
                    + " where action = 'period.signoff' and target = '"
                    + target
                    + "' and detail like '%"
                    + wrong
                    + "%'"))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith(
            "auditor failure dossier_sha256: this server issued no dossier with SHA-256 " + wrong);
    assertThat(
            svc.db.count(
                "select count(*) from period_signoff where dossier_sha256 = '" + wrong + "'"))
        .isZero();

    // the calibration certificate read by the auditor: on record with the hash sent
    HttpResponse<Buffer> certificate =
        svc.withToken(
                HttpMethod.GET,
                "/api/v1/enterprises/"
                    + E
                    + "/meters/m1/calibrations/"
                    + calibrationId
                    + "/certificate",
                auditor)
            .send()
            .await();
    assertThat(certificate.statusCode()).as(certificate.bodyAsString()).isEqualTo(200);
    String certificateSha = certificate.getHeader("X-Content-SHA256");
    assertThat(
            svc.db.rows(
                "select actor_role || ' ' || outcome || ' ' || detail from audit_log"
                    + " where action = 'calibration.certificate.download' and target = '"
                    + E
                    + "/meter/m1/calibration/"
                    + calibrationId
                    + "/certificate' and chain_seq is not null"))
        .contains(
            "auditor success sha256 "
                + certificateSha
                + ", certificate.pdf, "
                + certificate.body().length()
                + " bytes");

    // the chain verifies with these entries; the next dossier lists the refusal and passes
    JsonObject integrity =
        svc.enterpriseOk(
            auditor, HttpMethod.GET, E, "/integrity?from=" + REP_FROM + "&to=" + LAST, null);
    assertThat(integrity.getJsonObject("audit_chain").getBoolean("ok"))
        .as(integrity.encode())
        .isTrue();
    byte[] next = dossier("en");
    DossierResult r = DossierChecker.check(next, wellKnownKey());
    assertThat(r.outcome())
        .as(r.problem() + "\n" + r.summary())
        .isEqualTo(DossierResult.Outcome.VERIFIED);
    assertThat(new String(Zips.unzip(next).get("audit.csv"), StandardCharsets.UTF_8))
        .contains(wrong)
        .contains("this server issued no dossier");
  }

  @Test
  void aSignOffOnRecordIsListedInTheNextDossierWithTheBlockForItsOwn() throws Exception {
    // the auditor signs off a part of the period with reservations, naming that period's dossier
    LocalDate to = LAST.minusDays(2);
    String sha =
        org.energytrace.analytics.integrity.Sha256.hex(
            svc.withToken(
                    HttpMethod.GET,
                    "/api/v1/enterprises/" + E + "/enpis/x1/dossier?from=" + REP_FROM + "&to=" + to,
                    admin)
                .send()
                .await()
                .body()
                .getBytes());
    HttpResponse<Buffer> signed =
        svc.withToken(HttpMethod.POST, "/api/v1/enterprises/" + E + "/enpis/x1/signoffs", auditor)
            .sendJsonObject(
                new JsonObject()
                    .put("baseline_version", baselineVersion)
                    .put("from", REP_FROM.toString())
                    .put("to", to.toString())
                    .put("opinion", "verified_with_reservations")
                    .put("comments", "calibration lapsed " + SUFFIX)
                    .put("dossier_sha256", sha))
            .await();
    assertThat(signed.statusCode()).as(signed.bodyAsString()).isEqualTo(201);
    // an adjustment of that period approved after its dossier (of nothing: 0 kWh a day, so the
    // other checks' figures stay): the sign-off is to be re-verified, and the next dossier says why
    long late =
        ok(
                HttpMethod.POST,
                "/enpis/x1/adjustments",
                new JsonObject()
                    .put("kind", "other")
                    .put("from", REP_FROM.toString())
                    .put("to", REP_FROM.toString())
                    .put("method", "fixed_per_day")
                    .put("value", 0)
                    .put("justification", "recorded for the file " + SUFFIX))
            .getLong("id");
    assertThat(
            svc.withToken(
                    HttpMethod.POST,
                    "/api/v1/enterprises/" + E + "/enpis/x1/adjustments/" + late + "/approve",
                    auditor)
                .sendJsonObject(new JsonObject())
                .await()
                .statusCode())
        .isEqualTo(200);
    for (String lang : List.of("en", "vi")) {
      Map<String, byte[]> files = Zips.unzip(dossier(lang));
      String pdf = pdfText(files.get("report.pdf"));
      assertThat(pdf)
          .as(lang + ": what changed since the dossier the sign-off names")
          .contains(
              lang.equals("vi")
                  ? "cần xác minh lại (dữ liệu thay đổi sau hồ sơ được ký): điều chỉnh ngoài"
                      + " thường lệ nra-"
                      + late
                  : "to be re-verified (data changed after the dossier it names): non-routine"
                      + " adjustment nra-"
                      + late)
          .contains((lang.equals("vi") ? "được aud-" : "approved by aud-") + SUFFIX);
      assertThat(pdf)
          .as(lang)
          .contains(sha)
          .contains("calibration lapsed " + SUFFIX)
          .contains(lang.equals("vi") ? "đã xác minh có bảo lưu" : "verified with reservations")
          // the block of this dossier's own sign-off: its auditor and where it is recorded
          .contains("aud-" + SUFFIX)
          .contains(lang.equals("vi") ? "SHA-256 của hồ sơ này" : "naming this dossier's SHA-256");
      String xlsx = xlsxText(files.get("report.xlsx"));
      assertThat(xlsx).as(lang).contains(sha).contains("aud-" + SUFFIX);
    }
  }

  static String pdfText(byte[] bytes) throws Exception {
    PdfReader pdf = new PdfReader(bytes);
    StringBuilder text = new StringBuilder();
    for (int p = 1; p <= pdf.getNumberOfPages(); p++) {
      text.append(new PdfTextExtractor(pdf).getTextFromPage(p)).append('\n');
    }
    // a table cell breaks long text into lines: join them to find a phrase
    // (and may break a line after a hyphen, as in a date)
    return text.toString().replaceAll("\\s+", " ").replaceAll("- ", "-");
  }

  static String xlsxText(byte[] bytes) throws Exception {
    StringBuilder out = new StringBuilder();
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
      for (Row row : wb.getSheetAt(0)) {
        row.forEach(c -> out.append(c.toString()).append('\t'));
        out.append('\n');
      }
    }
    return out.toString();
  }

  /** The text next to the row labelled {@code label}, or null. */
  static String xlsxRow(byte[] bytes, String label) throws Exception {
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
      for (Row row : wb.getSheetAt(0)) {
        if (row.getCell(0) != null
            && row.getCell(0).getStringCellValue().equals(label)
            && row.getCell(1) != null) {
          return row.getCell(1).getStringCellValue();
        }
      }
    }
    return null;
  }

  static HttpResponse<Buffer> signOff(LocalDate from, LocalDate to, String sha256) {
    return svc.withToken(
            HttpMethod.POST, "/api/v1/enterprises/" + E + "/enpis/x1/signoffs", auditor)
        .sendJsonObject(
            new JsonObject()
                .put("baseline_version", baselineVersion)
                .put("from", from.toString())
                .put("to", to.toString())
                .put("opinion", "verified")
                .put("dossier_sha256", sha256))
        .await();
  }

  @Test
  void theSameDossierWithOneChangedCsvCellFailsNamingFileAndRow() throws Exception {
    byte[] zip = dossier("en");
    Map<String, byte[]> files = Zips.unzip(zip);
    String reporting = new String(files.get("reporting.csv"), StandardCharsets.UTF_8);
    List<String> lines = new ArrayList<>(reporting.lines().toList());
    String[] cells = lines.get(3).split(",");
    cells[1] = String.valueOf(Double.parseDouble(cells[1]) + 1.0);
    lines.set(3, String.join(",", cells));
    files.put("reporting.csv", (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    DossierResult r = DossierChecker.check(zip(files), wellKnownKey());
    assertThat(r.outcome()).isEqualTo(DossierResult.Outcome.MISMATCH);
    assertThat(r.problem()).contains("reporting.csv").contains("row 4");
  }

  @Test
  void thePdfAndTheWorkbookHoldTheSavingsTheApiShows() throws Exception {
    HttpResponse<Buffer> s =
        svc.withToken(
                HttpMethod.GET,
                "/api/v1/enterprises/"
                    + E
                    + "/enpis/x1/savings?baseline=1&from="
                    + REP_FROM
                    + "&to="
                    + LAST,
                admin)
            .send()
            .await();
    assertThat(s.statusCode()).as(s.bodyAsString()).isEqualTo(200);
    // routine (the model's) and non-routine (the approved adjustment: 50 kWh a day over the
    // period's 12 days of data = 600 kWh) apart, and their total, as the savings API gives them
    JsonObject split = s.bodyAsJsonObject().getJsonObject("savings_split");
    double routine = split.getDouble("routine");
    double nonRoutine = split.getDouble("non_routine");
    double savings = split.getDouble("savings");
    assertThat(routine)
        .isPositive()
        .isEqualTo(s.bodyAsJsonObject().getJsonObject("reporting").getDouble("savings"));
    assertThat(nonRoutine)
        .isCloseTo(
            50.0 * (LAST.toEpochDay() - REP_FROM.toEpochDay() + 1),
            org.assertj.core.data.Offset.offset(1e-9));
    assertThat(savings).isCloseTo(routine + nonRoutine, org.assertj.core.data.Offset.offset(1e-9));
    for (String lang : List.of("en", "vi")) {
      Map<String, byte[]> files = Zips.unzip(dossier(lang));
      PdfReader pdf = new PdfReader(files.get("report.pdf"));
      StringBuilder text = new StringBuilder();
      for (int p = 1; p <= pdf.getNumberOfPages(); p++) {
        text.append(new PdfTextExtractor(pdf).getTextFromPage(p)).append('\n');
      }
      assertThat(text.toString())
          .as(lang)
          .contains(DossierReport.number(savings, lang))
          .contains(DossierReport.number(routine, lang))
          .contains(DossierReport.number(nonRoutine, lang))
          .contains(lang.equals("vi") ? "Tiết kiệm" : "Savings")
          .contains(lang.equals("vi") ? "Xác nhận của kiểm toán viên" : "Auditor sign-off")
          // the meter's replacement in the period, with its time (as the report writes a day
          // and a time, not 2026-11-26T10:00) and counter values
          .contains(shown(REP_FROM.plusDays(2).atTime(10, 0), lang))
          .doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}T\\d{2}:")
          .contains(lang.equals("vi") ? "thay công tơ" : "replacement")
          .contains(DossierReport.number(48250.5, lang))
          .doesNotContain(lang.equals("vi") ? "đổi hệ số nhân" : "multiplier change");
      // each adjustment under the figure: the approved one with its decision's comment and the
      // energy it booked (the non-routine figure), the rejected one with the auditor's reason
      String folded = text.toString().replaceAll("\\s+", " ");
      assertThat(folded)
          .as(lang + ": the adjustments in words")
          .contains("nra-" + adjustmentId)
          .contains("seen the line's commissioning")
          .contains(
              (lang.equals("vi") ? "đã tính " : "booked ") + DossierReport.number(nonRoutine, lang))
          .contains("nra-" + rejectedId)
          .contains("the baseline has Saturday shifts too " + SUFFIX)
          .contains(lang.equals("vi") ? "từ chối" : "rejected by");
      // what the CSV files' series ids stand for (readings.csv said only ch-1 … ch-20)
      assertThat(text.toString().replaceAll("\\s+", " "))
          .as(lang + ": the series legend")
          .containsPattern("ch-[0-9]+ = m1/[A-Za-z]+")
          // units by their symbols (it said "m1/P (KWT)")
          .doesNotContain("(KWT)", "(KWH)");
      if (lang.equals("vi")) {
        // the statuses, the boundary and the integrity line in words (they were printed as the
        // store and the figures hold them: "(approved)", "8 MET", "facility …", "OK — ok: …")
        // (whitespace folded: a cell's text may wrap)
        assertThat(text.toString().replaceAll("\\s+", " "))
            .contains("(đã phê duyệt)", "chuỗi-ngày của toàn doanh nghiệp", "khớp dấu niêm phong")
            .doesNotContain("approved", "audit chain", " MET", "NOT_MET", "facility ")
            .doesNotContainPattern("[0-9] (MET|INCONCLUSIVE|INDICATIVE)\\b");
      }
      try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(files.get("report.xlsx")))) {
        Sheet sheet = wb.getSheetAt(0);
        Double found = null;
        String label = lang.equals("vi") ? "Tiết kiệm" : "Savings";
        for (Row row : sheet) {
          if (row.getCell(0) != null
              && row.getCell(0).getStringCellValue().equals(label)
              && row.getCell(2) != null) {
            found = row.getCell(2).getNumericCellValue();
          }
        }
        assertThat(found).as(lang + " savings row").isNotNull();
        String events = null;
        String eventsLabel =
            (lang.equals("vi") ? "Sự kiện công tơ trong kỳ" : "Meter events in the period") + " m1";
        for (Row row : sheet) {
          if (row.getCell(0) != null && row.getCell(0).getStringCellValue().equals(eventsLabel)) {
            events = row.getCell(1).getStringCellValue();
          }
        }
        assertThat(events)
            .as(lang + " meter events row")
            .isNotNull()
            .contains(shown(REP_FROM.plusDays(2).atTime(10, 0), lang))
            .contains(lang.equals("vi") ? "thay công tơ" : "replacement");
        // the reset the derivation booked, with what it booked and why its rate is not judged
        String anomalies = null;
        String anomaliesLabel =
            (lang.equals("vi")
                    ? "Đặt lại bộ đếm và khoảng bất thường trong kỳ"
                    : "Counter resets and implausible intervals in the period")
                + " m1";
        for (Row row : sheet) {
          if (row.getCell(0) != null
              && row.getCell(0).getStringCellValue().equals(anomaliesLabel)) {
            anomalies = row.getCell(1).getStringCellValue();
          }
        }
        assertThat(anomalies)
            .as(lang + " counter anomalies row")
            .isEqualTo(
                lang.equals("vi")
                    ? shown(RESET_AT, "vi")
                        + " đặt lại bộ đếm (tính từ 0) (E: 0,0 kWh trong 15 phút, chưa đủ khoảng đo"
                        + " để đánh giá tốc độ)"
                    : shown(RESET_AT, "en")
                        + " reset (booked from zero) (E: 0.0 kWh in 15 min, too few intervals to"
                        + " judge its rate)");
        assertThat(found).isCloseTo(savings, org.assertj.core.data.Offset.offset(0.05));
        // the model's statistics in the report's separators, as its other numbers (the
        // Vietnamese report printed "0.9892"), CV(RMSE) and NMBE in per cent as ASHRAE's limits
        // and the verification page state them (it printed the fraction 0,0277)
        String fit = null;
        // the time it was made is the site's, with its offset, as the report's other times (it
        // was UTC, "…Z", beside the meter events' local times)
        String generatedLabel =
            lang.equals("vi") ? "Tạo lúc, khoá máy chủ" : "Generated at, server key";
        String generated = null;
        for (Row row : sheet) {
          if (row.getCell(0) != null
              && row.getCell(0).getStringCellValue().equals(generatedLabel)) {
            generated = row.getCell(1).getStringCellValue();
          }
        }
        assertThat(generated)
            .as(lang + " generated row")
            .matches(
                lang.equals("vi")
                    ? "\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}(:\\d{2})? \\(UTC\\+07:00\\), .+"
                    : "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}(:\\d{2})? \\(UTC\\+07:00\\), .+");
        String fitLabel = lang.equals("vi") ? "Thống kê mô hình" : "Model statistics";
        for (Row row : sheet) {
          if (row.getCell(0) != null && row.getCell(0).getStringCellValue().equals(fitLabel)) {
            fit = row.getCell(1).getStringCellValue();
          }
        }
        String decimal = lang.equals("vi") ? "," : "\\.";
        String pct = "-?\\d+" + decimal + "\\d{2} %";
        assertThat(fit)
            .as(lang + " model statistics row")
            .matches(
                "n = \\d+ · p = \\d+ · R² = -?\\d"
                    + decimal
                    + "\\d{4} · CV\\(RMSE\\) = "
                    + pct
                    + " · NMBE = "
                    + pct);
        double cvPercent =
            Double.parseDouble(
                fit.replaceAll(".*CV\\(RMSE\\) = ([-\\d.,]+) %.*", "$1").replace(',', '.'));
        double cvFraction =
            new JsonObject(new String(files.get("figures.json"), StandardCharsets.UTF_8))
                .getJsonObject("baseline_fit")
                .getDouble("cv_rmse");
        assertThat(cvPercent)
            .as("CV(RMSE) in per cent, not the fraction of figures.json")
            .isCloseTo(cvFraction * 100, org.assertj.core.data.Offset.offset(0.005));
        assertThat(text.toString().replaceAll("\\s+", " ")).contains(fit); // a cell may wrap
        // its FSU is of the total savings, the API's fsu_levels of the routine ones: it says so
        List<String> labels = new ArrayList<>();
        for (Row row : sheet) {
          if (row.getCell(0) != null) {
            labels.add(row.getCell(0).getStringCellValue());
          }
        }
        assertThat(labels)
            .contains(
                lang.equals("vi")
                    ? "Độ bất định (FSU) của tổng tiết kiệm (thường lệ và ngoài thường lệ)"
                        + " ở mức tin cậy 90 %"
                    : "Fractional savings uncertainty (FSU) of the total savings (routine and"
                        + " non-routine) at confidence 90 %");
      }
    }
  }

  @Test
  void theKeyFileIsReadableByItsOwnerOnlyAndServesTheManifestsKey() throws Exception {
    Path keyFile = keys.resolve("sub/dossier-key.pem");
    assertThat(Files.getPosixFilePermissions(keyFile))
        .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    String manifest =
        new String(Zips.unzip(dossier("vi")).get("manifest.json"), StandardCharsets.UTF_8);
    assertThat(manifest).contains(Base64.getEncoder().encodeToString(wellKnownKey().getEncoded()));
  }

  @Test
  void aPeriodWithDaysNotSealedYetIsRefusedNamingTo() {
    HttpResponse<Buffer> r =
        svc.withToken(
                HttpMethod.GET,
                "/api/v1/enterprises/" + E + "/enpis/x1/dossier?from=" + REP_FROM + "&to=" + TODAY,
                admin)
            .send()
            .await();
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(409);
    assertThat(r.bodyAsJsonObject().getString("parameter")).isEqualTo("to");
    // the grace in hours, not the setting's name an auditor cannot look up
    assertThat(r.bodyAsJsonObject().getString("message"))
        .contains(" is sealed through " + TODAY.minusDays(1))
        // (this test seals a day once it ends; the service's default is 6 h after)
        .contains("(a day is sealed once it ends)")
        .doesNotContain("integrity.seal_grace")
        .endsWith("choose to <= " + TODAY.minusDays(1));
  }

  @Test
  void aPeriodWithinTheBaselineIsRefusedNamingFrom() {
    // it gave a dossier of the baseline's own days, "all checks passed", that no sign-off could
    // name (the sign-off refuses such a period)
    HttpResponse<Buffer> r =
        svc.withToken(
                HttpMethod.GET,
                "/api/v1/enterprises/"
                    + E
                    + "/enpis/x1/dossier?from="
                    + FIRST
                    + "&to="
                    + BASE_TO.plusDays(3),
                admin)
            .send()
            .await();
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(409);
    assertThat(r.bodyAsJsonObject().getString("parameter")).isEqualTo("from");
    assertThat(r.bodyAsJsonObject().getString("message"))
        .isEqualTo(
            "from: the reporting period must start after the baseline period (which ends "
                + BASE_TO
                + ")");
  }

  // ---- helpers ----

  static byte[] dossier(String lang) {
    HttpResponse<Buffer> r =
        svc.withToken(
                HttpMethod.GET,
                "/api/v1/enterprises/"
                    + E
                    + "/enpis/x1/dossier?from="
                    + REP_FROM
                    + "&to="
                    + LAST
                    + "&lang="
                    + lang,
                admin)
            .send()
            .await();
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/zip");
    // the language is in the file's name: the vi and en downloads of a period had one name
    assertThat(r.getHeader("Content-Disposition"))
        .contains("dossier-" + E + "-x1-" + REP_FROM + "-" + LAST + "-" + lang + ".zip");
    return r.body().getBytes();
  }

  static PublicKey wellKnownKey() throws Exception {
    HttpResponse<Buffer> r =
        svc.http
            .get(svc.app.httpPort(), "127.0.0.1", "/.well-known/energytrace/dossier-key.pem")
            .send()
            .await();
    assertThat(r.statusCode()).isEqualTo(200);
    String pem = r.bodyAsString();
    String b64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return KeyFactory.getInstance("Ed25519")
        .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(b64)));
  }

  static byte[] zip(Map<String, byte[]> files) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        out.putNextEntry(new ZipEntry(f.getKey()));
        out.write(f.getValue());
        out.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  static JsonObject ok(HttpMethod method, String path, JsonObject body) {
    return svc.enterpriseOk(admin, method, E, path, body);
  }
}
