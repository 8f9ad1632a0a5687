package org.energytrace.ingest.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.energytrace.ingest.IngestApp;
import org.energytrace.ingest.auth.Role;
import org.energytrace.ingest.config.IngestConfig;
import org.energytrace.ingest.fixtures.Gateways;
import org.energytrace.ingest.fixtures.SecuredService;
import org.energytrace.ingest.fixtures.TestAccess;
import org.energytrace.ingest.fixtures.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Issue 17 against the local PostgreSQL, through the HTTP API of a running ingest: a brewery's
 * coal-fired boiler fed by deliveries with weekly stock counts (entered by upload), its water from
 * a metered counter channel, its malt by daily use entries. SEC, baseline and savings of coal and
 * water equal the values worked out by hand in the comments; the facility's TOE converts coal only.
 */
class ResourceApiIT {
  static final String SITE = "plant-1";

  static TestDatabase db;
  static Vertx vertx;
  static IngestApp app;
  static WebClient http;
  static String token;
  static String enterprise;
  static PGSimpleDataSource ds;
  static JsonObject coalPreview;
  static JsonObject coalCommit;

  /*
   * Production of product "beer" (t): constant per day within each week (Mon..Sun)
   *   w1 Jan 05..11: 50 t/day = 350 t     w2 Jan 12..18: 40 t/day = 280 t
   *   w3 Jan 19..25: 60 t/day = 420 t     w4 Jan 26..Feb 01: 45 t/day = 315 t   (baseline Σ 1365 t)
   *   w5 Feb 02..08: 50 t/day = 350 t     w6 Feb 09..15: 55 t/day = 385 t       (reporting Σ 735 t)
   */
  static final LocalDate W1 = LocalDate.of(2026, 1, 5);
  static final double[] PER_DAY = {50, 40, 60, 45, 50, 55};

  /*
   * Coal (t), stock counted every Sunday; used = opening + deliveries − closing:
   *   w1: 20 + 30 (Jan 07)              − 15   = 35
   *   w2: 15 + 25 (Jan 14) + 10 (Jan 16) − 21.5 = 28.5
   *   w3: 21.5 + 40 (invoice Jan 21)    − 20.5 = 41
   *   w4: 20.5 + 30 (Jan 28)            − 18.5 = 32     baseline Σ 136.5 t → SEC 136.5/1365 = 0.1 t/t
   *   w5: 18.5 + 40 (Feb 04)            − 27   = 31.5
   *   w6: 27 + 25 (Feb 11)              − 17.35 = 34.65 reporting Σ 66.15 t → SEC 0.09 t/t
   * Ratio model: adjusted baseline = 0.1 × 735 = 73.5 t; savings = 73.5 − 66.15 = 7.35 t (10 %).
   */
  static final String COAL_CSV =
      """
      resource,type,day,quantity,unit,ref
      coal,stock_count,2026-01-04,20,t,
      coal,delivery,2026-01-07,30,t,DN-1
      coal,stock_count,2026-01-11,15000,kg,
      coal,delivery,2026-01-14,25,t,DN-2
      coal,delivery,2026-01-16,10,t,DN-3
      coal,stock_count,2026-01-18,21.5,t,
      coal,invoice,2026-01-21,40,t,INV-7
      coal,stock_count,2026-01-25,20.5,t,
      coal,delivery,2026-01-28,30,t,DN-4
      coal,stock_count,2026-02-01,18.5,t,
      coal,delivery,2026-02-04,40,t,DN-5
      coal,stock_count,2026-02-08,27,t,
      coal,delivery,2026-02-11,25,t,DN-6
      coal,stock_count,2026-02-15,17.35,t,
      """;

  /*
   * Water (m³), metered daily by counter channel V of meter wm-1:
   *   baseline Jan 05..11 (w1, 50 t/day): 200 210 190 205 195 200 200 = 1400 m³ for 350 t → 4.0 m³/t
   *   reporting Jan 12..18 (w2, 40 t/day): 145 150 140 146 144 147 136 = 1008 m³ for 280 t → 3.6 m³/t
   * Ratio model: adjusted baseline = 4.0 × 280 = 1120 m³; savings = 1120 − 1008 = 112 m³ (10 %).
   */
  static final double[] WATER = {
    200, 210, 190, 205, 195, 200, 200, 145, 150, 140, 146, 144, 147, 136
  };

  @BeforeAll
  static void start() throws Exception {
    db = TestDatabase.create();
    vertx = Vertx.vertx();
    IngestConfig config =
        IngestConfig.defaults(
            db.url(), db.config().user(), "tcp://127.0.0.1:1", "et-it-res-" + UUID.randomUUID());
    app = IngestApp.start(vertx, config).await();
    http = WebClient.create(vertx);
    token = TestAccess.of(db).systemAdminToken();
    enterprise = "brew-" + UUID.randomUUID().toString().substring(0, 8);
    ds = db.dataSource();
    Gateways.register(ds, enterprise + "/" + SITE + "/gw-1");
    ok(
        put(
            "/meters/wm-1",
            new JsonObject()
                .put("site", SITE)
                .put("gateway", "gw-1")
                .put(
                    "channels",
                    new JsonArray()
                        .add(
                            new JsonObject()
                                .put("name", "V")
                                .put("unit", "MTQ")
                                .put("kind", "counter")
                                .put("counter_bits", 32)))));
    ok(put("/sites/" + SITE + "/time-zone", new JsonObject().put("time_zone", "Asia/Ho_Chi_Minh")));
    ok(put("/lines/brewhouse", new JsonObject().put("site", SITE).put("name", "Brewhouse")));
    ok(put("/products/beer", new JsonObject().put("line", "brewhouse").put("unit", "TNE")));
    JsonArray quantities = new JsonArray();
    for (int d = 0; d < 42; d++) {
      quantities.add(
          new JsonObject()
              .put("product", "beer")
              .put("day", W1.plusDays(d).toString())
              .put("quantity", PER_DAY[d / 7]));
    }
    ok(post("/production", new JsonObject().put("quantities", quantities)));
    // the meter's interval quantities (what the counter rules derive from its readings), one per
    // local day of the site (UTC+7)
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO interval_energy (enterprise_id, channel_id, ts_start, ts_end, energy,"
                    + " how) SELECT ch.enterprise_id, ch.channel_id, ?::timestamptz,"
                    + " ?::timestamptz, ?, 'difference' FROM channel ch JOIN meter m USING"
                    + " (meter_id) JOIN enterprise en ON en.enterprise_id = m.enterprise_id"
                    + " WHERE en.code = ? AND m.code = 'wm-1' AND ch.name = 'V'")) {
      for (int d = 0; d < WATER.length; d++) {
        LocalDate day = W1.plusDays(d);
        ps.setString(1, day + "T00:00:00+07:00");
        ps.setString(2, day.plusDays(1) + "T00:00:00+07:00");
        ps.setDouble(3, WATER[d]);
        ps.setString(4, enterprise);
        assertThat(ps.executeUpdate()).isEqualTo(1);
      }
    }
    ok(
        put(
            "/resources/coal",
            new JsonObject()
                .put("site", SITE)
                .put("kind", "energy")
                .put("carrier", "coal_grade_3_4")
                .put("unit", "t")
                .put("name", "Coal (grade 3-4) for the boiler")));
    ok(
        put(
            "/resources/water",
            new JsonObject()
                .put("site", SITE)
                .put("kind", "water")
                .put("unit", "m3")
                .put("meter", "wm-1")
                .put("channel", "V")));
    ok(
        put(
            "/resources/malt",
            new JsonObject().put("site", SITE).put("kind", "material").put("unit", "kg")));
    ok(
        put(
            "/resources/steam",
            new JsonObject()
                .put("site", SITE)
                .put("kind", "energy")
                .put("carrier", "steam")
                .put("unit", "GJ")));
    // the boiler's deliveries and weekly counts, uploaded as an ERP export would be
    coalPreview = ok(upload("preview", "", COAL_CSV)).bodyAsJsonObject();
    coalCommit =
        ok(upload("commit", "?upload_id=" + coalPreview.getString("upload_id"), COAL_CSV))
            .bodyAsJsonObject();
  }

  @AfterAll
  static void stop() throws Exception {
    SecuredService.stop(app, vertx, null, db);
  }

  @Nested
  class StockBasedCoal {

    @Test
    void uploadedDeliveriesAndCountsGiveTheHandWorkedSecAndSavings() {
      assertThat(coalPreview.getBoolean("valid")).as(coalPreview.encode()).isTrue();
      assertThat(coalPreview.getJsonArray("rows")).hasSize(14);
      String id = coalPreview.getString("upload_id");
      assertThat(coalCommit.getInteger("stored")).isEqualTo(14);
      assertThat(coalCommit.getBoolean("already_committed")).isFalse();
      // committing the same upload again stores nothing
      JsonObject again = ok(upload("commit", "?upload_id=" + id, COAL_CSV)).bodyAsJsonObject();
      assertThat(again.getBoolean("already_committed")).isTrue();
      assertThat(again.getInteger("stored")).isZero();

      JsonObject r =
          ok(get(
                  "/resources/coal/indicator?product=beer&model=ratio&baseline_from=2026-01-05"
                      + "&baseline_to=2026-02-01&from=2026-02-02&to=2026-02-15"))
              .bodyAsJsonObject();
      assertThat(r.getString("source")).isEqualTo("stock");
      assertThat(r.getString("sec_unit")).isEqualTo("t/t");
      assertThat(r.getString("kind")).isEqualTo("energy");
      // weekly periods: 35, 28.5, 41, 32 t (the count of Jan 11 was entered as 15000 kg)
      JsonArray periods = r.getJsonObject("baseline").getJsonArray("periods");
      assertThat(periods).hasSize(4);
      double[] used = {35, 28.5, 41, 32};
      for (int i = 0; i < 4; i++) {
        assertThat(periods.getJsonObject(i).getDouble("quantity")).isCloseTo(used[i], within(1e-9));
        assertThat(periods.getJsonObject(i).getDouble("production")).isEqualTo(PER_DAY[i] * 7);
      }
      assertThat(r.getDouble("baseline_sec")).isCloseTo(136.5 / 1365, within(1e-12));
      assertThat(r.getDouble("reporting_sec")).isCloseTo(66.15 / 735, within(1e-12));
      assertThat(r.getString("model")).containsIgnoringCase("ratio");
      assertThat(r.getDouble("adjusted_baseline")).isCloseTo(73.5, within(1e-9));
      assertThat(r.getDouble("actual")).isCloseTo(66.15, within(1e-9));
      assertThat(r.getDouble("savings")).isCloseTo(7.35, within(1e-9));
      assertThat(r.getDouble("savings_fraction")).isCloseTo(0.1, within(1e-9));
      assertThat(r.getDouble("savings_low")).isLessThanOrEqualTo(7.35);
      assertThat(r.getDouble("savings_high")).isGreaterThanOrEqualTo(7.35);
      // a 10 % saving never meets the 13 % target
      JsonArray targets = r.getJsonArray("targets");
      assertThat(targets).hasSize(2);
      assertThat(targets.getJsonObject(0).getDouble("target")).isEqualTo(0.08);
      assertThat(targets.getJsonObject(1).getDouble("target")).isEqualTo(0.13);
      assertThat(targets.getJsonObject(1).getString("status")).isNotEqualTo("MET");

      // the ledger as the entries page shows it
      JsonObject entries =
          ok(get("/resources/coal/entries?from=2026-01-05&to=2026-01-18")).bodyAsJsonObject();
      JsonArray stock = entries.getJsonArray("stock_periods");
      assertThat(stock).hasSize(2);
      assertThat(stock.getJsonObject(1).getDouble("opening")).isEqualTo(15.0);
      assertThat(stock.getJsonObject(1).getDouble("deliveries")).isEqualTo(35.0);
      assertThat(stock.getJsonObject(1).getDouble("closing")).isEqualTo(21.5);
      assertThat(stock.getJsonObject(1).getDouble("used")).isCloseTo(28.5, within(1e-9));
    }

    @Test
    void aBadUploadNamesRowAndColumnAndStoresNothing() {
      String bad =
          """
          resource,type,day,quantity
          coal,delivery,2026-03-02,12
          coal,deliverd,2026-03-03,5
          coal,stock_count,2026-03-32,1
          coke,delivery,2026-03-04,-3
          water,usage,2026-03-05,8
          """;
      JsonObject preview = ok(upload("preview", "", bad)).bodyAsJsonObject();
      assertThat(preview.getBoolean("valid")).isFalse();
      assertThat(preview.getString("upload_id")).isNull();
      assertThat(
              preview.getJsonArray("errors").stream()
                  .map(e -> ((JsonObject) e).getString("message")))
          .anyMatch(m -> m.startsWith("row 3, column type: must be one of"))
          .anyMatch(m -> m.startsWith("row 4, column day: not an ISO date"))
          .anyMatch(m -> m.startsWith("row 5, column resource: unknown resource 'coke'"))
          .anyMatch(m -> m.startsWith("row 5, column quantity: not a non-negative"))
          .anyMatch(m -> m.startsWith("row 6, column resource: resource water is metered"));
      HttpResponse<Buffer> commit = upload("commit", "?upload_id=x", bad);
      assertThat(commit.statusCode()).isEqualTo(422);
      JsonObject march =
          ok(get("/resources/coal/entries?from=2026-03-01&to=2026-03-31")).bodyAsJsonObject();
      assertThat(march.getJsonArray("entries")).isEmpty();
    }
  }

  @Nested
  class MeteredWater {

    @Test
    void theMeterSeriesGivesTheHandWorkedSecAndSavings() {
      JsonObject r =
          ok(get(
                  "/resources/water/indicator?product=beer&model=ratio&baseline_from=2026-01-05"
                      + "&baseline_to=2026-01-11&from=2026-01-12&to=2026-01-18"))
              .bodyAsJsonObject();
      assertThat(r.getString("source")).isEqualTo("meter");
      assertThat(r.getString("sec_unit")).isEqualTo("m3/t");
      assertThat(r.getString("kind")).isEqualTo("water");
      assertThat(r.getJsonObject("baseline").getJsonArray("periods")).hasSize(7);
      assertThat(r.getDouble("baseline_sec")).isCloseTo(4.0, within(1e-12));
      assertThat(r.getDouble("reporting_sec")).isCloseTo(3.6, within(1e-12));
      assertThat(r.getDouble("adjusted_baseline")).isCloseTo(1120, within(1e-9));
      assertThat(r.getDouble("actual")).isCloseTo(1008, within(1e-9));
      assertThat(r.getDouble("savings")).isCloseTo(112, within(1e-9));
      assertThat(r.getDouble("savings_fraction")).isCloseTo(0.1, within(1e-12));
    }

    @Test
    void entriesForAMeteredResourceAreRefusedNamingTheField() {
      HttpResponse<Buffer> r =
          post(
              "/resources/water/entries",
              new JsonObject()
                  .put(
                      "entries",
                      new JsonArray()
                          .add(
                              new JsonObject()
                                  .put("type", "usage")
                                  .put("day", "2026-01-05")
                                  .put("quantity", 3))));
      assertThat(r.statusCode()).isEqualTo(422);
      assertThat(r.bodyAsString()).contains("entries[0].resource").contains("metered");
    }
  }

  @Nested
  class EntriesAndRevisions {

    @Test
    void aChangedQuantityIsARevisionWhoseAuditEntryKeepsTheOldValue() throws Exception {
      JsonObject body =
          new JsonObject()
              .put(
                  "entries",
                  new JsonArray()
                      .add(
                          new JsonObject()
                              .put("type", "usage")
                              .put("day", "2026-04-01")
                              .put("quantity", 1.2)
                              .put("unit", "t")));
      JsonObject first = ok(post("/resources/malt/entries", body)).bodyAsJsonObject();
      assertThat(first.getInteger("stored")).isEqualTo(1);
      assertThat(first.getJsonArray("replaced")).isEmpty();
      // the same value again changes nothing
      assertThat(ok(post("/resources/malt/entries", body)).bodyAsJsonObject().getInteger("stored"))
          .isZero();
      body.getJsonArray("entries").getJsonObject(0).put("quantity", 1.25);
      JsonObject second = ok(post("/resources/malt/entries", body)).bodyAsJsonObject();
      assertThat(second.getInteger("stored")).isEqualTo(1);
      // the answer says what the new figure replaced (it said only {"stored": 1})
      JsonObject replaced = second.getJsonArray("replaced").getJsonObject(0);
      assertThat(replaced.getString("day")).isEqualTo("2026-04-01");
      assertThat(replaced.getString("type")).isEqualTo("usage");
      assertThat(replaced.getDouble("old_quantity")).isEqualTo(1.2);
      assertThat(replaced.getDouble("quantity")).isEqualTo(1.25);
      assertThat(replaced.getString("unit")).isEqualTo("t");
      JsonObject list =
          ok(get("/resources/malt/entries?from=2026-04-01&to=2026-04-01")).bodyAsJsonObject();
      JsonObject e = list.getJsonArray("entries").getJsonObject(0);
      assertThat(e.getDouble("quantity")).isEqualTo(1.25);
      assertThat(e.getInteger("revision")).isEqualTo(2);
      try (Connection c = ds.getConnection();
          PreparedStatement ps =
              c.prepareStatement(
                  "SELECT before_state::text, after_state::text FROM audit_log"
                      + " WHERE enterprise = ? AND action = 'resource.entries'"
                      + " AND before_state::text LIKE '%2026-04-01%'"
                      + " ORDER BY audit_id DESC LIMIT 1")) {
        ps.setString(1, enterprise);
        try (ResultSet rs = ps.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(
                  new JsonObject(rs.getString(1))
                      .getJsonArray("entries")
                      .getJsonObject(0)
                      .getDouble("quantity"))
              .isEqualTo(1.2);
          assertThat(
                  new JsonObject(rs.getString(2))
                      .getJsonArray("entries")
                      .getJsonObject(0)
                      .getDouble("quantity"))
              .isEqualTo(1.25);
        }
      }
    }

    @Test
    void aResourceOfTheWrongUnitIsRefusedNamingTheField() {
      HttpResponse<Buffer> r =
          put(
              "/resources/well",
              new JsonObject().put("site", SITE).put("kind", "water").put("unit", "t"));
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.bodyAsJsonObject().getString("parameter")).isEqualTo("unit");
      HttpResponse<Buffer> m =
          put(
              "/resources/bottles",
              new JsonObject()
                  .put("site", SITE)
                  .put("kind", "material")
                  .put("unit", "pcs")
                  .put("carrier", "electricity"));
      assertThat(m.statusCode()).isEqualTo(400);
      assertThat(m.bodyAsJsonObject().getString("parameter")).isEqualTo("carrier");
    }
  }

  @Nested
  class FacilityToe {

    @Test
    void onlyEnergyCarriersAreConvertedAndAMissingFactorIsReportedNotGuessed() {
      ok(
          post(
              "/resources/steam/entries",
              new JsonObject()
                  .put(
                      "entries",
                      new JsonArray()
                          .add(
                              new JsonObject()
                                  .put("type", "usage")
                                  .put("day", "2026-05-04")
                                  .put("quantity", 12)))));
      JsonObject t = ok(get("/resource-toe?year=2026")).bodyAsJsonObject();
      // coal: 136.5 + 66.15 = 202.65 t × 0.60 TOE/t (MOIT, grade 3-4) = 121.59 TOE
      assertThat(t.getDouble("toe")).isCloseTo(121.59, within(1e-9));
      assertThat(t.getJsonArray("lines")).hasSize(1);
      assertThat(t.getJsonArray("lines").getJsonObject(0).getString("resource")).isEqualTo("coal");
      // steam in GJ has no TOE factor: named, left out, the total marked incomplete
      assertThat(t.getBoolean("complete")).isFalse();
      assertThat(t.getJsonArray("missing").getString(0)).contains("steam");
      // water and malt are never converted
      assertThat(t.getJsonArray("excluded").stream().map(String::valueOf))
          .anyMatch(x -> x.startsWith("water"))
          .anyMatch(x -> x.startsWith("malt"))
          .allMatch(x -> x.contains("never converted to TOE"));
    }

    @Test
    void inTheYearUnderWayTheDaysToComeAreNotCountedAsDaysWithoutMeterData() {
      LocalDate today = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));
      JsonObject t = ok(get("/resource-toe?year=" + today.getYear())).bodyAsJsonObject();

      if (today.getDayOfYear() > 1) {
        assertThat(t.getString("counted_through")).isEqualTo(today.minusDays(1).toString());
      }
      // the metered water: its days without complete data are days that have passed (it said
      // "26 day(s) without complete meter data" of the rest of December on December 6)
      JsonObject water =
          t.getJsonArray("quantities").stream()
              .map(JsonObject.class::cast)
              .filter(q -> "water".equals(q.getString("resource")))
              .findFirst()
              .orElseThrow();
      long missing =
          water.getJsonArray("notes").stream()
              .map(String::valueOf)
              .filter(n -> n.contains("without complete meter data"))
              .mapToLong(n -> Long.parseLong(n.substring(0, n.indexOf(' '))))
              .sum();
      assertThat(missing).isLessThan(today.getDayOfYear());
      // a past year is counted whole
      JsonObject past = ok(get("/resource-toe?year=" + (today.getYear() - 1))).bodyAsJsonObject();
      assertThat(past.containsKey("counted_through")).isFalse();
    }
  }

  /**
   * Stored resource baselines and their lifecycle (issue 17 with issue 15's rules): the enterprise
   * stores and submits, an auditor assigned to it approves or returns, nobody else; the indicator
   * against a stored version names it with its status, and only an approved, valid baseline whose
   * data are unchanged could count for the programme. Water as above: baseline Jan 05..11 at 4.0
   * m³/t, reporting Jan 12..18 saves 112 m³.
   */
  @Nested
  class StoredBaselines {
    final String suffix = UUID.randomUUID().toString().substring(0, 6);

    @Test
    void theEnterpriseSubmitsAnAssignedAuditorApprovesAndTheSavingsNameTheVersion()
        throws Exception {
      TestAccess access = TestAccess.of(db);
      String admin = access.token(Role.ENTERPRISE_ADMIN, enterprise, Duration.ofDays(1));
      String viewer = access.token(Role.ENTERPRISE_VIEWER, enterprise, Duration.ofDays(1));
      String auditor = access.auditorToken("aud-" + suffix, enterprise);
      String elsewhere = access.auditorToken("aud-x-" + suffix, "other-" + suffix);
      JsonObject spec =
          new JsonObject()
              .put("product", "beer")
              .put("from", "2026-01-05")
              .put("to", "2026-01-11")
              .put("model", "ratio");
      HttpResponse<Buffer> created = as(admin, "/resources/water/baselines", spec);
      assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
      JsonObject v1 = created.bodyAsJsonObject();
      int n = v1.getInteger("version");
      assertThat(v1.getString("status")).isEqualTo("draft");
      assertThat(v1.getString("model_form")).isEqualTo("ratio");
      assertThat(v1.getJsonObject("fit").getDouble("baseline_sec")).isCloseTo(4.0, within(1e-12));
      assertThat(v1.getJsonObject("fit").getInteger("periods")).isEqualTo(7);
      // a viewer may not store one
      assertThat(as(viewer, "/resources/water/baselines", spec).statusCode()).isEqualTo(403);
      // an inverted period: 400 naming to, in the words of every other period the API takes
      HttpResponse<Buffer> inverted =
          as(
              admin,
              "/resources/water/baselines",
              spec.copy().put("from", "2026-01-11").put("to", "2026-01-05"));
      assertThat(inverted.statusCode()).isEqualTo(400);
      assertThat(inverted.bodyAsJsonObject().getString("message"))
          .isEqualTo("to: must not be before from (2026-01-11), got 2026-01-05");

      // the savings against the stored draft: the hand-worked 112 m³, named, indicative
      JsonObject draft =
          ok(get("/resources/water/indicator?baseline=" + n + "&from=2026-01-12&to=2026-01-18"))
              .bodyAsJsonObject();
      assertThat(draft.getDouble("savings")).isCloseTo(112, within(1e-9));
      assertThat(draft.getJsonObject("stored_baseline").getInteger("version")).isEqualTo(n);
      assertThat(draft.getJsonObject("stored_baseline").getString("status")).isEqualTo("draft");
      assertThat(draft.getJsonObject("stored_baseline").getBoolean("data_unchanged")).isTrue();
      assertThat(draft.getString("label")).isEqualTo("indicative, not verifiable");
      assertThat(draft.getBoolean("counts_for_programme")).isFalse();
      assertThat(
              draft.getJsonArray("targets").stream().map(t -> ((JsonObject) t).getString("status")))
          .containsOnly("INDICATIVE");

      String step = "/resources/water/baselines/" + n + "/";
      JsonObject opinion = new JsonObject().put("opinion", "period complete, model valid");
      // a draft cannot be approved: 409 naming its state
      HttpResponse<Buffer> early = as(auditor, step + "approve", opinion);
      assertThat(early.statusCode()).as(early.bodyAsString()).isEqualTo(409);
      assertThat(early.bodyAsJsonObject().getString("state")).isEqualTo("draft");
      // only the enterprise's administrators submit
      assertThat(as(viewer, step + "submit", new JsonObject()).statusCode()).isEqualTo(403);
      assertThat(as(auditor, step + "submit", new JsonObject()).statusCode()).isEqualTo(403);
      HttpResponse<Buffer> submitted =
          as(admin, step + "submit", new JsonObject().put("comment", "one week of water"));
      assertThat(submitted.statusCode()).as(submitted.bodyAsString()).isEqualTo(200);
      assertThat(submitted.bodyAsJsonObject().getString("status")).isEqualTo("submitted");
      // never the enterprise itself, the platform's administrator or an auditor of another
      // enterprise; an approval without an opinion names the field
      assertThat(as(admin, step + "approve", opinion).statusCode()).isEqualTo(403);
      assertThat(as(token, step + "approve", opinion).statusCode()).isEqualTo(403);
      assertThat(as(elsewhere, step + "approve", opinion).statusCode()).isIn(403, 404);
      HttpResponse<Buffer> noOpinion = as(auditor, step + "approve", new JsonObject());
      assertThat(noOpinion.statusCode()).isEqualTo(400);
      assertThat(noOpinion.bodyAsJsonObject().getString("parameter")).isEqualTo("opinion");
      HttpResponse<Buffer> approved = as(auditor, step + "approve", opinion);
      assertThat(approved.statusCode()).as(approved.bodyAsString()).isEqualTo(200);
      assertThat(approved.bodyAsJsonObject().getString("status")).isEqualTo("approved");
      assertThat(approved.bodyAsJsonObject().getString("approved_by_role")).isEqualTo("auditor");
      assertThat(approved.bodyAsJsonObject().getString("approved_by")).contains("aud-" + suffix);
      // approving again changes nothing; returning an approved one is refused naming its state
      assertThat(as(auditor, step + "approve", opinion).statusCode()).isEqualTo(200);
      HttpResponse<Buffer> late =
          as(auditor, step + "return", new JsonObject().put("comments", "too late"));
      assertThat(late.statusCode()).isEqualTo(409);
      assertThat(late.bodyAsJsonObject().getString("state")).isEqualTo("approved");

      // approved by an auditor, but a week is not a year (CalTRACK sufficiency): indicative, and
      // no target is ever met from it
      JsonObject fromApproved =
          ok(get("/resources/water/indicator?baseline=" + n + "&from=2026-01-12&to=2026-01-18"))
              .bodyAsJsonObject();
      assertThat(fromApproved.getJsonObject("stored_baseline").getString("status"))
          .isEqualTo("approved");
      assertThat(fromApproved.getJsonObject("stored_baseline").getString("approved_by_role"))
          .isEqualTo("auditor");
      assertThat(fromApproved.getJsonObject("verifiability").getJsonArray("failed_checks"))
          .contains("data_sufficient");
      assertThat(fromApproved.getString("label")).isEqualTo("indicative, not verifiable");
      assertThat(
              fromApproved.getJsonArray("targets").stream()
                  .map(t -> ((JsonObject) t).getString("status")))
          .containsOnly("INDICATIVE");

      // a newer version: returned with comments, submitted again, approved; the older one is
      // superseded
      // (the week's production is constant: only the ratio model can be fitted, OLS is singular)
      HttpResponse<Buffer> created2 =
          as(admin, "/resources/water/baselines", spec.copy().put("to", "2026-01-10"));
      assertThat(created2.statusCode()).as(created2.bodyAsString()).isEqualTo(201);
      JsonObject v2 = created2.bodyAsJsonObject();
      assertThat(v2.getString("to")).isEqualTo("2026-01-10");
      String step2 = "/resources/water/baselines/" + v2.getInteger("version") + "/";
      ok(as(admin, step2 + "submit", new JsonObject()));
      JsonObject returned =
          ok(as(auditor, step2 + "return", new JsonObject().put("comments", "name the model")))
              .bodyAsJsonObject();
      assertThat(returned.getString("status")).isEqualTo("returned");
      assertThat(returned.getString("return_comments")).isEqualTo("name the model");
      ok(
          as(
              admin,
              step2 + "submit",
              new JsonObject().put("comment", "six days, the seventh was a holiday")));
      ok(as(auditor, step2 + "approve", opinion));
      JsonArray list =
          ok(get("/resources/water/baselines")).bodyAsJsonObject().getJsonArray("baselines");
      JsonObject old =
          list.stream()
              .map(o -> (JsonObject) o)
              .filter(o -> o.getInteger("version") == n)
              .findFirst()
              .orElseThrow();
      assertThat(old.getString("status")).isEqualTo("superseded");
      assertThat(old.getInteger("superseded_by_version")).isEqualTo(v2.getInteger("version"));

      // every step is in the audit log, the auditor's approval with the account
      try (Connection c = ds.getConnection();
          PreparedStatement ps =
              c.prepareStatement(
                  "SELECT action, actor_role FROM audit_log WHERE target = ?"
                      + " AND outcome = 'success' ORDER BY audit_id")) {
        ps.setString(1, enterprise + "/resource/water/v" + n);
        List<String> actions = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            actions.add(rs.getString(1) + " " + rs.getString(2));
          }
        }
        assertThat(actions)
            .containsExactly(
                "resource.baseline.create enterprise_admin",
                "resource.baseline.submit enterprise_admin",
                "resource.baseline.approve auditor",
                "resource.baseline.supersede auditor");
      }

      // a changed quantity in the baseline period shows: its data no longer hash as stored
      try (Connection c = ds.getConnection();
          PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE interval_energy SET energy = energy + ? WHERE channel_id = (SELECT"
                      + " ch.channel_id FROM channel ch JOIN meter m USING (meter_id) JOIN"
                      + " enterprise en ON en.enterprise_id = m.enterprise_id WHERE en.code = ?"
                      + " AND m.code = 'wm-1' AND ch.name = 'V')"
                      + " AND ts_start = '2026-01-06T00:00:00+07:00'")) {
        ps.setDouble(1, 10);
        ps.setString(2, enterprise);
        assertThat(ps.executeUpdate()).isEqualTo(1);
        try {
          JsonObject changed =
              ok(get(
                      "/resources/water/indicator?baseline="
                          + v2.getInteger("version")
                          + "&from=2026-01-12&to=2026-01-18"))
                  .bodyAsJsonObject();
          assertThat(changed.getJsonObject("stored_baseline").getBoolean("data_unchanged"))
              .isFalse();
          assertThat(changed.getBoolean("counts_for_programme")).isFalse();
        } finally {
          ps.setDouble(1, -10);
          ps.executeUpdate();
        }
      }
    }
  }

  /**
   * Audited revisions of entries (issue 15 applied to issue 17's manual entries). Lime (kg), used
   * per day (usage entries):
   *
   * <pre>
   *   baseline Jan 05..11 (50 t/day, 350 t): 100 kg/day = 700 kg → SEC 2.0 kg/t
   *   reporting Jan 12..18 (40 t/day, 280 t): 72 kg/day = 504 kg → 1.8 kg/t
   *   ratio model: adjusted baseline 2.0 × 280 = 560 kg, savings 560 − 504 = 56 kg
   * </pre>
   *
   * Jan 14 corrected to 70 (outside the baseline, no reason needed): reporting 502 kg, savings 58.
   * Jan 07 revised 100 → 107 (with a reason): baseline 707 kg → 2.02 kg/t, adjusted 565.6 kg,
   * savings 63.6 kg. Jan 08 revised 100 → 98 by an upload: baseline 705 kg, adjusted 705 × 280 /
   * 350 = 564 kg, savings 62 kg.
   */
  @Nested
  class AuditedRevisions {
    final String suffix = UUID.randomUUID().toString().substring(0, 6);

    HttpResponse<Buffer> usage(String who, String day, double quantity, String reason) {
      JsonObject b =
          new JsonObject()
              .put(
                  "entries",
                  new JsonArray()
                      .add(
                          new JsonObject()
                              .put("type", "usage")
                              .put("day", day)
                              .put("quantity", quantity)));
      if (reason != null) {
        b.put("reason", reason);
      }
      return as(who, "/resources/lime/entries", b);
    }

    JsonObject indicator(int version) {
      return ok(get(
              "/resources/lime/indicator?baseline=" + version + "&from=2026-01-12&to=2026-01-18"))
          .bodyAsJsonObject();
    }

    double quantity(String day) {
      return ok(get("/resources/lime/entries?from=" + day + "&to=" + day))
          .bodyAsJsonObject()
          .getJsonArray("entries")
          .getJsonObject(0)
          .getDouble("quantity");
    }

    @Test
    void anEntryOfAnApprovedBaselineChangesOnlyWithAReasonAndTheBaselineIsToBeReverified()
        throws Exception {
      TestAccess access = TestAccess.of(db);
      String admin = access.token(Role.ENTERPRISE_ADMIN, enterprise, Duration.ofDays(1));
      String auditor = access.auditorToken("aud-rev-" + suffix, enterprise);
      ok(
          put(
              "/resources/lime",
              new JsonObject().put("site", SITE).put("kind", "material").put("unit", "kg")));
      JsonArray entries = new JsonArray();
      for (int d = 0; d < 14; d++) {
        entries.add(
            new JsonObject()
                .put("type", "usage")
                .put("day", W1.plusDays(d).toString())
                .put("quantity", d < 7 ? 100 : 72));
      }
      ok(as(admin, "/resources/lime/entries", new JsonObject().put("entries", entries)));
      JsonObject v1 =
          ok(as(
                  admin,
                  "/resources/lime/baselines",
                  new JsonObject()
                      .put("product", "beer")
                      .put("from", "2026-01-05")
                      .put("to", "2026-01-11")
                      .put("model", "ratio")))
              .bodyAsJsonObject();
      int n = v1.getInteger("version");
      String step = "/resources/lime/baselines/" + n + "/";
      ok(as(admin, step + "submit", new JsonObject()));
      ok(as(auditor, step + "approve", new JsonObject().put("opinion", "complete week")));
      JsonObject before = indicator(n);
      assertThat(before.getDouble("savings")).isCloseTo(56, within(1e-9));
      assertThat(before.getJsonObject("stored_baseline").getBoolean("to_be_reverified")).isFalse();
      assertThat(before.getJsonObject("stored_baseline").getString("verification_status"))
          .isEqualTo("approved");
      assertThat(before.getJsonObject("stored_baseline").getJsonArray("revisions")).isEmpty();

      // a changed figure of the approved baseline's period without a reason: 400 naming reason,
      // saying what uses it; nothing stored
      HttpResponse<Buffer> noReason = usage(admin, "2026-01-07", 107, null);
      assertThat(noReason.statusCode()).as(noReason.bodyAsString()).isEqualTo(400);
      assertThat(noReason.bodyAsJsonObject().getString("parameter")).isEqualTo("reason");
      assertThat(noReason.bodyAsJsonObject().getString("message"))
          .contains("usage of lime on 2026-01-07")
          .contains("resource baseline lime/" + n + " 2026-01-05..2026-01-11");
      assertThat(quantity("2026-01-07")).isEqualTo(100);
      // the same value again is no correction
      assertThat(ok(usage(admin, "2026-01-07", 100, null)).bodyAsJsonObject().getInteger("stored"))
          .isZero();
      // outside any approved baseline's period: today's behaviour, no reason needed
      assertThat(ok(usage(admin, "2026-01-14", 70, null)).bodyAsJsonObject().getInteger("stored"))
          .isEqualTo(1);
      JsonObject outside = indicator(n);
      assertThat(outside.getDouble("actual")).isCloseTo(502, within(1e-9));
      assertThat(outside.getDouble("savings")).isCloseTo(58, within(1e-9));
      assertThat(outside.getJsonObject("stored_baseline").getBoolean("to_be_reverified")).isFalse();

      // with a reason: stored as an audited revision, the baseline is to be re-verified
      String why = "the ERP export missed a pallet of lime";
      assertThat(ok(usage(admin, "2026-01-07", 107, why)).bodyAsJsonObject().getInteger("stored"))
          .isEqualTo(1);
      assertThat(quantity("2026-01-07")).isEqualTo(107);
      JsonObject revised = indicator(n);
      assertThat(revised.getDouble("baseline_sec")).isCloseTo(2.02, within(1e-12));
      assertThat(revised.getDouble("adjusted_baseline")).isCloseTo(565.6, within(1e-9));
      assertThat(revised.getDouble("savings")).isCloseTo(63.6, within(1e-9));
      JsonObject sb = revised.getJsonObject("stored_baseline");
      assertThat(sb.getString("status")).isEqualTo("approved");
      assertThat(sb.getBoolean("to_be_reverified")).isTrue();
      assertThat(sb.getString("verification_status")).isEqualTo("to_be_reverified");
      assertThat(sb.getBoolean("data_unchanged")).isFalse();
      assertThat(revised.getString("label")).isEqualTo("to be re-verified");
      assertThat(revised.getBoolean("counts_for_programme")).isFalse();
      assertThat(sb.getJsonArray("revisions")).hasSize(1);
      JsonObject r = sb.getJsonArray("revisions").getJsonObject(0);
      assertThat(r.getString("type")).isEqualTo("usage");
      assertThat(r.getString("day")).isEqualTo("2026-01-07");
      assertThat(r.getDouble("old_quantity")).isEqualTo(100);
      assertThat(r.getDouble("new_quantity")).isEqualTo(107);
      assertThat(r.getString("new_unit")).isEqualTo("kg");
      assertThat(r.getString("reason")).isEqualTo(why);
      assertThat(r.getString("revised_by")).isEqualTo(v1.getString("created_by"));
      assertThat(r.getString("used_by"))
          .isEqualTo("resource baseline lime/" + n + " 2026-01-05..2026-01-11");

      // an upload's commit is a correction too: ?reason= or 400 naming reason, nothing stored
      String csv = "resource,type,day,quantity,unit\nlime,usage,2026-01-08,98,kg\n";
      String uploadId = ok(upload("preview", "", csv)).bodyAsJsonObject().getString("upload_id");
      HttpResponse<Buffer> bare = upload("commit", "?upload_id=" + uploadId, csv);
      assertThat(bare.statusCode()).as(bare.bodyAsString()).isEqualTo(400);
      assertThat(bare.bodyAsJsonObject().getString("parameter")).isEqualTo("reason");
      assertThat(quantity("2026-01-08")).isEqualTo(100);
      JsonObject committed =
          ok(upload("commit", "?upload_id=" + uploadId + "&reason=recount%20of%20the%20silo", csv))
              .bodyAsJsonObject();
      assertThat(committed.getInteger("stored")).isEqualTo(1);
      JsonObject twice = indicator(n);
      assertThat(twice.getDouble("adjusted_baseline")).isCloseTo(564, within(1e-9));
      assertThat(twice.getDouble("savings")).isCloseTo(62, within(1e-9));
      assertThat(
              twice.getJsonObject("stored_baseline").getJsonArray("revisions").stream()
                  .map(
                      o ->
                          ((JsonObject) o).getString("day")
                              + " "
                              + ((JsonObject) o).getString("reason")))
          .containsExactly("2026-01-07 " + why, "2026-01-08 recount of the silo");

      // the audit log holds the revision: old and new value, who, why
      try (Connection c = ds.getConnection();
          PreparedStatement ps =
              c.prepareStatement(
                  "SELECT before_state::text, after_state::text, detail, actor_role FROM audit_log"
                      + " WHERE action = 'resource.entry.revise' AND target = ?")) {
        ps.setString(1, enterprise + "/resource/lime/entries/usage/2026-01-07");
        try (ResultSet rs = ps.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(new JsonObject(rs.getString(1)).getDouble("quantity")).isEqualTo(100);
          assertThat(new JsonObject(rs.getString(2)).getDouble("quantity")).isEqualTo(107);
          assertThat(new JsonObject(rs.getString(2)).getString("reason")).isEqualTo(why);
          assertThat(rs.getString(3)).contains(why).contains("to be re-verified");
          assertThat(rs.getString(4)).isEqualTo("enterprise_admin");
          assertThat(rs.next()).isFalse();
        }
      }

      // a new version fitted on the corrected data and approved clears the mark; the superseded
      // one keeps it
      JsonObject v2 =
          ok(as(
                  admin,
                  "/resources/lime/baselines",
                  new JsonObject()
                      .put("product", "beer")
                      .put("from", "2026-01-05")
                      .put("to", "2026-01-11")
                      .put("model", "ratio")))
              .bodyAsJsonObject();
      String step2 = "/resources/lime/baselines/" + v2.getInteger("version") + "/";
      ok(as(admin, step2 + "submit", new JsonObject()));
      ok(as(auditor, step2 + "approve", new JsonObject().put("opinion", "corrected week")));
      JsonObject fresh = indicator(v2.getInteger("version"));
      assertThat(fresh.getJsonObject("stored_baseline").getBoolean("to_be_reverified")).isFalse();
      assertThat(fresh.getJsonObject("stored_baseline").getBoolean("data_unchanged")).isTrue();
      // a week is not a year: still indicative, but no longer for a revision
      assertThat(fresh.getString("label")).isEqualTo("indicative, not verifiable");
      assertThat(indicator(n).getJsonObject("stored_baseline").getBoolean("to_be_reverified"))
          .isTrue();
    }
  }

  /**
   * Deleting an entry entered by mistake: gypsum counted 10 t on 2026-05-03 and 12 t on 2026-05-10,
   * one 20 t delivery (DN-9) typed twice, the second time as DN-10: used 10 + 40 − 12 = 38 t, with
   * DN-10 deleted 18 t; with DN-9 deleted too the week uses 10 − 12 = −2 t.
   */
  @Nested
  class DeletedEntries {
    double used() {
      return ok(get("/resources/gypsum/entries?from=2026-05-04&to=2026-05-10"))
          .bodyAsJsonObject()
          .getJsonArray("stock_periods")
          .getJsonObject(0)
          .getDouble("used");
    }

    @Test
    void theSameFileCommittedAgainStoresWhatWasDeletedOrChangedSinceAndNothingElse() {
      // a stock count deleted by mistake could not be brought back from its file: committing it
      // again answered "nothing changed"
      ok(
          put(
              "/resources/lime",
              new JsonObject().put("site", SITE).put("kind", "material").put("unit", "t")));
      String csv =
          "resource,type,day,quantity,ref\nlime,stock_count,2026-06-07,10,\n"
              + "lime,delivery,2026-06-09,5,DN-1\nlime,stock_count,2026-06-14,12,\n";
      String id = ok(upload("preview", "", csv)).bodyAsJsonObject().getString("upload_id");
      assertThat(
              ok(upload("commit", "?upload_id=" + id, csv)).bodyAsJsonObject().getInteger("stored"))
          .isEqualTo(3);
      ok(delete("/resources/lime/entries/stock_count/2026-06-14"));
      ok(
          post(
              "/resources/lime/entries",
              new JsonObject()
                  .put(
                      "entries",
                      new JsonArray()
                          .add(
                              new JsonObject()
                                  .put("type", "delivery")
                                  .put("day", "2026-06-09")
                                  .put("quantity", 7)
                                  .put("ref", "DN-1")))));

      JsonObject again = ok(upload("commit", "?upload_id=" + id, csv)).bodyAsJsonObject();
      assertThat(again.getBoolean("already_committed")).isTrue();
      assertThat(again.getInteger("stored")).as(again.encode()).isEqualTo(2);
      JsonArray stored =
          ok(get("/resources/lime/entries?from=2026-06-01&to=2026-06-30"))
              .bodyAsJsonObject()
              .getJsonArray("entries");
      assertThat(stored).hasSize(3);
      assertThat(
              stored.stream()
                  .map(JsonObject.class::cast)
                  .filter(x -> x.getString("type").equals("delivery"))
                  .findFirst()
                  .orElseThrow()
                  .getDouble("quantity"))
          .isEqualTo(5.0);
      // and a third time, as the file has it all: nothing changes
      JsonObject third = ok(upload("commit", "?upload_id=" + id, csv)).bodyAsJsonObject();
      assertThat(third.getBoolean("already_committed")).isTrue();
      assertThat(third.getInteger("stored")).isZero();
    }

    @Test
    void aMistakenEntryIsDeletedAuditedAndTheLedgerSaysWhatItNowHoldsWrong() throws Exception {
      // entries could not be deleted: a delivery typed twice stayed in the ledger
      ok(
          put(
              "/resources/gypsum",
              new JsonObject().put("site", SITE).put("kind", "material").put("unit", "t")));
      JsonArray entries = new JsonArray();
      String[][] rows = {
        {"stock_count", "2026-05-03", "10", ""},
        {"delivery", "2026-05-05", "20", "DN-9"},
        {"delivery", "2026-05-06", "20", "DN-10"},
        {"stock_count", "2026-05-10", "12", ""}
      };
      for (String[] r : rows) {
        entries.add(
            new JsonObject()
                .put("type", r[0])
                .put("day", r[1])
                .put("quantity", Double.parseDouble(r[2]))
                .put("ref", r[3]));
      }
      ok(post("/resources/gypsum/entries", new JsonObject().put("entries", entries)));
      assertThat(used()).isEqualTo(38.0);

      JsonObject answer =
          ok(delete("/resources/gypsum/entries/delivery/2026-05-06?ref=DN-10")).bodyAsJsonObject();
      JsonObject deleted = answer.getJsonObject("deleted");
      assertThat(deleted.getString("type")).isEqualTo("delivery");
      assertThat(deleted.getString("day")).isEqualTo("2026-05-06");
      assertThat(deleted.getString("ref")).isEqualTo("DN-10");
      assertThat(deleted.getDouble("quantity")).isEqualTo(20.0);
      assertThat(deleted.getString("unit")).isEqualTo("t");
      assertThat(answer.getJsonArray("ledger_problems")).isEmpty();
      assertThat(used()).isEqualTo(18.0);
      assertThat(
              ok(get("/resources/gypsum/entries?from=2026-05-01&to=2026-05-31"))
                  .bodyAsJsonObject()
                  .getJsonArray("entries"))
          .hasSize(3);
      // the audit log keeps what was deleted, and by whom
      try (Connection c = ds.getConnection();
          PreparedStatement ps =
              c.prepareStatement(
                  "SELECT before_state::text, after_state, detail FROM audit_log"
                      + " WHERE action = 'resource.entry.delete' AND target = ?")) {
        ps.setString(1, enterprise + "/resource/gypsum/entries/delivery/2026-05-06/DN-10");
        try (ResultSet rs = ps.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(new JsonObject(rs.getString(1)).getDouble("quantity")).isEqualTo(20.0);
          assertThat(rs.getString(2)).isNull();
          assertThat(rs.getString(3))
              .isEqualTo("deleted the delivery of gypsum on 2026-05-06 with ref 'DN-10'");
          assertThat(rs.next()).isFalse();
        }
      }

      // again: nothing to delete, named
      HttpResponse<Buffer> again =
          delete("/resources/gypsum/entries/delivery/2026-05-06?ref=DN-10");
      assertThat(again.statusCode()).as(again.bodyAsString()).isEqualTo(404);
      assertThat(again.bodyAsJsonObject().getString("message"))
          .contains("the delivery of gypsum on 2026-05-06 with ref 'DN-10' is not stored");
      // without its ref: not stored, and the answer names what the day holds
      HttpResponse<Buffer> noRef = delete("/resources/gypsum/entries/delivery/2026-05-05");
      assertThat(noRef.statusCode()).as(noRef.bodyAsString()).isEqualTo(404);
      assertThat(noRef.bodyAsJsonObject().getString("message"))
          .isEqualTo(
              "no entry: the delivery of gypsum on 2026-05-05 without a ref is not stored;"
                  + " stored that day: delivery DN-9");
      // a resource the enterprise has not, and one whose quantities come from its meter
      assertThat(
              delete("/resources/hops/entries/usage/2026-05-05")
                  .bodyAsJsonObject()
                  .getString("message"))
          .isEqualTo("no resource hops");
      assertThat(
              delete("/resources/water/entries/usage/2026-01-06")
                  .bodyAsJsonObject()
                  .getString("message"))
          .contains("resource water is metered");
      // the other delivery too: the week now uses less than nothing, said at once
      JsonObject second =
          ok(delete("/resources/gypsum/entries/delivery/2026-05-05?ref=DN-9")).bodyAsJsonObject();
      assertThat(second.getJsonArray("ledger_problems").encode())
          .contains("gypsum: ")
          .contains("period 2026-05-04..2026-05-10")
          .contains("below zero");
      assertThat(used()).isEqualTo(-2.0);

      // a type or a day that is not one: 400 naming it
      HttpResponse<Buffer> type = delete("/resources/gypsum/entries/deliveries/2026-05-05");
      assertThat(type.statusCode()).as(type.bodyAsString()).isEqualTo(400);
      assertThat(type.bodyAsJsonObject().getString("parameter")).isEqualTo("type");
      assertThat(type.bodyAsJsonObject().getString("message"))
          .contains("one of delivery, invoice, stock_count, usage, got 'deliveries'");
      HttpResponse<Buffer> day = delete("/resources/gypsum/entries/stock_count/2026-05-32");
      assertThat(day.statusCode()).as(day.bodyAsString()).isEqualTo(400);
      assertThat(day.bodyAsJsonObject().getString("parameter")).isEqualTo("day");
      assertThat(
              ok(get("/resources/gypsum/entries?from=2026-05-01&to=2026-05-31"))
                  .bodyAsJsonObject()
                  .getJsonArray("entries"))
          .hasSize(2);
    }

    @Test
    void anEntryAnApprovedBaselineUsesIsCorrectedNotDeleted() {
      TestAccess access = TestAccess.of(db);
      String admin = access.token(Role.ENTERPRISE_ADMIN, enterprise, Duration.ofDays(1));
      String auditor = access.auditorToken("aud-del-" + UUID.randomUUID(), enterprise);
      ok(
          put(
              "/resources/flux",
              new JsonObject().put("site", SITE).put("kind", "material").put("unit", "kg")));
      JsonArray entries = new JsonArray();
      for (int d = 0; d < 7; d++) {
        entries.add(
            new JsonObject()
                .put("type", "usage")
                .put("day", W1.plusDays(d).toString())
                .put("quantity", 30));
      }
      ok(post("/resources/flux/entries", new JsonObject().put("entries", entries)));
      int n =
          ok(as(
                  admin,
                  "/resources/flux/baselines",
                  new JsonObject()
                      .put("product", "beer")
                      .put("from", "2026-01-05")
                      .put("to", "2026-01-11")
                      .put("model", "ratio")))
              .bodyAsJsonObject()
              .getInteger("version");
      ok(as(admin, "/resources/flux/baselines/" + n + "/submit", new JsonObject()));
      ok(
          as(
              auditor,
              "/resources/flux/baselines/" + n + "/approve",
              new JsonObject().put("opinion", "a week")));
      HttpResponse<Buffer> r = delete("/resources/flux/entries/usage/2026-01-07");
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(409);
      assertThat(r.bodyAsJsonObject().getString("message"))
          .contains(
              "the usage of flux on 2026-01-07 without a ref is used by resource baseline flux/")
          .contains("2026-01-05..2026-01-11")
          .contains("enter the corrected figure with its reason");
      assertThat(
              ok(get("/resources/flux/entries?from=2026-01-07&to=2026-01-07"))
                  .bodyAsJsonObject()
                  .getJsonArray("entries"))
          .hasSize(1);
    }
  }

  /**
   * Invoices with money (issue 17): caustic soda bought each Wednesday for the week's use, the
   * stock back to 100 kg every Sunday. Baseline w1..w4 at 20 000 VND/kg and 0.5 kg/t: 175, 140,
   * 210, 157.5 kg = 3 500 000 + 2 800 000 + 4 200 000 + 3 150 000 = 13 650 000 VND for 1365 t → 10
   * 000 VND/t. Reporting w5..w6 at 22 000 VND/kg and 0.45 kg/t: 157.5 kg = 3 465 000 VND for 350 t
   * and 173.25 kg = 3 811 500 VND for 385 t → 9 900 VND/t each, 7 276 500 / 735 = 9 900 VND/t.
   */
  @Nested
  class OneWrongCount {
    @Test
    void theLedgerKeepsThePeriodsThatAreRightAndNamesTheWrongCount() {
      // a reviewer's stock count of 15000 (kg meant, the unit t) emptied the coal ledger: every
      // correct period disappeared from the entries list
      ok(
          put(
              "/resources/sand",
              new JsonObject().put("site", SITE).put("kind", "material").put("unit", "t")));
      JsonArray entries = new JsonArray();
      String[][] rows = {
        {"stock_count", "2026-03-01", "20.24"},
        {"delivery", "2026-03-03", "30"},
        {"stock_count", "2026-03-08", "15"},
        {"stock_count", "2026-03-15", "15000"},
        {"delivery", "2026-03-17", "30"},
        {"stock_count", "2026-03-22", "12"}
      };
      for (String[] r : rows) {
        entries.add(
            new JsonObject()
                .put("type", r[0])
                .put("day", r[1])
                .put("quantity", Double.parseDouble(r[2]))
                .put("ref", r[0].equals("delivery") ? "DN-" + r[1] : ""));
      }
      // the answer says at once what the ledger now holds wrong (it said only "stored": 6)
      JsonObject stored =
          ok(post("/resources/sand/entries", new JsonObject().put("entries", entries)))
              .bodyAsJsonObject();
      assertThat(stored.getJsonArray("ledger_problems").encode())
          .contains("sand: ")
          .contains("period 2026-03-09..2026-03-15")
          .contains("below zero");
      JsonObject list =
          ok(get("/resources/sand/entries?from=2026-03-02&to=2026-03-22")).bodyAsJsonObject();
      JsonArray periods = list.getJsonArray("stock_periods");
      assertThat(periods).hasSize(3);
      // as the figures were entered: 20.24 + 30 − 15 = 35.24 (it said 35.239999999999995)
      assertThat(periods.getJsonObject(0).getDouble("used")).isEqualTo(35.24);
      assertThat(periods.getJsonObject(0).getDouble("opening")).isEqualTo(20.24);
      assertThat(periods.getJsonObject(1).getDouble("used")).isEqualTo(15 - 15000.0);
      assertThat(periods.getJsonObject(2).getDouble("used")).isEqualTo(15000 + 30 - 12.0);
      // the wrong period had no delivery: a missing one is named as the other cause (it said
      // "or a delivery (rows none) is wrong")
      assertThat(list.getJsonArray("problems").encode())
          .contains("period 2026-03-09..2026-03-15")
          .contains("below zero")
          .contains("or a delivery in the period was not entered")
          .doesNotContain("rows none");
    }

    @Test
    void aFilesPreviewSaysWhatTheLedgerWouldHoldWrongAndStoresNothing() {
      // only the commit said it: the preview of a file whose count empties a period below zero
      // was "valid" and nothing more
      ok(
          put(
              "/resources/quicklime",
              new JsonObject().put("site", SITE).put("kind", "material").put("unit", "t")));
      ok(
          post(
              "/resources/quicklime/entries",
              new JsonObject()
                  .put(
                      "entries",
                      new JsonArray()
                          .add(
                              new JsonObject()
                                  .put("type", "stock_count")
                                  .put("day", "2026-06-01")
                                  .put("quantity", 20))
                          .add(
                              new JsonObject()
                                  .put("type", "delivery")
                                  .put("day", "2026-06-03")
                                  .put("quantity", 30)
                                  .put("ref", "DN-L1")))));
      String wrong =
          "resource,type,day,quantity,unit,ref\nquicklime,stock_count,2026-06-08,80,t,\n";
      JsonObject preview = ok(upload("preview", "", wrong)).bodyAsJsonObject();
      assertThat(preview.getBoolean("valid")).as(preview.encode()).isTrue();
      assertThat(preview.getJsonArray("ledger_problems").encode())
          .contains("quicklime: ")
          .contains("period 2026-06-02..2026-06-08")
          .contains("below zero");
      // nothing stored by the preview: the ledger holds the two stored entries only
      JsonObject list =
          ok(get("/resources/quicklime/entries?from=2026-06-01&to=2026-06-30")).bodyAsJsonObject();
      assertThat(list.getJsonArray("entries")).hasSize(2);
      assertThat(list.getJsonArray("problems").encode())
          .doesNotContain("below zero")
          .contains("there is only the count of 2026-06-01");
      // the count as it should be (20 + 30 − 15 = 35 used): nothing to look at; a file replacing
      // the stored delivery by a larger one is judged with its figure, not the stored one
      String right =
          "resource,type,day,quantity,unit,ref\nquicklime,stock_count,2026-06-08,15,t,\n";
      assertThat(
              ok(upload("preview", "", right)).bodyAsJsonObject().getJsonArray("ledger_problems"))
          .isEmpty();
      String both =
          "resource,type,day,quantity,unit,ref\n"
              + "quicklime,delivery,2026-06-03,70,t,DN-L1\n"
              + "quicklime,stock_count,2026-06-08,80,t,\n";
      assertThat(ok(upload("preview", "", both)).bodyAsJsonObject().getJsonArray("ledger_problems"))
          .isEmpty();
      // and the commit says what the preview said
      JsonObject committed =
          ok(upload("commit", "?upload_id=" + preview.getString("upload_id"), wrong))
              .bodyAsJsonObject();
      assertThat(committed.getJsonArray("ledger_problems").encode())
          .isEqualTo(preview.getJsonArray("ledger_problems").encode());
      // the same delivery note on another day: said at once (it doubled the week's use)
      JsonObject twice =
          ok(post(
                  "/resources/quicklime/entries",
                  new JsonObject()
                      .put(
                          "entries",
                          new JsonArray()
                              .add(
                                  new JsonObject()
                                      .put("type", "delivery")
                                      .put("day", "2026-06-05")
                                      .put("quantity", 30)
                                      .put("ref", "DN-L1")))))
              .bodyAsJsonObject();
      assertThat(twice.getJsonArray("ledger_problems").encode())
          .contains(
              "quicklime: delivery note DN-L1 is entered on 2 days (2026-06-03, 2026-06-05): one of"
                  + " them may be the same delivery entered twice");
      // the invoice of a delivery already on its note: both count as received, said at once (it
      // doubled the week's use and turned a saving into a loss)
      JsonObject invoiced =
          ok(post(
                  "/resources/quicklime/entries",
                  new JsonObject()
                      .put(
                          "entries",
                          new JsonArray()
                              .add(
                                  new JsonObject()
                                      .put("type", "invoice")
                                      .put("day", "2026-06-04")
                                      .put("quantity", 30)
                                      .put("unit", "t")
                                      .put("ref", "HD-9")
                                      .put("amount", 9000000)
                                      .put("currency", "VND")))))
              .bodyAsJsonObject();
      assertThat(invoiced.getJsonArray("ledger_problems").encode())
          .contains(
              "quicklime: invoice HD-9 of 30 t on 2026-06-04 and delivery note DN-L1 of 30 t on"
                  + " 2026-06-03 are both counted as received: if they are one shipment, keep one"
                  + " of them (the invoice carries its amount)");
    }

    @Test
    void aSecondCountOfADayUnderAnotherRefIsRefusedNamingTheStoredOne() {
      // it was stored: two counts of one day, which the ledger could use neither of, and entries
      // cannot be deleted
      ok(
          put(
              "/resources/gravel",
              new JsonObject().put("site", SITE).put("kind", "material").put("unit", "t")));
      JsonObject first =
          new JsonObject().put("type", "stock_count").put("day", "2026-04-05").put("quantity", 40);
      ok(
          post(
              "/resources/gravel/entries",
              new JsonObject().put("entries", new JsonArray().add(first.copy().put("ref", "A")))));
      HttpResponse<Buffer> second =
          post(
              "/resources/gravel/entries",
              new JsonObject()
                  .put(
                      "entries",
                      new JsonArray().add(first.copy().put("quantity", 500).put("ref", "B"))));
      assertThat(second.statusCode()).as(second.bodyAsString()).isEqualTo(400);
      assertThat(second.bodyAsJsonObject().getString("parameter")).isEqualTo("ref");
      assertThat(second.bodyAsString())
          .contains("a stock count of gravel on 2026-04-05 is already stored with ref 'A'")
          .contains("send it with ref 'A' to correct it");
      // a file's preview names the row and does not call the file valid (it did, and the commit
      // then refused it naming no row)
      JsonObject preview =
          ok(upload(
                  "preview",
                  "",
                  "resource,type,day,quantity,unit,ref\n"
                      + "gravel,stock_count,2026-04-04,38,t,A\n"
                      + "gravel,stock_count,2026-04-05,500,t,B\n"))
              .bodyAsJsonObject();
      assertThat(preview.getBoolean("valid")).isFalse();
      assertThat(preview.getJsonArray("errors").encode())
          .contains("\"row\":3")
          .contains("\"column\":\"ref\"")
          .contains("a stock count of gravel on 2026-04-05 is already stored with ref 'A'");
      // the count as first stored, once; correcting it under its own ref is taken
      JsonObject list =
          ok(get("/resources/gravel/entries?from=2026-04-01&to=2026-04-30")).bodyAsJsonObject();
      assertThat(list.getJsonArray("entries")).hasSize(1);
      assertThat(list.getJsonArray("entries").getJsonObject(0).getDouble("quantity"))
          .isEqualTo(40.0);
      ok(
          post(
              "/resources/gravel/entries",
              new JsonObject()
                  .put(
                      "entries",
                      new JsonArray().add(first.copy().put("quantity", 41).put("ref", "A")))));
    }
  }

  @Nested
  class UnapprovedPeriod {
    @Test
    void aValidFitAgainstAPeriodNoAuditorApprovedIsIndicativeAndMeetsNoTarget() {
      // a reviewer read "8 % target: met" for coal on the overview, against the EnPI's baseline
      // period: no baseline of coal was ever stored or approved, and the showcase called the same
      // saving indicative
      ok(put("/products/ale", new JsonObject().put("line", "brewhouse").put("unit", "TNE")));
      ok(
          put(
              "/resources/hops",
              new JsonObject().put("site", SITE).put("kind", "material").put("unit", "kg")));
      LocalDate first = LocalDate.of(2025, 1, 5);
      LocalDate measure = LocalDate.of(2026, 1, 5);
      int days = (int) java.time.temporal.ChronoUnit.DAYS.between(first, measure) + 30;
      JsonArray quantities = new JsonArray();
      JsonArray entries = new JsonArray();
      for (int d = 0; d < days; d++) {
        LocalDate day = first.plusDays(d);
        double output = 40 + (d * 7) % 23;
        // 2 kg of hops a tonne with a little noise, 10 % less from the measure on
        double hops = output * 2 * (1 + ((d % 5) - 2) * 0.004) * (day.isBefore(measure) ? 1 : 0.9);
        quantities.add(
            new JsonObject()
                .put("product", "ale")
                .put("day", day.toString())
                .put("quantity", output));
        entries.add(
            new JsonObject().put("type", "usage").put("day", day.toString()).put("quantity", hops));
      }
      ok(post("/production", new JsonObject().put("quantities", quantities)));
      ok(post("/resources/hops/entries", new JsonObject().put("entries", entries)));
      JsonObject r =
          ok(get(
                  "/resources/hops/indicator?product=ale&baseline_from="
                      + first
                      + "&baseline_to="
                      + measure.minusDays(1)
                      + "&from="
                      + measure
                      + "&to="
                      + measure.plusDays(29)))
              .bodyAsJsonObject();
      // the fit itself passes every rule, and the saving is the 10 % put in
      assertThat(r.getJsonObject("verifiability").getString("status"))
          .as(r.getJsonObject("verifiability").encode())
          .isEqualTo("verifiable");
      assertThat(r.getDouble("savings_fraction")).isCloseTo(0.1, within(0.005));
      // but nobody approved that period as the baseline of hops: said so, not "not verifiable"
      // (a reviewer read that label beside a fit passing every check)
      assertThat(r.getString("label")).isEqualTo("indicative, resource baseline not approved");
      assertThat(r.getBoolean("counts_for_programme")).isFalse();
      assertThat(r.getJsonArray("targets").stream().map(t -> ((JsonObject) t).getString("status")))
          .containsOnly("INDICATIVE");
    }
  }

  @Nested
  class InvoiceMoney {
    @Test
    void invoicesWithAmountsGiveTheHandWorkedCostPerPeriodAndPerUnit() {
      ok(
          put(
              "/resources/caustic",
              new JsonObject().put("site", SITE).put("kind", "material").put("unit", "kg")));
      double[] used = {175, 140, 210, 157.5, 157.5, 173.25};
      double[] price = {20_000, 20_000, 20_000, 20_000, 22_000, 22_000};
      JsonArray entries = new JsonArray();
      entries.add(
          new JsonObject()
              .put("type", "stock_count")
              .put("day", "2026-01-04")
              .put("quantity", 100));
      for (int w = 0; w < 6; w++) {
        JsonObject invoice =
            new JsonObject()
                .put("type", "invoice")
                .put("day", W1.plusDays(7 * w + 2).toString())
                .put("ref", "INV-" + w)
                .put("quantity", used[w])
                .put("amount", used[w] * price[w]);
        if (w % 2 == 0) {
          invoice.put("currency", "VND"); // else VND by default
        }
        entries.add(invoice);
        entries.add(
            new JsonObject()
                .put("type", "stock_count")
                .put("day", W1.plusDays(7 * w + 6).toString())
                .put("quantity", 100));
      }
      ok(post("/resources/caustic/entries", new JsonObject().put("entries", entries)));
      JsonObject r =
          ok(get(
                  "/resources/caustic/indicator?product=beer&model=ratio&baseline_from=2026-01-05"
                      + "&baseline_to=2026-02-01&from=2026-02-02&to=2026-02-15"))
              .bodyAsJsonObject();
      JsonObject base = r.getJsonObject("baseline").getJsonObject("cost");
      JsonObject rep = r.getJsonObject("reporting").getJsonObject("cost");
      assertThat(base.getString("currency")).isEqualTo("VND");
      assertThat(base.getDouble("amount")).isCloseTo(13_650_000, within(1e-6));
      assertThat(base.getDouble("per_unit")).isCloseTo(10_000, within(1e-9));
      assertThat(base.getString("per_unit_unit")).isEqualTo("VND/t");
      assertThat(base.getDouble("price")).isCloseTo(20_000, within(1e-9));
      assertThat(rep.getDouble("amount")).isCloseTo(7_276_500, within(1e-6));
      assertThat(rep.getDouble("per_unit")).isCloseTo(9_900, within(1e-9));
      assertThat(rep.getDouble("price")).isCloseTo(22_000, within(1e-9));
      assertThat(rep.getString("price_unit")).isEqualTo("VND/kg");
      assertThat(
              rep.getJsonArray("periods").stream().map(p -> ((JsonObject) p).getDouble("amount")))
          .containsExactly(3_465_000.0, 3_811_500.0);
      assertThat(
              rep.getJsonArray("periods").stream().map(p -> ((JsonObject) p).getDouble("per_unit")))
          .allSatisfy(x -> assertThat(x).isCloseTo(9_900, within(1e-9)));
      assertThat(r.getDouble("reporting_cost_per_unit")).isCloseTo(9_900, within(1e-9));
      assertThat(r.getDouble("baseline_cost_per_unit")).isCloseTo(10_000, within(1e-9));
      // the entries list the money with its currency, VND when none was given
      JsonArray listed =
          ok(get("/resources/caustic/entries?from=2026-01-05&to=2026-01-20"))
              .bodyAsJsonObject()
              .getJsonArray("entries");
      JsonObject second =
          listed.stream()
              .map(o -> (JsonObject) o)
              .filter(o -> "INV-1".equals(o.getString("ref")))
              .findFirst()
              .orElseThrow();
      assertThat(second.getDouble("amount")).isEqualTo(2_800_000.0);
      assertThat(second.getString("currency")).isEqualTo("VND");
      // deleting it answers the entry as the list shows it: the amount a number, not text
      JsonObject deleted =
          ok(delete("/resources/caustic/entries/invoice/" + second.getString("day") + "?ref=INV-1"))
              .bodyAsJsonObject()
              .getJsonObject("deleted");
      assertThat(deleted.getValue("amount")).isInstanceOf(Number.class);
      assertThat(deleted.getDouble("amount")).isEqualTo(2_800_000.0);
      assertThat(deleted.getString("currency")).isEqualTo("VND");
    }

    @Test
    void anAmountOnAnythingButAnInvoiceIsRefusedNamingTheField() {
      HttpResponse<Buffer> r =
          post(
              "/resources/coal/entries",
              new JsonObject()
                  .put(
                      "entries",
                      new JsonArray()
                          .add(
                              new JsonObject()
                                  .put("type", "delivery")
                                  .put("day", "2026-03-01")
                                  .put("quantity", 5)
                                  .put("amount", 1000))
                          .add(
                              new JsonObject()
                                  .put("type", "invoice")
                                  .put("day", "2026-03-02")
                                  .put("quantity", 5)
                                  .put("amount", 1000)
                                  .put("currency", "dong"))));
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(422);
      assertThat(r.bodyAsString())
          .contains("entries[0].amount: only an invoice carries an amount")
          .contains("entries[1].currency");
    }
  }

  @Nested
  class ProgrammeEnergy {
    /**
     * The programme's key-energy-user test counts the coal the boiler burns (deliveries and stock
     * counts, no meter) beside the main meters, and says when a metered year has days without data:
     * a plant burning 4 700 t of coal a year was listed from its electricity and gas alone, and a
     * meter installed in November gave the year's TOE from 54 days, "complete".
     */
    @Test
    void theRegistryCountsEnteredCoalBesideItsMetersAndSaysWhenAMeteredYearIsPartial()
        throws Exception {
      ok(
          put(
              "/meters/em-1",
              new JsonObject()
                  .put("site", SITE)
                  .put("gateway", "gw-1")
                  .put(
                      "channels",
                      new JsonArray()
                          .add(
                              new JsonObject()
                                  .put("name", "E")
                                  .put("unit", "KWH")
                                  .put("kind", "counter")
                                  .put("counter_bits", 32)))));
      ok(
          put(
              "/meters/em-1/energy",
              new JsonObject()
                  .put("carrier", "electricity")
                  .put("unit", "kWh")
                  .put("role", "main")
                  .put("channel", "E")));
      // ten days of 2025 metered, 1 000 kWh a day
      try (Connection c = ds.getConnection();
          PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO interval_energy (enterprise_id, channel_id, ts_start, ts_end,"
                      + " energy, how) SELECT ch.enterprise_id, ch.channel_id, ?::timestamptz,"
                      + " ?::timestamptz, 1000, 'difference' FROM channel ch JOIN meter m USING"
                      + " (meter_id) JOIN enterprise en ON en.enterprise_id = m.enterprise_id"
                      + " WHERE en.code = ? AND m.code = 'em-1' AND ch.name = 'E'")) {
        for (int d = 0; d < 10; d++) {
          LocalDate day = LocalDate.parse("2025-11-20").plusDays(d);
          ps.setString(1, day + "T00:00:00+07:00");
          ps.setString(2, day.plusDays(1) + "T00:00:00+07:00");
          ps.setString(3, enterprise);
          assertThat(ps.executeUpdate()).isEqualTo(1);
        }
      }
      var registered =
          http.put(app.httpPort(), "127.0.0.1", "/api/v1/programme/facilities/" + enterprise)
              .bearerTokenAuthentication(token)
              .sendJsonObject(
                  new JsonObject()
                      .put("legal_name_vi", "Công ty Bia " + enterprise)
                      .put("vsic", "1103")
                      .put("district", "Thủ Dầu Một")
                      .put("registered_on", "2025-01-01"))
              .await();
      assertThat(registered.statusCode()).as(registered.bodyAsString()).isBetween(200, 201);

      // 2025: ten days of 365 metered, said so and not "complete"
      JsonObject y2025 = facility("2026-06-30").getJsonObject("key_energy_user");
      assertThat(y2025.getInteger("year")).isEqualTo(2025);
      assertThat(y2025.getDouble("toe"))
          .isCloseTo(10_000 * 0.0001543, org.assertj.core.data.Offset.offset(1e-9));
      assertThat(y2025.getBoolean("complete")).isFalse();
      assertThat(y2025.getString("note"))
          .isEqualTo(
              "metered energy of 2025 covers electricity 10 of 365 days: the year's TOE is"
                  + " understated");
      // the province's report says it as the programme page does, not a bare "no"
      String province =
          TestAccess.of(db).token(Role.PROVINCE_OFFICER, null, java.time.Duration.ofHours(1));
      for (String lang : List.of("en", "vi")) {
        var report =
            http.get(
                    app.httpPort(),
                    "127.0.0.1",
                    "/api/v1/programme/report?period=2026-H1&format=xlsx&lang=" + lang)
                .bearerTokenAuthentication(province)
                .send()
                .await();
        assertThat(report.statusCode()).as(report.bodyAsString()).isEqualTo(200);
        try (var wb =
            new org.apache.poi.xssf.usermodel.XSSFWorkbook(
                new java.io.ByteArrayInputStream(report.body().getBytes()))) {
          List<String> row = new ArrayList<>();
          for (var r : wb.getSheet(lang.equals("en") ? "Facilities" : "Cơ sở")) {
            if (r.getCell(0).toString().equals(enterprise)) {
              r.forEach(c -> row.add(c.toString()));
            }
          }
          assertThat(row)
              .as("the facility's row of the %s report", lang)
              .last()
              .isEqualTo(
                  lang.equals("en")
                      ? "no (the year's figures incomplete)"
                      : "không (số liệu năm chưa đủ)");
        }
      }

      // 2026: the coal of the deliveries and stock counts, as the resources' TOE counts it
      JsonObject facility = facility("2027-06-30");
      JsonObject y2026 = facility.getJsonObject("key_energy_user");
      assertThat(y2026.getInteger("year")).isEqualTo(2026);
      JsonObject resources = ok(get("/resource-toe?year=2026")).bodyAsJsonObject();
      double coal =
          resources.getJsonArray("lines").stream()
              .map(o -> (JsonObject) o)
              .filter(l -> l.getString("resource").equals("coal"))
              .mapToDouble(l -> l.getDouble("toe"))
              .sum();
      assertThat(coal).isPositive();
      assertThat(y2026.getDouble("toe")).isCloseTo(coal, org.assertj.core.data.Offset.offset(1e-9));
      assertThat(
              facility.getJsonArray("energy").stream()
                  .map(o -> (JsonObject) o)
                  .filter(e -> e.getInteger("year") == 2026)
                  .map(e -> e.getString("carrier") + " " + e.getString("source")))
          .containsExactly("coal_grade_3_4 entered");
      double year =
          facility.getJsonArray("energy").stream()
              .map(o -> (JsonObject) o)
              .filter(e -> e.getInteger("year") == 2026)
              .findFirst()
              .orElseThrow()
              .getDouble("amount");

      // a period report counts the coal of its own days: all of it in the first half-year, none
      // in the second (which carried the year's coal)
      JsonArray h1 = periodEnergy("2026-H1");
      assertThat(h1).hasSize(1);
      assertThat(h1.getJsonObject(0).getString("source")).isEqualTo("entered");
      assertThat(h1.getJsonObject(0).getDouble("amount")).isCloseTo(year, within(1e-9));
      assertThat(h1.getJsonObject(0).getString("to")).isEqualTo("2026-06-30");
      assertThat(periodEnergy("2026-H2")).isEmpty();
    }

    /** The energy_by_carrier of this enterprise's report of {@code period}, opened for it. */
    private JsonArray periodEnergy(String period) {
      String periods = "/api/v1/programme/reporting-periods";
      var opened =
          http.post(app.httpPort(), "127.0.0.1", periods)
              .bearerTokenAuthentication(token)
              .sendJsonObject(new JsonObject().put("period", period).put("deadline", "2027-01-31"))
              .await();
      assertThat(opened.statusCode()).as(opened.bodyAsString()).isEqualTo(201);
      var r =
          http.get(app.httpPort(), "127.0.0.1", periods + "/" + period + "/reports/" + enterprise)
              .bearerTokenAuthentication(token)
              .send()
              .await();
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
      return r.bodyAsJsonObject().getJsonObject("figures").getJsonArray("energy_by_carrier");
    }

    private JsonObject facility(String asOf) {
      var r =
          http.get(
                  app.httpPort(),
                  "127.0.0.1",
                  "/api/v1/programme/facilities/" + enterprise + "?as_of=" + asOf)
              .bearerTokenAuthentication(token)
              .send()
              .await();
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
      return r.bodyAsJsonObject();
    }
  }

  // ---- plumbing ----

  static String path(String tail) {
    return "/api/v1/enterprises/" + enterprise + tail;
  }

  static HttpResponse<Buffer> get(String tail) {
    return http.get(app.httpPort(), "127.0.0.1", path(tail))
        .bearerTokenAuthentication(token)
        .send()
        .await();
  }

  static HttpResponse<Buffer> delete(String tail) {
    return http.delete(app.httpPort(), "127.0.0.1", path(tail))
        .bearerTokenAuthentication(token)
        .send()
        .await();
  }

  static HttpResponse<Buffer> put(String tail, JsonObject body) {
    return http.put(app.httpPort(), "127.0.0.1", path(tail))
        .bearerTokenAuthentication(token)
        .sendJsonObject(body)
        .await();
  }

  static HttpResponse<Buffer> post(String tail, JsonObject body) {
    return http.post(app.httpPort(), "127.0.0.1", path(tail))
        .bearerTokenAuthentication(token)
        .sendJsonObject(body)
        .await();
  }

  /** A POST with {@code who}'s token (an enterprise administrator's, an auditor's). */
  static HttpResponse<Buffer> as(String who, String tail, JsonObject body) {
    return http.post(app.httpPort(), "127.0.0.1", path(tail))
        .bearerTokenAuthentication(who)
        .sendJsonObject(body)
        .await();
  }

  static HttpResponse<Buffer> upload(String step, String query, String csv) {
    return http.post(app.httpPort(), "127.0.0.1", path("/resource-uploads/" + step + query))
        .bearerTokenAuthentication(token)
        .putHeader("Content-Type", "text/csv")
        .sendBuffer(Buffer.buffer(csv))
        .await();
  }

  static HttpResponse<Buffer> ok(HttpResponse<Buffer> res) {
    assertThat(res.statusCode()).as(res.bodyAsString()).isBetween(200, 299);
    return res;
  }
}
