package org.energytrace.ingest.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import javax.sql.DataSource;
import org.energytrace.ingest.jdbc.Sql;

/**
 * The message numbers ({@code seq}) ingest received from each gateway, kept as ranges (V97), and
 * the numbers missing between them. A gateway numbers its messages consecutively and publishes
 * every number (docs/asyncapi.yaml), so a number still missing once higher ones have arrived is a
 * message on its way (a backlog replayed late) or lost between gateway and ingest: a broker past
 * its queue limit dropped a gateway message that both sides counted as delivered, and only the
 * broker's log said so.
 */
public final class MessageNumbers {
  private MessageNumbers() {}

  /**
   * Numbers {@code from}..{@code to} of a gateway not received, below numbers first received at
   * {@code since}.
   */
  public record Gap(String enterprise, String gateway, long from, long to, Instant since) {
    public long count() {
      return to - from + 1;
    }
  }

  /** A range of numbers of a gateway received in one batch. */
  private record Range(long gateway, long lo, long hi) {}

  /**
   * Records the numbers of a batch, by gateway id, in the batch's transaction, after the gateways'
   * rows were updated (their locks keep two instances from merging one gateway's ranges at once):
   * the batch's ranges are merged with the stored ranges they meet or touch.
   */
  static void record(Connection c, Map<Long, List<Long>> numbers, Instant at) throws SQLException {
    List<Range> ranges = new ArrayList<>();
    numbers.forEach(
        (gateway, seqs) -> {
          long[] sorted = seqs.stream().mapToLong(Long::longValue).sorted().distinct().toArray();
          int start = 0;
          for (int i = 1; i <= sorted.length; i++) {
            if (i == sorted.length || sorted[i] != sorted[i - 1] + 1) {
              ranges.add(new Range(gateway, sorted[start], sorted[i - 1]));
              start = i;
            }
          }
        });
    if (ranges.isEmpty()) {
      return;
    }
    // one statement: the stored ranges the batch's meet or touch are taken out and merged with
    // them (islands of overlapping or adjacent ranges), each merged range keeping its first arrival
    Sql.update(
        c,
        "WITH u(g, lo, hi) AS (SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::bigint[])),"
            + " d AS (DELETE FROM gateway_message_range r USING u WHERE r.gateway_id = u.g"
            + " AND r.lo <= u.hi + 1 AND r.hi >= u.lo - 1"
            + " RETURNING r.gateway_id AS g, r.lo, r.hi, r.received_at AS at),"
            + " a AS (SELECT g, lo, hi, at FROM d UNION ALL SELECT g, lo, hi, ?::timestamptz FROM u),"
            + " o AS (SELECT g, lo, hi, at, max(hi) OVER (PARTITION BY g ORDER BY lo, hi"
            + " ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev FROM a),"
            + " i AS (SELECT g, lo, hi, at, count(*) FILTER (WHERE prev IS NULL OR lo > prev + 1)"
            + " OVER (PARTITION BY g ORDER BY lo, hi) AS island FROM o)"
            + " INSERT INTO gateway_message_range (gateway_id, lo, hi, received_at)"
            + " SELECT g, min(lo), max(hi), min(at) FROM i GROUP BY g, island",
        Sql.args(
            array(c, ranges, Range::gateway),
            array(c, ranges, Range::lo),
            array(c, ranges, Range::hi),
            at));
  }

  private static Array array(Connection c, List<Range> ranges, ToLongFunction<Range> f)
      throws SQLException {
    return c.createArrayOf("bigint", ranges.stream().map(f::applyAsLong).toArray());
  }

  /**
   * The numbers missing below numbers that arrived at or before {@code before} (younger gaps may be
   * a backlog still on its way), gateway by gateway, lowest first.
   */
  public static List<Gap> gaps(DataSource dataSource, Instant before) {
    return Sql.with(
        dataSource, "reading the gateways' missing message numbers", c -> gaps(c, null, before));
  }

  /** The same for the gateways of one enterprise ({@code enterprise}), or of all ({@code null}). */
  public static List<Gap> gaps(Connection c, String enterprise, Instant before)
      throws SQLException {
    return Sql.list(
        c,
        // one enterprise's ranges only are read (the overview asks every minute a page is open)
        "SELECT e.code, g.code, x.hi + 1, x.next_lo - 1, x.next_at FROM ("
            + " SELECT gateway_id, hi, lead(lo) OVER w AS next_lo, lead(received_at) OVER w AS"
            + " next_at FROM gateway_message_range WHERE ?::text IS NULL OR gateway_id IN"
            + " (SELECT gateway_id FROM gateway JOIN enterprise USING (enterprise_id)"
            + " WHERE enterprise.code = ?)"
            + " WINDOW w AS (PARTITION BY gateway_id ORDER BY lo)) x JOIN gateway g USING"
            + " (gateway_id) JOIN enterprise e ON e.enterprise_id = g.enterprise_id"
            + " WHERE x.next_lo IS NOT NULL AND x.next_at <= ? ORDER BY e.code, g.code, x.hi",
        Sql.args(Sql.text(enterprise), Sql.text(enterprise), before),
        rs ->
            new Gap(
                rs.getString(1),
                rs.getString(2),
                rs.getLong(3),
                rs.getLong(4),
                Sql.instant(rs, 5)));
  }
}
