package org.energytrace.ingest.audit;

import javax.sql.DataSource;
import org.energytrace.ingest.jdbc.Sql;

/**
 * The state of a registry row, a quarantined message or a channel's counter events as JSON text:
 * the before/after of an audited change. The public face is {@link PgAuditLog#snapshot}, {@link
 * PgAuditLog#quarantineSnapshot} and {@link PgAuditLog#counterEvents}.
 */
final class AuditSnapshots {
  private static final String METER_SNAPSHOT =
      "SELECT json_build_object('site', s.code, 'gateway', g.code, 'channels',"
          + " (SELECT json_agg(json_build_object('name', c.name, 'unit', c.unit, 'kind', c.kind,"
          + " 'counter_bits', c.counter_bits) ORDER BY c.name) FROM channel c"
          + " WHERE c.meter_id = m.meter_id))::text"
          + " FROM meter m JOIN enterprise e ON e.enterprise_id = m.enterprise_id"
          + " JOIN site s ON s.site_id = m.site_id LEFT JOIN gateway g ON g.gateway_id = m.gateway_id"
          + " WHERE e.code = ? AND m.code = ?";
  private static final String GATEWAY_SNAPSHOT =
      "SELECT json_build_object('site', s.code, 'auto_register_meters', g.auto_register_meters,"
          + " 'extra_sites', ARRAY(SELECT xs.code FROM gateway_site gs JOIN site xs"
          + " ON xs.site_id = gs.site_id WHERE gs.gateway_id = g.gateway_id ORDER BY xs.code))::text"
          + " FROM gateway g JOIN enterprise e ON e.enterprise_id = g.enterprise_id"
          + " JOIN site s ON s.site_id = g.site_id WHERE e.code = ? AND g.code = ?";
  private static final String QUARANTINE_SNAPSHOT =
      "SELECT " + quarantineState("q", "q.status") + " FROM quarantine q WHERE quarantine_id = ?";
  private static final String COUNTER_EVENTS =
      "SELECT coalesce((SELECT json_agg(json_build_object('id', ev.event_id, 'ts', ev.ts,"
          + " 'kind', ev.kind, 'closing_value', ev.closing_value, 'opening_value',"
          + " ev.opening_value, 'multiplier', ev.multiplier, 'note', ev.note)"
          + " ORDER BY ev.ts) FROM counter_event ev WHERE ev.channel_id = ch.channel_id),"
          + " '[]'::json)::text"
          + " FROM channel ch JOIN meter m ON m.meter_id = ch.meter_id"
          + " JOIN enterprise e ON e.enterprise_id = m.enterprise_id"
          + " WHERE e.code = ? AND m.code = ? AND ch.name = ?";

  private final DataSource dataSource;

  AuditSnapshots(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** See {@link PgAuditLog#snapshot}. */
  String snapshot(String kind, String enterprise, String code) {
    String sql =
        switch (kind) {
          case "meter" -> METER_SNAPSHOT;
          case "gateway" -> GATEWAY_SNAPSHOT;
          default -> throw new IllegalArgumentException(kind);
        };
    return text(sql, "reading " + kind + " for the audit log", enterprise, code);
  }

  /** See {@link PgAuditLog#quarantineState}. */
  static String quarantineState(String row, String status) {
    return ("json_build_object('status', %2$s, 'reason', %1$s.reason, 'topic', %1$s.topic,"
            + " 'attempts', %1$s.attempts)::text")
        .formatted(row, status);
  }

  /** See {@link PgAuditLog#quarantineSnapshot}. */
  String quarantineSnapshot(long id) {
    return text(QUARANTINE_SNAPSHOT, "reading a quarantined message for the audit log", id);
  }

  /** See {@link PgAuditLog#counterEvents}. */
  String counterEvents(String enterprise, String meter, String channel) {
    return text(
        COUNTER_EVENTS, "reading counter events for the audit log", enterprise, meter, channel);
  }

  /** The first column of the first row of {@code sql} with {@code args}, or null for no row. */
  private String text(String sql, String what, Object... args) {
    return Sql.first(dataSource, what, sql, Sql.args(args), rs -> rs.getString(1)).orElse(null);
  }
}
