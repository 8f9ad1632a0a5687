package org.energytrace.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.energytrace.ingest.fixtures.Gateways;
import org.energytrace.ingest.fixtures.Telemetry;
import org.energytrace.ingest.fixtures.TestDatabase;
import org.energytrace.ingest.validate.MessageValidator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code reading} has no per-row foreign key to {@code channel} (V50, issue 19): what guards the
 * reference instead. A channel with readings cannot be deleted (the foreign key's error, 23503),
 * also while a batch storing readings of it is in flight; a channel deleted after the registry
 * cache learnt it is resolved again, never written to under its old id. No test may leave a reading
 * whose channel does not exist.
 */
class ChannelGuardIT {
  static TestDatabase db;
  static Database database;
  final MessageValidator validator = Telemetry.validator();
  final ExecutorService threads = Executors.newCachedThreadPool();

  @BeforeAll
  static void migrate() {
    db = TestDatabase.create();
    database = Database.open(db.config());
    database.migrate();
    Gateways.register(
        database.dataSource(),
        "guard-co/plant-1/gw-1",
        "inflight-co/plant-1/gw-1",
        "stale-co/plant-1/gw-1",
        "race-co/plant-1/gw-1",
        "closed-co/plant-1/gw-1");
  }

  @AfterAll
  static void drop() {
    database.close();
    db.close();
  }

  @AfterEach
  void noReadingWithoutItsChannel() {
    threads.shutdownNow();
    assertThat(
            db.count(
                "select count(*) from reading r"
                    + " where not exists (select 1 from channel c where c.channel_id = r.channel_id)"))
        .as("readings whose channel does not exist")
        .isZero();
  }

  static final Instant T0 =
      Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);

  BatchResult write(PgIngestStore store, String enterprise, String channel, int seq, int seconds) {
    Instant ts = T0.plusSeconds(seconds);
    String topic = "et/v1/" + enterprise + "/plant-1/gw-1/telemetry";
    byte[] payload =
        Telemetry.message(seq, ts, List.of(Telemetry.point(channel, ts, seq, "KWT", "gauge")));
    return store.write(List.of(Telemetry.incoming(validator, topic, payload)));
  }

  long channelId(String enterprise, String channel) {
    return db.count(
        "select c.channel_id from channel c join enterprise e using (enterprise_id)"
            + " where e.code = '"
            + enterprise
            + "' and c.name = '"
            + channel
            + "'");
  }

  long readings(String enterprise) {
    return db.count(
        "select count(*) from reading join enterprise e using (enterprise_id) where e.code = '"
            + enterprise
            + "'");
  }

  static void execute(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  @Test
  void refusesToDeleteTruncateOrRenumberAChannelThatHasReadingsWithTheForeignKeysError()
      throws Exception {
    PgIngestStore store = new PgIngestStore(database.dataSource(), true);
    write(store, "guard-co", "Power", 1, 1);
    write(store, "guard-co", "Power", 2, 2);
    long id = channelId("guard-co", "Power");

    try (Connection c = db.connect()) {
      assertThatThrownBy(() -> execute(c, "DELETE FROM channel WHERE channel_id = " + id))
          .isInstanceOfSatisfying(
              SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23503"))
          .hasMessageContaining("channel " + id + " has readings");
      assertThatThrownBy(
              () -> execute(c, "UPDATE channel SET channel_id = DEFAULT WHERE channel_id = " + id))
          .isInstanceOfSatisfying(
              SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23503"));
      assertThatThrownBy(() -> execute(c, "TRUNCATE channel CASCADE"))
          .isInstanceOfSatisfying(
              SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23503"))
          .hasMessageContaining("while readings exist");
      // at a stricter isolation level the check could miss readings committed meanwhile
      c.setAutoCommit(false);
      execute(c, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
      assertThatThrownBy(() -> execute(c, "DELETE FROM channel WHERE channel_id = " + id))
          .isInstanceOfSatisfying(
              SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23503"))
          .hasMessageContaining("only in a READ COMMITTED transaction");
      c.rollback();
    }
    assertThat(readings("guard-co")).isEqualTo(2);
    assertThat(channelId("guard-co", "Power")).isEqualTo(id);
  }

  @Test
  void deletesAChannelOnceItHasNoReadings() throws Exception {
    PgIngestStore store = new PgIngestStore(database.dataSource(), true);
    write(store, "guard-co", "Spare", 3, 3);
    long id = channelId("guard-co", "Spare");
    try (Connection c = db.connect()) {
      execute(c, "DELETE FROM reading WHERE channel_id = " + id);
      execute(c, "DELETE FROM channel WHERE channel_id = " + id);
    }
    assertThat(db.count("select count(*) from channel where channel_id = " + id)).isZero();
  }

  @Test
  // the batch holds the readings guard until commit; a removal takes it exclusively first
  void aDeleteIssuedWhileABatchOfTheChannelIsInFlightWaitsForItsCommitAndIsRefused()
      throws Exception {
    PgIngestStore store = new PgIngestStore(database.dataSource(), true);
    write(store, "inflight-co", "Power", 1, 1); // registers and caches the channel
    long id = channelId("inflight-co", "Power");
    // readings of a channel with none stored yet would be the case a deletion can race with:
    // delete the stored one so that only the batch in flight holds the channel
    try (Connection c = db.connect()) {
      execute(c, "DELETE FROM reading WHERE channel_id = " + id);
    }
    try (Connection holder = db.connect();
        Connection deleter = db.connect()) {
      // hold the gateway's row: the batch stops at its last statement, readings inserted
      holder.setAutoCommit(false);
      execute(
          holder,
          "SELECT 1 FROM gateway g JOIN enterprise e USING (enterprise_id)"
              + " WHERE e.code = 'inflight-co' FOR UPDATE OF g");
      Future<BatchResult> batch = threads.submit(() -> write(store, "inflight-co", "Power", 2, 2));
      awaitWaiting("UPDATE gateway");
      CompletableFuture<Void> delete =
          CompletableFuture.runAsync(
              () -> {
                try {
                  execute(deleter, "DELETE FROM channel WHERE channel_id = " + id);
                } catch (SQLException e) {
                  throw new IllegalStateException(e);
                }
              },
              threads);
      awaitWaiting("DELETE FROM channel");
      holder.rollback();

      assertThat(batch.get(10, TimeUnit.SECONDS).stored()).hasSize(1);
      assertThatThrownBy(() -> delete.get(10, TimeUnit.SECONDS))
          .rootCause()
          .isInstanceOfSatisfying(
              SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23503"))
          .hasMessageContaining("channel " + id + " has readings");
    }
    assertThat(readings("inflight-co")).isEqualTo(1);
  }

  @Test
  void aChannelDeletedAfterTheCacheLearntItIsRegisteredAgainNotWrittenToUnderItsOldId()
      throws Exception {
    PgIngestStore store = new PgIngestStore(database.dataSource(), true);
    write(store, "stale-co", "Power", 1, 1);
    long old = channelId("stale-co", "Power");
    try (Connection c = db.connect()) {
      execute(c, "DELETE FROM reading WHERE channel_id = " + old);
      execute(c, "DELETE FROM channel WHERE channel_id = " + old);
    }

    BatchResult r = write(store, "stale-co", "Power", 2, 2);

    assertThat(r.stored()).hasSize(1);
    long now = channelId("stale-co", "Power");
    assertThat(now).isNotEqualTo(old);
    assertThat(db.count("select count(*) from reading where channel_id = " + now)).isEqualTo(1);
    assertThat(db.count("select count(*) from reading where channel_id = " + old)).isZero();
  }

  @Test
  void aPointOfAChannelDeletedAfterTheCacheLearntItIsQuarantinedWhenNothingMayRegisterIt()
      throws Exception {
    PgIngestStore registering = new PgIngestStore(database.dataSource(), true);
    write(registering, "closed-co", "Power", 1, 1);
    PgIngestStore store = new PgIngestStore(database.dataSource(), false);
    write(store, "closed-co", "Power", 2, 2); // caches the channel
    long id = channelId("closed-co", "Power");
    try (Connection c = db.connect()) {
      execute(c, "DELETE FROM reading WHERE channel_id = " + id);
      execute(c, "DELETE FROM channel WHERE channel_id = " + id);
    }

    BatchResult r = write(store, "closed-co", "Power", 3, 3);

    assertThat(r.stored()).isEmpty();
    assertThat(r.quarantined()).isEqualTo(1);
    assertThat(readings("closed-co")).isZero();
    assertThat(
            db.count(
                "select count(*) from quarantine where topic like 'et/v1/closed-co/%'"
                    + " and reason like '%unknown meter or channel%'"))
        .isEqualTo(1);
  }

  @Test
  // the other order of the race: the deletion commits while the batch waits for its channel
  void aBatchWaitingOnAChannelWhoseDeletionThenCommitsResolvesItsPointsAgain() throws Exception {
    PgIngestStore store = new PgIngestStore(database.dataSource(), true);
    write(store, "race-co", "Power", 1, 1);
    long old = channelId("race-co", "Power");
    try (Connection c = db.connect()) {
      execute(c, "DELETE FROM reading WHERE channel_id = " + old);
    }
    try (Connection deleter = db.connect()) {
      deleter.setAutoCommit(false);
      execute(deleter, "DELETE FROM channel WHERE channel_id = " + old);
      Future<BatchResult> batch = threads.submit(() -> write(store, "race-co", "Power", 2, 2));
      awaitWaiting("pg_advisory_xact_lock_shared");
      deleter.commit();

      assertThat(batch.get(10, TimeUnit.SECONDS).stored()).hasSize(1);
    }
    long now = channelId("race-co", "Power");
    assertThat(now).isNotEqualTo(old);
    assertThat(db.count("select count(*) from reading where channel_id = " + now)).isEqualTo(1);
  }

  /** Waits until a statement containing {@code sql} waits for a lock in this database. */
  void awaitWaiting(String sql) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                db.count(
                        "select count(*) from pg_stat_activity where datname = current_database()"
                            + " and wait_event_type = 'Lock' and query like '%"
                            + sql
                            + "%'")
                    > 0);
  }
}
