package org.energytrace.ingest.bench;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.energytrace.ingest.audit.AuditEntry;
import org.energytrace.ingest.fixtures.TestDatabase;
import org.energytrace.ingest.store.Database;
import org.energytrace.ingest.store.QuarantineRows;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The discard of every quarantined message whose reason contains a text (not part of {@code mvn
 * verify}): {@code rows} messages still in quarantine with that text among as many others, then one
 * {@code POST /api/v1/quarantine/discard} worth of work ({@link QuarantineRows#discardMatching},
 * each message audited in the transaction). The transaction holds the audit log's chain head from
 * its first entry to its commit, so other audited actions (sign-ins, changes) wait that long: the
 * time printed is that wait at most. Command and results: docs/benchmarks/ingest.md.
 *
 * <pre>
 * java -cp target/test-classes:target/energytrace-ingest.jar \
 *   org.energytrace.ingest.bench.QuarantineDiscardBenchmark [rows] [rounds]
 * </pre>
 */
public final class QuarantineDiscardBenchmark {
  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    TestDatabase db = TestDatabase.create();
    try {
      PGSimpleDataSource ds = db.dataSource();
      Database.migrate(ds);
      QuarantineRows quarantine = new QuarantineRows(ds, 1 << 20);
      try (Connection c = ds.getConnection();
          Statement st = c.createStatement()) {
        st.execute("INSERT INTO enterprise (code) VALUES ('bench')");
      }
      for (int r = 0; r < rounds; r++) {
        String text = "retired-" + r;
        try (Connection c = ds.getConnection();
            Statement st = c.createStatement()) {
          // the messages to discard and as many others, as the store writes them
          st.execute(
              "INSERT INTO quarantine (enterprise_id, topic, payload, reason, received_at)"
                  + " SELECT enterprise_id, 'et/v1/bench/s/gw/telemetry', convert_to('{}', 'UTF8'),"
                  + " CASE WHEN i % 2 = 0 THEN 'meter ''"
                  + text
                  + "'' channel ''P'' at 2026-12-05T10:00:00Z: unknown meter or channel'"
                  + " ELSE 'payload: not acceptable JSON' END, now()"
                  + " FROM enterprise, generate_series(1, "
                  + 2 * rows
                  + ") i");
        }
        AuditEntry audit =
            new AuditEntry(
                Instant.now(),
                "bench",
                "system_admin",
                "quarantine.discard",
                AuditEntry.Outcome.SUCCESS,
                null,
                "quarantine",
                "127.0.0.1",
                "benchmark",
                null,
                null);
        long t0 = System.nanoTime();
        List<Long> ids = quarantine.discardMatching("bench", "'" + text + "'", rows, audit);
        long t1 = System.nanoTime();
        System.out.printf(
            Locale.ROOT,
            "round %d: discarded %d of %d quarantined messages, each audited, in %.0f ms"
                + " (%.0f messages/s)%n",
            r + 1,
            ids.size(),
            2 * rows * (r + 1),
            (t1 - t0) / 1e6,
            ids.size() / ((t1 - t0) / 1e9));
      }
    } finally {
      db.close();
    }
  }
}
