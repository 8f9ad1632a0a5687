package org.energytrace.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.energytrace.ingest.fixtures.Gateways;
import org.energytrace.ingest.fixtures.TestDatabase;
import org.energytrace.ingest.model.Incoming;
import org.energytrace.ingest.validate.MessageValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rollups (reading_15m|1h, energy_15m|1h) give the same numbers as aggregating the raw rows,
 * whoever keeps them: the service on plain PostgreSQL and the apache edition, continuous aggregates
 * read in real time on TimescaleDB's full edition — on every server of {@link
 * TestDatabase#servers()}. Refresh policies are run by hand ({@code CALL run_job}), never waited
 * for: the scheduler fails on some PostgreSQL minors.
 */
@ParameterizedClass(name = "on {0}")
@MethodSource("org.energytrace.ingest.fixtures.TestDatabase#servers")
class RollupsIT {
  @Parameter TestDatabase.Server server;
  static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
  static final String TOPIC = "et/v1/roll-co/plant-1/gw-1/telemetry";
  static TestDatabase db;
  static Database database;
  final MessageValidator validator =
      new MessageValidator(
          Clock.fixed(NOW, ZoneOffset.UTC), 1 << 20, Duration.ofMinutes(5), Duration.ofDays(400));

  @BeforeParameterizedClassInvocation
  static void migrate(TestDatabase.Server server) {
    db = TestDatabase.create(server);
    database = Database.open(db.config());
    database.migrate();
    Gateways.register(
        database.dataSource(),
        "roll-co/plant-1/gw-1",
        "bucket-co/plant-1/gw-1",
        "newest-co/plant-1/gw-1");
    db.pauseJobs(); // the tests run the policies themselves
  }

  @AfterParameterizedClassInvocation
  static void drop() {
    database.close();
    db.close();
  }

  @Test
  // late data re-rolls its bucket: readings arrive shuffled, in batches, with replays
  void rollupsEqualAggregatesOfTheRawRowsAfterShuffledBatchesWithReplaysAndLateData() {
    PgIngestStore store = new PgIngestStore(database.dataSource(), true);
    Random random = new Random(42);
    List<String> points = new ArrayList<>();
    Instant t = NOW.minus(Duration.ofDays(3));
    double counter = 1_000;
    while (t.isBefore(NOW)) {
      double power = Math.round(random.nextDouble() * 50_000) / 100.0;
      String quality = random.nextInt(20) == 0 ? "bad" : "good";
      points.add(point("AcActivePowerTotal", t, power, "KWT", quality, "gauge"));
      counter += random.nextInt(10) == 0 ? -0.5 : random.nextDouble() * 3; // some glitches
      points.add(point("AcActiveEnergyTotalImport", t, counter, "KWH", "good", "counter"));
      t = t.plusSeconds(60 + random.nextInt(600));
    }
    Collections.shuffle(points, random);
    int seq = 0;
    for (int i = 0; i < points.size(); i += 50) {
      List<String> chunk = new ArrayList<>(points.subList(i, Math.min(points.size(), i + 50)));
      chunk.add(chunk.get(0)); // a duplicate inside the message
      List<Incoming> batch = new ArrayList<>();
      batch.add(incoming(++seq, chunk));
      if (i > 0 && random.nextBoolean()) {
        batch.add(incoming(++seq, points.subList(i - 50, i))); // a replay of the previous one
      }
      store.write(batch);
      if (seq % 40 == 0) {
        // materialise what is there; later batches bring late data to materialised buckets
        db.runJobs("policy_refresh_continuous_aggregate");
      }
    }
    db.runJobs("policy_refresh_continuous_aggregate");

    for (String r : List.of("15m", "1h")) {
      String width = Resolution.fromWire(r).orElseThrow().width();
      assertThat(db.count("select count(*) from reading_" + r)).as(r).isPositive();
      assertThat(db.count(readingMismatches(r, width))).as("reading_" + r).isZero();
      assertThat(db.count("select count(*) from energy_" + r)).as(r).isPositive();
      assertThat(db.count(energyMismatches(r, width))).as("energy_" + r).isZero();
    }
    assertThat(db.count("select sum(readings) from reading_1h"))
        .isEqualTo(db.count("select count(*) from reading where quality < 2"));
  }

  @Test
  // issue 12: a refresh policy with end_offset NULL materialised the bucket still filling, and
  // readings stored after the refresh were not seen in it until the next one (0.327 vs 1.683 kWh)
  void theNewestBucketsEqualTheRawAggregatesWhenReadingsArriveAfterARefresh() {
    PgIngestStore store = new PgIngestStore(database.dataSource(), true);
    MessageValidator live = org.energytrace.ingest.fixtures.Telemetry.validator();
    String topic = "et/v1/newest-co/plant-1/gw-1/telemetry";
    Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    store.write(
        List.of(
            incoming(
                live,
                topic,
                1,
                List.of(
                    point("Power", now.minusSeconds(3), 10.0, "KWT", "good", "gauge"),
                    point("Energy", now.minusSeconds(5), 1000.0, "KWH", "good", "counter"),
                    point("Energy", now.minusSeconds(4), 1000.327, "KWH", "good", "counter")))));
    db.runJobs("policy_refresh_continuous_aggregate");

    store.write(
        List.of(
            incoming(
                live,
                topic,
                2,
                List.of(
                    point("Power", now.minusSeconds(2), 30.0, "KWT", "good", "gauge"),
                    point("Energy", now.minusSeconds(1), 1001.683, "KWH", "good", "counter")))));

    String newest =
        "enterprise_id = (select enterprise_id from enterprise where code = 'newest-co')";
    for (String r : List.of("15m", "1h")) {
      String width = Resolution.fromWire(r).orElseThrow().width();
      assertThat(db.count(readingMismatches(r, width, newest))).as("reading_" + r).isZero();
      assertThat(db.count(energyMismatches(r, width, newest))).as("energy_" + r).isZero();
      assertThat(
              db.count(
                  "select sum(readings) from reading_"
                      + r
                      + " r join enterprise e using (enterprise_id) where e.code = 'newest-co'"))
          .as("readings of both channels in reading_" + r)
          .isEqualTo(5);
    }
  }

  @Test
  void booksAReadingInTheUtcBucketHoldingItsTimestamp() {
    PgIngestStore store = new PgIngestStore(database.dataSource(), true);
    Instant ts = Instant.parse("2026-11-28T10:14:59Z");
    String topic = "et/v1/bucket-co/plant-1/gw-1/telemetry";
    byte[] payload = message(1, List.of(point("Temp", ts, 21.5, "CEL", "good", "gauge")));
    store.write(List.of(new Incoming(topic, payload, NOW, validator.validate(topic, payload))));
    // a late reading (older than materialised buckets) shows in aggregates after their refresh
    db.runJobs("policy_refresh_continuous_aggregate");

    assertThat(bucketOf("reading_15m")).isEqualTo("2026-11-28 10:00:00+00");
    assertThat(bucketOf("reading_1h")).isEqualTo("2026-11-28 10:00:00+00");
    assertThat(db.count("SELECT count(*) FROM pg_class WHERE relname = 'reading_1d'"))
        .as("no UTC-day rollup: days are the site's, built from the hourly one (LocalDaysIT)")
        .isZero();
  }

  String bucketOf(String table) {
    try (var c = db.connect();
        var st = c.createStatement()) {
      st.execute("set timezone = 'UTC'");
      try (var rs =
          st.executeQuery(
              "select r.bucket::text from "
                  + table
                  + " r join enterprise e using (enterprise_id) where e.code = 'bucket-co'")) {
        rs.next();
        return rs.getString(1);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static String readingMismatches(String suffix, String width) {
    return readingMismatches(suffix, width, "true");
  }

  /** Buckets of reading_{suffix} that differ from the raw rows; {@code where} filters both. */
  static String readingMismatches(String suffix, String width, String where) {
    return """
        select count(*) from (
          select channel_id, date_bin(interval '%2$s', ts, timestamptz '2000-01-03 00:00:00+00') b,
                 count(*) n, min(value) mn, max(value) mx, sum(value) s
          from reading where quality < 2 and %3$s group by 1, 2) raw
        full join (select * from reading_%1$s where %3$s) r
          on r.channel_id = raw.channel_id and r.bucket = raw.b
        where raw.b is null or r.bucket is null or r.readings <> raw.n or r.value_min <> raw.mn
           or r.value_max <> raw.mx or abs(r.value_sum - raw.s) > 1e-9 * greatest(1, abs(raw.s))
        """
        .formatted(suffix, width, where);
  }

  static String energyMismatches(String suffix, String width) {
    return energyMismatches(suffix, width, "true");
  }

  /** Buckets of energy_{suffix} that differ from the raw intervals; {@code where} filters both. */
  static String energyMismatches(String suffix, String width, String where) {
    return """
        select count(*) from (
          select channel_id,
                 date_bin(interval '%2$s', ts_start, timestamptz '2000-01-03 00:00:00+00') b,
                 count(*) n, sum(energy) s
          from interval_energy where %3$s group by 1, 2) raw
        full join (select * from energy_%1$s where %3$s) r
          on r.channel_id = raw.channel_id and r.bucket = raw.b
        where raw.b is null or r.bucket is null or r.intervals <> raw.n
           or abs(r.energy - raw.s) > 1e-9 * greatest(1, abs(raw.s))
        """
        .formatted(suffix, width, where);
  }

  Incoming incoming(int seq, List<String> points) {
    byte[] payload = message(seq, points);
    return new Incoming(TOPIC, payload, NOW, validator.validate(TOPIC, payload));
  }

  static Incoming incoming(MessageValidator validator, String topic, int seq, List<String> points) {
    byte[] payload = message(seq, points);
    return new Incoming(topic, payload, Instant.now(), validator.validate(topic, payload));
  }

  static byte[] message(int seq, List<String> points) {
    return ("{\"schema_version\":1,\"gateway\":\"gw-1\",\"seq\":"
            + seq
            + ",\"sent_at\":\""
            + NOW
            + "\",\"points\":["
            + String.join(",", points)
            + "]}")
        .getBytes(StandardCharsets.UTF_8);
  }

  static String point(
      String channel, Instant ts, double value, String unit, String quality, String kind) {
    return String.format(
        Locale.ROOT,
        "{\"meter\":\"em\",\"channel\":\"%s\",\"ts\":\"%s\",\"value\":%s,\"unit\":\"%s\","
            + "\"quality\":\"%s\",\"kind\":\"%s\"%s}",
        channel,
        ts,
        value,
        unit,
        quality,
        kind,
        "counter".equals(kind) ? ",\"counter_bits\":32" : "");
  }
}
