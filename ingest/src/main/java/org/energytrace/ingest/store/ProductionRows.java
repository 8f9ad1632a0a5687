package org.energytrace.ingest.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.model.ProductionCount;
import org.energytrace.ingest.store.RegistryResolver.Plan;

/** The production counts of a batch from the gateways, written in the batch's transaction. */
final class ProductionRows {
  private ProductionRows() {}

  private static final String INSERT_PRODUCTION =
      "INSERT INTO production_count (enterprise_id, site_id, line, product, ts, period_start,"
          + " quantity, unit, cumulative, quality, received_at)"
          + " SELECT e, s, l, p, t::timestamptz, ps::timestamptz, qn, un, cu, ql, r::timestamptz"
          + " FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[],"
          + " ?::float8[], ?::text[], ?::bool[], ?::int4[], ?::text[])"
          + " AS u(e, s, l, p, t, ps, qn, un, cu, ql, r)"
          + " ON CONFLICT ON CONSTRAINT production_count_key DO NOTHING"
          + " RETURNING enterprise_id, line, product, ts";

  /**
   * Inserts the production counts of {@code plans} (one row per key: the first offered) and answers
   * how many were new; a count stored already is absorbed. New counts of a sealed day are marked
   * for a revision link.
   */
  static int insert(Connection c, List<Plan> plans, Duration sealGrace, Instant now)
      throws SQLException {
    Map<String, Object[]> rows = new LinkedHashMap<>();
    for (Plan plan : plans) {
      for (ProductionCount pc : plan.counts()) {
        Instant ts = pc.ts().truncatedTo(ChronoUnit.MICROS);
        String key =
            plan.gateway().enterpriseId() + "|" + pc.line() + "|" + pc.product() + "|" + ts;
        rows.putIfAbsent(
            key,
            new Object[] {
              plan.gateway().enterpriseId(),
              plan.gateway().siteId(),
              pc.line(),
              pc.product(),
              ts.toString(),
              pc.periodStart() == null ? null : pc.periodStart().toString(),
              pc.quantity(),
              pc.unit(),
              pc.cumulative(),
              (int) pc.quality().code(),
              plan.in().receivedAt().toString()
            });
      }
    }
    if (rows.isEmpty()) {
      return 0;
    }
    List<SealMarks.StoredCount> inserted =
        Sql.list(
            c,
            INSERT_PRODUCTION,
            PgIngestStore.arrays(
                c,
                rows.values(),
                "bigint",
                "bigint",
                "text",
                "text",
                "text",
                "text",
                "float8",
                "text",
                "bool",
                "int4",
                "text"),
            rs ->
                new SealMarks.StoredCount(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getObject(4, OffsetDateTime.class).toInstant()));
    // new counts for a day already sealed (late data): a revision link for that day; a count
    // absorbed as stored already (a gateway's replay) changes nothing and is not marked
    SealMarks.counts(c, inserted, sealGrace, now);
    return inserted.size();
  }
}
