package org.energytrace.ingest.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.ZoneId;
import org.energytrace.ingest.errors.NotFoundException;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.tenant.Scope;

/**
 * A channel named by enterprise, meter and channel codes, found only where the caller's scope
 * reaches its site.
 *
 * @param unit the canonical unit its values are stored in
 * @param originalUnit the unit the device publishes
 * @param unitFactor stored value = published value × unitFactor
 * @param multiplier register units → energy before the first counter event
 * @param zone the site's time zone: its local calendar makes the days
 */
record ScopedChannel(
    long enterpriseId,
    long channelId,
    String kind,
    String unit,
    String originalUnit,
    double unitFactor,
    double multiplier,
    ZoneId zone) {

  /**
   * @throws NotFoundException when the meter or channel is unknown or out of scope
   */
  static ScopedChannel find(
      Connection c, Scope scope, String enterprise, String meter, String channel)
      throws SQLException {
    return Sql.first(
            c,
            "SELECT m.enterprise_id, ch.channel_id, ch.kind, ch.unit, ch.original_unit,"
                + " ch.unit_factor, ch.multiplier, s.time_zone FROM meter m"
                + " JOIN enterprise e ON e.enterprise_id = m.enterprise_id"
                + " JOIN site s ON s.site_id = m.site_id"
                + " LEFT JOIN channel ch ON ch.meter_id = m.meter_id AND ch.name = ?"
                + " WHERE e.code = ? AND m.code = ? AND "
                + Scope.SQL_SITE.formatted("e.code", "s.code"),
            ps ->
                scope.bind(
                    c,
                    ps,
                    Sql.bind(ps, 1, Sql.text(channel), Sql.text(enterprise), Sql.text(meter))),
            rs -> {
              long channelId = rs.getLong(2);
              if (rs.wasNull()) {
                throw new NotFoundException(
                    "channel '" + channel + "' of meter '" + meter + "' not found");
              }
              return new ScopedChannel(
                  rs.getLong(1),
                  channelId,
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getDouble(6),
                  rs.getDouble(7),
                  SiteZones.of(rs.getString(8)));
            })
        .orElseThrow(
            () ->
                new NotFoundException(
                    "meter '" + meter + "' of enterprise '" + enterprise + "' not found"));
  }

  /**
   * The id of the meter named by enterprise and meter codes, where the caller's scope reaches its
   * site.
   *
   * @throws NotFoundException when the meter is unknown or out of scope
   */
  static long meterId(Connection c, Scope scope, String enterprise, String meter)
      throws SQLException {
    return Sql.first(
            c,
            "SELECT m.meter_id FROM meter m JOIN enterprise e ON e.enterprise_id = m.enterprise_id"
                + " JOIN site s ON s.site_id = m.site_id WHERE e.code = ? AND m.code = ? AND "
                + Scope.SQL_SITE.formatted("e.code", "s.code"),
            ps -> scope.bind(c, ps, Sql.bind(ps, 1, enterprise, meter)),
            rs -> rs.getLong(1))
        .orElseThrow(
            () ->
                new NotFoundException(
                    "meter '" + meter + "' of enterprise '" + enterprise + "' not found"));
  }
}
