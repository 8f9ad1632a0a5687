package org.energytrace.ingest.enpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import org.energytrace.analytics.dossier.DossierChecker;
import org.energytrace.analytics.dossier.DossierResult;
import org.energytrace.ingest.config.IntegrityConfig;
import org.energytrace.ingest.config.SecurityConfig;
import org.energytrace.ingest.fixtures.AnalyticsCli;
import org.energytrace.ingest.fixtures.MeteredPlant;
import org.energytrace.ingest.fixtures.SecuredService;
import org.energytrace.ingest.fixtures.Zips;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Weather in the API (issue 15, docs/mv-method.md "Weather in the API") against a running service
 * with the local PostgreSQL: a plant whose energy has a cooling load of 12 kWh per degree day above
 * 26 °C, its daily mean temperatures uploaded as CSV; a baseline with CDD at a stated balance point
 * and one with a fitted balance point; the savings name the weather variable and equal {@code
 * analytics mv} on the dossier's baseline.csv and reporting.csv, which carry the degree-day column;
 * a temperature channel's daily mean; bad files and fields refused naming row, column or field.
 */
class WeatherBaselineIT {
  static final String SUFFIX = UUID.randomUUID().toString().substring(0, 6);
  static final String E = "wx-" + SUFFIX;
  static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
  static final LocalDate TODAY = LocalDate.now(ZONE);
  static final LocalDate FIRST = TODAY.minusDays(41);
  static final LocalDate BASE_TO = FIRST.plusDays(27);
  static final LocalDate REP_FROM = BASE_TO.plusDays(1);
  static final LocalDate LAST = TODAY.minusDays(2);

  @TempDir static Path keys;
  @TempDir static Path dir;
  static SecuredService svc;
  static String admin;
  static int stated;

  /** The daily mean temperature of day i: 22..34 °C. */
  static double temperature(int i) {
    return 22 + ((i * 5) % 13);
  }

  @BeforeAll
  static void start() throws Exception {
    svc =
        SecuredService.start(
            SecurityConfig.defaults(),
            c ->
                c.withIntegrity(
                    new IntegrityConfig(
                        Duration.ZERO, Duration.ofHours(1), keys.resolve("dossier-key.pem"))));
    admin = svc.access.systemAdminToken();
    ok(HttpMethod.PUT, "/gateways/gw-1", new JsonObject().put("site", "plant-1"));
    ok(HttpMethod.PUT, "/gateways/gw-2", new JsonObject().put("site", "plant-2"));
    ok(
        HttpMethod.PUT,
        "/meters/m1",
        MeteredPlant.meter(
            "plant-1", "gw-1", MeteredPlant.powerChannel(), MeteredPlant.counterChannel("E")));
    ok(
        HttpMethod.PUT,
        "/meters/m2",
        new JsonObject()
            .put("site", "plant-2")
            .put("gateway", "gw-2")
            .put(
                "channels",
                new JsonArray().add(new JsonObject().put("name", "T").put("unit", "CEL"))));
    ok(HttpMethod.PUT, "/sites/plant-1/time-zone", new JsonObject().put("time_zone", ZONE.getId()));
    ok(HttpMethod.PUT, "/sites/plant-2/time-zone", new JsonObject().put("time_zone", ZONE.getId()));
    ok(HttpMethod.PUT, "/meters/m1/energy", MeteredPlant.mainElectricity());
    ok(HttpMethod.PUT, "/lines/l1", new JsonObject().put("site", "plant-1"));
    ok(HttpMethod.PUT, "/products/p1", new JsonObject().put("line", "l1").put("unit", "TNE"));
    ok(HttpMethod.PUT, "/enpis/x1", MeteredPlant.facilityEnpi("plant-1"));
    // energy = 80 + 5 kWh/t (4.4 in the reporting period) + 12 kWh per degree day above 26 °C
    JsonArray quantities = new JsonArray();
    StringBuilder temperatures = new StringBuilder("day,temperature\n");
    try (Connection c = svc.db.connect();
        PreparedStatement ps = c.prepareStatement(MeteredPlant.INSERT_M1_ENERGY)) {
      int i = 0;
      for (LocalDate d = FIRST; !d.isAfter(LAST); d = d.plusDays(1), i++) {
        double q = 20 + (i * 7 % 11) + (i % 3);
        double perUnit = d.isAfter(BASE_TO) ? 4.4 : 5.0;
        double t = temperature(i);
        ps.setString(1, d.atStartOfDay(ZONE).toOffsetDateTime().toString());
        ps.setString(2, d.plusDays(1).atStartOfDay(ZONE).toOffsetDateTime().toString());
        ps.setDouble(3, 80 + perUnit * q + 12 * Math.max(0, t - 26) + ((i * 5) % 7) - 3);
        ps.setString(4, E);
        ps.executeUpdate();
        quantities.add(
            new JsonObject().put("product", "p1").put("day", d.toString()).put("quantity", q));
        temperatures.append(d).append(',').append(t).append('\n');
      }
    }
    ok(HttpMethod.POST, "/production", new JsonObject().put("quantities", quantities));
    ok(
        HttpMethod.PUT,
        "/sites/plant-1/temperature-source",
        new JsonObject().put("source", "upload"));
    HttpResponse<Buffer> up = upload("plant-1", temperatures.toString());
    assertThat(up.statusCode()).as(up.bodyAsString()).isEqualTo(201);
    assertThat(up.bodyAsJsonObject().getInteger("days"))
        .isEqualTo((int) (LAST.toEpochDay() - FIRST.toEpochDay() + 1));
    // a baseline with CDD at a stated balance point of 26 °C, approved by the assigned auditor
    JsonObject fitted =
        ok(
            HttpMethod.POST,
            "/enpis/x1/baselines",
            new JsonObject()
                .put("from", FIRST.toString())
                .put("to", BASE_TO.toString())
                .put("model", "ols")
                .put("weather", new JsonObject().put("variable", "cdd").put("balance_point", 26)));
    stated = fitted.getInteger("version");
    assertThat(fitted.getJsonObject("weather").getString("column")).isEqualTo("cdd_26c");
    ok(
        HttpMethod.POST,
        "/enpis/x1/baselines/" + stated + "/submit",
        new JsonObject().put("comment", "weather-normalised"));
    String auditor = svc.access.auditorToken("aud-" + SUFFIX, E);
    HttpResponse<Buffer> approved =
        svc.withToken(
                HttpMethod.POST,
                "/api/v1/enterprises/" + E + "/enpis/x1/baselines/" + stated + "/approve",
                auditor)
            .sendJsonObject(new JsonObject().put("opinion", "fit for purpose"))
            .await();
    assertThat(approved.statusCode()).as(approved.bodyAsString()).isEqualTo(200);
  }

  @AfterAll
  static void stop() throws Exception {
    if (svc != null) {
      svc.close();
    }
  }

  @Test
  void aStatedBalancePointGivesDegreeDaysWhoseSlopeIsTheCoolingLoad() {
    JsonObject b =
        ok(HttpMethod.GET, "/enpis/x1/baselines", null).getJsonArray("baselines").stream()
            .map(JsonObject.class::cast)
            .filter(x -> x.getInteger("version") == stated)
            .findFirst()
            .orElseThrow();
    JsonObject coefficients = b.getJsonObject("fit").getJsonObject("coefficients");
    // 12 kWh per degree day above 26 °C, 5 kWh/t, 80 kWh a day; noise of ±3 kWh a day
    assertThat(coefficients.getDouble("cdd_26c")).isCloseTo(12.0, within(0.5));
    assertThat(coefficients.getDouble("production")).isCloseTo(5.0, within(0.3));
  }

  @Test
  void savingsNameTheWeatherVariableAndEqualTheCliOnTheDossiersCsvs() throws Exception {
    JsonObject s =
        ok(
            HttpMethod.GET,
            "/enpis/x1/savings?baseline=" + stated + "&from=" + REP_FROM + "&to=" + LAST,
            null);
    JsonObject weather = s.getJsonObject("weather");
    assertThat(weather.getString("variable")).isEqualTo("cdd");
    assertThat(weather.getDouble("balance_point")).isEqualTo(26.0);
    assertThat(weather.getString("balance_point_origin")).isEqualTo("stated");
    assertThat(weather.getString("column")).isEqualTo("cdd_26c");
    assertThat(weather.getJsonObject("source").getString("source")).isEqualTo("upload");
    double savings = s.getJsonObject("reporting").getDouble("savings");
    // 0.6 kWh/t less at 24..34 t a day: about 15–20 kWh a day over the reporting days
    long days = LAST.toEpochDay() - REP_FROM.toEpochDay() + 1;
    assertThat(savings).isBetween(10.0 * days, 25.0 * days);

    Map<String, byte[]> files = Zips.unzip(dossier());
    DossierResult r = DossierChecker.check(zipBytes, null);
    assertThat(r.outcome())
        .as(r.problem() + "\n" + r.summary())
        .isEqualTo(DossierResult.Outcome.VERIFIED);
    String reporting = new String(files.get("reporting.csv"), StandardCharsets.UTF_8);
    String baseline = new String(files.get("baseline.csv"), StandardCharsets.UTF_8);
    assertThat(reporting.lines().findFirst().orElseThrow())
        .isEqualTo("period,energy,production,cdd_26c");
    assertThat(baseline.lines().findFirst().orElseThrow())
        .isEqualTo("period,energy,production,cdd_26c");
    // hand-worked: the first reporting day (i = 28) had 22 + (140 mod 13) = 32 °C → 6 degree days
    String first = reporting.lines().skip(1).findFirst().orElseThrow();
    assertThat(first).startsWith(REP_FROM + ",").endsWith(",6.0");
    Path b = Files.writeString(dir.resolve("baseline.csv"), baseline);
    Path rep = Files.writeString(dir.resolve("reporting.csv"), reporting);
    JsonObject cli =
        AnalyticsCli.json(
            "mv", "--baseline", b.toString(), "--reporting", rep.toString(), "--model", "ols");
    assertThat(cli.getJsonObject("reporting").getDouble("savings")).isEqualTo(savings);
    assertThat(cli.getJsonObject("model").getJsonObject("coefficients").getDouble("cdd_26c"))
        .isEqualTo(s.getJsonObject("model").getJsonObject("coefficients").getDouble("cdd_26c"));
  }

  @Test
  void aFittedBalancePointIsFoundByTheChangePointSearchAndNamed() throws Exception {
    JsonObject fitted =
        ok(
            HttpMethod.POST,
            "/enpis/x1/baselines",
            new JsonObject()
                .put("from", FIRST.toString())
                .put("to", BASE_TO.toString())
                .put("weather", new JsonObject().put("variable", "cdd")));
    assertThat(fitted.getString("model")).isEqualTo("changepoint");
    JsonObject w = fitted.getJsonObject("weather");
    assertThat(w.getString("column")).isEqualTo("temperature");
    assertThat(w.getString("balance_point_origin")).isEqualTo("fitted");
    // the hinge of the cooling load lies within the temperatures seen (22..34 °C)
    assertThat(w.getDouble("cooling_balance_point")).isBetween(22.0, 34.0);
    int v = fitted.getInteger("version");
    JsonObject s =
        ok(
            HttpMethod.GET,
            "/enpis/x1/savings?baseline=" + v + "&from=" + REP_FROM + "&to=" + LAST,
            null);
    assertThat(s.getJsonObject("weather").getString("column")).isEqualTo("temperature");
    assertThat(s.getJsonObject("weather").getDouble("cooling_balance_point"))
        .isEqualTo(w.getDouble("cooling_balance_point"));
    // the stored data carries the raw daily mean, from which the CLI's change-point search refits
    String baseline = storedBaseline(v);
    assertThat(baseline.lines().findFirst().orElseThrow())
        .isEqualTo("period,energy,production,temperature");
  }

  @Test
  void badWeatherFieldsAreRefusedNamingTheField() {
    assertThat(refused(new JsonObject().put("variable", "xdd"), "auto"))
        .isEqualTo("weather.variable");
    assertThat(refused(new JsonObject().put("variable", "cdd").put("balance_point", 80), "ols"))
        .isEqualTo("weather.balance_point");
    // a fitted balance point comes from the change-point search, not from OLS
    assertThat(refused(new JsonObject().put("variable", "hdd"), "ols")).isEqualTo("model");
  }

  @Test
  void anUploadWithBadRowsNamesEveryRowAndColumnAndStoresNothing() {
    HttpResponse<Buffer> r =
        upload("plant-2", "day,temperature\n2020-01-01,27.5\n2020-01-02,warm\n2020-13-01,26\n");
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(422);
    JsonArray errors = r.bodyAsJsonObject().getJsonArray("errors");
    assertThat(errors.size()).isEqualTo(2);
    assertThat(errors.getJsonObject(0).getInteger("row")).isEqualTo(3);
    assertThat(errors.getJsonObject(0).getString("column")).isEqualTo("temperature");
    assertThat(errors.getJsonObject(1).getInteger("row")).isEqualTo(4);
    assertThat(errors.getJsonObject(1).getString("column")).isEqualTo("day");
    assertThat(
            svc.db.count(
                "select count(*) from site_temperature_day t join site s using (site_id)"
                    + " join enterprise e on e.enterprise_id = s.enterprise_id where e.code = '"
                    + E
                    + "' and s.code = 'plant-2'"))
        .isZero();
  }

  @Test
  void aTemperatureChannelGivesTheMeanOfItsGoodReadingsPerLocalDay() throws Exception {
    LocalDate d = LocalDate.of(2026, 3, 2);
    try (Connection c = svc.db.connect();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO reading (enterprise_id, channel_id, ts, value, quality, received_at)"
                    + " SELECT ch.enterprise_id, ch.channel_id, ?::timestamptz, ?, ?, now()"
                    + " FROM channel ch JOIN meter m USING (meter_id) JOIN enterprise en ON"
                    + " en.enterprise_id = m.enterprise_id WHERE en.code = ? AND m.code = 'm2'"
                    + " AND ch.name = 'T'")) {
      // 20, 24, 28, 32 °C good at 00, 06, 12, 18 h local; 99 °C bad at 21 h (left out);
      // 50 °C at 23:30 of the day before (another local day)
      double[][] rows = {{0, 20, 0}, {6, 24, 0}, {12, 28, 1}, {18, 32, 0}, {21, 99, 2}};
      for (double[] row : rows) {
        ps.setString(1, d.atTime((int) row[0], 0).atZone(ZONE).toOffsetDateTime().toString());
        ps.setDouble(2, row[1]);
        ps.setInt(3, (int) row[2]);
        ps.setString(4, E);
        ps.executeUpdate();
      }
      ps.setString(1, d.minusDays(1).atTime(23, 30).atZone(ZONE).toOffsetDateTime().toString());
      ps.setDouble(2, 50);
      ps.setInt(3, 0);
      ps.setString(4, E);
      ps.executeUpdate();
    }
    // the meter's power channel is not a temperature
    HttpResponse<Buffer> wrong =
        svc.withToken(
                HttpMethod.PUT,
                "/api/v1/enterprises/" + E + "/sites/plant-1/temperature-source",
                admin)
            .sendJsonObject(
                new JsonObject().put("source", "channel").put("meter", "m1").put("channel", "P"))
            .await();
    assertThat(wrong.statusCode()).as(wrong.bodyAsString()).isEqualTo(409);
    assertThat(wrong.bodyAsJsonObject().getString("parameter")).isEqualTo("channel");
    ok(
        HttpMethod.PUT,
        "/sites/plant-2/temperature-source",
        new JsonObject().put("source", "channel").put("meter", "m2").put("channel", "T"));
    JsonObject list =
        ok(HttpMethod.GET, "/sites/plant-2/temperatures?from=" + d + "&to=" + d, null);
    assertThat(list.getJsonObject("source").getString("meter")).isEqualTo("m2");
    assertThat(list.getJsonArray("days").size()).isEqualTo(1);
    assertThat(list.getJsonArray("days").getJsonObject(0).getDouble("mean")).isEqualTo(26.0);
    // both writes audited
    assertThat(
            svc.db.count(
                "select count(*) from audit_log where enterprise = '"
                    + E
                    + "' and action in ('temperature_source.put', 'temperature.upload')"
                    + " and chain_seq is not null"))
        .isGreaterThanOrEqualTo(3);
  }

  // ---- helpers ----

  static byte[] zipBytes;

  static byte[] dossier() {
    HttpResponse<Buffer> r =
        svc.withToken(
                HttpMethod.GET,
                "/api/v1/enterprises/"
                    + E
                    + "/enpis/x1/dossier?baseline="
                    + stated
                    + "&from="
                    + REP_FROM
                    + "&to="
                    + LAST
                    + "&lang=en",
                admin)
            .send()
            .await();
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    zipBytes = r.body().getBytes();
    return zipBytes;
  }

  static String storedBaseline(int version) throws Exception {
    try (Connection c = svc.db.connect();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT b.data_csv FROM enpi_baseline b JOIN enterprise e USING (enterprise_id)"
                    + " WHERE e.code = ? AND b.version = ?")) {
      ps.setString(1, E);
      ps.setInt(2, version);
      try (var rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  static String refused(JsonObject weather, String model) {
    HttpResponse<Buffer> r =
        svc.withToken(HttpMethod.POST, "/api/v1/enterprises/" + E + "/enpis/x1/baselines", admin)
            .sendJsonObject(
                new JsonObject()
                    .put("from", FIRST.toString())
                    .put("to", BASE_TO.toString())
                    .put("model", model)
                    .put("weather", weather))
            .await();
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(400);
    return r.bodyAsJsonObject().getString("parameter");
  }

  static HttpResponse<Buffer> upload(String site, String csv) {
    return svc.withToken(
            HttpMethod.POST, "/api/v1/enterprises/" + E + "/sites/" + site + "/temperatures", admin)
        .putHeader("Content-Type", "text/csv")
        .sendBuffer(Buffer.buffer(csv))
        .await();
  }

  static JsonObject ok(HttpMethod method, String path, JsonObject body) {
    return svc.enterpriseOk(admin, method, E, path, body);
  }
}
