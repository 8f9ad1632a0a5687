package org.energytrace.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.energytrace.ingest.fixtures.TestDatabase;
import org.energytrace.ingest.fixtures.TestDatabase.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The migrations run on every kind of server — plain PostgreSQL, TimescaleDB full and apache, and a
 * server with TimescaleDB installed but not preloaded (issue 12: V2 decided by
 * pg_available_extensions and every migration failed there with {@code extension "timescaledb" must
 * be preloaded}) — and {@code storage_feature} says which path was taken and why.
 */
@ParameterizedClass(name = "on {0}")
@MethodSource("org.energytrace.ingest.fixtures.TestDatabase#servers")
class StorageEditionIT {
  @Parameter TestDatabase.Server server;
  TestDatabase db;
  Database database;

  @BeforeEach
  void create() {
    db = TestDatabase.createEmpty(server);
    database = Database.open(db.config());
  }

  @AfterEach
  void drop() {
    database.close();
    db.close();
  }

  String provider(String feature) {
    return db.text("SELECT provider FROM storage_feature WHERE feature = '" + feature + "'");
  }

  String detail(String feature) {
    return db.text("SELECT detail FROM storage_feature WHERE feature = '" + feature + "'");
  }

  @Test
  void migratesAndRecordsWhichEditionServesTheDatabaseAndWhy() {
    database.migrate();

    assertThat(db.timescale()).as("reading is a hypertable").isEqualTo(server.kind().timescale());
    switch (server.kind()) {
      case PLAIN -> {
        assertThat(provider("edition")).isEqualTo("none");
        assertThat(detail("edition")).contains("plain PostgreSQL", "not installed");
      }
      case TIMESCALEDB_NOT_PRELOADED -> {
        assertThat(provider("edition")).isEqualTo("none");
        assertThat(detail("edition"))
            .contains("plain PostgreSQL", "not preloaded", "shared_preload_libraries");
      }
      case TIMESCALEDB_APACHE -> {
        assertThat(provider("edition")).isEqualTo("timescaledb");
        assertThat(detail("edition")).contains("apache edition");
      }
      case TIMESCALEDB_FULL -> {
        assertThat(provider("edition")).isEqualTo("timescaledb");
        assertThat(detail("edition")).contains("full edition");
      }
    }
    assertThat(provider("rollups"))
        .isEqualTo(server.kind() == Kind.TIMESCALEDB_FULL ? "timescaledb" : "service");
    assertThat(provider("retention"))
        .isEqualTo(server.kind() == Kind.TIMESCALEDB_FULL ? "timescaledb" : "service");
    assertThat(database.storageFeatures())
        .first()
        .asString()
        .startsWith("edition: " + provider("edition") + " (" + detail("edition"));
    assertThat(database.storageFeatures()).hasSize(4);
  }

  @Test
  void aSecondMigrationAppliesNothingAndStillNamesTheSchemaVersion() {
    String reached = Database.schemaVersion(database.migrate());
    var again = database.migrate();

    assertThat(again.migrationsExecuted).isZero();
    assertThat(Database.schemaVersion(again)).isNotNull().isEqualTo(reached);
    assertThat(reached)
        .as("the newest migration's version")
        .isEqualTo(db.text("SELECT max(version::int)::text FROM flyway_schema_history"));
  }

  @Test
  // V2 was rewritten: a database that recorded the first V2's checksum must still migrate
  void aDatabaseMigratedWithTheFirstV2MigratesWithoutAChecksumMismatch() {
    database.migrate();
    assertThat(db.count("SELECT checksum FROM flyway_schema_history WHERE version = '2'"))
        .as("Flyway's checksum of V2 is the one Database computes")
        .isEqualTo(Database.flywayChecksum(Database.V2));
    db.execute(
        "UPDATE flyway_schema_history SET checksum = "
            + Database.FIRST_V2_CHECKSUM
            + " WHERE version = '2'");

    database.migrate();

    assertThat(db.count("SELECT checksum FROM flyway_schema_history WHERE version = '2'"))
        .isEqualTo(Database.flywayChecksum(Database.V2));
  }

  @Test
  void anyOtherChecksumOfV2StillFailsFlywaysValidation() {
    database.migrate();
    db.execute("UPDATE flyway_schema_history SET checksum = 1 WHERE version = '2'");

    org.assertj.core.api.Assertions.assertThatThrownBy(database::migrate)
        .hasMessageContaining("checksum");
  }
}
