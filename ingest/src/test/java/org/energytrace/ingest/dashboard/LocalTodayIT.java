package org.energytrace.ingest.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.energytrace.analytics.units.ConversionTable;
import org.energytrace.analytics.units.EmissionFactors;
import org.energytrace.ingest.dashboard.PgDashboard.MeterState;
import org.energytrace.ingest.fixtures.Gateways;
import org.energytrace.ingest.fixtures.Telemetry;
import org.energytrace.ingest.fixtures.TestDatabase;
import org.energytrace.ingest.store.Database;
import org.energytrace.ingest.store.PgIngestStore;
import org.energytrace.ingest.tenant.Scope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * "Energy today" on the overview and the showcase counts from the site's local midnight (issue 12:
 * some places used UTC days, others the browser's), also for a site never given a time zone: it is
 * in Asia/Ho_Chi_Minh, whose day starts at 17:00 UTC. Checked just after the local midnight and
 * just after the UTC midnight.
 */
class LocalTodayIT {
  static TestDatabase db;
  static Database database;
  static PgDashboard dashboard;

  @BeforeAll
  static void storeADayOfAMeterUsingOneKwhAQuarterHour() {
    db = TestDatabase.create();
    database = Database.open(db.config());
    database.migrate();
    Gateways.register(database.dataSource(), "today-co/plant-1/gw-1");
    List<String> points = new ArrayList<>();
    Instant from = Instant.parse("2026-11-27T12:00:00Z");
    for (int i = 0; i <= 4 * 24; i++) {
      points.add(
          Telemetry.point(
              "Energy", from.plus(Duration.ofMinutes(15L * i)), 500 + i, "KWH", "counter"));
    }
    new PgIngestStore(database.dataSource(), true)
        .write(
            List.of(
                Telemetry.incoming(
                    Telemetry.validator(),
                    "et/v1/today-co/plant-1/gw-1/telemetry",
                    Telemetry.message(1, Instant.now(), points))));
    // a heat counter metered in gigajoules (UNECE GV), stored in kWh like every energy counter
    Gateways.register(database.dataSource(), "heat-co/plant-1/gw-1");
    List<String> heat = new ArrayList<>();
    for (int i = 0; i <= 4 * 24; i++) {
      heat.add(
          Telemetry.point(
              "SteamHeatEnergyTotal",
              from.plus(Duration.ofMinutes(15L * i)),
              7 + 0.01 * i,
              "GV",
              "counter"));
    }
    new PgIngestStore(database.dataSource(), true)
        .write(
            List.of(
                Telemetry.incoming(
                    Telemetry.validator(),
                    "et/v1/heat-co/plant-1/gw-1/telemetry",
                    Telemetry.message(1, Instant.now(), heat))));
    dashboard = new PgDashboard(database.dataSource());
  }

  @AfterAll
  static void drop() {
    database.close();
    db.close();
  }

  MeterState at(String now) {
    List<MeterState> meters = dashboard.meters(Scope.ALL, "today-co", null, Instant.parse(now));
    assertThat(meters).hasSize(1);
    return meters.get(0);
  }

  @Test
  void tenMinutesAfterLocalMidnightTodayHasTenMinutesOfEnergy() {
    MeterState m = at("2026-11-27T17:10:00Z"); // 00:10 on 28 November in Vietnam

    assertThat(m.timeZone()).isEqualTo("Asia/Ho_Chi_Minh");
    assertThat(m.dayStart()).isEqualTo(Instant.parse("2026-11-27T17:00:00Z"));
    assertThat(m.energyToday()).isCloseTo(10 / 15.0, within(1e-9));
  }

  @Test
  void aHeatCounterInGigajoulesIsNotCountedAsElectricityInTheEnergyOfTheDay() {
    List<MeterState> meters =
        dashboard.meters(Scope.ALL, "heat-co", null, Instant.parse("2026-11-27T18:00:00Z"));

    assertThat(meters)
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.energyUnit()).isEqualTo("KWH");
              assertThat(m.energyMeteredUnit()).isEqualTo("GV");
              // an hour of 0.04 GJ = 40 / 3.6 kWh
              assertThat(m.energyToday()).isCloseTo(40 / 3.6, within(1e-6));
            });
    EnergyToday today =
        EnergyToday.of(
            meters,
            LocalDate.of(2026, 11, 28),
            LocalDate.of(2023, 7, 1),
            ConversionTable.bundled(),
            EmissionFactors.bundled());
    assertThat(today.byCarrier()).isEmpty();
    assertThat(today.notCounted()).containsExactly("plant-1/em");
  }

  @Test
  void tenMinutesAfterUtcMidnightTodayStillRunsFromLocalMidnight() {
    MeterState m = at("2026-11-28T00:10:00Z"); // 07:10 local: a UTC day would hold 10 minutes

    assertThat(m.dayStart()).isEqualTo(Instant.parse("2026-11-27T17:00:00Z"));
    assertThat(m.energyToday()).isCloseTo(28 + 10 / 15.0, within(1e-9));
  }
}
