package org.energytrace.ingest.bench;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import org.energytrace.ingest.audit.PgAuditLog;
import org.energytrace.ingest.fixtures.TestDatabase;
import org.energytrace.ingest.integrity.IntegrityCheck;
import org.energytrace.ingest.integrity.PgSeals;
import org.energytrace.ingest.store.Database;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The sealing job's cost on a realistic day (not part of {@code mvn verify}): {@code channels}
 * channels of one site (Asia/Ho_Chi_Minh) with a reading every 15 minutes (96 a day). A first pass
 * finds the series and seals a warm-up day; then a second day of readings is stored and the pass
 * that seals it is timed, then the nightly check of that day (every chain walked, the day
 * recomputed) and the check over both days. Prints milliseconds; docs/verification.md quotes them.
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat cp.txt) \
 *   org.energytrace.ingest.bench.SealingBenchmark [channels] [rounds]
 * </pre>
 */
public final class SealingBenchmark {
  public static void main(String[] args) throws Exception {
    int channels = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    ZoneId zone = ZoneId.of("Asia/Ho_Chi_Minh");
    LocalDate day0 = LocalDate.of(2026, 3, 1);
    TestDatabase db = TestDatabase.create();
    try {
      PGSimpleDataSource ds = db.dataSource();
      Database.migrate(ds);
      try (Connection c = ds.getConnection();
          Statement st = c.createStatement()) {
        st.execute("INSERT INTO enterprise (code) VALUES ('bench')");
        st.execute(
            "INSERT INTO site (enterprise_id, code, time_zone) SELECT enterprise_id, 's',"
                + " 'Asia/Ho_Chi_Minh' FROM enterprise");
        st.execute(
            "INSERT INTO meter (enterprise_id, site_id, code) SELECT enterprise_id, site_id, 'm'"
                + " FROM site");
        st.execute(
            "INSERT INTO channel (enterprise_id, meter_id, name, unit, original_unit, kind)"
                + " SELECT enterprise_id, meter_id, 'c' || i, 'KWT', 'KWT', 'gauge'"
                + " FROM meter, generate_series(1, "
                + channels
                + ") i");
      }
      for (int r = 0; r < rounds; r++) {
        LocalDate warm = day0.plusDays(2L * r);
        LocalDate day = warm.plusDays(1);
        store(ds, warm, zone);
        seals(ds, warm.plusDays(1), zone).sealReady();
        store(ds, day, zone);
        PgSeals seals = seals(ds, day.plusDays(1), zone);
        long t0 = System.nanoTime();
        PgSeals.SealRun run = seals.sealReady();
        long t1 = System.nanoTime();
        IntegrityCheck check = new IntegrityCheck(ds, seals, new PgAuditLog(ds));
        IntegrityCheck.Report nightly = check.checkNewestDays();
        long t2 = System.nanoTime();
        System.out.printf(
            Locale.ROOT,
            "round %d: sealed %d links (%d channels x 96 readings) in %.0f ms; nightly check of"
                + " the day (%d series-days, ok=%s) %.0f ms%n",
            r + 1,
            run.links(),
            channels,
            (t1 - t0) / 1e6,
            nightly.seriesDays(),
            nightly.ok(),
            (t2 - t1) / 1e6);
      }
    } finally {
      db.close();
    }
  }

  static PgSeals seals(PGSimpleDataSource ds, LocalDate nextDay, ZoneId zone) {
    // the clock just after the sealed day ended: grace 0
    return new PgSeals(
        ds,
        Duration.ZERO,
        Clock.fixed(nextDay.atStartOfDay(zone).toInstant().plusSeconds(60), ZoneOffset.UTC));
  }

  static void store(PGSimpleDataSource ds, LocalDate day, ZoneId zone) throws Exception {
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement()) {
      st.execute(
          "INSERT INTO reading (enterprise_id, channel_id, ts, value, quality, received_at)"
              + " SELECT ch.enterprise_id, ch.channel_id, '"
              + day.atStartOfDay(zone).toOffsetDateTime()
              + "'::timestamptz + i * interval '15 minutes', 10 + random() * 90, 0, now()"
              + " FROM channel ch, generate_series(0, 95) i");
      st.execute("ANALYZE reading");
    }
  }
}
