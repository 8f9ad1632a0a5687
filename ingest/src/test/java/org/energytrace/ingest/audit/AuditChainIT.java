package org.energytrace.ingest.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.energytrace.ingest.fixtures.TestDatabase;
import org.energytrace.ingest.store.Database;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The audit log's hash chain against the local PostgreSQL (docs/verification.md §4): entries
 * written concurrently by two ingest instances (two connection pools on one database) and inside
 * longer transactions follow each other on one chain without a fork or a gap; an entry written in a
 * transaction that rolls back leaves no hole; changed, deleted and smuggled-in entries are named.
 */
class AuditChainIT {
  static TestDatabase db;
  static Database one;
  static Database two;

  @BeforeAll
  static void start() {
    db = TestDatabase.create();
    one = Database.open(db.config());
    one.migrate();
    two = Database.open(db.config());
  }

  @AfterAll
  static void stop() {
    if (one != null) {
      one.close();
    }
    if (two != null) {
      two.close();
    }
    if (db != null) {
      db.close();
    }
  }

  static AuditEntry entry(String actor, int i) {
    return new AuditEntry(
        Instant.now(),
        actor,
        "system_admin",
        "test.write",
        AuditEntry.Outcome.SUCCESS,
        "e-" + (i % 3),
        "t/" + i,
        "127.0.0.1",
        "entry " + i + " of " + actor,
        i % 2 == 0 ? null : "{\"n\": " + i + ".0, \"b\": [1, 2]}",
        "{\"n\": " + (i + 1) + "}");
  }

  @Test
  void concurrentWritersOfTwoInstancesAppendOneUnforkedChain() throws Exception {
    long before = db.count("select count(*) from audit_log where chain_seq is not null");
    PgAuditLog a = new PgAuditLog(one.dataSource());
    PgAuditLog b = new PgAuditLog(two.dataSource());
    int writers = 6;
    int each = 40;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        PgAuditLog log = w % 2 == 0 ? a : b;
        int writer = w;
        Callable<Void> task =
            () -> {
              for (int i = 0; i < each; i++) {
                if (i % 10 == 3) {
                  // two entries at once (as a bulk discard writes them), in their order
                  try (Connection c = (writer % 2 == 0 ? one : two).dataSource().getConnection()) {
                    PgAuditLog.recordAll(
                        c, List.of(entry("w" + writer, i), entry("w" + writer, i + 1)));
                  }
                  i++;
                } else if (i % 5 == 0) {
                  // an entry inside a longer transaction (as the baseline lifecycle writes them)
                  Database d = writer % 2 == 0 ? one : two;
                  try (Connection c = d.dataSource().getConnection()) {
                    c.setAutoCommit(false);
                    PgAuditLog.record(c, entry("w" + writer, i));
                    c.createStatement().execute("SELECT pg_sleep(0.002)");
                    c.commit();
                  }
                } else {
                  log.record(entry("w" + writer, i));
                }
              }
              return null;
            };
        done.add(pool.submit(task));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    long n = before + (long) writers * each;
    assertThat(db.count("select count(*) from audit_log where chain_seq is not null")).isEqualTo(n);
    // positions 1..n, each once, and every prev_hash is the hash of the entry before it
    assertThat(db.count("select max(chain_seq) from audit_log")).isEqualTo(n);
    assertThat(
            db.count(
                "select count(*) from audit_log x join audit_log p on p.chain_seq = x.chain_seq - 1"
                    + " where x.prev_hash <> p.hash"))
        .isZero();
    PgAuditLog.ChainCheck check = a.verifyChain();
    assertThat(check.firstBreak()).isEmpty();
    assertThat(check.entries()).isEqualTo(n);
  }

  @Test
  void entriesWrittenAtOnceAreChainedInTheirOrderBetweenSingleOnes() throws Exception {
    PgAuditLog log = new PgAuditLog(one.dataSource());
    long first = db.count("select coalesce(max(chain_seq), 0) from audit_log") + 1;
    log.record(entry("single", 0));
    List<AuditEntry> batch = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      batch.add(entry("batch", i));
    }
    try (Connection c = one.dataSource().getConnection()) {
      PgAuditLog.recordAll(c, batch);
      PgAuditLog.recordAll(c, List.of());
    }
    log.record(entry("single", 6));
    assertThat(
            db.rows(
                "select actor || ' ' || target from audit_log where chain_seq >= "
                    + first
                    + " order by chain_seq"))
        .containsExactly(
            "single t/0",
            "batch t/1",
            "batch t/2",
            "batch t/3",
            "batch t/4",
            "batch t/5",
            "single t/6");
    assertThat(
            db.count(
                "select count(*) from audit_log x join audit_log p on p.chain_seq = x.chain_seq - 1"
                    + " where x.chain_seq >= "
                    + first
                    + " and x.prev_hash <> p.hash"))
        .isZero();
    assertThat(log.verifyChain().firstBreak()).isEmpty();
  }

  @Test
  void aCheckWhileEntriesAreAppendedFindsNoBreak() throws Exception {
    PgAuditLog writer = new PgAuditLog(two.dataSource());
    PgAuditLog checker = new PgAuditLog(one.dataSource());
    java.util.concurrent.atomic.AtomicBoolean writing =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<Integer> appended =
          pool.submit(
              () -> {
                int i = 0;
                while (writing.get()) {
                  writer.record(entry("busy", i++));
                }
                return i;
              });
      // an auditor's check (or the nightly one) while the service keeps auditing: every answer
      // is a chain that ends at its head, never "entries were removed from the end"
      List<String> breaks = new ArrayList<>();
      for (int k = 0; k < 60; k++) {
        checker.verifyChain().firstBreak().ifPresent(b -> breaks.add(b.toString()));
      }
      writing.set(false);
      assertThat(appended.get()).isPositive();
      assertThat(breaks).isEmpty();
    } finally {
      writing.set(false);
      pool.shutdown();
    }
  }

  @Test
  void anEntryOfARolledBackTransactionLeavesNoGap() throws Exception {
    PgAuditLog log = new PgAuditLog(one.dataSource());
    try (Connection c = one.dataSource().getConnection()) {
      c.setAutoCommit(false);
      PgAuditLog.record(c, entry("rollback", 1));
      c.rollback();
    }
    log.record(entry("after", 2));
    assertThat(log.verifyChain().firstBreak()).isEmpty();
  }

  @Test
  void aChangedADeletedAndASmuggledEntryAreEachNamed() {
    PgAuditLog log = new PgAuditLog(one.dataSource());
    for (int i = 0; i < 3; i++) {
      log.record(entry("tamper", i));
    }
    long last = db.count("select max(chain_seq) from audit_log");
    long middle = last - 1;
    String detail = db.text("select detail from audit_log where chain_seq = " + middle);

    // a changed value inside before/after (jsonb): the recomputed hash differs
    db.execute("update audit_log set after_state = '{\"n\": 99}' where chain_seq = " + middle);
    assertThat(log.verifyChain().firstBreak())
        .hasValueSatisfying(b -> assertThat(b.seq()).isEqualTo(middle));
    db.execute("update audit_log set after_state = '{\"n\": 2}' where chain_seq = " + middle);
    assertThat(log.verifyChain().firstBreak()).isEmpty();

    // the same value spelt another way is no change (RFC 8785: numbers as ECMAScript prints them)
    db.execute("update audit_log set after_state = '{\"n\": 2.0}' where chain_seq = " + middle);
    assertThat(db.text("select after_state::text from audit_log where chain_seq = " + middle))
        .isEqualTo("{\"n\": 2.0}");
    assertThat(log.verifyChain().firstBreak()).isEmpty();
    assertThat(detail).isEqualTo("entry 1 of tamper");

    // the newest entry deleted: the chain ends before its head
    String row = db.text("select audit_id::text from audit_log where chain_seq = " + last);
    db.execute("create table audit_keep as select * from audit_log where audit_id = " + row);
    db.execute("delete from audit_log where audit_id = " + row);
    assertThat(log.verifyChain().firstBreak())
        .hasValueSatisfying(b -> assertThat(b.problem()).contains("entries were removed"));
    db.execute(
        "insert into audit_log overriding system value select * from audit_keep",
        "drop table audit_keep");
    assertThat(log.verifyChain().firstBreak()).isEmpty();

    // an entry inserted by SQL without a chain position
    db.execute(
        "insert into audit_log (at, actor, actor_role, action, outcome)"
            + " values (now(), 'intruder', 'system_admin', 'x', 'success')");
    assertThat(log.verifyChain().firstBreak())
        .hasValueSatisfying(b -> assertThat(b.problem()).contains("has no place in the chain"));
    db.execute("delete from audit_log where actor = 'intruder'");
    assertThat(log.verifyChain().firstBreak()).isEmpty();
  }
}
