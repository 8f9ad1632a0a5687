package org.energytrace.ingest.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.energytrace.ingest.fixtures.TestDatabase;
import org.energytrace.ingest.store.Database;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * V62 on a database that already holds audit entries (docs/verification.md §9.2): those stay
 * unchained, the chain starts at the migration from the genesis, and an entry inserted later
 * without a chain position is named while the old unchained ones are not.
 */
class AuditChainMigrationIT {

  @Test
  void entriesBeforeTheMigrationStayUnchainedAndTheChainStartsAtTheGenesis() {
    try (TestDatabase db = TestDatabase.createEmpty()) {
      PGSimpleDataSource ds = db.dataSource();
      db.migrateUpTo("60");
      for (int i = 0; i < 3; i++) {
        db.execute(
            "INSERT INTO audit_log (at, actor, actor_role, action, outcome)"
                + " VALUES (now(), 'old-"
                + i
                + "', 'system_admin', 'old.action', 'success')");
      }

      Database.migrate(ds);

      assertThat(db.count("select count(*) from audit_log where chain_seq is null")).isEqualTo(3);
      assertThat(
              db.text(
                  "select seq || ' ' || hash || ' ' || unchained_through from audit_chain_head"))
          .isEqualTo("0 " + "0".repeat(64) + " 3");
      PgAuditLog log = new PgAuditLog(ds);
      assertThat(log.verifyChain().firstBreak()).isEmpty();
      log.record(
          new AuditEntry(
              Instant.now(),
              "new",
              "system_admin",
              "new.action",
              AuditEntry.Outcome.SUCCESS,
              null,
              null,
              null,
              null,
              null,
              null));
      assertThat(db.text("select chain_seq || ' ' || prev_hash from audit_log where actor = 'new'"))
          .isEqualTo("1 " + "0".repeat(64));
      PgAuditLog.ChainCheck check = log.verifyChain();
      assertThat(check.firstBreak()).isEmpty();
      assertThat(check.entries()).isEqualTo(1);

      db.execute(
          "INSERT INTO audit_log (at, actor, actor_role, action, outcome)"
              + " VALUES (now(), 'smuggled', 'system_admin', 'x', 'success')");
      assertThat(log.verifyChain().firstBreak())
          .hasValueSatisfying(b -> assertThat(b.problem()).contains("has no place in the chain"));
    }
  }
}
