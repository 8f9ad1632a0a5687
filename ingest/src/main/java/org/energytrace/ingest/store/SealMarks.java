package org.energytrace.ingest.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.energytrace.ingest.jdbc.Sql;

/**
 * Marks rows the application stores for a day already sealed (docs/verification.md §3: "late
 * data"), in the storing transaction, so the sealing job appends a revision link for that day. A
 * row changed by SQL behind the application is never marked: it is not sealed again and the
 * integrity check names its day.
 *
 * <p>The marking transaction holds {@link #LOCK} shared, the sealing job ({@code
 * integrity.PgSeals}) holds it exclusively while it reads a series' rows and advances its sealed
 * days: a late row is either committed before the job reads the day (and sealed with it) or marked
 * after the job has sealed the day (and given a revision) — never neither.
 */
public final class SealMarks {
  /** The advisory lock between marking and sealing (two ints: the feature, the lock). */
  public static final String LOCK = "15, 1";

  /**
   * Readings older than the grace period (plus an hour for clocks that differ between instances)
   * can belong to a sealed day; newer ones cannot, and live traffic is not marked at all.
   */
  private static final Duration MARGIN = Duration.ofHours(1);

  private SealMarks() {}

  /**
   * Marks the newly stored readings {@code stored} that belong to a sealed day of their channel.
   *
   * @param grace {@code integrity.seal_grace}
   */
  static void readings(Connection c, List<StoredReading> stored, Duration grace, Instant now)
      throws SQLException {
    if (!(stored instanceof StoredReadings sr) || stored.isEmpty()) {
      return;
    }
    long[] micros = sr.micros();
    long[] channels = sr.channelIds();
    long limit = micros(now.minus(grace).plus(MARGIN));
    int n = 0;
    for (long t : micros) {
      if (t < limit) {
        n++;
      }
    }
    if (n == 0) {
      return;
    }
    Long[] ids = new Long[n];
    String[] ts = new String[n];
    int k = 0;
    for (int i = 0; i < micros.length; i++) {
      if (micros[i] < limit) {
        ids[k] = channels[i];
        ts[k++] = instant(micros[i]).toString();
      }
    }
    lockShared(c);
    Sql.update(
        c,
        "INSERT INTO seal_pending (series, day, ts)"
            + " SELECT s.series, (u.t AT TIME ZONE s.time_zone)::date, u.t"
            + " FROM unnest(?::int8[], ?::timestamptz[]) AS u(id, t)"
            + " JOIN seal_series s ON s.channel_id = u.id"
            + " WHERE (u.t AT TIME ZONE s.time_zone)::date <= s.sealed_through"
            + " ON CONFLICT DO NOTHING",
        c.createArrayOf("int8", ids),
        c.createArrayOf("text", ts));
  }

  /** A production count a batch newly stored: its series' key and its time. */
  record StoredCount(long enterprise, String line, String product, Instant ts) {}

  /** Marks production counts newly stored from the gateways that belong to a sealed day. */
  static void counts(Connection c, List<StoredCount> counts, Duration grace, Instant now)
      throws SQLException {
    Instant limit = now.minus(grace).plus(MARGIN);
    List<Long> enterprises = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    List<String> products = new ArrayList<>();
    List<String> ts = new ArrayList<>();
    for (StoredCount k : counts) {
      if (k.ts().isBefore(limit)) {
        enterprises.add(k.enterprise());
        lines.add(k.line());
        products.add(k.product());
        ts.add(k.ts().toString());
      }
    }
    if (ts.isEmpty()) {
      return;
    }
    lockShared(c);
    Sql.update(
        c,
        "INSERT INTO seal_pending (series, day, ts)"
            + " SELECT s.series, (u.t AT TIME ZONE s.time_zone)::date, u.t"
            + " FROM unnest(?::int8[], ?::text[], ?::text[], ?::timestamptz[])"
            + " AS u(e, line, product, t)"
            + " JOIN seal_series s ON s.kind = 'count' AND s.enterprise_id = u.e"
            + " AND s.count_line = u.line AND s.count_product = u.product"
            + " WHERE (u.t AT TIME ZONE s.time_zone)::date <= s.sealed_through"
            + " ON CONFLICT DO NOTHING",
        c.createArrayOf("int8", enterprises.toArray()),
        c.createArrayOf("text", lines.toArray()),
        c.createArrayOf("text", products.toArray()),
        c.createArrayOf("text", ts.toArray()));
  }

  /**
   * Marks production quantities stored through the API or an upload ({@code products} codes and
   * {@code days}, pairwise) whose day is sealed.
   */
  public static void quantities(Connection c, long enterpriseId, String[] products, String[] days)
      throws SQLException {
    if (products.length == 0) {
      return;
    }
    lockShared(c);
    Sql.update(
        c,
        "INSERT INTO seal_pending (series, day, ts)"
            + " SELECT s.series, u.d::date, '-infinity'"
            + " FROM unnest(?::text[], ?::text[]) AS u(code, d)"
            + " JOIN product p ON p.enterprise_id = ? AND p.code = u.code"
            + " JOIN seal_series s ON s.product_id = p.product_id"
            + " WHERE u.d::date <= s.sealed_through"
            + " ON CONFLICT DO NOTHING",
        c.createArrayOf("text", products),
        c.createArrayOf("text", days),
        enterpriseId);
  }

  private static void lockShared(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute("SELECT pg_advisory_xact_lock_shared(" + LOCK + ")");
    }
  }

  private static long micros(Instant t) {
    return Math.multiplyExact(t.getEpochSecond(), 1_000_000L) + t.getNano() / 1_000L;
  }

  private static Instant instant(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }
}
