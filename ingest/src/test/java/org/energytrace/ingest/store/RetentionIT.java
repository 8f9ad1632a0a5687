package org.energytrace.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.energytrace.ingest.fixtures.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Retention where the database has no policy of its own: readings older than five years are deleted
 * (in slices), younger ones stay; where TimescaleDB's policy does it (full edition), that policy
 * exists and the service deletes nothing. Runs on every server of {@link TestDatabase#servers()}:
 * on TimescaleDB {@code reading} is a hypertable, where the service's deletion must hold too (the
 * apache edition has no retention policy).
 */
@ParameterizedClass(name = "on {0}")
@MethodSource("org.energytrace.ingest.fixtures.TestDatabase#servers")
class RetentionIT {
  @Parameter TestDatabase.Server server;
  TestDatabase db;
  Database database;
  Retention retention;

  @BeforeEach
  void migrate() throws SQLException {
    db = TestDatabase.create(server);
    database = Database.open(db.config());
    database.migrate();
    db.pauseJobs(); // TimescaleDB's own retention policy must not run beside the service's
    retention = new Retention(database.dataSource(), Clock.systemUTC());
    try (Connection c = db.connect();
        Statement st = c.createStatement()) {
      st.execute("INSERT INTO enterprise (code) VALUES ('ret')");
      st.execute(
          "INSERT INTO site (enterprise_id, code) SELECT enterprise_id, 'plant-1' FROM enterprise");
      st.execute(
          "INSERT INTO meter (enterprise_id, site_id, code) SELECT enterprise_id, site_id, 'em'"
              + " FROM site");
      st.execute(
          "INSERT INTO channel (enterprise_id, meter_id, name, unit, kind, original_unit)"
              + " SELECT enterprise_id, meter_id, n, 'KWT', 'gauge', 'KWT' FROM meter,"
              + " (VALUES ('P1'), ('P2')) AS v(n)");
    }
  }

  @AfterEach
  void close() {
    database.close();
    db.close();
  }

  /** Readings of both channels every {@code step} from {@code from} for {@code n} steps. */
  void readings(Instant from, Duration step, int n) throws SQLException {
    try (Connection c = db.connect();
        Statement st = c.createStatement()) {
      st.execute(
          "INSERT INTO reading (enterprise_id, channel_id, ts, value, quality, received_at)"
              + " SELECT enterprise_id, channel_id, timestamptz '"
              + OffsetDateTime.ofInstant(from, ZoneOffset.UTC)
              + "' + g * interval '"
              + step.toSeconds()
              + " seconds', g, 0, now() FROM channel, generate_series(0, "
              + (n - 1)
              + ") AS g");
    }
  }

  long readingsBefore(Instant t) {
    return db.count(
        "SELECT count(*) FROM reading WHERE ts < '"
            + OffsetDateTime.ofInstant(t, ZoneOffset.UTC)
            + "'");
  }

  @Test
  void whereTimescaleDbKeepsRetentionItsPolicyHasTheSameHorizonAndTheServiceDeletesNothing()
      throws SQLException {
    readings(retention.cutoff().minus(Duration.ofDays(10)), Duration.ofHours(1), 24);
    if (!"timescaledb".equals(db.text(PROVIDER))) {
      assertThat(db.text(PROVIDER)).isEqualTo("service");
      assertThat(db.kind()).isNotEqualTo(TestDatabase.Kind.TIMESCALEDB_FULL);
      return;
    }
    assertThat(db.kind()).isEqualTo(TestDatabase.Kind.TIMESCALEDB_FULL);
    assertThat(
            db.count(
                "SELECT count(*) FROM timescaledb_information.jobs"
                    + " WHERE proc_name = 'policy_retention' AND hypertable_name = 'reading'"
                    + " AND config->>'drop_after' = '5 years'"))
        .isEqualTo(1);
    assertThat(retention.runOnce()).isZero();
    assertThat(db.count("SELECT count(*) FROM reading")).isEqualTo(2 * 24);
  }

  @Test
  // issue 12: on a hypertable ctids repeat in every chunk; deleting by ctid = ANY(…) removed
  // readings of the last days too (expected 25 000 but was 25 300)
  void deletesReadingsOlderThanFiveYearsAndKeepsTheRestAlsoOnAHypertable() throws SQLException {
    assertThat(db.timescale()).as("reading is a hypertable").isEqualTo(db.kind().timescale());
    // on the full edition the service's deletion is what the apache edition relies on
    db.execute("UPDATE storage_feature SET provider = 'service' WHERE feature = 'retention'");
    Instant cutoff = retention.cutoff();
    // 12 500 readings a channel in the year before the cutoff: more than one slice per channel
    readings(cutoff.minus(Duration.ofDays(365)), Duration.ofMinutes(30), 12_500);
    readings(cutoff.plus(Duration.ofHours(1)), Duration.ofDays(1), 100);
    readings(Instant.now().minus(Duration.ofDays(10)), Duration.ofMinutes(15), 960);
    long total = db.count("SELECT count(*) FROM reading");
    assertThat(readingsBefore(cutoff)).isEqualTo(2 * 12_500);

    long deleted = retention.runOnce();

    assertThat(deleted).isEqualTo(2 * 12_500);
    assertThat(readingsBefore(cutoff)).isZero();
    assertThat(db.count("SELECT count(*) FROM reading")).isEqualTo(total - deleted);
    assertThat(db.count("SELECT count(*) FROM reading WHERE ts >= now() - interval '11 days'"))
        .as("the last ten days' readings")
        .isEqualTo(2 * 960);
    assertThat(
            db.count(
                "SELECT count(*) FROM reading WHERE ts >= '"
                    + OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC)
                    + "' AND ts < now() - interval '11 days'"))
        .as("the readings just after the cutoff")
        .isEqualTo(2 * 100);
    assertThat(retention.runOnce()).as("a second pass finds nothing").isZero();
  }

  static final String PROVIDER = "SELECT provider FROM storage_feature WHERE feature = 'retention'";

  @Test
  void deletesNothingWhereTheDatabaseKeepsRetentionItself() throws SQLException {
    readings(retention.cutoff().minus(Duration.ofDays(10)), Duration.ofHours(1), 24);
    try (Connection c = db.connect();
        Statement st = c.createStatement()) {
      st.execute("UPDATE storage_feature SET provider = 'timescaledb' WHERE feature = 'retention'");
    }

    assertThat(retention.runOnce()).isZero();
    assertThat(db.count("SELECT count(*) FROM reading")).isEqualTo(2 * 24);
  }
}
