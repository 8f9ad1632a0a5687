package org.energytrace.ingest.dashboard;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.store.MessageNumbers;
import org.energytrace.ingest.store.MessageNumbers.Gap;
import org.energytrace.ingest.tenant.Scope;

/**
 * The state of an enterprise's gateways as the overview shows it: what each last said of itself
 * (its status message: online or offline, why, its software version), when its last message came,
 * and which of its messages never arrived ({@link MessageNumbers}): the data path from the plant,
 * which otherwise only the operator's readiness and metrics showed.
 */
final class GatewayStates {
  private GatewayStates() {}

  /** Ranges of missing numbers listed per gateway, the latest first; the rest are counted. */
  static final int LISTED = 10;

  /**
   * A gateway: its own site and the others it may publish for, its last status ({@code status}
   * null: it never sent one), its last message and number, and its missing numbers: how many in all
   * ({@code missing}), in how many ranges, and the latest {@link #LISTED} ranges.
   */
  record GatewayState(
      String gateway,
      String site,
      List<String> extraSites,
      String status,
      Instant statusAt,
      String statusReason,
      String softwareVersion,
      Instant lastSeen,
      Long lastSeq,
      long missing,
      int missingRanges,
      List<Gap> latestGaps) {}

  /**
   * The gateways of {@code enterprise} whose site is in {@code scope}, by code, with the numbers
   * missing below numbers that arrived at or before {@code before}.
   */
  static List<GatewayState> read(Connection c, Scope scope, String enterprise, Instant before)
      throws SQLException {
    Map<String, List<Gap>> gaps = new LinkedHashMap<>();
    for (Gap g : MessageNumbers.gaps(c, enterprise, before)) {
      gaps.computeIfAbsent(g.gateway(), k -> new ArrayList<>()).add(g);
    }
    return Sql.list(
        c,
        "SELECT g.code, s.code, g.status, g.status_at, g.status_reason, g.software_version,"
            + " g.last_seen, g.last_seq, ARRAY(SELECT xs.code FROM gateway_site gs"
            + " JOIN site xs ON xs.site_id = gs.site_id WHERE gs.gateway_id = g.gateway_id"
            + " ORDER BY xs.code) FROM gateway g JOIN site s ON s.site_id = g.site_id"
            + " JOIN enterprise e ON e.enterprise_id = g.enterprise_id WHERE e.code = ? AND "
            + Scope.SQL_SITE.formatted("e.code", "s.code")
            + " ORDER BY g.code",
        ps -> scope.bind(c, ps, Sql.bind(ps, 1, Sql.text(enterprise))),
        rs -> {
          List<Gap> own = gaps.getOrDefault(rs.getString(1), List.of());
          List<Gap> latest =
              new ArrayList<>(own.subList(Math.max(0, own.size() - LISTED), own.size()));
          Collections.reverse(latest);
          return new GatewayState(
              rs.getString(1),
              rs.getString(2),
              List.of((String[]) rs.getArray(9).getArray()),
              rs.getString(3),
              Sql.instant(rs, 4),
              rs.getString(5),
              rs.getString(6),
              Sql.instant(rs, 7),
              rs.getObject(8, Long.class),
              own.stream().mapToLong(Gap::count).sum(),
              own.size(),
              List.copyOf(latest));
        });
  }
}
