package org.energytrace.ingest.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.energytrace.ingest.config.IntegrityConfig;
import org.energytrace.ingest.config.SecurityConfig;
import org.energytrace.ingest.fixtures.SecuredService;
import org.energytrace.ingest.fixtures.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tamper evidence against the local PostgreSQL and Mosquitto (issue 15, docs/verification.md
 * §3–§4): the sealing job seals every past local day of every channel and production series; a
 * reading, a production quantity and an audit entry changed by SQL are each named by {@code GET
 * …/integrity} (and not sealed again by the job); late data through MQTT ingest and the production
 * API gets a revision link and is no alarm; the nightly check's failure shows in readiness and in
 * the metrics. Each tampering test puts the original value back, so the tests are independent.
 */
class IntegrityIT {
  static final String SUFFIX = UUID.randomUUID().toString().substring(0, 6);
  static final String E = "seal-" + SUFFIX;
  static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
  static final LocalDate TODAY = LocalDate.now(ZONE);
  static final LocalDate FIRST = TODAY.minusDays(5);
  static final LocalDate LAST = TODAY.minusDays(1);
  static final int[] HOURS = {1, 7, 13, 19};

  static final String READINGS =
      "select count(*) from reading r join enterprise e using (enterprise_id) where e.code = '"
          + E
          + "'";

  static final String COUNTS =
      "select count(*) from production_count c join enterprise e using (enterprise_id)"
          + " where e.code = '"
          + E
          + "'";

  static SecuredService svc;
  static String admin;
  static int seq;

  @BeforeAll
  static void start() throws Exception {
    // grace 0: every day before today is ready to seal
    svc =
        SecuredService.start(
            SecurityConfig.defaults(),
            c -> c.withIntegrity(IntegrityConfig.defaults().withSealGrace(Duration.ZERO)));
    admin = svc.access.systemAdminToken();
    ok(HttpMethod.PUT, "/gateways/gw-1", new JsonObject().put("site", "plant-1"));
    ok(HttpMethod.PUT, "/lines/l1", new JsonObject().put("site", "plant-1"));
    ok(HttpMethod.PUT, "/products/p1", new JsonObject().put("line", "l1").put("unit", "TNE"));
    List<String> points = new ArrayList<>();
    JsonArray quantities = new JsonArray();
    for (LocalDate d = FIRST; !d.isAfter(LAST); d = d.plusDays(1)) {
      for (int h : HOURS) {
        points.add(point("P", at(d, h, 0), 40.0 + h + d.getDayOfMonth() * 0.1));
      }
      quantities.add(
          new JsonObject().put("product", "p1").put("day", d.toString()).put("quantity", 12.5));
    }
    publish(points);
    ok(HttpMethod.POST, "/production", new JsonObject().put("quantities", quantities));
    awaitReadings(points.size());
    // the filler's cumulative count, one a day at noon, from the gateway (production_count)
    List<String> counts = new ArrayList<>();
    int k = 0;
    for (LocalDate d = FIRST; !d.isAfter(LAST); d = d.plusDays(1)) {
      counts.add(count(at(d, 12, 0), 1000 + 25.0 * k++));
    }
    publishCounts(counts);
    awaitCounts(counts.size());
    svc.app.integrity().runOnce();
  }

  @AfterAll
  static void stop() throws Exception {
    if (svc != null) {
      svc.close();
    }
  }

  @Test
  void sealsEveryPastDayOfEveryChannelAndProductionSeriesAndAnswersOk() {
    JsonObject r = integrity();
    assertThat(r.getBoolean("ok")).as(r.encodePrettily()).isTrue();
    // channel em/P, product p1 and the gateway's count of line l1, product p1
    assertThat(r.getInteger("series_checked")).isEqualTo(3);
    assertThat(r.getLong("series_days_checked")).isEqualTo(3 * 5);
    assertThat(r.getJsonObject("audit_chain").getBoolean("ok")).isTrue();
    assertThat(r.getJsonObject("audit_chain").getLong("entries")).isPositive();
    // one revision-0 link per series and day, chained from the genesis
    assertThat(
            svc.db.count(
                "select count(*) from seal_link l join seal_series s using (series)"
                    + " join enterprise e using (enterprise_id) where e.code = '"
                    + E
                    + "' and l.revision = 0 and l.day between '"
                    + FIRST
                    + "' and '"
                    + LAST
                    + "'"))
        .isEqualTo(15);
  }

  @Test
  void aProductionCountFromTheGatewayEditedBySqlIsNamedWithItsLineProductAndDay() {
    LocalDate day = FIRST.plusDays(2);
    String where =
        " where ts = '"
            + at(day, 12, 0)
            + "' and line = 'l1' and product = 'p1' and enterprise_id = (select enterprise_id"
            + " from enterprise where code = '"
            + E
            + "')";
    svc.db.execute("update production_count set quantity = quantity + 1" + where);
    try {
      svc.app.integrity().runOnce();
      JsonObject m = firstMismatch();
      assertThat(m.getString("kind")).isEqualTo("production_count");
      assertThat(m.getString("count")).isEqualTo("l1/p1");
      assertThat(m.getString("day")).isEqualTo(day.toString());
      assertThat(m.getString("problem")).contains("rows were changed, added or removed");
    } finally {
      svc.db.execute("update production_count set quantity = quantity - 1" + where);
    }
    assertThat(integrity().getBoolean("ok")).isTrue();
    // a count turned from cumulative into an interval count no longer matches either
    svc.db.execute("update production_count set cumulative = false" + where);
    try {
      assertThat(firstMismatch().getString("day")).isEqualTo(day.toString());
    } finally {
      svc.db.execute("update production_count set cumulative = true" + where);
    }
    assertThat(integrity().getBoolean("ok")).isTrue();
  }

  @Test
  void aReadingEditedBySqlIsNamedWithItsChannelAndDay_andTheJobDoesNotSealItAgain() {
    LocalDate day = FIRST.plusDays(2);
    String where = readingWhere(at(day, 13, 0));
    double original = Double.parseDouble(svc.db.text("select value::text from reading " + where));
    svc.db.execute("update reading set value = value + 1 " + where);
    try {
      svc.app.integrity().runOnce();
      JsonObject m = firstMismatch();
      assertThat(m.getString("kind")).isEqualTo("channel");
      assertThat(m.getString("channel")).isEqualTo("em/P");
      assertThat(m.getString("day")).isEqualTo(day.toString());
      assertThat(m.getString("problem")).contains("rows were changed, added or removed");
    } finally {
      svc.db.execute("update reading set value = " + original + " " + where);
    }
    assertThat(integrity().getBoolean("ok")).isTrue();
  }

  /**
   * Backup and restore (README, "Backup and restore"): the database dumped with pg_dump and
   * restored with pg_restore into an empty one is served by a fresh service that signs in the same
   * token, stores nothing anew (its migrations are in the dump) and finds every seal and the audit
   * log's chain intact; and the restored seals still name a reading changed after the restore.
   */
  @Test
  void aDatabaseDumpedAndRestoredChecksOkAndStillNamesAReadingChangedAfterwards(@TempDir Path dir)
      throws Exception {
    Path dump = dir.resolve("energytrace.dump");
    svc.db.dump(dump);
    long readings = svc.db.count(READINGS);
    TestDatabase restored = TestDatabase.createEmpty(svc.db.server());
    restored.restore(dump);
    try (SecuredService again =
        SecuredService.start(
            SecurityConfig.defaults(),
            c -> c.withIntegrity(IntegrityConfig.defaults().withSealGrace(Duration.ZERO)),
            restored)) {
      assertThat(restored.count(READINGS)).isEqualTo(readings).isPositive();
      JsonObject r = integrity(again);
      assertThat(r.getBoolean("ok")).as(r.encodePrettily()).isTrue();
      assertThat(r.getInteger("series_checked")).isEqualTo(3);
      assertThat(r.getLong("series_days_checked")).isEqualTo(3 * 5);
      assertThat(r.getJsonObject("audit_chain").getBoolean("ok")).isTrue();
      assertThat(r.getJsonObject("audit_chain").getLong("entries")).isPositive();

      LocalDate day = FIRST.plusDays(1);
      restored.execute("update reading set value = value + 1 " + readingWhere(at(day, 7, 0)));
      again.app.integrity().runOnce();
      JsonObject m = integrity(again);
      assertThat(m.getBoolean("ok")).as(m.encodePrettily()).isFalse();
      assertThat(m.getJsonObject("first_mismatch").getString("channel")).isEqualTo("em/P");
      assertThat(m.getJsonObject("first_mismatch").getString("day")).isEqualTo(day.toString());
    }
    // the original is untouched
    assertThat(integrity().getBoolean("ok")).isTrue();
  }

  @Test
  void aReadingInsertedBySqlIntoASealedDayIsNamed() {
    LocalDate day = FIRST.plusDays(1);
    Instant t = at(day, 3, 30);
    svc.db.execute(
        "insert into reading (enterprise_id, channel_id, ts, value, quality, received_at)"
            + " select ch.enterprise_id, ch.channel_id, '"
            + t
            + "', 1.0, 0, now() from channel ch join meter m using (meter_id)"
            + " join enterprise e on e.enterprise_id = m.enterprise_id"
            + " where e.code = '"
            + E
            + "' and m.code = 'em' and ch.name = 'P'");
    try {
      svc.app.integrity().runOnce();
      JsonObject m = firstMismatch();
      assertThat(m.getString("channel")).isEqualTo("em/P");
      assertThat(m.getString("day")).isEqualTo(day.toString());
    } finally {
      svc.db.execute("delete from reading " + readingWhere(t));
    }
    assertThat(integrity().getBoolean("ok")).isTrue();
  }

  @Test
  void aProductionValueEditedBySqlIsNamedWithItsProductAndDay() {
    LocalDate day = FIRST.plusDays(3);
    String where =
        " where day = '"
            + day
            + "' and product_id = (select product_id from product p join enterprise e using"
            + " (enterprise_id) where e.code = '"
            + E
            + "' and p.code = 'p1')";
    svc.db.execute("update production_quantity set quantity = 13.5" + where);
    try {
      JsonObject m = firstMismatch();
      assertThat(m.getString("kind")).isEqualTo("production");
      assertThat(m.getString("product")).isEqualTo("p1");
      assertThat(m.getString("day")).isEqualTo(day.toString());
    } finally {
      svc.db.execute("update production_quantity set quantity = 12.5" + where);
    }
    assertThat(integrity().getBoolean("ok")).isTrue();
  }

  @Test
  void anAuditEntryEditedBySqlIsNamedBySequenceNumber() {
    long seq = svc.db.count("select min(chain_seq) from audit_log");
    assertThat(seq).as("a chained audit entry (the gateway put)").isPositive();
    String actor = svc.db.text("select actor from audit_log where chain_seq = " + seq);
    svc.db.execute("update audit_log set actor = 'someone-else' where chain_seq = " + seq);
    try {
      JsonObject r = integrity();
      assertThat(r.getBoolean("ok")).isFalse();
      JsonObject audit = r.getJsonObject("audit_chain");
      assertThat(audit.getBoolean("ok")).isFalse();
      assertThat(audit.getJsonObject("first_break").getLong("seq")).isEqualTo(seq);
      assertThat(r.getString("summary")).contains("audit log chain broken at entry " + seq);
      // the seals themselves are fine
      assertThat(r.getValue("first_mismatch")).isNull();
    } finally {
      svc.db.execute(
          "update audit_log set actor = '"
              + actor.replace("'", "''")
              + "' where chain_seq = "
              + seq);
    }
    assertThat(integrity().getJsonObject("audit_chain").getBoolean("ok")).isTrue();
  }

  @Test
  void lateReadingsThroughIngestAndLateProductionThroughTheApiGetARevisionLinkAndNoAlarm() {
    LocalDate day = FIRST.plusDays(4);
    long before = svc.db.count(READINGS);
    publish(List.of(point("P", at(day, 22, 0), 55.5)));
    awaitReadings(before + 1);
    long counts = svc.db.count(COUNTS);
    publishCounts(List.of(count(at(day, 22, 0), 1200.0)));
    awaitCounts(counts + 1);
    ok(
        HttpMethod.POST,
        "/production",
        new JsonObject()
            .put(
                "quantities",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("product", "p1")
                            .put("day", day.toString())
                            .put("quantity", 14.0))));
    try {
      // no sealing pass in between: the check appends the revisions itself
      JsonObject r = integrity();
      assertThat(r.getBoolean("ok")).as(r.encodePrettily()).isTrue();
      assertThat(
              svc.db.rows(
                  "select s.kind || ' ' || l.revision || ' ' || l.reason || ' ' || l.rows"
                      + " from seal_link l join seal_series s using (series)"
                      + " join enterprise e using (enterprise_id) where e.code = '"
                      + E
                      + "' and l.day = '"
                      + day
                      + "' and l.revision > 0 order by s.kind"))
          .containsExactly(
              "count 1 late data 2", "quantity 1 late data 1", "reading 1 late data 5");
    } finally {
      ok(
          HttpMethod.POST,
          "/production",
          new JsonObject()
              .put(
                  "quantities",
                  new JsonArray()
                      .add(
                          new JsonObject()
                              .put("product", "p1")
                              .put("day", day.toString())
                              .put("quantity", 12.5))));
    }
    assertThat(integrity().getBoolean("ok")).isTrue();
  }

  @Test
  void aGatewayReplayingItsCountsOfSealedDaysIsNeitherLateDataNorAnAlarm() {
    double refused = metric("integrity_seal_revisions_refused");
    String revisions =
        "select count(*) from seal_link l join seal_series s using (series)"
            + " join enterprise e using (enterprise_id) where e.code = '"
            + E
            + "' and s.kind = 'count' and l.revision > 0";
    long revisionsBefore = svc.db.count(revisions);
    // the counts of every sealed day again, as first sent (a gateway's replay after a restart)
    List<String> counts = new ArrayList<>();
    int k = 0;
    for (LocalDate d = FIRST; !d.isAfter(LAST); d = d.plusDays(1)) {
      counts.add(count(at(d, 12, 0), 1000 + 25.0 * k++));
    }
    publishCounts(counts);
    int replayed = seq;
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                svc.db.count(
                        "select coalesce(max(last_seq), 0) from gateway g join enterprise e using"
                            + " (enterprise_id) where e.code = '"
                            + E
                            + "'")
                    >= replayed);

    svc.app.integrity().runOnce();
    JsonObject r = integrity();

    assertThat(r.getBoolean("ok")).as(r.encodePrettily()).isTrue();
    assertThat(metric("integrity_seal_revisions_refused")).isEqualTo(refused);
    assertThat(svc.db.count(revisions)).isEqualTo(revisionsBefore);
  }

  @Test
  void aFailedNightlyCheckShowsInReadinessAndMetrics() {
    String where = readingWhere(at(LAST, 7, 0));
    double original = Double.parseDouble(svc.db.text("select value::text from reading " + where));
    svc.db.execute("update reading set value = value * 2 " + where);
    try {
      IntegrityCheck.Report r = svc.app.integrity().checkNow();
      assertThat(r.ok()).isFalse();
      HttpResponse<Buffer> ready =
          svc.http.get(svc.app.httpPort(), "127.0.0.1", "/api/v1/health/ready").send().await();
      JsonObject body = ready.bodyAsJsonObject();
      assertThat(body.getString("integrity")).isEqualTo("DEGRADED");
      assertThat(body.getJsonObject("details").getString("integrity"))
          .contains("integrity check failed")
          .contains("em/P")
          .contains(LAST.toString());
      assertThat(metric("integrity_check_failures")).isEqualTo(1.0);
    } finally {
      svc.db.execute("update reading set value = " + original + " " + where);
    }
    svc.app.integrity().checkNow();
    JsonObject body =
        svc.http
            .get(svc.app.httpPort(), "127.0.0.1", "/api/v1/health/ready")
            .send()
            .await()
            .bodyAsJsonObject();
    assertThat(body.getString("integrity")).isEqualTo("UP");
    assertThat(metric("integrity_check_failures")).isEqualTo(0.0);
  }

  @Test
  void refusesAPeriodThatEndsBeforeItStartsNamingTo() {
    HttpResponse<Buffer> r =
        svc.withToken(
                HttpMethod.GET,
                "/api/v1/enterprises/" + E + "/integrity?from=" + LAST + "&to=" + FIRST,
                admin)
            .send()
            .await();
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.bodyAsJsonObject().getString("parameter")).isEqualTo("to");
  }

  // ---- helpers ----

  static double metric(String name) {
    String text =
        svc.http.get(svc.app.httpPort(), "127.0.0.1", "/metrics").send().await().bodyAsString();
    for (String line : text.split("\n")) {
      if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    throw new AssertionError(name + " not in /metrics");
  }

  static JsonObject integrity() {
    return integrity(svc);
  }

  /** The check's answer from {@code service}, asked with the system administrator's token. */
  static JsonObject integrity(SecuredService service) {
    HttpResponse<Buffer> r =
        service
            .withToken(
                HttpMethod.GET,
                "/api/v1/enterprises/" + E + "/integrity?from=" + FIRST + "&to=" + LAST,
                admin)
            .send()
            .await();
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  static JsonObject firstMismatch() {
    JsonObject r = integrity();
    assertThat(r.getBoolean("ok")).as(r.encodePrettily()).isFalse();
    return r.getJsonObject("first_mismatch");
  }

  static String readingWhere(Instant t) {
    return " where ts = '"
        + t
        + "' and channel_id = (select ch.channel_id from channel ch join meter m using (meter_id)"
        + " join enterprise e on e.enterprise_id = m.enterprise_id where e.code = '"
        + E
        + "' and m.code = 'em' and ch.name = 'P')";
  }

  static Instant at(LocalDate day, int hour, int minute) {
    return day.atTime(LocalTime.of(hour, minute)).atZone(ZONE).toInstant();
  }

  static String point(String channel, Instant ts, double value) {
    return String.format(
        Locale.ROOT,
        "{\"meter\":\"em\",\"channel\":\"%s\",\"ts\":\"%s\",\"value\":%s,\"unit\":\"KWT\","
            + "\"quality\":\"good\",\"kind\":\"gauge\"}",
        channel,
        ts,
        value);
  }

  static void publish(List<String> points) {
    String payload =
        "{\"schema_version\":1,\"gateway\":\"gw-1\",\"seq\":"
            + (++seq)
            + ",\"sent_at\":\""
            + Instant.now()
            + "\",\"points\":["
            + String.join(",", points)
            + "]}";
    svc.broker.publish("et/v1/" + E + "/plant-1/gw-1/telemetry", payload);
  }

  static String count(Instant ts, double quantity) {
    return String.format(
        Locale.ROOT,
        "{\"line\":\"l1\",\"product\":\"p1\",\"ts\":\"%s\",\"quantity\":%s,"
            + "\"unit\":\"TNE\",\"cumulative\":true,\"quality\":\"good\"}",
        ts,
        quantity);
  }

  static void publishCounts(List<String> counts) {
    String payload =
        "{\"schema_version\":1,\"gateway\":\"gw-1\",\"seq\":"
            + (++seq)
            + ",\"sent_at\":\""
            + Instant.now()
            + "\",\"counts\":["
            + String.join(",", counts)
            + "]}";
    svc.broker.publish("et/v1/" + E + "/plant-1/gw-1/production", payload);
  }

  static void awaitCounts(long n) {
    await()
        .atMost(Duration.ofSeconds(30))
        .failFast(
            () -> {
              String mine = " from quarantine where topic like 'et/v1/" + E + "/%'";
              if (svc.db.count("select count(*)" + mine) > 0) {
                throw new AssertionError(svc.db.rows("select reason" + mine).toString());
              }
            })
        .until(() -> svc.db.count(COUNTS) >= n);
  }

  static void awaitReadings(long n) {
    await()
        .atMost(Duration.ofSeconds(30))
        .failFast(
            () -> {
              // (other tests' gateways publish on the same broker: only this enterprise's topics)
              String mine = " from quarantine where topic like 'et/v1/" + E + "/%'";
              if (svc.db.count("select count(*)" + mine) > 0) {
                throw new AssertionError(svc.db.rows("select reason" + mine).toString());
              }
            })
        .until(() -> svc.db.count(READINGS) >= n);
  }

  static JsonObject ok(HttpMethod method, String path, JsonObject body) {
    return svc.enterpriseOk(admin, method, E, path, body);
  }
}
