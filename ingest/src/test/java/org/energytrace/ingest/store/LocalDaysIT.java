package org.energytrace.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.energytrace.ingest.fixtures.Gateways;
import org.energytrace.ingest.fixtures.Telemetry;
import org.energytrace.ingest.fixtures.TestDatabase;
import org.energytrace.ingest.store.PgSeriesQueries.EnergyBucket;
import org.energytrace.ingest.store.PgSeriesQueries.GaugeBucket;
import org.energytrace.ingest.store.PgSeriesQueries.Series;
import org.energytrace.ingest.tenant.Scope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A {@code 1d} series is made of the site's local days (issue 12): a Vietnamese day (the default
 * zone) starts at 17:00 UTC the day before, a day of a daylight-saving zone may have 23 hours, a
 * zone half an hour off UTC is cut from the 15-minute rollup — on every server, from the rollups as
 * they are and after TimescaleDB refreshed them.
 */
@ParameterizedClass(name = "on {0}")
@MethodSource("org.energytrace.ingest.fixtures.TestDatabase#servers")
class LocalDaysIT {
  @Parameter TestDatabase.Server server;
  TestDatabase db;
  Database database;
  PgIngestStore store;
  PgReadQueries queries;
  int seq;

  @BeforeEach
  void migrate() {
    db = TestDatabase.create(server);
    database = Database.open(db.config());
    database.migrate();
    db.pauseJobs();
    store = new PgIngestStore(database.dataSource(), true);
    queries = new PgReadQueries(database.dataSource());
  }

  @AfterEach
  void drop() {
    database.close();
    db.close();
  }

  /**
   * A counter growing 1 + (i mod 7) kWh and a gauge reading i, every 15 minutes from {@code from}
   * for {@code n} steps, of meter em of enterprise {@code e}.
   */
  void write(String e, Instant from, int n) {
    List<String> points = new ArrayList<>();
    double counter = 1_000;
    for (int i = 0; i < n; i++) {
      Instant t = from.plus(Duration.ofMinutes(15L * i));
      points.add(Telemetry.point("Power", t, i, "KWT", "gauge"));
      points.add(Telemetry.point("Energy", t, counter, "KWH", "counter"));
      counter += 1 + (i % 7);
    }
    Gateways.register(database.dataSource(), e + "/plant-1/gw-1");
    String topic = "et/v1/" + e + "/plant-1/gw-1/telemetry";
    for (int i = 0; i < points.size(); i += 500) {
      store.write(
          List.of(
              Telemetry.incoming(
                  Telemetry.validator(),
                  topic,
                  Telemetry.message(
                      ++seq, Instant.now(), points.subList(i, Math.min(points.size(), i + 500))))));
    }
  }

  Series series(String e, String channel, Instant from, Instant to) {
    return queries.series().series(Scope.ALL, e, "em", channel, Resolution.D1, from, to, 1000);
  }

  /** Energy per local date of the raw intervals (booked by start), as PostgreSQL cuts them. */
  Map<LocalDate, Double> rawEnergyByDay(String e, ZoneId zone) {
    Map<LocalDate, Double> out = new LinkedHashMap<>();
    for (String row :
        db.rows(
            "SELECT (ts_start AT TIME ZONE '"
                + zone.getId()
                + "')::date, sum(energy) FROM interval_energy i JOIN enterprise x"
                + " USING (enterprise_id) WHERE x.code = '"
                + e
                + "' GROUP BY 1 ORDER BY 1")) {
      String[] cells = row.split("\\|");
      out.put(LocalDate.parse(cells[0]), Double.parseDouble(cells[1]));
    }
    return out;
  }

  Map<LocalDate, Double> seriesEnergyByDay(Series s) {
    Map<LocalDate, Double> out = new LinkedHashMap<>();
    s.rows().forEach(r -> out.put(((EnergyBucket) r).date(), ((EnergyBucket) r).energy()));
    return out;
  }

  @Test
  // Asia/Ho_Chi_Minh (UTC+7, the default): local midnight is 17:00 UTC; UTC midnight is 07:00
  void aDayOfASiteWithoutAZoneRunsFromFiveInTheAfternoonUtcTheDayBefore() {
    Instant from = Instant.parse("2026-11-26T15:00:00Z");
    write("vn-co", from, 4 * 24 * 3);
    ZoneId vn = ZoneId.of("Asia/Ho_Chi_Minh");
    assertThat(db.text("SELECT time_zone FROM site s JOIN enterprise e USING (enterprise_id)"))
        .isEqualTo("Asia/Ho_Chi_Minh");

    for (boolean refreshed : List.of(false, true)) {
      if (refreshed) {
        db.runJobs("policy_refresh_continuous_aggregate");
      }
      Series s =
          series(
              "vn-co",
              "Energy",
              Instant.parse("2026-11-26T17:00:00Z"),
              Instant.parse("2026-11-28T17:00:00Z"));
      assertThat(s.zone()).isEqualTo(vn);
      assertThat(s.rows())
          .extracting(r -> ((EnergyBucket) r).bucket())
          .as("local midnights")
          .containsExactly(
              Instant.parse("2026-11-26T17:00:00Z"), Instant.parse("2026-11-27T17:00:00Z"));
      assertThat(s.rows())
          .extracting(r -> ((EnergyBucket) r).date())
          .containsExactly(LocalDate.parse("2026-11-27"), LocalDate.parse("2026-11-28"));
      Map<LocalDate, Double> raw = rawEnergyByDay("vn-co", vn);
      seriesEnergyByDay(s)
          .forEach(
              (day, energy) ->
                  assertThat(energy)
                      .as(day + ", refreshed " + refreshed)
                      .isCloseTo(raw.get(day), within(1e-9)));
      // the intervals from 17:00 UTC (00:00 local) to the one starting 16:45 UTC (23:45 local)
      assertThat(
              db.count(
                  "SELECT count(*) FROM interval_energy WHERE ts_start >= '2026-11-26 17:00:00+00'"
                      + " AND ts_start < '2026-11-27 17:00:00+00'"))
          .isEqualTo(((EnergyBucket) s.rows().get(0)).intervals())
          .isEqualTo(96);
    }

    // a range from UTC midnight: the first local day starting in it is the one from 17:00 UTC
    Series fromUtcMidnight =
        series(
            "vn-co",
            "Energy",
            Instant.parse("2026-11-27T00:00:00Z"),
            Instant.parse("2026-11-29T00:00:00Z"));
    assertThat(fromUtcMidnight.rows())
        .extracting(r -> ((EnergyBucket) r).date())
        .containsExactly(LocalDate.parse("2026-11-28"), LocalDate.parse("2026-11-29"));

    // a gauge's local day: the statistics of its readings from local midnight to local midnight
    Series gauge =
        series(
            "vn-co",
            "Power",
            Instant.parse("2026-11-26T17:00:00Z"),
            Instant.parse("2026-11-27T17:00:00Z"));
    GaugeBucket day = (GaugeBucket) gauge.rows().get(0);
    assertThat(day.date()).isEqualTo(LocalDate.parse("2026-11-27"));
    // readings from 2026-11-26T17:00Z (i = 8) to 2026-11-27T16:45Z (i = 103)
    assertThat(day.readings()).isEqualTo(96);
    assertThat(day.min()).isEqualTo(8);
    assertThat(day.max()).isEqualTo(103);
    assertThat(day.avg()).isCloseTo((8 + 103) / 2.0, within(1e-9));
  }

  @Test
  // Europe/Berlin springs forward on 2026-03-29: that local day has 23 hours
  void aDaylightSavingDayHasTheHoursItHas() {
    db.execute("INSERT INTO enterprise (code) VALUES ('de-co')");
    db.execute(
        "INSERT INTO site (enterprise_id, code, time_zone) SELECT enterprise_id, 'plant-1',"
            + " 'Europe/Berlin' FROM enterprise WHERE code = 'de-co'");
    write("de-co", Instant.parse("2026-03-27T20:00:00Z"), 4 * 24 * 4);
    db.runJobs("policy_refresh_continuous_aggregate");

    Series s =
        series(
            "de-co",
            "Energy",
            Instant.parse("2026-03-27T23:00:00Z"),
            Instant.parse("2026-03-29T23:00:00Z"));

    assertThat(s.rows())
        .extracting(r -> ((EnergyBucket) r).date())
        .containsExactly(
            LocalDate.parse("2026-03-28"),
            LocalDate.parse("2026-03-29"),
            LocalDate.parse("2026-03-30"));
    assertThat(s.rows())
        .extracting(r -> ((EnergyBucket) r).intervals())
        .containsExactly(96L, 92L, 96L);
    assertThat(((EnergyBucket) s.rows().get(2)).bucket())
        .isEqualTo(Instant.parse("2026-03-29T22:00:00Z"));
    Map<LocalDate, Double> raw = rawEnergyByDay("de-co", ZoneId.of("Europe/Berlin"));
    seriesEnergyByDay(s)
        .forEach(
            (d, energy) -> assertThat(energy).as(d.toString()).isCloseTo(raw.get(d), within(1e-9)));
  }

  @Test
  // Asia/Kolkata is UTC+5:30: its days start on the half hour, cut from the 15-minute rollup
  void aDayOfAZoneHalfAnHourOffIsCutFromQuarterHours() {
    db.execute("INSERT INTO enterprise (code) VALUES ('in-co')");
    db.execute(
        "INSERT INTO site (enterprise_id, code, time_zone) SELECT enterprise_id, 'plant-1',"
            + " 'Asia/Kolkata' FROM enterprise WHERE code = 'in-co'");
    write("in-co", Instant.parse("2026-11-26T12:00:00Z"), 4 * 24 * 3);

    Series s =
        series(
            "in-co",
            "Energy",
            Instant.parse("2026-11-26T18:30:00Z"),
            Instant.parse("2026-11-28T18:30:00Z"));

    assertThat(s.rows())
        .extracting(r -> ((EnergyBucket) r).bucket())
        .containsExactly(
            Instant.parse("2026-11-26T18:30:00Z"), Instant.parse("2026-11-27T18:30:00Z"));
    assertThat(s.rows()).extracting(r -> ((EnergyBucket) r).intervals()).containsOnly(96L);
    Map<LocalDate, Double> raw = rawEnergyByDay("in-co", ZoneId.of("Asia/Kolkata"));
    seriesEnergyByDay(s)
        .forEach(
            (d, energy) -> assertThat(energy).as(d.toString()).isCloseTo(raw.get(d), within(1e-9)));
  }
}
