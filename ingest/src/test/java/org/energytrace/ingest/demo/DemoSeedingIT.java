package org.energytrace.ingest.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.energytrace.ingest.fixtures.Ports.freePort;

import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.energytrace.analytics.dossier.DossierChecker;
import org.energytrace.analytics.dossier.DossierResult;
import org.energytrace.ingest.IngestApp;
import org.energytrace.ingest.audit.PgAuditLog;
import org.energytrace.ingest.auth.Role;
import org.energytrace.ingest.config.DashboardConfig.Tariffs;
import org.energytrace.ingest.config.IngestConfig;
import org.energytrace.ingest.config.IntegrityConfig;
import org.energytrace.ingest.config.MqttConfig;
import org.energytrace.ingest.enpi.EnpiAnalytics;
import org.energytrace.ingest.enpi.PgBaselines;
import org.energytrace.ingest.enpi.PgEnpiData;
import org.energytrace.ingest.enpi.PgEnpiStore;
import org.energytrace.ingest.fixtures.EnterpriseTopics;
import org.energytrace.ingest.fixtures.Gateways;
import org.energytrace.ingest.fixtures.SecuredService;
import org.energytrace.ingest.fixtures.TestAccess;
import org.energytrace.ingest.fixtures.TestBroker;
import org.energytrace.ingest.fixtures.TestDatabase;
import org.energytrace.ingest.fixtures.Zips;
import org.energytrace.ingest.integrity.IntegrityCheck;
import org.energytrace.ingest.integrity.PgSeals;
import org.energytrace.ingest.store.Database;
import org.energytrace.ingest.tenant.Scope;
import org.energytrace.ingest.verification.PgPeriodRecords;
import org.energytrace.ingest.verification.dossier.DossierService;
import org.energytrace.ingest.verification.dossier.ServerKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo end to end: the demo plant's baseline year (365 days with noise, product-mix variation
 * and a few days without production) is loaded through ingest's write path ({@link DemoHistory}),
 * then the real gateway jar's {@code demo} (simulated brewery, saving 10 % from the measure date)
 * publishes the 10 days since the measure to the local Mosquitto, the ingest service stores them in
 * a fresh local PostgreSQL database, and the demo seeding describes the plant, approves a baseline
 * on the year before the measure and signs the measure's period off.
 */
class DemoSeedingIT {
  static final Path GATEWAY_JAR = Path.of("..", "gateway", "target", "energytrace-gateway.jar");
  static final ZoneId ZONE = ZoneId.of(DemoSeeder.ZONE);
  static final String ENTERPRISE = "demo-it-" + UUID.randomUUID().toString().substring(0, 8);
  static final double CONFIGURED_SAVING = 0.10;

  static Path work;
  static TestDatabase db;
  static Vertx vertx;
  static IngestApp ingest;
  static Process gateway;
  static Database pool;
  static EnpiAnalytics analytics;
  static LocalDate historyStart;
  static LocalDate measureDate;
  static LocalDate yesterday;
  static LocalDate signedTo;
  static DemoHistory.Loaded loaded;
  static DemoHistory.Generated generated;

  @BeforeAll
  static void startTheDemoWithAShortHistory() throws Exception {
    assertThat(GATEWAY_JAR)
        .as("the gateway jar (built by the gateway module before ingest; mvn -pl gateway package)")
        .exists();
    work = Files.createTempDirectory("et-demo-it-");
    db = TestDatabase.create();
    TestBroker.connect().close(); // fails loudly when the local Mosquitto is not running
    vertx = Vertx.vertx();
    IngestConfig defaults =
        IngestConfig.defaults(
            db.url(), db.config().user(), TestBroker.URL, "et-demo-it-" + UUID.randomUUID());
    MqttConfig m = defaults.mqtt();
    // only this test's enterprise: a running demo may share the broker
    MqttConfig mine = EnterpriseTopics.only(m, ENTERPRISE);
    // the demo gateway's registration (ingest demo registers it before it starts the gateway)
    Gateways.register(db, ENTERPRISE + "/plant-1/gw-demo-01");
    ingest = IngestApp.start(vertx, defaults.withMqtt(mine)).await();
    await().atMost(Duration.ofSeconds(20)).until(ingest::mqttConnected);

    Instant now = Instant.now();
    LocalDate today = LocalDate.ofInstant(now, ZONE);
    measureDate = today.minusDays(10);
    historyStart = measureDate.minusDays(365);
    yesterday = today.minusDays(1);
    pool = Database.open(db.config());
    // ingest demo loads the baseline year before it starts the gateway
    generated = DemoHistory.generate(historyStart, measureDate, ZONE);
    loaded =
        DemoHistory.load(
            pool.dataSource(),
            defaults,
            ENTERPRISE,
            DemoSeeder.SITE,
            "gw-demo-01",
            historyStart,
            measureDate,
            Clock.systemUTC());
    ProcessBuilder pb =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-jar",
                GATEWAY_JAR.toAbsolutePath().toString(),
                "demo",
                "--mqtt",
                TestBroker.URL,
                "--opcua-port",
                String.valueOf(freePort()),
                "--modbus-port",
                String.valueOf(freePort()),
                "--history",
                "P10D",
                "--measure-date",
                measureDate.toString())
            .redirectErrorStream(true);
    pb.redirectOutput(work.resolve("gateway.log").toFile());
    pb.environment()
        .putAll(
            Map.of(
                "ET_DEMO_ENTERPRISE",
                ENTERPRISE,
                "ET_DATA_DIR",
                work.resolve("gateway-data").toString()));
    gateway = pb.start();

    // ingest demo creates the demo's accounts first: the seeding submits as the enterprise's
    // administrator and approves as the auditor (issue 15)
    DemoAccounts.seed(pool.dataSource(), ENTERPRISE, Clock.systemUTC());
    PgEnpiStore store = new PgEnpiStore(pool.dataSource());
    analytics =
        new EnpiAnalytics(
            store,
            new PgEnpiData(pool.dataSource()),
            new PgBaselines(pool.dataSource()),
            new org.energytrace.ingest.verification.PgPeriodRecords(pool.dataSource()),
            Clock.systemUTC());
  }

  @AfterAll
  static void stopTheDemo() throws Exception {
    if (gateway != null) {
      gateway.destroy();
      if (!gateway.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        gateway.destroyForcibly();
      }
    }
    if (pool != null) {
      pool.close();
    }
    SecuredService.stop(ingest, vertx, null, db);
  }

  @Test
  @SuppressWarnings("unchecked")
  void afterSeedingTheSavingsOfTheMeasurePeriodMatchTheSimulatedSavingWithinItsUncertainty()
      throws Exception {
    DemoSeeder seeder =
        new DemoSeeder(
                pool.dataSource(),
                new PgEnpiStore(pool.dataSource()),
                analytics,
                Clock.systemUTC(),
                Duration.ofSeconds(1))
            .withDossiers(org.energytrace.ingest.config.IntegrityConfig.defaults());
    Optional<DemoSeeder.Seeded> seeded =
        seeder.seed(ENTERPRISE, historyStart, measureDate, Duration.ofSeconds(90));
    assertThat(seeded)
        .as("seeded within 90 s (gateway log: %s)", work.resolve("gateway.log"))
        .isPresent();
    assertThat(seeded.get().from()).isEqualTo(historyStart);
    assertThat(seeded.get().to()).isEqualTo(measureDate.minusDays(1));

    Map<String, Object> baseline =
        (Map<String, Object>)
            analytics.listBaselines(Scope.ALL, ENTERPRISE, DemoSeeder.ENPI).get(0);
    assertThat(baseline.get("status")).isEqualTo("approved");
    assertThat(baseline.get("submitted_by")).isEqualTo("demo-enterprise-admin");
    assertThat(baseline.get("approved_by")).isEqualTo("demo-auditor");
    assertThat(baseline.get("approved_by_role")).isEqualTo("auditor");
    // a year before the measure, passing every validity rule (docs/mv-method.md), with the days
    // whose production was never recorded reported as missing, not filled
    Map<String, Object> fit = (Map<String, Object>) baseline.get("fit");
    Map<String, Object> validity = (Map<String, Object>) fit.get("validity");
    assertThat(validity.get("valid")).as("validity %s", validity).isEqualTo(true);
    assertThat(
            java.time.temporal.ChronoUnit.DAYS.between(
                LocalDate.parse((String) baseline.get("from")),
                LocalDate.parse((String) baseline.get("to")).plusDays(1)))
        .isGreaterThanOrEqualTo(365);
    Map<String, Object> coverage = (Map<String, Object>) fit.get("coverage");
    assertThat(generated.missingDays()).isNotEmpty();
    assertThat((List<String>) coverage.get("missing"))
        .containsExactlyInAnyOrderElementsOf(
            generated.missingDays().stream().map(LocalDate::toString).toList());

    // the period the auditor signed off: from the measure to yesterday, or to the day before in
    // the first integrity.seal_grace hours of a site day, when yesterday cannot be sealed yet and
    // a sign-off must name a dossier the server issued (docs/verification.md §1.2)
    Map<String, Object> current =
        new org.energytrace.ingest.verification.PgSignoffs(pool.dataSource())
            .list(Scope.ALL, ENTERPRISE, DemoSeeder.ENPI).stream()
                .filter(x -> Boolean.TRUE.equals(x.get("current")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the demo signed no period off"));
    assertThat(current.get("from")).isEqualTo(measureDate.toString());
    signedTo = LocalDate.parse((String) current.get("to"));
    assertThat(signedTo).isIn(yesterday, yesterday.minusDays(1));
    Map<String, Object> savings =
        analytics.savings(
            Scope.ALL,
            ENTERPRISE,
            DemoSeeder.ENPI,
            seeded.get().baselineVersion(),
            measureDate,
            signedTo,
            95,
            null,
            Tariffs.NONE);
    Map<String, Object> reporting = (Map<String, Object>) savings.get("reporting");
    double adjusted = ((Number) reporting.get("adjusted_baseline")).doubleValue();
    double fraction = ((Number) reporting.get("savings_fraction")).doubleValue();
    double low = ((Number) reporting.get("savings_low")).doubleValue() / adjusted;
    double high = ((Number) reporting.get("savings_high")).doubleValue() / adjusted;
    // every day of the reporting period is complete: the history and the live data join up
    assertThat((List<?>) ((Map<String, Object>) savings.get("reporting_period")).get("gaps"))
        .isEmpty();
    // the simulator cuts the whole plant's energy by 10 % at the same output; the baseline year's
    // day-level noise widens the 95 % band, which holds the configured saving
    assertThat(fraction)
        .as("savings %s of the baseline %s", savings, baseline)
        .isCloseTo(CONFIGURED_SAVING, within(0.01));
    assertThat(CONFIGURED_SAVING).isBetween(low - 0.001, high + 0.001);
    // a realistic band: the former 60-day demo without day-level noise gave a narrow band of the
    // baseline (measured: ±0.2 % at 90 %); a plant's year of noisy days gives several times that
    // (measured: about ±1 %)
    assertThat((high - low) / 2).as("half-width of the 95 %% band").isGreaterThan(0.005);

    // the rest of the chain (issue 15): one non-routine adjustment proposed by the enterprise's
    // administrator and rejected by the auditor, as the data say (the baseline year has Saturday
    // shifts too): it is listed, not applied, and the verified saving is the routine one, the
    // simulator's 10 % (a reviewer found the approved +2 % in every verified figure: 10,5 %)
    Map<String, Object> split = (Map<String, Object>) savings.get("savings_split");
    assertThat(((Number) split.get("non_routine")).doubleValue()).isZero();
    assertThat(split.get("savings")).isEqualTo(reporting.get("savings"));
    Map<String, Object> nonRoutine = (Map<String, Object>) savings.get("non_routine");
    assertThat((List<Object>) nonRoutine.get("applied")).isEmpty();
    List<Object> notApplied = (List<Object>) nonRoutine.get("not_applied");
    assertThat(notApplied).hasSize(1);
    assertThat(((Map<String, Object>) notApplied.get(0)).get("status")).isEqualTo("rejected");
    Map<String, Object> rejected =
        new org.energytrace.ingest.verification.PgAdjustments(pool.dataSource())
            .list(Scope.ALL, ENTERPRISE, DemoSeeder.ENPI)
            .get(0);
    assertThat(rejected.get("decided_by_account")).isEqualTo("demo-auditor");
    assertThat((String) rejected.get("decision_comment")).contains("thứ Bảy");
    // ... and the period signed off verified by the auditor, from a baseline passing the
    // validity rules: a verifiable saving
    Map<String, Object> v = (Map<String, Object>) savings.get("verification");
    assertThat(v.get("status")).isEqualTo("verified");
    assertThat(((Map<String, Object>) v.get("signoff")).get("signed_by_account"))
        .isEqualTo("demo-auditor");
    assertThat(v.get("verifiable")).as("verification %s", v).isEqualTo(true);
    // the sign-off names the SHA-256 of the period's dossier, which the audit log recorded when
    // it was made for the auditor (the days were sealed first)
    String signedHash = (String) ((Map<String, Object>) v.get("signoff")).get("dossier_sha256");
    try (java.sql.Connection c = pool.dataSource().getConnection();
        java.sql.PreparedStatement ps =
            c.prepareStatement(
                "SELECT count(*) FROM audit_log WHERE action = 'dossier.generate'"
                    + " AND enterprise = ? AND actor_role = 'auditor' AND detail LIKE ?")) {
      ps.setString(1, ENTERPRISE);
      ps.setString(2, "%sha256 " + signedHash + "%");
      try (java.sql.ResultSet rs = ps.executeQuery()) {
        rs.next();
        assertThat(rs.getLong(1)).as("dossier %s in the audit log", signedHash).isEqualTo(1);
      }
    }
    assertThat(v.get("label")).isNotEqualTo("indicative, not verifiable");
    // every meter of the EnPI has a calibration record covering the periods, which the dossier
    // lists (docs/verification.md §1.5)
    try (java.sql.Connection c = pool.dataSource().getConnection();
        java.sql.PreparedStatement ps =
            c.prepareStatement(
                "SELECT count(*) FROM jsonb_array_elements((SELECT v.definition -> 'meters'"
                    + " FROM enpi_version v JOIN enpi n USING (enpi_id) JOIN enterprise e"
                    + " ON e.enterprise_id = n.enterprise_id WHERE e.code = ? AND n.code = ?"
                    + " ORDER BY v.version DESC LIMIT 1)) t(m) WHERE NOT EXISTS (SELECT 1"
                    + " FROM meter_calibration k JOIN meter mm USING (meter_id)"
                    + " WHERE mm.code = t.m ->> 'meter' AND k.result = 'passed')")) {
      ps.setString(1, ENTERPRISE);
      ps.setString(2, DemoSeeder.ENPI);
      try (java.sql.ResultSet rs = ps.executeQuery()) {
        rs.next();
        assertThat(rs.getLong(1)).as("EnPI meters without a calibration record").isZero();
      }
    }

    // issue 20: the demo plant's showcase tells its measures and the verified period's saving
    // from the approved, valid baseline
    TestAccess.of(db).publish(ENTERPRISE, DemoSeeder.SITE);
    java.net.http.HttpResponse<String> shown =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(
                            "http://127.0.0.1:"
                                + ingest.httpPort()
                                + "/api/v1/showcase/"
                                + ENTERPRISE
                                + "/"
                                + DemoSeeder.SITE))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(shown.statusCode()).as(shown.body()).isEqualTo(200);
    io.vertx.core.json.JsonObject show = new io.vertx.core.json.JsonObject(shown.body());
    assertThat(show.getJsonObject("enterprise_name").getString("en"))
        .isEqualTo("Demo Brewery Plant Co., Ltd.");
    assertThat(show.getJsonObject("sector").getString("vi")).isNotBlank();
    assertThat(
            show.getJsonArray("measures").stream()
                .map(
                    o -> ((io.vertx.core.json.JsonObject) o).getJsonObject("title").getString("en"))
                .toList())
        .containsExactly(
            "Variable-speed drives on the brewhouse pumps",
            "Boiler feed-water economiser",
            "Compressed-air leak programme");
    assertThat(show.getJsonArray("measures").getJsonObject(0).getString("date"))
        .isEqualTo(measureDate.toString());
    // every field issue 20 lists is in the demo's answer
    assertThat(show.fieldNames())
        .contains(
            "enterprise_name",
            "site_name",
            "sector",
            "measures",
            "sec_series",
            "savings",
            "verification",
            "live");
    assertThat(show.getJsonArray("measures").getJsonObject(0).fieldNames())
        .contains("title", "description", "date", "investment");
    assertThat(show.getJsonObject("savings").fieldNames())
        .contains("energy", "money", "co2", "band", "fraction");
    assertThat(show.getJsonObject("verification").fieldNames())
        .contains("status", "approved_at", "verified_at");
    io.vertx.core.json.JsonObject verification = show.getJsonObject("verification");
    assertThat(verification.getString("baseline_status")).isEqualTo("approved");
    assertThat(verification.getString("approved_at")).isNotBlank();
    assertThat(verification.getBoolean("approved_by_auditor")).isTrue();
    assertThat(verification.getString("verified_at")).isNotBlank();
    assertThat(verification.getString("opinion")).isEqualTo("verified");
    assertThat(verification.getBoolean("verifiable")).isTrue();
    assertThat(verification.getString("status")).as("%s", verification).isEqualTo("verified");
    io.vertx.core.json.JsonObject shownSavings = show.getJsonObject("savings");
    assertThat(shownSavings.getDouble("non_routine")).isZero();
    assertThat(shownSavings.getDouble("energy"))
        .isCloseTo(
            shownSavings.getDouble("routine") + shownSavings.getDouble("non_routine"),
            within(1e-6));
    assertThat(shownSavings.getString("to")).isEqualTo(signedTo.toString());
    assertThat(show.getJsonObject("savings").getJsonObject("band").getDouble("low")).isPositive();
    assertThat(show.getJsonArray("sec_series")).isNotEmpty();

    // issue 17: the brewery's water (metered), malt (daily use) and coal boiler (deliveries and
    // weekly stock counts) per unit of product against the EnPI's baseline period
    long started = System.nanoTime();
    org.energytrace.ingest.resource.DemoResources.seedAfter(
        pool.dataSource(), ENTERPRISE, historyStart, measureDate, seeded.get());
    System.out.printf(
        "demo resources seeded in %d ms%n", (System.nanoTime() - started) / 1_000_000);
    var indicators =
        new org.energytrace.ingest.resource.ResourceIndicators(
            new org.energytrace.ingest.resource.PgResources(pool.dataSource()),
            org.energytrace.analytics.units.ConversionTable.bundled());
    Map<String, Object> malt =
        perUnit("malt", org.energytrace.analytics.baseline.ModelSelector.Request.RATIO);
    // 0.053 kg per can before the measure, 8 % less after (a ±3 % daily wobble on both); it was
    // 1.6 kg, a crate's, per can
    assertThat(((Number) malt.get("baseline_sec")).doubleValue()).isCloseTo(0.053, within(0.002));
    assertThat(((Number) malt.get("savings_fraction")).doubleValue()).isCloseTo(0.08, within(0.02));
    Map<String, Object> water =
        perUnit("water", org.energytrace.analytics.baseline.ModelSelector.Request.AUTO);
    assertThat(water.get("source")).isEqualTo("meter");
    assertThat(water.get("sec_unit")).isEqualTo("m3/pcs");
    assertThat(((Number) water.get("baseline_sec")).doubleValue()).isPositive();
    // coal between Sunday counts: the 365-day baseline holds 52 whole weeks when it starts on a
    // Sunday or a Monday, 51 on the other days, and either is a year of data (it failed
    // data_sufficient, "a year needs 52", on five days of seven)
    Map<String, Object> coal =
        perUnit("coal", org.energytrace.analytics.baseline.ModelSelector.Request.AUTO);
    assertThat(coal.get("source")).isEqualTo("stock");
    Map<String, Object> coalCheck = (Map<String, Object>) coal.get("verifiability");
    assertThat((List<Object>) coalCheck.get("failed_checks"))
        .as("%s", coalCheck)
        .doesNotContain("data_sufficient");
    // the counts are on Sundays, as the docs say (they fell on the history's weekday)
    try (java.sql.Connection c = pool.dataSource().getConnection();
        java.sql.Statement st = c.createStatement();
        java.sql.ResultSet rs =
            st.executeQuery(
                "SELECT array_agg(DISTINCT extract(isodow FROM x.day)::int), count(*)"
                    + " FROM resource_entry x JOIN resource r USING (resource_id)"
                    + " JOIN enterprise e ON e.enterprise_id = r.enterprise_id"
                    + " WHERE e.code = '"
                    + ENTERPRISE
                    + "' AND r.code = 'coal' AND x.type = 'stock_count'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong(2)).isGreaterThan(40);
      assertThat((Integer[]) rs.getArray(1).getArray()).containsExactly(7);
    }
    Map<String, Object> toe =
        new org.energytrace.ingest.resource.ResourceToe(
                new org.energytrace.ingest.resource.PgResources(pool.dataSource()),
                indicators,
                org.energytrace.analytics.units.ConversionTable.bundled())
            .toe(Scope.ALL, ENTERPRISE, yesterday.getYear());
    // coal is the only energy resource: its weekly use converted at 0.60 TOE/t
    List<Map<String, Object>> lines = (List<Map<String, Object>>) toe.get("lines");
    assertThat(lines)
        .singleElement()
        .satisfies(l -> assertThat(l.get("resource")).isEqualTo("coal"));
    assertThat(((Number) lines.get(0).get("toe")).doubleValue())
        .isCloseTo(0.6 * ((Number) lines.get(0).get("amount")).doubleValue(), within(1e-9))
        .isPositive();

    // the showcase's resources: against the EnPI's period, which no auditor approved as theirs;
    // a fit passing every rule says that, not "not verifiable" with no failed check (a reviewer
    // read that on the demo's coal)
    io.vertx.core.json.JsonArray shownResources =
        new io.vertx.core.json.JsonObject(
                java.net.http.HttpClient.newHttpClient()
                    .send(
                        java.net.http.HttpRequest.newBuilder(shown.uri()).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString())
                    .body())
            .getJsonArray("resources");
    assertThat(shownResources).isNotEmpty();
    for (Object o : shownResources) {
      io.vertx.core.json.JsonObject r = (io.vertx.core.json.JsonObject) o;
      if (r.containsKey("note")) {
        continue;
      }
      assertThat(r.getString("status")).as(r.encode()).isEqualTo("indicative");
      assertThat(r.getString("label"))
          .as(r.encode())
          .isEqualTo(
              r.getJsonArray("failed_checks").isEmpty()
                  ? "indicative, resource baseline not approved"
                  : "indicative, not verifiable");
    }
    assertThat(shownResources.stream())
        .as("at least one resource's fit passes every rule")
        .anyMatch(
            o ->
                "indicative, resource baseline not approved"
                    .equals(((io.vertx.core.json.JsonObject) o).getString("label")));

    // seeding again (a restarted demo) keeps the approved baseline, the adjustment and the
    // sign-off of the same period
    Optional<DemoSeeder.Seeded> again =
        seeder.seed(ENTERPRISE, historyStart, measureDate, Duration.ofSeconds(30));
    assertThat(again.map(DemoSeeder.Seeded::baselineVersion))
        .contains(seeded.get().baselineVersion());
    assertThat(
            new org.energytrace.ingest.verification.PgAdjustments(pool.dataSource())
                .list(Scope.ALL, ENTERPRISE, DemoSeeder.ENPI))
        .hasSize(1);
    assertThat(
            new org.energytrace.ingest.verification.PgSignoffs(pool.dataSource())
                .list(Scope.ALL, ENTERPRISE, DemoSeeder.ENPI))
        .hasSize(1);

    // issue 18: the demo's CP assessment (seeded after the plant, as ingest demo does); its
    // option gp1 (the brewhouse pump drives) is linked to the EnPI from the measure date and shows
    // the saving of
    // the period the auditor signed off, verified, beside its expected saving
    org.energytrace.ingest.cp.CpDemo.seed(
        pool.dataSource(), ENTERPRISE, measureDate, Clock.systemUTC());
    org.energytrace.ingest.cp.CpCatalogue catalogue =
        new org.energytrace.ingest.cp.CpCatalogue(
            new org.energytrace.ingest.cp.PgCpAssessments(pool.dataSource()),
            analytics,
            Clock.systemUTC());
    Map<String, Object> options =
        catalogue.verifiedOf(ENTERPRISE, org.energytrace.ingest.cp.CpDemo.ASSESSMENT);
    Map<String, Object> gp1 = (Map<String, Object>) options.get("gp1");
    assertThat(gp1).as("verified savings of the options: %s", options).isNotNull();
    assertThat(gp1.get("status")).isEqualTo("verified");
    assertThat(gp1.get("from")).isEqualTo(measureDate.toString());
    assertThat(gp1.get("to")).isEqualTo(signedTo.toString());
    assertThat(((Number) gp1.get("savings_fraction")).doubleValue())
        .isCloseTo(fraction, within(0.02));
    // the catalogue's entry carries the same figures as the savings API over the signed-off period
    List<Object> entries = (List<Object>) catalogue.catalogue().get("entries");
    assertThat(entries).hasSize(1);
    Map<String, Object> entry =
        (Map<String, Object>) ((Map<String, Object>) entries.get(0)).get("verified");
    // the total, as the showcase and the overview show it (with an approved adjustment it differs
    // from the routine saving: CpCatalogueIT)
    assertThat(entry.get("savings")).isEqualTo(split.get("savings"));
    // the plant's saving holds the other two measures implemented with gp1 (the economiser and the
    // leak programme): said on the entry, and left out of the medians by option type
    assertThat((List<Map<String, Object>>) entry.get("other_measures"))
        .extracting(m -> m.get("type"))
        .containsExactlyInAnyOrder("onsite_recovery", "good_housekeeping");
    assertThat(catalogue.catalogue().get("aggregates_left_out")).isEqualTo(1);
    assertThat((List<Object>) catalogue.catalogue().get("aggregates")).isEmpty();

    theSignedPeriodsDossierHoldsTheGatewaysCounts(seeded.get().baselineVersion());
  }

  /**
   * The signed period's production came from the gateway's production counts: its dossier holds
   * them as sealed series of readings.csv (docs/verification.md §5), the offline check recomputes
   * their seals, and a count changed in the database after sealing is named by the check. Before,
   * production.csv held only its header and the counts were in no file.
   */
  static void theSignedPeriodsDossierHoldsTheGatewaysCounts(int baselineVersion) throws Exception {
    IntegrityConfig integrity = IntegrityConfig.defaults();
    PgSeals seals = new PgSeals(pool.dataSource(), integrity.sealGrace(), Clock.systemUTC());
    PgAuditLog audit = new PgAuditLog(pool.dataSource());
    ServerKey key = ServerKey.loadOrCreate(integrity.serverKeyFile());
    DossierService dossiers =
        new DossierService(
            pool.dataSource(),
            new PgEnpiStore(pool.dataSource()),
            new PgBaselines(pool.dataSource()),
            analytics,
            seals,
            audit,
            new IntegrityCheck(pool.dataSource(), seals, audit),
            new PgPeriodRecords(pool.dataSource()),
            key,
            Clock.systemUTC());
    Callable<byte[]> dossier =
        () ->
            dossiers.dossier(
                DemoAccounts.actor(pool.dataSource(), Role.AUDITOR),
                Scope.ALL,
                ENTERPRISE,
                DemoSeeder.ENPI,
                baselineVersion,
                measureDate,
                signedTo,
                "en");
    String from = measureDate.atStartOfDay(ZONE).toOffsetDateTime().toString();
    String to = signedTo.plusDays(1).atStartOfDay(ZONE).toOffsetDateTime().toString();
    String ofThePeriod =
        " FROM production_count pc JOIN enterprise e USING (enterprise_id) WHERE e.code = '"
            + ENTERPRISE
            + "' AND pc.ts >= '"
            + from
            + "' AND pc.ts < '"
            + to
            + "'";

    byte[] zip = dossier.call();
    String readings = new String(Zips.unzip(zip).get("readings.csv"), StandardCharsets.UTF_8);
    long countRows = readings.lines().filter(l -> l.startsWith("cnt-")).count();
    assertThat(countRows)
        .as("the period's production counts in readings.csv")
        .isPositive()
        .isEqualTo(db.count("SELECT count(*)" + ofThePeriod));
    DossierResult checked = DossierChecker.check(zip, key.pair().getPublic());
    assertThat(checked.outcome()).as("%s", checked).isEqualTo(DossierResult.Outcome.VERIFIED);

    // a count of the fifth day changed by SQL, past the write path: its seal no longer matches
    String changed =
        db.text(
            "SELECT min(pc.ts)::text"
                + ofThePeriod
                + " AND pc.ts >= '"
                + from
                + "'::timestamptz + interval '4 days'");
    String day = measureDate.plusDays(4).toString();
    String where =
        " WHERE enterprise_id = (SELECT enterprise_id FROM enterprise WHERE code = '"
            + ENTERPRISE
            + "') AND ts = '"
            + changed
            + "'";
    db.execute("UPDATE production_count SET quantity = quantity + 7" + where);
    try {
      DossierResult tampered = DossierChecker.check(dossier.call(), key.pair().getPublic());
      assertThat(tampered.outcome()).isEqualTo(DossierResult.Outcome.MISMATCH);
      assertThat(tampered.problem()).contains("cnt-", day, "rows were changed");
    } finally {
      db.execute("UPDATE production_count SET quantity = quantity - 7" + where);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void theSteamMeterTheGatewayReadsOverOpcUaArrivesAsAMeteredEnergyResource() throws Exception {
    // issue 17: seeding the resources again changes nothing (a restarted demo)
    org.energytrace.ingest.resource.DemoResources.seedAfter(
        pool.dataSource(), ENTERPRISE, historyStart, measureDate, Boolean.TRUE);
    // the steam header's meter, read over OPC UA by the demo gateway (Utilities.Steam nodes of the
    // simulated PLC): a metered energy resource in GJ whose live heat arrives as interval energy
    var resourceStore = new org.energytrace.ingest.resource.PgResources(pool.dataSource());
    var steam =
        resourceStore.list(Scope.ALL, ENTERPRISE).stream()
            .filter(d -> d.resource().id().equals("steam"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no steam resource"));
    assertThat(steam.metered()).isTrue();
    assertThat(steam.meter()).isEqualTo("steam-main");
    assertThat(steam.resource().unit()).isEqualTo("GJ");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        resourceStore.metered(steam, yesterday, yesterday.plusDays(1)).stream()
                            .mapToDouble(d -> d.total())
                            .sum())
                    .as("steam heat (GJ) arriving from the gateway")
                    .isPositive());
    var indicators =
        new org.energytrace.ingest.resource.ResourceIndicators(
            resourceStore, org.energytrace.analytics.units.ConversionTable.bundled());
    // the baseline year has steam too (DemoHistory: the boiler's heat, as the simulator's), so the
    // overview's steam panel shows a baseline and the saving of the boiler's gas, not an error
    Map<String, Object> perUnit =
        perUnit("steam", org.energytrace.analytics.baseline.ModelSelector.Request.AUTO);
    assertThat(perUnit.get("source")).isEqualTo("meter");
    assertThat(((Number) perUnit.get("baseline_sec")).doubleValue()).isPositive();
    // the simulator cuts the boiler's gas, so its steam, by the configured saving: the 90 % band
    // of the steam saved per unit holds it (measured here: 8.1 %, band 1.2 % to 15 %)
    double adjustedSteam = ((Number) perUnit.get("adjusted_baseline")).doubleValue();
    assertThat(((Number) perUnit.get("savings_fraction")).doubleValue()).isPositive();
    assertThat(CONFIGURED_SAVING)
        .isBetween(
            ((Number) perUnit.get("savings_low")).doubleValue() / adjustedSteam,
            ((Number) perUnit.get("savings_high")).doubleValue() / adjustedSteam);
    Map<String, Object> toe =
        new org.energytrace.ingest.resource.ResourceToe(
                new org.energytrace.ingest.resource.PgResources(pool.dataSource()),
                indicators,
                org.energytrace.analytics.units.ConversionTable.bundled())
            .toe(Scope.ALL, ENTERPRISE, yesterday.getYear());
    // steam's factor depends on its enthalpy, which the table cannot know: named, never guessed
    assertThat((List<String>) toe.get("missing")).anyMatch(m -> m.contains("steam"));
  }

  /**
   * A resource's indicator per unit of the EnPI's first product (the overview's panel): the
   * baseline year against the days since the measure.
   */
  private Map<String, Object> perUnit(
      String resource, org.energytrace.analytics.baseline.ModelSelector.Request model) {
    return new org.energytrace.ingest.resource.ResourceIndicators(
            new org.energytrace.ingest.resource.PgResources(pool.dataSource()),
            org.energytrace.analytics.units.ConversionTable.bundled())
        .indicator(
            Scope.ALL,
            ENTERPRISE,
            resource,
            org.energytrace.ingest.resource.DemoResources.firstProduct(
                pool.dataSource(), ENTERPRISE),
            historyStart,
            measureDate.minusDays(1),
            measureDate,
            yesterday,
            model,
            90);
  }

  @Test
  void everyGeneratedReadingAndProductionFigureOfTheYearIsStoredOnce() throws Exception {
    assertThat(loaded.readingsStored()).isEqualTo(generated.readings().size());
    assertThat(loaded.duplicates()).isZero();
    Instant from = historyStart.atStartOfDay(ZONE).toInstant();
    Instant measure = measureDate.atStartOfDay(ZONE).toInstant();
    try (java.sql.Connection c = pool.dataSource().getConnection();
        java.sql.PreparedStatement readings =
            c.prepareStatement(
                "SELECT count(*), count(DISTINCT (r.channel_id, r.ts)) FROM reading r"
                    + " JOIN channel ch ON ch.channel_id = r.channel_id"
                    + " JOIN enterprise e ON e.enterprise_id = ch.enterprise_id"
                    + " WHERE e.code = ? AND ch.name IN (?, ?, ?, ?) AND r.ts >= ? AND r.ts <= ?");
        java.sql.PreparedStatement production =
            c.prepareStatement(
                "SELECT count(*) FROM production_quantity pq"
                    + " JOIN enterprise e ON e.enterprise_id = pq.enterprise_id"
                    + " WHERE e.code = ? AND pq.day >= ? AND pq.day < ?")) {
      readings.setString(1, ENTERPRISE);
      readings.setString(2, DemoSeeder.ENERGY_CHANNEL);
      readings.setString(3, DemoSeeder.GAS_CHANNEL);
      readings.setString(4, DemoHistory.WATER_CHANNEL);
      readings.setString(5, DemoHistory.STEAM_CHANNEL);
      readings.setObject(6, java.time.OffsetDateTime.ofInstant(from, java.time.ZoneOffset.UTC));
      readings.setObject(7, java.time.OffsetDateTime.ofInstant(measure, java.time.ZoneOffset.UTC));
      try (java.sql.ResultSet rs = readings.executeQuery()) {
        rs.next();
        // the gateway publishes from the measure's midnight on, where the loaded year ends: up to
        // it, exactly the generated readings (the gateway's reading there absorbed, not doubled)
        assertThat(rs.getLong(1)).isEqualTo(generated.readings().size());
        assertThat(rs.getLong(2)).isEqualTo(generated.readings().size());
      }
      production.setString(1, ENTERPRISE);
      production.setObject(2, historyStart);
      production.setObject(3, measureDate);
      try (java.sql.ResultSet rs = production.executeQuery()) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(generated.production().size());
      }
    }
  }

  @Test
  void theSeededCountersJoinTheGatewaysAtTheMeasureWithoutAStep() throws Exception {
    // the interval ending a quarter hour after the measure's midnight joins the last loaded
    // reading to the gateway's next: it must look like its neighbours, not like a jump or a reset
    Instant measure = measureDate.atStartOfDay(ZONE).toInstant().plus(DemoHistory.STEP);
    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(
            () -> {
              try (java.sql.Connection c = pool.dataSource().getConnection();
                  java.sql.PreparedStatement ps =
                      c.prepareStatement(
                          "SELECT ch.channel_id,"
                              + " max(ie.energy) FILTER (WHERE ie.ts_end = ?),"
                              + " max(ie.energy) FILTER (WHERE ie.ts_end < ?),"
                              + " count(*) FILTER (WHERE ie.ts_end = ?)"
                              + " FROM interval_energy ie"
                              + " JOIN channel ch ON ch.channel_id = ie.channel_id"
                              + " JOIN enterprise e ON e.enterprise_id = ie.enterprise_id"
                              + " WHERE e.code = ? AND ch.name IN (?, ?)"
                              + " AND ie.ts_end > ? AND ie.ts_end <= ?"
                              + " GROUP BY ch.channel_id")) {
                java.time.OffsetDateTime m =
                    java.time.OffsetDateTime.ofInstant(measure, java.time.ZoneOffset.UTC);
                ps.setObject(1, m);
                ps.setObject(2, m);
                ps.setObject(3, m);
                ps.setString(4, ENTERPRISE);
                ps.setString(5, DemoSeeder.ENERGY_CHANNEL);
                ps.setString(6, DemoSeeder.GAS_CHANNEL);
                ps.setObject(7, m.minusDays(1));
                ps.setObject(8, m);
                int channels = 0;
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                  while (rs.next()) {
                    channels++;
                    assertThat(rs.getLong(4)).as("an interval ending at the measure").isEqualTo(1);
                    double seam = rs.getDouble(2);
                    double largestBefore = rs.getDouble(3);
                    assertThat(seam).isPositive().isLessThanOrEqualTo(1.5 * largestBefore);
                  }
                }
                assertThat(channels).isEqualTo(DemoHistory.LINES.size() + 1);
              }
            });
  }

  @Test
  void aDemoStartedAgainHasItsGatewayPublishOnlyTheHistoryAfterWhatEveryChannelHas()
      throws Exception {
    // ingest demo passes this as the gateway's --history-after on a database it continues: the
    // days published before are not sent again, and no quarter hour of the history lands among
    // the readings the last run published live
    Instant started = Instant.now();
    await()
        .atMost(Duration.ofSeconds(150))
        .untilAsserted(
            () -> {
              Instant before = Collections.min(newestOfEachChannel().values());
              Instant cut = DemoDates.lastPublished(pool.dataSource(), ENTERPRISE).orElseThrow();
              Instant after = Collections.min(newestOfEachChannel().values());
              // readings keep arriving: the cut lies between two looks at every channel's newest
              assertThat(cut).isBetween(before, after);
              // live readings of every channel are in: the history after the cut is short
              assertThat(cut).isAfter(started);
            });
  }

  /** Each channel's newest reading, channel by channel. */
  private static Map<Long, Instant> newestOfEachChannel() throws Exception {
    Map<Long, Instant> newest = new HashMap<>();
    try (java.sql.Connection c = pool.dataSource().getConnection();
        java.sql.PreparedStatement ps =
            c.prepareStatement(
                "SELECT r.channel_id, max(r.ts) FROM reading r"
                    + " JOIN channel ch ON ch.channel_id = r.channel_id"
                    + " JOIN enterprise e ON e.enterprise_id = ch.enterprise_id"
                    + " WHERE e.code = ? GROUP BY r.channel_id")) {
      ps.setString(1, ENTERPRISE);
      try (java.sql.ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          newest.put(rs.getLong(1), rs.getObject(2, java.time.OffsetDateTime.class).toInstant());
        }
      }
    }
    assertThat(newest).as("channels with readings").isNotEmpty();
    return newest;
  }
}
