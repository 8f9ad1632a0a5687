package org.energytrace.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.energytrace.ingest.fixtures.Telemetry.incoming;
import static org.energytrace.ingest.fixtures.Telemetry.message;
import static org.energytrace.ingest.fixtures.Telemetry.point;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.energytrace.ingest.IngestApp;
import org.energytrace.ingest.auth.Role;
import org.energytrace.ingest.config.IngestConfig;
import org.energytrace.ingest.fixtures.Gateways;
import org.energytrace.ingest.fixtures.SecuredService;
import org.energytrace.ingest.fixtures.Telemetry;
import org.energytrace.ingest.fixtures.TestAccess;
import org.energytrace.ingest.fixtures.TestBroker;
import org.energytrace.ingest.fixtures.TestDatabase;
import org.energytrace.ingest.model.Incoming;
import org.energytrace.ingest.store.Database;
import org.energytrace.ingest.store.PgIngestStore;
import org.energytrace.ingest.validate.MessageValidator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The channel read API over HTTP: series at raw/15m/1h/1d for gauges and counters, counter events,
 * production counts; the rollups answer what aggregating the raw rows answers.
 */
class ChannelApiIT {
  static final String ENTERPRISE = "api-" + UUID.randomUUID().toString().substring(0, 8);
  static final String BASE = "/api/v1/enterprises/" + ENTERPRISE + "/meters/em/channels/";
  static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.HOURS);
  static final Instant FROM = NOW.minus(Duration.ofDays(2));
  static TestDatabase db;
  static Vertx vertx;
  static IngestApp app;
  static WebClient http;
  static String token;

  @BeforeAll
  static void start() {
    db = TestDatabase.create();
    vertx = Vertx.vertx();
    IngestConfig config =
        IngestConfig.defaults(
            db.url(), db.config().user(), TestBroker.URL, "et-it-api-" + UUID.randomUUID());
    app = IngestApp.start(vertx, config).await();
    http = WebClient.create(vertx);
    token = TestAccess.of(db).systemAdminToken();
    writeTwoDays();
  }

  @AfterAll
  static void stop() throws Exception {
    SecuredService.stop(app, vertx, null, db);
  }

  /** Two days of a gauge and a counter every 1–9 minutes, shuffled into batches, with replays. */
  static void writeTwoDays() {
    MessageValidator validator = Telemetry.validator();
    String topic = "et/v1/" + ENTERPRISE + "/plant-1/gw-1/telemetry";
    Random random = new Random(7);
    List<String> points = new ArrayList<>();
    double counter = 5_000;
    for (Instant t = FROM; t.isBefore(NOW); t = t.plusSeconds(60 + random.nextInt(480))) {
      points.add(point("Power", t, Math.round(random.nextDouble() * 9_000) / 10.0, "KWT", "gauge"));
      counter += random.nextDouble() * 4;
      points.add(point("Energy", t, counter, "KWH", "counter"));
    }
    java.util.Collections.shuffle(points, random);
    String production =
        """
        {"schema_version":1,"gateway":"gw-1","seq":1,"sent_at":"%s","counts":[
         {"line":"line-3","product":"billet","period_start":"%s","ts":"%s","quantity":12.5,"unit":"TNE","cumulative":false},
         {"line":"line-4","product":"billet","period_start":"%s","ts":"%s","quantity":3,"unit":"TNE","cumulative":false}]}
        """
            .formatted(
                NOW,
                NOW.minusSeconds(7200),
                NOW.minusSeconds(3600),
                NOW.minusSeconds(7200),
                NOW.minusSeconds(3600));
    try (Database database = Database.open(db.config())) {
      Gateways.register(database.dataSource(), ENTERPRISE + "/plant-1/gw-1");
      PgIngestStore store = new PgIngestStore(database.dataSource(), true);
      int seq = 1;
      for (int i = 0; i < points.size(); i += 100) {
        List<String> chunk = points.subList(i, Math.min(points.size(), i + 100));
        List<Incoming> batch = new ArrayList<>();
        batch.add(incoming(validator, topic, message(++seq, NOW, chunk)));
        if (i > 0) {
          batch.add(incoming(validator, topic, message(++seq, NOW, points.subList(i - 10, i))));
        }
        store.write(batch);
      }
      String prodTopic = "et/v1/" + ENTERPRISE + "/plant-1/gw-1/production";
      store.write(
          List.of(incoming(validator, prodTopic, production.getBytes(StandardCharsets.UTF_8))));
    }
    try (var c = db.connect();
        var st = c.createStatement()) {
      st.execute(
          "insert into counter_event (enterprise_id, channel_id, ts, kind, closing_value,"
              + " opening_value, multiplier, note) select enterprise_id, channel_id, now(),"
              + " 'multiplier_change', 9000, 9000, 2, 'CT 100/5 -> 200/5' from channel"
              + " where name = 'Energy' and enterprise_id = (select enterprise_id from enterprise"
              + " where code = '"
              + ENTERPRISE
              + "')");
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static HttpResponse<Buffer> get(String path, String bearer) {
    return http.get(app.httpPort(), "127.0.0.1", path)
        .bearerTokenAuthentication(bearer)
        .send()
        .await();
  }

  static JsonArray rows(String channel, String resolution) {
    HttpResponse<Buffer> res =
        get(
            BASE
                + channel
                + "/series?resolution="
                + resolution
                + "&from="
                + FROM.minus(Duration.ofDays(1))
                + "&to="
                + NOW.plusSeconds(1)
                + "&limit=10000",
            token);
    assertThat(res.statusCode()).as(res.bodyAsString()).isEqualTo(200);
    return res.bodyAsJsonObject().getJsonArray("rows");
  }

  static Instant bucketOf(Instant t, String resolution) {
    if ("1d".equals(resolution)) {
      // the site's local day (no zone given: Asia/Ho_Chi_Minh, from 17:00 UTC the day before)
      java.time.ZoneId zone = java.time.ZoneId.of("Asia/Ho_Chi_Minh");
      return java.time.LocalDate.ofInstant(t, zone).atStartOfDay(zone).toInstant();
    }
    long width = "15m".equals(resolution) ? 900 : 3600;
    return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), width) * width);
  }

  @Test
  void servesGaugeBucketsEqualToTheStatisticsOfTheRawReadings() {
    JsonArray raw = rows("Power", "raw");
    assertThat(raw.size()).isGreaterThan(300);
    for (String resolution : List.of("15m", "1h", "1d")) {
      Map<Instant, List<Double>> expected = new TreeMap<>();
      raw.stream()
          .map(JsonObject.class::cast)
          .forEach(
              r ->
                  expected
                      .computeIfAbsent(
                          bucketOf(Instant.parse(r.getString("ts")), resolution),
                          k -> new ArrayList<>())
                      .add(r.getDouble("value")));
      JsonArray buckets = rows("Power", resolution);

      assertThat(buckets.size()).as(resolution).isEqualTo(expected.size());
      for (Object o : buckets) {
        JsonObject b = (JsonObject) o;
        List<Double> values = expected.get(Instant.parse(b.getString("bucket")));
        assertThat(values).as(resolution + " " + b).isNotNull();
        assertThat(b.getLong("readings")).isEqualTo(values.size());
        assertThat(b.getDouble("min"))
            .isEqualTo(values.stream().mapToDouble(d -> d).min().orElseThrow());
        assertThat(b.getDouble("max"))
            .isEqualTo(values.stream().mapToDouble(d -> d).max().orElseThrow());
        assertThat(b.getDouble("avg"))
            .isCloseTo(values.stream().mapToDouble(d -> d).average().orElseThrow(), within(1e-9));
      }
    }
  }

  @Test
  void servesCounterEnergyBucketsEqualToTheSumOfTheRawIntervals() {
    JsonArray raw = rows("Energy", "raw");
    assertThat(raw.getJsonObject(0).fieldNames()).contains("start", "end", "energy", "how");
    for (String resolution : List.of("15m", "1h", "1d")) {
      Map<Instant, Double> expected = new TreeMap<>();
      raw.stream()
          .map(JsonObject.class::cast)
          .forEach(
              r ->
                  expected.merge(
                      bucketOf(Instant.parse(r.getString("start")), resolution),
                      r.getDouble("energy"),
                      Double::sum));
      JsonArray buckets = rows("Energy", resolution);

      assertThat(buckets.size()).as(resolution).isEqualTo(expected.size());
      double total = 0;
      for (Object o : buckets) {
        JsonObject b = (JsonObject) o;
        assertThat(b.getDouble("energy"))
            .as(resolution + " " + b)
            .isCloseTo(expected.get(Instant.parse(b.getString("bucket"))), within(1e-6));
        total += b.getDouble("energy");
      }
      assertThat(total)
          .isCloseTo(expected.values().stream().mapToDouble(d -> d).sum(), within(1e-6));
    }
  }

  @Test
  void answers400NamingTheBadParameterAnd404ForAnUnknownMeterOrChannel() {
    HttpResponse<Buffer> badResolution = get(BASE + "Power/series?resolution=5m", token);
    HttpResponse<Buffer> badRange =
        get(BASE + "Power/series?from=2026-11-29T10:00:00Z&to=2026-11-29T09:00:00Z", token);
    HttpResponse<Buffer> unknownChannel = get(BASE + "NoSuchChannel/series", token);
    HttpResponse<Buffer> unknownMeter =
        get("/api/v1/enterprises/" + ENTERPRISE + "/meters/nope/channels/Power/series", token);
    HttpResponse<Buffer> unknownEvents = get(BASE + "NoSuchChannel/counter-events", token);

    assertThat(badResolution.statusCode()).isEqualTo(400);
    assertThat(badResolution.bodyAsJsonObject().getString("parameter")).isEqualTo("resolution");
    assertThat(badRange.statusCode()).isEqualTo(400);
    assertThat(badRange.bodyAsJsonObject().getString("parameter")).isEqualTo("from");
    assertThat(unknownChannel.statusCode()).isEqualTo(404);
    assertThat(unknownChannel.bodyAsJsonObject().getString("message")).contains("NoSuchChannel");
    assertThat(unknownMeter.statusCode()).isEqualTo(404);
    assertThat(unknownEvents.statusCode()).isEqualTo(404);
  }

  @Test
  void listsTheRecordedCounterEventsOfAChannel() {
    JsonArray events =
        get(BASE + "Energy/counter-events", token).bodyAsJsonObject().getJsonArray("events");

    assertThat(events).hasSize(1);
    assertThat(events.getJsonObject(0).getString("kind")).isEqualTo("multiplier_change");
    assertThat(events.getJsonObject(0).getDouble("multiplier")).isEqualTo(2.0);
  }

  @Test
  void listsProductionCountsOfARangeFilteredByLine() {
    String path =
        "/api/v1/enterprises/" + ENTERPRISE + "/production/counts?from=" + FROM + "&to=" + NOW;
    JsonArray all = get(path, token).bodyAsJsonObject().getJsonArray("production");
    JsonArray line3 =
        get(path + "&line=line-3", token).bodyAsJsonObject().getJsonArray("production");
    HttpResponse<Buffer> unknownSite = get(path + "&site=nowhere", token);

    assertThat(all).hasSize(2);
    assertThat(line3).hasSize(1);
    assertThat(line3.getJsonObject(0).getDouble("quantity")).isEqualTo(12.5);
    assertThat(line3.getJsonObject(0).getString("site")).isEqualTo("plant-1");
    assertThat(unknownSite.statusCode()).isEqualTo(404);
  }

  @Test
  // enterprise scoping: a viewer of another enterprise is refused by the gate
  void refusesTheSeriesOfAnotherEnterpriseToAViewer() {
    TestAccess access = TestAccess.of(db);
    String other = access.token(Role.ENTERPRISE_VIEWER, "other-co", Duration.ofHours(1));
    String own = access.token(Role.ENTERPRISE_VIEWER, ENTERPRISE, Duration.ofHours(1));

    assertThat(get(BASE + "Power/series", other).statusCode()).isEqualTo(403);
    assertThat(get("/api/v1/enterprises/" + ENTERPRISE + "/production", other).statusCode())
        .isEqualTo(403);
    assertThat(get(BASE + "Power/series", own).statusCode()).isEqualTo(200);
  }
}
